//! The reports a pull request's reviewers read: `check --format github`
//! prints one workflow command per diagnostic, which GitHub Actions turns
//! into annotations on the changed lines, and `check --format sarif` one
//! SARIF 2.1.0 log for code scanning.
//!
//! The program is the fixture `tests/fixtures/E050-and-W045-for-reviewers`
//! on top of the example program `telemachy init` writes: one error and one
//! warning, each with a related place. The annotations are kept as a
//! snapshot (`INSTA_UPDATE=always cargo test --test report_formats` writes
//! it again). The SARIF logs of that program and of the demo are validated
//! by Microsoft's SARIF multitool (pinned in `tests/sarif/package.json`),
//! found through `TELEMACHY_SARIF_MULTITOOL`, the path of its
//! `sarif-multitool` command (`.ci/run` sets it up). Without it the
//! validation says loudly that it was skipped, and fails instead when
//! `TELEMACHY_REQUIRE_EXTERNAL=1`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const TODAY: &str = "2026-04-15";
const FIXTURE: &str = "E050-and-W045-for-reviewers";

/// The example program with the fixture's files over it, as `program/` in
/// a fresh temporary directory.
fn fixture_program() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let root = dir.path().join("program");
    let init = telemachy(dir.path(), &["init".as_ref(), root.as_os_str()]);
    assert!(init.status.success(), "init failed: {init:?}");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(FIXTURE);
    copy_overlay(&fixture, &fixture, &root);
    dir
}

fn copy_overlay(fixture: &Path, dir: &Path, root: &Path) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_overlay(fixture, &path, root);
        } else if entry.file_name() != "expect" {
            let relative = path.strip_prefix(fixture).unwrap_or(&path);
            let target = root.join(relative);
            fs::create_dir_all(target.parent().unwrap_or(root))
                .unwrap_or_else(|e| panic!("{}: {e}", target.display()));
            fs::copy(&path, &target).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}

/// Runs the binary in `dir`.
fn telemachy(dir: &Path, args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("run telemachy: {e}"))
}

/// `check --format FORMAT` of the program at `root`, run in `dir`.
fn check(dir: &Path, root: &Path, format: &str) -> Output {
    let args = [
        "check",
        "--no-cache",
        "--today",
        TODAY,
        "--format",
        format,
        "--root",
    ];
    let mut args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    args.push(root.as_os_str());
    telemachy(dir, &args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn github_annotations_carry_place_title_message_help_and_related_places() {
    let dir = fixture_program();
    let out = check(dir.path(), Path::new("program"), "github");
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    // Files are named from where the workflow runs, as `--root` names the
    // program; the same summary as the human report's closes it, on
    // standard error, where no line starts a workflow command.
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(format!("github-{FIXTURE}"), stdout));
    assert!(
        stderr.starts_with(
            "checked 2 modules, 1 learners, 6 sessions (18 meetings): 1 error(s), 1 warning(s) in "
        ),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn a_clean_program_has_no_annotation_and_a_sarif_log_without_results() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let root = dir.path().join("program");
    let init = telemachy(dir.path(), &["init".as_ref(), root.as_os_str()]);
    assert!(init.status.success(), "init failed: {init:?}");
    let github = check(dir.path(), &root, "github");
    assert_eq!(github.status.code(), Some(0));
    assert_eq!(text(&github.stdout), "");
    let sarif = check(dir.path(), &root, "sarif");
    assert_eq!(sarif.status.code(), Some(0));
    let log: Value = serde_json::from_slice(&sarif.stdout).unwrap_or_default();
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn the_sarif_log_has_a_result_per_diagnostic_and_passes_the_sarif_multitool() {
    let dir = fixture_program();
    let out = check(dir.path(), Path::new("program"), "sarif");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let log: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON: {e}\n{}", text(&out.stdout)));
    let run = &log["runs"][0];
    let results = run["results"].as_array().cloned().unwrap_or_default();
    let summary: Vec<(&str, &str, &str, usize)> = results
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap_or_default(),
                r["level"].as_str().unwrap_or_default(),
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap_or_default(),
                r["relatedLocations"].as_array().map_or(0, Vec::len),
            )
        })
        .collect();
    // URIs are relative to the program root, whatever `--root` was.
    assert_eq!(
        summary,
        [
            (
                "W045",
                "warning",
                "content/paths/getting-started/your-first-project.md",
                1
            ),
            ("E050", "error", "data/sessions/office-hours.yaml", 1),
        ]
    );
    let text_of_e050 = results[1]["message"]["text"].as_str().unwrap_or_default();
    assert!(
        text_of_e050.contains("\nhelp: move one of the two sessions"),
        "{text_of_e050}"
    );
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|rule| rule["id"].as_str())
        .collect();
    assert_eq!(rules, ["W045", "E050"]);

    let Some(multitool) = multitool() else {
        return;
    };
    let logs = dir.path().join("logs");
    fs::create_dir_all(&logs).unwrap_or_else(|e| panic!("{}: {e}", logs.display()));
    let fixture_log = logs.join("fixture.sarif");
    fs::write(&fixture_log, &out.stdout).unwrap_or_else(|e| panic!("write: {e}"));
    let demo = check(dir.path(), Path::new(env!("CARGO_MANIFEST_DIR")), "sarif");
    assert_eq!(demo.status.code(), Some(0), "{}", text(&demo.stderr));
    let demo_log = logs.join("demo.sarif");
    fs::write(&demo_log, &demo.stdout).unwrap_or_else(|e| panic!("write: {e}"));
    for log in [&fixture_log, &demo_log] {
        let problems = validate(&multitool, log);
        assert!(
            problems.is_empty(),
            "the SARIF multitool rejects {}:\n{}",
            log.display(),
            problems.join("\n")
        );
    }
    // The same validator must reject a log that breaks the schema, or the
    // checks above prove nothing.
    let mut broken = log.clone();
    broken["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    let broken_log = logs.join("broken.sarif");
    fs::write(&broken_log, broken.to_string()).unwrap_or_else(|e| panic!("write: {e}"));
    let problems = validate(&multitool, &broken_log);
    assert!(
        problems.iter().any(|p| p.contains("JSON1008")),
        "the SARIF multitool accepted a region on line 0: {problems:?}"
    );
    eprintln!("the SARIF multitool accepts the logs of the fixture and the demo program");
}

/// The SARIF multitool's `sarif-multitool` command, or `None` after
/// saying loudly that the validation is skipped.
fn multitool() -> Option<PathBuf> {
    match std::env::var_os("TELEMACHY_SARIF_MULTITOOL") {
        Some(path) => Some(PathBuf::from(path)),
        None if std::env::var("TELEMACHY_REQUIRE_EXTERNAL").as_deref() == Ok("1") => {
            panic!("TELEMACHY_SARIF_MULTITOOL is not set, and TELEMACHY_REQUIRE_EXTERNAL=1")
        }
        None => {
            eprintln!(
                "*** SKIPPED: TELEMACHY_SARIF_MULTITOOL is not set, so the SARIF multitool did \
                 not validate the SARIF logs (.ci/run sets it up) ***"
            );
            None
        }
    }
}

/// What the multitool finds wrong with the log at `path`: its errors and
/// warnings, one a line. Its notes are advice a log may leave aside (a
/// message by id rather than text, code snippets, an online `$schema`), but
/// there must be some: the multitool skips a log it cannot read (a `level`
/// outside its enumeration, say) without a word, and says nothing of it.
///
/// Not yet followed: SARIF2005, a tool without an `informationUri`, as
/// telemachy has no published home page to name.
fn validate(multitool: &Path, path: &Path) -> Vec<String> {
    let report = path.with_extension("validation.sarif");
    let out = Command::new(multitool)
        .arg("validate")
        .arg(path)
        .arg("--output")
        .arg(&report)
        .args(["--level", "Error", "Warning", "Note"])
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", multitool.display()));
    // It exits 0 whatever it finds; its findings are in its own log.
    let found = fs::read_to_string(&report).unwrap_or_else(|e| {
        panic!(
            "the SARIF multitool wrote no report ({e}):\n{}{}",
            text(&out.stdout),
            text(&out.stderr)
        )
    });
    let found: Value = serde_json::from_str(&found).unwrap_or_default();
    let run = &found["runs"][0];
    let results = run["results"].as_array().cloned().unwrap_or_default();
    assert!(
        !results.is_empty(),
        "the SARIF multitool did not read {}:\n{}{}",
        path.display(),
        text(&out.stdout),
        text(&out.stderr)
    );
    let messages: Vec<(&str, &Value)> = run["tool"]["driver"]["rules"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|rule| Some((rule["id"].as_str()?, &rule["messageStrings"])))
        .collect();
    results
        .iter()
        .filter(|result| {
            let level = result["level"].as_str().unwrap_or("warning");
            let rule = result["ruleId"].as_str().unwrap_or_default();
            (level == "error" || level == "warning") && rule != "SARIF2005"
        })
        .map(|result| {
            let rule = result["ruleId"].as_str().unwrap_or_default();
            let template = messages
                .iter()
                .find(|(id, _)| *id == rule)
                .and_then(|(_, strings)| {
                    strings[result["message"]["id"].as_str()?]["text"].as_str()
                })
                .unwrap_or_default();
            format!(
                "{} {rule}: {template} {}",
                result["level"].as_str().unwrap_or("warning"),
                result["message"]["arguments"]
            )
        })
        .collect()
}
