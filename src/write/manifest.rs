//! The manifest a build writes at its output's root, and reading it back.
//!
//! It is the one thing that tells telemachy's own output, which a build may
//! replace, from anything else: the output-folder rules read it, and the
//! writer writes it, so its format lives apart from both.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Component, Path};

use sha2::{Digest, Sha256};

use super::{WriteError, io_error};
use crate::render::Site;

/// The manifest at the root of every output. It names every file and folder
/// the build wrote, so the next build can tell its own output, which it
/// replaces, from anything else, which it refuses to touch.
pub const MANIFEST: &str = ".telemachy-output";

/// The manifest's first line: what wrote it, and the version of its format.
pub(super) const MANIFEST_HEADER: &str = "telemachy output 1";

/// Said to whoever opens the manifest. Entries are hashes, not paths, as the
/// manifest is published with the site and the paths of personal pages in a
/// public build are capability URLs.
const MANIFEST_NOTE: &str = "\
# Written by `telemachy build`: this folder is its output, and the next build
# replaces it whole. Each line below is a file or folder (path ending in /)
# that the build wrote, as the first 128 bits of the SHA-256 of its path in
# the folder. The next build refuses to replace the folder while it holds
# anything not listed here, so nothing added by hand is ever deleted.
";
/// What a folder's manifest says.
pub(super) enum Manifest {
    /// There is none.
    Absent,
    /// There is one, but telemachy did not write it as it is.
    Damaged,
    /// The keys of every entry the build wrote.
    Lists(HashSet<u128>),
}

pub(super) fn read_manifest(dir: &Path) -> Result<Manifest, WriteError> {
    let path = dir.join(MANIFEST);
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Ok(Manifest::Damaged),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Manifest::Absent),
        Err(e) => return Err(io_error(format!("reading {}", path.display()))(e)),
    }
    let bytes = fs::read(&path).map_err(io_error(format!("reading {}", path.display())))?;
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Ok(Manifest::Damaged);
    };
    let mut lines = text.lines();
    if lines.next() != Some(MANIFEST_HEADER) {
        return Ok(Manifest::Damaged);
    }
    let mut listed = HashSet::new();
    for line in lines.filter(|l| !l.starts_with('#')) {
        let key = (line.len() == 32 && line.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| u128::from_str_radix(line, 16).ok())
            .flatten();
        match key {
            Some(key) => listed.insert(key),
            None => return Ok(Manifest::Damaged),
        };
    }
    Ok(Manifest::Lists(listed))
}

/// A relative path as the site names it: `/`-separated plain components.
pub(super) fn site_path(relative: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(name) => parts.push(name.to_str()?),
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// How the manifest lists an entry: the first 128 bits of the SHA-256 of
/// its path, with a trailing `/` for a folder.
pub(super) fn entry_key(path: &str) -> u128 {
    let digest = Sha256::digest(path.as_bytes());
    let mut first = [0; 16];
    first.copy_from_slice(&digest[..16]);
    u128::from_be_bytes(first)
}

/// The manifest of `site`: every file and every folder on the way to one.
pub(super) fn manifest(site: &Site) -> Result<String, WriteError> {
    let mut keys = BTreeSet::new();
    for (path, _) in site.files() {
        let path = site_path(Path::new(path))
            .filter(|p| p != MANIFEST)
            .ok_or_else(|| WriteError::UnsafePath(path.to_string()))?;
        for (end, _) in path.match_indices('/') {
            keys.insert(entry_key(&path[..=end]));
        }
        keys.insert(entry_key(&path));
    }
    let mut text = format!("{MANIFEST_HEADER}\n{MANIFEST_NOTE}");
    for key in keys {
        let _ = writeln!(text, "{key:032x}");
    }
    Ok(text)
}
