//! Copies of the demo program, builds of them, and the files they produce.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// "Now" for every build, so upcoming sessions and warnings are fixed.
pub const TODAY: &str = "2026-04-15";

/// A capability-URL secret of 128 bits, written as 32 hex digits.
pub const SECRET: &str = "3f9a0c47d2b81e65a7c4390df12e8b56";

/// A built site: output-relative path (with `/`) → bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// A copy of the demo program (`data/`, `content/`, `themes/`) in a fresh
/// temporary directory that is not a git repository.
pub struct Demo {
    dir: tempfile::TempDir,
}

impl Demo {
    /// Copies the demo program.
    pub fn new() -> Demo {
        let dir = tempfile::tempdir().unwrap();
        crate::common::copy_demo(&dir.path().join("program"));
        Demo { dir }
    }

    /// The program's root.
    pub fn root(&self) -> PathBuf {
        self.dir.path().join("program")
    }

    /// The temporary directory holding the program, a place for output.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `telemachy build` on this copy into `out`.
    pub fn build(&self, out: &Path, audience: &str, secret: Option<&str>) -> Run {
        self.build_with_env(out, audience, secret, &[])
    }

    /// Runs `telemachy build` with extra environment variables.
    pub fn build_with_env(
        &self,
        out: &Path,
        audience: &str,
        secret: Option<&str>,
        env: &[(&str, &Path)],
    ) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_telemachy"));
        command
            .arg("build")
            .arg("--root")
            .arg(self.root())
            .arg("--out")
            .arg(out)
            .args(["--audience", audience, "--today", TODAY])
            .env("NO_COLOR", "1")
            // Keep git from finding a repository above the temporary
            // directory, so "last updated" never depends on the machine.
            .env("GIT_CEILING_DIRECTORIES", self.dir())
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("TELEMACHY_SECRET");
        if let Some(secret) = secret {
            command.env("TELEMACHY_SECRET", secret);
        }
        for (name, value) in env {
            command.env(name, value);
        }
        let output = command.output().expect("running telemachy");
        let run = Run {
            code: output.status.code(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "telemachy panicked:\n{}",
            run.stderr
        );
        run
    }

    /// Replaces the first `from` in a program file with `to`.
    pub fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.root().join(file);
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(text.contains(from), "{file} has no `{from}` to change");
        fs::write(&path, text.replacen(from, to, 1)).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
}

/// How a run of the binary ended.
pub struct Run {
    /// Exit code.
    pub code: Option<i32>,
    /// What it printed to stderr.
    pub stderr: String,
}

/// Every file under `dir`, by `/`-separated relative path.
pub fn read_tree(dir: &Path) -> Files {
    let mut files = Files::new();
    read_into(dir, "", &mut files);
    files
}

fn read_into(dir: &Path, prefix: &str, files: &mut Files) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = format!("{prefix}{name}");
        let path = entry.path();
        if path.is_dir() {
            read_into(&path, &format!("{relative}/"), files);
        } else {
            let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            files.insert(relative, bytes);
        }
    }
}

/// Builds a fresh copy of the demo and reads the site into memory.
fn built(audience: &str, secret: Option<&str>) -> Files {
    let demo = Demo::new();
    let out = demo.dir().join("public");
    let run = demo.build(&out, audience, secret);
    assert_eq!(
        run.code,
        Some(0),
        "the demo does not build for {audience}:\n{}",
        run.stderr
    );
    read_tree(&out)
}

/// The demo built for the public, without a secret.
pub fn public_site() -> &'static Files {
    static SITE: OnceLock<Files> = OnceLock::new();
    SITE.get_or_init(|| built("public", None))
}

/// The demo built for the program team.
pub fn staff_site() -> &'static Files {
    static SITE: OnceLock<Files> = OnceLock::new();
    SITE.get_or_init(|| built("staff", None))
}

/// The demo built for the public with [`SECRET`] set.
pub fn secret_site() -> &'static Files {
    static SITE: OnceLock<Files> = OnceLock::new();
    SITE.get_or_init(|| built("public", Some(SECRET)))
}

/// A file of a site as text.
pub fn text<'a>(site: &'a Files, path: &str) -> &'a str {
    let bytes = site
        .get(path)
        .unwrap_or_else(|| panic!("the site has no {path}"));
    std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path} is not UTF-8: {e}"))
}

/// The HTML pages of a site, as text.
pub fn html_pages(site: &Files) -> impl Iterator<Item = (&str, &str)> {
    site.keys()
        .filter(|path| path.ends_with(".html"))
        .map(|path| (path.as_str(), text(site, path)))
}

/// `text` with HTML/XML character references decoded.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest
            .find(';')
            .filter(|end| *end <= 12)
            .and_then(|end| entity(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).ok()?
    } else if let Some(decimal) = name.strip_prefix('#') {
        decimal.parse().ok()?
    } else {
        return match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => None,
        };
    };
    char::from_u32(code)
}

/// `text` with `%XX` escapes decoded, as a browser shows a URL.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes `files` under `dir`, as a previous build would have.
pub fn write_tree(dir: &Path, files: &Files) {
    for (path, bytes) in files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        fs::write(&target, bytes).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    }
}

/// What changed from `before` to `after`: files added, removed or changed.
pub fn differences(before: &Files, after: &Files) -> Vec<String> {
    let mut changes = Vec::new();
    for (path, bytes) in before {
        match after.get(path) {
            None => changes.push(format!("removed {path}")),
            Some(now) if now != bytes => changes.push(format!("changed {path}")),
            Some(_) => {}
        }
    }
    changes.extend(
        after
            .keys()
            .filter(|path| !before.contains_key(*path))
            .map(|path| format!("added {path}")),
    );
    changes
}

/// The names in a directory, sorted: the output and anything beside it.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}
