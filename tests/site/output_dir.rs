//! SPEC §6: a build writes only into a folder that does not exist, is
//! empty, or holds a previous output of telemachy (known by its
//! `.telemachy-output`). Every other folder is refused with exit 2 and a
//! message that names it and says what to do, and every file around it is
//! left byte for byte as it was: the program's folder, its ancestors and
//! its sources however the path is spelled, a file, a folder of someone
//! else's files, and a previous output with files added by hand.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Demo, Run, TODAY, entries, read_tree};

/// The manifest at the root of every output.
const MANIFEST: &str = ".telemachy-output";

/// One entry under a folder, as found without following links.
#[derive(Debug, PartialEq, Eq)]
enum Entry {
    Folder,
    File(Vec<u8>),
    Link(PathBuf),
}

/// Every entry under `dir`, symbolic links included and not followed.
fn snapshot(dir: &Path) -> BTreeMap<String, Entry> {
    let mut found = BTreeMap::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((at, prefix)) = stack.pop() {
        for entry in fs::read_dir(&at).unwrap_or_else(|e| panic!("{}: {e}", at.display())) {
            let entry = entry.unwrap_or_else(|e| panic!("{}: {e}", at.display()));
            let path = entry.path();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            let kind = fs::symlink_metadata(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .file_type();
            let seen = if kind.is_symlink() {
                Entry::Link(fs::read_link(&path).unwrap_or_default())
            } else if kind.is_dir() {
                stack.push((path.clone(), format!("{name}/")));
                Entry::Folder
            } else {
                Entry::File(fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
            };
            found.insert(name, seen);
        }
    }
    found
}

/// What differs between two snapshots, one line per entry.
fn changes(before: &BTreeMap<String, Entry>, after: &BTreeMap<String, Entry>) -> Vec<String> {
    let mut changed: Vec<String> = before
        .iter()
        .filter(|(name, entry)| after.get(*name) != Some(entry))
        .map(|(name, _)| format!("changed or removed {name}"))
        .collect();
    changed.extend(
        after
            .keys()
            .filter(|name| !before.contains_key(*name))
            .map(|name| format!("added {name}")),
    );
    changed
}

/// Runs `telemachy build` on the demo copy from `cwd` with `--out` exactly
/// as given.
fn build_from(demo: &Demo, cwd: &Path, out: &Path, audience: &str) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .current_dir(cwd)
        .arg("build")
        .arg("--root")
        .arg(demo.root())
        .arg("--out")
        .arg(out)
        .args(["--audience", audience, "--today", TODAY])
        .env("NO_COLOR", "1")
        .env("GIT_CEILING_DIRECTORIES", demo.dir())
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("TELEMACHY_SECRET")
        .output()
        .expect("running telemachy");
    let run = Run {
        code: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
    }
    fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap_or_else(|e| panic!("{}: {e}", link.display()));
}

/// A folder the build must refuse: how to prepare it, the `--out` given,
/// from which folder, and what the message must say.
struct Refused {
    what: &'static str,
    prepare: fn(&Demo),
    cwd: fn(&Demo) -> PathBuf,
    out: fn(&Demo) -> PathBuf,
    because: &'static str,
}

fn in_program(demo: &Demo) -> PathBuf {
    demo.root()
}

fn in_temp(demo: &Demo) -> PathBuf {
    demo.dir().to_path_buf()
}

fn nothing(_: &Demo) {}

/// Runs every case on a fresh copy of the demo, and returns what went wrong.
fn refusals(cases: &[Refused]) -> Vec<String> {
    let mut failures = Vec::new();
    for case in cases {
        let demo = Demo::new();
        (case.prepare)(&demo);
        let out = (case.out)(&demo);
        let before = snapshot(demo.dir());
        let run = build_from(&demo, &(case.cwd)(&demo), &out, "public");
        let given = out.display().to_string();
        let mut wrong = Vec::new();
        if run.code != Some(2) {
            wrong.push(format!("exit {:?}, not 2", run.code));
        }
        let message = format!("refusing to write the site to {given}");
        for expected in [
            message.as_str(),
            case.because,
            "nothing was changed",
            "help: ",
        ] {
            if !run.stderr.contains(expected) {
                wrong.push(format!("no `{expected}` in the message"));
            }
        }
        let changed = changes(&before, &snapshot(demo.dir()));
        if let Some(first) = changed.first() {
            wrong.push(format!("{} entries changed, first {first}", changed.len()));
        }
        if !wrong.is_empty() {
            let last = run.stderr.trim().lines().last().unwrap_or_default();
            failures.push(format!(
                "{} (--out {given}): {}\n    last line: {last}",
                case.what,
                wrong.join("; ")
            ));
        }
    }
    failures
}

#[test]
fn the_program_and_every_folder_of_its_sources_are_refused_however_they_are_spelled() {
    let sources = |folder: &'static str| match folder {
        "data" => "program's sources (`data/`)",
        "content" => "program's sources (`content/`)",
        "themes" => "program's sources (`themes/`)",
        "static" => "program's sources (`static/`)",
        _ => "program's sources (`.git/`)",
    };
    let mut cases = vec![
        Refused {
            what: "the learners, sessions and program file's folder",
            prepare: nothing,
            cwd: in_temp,
            out: |demo| demo.root().join("data"),
            because: sources("data"),
        },
        Refused {
            what: "data, relative to the program",
            prepare: nothing,
            cwd: in_program,
            out: |_| PathBuf::from("data"),
            because: sources("data"),
        },
        Refused {
            what: "data with a trailing slash",
            prepare: nothing,
            cwd: in_program,
            out: |_| PathBuf::from("data/"),
            because: sources("data"),
        },
        Refused {
            what: "data through `..` from another folder",
            prepare: |demo| write(&demo.dir().join("elsewhere/readme.txt"), "x"),
            cwd: |demo| demo.dir().join("elsewhere"),
            out: |_| PathBuf::from("../program/./data"),
            because: sources("data"),
        },
        Refused {
            what: "the learners' folder",
            prepare: nothing,
            cwd: in_program,
            out: |_| PathBuf::from("data/learners"),
            because: sources("data"),
        },
        Refused {
            what: "the sessions' folder",
            prepare: nothing,
            cwd: in_temp,
            out: |demo| demo.root().join("data/sessions"),
            because: sources("data"),
        },
        Refused {
            what: "a new folder inside data",
            prepare: nothing,
            cwd: in_program,
            out: |_| PathBuf::from("data/site"),
            because: sources("data"),
        },
        Refused {
            what: "the curriculum",
            prepare: nothing,
            cwd: in_program,
            out: |_| PathBuf::from("content"),
            because: sources("content"),
        },
        Refused {
            what: "one learning path",
            prepare: nothing,
            cwd: in_program,
            out: |_| PathBuf::from("content/paths/data-analysis"),
            because: sources("content"),
        },
        Refused {
            what: "the themes",
            prepare: nothing,
            cwd: in_program,
            out: |_| PathBuf::from("themes"),
            because: sources("themes"),
        },
        Refused {
            what: "a static folder",
            prepare: |demo| write(&demo.root().join("static/logo.svg"), "<svg/>"),
            cwd: in_program,
            out: |_| PathBuf::from("static"),
            because: sources("static"),
        },
        Refused {
            what: "the git history",
            prepare: |demo| write(&demo.root().join(".git/HEAD"), "ref: refs/heads/main\n"),
            cwd: in_program,
            out: |_| PathBuf::from(".git"),
            because: sources(".git"),
        },
        Refused {
            what: "a new folder inside the git history",
            prepare: |demo| write(&demo.root().join(".git/HEAD"), "ref: refs/heads/main\n"),
            cwd: in_program,
            out: |_| PathBuf::from(".git/site"),
            because: sources(".git"),
        },
        Refused {
            what: "a program file",
            prepare: nothing,
            cwd: in_program,
            out: |_| PathBuf::from("data/program.yaml"),
            because: sources("data"),
        },
        Refused {
            what: "the program's own folder",
            prepare: nothing,
            cwd: in_program,
            out: |_| PathBuf::from("."),
            because: "it is the program's own folder",
        },
        Refused {
            what: "the folder holding the program",
            prepare: nothing,
            cwd: in_program,
            out: |_| PathBuf::from(".."),
            because: "it holds the program's folder",
        },
        Refused {
            what: "the folder holding the program, by its absolute path",
            prepare: nothing,
            cwd: in_program,
            out: |demo| demo.dir().to_path_buf(),
            because: "it holds the program's folder",
        },
    ];
    #[cfg(unix)]
    cases.extend([
        Refused {
            what: "a symbolic link to data",
            prepare: |demo| symlink(&demo.root().join("data"), &demo.dir().join("site")),
            cwd: in_temp,
            out: |_| PathBuf::from("site"),
            because: sources("data"),
        },
        Refused {
            what: "data through a symbolic link to the program",
            prepare: |demo| symlink(&demo.root(), &demo.dir().join("program-link")),
            cwd: in_temp,
            out: |_| PathBuf::from("program-link/data"),
            because: sources("data"),
        },
        Refused {
            what: "the program through a symbolic link",
            prepare: |demo| symlink(&demo.root(), &demo.dir().join("program-link")),
            cwd: in_temp,
            out: |_| PathBuf::from("program-link/"),
            because: "it is the program's own folder",
        },
    ]);
    let failures = refusals(&cases);
    assert!(
        failures.is_empty(),
        "{} of {} folders were not refused cleanly:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn a_folder_telemachy_did_not_write_is_refused() {
    let mut cases = vec![
        Refused {
            what: "a folder of someone else's files",
            prepare: |demo| {
                write(&demo.dir().join("work/thesis.tex"), "\\begin{document}");
                write(&demo.dir().join("work/figures/plot.svg"), "<svg/>");
            },
            cwd: in_temp,
            out: |_| PathBuf::from("work"),
            because: "it holds `figures/`, `thesis.tex`, which telemachy did not write",
        },
        Refused {
            what: "another program",
            prepare: |demo| {
                write(
                    &demo.dir().join("other/data/program.yaml"),
                    "title: Other\n",
                )
            },
            cwd: in_temp,
            out: |_| PathBuf::from("other"),
            because: "it holds `data/`, which telemachy did not write",
        },
        Refused {
            what: "a site without a manifest",
            prepare: |demo| write(&demo.dir().join("old-site/index.html"), "<h1>Old</h1>"),
            cwd: in_temp,
            out: |_| PathBuf::from("old-site"),
            because: "there is no `.telemachy-output`",
        },
        Refused {
            what: "a folder with a manifest telemachy did not write",
            prepare: |demo| {
                write(
                    &demo.dir().join("site/.telemachy-output"),
                    "not a manifest\n",
                );
                write(&demo.dir().join("site/index.html"), "<h1>Mine</h1>");
            },
            cwd: in_temp,
            out: |_| PathBuf::from("site"),
            because: "its `.telemachy-output` is not one telemachy wrote",
        },
        Refused {
            what: "a file",
            prepare: |demo| write(&demo.dir().join("notes.txt"), "mine"),
            cwd: in_temp,
            out: |_| PathBuf::from("notes.txt"),
            because: "it is a file, not a folder",
        },
        Refused {
            what: "a folder under a file",
            prepare: |demo| write(&demo.dir().join("notes.txt"), "mine"),
            cwd: in_temp,
            out: |_| PathBuf::from("notes.txt/site"),
            because: "it is a file, not a folder",
        },
    ];
    #[cfg(unix)]
    cases.extend([
        Refused {
            what: "a folder holding a learning path the program reads through a link",
            prepare: |demo| {
                let path = demo.root().join("content/paths/data-analysis");
                let shared = demo.dir().join("shared");
                fs::create_dir_all(&shared).unwrap();
                fs::rename(&path, shared.join("data-analysis")).unwrap();
                symlink(&shared.join("data-analysis"), &path);
            },
            cwd: in_temp,
            out: |_| PathBuf::from("shared"),
            because: "it holds `data-analysis/`, which telemachy did not write",
        },
        Refused {
            what: "a symbolic link to an empty folder",
            prepare: |demo| {
                fs::create_dir_all(demo.dir().join("real")).unwrap();
                symlink(&demo.dir().join("real"), &demo.dir().join("site"));
            },
            cwd: in_temp,
            out: |_| PathBuf::from("site"),
            because: "it is a symbolic link",
        },
        Refused {
            what: "a symbolic link to nothing",
            prepare: |demo| symlink(&demo.dir().join("gone"), &demo.dir().join("site")),
            cwd: in_temp,
            out: |_| PathBuf::from("site"),
            because: "is a symbolic link to nothing",
        },
    ]);
    let failures = refusals(&cases);
    assert!(
        failures.is_empty(),
        "{} of {} folders were not refused cleanly:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn a_previous_output_with_files_added_by_hand_is_refused() {
    let demo = Demo::new();
    let out = demo.dir().join("public");
    let first = build_from(&demo, demo.dir(), &out, "public");
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    write(&out.join("CNAME"), "mentoring.example.org\n");
    write(&out.join("drafts/notes.md"), "mine");
    let before = snapshot(demo.dir());
    let again = build_from(&demo, demo.dir(), &out, "public");
    assert_eq!(again.code, Some(2), "{}", again.stderr);
    assert!(
        again.stderr.contains(&format!(
            "refusing to write the site to {}: it holds `CNAME`, `drafts/`, which the last build did not write",
            out.display()
        )) && again.stderr.contains("help: move those out of the folder"),
        "{}",
        again.stderr
    );
    let changed = changes(&before, &snapshot(demo.dir()));
    assert!(changed.is_empty(), "{}", changed.join("\n"));
}

#[test]
fn a_new_an_empty_and_a_previous_output_folder_are_built_into() {
    let demo = Demo::new();
    let out = demo.dir().join("site");
    let new = build_from(&demo, demo.dir(), &out, "staff");
    assert_eq!(new.code, Some(0), "a new folder: {}", new.stderr);
    let staff = read_tree(&out);
    assert!(staff.keys().any(|p| p.starts_with("learners/")));
    let manifest = staff
        .get(MANIFEST)
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        .unwrap_or_else(|| panic!("the build wrote no {MANIFEST}"));
    assert!(manifest.starts_with("telemachy output 1\n"), "{manifest}");
    // One line for every file the build wrote and every folder on the way.
    let mut written = std::collections::BTreeSet::new();
    for path in staff.keys().filter(|p| *p != MANIFEST) {
        written.insert(path.clone());
        for (end, _) in path.match_indices('/') {
            written.insert(path[..=end].to_string());
        }
    }
    let listed = manifest.lines().filter(|l| !l.starts_with('#')).count() - 1;
    assert_eq!(listed, written.len(), "{manifest}");

    let previous = build_from(&demo, demo.dir(), &out, "public");
    assert_eq!(
        previous.code,
        Some(0),
        "a previous output: {}",
        previous.stderr
    );
    let public = read_tree(&out);
    assert!(
        !public.keys().any(|p| p.starts_with("learners/")),
        "the staff build's learner pages were left in the public site"
    );
    assert!(public.contains_key(MANIFEST));
    assert_eq!(entries(demo.dir()), ["program", "site"]);

    let empty = demo.dir().join("empty");
    fs::create_dir_all(&empty).unwrap();
    let run = build_from(&demo, demo.dir(), &empty, "public");
    assert_eq!(run.code, Some(0), "an empty folder: {}", run.stderr);
    assert_eq!(read_tree(&empty), public);
    assert_eq!(entries(demo.dir()), ["empty", "program", "site"]);
}

#[test]
fn a_safe_folder_is_built_into_however_it_is_spelled() {
    let demo = Demo::new();
    let beside = build_from(&demo, &demo.root(), Path::new("../site/"), "public");
    assert_eq!(beside.code, Some(0), "{}", beside.stderr);
    assert!(demo.dir().join("site/index.html").is_file());
    #[cfg(unix)]
    {
        fs::create_dir_all(demo.dir().join("www")).unwrap();
        symlink(&demo.dir().join("www"), &demo.dir().join("www-link"));
        let linked = build_from(&demo, demo.dir(), Path::new("www-link/public"), "public");
        assert_eq!(linked.code, Some(0), "{}", linked.stderr);
        assert!(demo.dir().join("www/public/index.html").is_file());
        assert_eq!(entries(&demo.dir().join("www")), ["public"]);
    }
}

#[test]
fn a_killed_builds_leftovers_are_cleared_but_only_when_telemachy_made_them() {
    let demo = Demo::new();
    let out = demo.dir().join("public");
    let first = build_from(&demo, demo.dir(), &out, "public");
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let site = read_tree(&out);
    let copy = |name: &str, skip: Option<&str>| {
        for (path, bytes) in &site {
            if !skip.is_some_and(|s| path.starts_with(s)) {
                write(&demo.dir().join(name).join(path), bytes);
            }
        }
    };
    // Killed while writing: the manifest first, then only some files.
    copy(".public.new-4001", Some("paths/"));
    // Killed after moving the old site aside.
    copy(".public.old-4002", None);
    // Named like leftovers, but holding what telemachy did not write.
    copy(".public.old-4003", None);
    write(&demo.dir().join(".public.old-4003/notes.txt"), "mine");
    write(&demo.dir().join(".public.new-4004/thesis.tex"), "mine");
    let kept: Vec<_> = [".public.old-4003", ".public.new-4004"]
        .iter()
        .map(|name| (name, snapshot(&demo.dir().join(name))))
        .collect();

    let run = build_from(&demo, demo.dir(), &out, "public");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        entries(demo.dir()),
        [".public.new-4004", ".public.old-4003", "program", "public"],
        "only the leftovers telemachy made should be gone"
    );
    for (name, before) in &kept {
        let changed = changes(before, &snapshot(&demo.dir().join(name)));
        assert!(changed.is_empty(), "{name}: {}", changed.join("\n"));
        assert!(
            run.stderr.contains(&format!(
                "warning: left {}",
                demo.dir().join(name).display()
            )),
            "{name} should be named as left alone:\n{}",
            run.stderr
        );
    }
}

#[test]
fn serve_writes_nothing() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let demo = Demo::new();
    let before = snapshot(demo.dir());
    let mut server = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .arg("serve")
        .arg("--root")
        .arg(demo.root())
        .args(["--port", "0", "--today", TODAY])
        .current_dir(demo.dir())
        .env("GIT_CEILING_DIRECTORIES", demo.dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting serve");
    let mut line = String::new();
    if let Some(stdout) = server.stdout.take() {
        let _ = BufReader::new(stdout).read_line(&mut line);
    }
    let _ = server.kill();
    let _ = server.wait();
    assert!(line.starts_with("serving "), "serve did not start: {line}");
    let changed = changes(&before, &snapshot(demo.dir()));
    assert!(changed.is_empty(), "serve wrote:\n{}", changed.join("\n"));
}
