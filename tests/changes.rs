//! `telemachy changes`: a coordinator commits an edit to the demo program
//! and asks what changed, as a terminal report, a pull-request comment and
//! JSON.
//!
//! Each test makes a git repository in a temporary folder from a copy of
//! the demo program, commits it, edits and commits again, and runs the
//! binary. Commits are made with `-c user.name`/`-c user.email`, so the
//! tests run on a machine where git has never been set up.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

/// The demo program's reference date, as in its learner files.
const TODAY: &str = "2026-04-15";

/// A git repository holding a copy of the demo program, committed once.
struct Repo {
    dir: tempfile::TempDir,
    /// The program's folder in the repository (`""`: at its top).
    folder: &'static str,
}

impl Repo {
    fn new() -> Repo {
        Repo::with_program_in("")
    }

    fn with_program_in(folder: &'static str) -> Repo {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temporary folder: {e}"));
        common::copy_demo(&dir.path().join(folder));
        let repo = Repo { dir, folder };
        repo.git(&["init", "--quiet"]);
        repo.commit("The demo program");
        repo
    }

    fn top(&self) -> &Path {
        self.dir.path()
    }

    fn root(&self) -> PathBuf {
        self.top().join(self.folder)
    }

    fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .arg("-C")
            .arg(self.top())
            .args([
                "-c",
                "user.name=Ruth Coordinator",
                "-c",
                "user.email=ruth@northbridge.example",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("git could not be run: {e}"));
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "--all"]);
        self.git(&["commit", "--quiet", "--message", message]);
    }

    /// A file of the program.
    fn path(&self, file: &str) -> PathBuf {
        self.root().join(file)
    }

    /// Replaces the first `old` in `file` with `new`.
    fn edit(&self, file: &str, old: &str, new: &str) {
        let path = self.path(file);
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(text.contains(old), "{file} does not hold {old:?}");
        fs::write(&path, text.replacen(old, new, 1)).unwrap_or_else(|e| panic!("{file}: {e}"));
    }

    /// Writes a new learner file from Finn McCarthy's, under another id
    /// and name, with no consent to publish anything.
    fn add_learner(&self, id: &str, name: &str) {
        let text = fs::read_to_string(self.path("data/learners/finn-mccarthy.yaml"))
            .unwrap_or_else(|e| panic!("finn-mccarthy.yaml: {e}"))
            .replace("finn-mccarthy", id)
            .replace("Finn McCarthy", name)
            .replace("listed_in_cohort: true", "listed_in_cohort: false");
        fs::write(self.path(&format!("data/learners/{id}.yaml")), text)
            .unwrap_or_else(|e| panic!("{id}.yaml: {e}"));
    }

    /// Runs `telemachy changes` with `args` in the repository.
    fn changes(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_telemachy"))
            .arg("changes")
            .args(args)
            .args(["--today", TODAY])
            .current_dir(self.top())
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap_or_else(|e| panic!("telemachy could not be run: {e}"))
    }

    /// The report's text, after a successful run.
    fn report(&self, args: &[&str]) -> String {
        let out = self.changes(args);
        assert!(
            out.status.success(),
            "changes {args:?} exited with {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let text = self.report(&all);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
    }
}

/// The done-when scenario: a second commit that moves a session and adds a
/// learner.
fn moved_session_and_new_learner() -> Repo {
    let repo = Repo::new();
    repo.edit(
        "data/sessions/2026-spring-data.yaml",
        "start: 2026-05-06T18:00",
        "start: 2026-05-06T18:30",
    );
    repo.add_learner("niamh-byrne", "Niamh Byrne");
    repo.commit("Workshops half an hour later; Niamh joins the spring cohort");
    repo
}

#[test]
fn a_moved_session_and_a_new_learner_are_reported_and_nothing_else() {
    let repo = moved_session_and_new_learner();
    let report = repo.json(&["HEAD~1"]);
    assert_eq!(
        report["learners"],
        json!([{
            "change": "added",
            "learner": {"id": "niamh-byrne"},
            "cohort": "2026-spring-data",
            "stage": "intake",
        }])
    );
    let sessions = report["sessions"]
        .as_array()
        .unwrap_or_else(|| panic!("no sessions in {report}"));
    assert_eq!(sessions.len(), 1, "{sessions:#?}");
    let moved = &sessions[0];
    assert_eq!(moved["session"], "2026-spring-workshops");
    assert_eq!(moved["change"], "moved");
    assert_eq!(moved["meeting"], Value::Null);
    assert_eq!(
        moved["from"],
        json!({"local": "2026-05-06T18:00", "zone": "Europe/London"})
    );
    assert_eq!(
        moved["to"],
        json!({"local": "2026-05-06T18:30", "zone": "Europe/London"})
    );
    assert_eq!(
        moved["calendar"]["feeds"],
        json!([
            "calendar/cohorts/2026-spring-data.ics",
            "calendar/mentors/jonas-weber.ics",
            "calendar/program.ics"
        ])
    );
    for kind in [
        "unreadable",
        "pairs",
        "modules",
        "new_problems",
        "fixed_problems",
    ] {
        assert_eq!(report[kind], json!([]), "{kind} in {report:#}");
    }
    assert_eq!(report["version"], 1);
    assert_eq!(report["base"]["name"], "HEAD~1");
    assert_eq!(report["head"]["name"], "HEAD");
}

#[test]
fn the_pull_request_comment_reads_as_expected() {
    let repo = moved_session_and_new_learner();
    let mut markdown = repo.report(&["HEAD~1", "--format", "markdown"]);
    // Commit hashes differ from run to run.
    for rev in ["HEAD~1", "HEAD"] {
        let commit = repo.git(&["rev-parse", "--short=7", rev]);
        markdown = markdown.replace(commit.trim(), &format!("<{rev}>"));
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("changes-moved-session-new-learner", markdown));
}

#[test]
fn pauses_withdrawals_rematches_cancellations_titles_and_warnings_are_told() {
    let repo = Repo::new();
    repo.edit(
        "data/pairs.yaml",
        "  - id: dmitri-volkov-with-jonas\n    mentor: jonas-weber\n",
        "  - id: dmitri-volkov-with-jonas\n    mentor: jonas-weber\n    pauses:\n      \
         - {from: 2026-05-01, until: 2026-05-20, by: learner}\n",
    );
    repo.edit(
        "data/pairs.yaml",
        "  - id: hye-jin-park-with-priya\n    mentor: priya-raman\n",
        "  - id: hye-jin-park-with-priya\n    mentor: jonas-weber\n",
    );
    repo.edit(
        "data/learners/finn-mccarthy.yaml",
        "  - {stage: intake, date: 2026-04-10}\n\nstatus: active\n",
        "  - {stage: intake, date: 2026-04-10}\n  - {stage: withdrawn, date: 2026-04-14}\n\n\
         status: withdrawn\nstatus_date: 2026-04-14\nstatus_reason: Took a coaching job abroad.\n",
    );
    let rosa = "    learners: [rosa-martinez]\n    module: career-baseline\n    \
                link: https://meet.northbridge.example/priya-raman\n    status: ";
    repo.edit(
        "data/sessions/2026-spring-data.yaml",
        &format!("{rosa}scheduled\n"),
        &format!("{rosa}cancelled\n"),
    );
    repo.edit(
        "content/paths/data-analysis/career-baseline.md",
        "title: Career baseline\n",
        "title: Career baseline and goals\n",
    );
    repo.commit("Spring cohort: a pause, a withdrawal, a new mentor, a cancelled 1:1");
    let text = repo.report(&["HEAD~1"]);
    for line in [
        "Learners:\n",
        "  Finn McCarthy (finn-mccarthy) withdrew (was active)\n",
        "  Finn McCarthy (finn-mccarthy) moved from intake to withdrawn\n",
        "Pairs:\n",
        "  Hye-jin Park (hye-jin-park) rematched from priya-raman to Jonas Weber (jonas-weber) \
         (hye-jin-park-with-priya)\n",
        "  dmitri-volkov and Jonas Weber (jonas-weber) paused (dmitri-volkov-with-jonas) from \
         2026-05-01 to 2026-05-20, asked by the learner\n",
        "Sessions:\n",
        "  First 1:1 with Priya: charter and plan (rosa-martinez-first-session) cancelled \
         (Sun 19 Apr 2026 15:30 Asia/Kolkata); calendars updated: the personal feeds of 1 \
         learner and 1 mentor\n",
        "Modules:\n",
        "  Career baseline and goals (career-baseline): title was “Career baseline”\n",
        "New problems:\n",
        "  warning W063 in data/sessions/2026-spring-data.yaml:60: learner `finn-mccarthy` is \
         listed on every meeting of `2026-spring-workshops`, after they left the program on \
         2026-04-14\n",
    ] {
        assert!(text.contains(line), "no {line:?} in:\n{text}");
    }
    assert!(!text.contains("Fixed problems"), "{text}");
}

#[test]
fn unconsented_people_appear_by_id_only_unless_for_staff() {
    let repo = Repo::new();
    repo.add_learner("niamh-byrne", "Niamh Byrne");
    // No journey: a problem whose message names her.
    repo.edit(
        "data/learners/niamh-byrne.yaml",
        "journey:\n  - {stage: intake, date: 2026-04-10}\n",
        "",
    );
    repo.commit("Niamh joins, her journey not written yet");
    let staff = repo.report(&["HEAD~1", "--audience", "staff"]);
    assert!(
        staff.contains("Niamh Byrne (niamh-byrne) joined cohort 2026-spring-data"),
        "{staff}"
    );
    assert!(
        staff.contains("Niamh Byrne has no journey entries"),
        "the test needs a message naming her:\n{staff}"
    );
    for format in ["human", "markdown", "json"] {
        let public = repo.report(&["HEAD~1", "--format", format]);
        assert!(!public.contains("Niamh"), "{format} names her:\n{public}");
        assert!(public.contains("niamh-byrne"), "{format}:\n{public}");
    }
    let public = repo.report(&["HEAD~1"]);
    assert!(
        public.contains("niamh-byrne has no journey entries"),
        "{public}"
    );
}

#[test]
fn an_unchanged_program_is_one_line() {
    let repo = Repo::new();
    fs::write(repo.top().join("NOTES.md"), "Not part of the program.\n")
        .unwrap_or_else(|e| panic!("{e}"));
    repo.commit("A note outside the program");
    let text = repo.report(&["HEAD~1", "HEAD", "--format", "markdown"]);
    assert!(
        text.starts_with("No changes to the program between `HEAD~1` ("),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1, "{text}");
}

#[test]
fn the_working_tree_index_and_worktrees_are_left_alone() {
    let repo = moved_session_and_new_learner();
    repo.edit("data/program.yaml", "title:", "title: ");
    repo.git(&["add", "data/program.yaml"]);
    fs::write(repo.top().join("scratch.txt"), "uncommitted\n").unwrap_or_else(|e| panic!("{e}"));
    let before = (
        repo.git(&["status", "--porcelain"]),
        repo.git(&["worktree", "list"]),
        repo.git(&["stash", "list"]),
    );
    repo.report(&["HEAD~1"]);
    let after = (
        repo.git(&["status", "--porcelain"]),
        repo.git(&["worktree", "list"]),
        repo.git(&["stash", "list"]),
    );
    assert_eq!(before, after);
}

#[test]
fn a_missing_revision_or_repository_is_a_clear_error() {
    let repo = Repo::new();
    let out = repo.changes(&["no-such-branch"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: no commit `no-such-branch` in this repository"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());

    let plain = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(["changes", "HEAD~1", "--root"])
        .arg(plain.path())
        .env(
            "GIT_CEILING_DIRECTORIES",
            plain.path().parent().unwrap_or(plain.path()),
        )
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is not in a git repository"), "{stderr}");
}

#[test]
fn a_revision_whose_program_does_not_load_is_reported_with_its_errors() {
    let repo = Repo::new();
    repo.edit("data/pairs.yaml", "pairs:\n", "pairs:\n  - [\n");
    repo.commit("A broken edit");
    let text = repo.report(&["HEAD~1", "--format", "markdown"]);
    assert!(text.contains("### Does not load at `HEAD`\n"), "{text}");
    assert!(
        text.contains("- error `E001` in `data/pairs.yaml:"),
        "{text}"
    );
    // Its people and sessions are not said to be gone.
    assert!(!text.contains("### Pairs"), "{text}");
    assert!(!text.contains("### Sessions"), "{text}");
}

#[test]
fn a_program_in_a_folder_of_a_larger_repository_is_read_from_that_folder() {
    let repo = Repo::with_program_in("mentoring");
    fs::write(repo.top().join("README.md"), "Our programs.\n").unwrap_or_else(|e| panic!("{e}"));
    repo.edit(
        "data/sessions/2026-spring-data.yaml",
        "start: 2026-05-06T18:00",
        "start: 2026-05-07T18:00",
    );
    repo.commit("Workshops move to Thursdays");
    let report = repo.json(&["HEAD~1"]);
    assert_eq!(report["unreadable"], json!([]), "{report:#}");
    assert_eq!(report["sessions"][0]["session"], "2026-spring-workshops");
    assert_eq!(report["sessions"][0]["change"], "moved");
}

#[test]
fn a_commit_before_the_program_existed_does_not_load() {
    let repo = Repo::new();
    fs::create_dir_all(repo.top().join("next")).unwrap_or_else(|e| panic!("{e}"));
    common::copy_demo(&repo.top().join("next"));
    repo.commit("A second program in a folder of its own");
    let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(["changes", "HEAD~1", "--today", TODAY, "--root"])
        .arg(repo.top().join("next"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Does not load at HEAD~1:\n"), "{text}");
    assert!(text.contains("error E016 in data/program.yaml"), "{text}");
    assert!(!text.contains("Does not load at HEAD:"), "{text}");
}
