//! The output-folder rules and the writer, on real folders.

use super::manifest::{MANIFEST_HEADER, entry_key, manifest};
use super::*;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn refuses_the_program_root_and_its_parents() {
    let dir = temp();
    let root = dir.path().join("program");
    fs::create_dir_all(root.join("data")).unwrap_or_default();
    assert!(check_output_dir(&root, &root).is_err());
    assert!(check_output_dir(&root, dir.path()).is_err());
    assert!(check_output_dir(&root, &root.join("public")).is_ok());
}

#[test]
fn refuses_a_directory_that_holds_a_program() {
    let dir = temp();
    let root = dir.path().join("program");
    fs::create_dir_all(&root).unwrap_or_default();
    let other = dir.path().join("other");
    fs::create_dir_all(other.join("content")).unwrap_or_default();
    assert!(check_output_dir(&root, &other).is_err());
}

#[test]
fn dots_are_resolved_before_the_rules_apply() {
    let dir = temp();
    let root = dir.path().join("program");
    fs::create_dir_all(root.join("data")).unwrap_or_default();
    let beside = check_output_dir(&root, &root.join("../site"));
    assert_eq!(
        beside.ok(),
        fs::canonicalize(dir.path()).ok().map(|d| d.join("site"))
    );
    for out in ["../program/data", "new/../data", "data/./learners/.."] {
        let refused = check_output_dir(&root, &root.join(out));
        assert!(
            matches!(
                refused,
                Err(WriteError::Refused {
                    reason: Refusal::InSources("data"),
                    ..
                })
            ),
            "{out}: {refused:?}"
        );
    }
}

#[test]
fn refuses_the_parse_cache_folder() {
    let dir = temp();
    let root = dir.path().join("program");
    fs::create_dir_all(root.join("data")).unwrap_or_default();
    for out in [".telemachy", ".telemachy/cache", ".telemachy/site"] {
        let refused = check_output_dir(&root, &root.join(out));
        assert!(
            matches!(
                refused,
                Err(WriteError::Refused {
                    reason: Refusal::InSources(".telemachy"),
                    ..
                })
            ),
            "{out}: {refused:?}"
        );
    }
}

#[test]
fn a_file_added_during_the_build_is_never_deleted() {
    let dir = temp();
    let out = dir.path().join("public");
    let mut first = Site::new();
    first.insert("index.html", "kept");
    write_site(&out, &first).unwrap();
    let root = dir.path().join("program");
    fs::create_dir_all(&root).unwrap_or_default();
    let out = check_output_dir(&root, &out).unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap_or_default();
    let mut second = Site::new();
    second.insert("index.html", "new");
    let refused = write_site(&out, &second);
    assert!(
        matches!(
            refused,
            Err(WriteError::Refused {
                reason: Refusal::AddedByHand(_),
                ..
            })
        ),
        "{refused:?}"
    );
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).ok().as_deref(),
        Some("mine")
    );
    assert_eq!(
        fs::read_to_string(out.join("index.html")).ok().as_deref(),
        Some("kept")
    );
    let beside: Vec<_> = fs::read_dir(dir.path())
        .into_iter()
        .flatten()
        .flatten()
        .collect();
    assert_eq!(beside.len(), 2, "the staging folder was left behind");
}

#[test]
fn the_manifest_lists_files_and_folders_without_naming_them() {
    let mut site = Site::new();
    site.insert("index.html", "");
    site.insert("learners/3f9a0c47d2b81e65/index.html", "");
    let text = manifest(&site).unwrap();
    assert!(text.starts_with(MANIFEST_HEADER));
    assert!(!text.contains("3f9a0c47"), "{text}");
    let listed: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with(['#', 't']))
        .collect();
    assert_eq!(listed.len(), 4, "two files and two folders:\n{text}");
    assert!(listed.contains(&format!("{:032x}", entry_key("learners/")).as_str()));
}

#[test]
fn leftovers_are_known_by_name_only_to_be_looked_at() {
    assert!(is_leftover(".public.new-123", "public"));
    assert!(is_leftover(".public.old-9", "public"));
    assert!(!is_leftover(".public.old-", "public"));
    assert!(!is_leftover(".public.old-9x", "public"));
    assert!(!is_leftover(".site.new-1", "public"));
    assert!(!is_leftover("public.new-1", "public"));
}

#[cfg(unix)]
#[test]
fn refuses_a_symlinked_output() {
    let dir = temp();
    let root = dir.path().join("program");
    fs::create_dir_all(&root).unwrap_or_default();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap_or_default();
    let link = root.join("public");
    std::os::unix::fs::symlink(&elsewhere, &link).unwrap_or_default();
    assert!(check_output_dir(&root, &link).is_err());
}

#[test]
fn replaces_the_output_whole() {
    let dir = temp();
    let out = dir.path().join("public");
    let mut first = Site::new();
    first.insert("index.html", "one");
    first.insert("old/page.html", "stale");
    write_site(&out, &first).unwrap();
    let mut second = Site::new();
    second.insert("index.html", "two");
    write_site(&out, &second).unwrap();
    assert_eq!(
        fs::read_to_string(out.join("index.html")).unwrap_or_default(),
        "two"
    );
    assert!(!out.join("old/page.html").exists());
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .into_iter()
        .flatten()
        .flatten()
        .collect();
    assert_eq!(leftovers.len(), 1, "staging directories left behind");
}

#[test]
fn a_path_escaping_the_output_leaves_the_old_site() {
    let dir = temp();
    let out = dir.path().join("public");
    let mut first = Site::new();
    first.insert("index.html", "kept");
    write_site(&out, &first).unwrap();
    let mut bad = Site::new();
    bad.insert("index.html", "new");
    bad.insert("../escape.html", "x");
    assert!(write_site(&out, &bad).is_err());
    assert_eq!(
        fs::read_to_string(out.join("index.html")).unwrap_or_default(),
        "kept"
    );
    assert!(!dir.path().join("escape.html").exists());
}
