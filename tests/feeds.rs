//! Feeds read by two independent iCalendar parsers: Python `icalendar` with
//! `recurring-ical-events` (pinned in `tests/feeds/requirements.txt`) and
//! Mozilla's ical.js (pinned in `tests/browser/package.json`). Every event
//! they expand must be a meeting of our own schedule, with the same instants
//! and status: for the demo program, the second example program
//! (`tests/programs/meridian`), and for small programs whose free text
//! is random and hostile (line breaks, control characters, `BEGIN:VEVENT`,
//! separators, long UTF-8), where they must also read exactly the expected
//! number of events and the expected text.
//!
//! The parsers are found through `TELEMACHY_ICAL_PYTHON`, a Python with
//! those packages installed, and `TELEMACHY_ICALJS_DIR`, a Node project
//! directory with ical.js in its `node_modules` (CI sets up both). Without
//! one a test says so loudly and checks with the other; without both it
//! checks only what it can without them, so `cargo test` needs nothing
//! beyond Rust.

#![cfg(test)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::json;
use telemachy::build::{BuildFailure, BuildOptions, BuildReport, build};
use telemachy::derive::actions::compute;
use telemachy::derive::history::History;
use telemachy::derive::occurrences::Occurrence;
use telemachy::diagnostic::Code;
use telemachy::render::actions::actors;
use telemachy::render::calendar::due::{path as due_feed_path, uid as due_uid};
use telemachy::render::calendar::{self, uid};
use telemachy::render::{Audience, RenderOptions, Secret};

/// The external parsers this run has, from the environment.
struct Parsers {
    python: Option<String>,
    icaljs: Option<String>,
}

impl Parsers {
    /// The parsers that are set up; each missing one is reported loudly as
    /// skipped for `what`.
    fn from_env(what: &str) -> Parsers {
        let python = std::env::var("TELEMACHY_ICAL_PYTHON").ok();
        if python.is_none() {
            eprintln!(
                "*** SKIPPED: TELEMACHY_ICAL_PYTHON is not set, so Python's icalendar did not read {what} (.ci/run sets it up) ***"
            );
        }
        let icaljs = std::env::var("TELEMACHY_ICALJS_DIR").ok();
        if icaljs.is_none() {
            eprintln!(
                "*** SKIPPED: TELEMACHY_ICALJS_DIR is not set, so ical.js did not read {what} (.ci/run sets it up) ***"
            );
        }
        Parsers { python, icaljs }
    }

    fn any(&self) -> bool {
        self.python.is_some() || self.icaljs.is_some()
    }

    /// Runs every parser over the feeds under `site` against `expected`:
    /// their reports, or the first that disagrees.
    fn check(&self, site: &Path, expected: &Path) -> Result<String, String> {
        let scripts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/feeds");
        let mut reports = String::new();
        if let Some(python) = &self.python {
            let output = Command::new(python)
                .arg(scripts.join("check_feeds.py"))
                .arg(site)
                .arg(expected)
                .output()
                .expect("python");
            reports.push_str(&report("Python icalendar", &output)?);
        }
        if let Some(dir) = &self.icaljs {
            let output = Command::new("node")
                .arg(scripts.join("check_feeds.mjs"))
                .arg(dir)
                .arg(site)
                .arg(expected)
                .output()
                .expect("node");
            reports.push_str(&report("ical.js", &output)?);
        }
        Ok(reports)
    }
}

/// The checker's report, or its whole output as the error when it failed.
fn report(parser: &str, output: &Output) -> Result<String, String> {
    let stdout = String::from_utf8_lossy(&output.stdout);
    if output.status.success() {
        Ok(format!("{parser}:\n{stdout}"))
    } else {
        Err(format!(
            "{parser} disagrees:\n{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Every meeting of a built program by session UID, as the checkers expect
/// them: `[start, end, status]`, in UTC.
fn schedule(report: &BuildReport) -> BTreeMap<String, Vec<[String; 3]>> {
    meetings(report, |_| true)
}

/// The meetings of a built program that `keep` keeps, by session UID.
fn meetings(
    report: &BuildReport,
    keep: impl Fn(&Occurrence) -> bool,
) -> BTreeMap<String, Vec<[String; 3]>> {
    let program = &report.checked.program;
    let mut expected = BTreeMap::new();
    for (id, session) in program.sessions_with_ids() {
        let occurrences: Vec<[String; 3]> = report
            .checked
            .schedule
            .of(id)
            .iter()
            .filter(|o| keep(o))
            .map(|o| {
                let status = if o.is_live() {
                    "CONFIRMED"
                } else {
                    "CANCELLED"
                };
                [
                    o.start.format("%Y%m%dT%H%M%SZ").to_string(),
                    o.end.format("%Y%m%dT%H%M%SZ").to_string(),
                    status.to_string(),
                ]
            })
            .collect();
        expected.insert(uid(&program.settings.base_url, session), occurrences);
    }
    expected
}

/// The meetings each learner's own feed of a build holds, by the feed's
/// path under `site` (`public/…`, `staff/…`): only those of days the
/// learner takes part in.
fn learner_feeds(
    report: &BuildReport,
    site: &str,
    audience: Audience,
    secret: Option<&Secret>,
) -> BTreeMap<String, BTreeMap<String, Vec<[String; 3]>>> {
    let checked = &report.checked;
    let history = History::default();
    let options = RenderOptions {
        audience,
        today: today(),
        base_url: checked.program.settings.base_url.clone(),
        secret,
        history: &history,
    };
    let context = calendar::Context {
        program: &checked.program,
        schedule: &checked.schedule,
        options: &options,
        catalog: checked.templates.as_ref().unwrap().catalog(),
        locale: &telemachy::render::locale::Locale::new(&checked.program.settings.conventions),
    };
    calendar::feeds(&context)
        .into_iter()
        .filter_map(|feed| {
            let learner = feed.learner()?;
            let presence = &checked.schedule.presence;
            let own = meetings(report, |o| presence.takes_part(learner, o.date()));
            Some((format!("{site}/{}", feed.path), own))
        })
        .collect()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 4, 15).unwrap_or_default()
}

#[test]
fn independent_parsers_expand_every_demo_feed_to_our_schedule() {
    parsers_agree_with_the_schedule(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        today(),
        "the demo's feeds",
    );
}

#[test]
fn independent_parsers_expand_every_feed_of_the_second_example_program() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs/meridian");
    let today = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap_or_default();
    parsers_agree_with_the_schedule(&root, today, "the second example program's feeds");
}

/// Builds the program at `root` for both audiences as of `today` and has
/// each available parser expand every feed and compare it with our schedule.
fn parsers_agree_with_the_schedule(root: &Path, today: NaiveDate, what: &str) {
    let parsers = Parsers::from_env(what);
    if !parsers.any() {
        return;
    }
    let secret = Secret::new("0123456789abcdef0123456789abcdef").unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut expected = BTreeMap::new();
    let mut per_feed = BTreeMap::new();
    let mut due = BTreeMap::new();
    let mut empty = Vec::new();
    for (name, audience) in [("public", Audience::Public), ("staff", Audience::Staff)] {
        let options = BuildOptions {
            root: root.to_path_buf(),
            out: work.path().join(name),
            audience,
            today,
            base_url: None,
            secret: Some(secret.clone()),
        };
        let report = build(&options).unwrap();
        expected.extend(schedule(&report));
        per_feed.extend(learner_feeds(&report, name, audience, Some(&secret)));
        if audience == Audience::Staff {
            due_dates(&report, today, name, &mut due, &mut empty);
        }
    }
    assert!(
        !due.is_empty(),
        "{what}: no action is due, so no due-date event was read"
    );
    let expected_path = work.path().join("expected.json");
    write_json(
        &expected_path,
        &json!({ "sessions": expected, "feed_sessions": per_feed, "due": due, "empty": empty }),
    );
    match parsers.check(work.path(), &expected_path) {
        Ok(reports) => eprintln!("{reports}"),
        Err(failure) => panic!("{failure}"),
    }
}

/// The all-day events of every owner's due-date feed of a staff build
/// under `dir`, by UID as `[start, end]` dates, and the feeds with none.
fn due_dates(
    report: &BuildReport,
    today: NaiveDate,
    dir: &str,
    due: &mut BTreeMap<String, [String; 2]>,
    empty: &mut Vec<String>,
) {
    let program = &report.checked.program;
    let actions = compute(program, &report.checked.schedule, today);
    for actor in actors(program) {
        let Some(path) = due_feed_path(program, actor) else {
            continue;
        };
        let mut none = true;
        for action in actions.of(actor) {
            none = false;
            let next = action.due.succ_opt().unwrap_or(action.due);
            due.insert(
                due_uid(program, &program.settings.base_url, action),
                [
                    action.due.format("%Y%m%d").to_string(),
                    next.format("%Y%m%d").to_string(),
                ],
            );
        }
        if none {
            empty.push(format!("{dir}/{path}"));
        }
    }
}

fn write_json(path: &Path, value: &serde_json::Value) {
    let text = serde_json::to_string(value).unwrap();
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A program made by `telemachy init` in a fresh directory, with `edit`
/// applied to one of its files.
fn example_program(file: &str, edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("program");
    telemachy::init::init(&root).unwrap();
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    std::fs::write(&path, edit(text)).unwrap_or_else(|e| panic!("{file}: {e}"));
    dir
}

#[test]
fn a_base_url_flag_that_is_not_a_web_address_stops_the_build_with_exit_2() {
    let dir = example_program("data/program.yaml", |text| text);
    let out = dir.path().join("public");
    for url in [
        "javascript:alert(1)//",
        "https://mentoring.example.org/\r\nDisallow: /",
        "https://mentoring.example.org/ x",
    ] {
        let run = Command::new(env!("CARGO_BIN_EXE_telemachy"))
            .args(["build", "--today", "2026-04-15", "--root"])
            .arg(dir.path().join("program"))
            .arg("--out")
            .arg(&out)
            .args(["--base-url", url])
            .output()
            .expect("run build");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{url:?}: {stderr}");
        assert!(stderr.contains("--base-url"), "{url:?}: {stderr}");
        assert!(!out.exists(), "{url:?}: something was written");
    }
}

#[test]
fn a_base_url_with_a_line_break_is_e080_at_its_place_and_nothing_is_written() {
    let dir = example_program("data/program.yaml", |text| {
        text.replace(
            "base_url: https://mentoring.example.org/",
            "base_url: \"https://mentoring.example.org/\\r\\nBEGIN:VEVENT\"",
        )
    });
    let out = dir.path().join("public");
    let options = BuildOptions {
        root: dir.path().join("program"),
        out: out.clone(),
        audience: Audience::Public,
        today: today(),
        base_url: None,
        secret: None,
    };
    let Err(BuildFailure::Invalid(checked)) = build(&options) else {
        panic!("the build went ahead");
    };
    let e080: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::BadUrl)
        .filter_map(|d| d.location.as_ref())
        .map(|l| format!("{}:{}:{}", l.file.display(), l.line, l.column))
        .collect();
    assert_eq!(e080, ["data/program.yaml:6:11"]);
    assert!(!out.join("robots.txt").exists());
    assert!(!out.join("calendar/program.ics").exists());
    assert!(!out.exists());
}

/// Free text for every field of the example program whose text reaches a
/// feed.
#[derive(Clone, Debug)]
struct Texts {
    program: String,
    cohort: String,
    grace: String,
    tomas: String,
    learner: String,
    module: String,
    group_title: String,
    agenda: [String; 2],
    location: String,
    weekly_title: String,
    reason: String,
}

/// Random text that is hard on an iCalendar writer: line breaks and other
/// control characters, the lines of a feed, its separators and escapes,
/// any character at all, and long runs of multi-byte characters that land
/// on every fold position.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9 ]{1,8}",
        3 => prop::sample::select(vec![
            "\r", "\n", "\r\n", "\u{b}", "\u{c}", "\0", "\t", "\u{1b}[31m", "\u{7f}", "\u{85}",
            "\u{2028}", "\u{2029}", "\u{feff}", "BEGIN:VEVENT", "END:VEVENT", "END:VCALENDAR",
            "\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", ";", ",", ":", "\\", "\\n", "\\,",
            "\"", "'", "#", "é", "€", "老", "🦀", "𝄞",
        ])
        .prop_map(String::from),
        2 => any::<char>().prop_map(String::from),
    ];
    let mixed = prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat());
    let long = (
        0usize..4,
        prop::sample::select(vec!["🦀", "é", "€a", "𝄞\r\n"]),
        20usize..90,
    )
        .prop_map(|(shift, unit, count)| format!("{}{}", "x".repeat(shift), unit.repeat(count)));
    prop_oneof![3 => mixed, 1 => long]
}

fn texts() -> impl Strategy<Value = Texts> {
    let t = hostile_text;
    (
        (t(), t(), t(), t(), t(), t()),
        (t(), t(), t(), t(), t(), t()),
    )
        .prop_map(
            |(
                (program, cohort, grace, tomas, learner, module),
                (group_title, agenda_1, agenda_2, location, weekly_title, reason),
            )| Texts {
                program,
                cohort,
                // People's names have a plain part of their own, as real
                // names do: the privacy guard rightly refuses a public build
                // whose session title repeats an unpublished mentor's or
                // learner's whole name, which two random texts can do.
                grace: format!("Grace {grace}"),
                tomas: format!("Tomás {tomas}"),
                learner: format!("Ada {learner}"),
                module,
                group_title,
                agenda: [agenda_1, agenda_2],
                location,
                weekly_title,
                reason,
            },
        )
}

/// `value` as a YAML double-quoted scalar: every character YAML does not
/// allow as it is (controls, line breaks, a BOM, non-characters) written
/// as an escape.
fn yaml(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fdcf}' | '\u{fdf0}'..='\u{fefe}' => {
                out.push(c)
            }
            '\u{ff00}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}'
                if (u32::from(c) & 0xfffe) != 0xfffe =>
            {
                out.push(c)
            }
            _ if u32::from(c) <= 0xffff => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            _ => out.push_str(&format!("\\U{:08X}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// Replaces the one place `from` is written in a file of the program.
fn rewrite(root: &Path, file: &str, edits: &[(&str, String)]) {
    let path = root.join(file);
    let mut text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    for (from, to) in edits {
        assert_eq!(
            text.matches(from).count(),
            1,
            "{file} no longer has `{from}` once: update this test"
        );
        text = text.replacen(from, to, 1);
    }
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{file}: {e}"));
}

/// The example program with `texts` in its fields, built for both
/// audiences under `site/public` and `site/staff`.
fn build_example(dir: &Path, texts: &Texts) -> BuildReport {
    let root = dir.join("program");
    telemachy::init::init(&root).unwrap();
    let t = texts;
    rewrite(
        &root,
        "data/program.yaml",
        &[(
            "title: Example Mentoring",
            format!("title: {}", yaml(&t.program)),
        )],
    );
    rewrite(
        &root,
        "data/cohorts.yaml",
        &[("title: First cohort", format!("title: {}", yaml(&t.cohort)))],
    );
    rewrite(
        &root,
        "data/mentors.yaml",
        &[
            ("name: Grace Example", format!("name: {}", yaml(&t.grace))),
            ("name: Tomás Example", format!("name: {}", yaml(&t.tomas))),
        ],
    );
    rewrite(
        &root,
        "data/learners/ada-example.yaml",
        &[("name: Ada Example", format!("name: {}", yaml(&t.learner)))],
    );
    rewrite(
        &root,
        "content/paths/getting-started/set-up-your-workspace.md",
        &[(
            "title: Set up your workspace",
            format!("title: {}", yaml(&t.module)),
        )],
    );
    rewrite(
        &root,
        "data/sessions/first-cohort.yaml",
        &[
            (
                "title: Cohort group session",
                format!("title: {}", yaml(&t.group_title)),
            ),
            (
                "location: Library meeting room",
                format!(
                    "location: {}\n    module: set-up-your-workspace\n    agenda: [{}, {}]",
                    yaml(&t.location),
                    yaml(&t.agenda[0]),
                    yaml(&t.agenda[1])
                ),
            ),
            (
                "title: Weekly review",
                format!("title: {}", yaml(&t.weekly_title)),
            ),
            ("reason: Unwell", format!("reason: {}", yaml(&t.reason))),
        ],
    );
    std::fs::create_dir_all(dir.join("site")).unwrap();
    let mut report = None;
    for (name, audience) in [("public", Audience::Public), ("staff", Audience::Staff)] {
        let options = BuildOptions {
            root: root.clone(),
            out: dir.join("site").join(name),
            audience,
            today: today(),
            base_url: None,
            secret: None,
        };
        report = Some(build_or_panic(
            &options,
            &format!("{name} build of {texts:?}"),
        ));
    }
    report.expect("no build")
}

/// Builds, or fails the test with the messages of what refused `what`.
fn build_or_panic(options: &BuildOptions, what: &str) -> BuildReport {
    match build(options) {
        Ok(report) => report,
        Err(BuildFailure::Invalid(checked)) => {
            let problems: Vec<String> = checked
                .diagnostics
                .iter()
                .map(|d| d.message.clone())
                .collect();
            panic!("{what} refused: {problems:?}")
        }
        Err(failure) => panic!("{what}: {failure:?}"),
    }
}

/// Every feed under `site`, by path relative to it, `/`-separated.
fn feeds_under(site: &Path) -> BTreeMap<String, String> {
    let mut feeds = BTreeMap::new();
    let mut stack = vec![site.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "ics") {
                let relative = path.strip_prefix(site).unwrap_or(&path);
                let key = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                feeds.insert(key, text);
            }
        }
    }
    feeds
}

/// A feed's events, and the UIDs among them.
fn events(feed: &str) -> (usize, BTreeSet<String>) {
    let lines = feed.split("\r\n");
    let count = lines.clone().filter(|l| *l == "BEGIN:VEVENT").count();
    let uids = lines
        .filter_map(|l| l.strip_prefix("UID:"))
        .map(String::from)
        .collect();
    (count, uids)
}

/// How a parser should read free text after the feed writer cleaned it:
/// no control character but the tab, each line break (CRLF counted once)
/// as `line_break`.
fn shown(value: &str, line_break: &str) -> String {
    value
        .replace("\r\n", "\n")
        .replace(['\r', '\u{85}', '\u{2028}', '\u{2029}'], "\n")
        .chars()
        .filter(|c| matches!(c, '\t' | '\n') || !c.is_control())
        .collect::<String>()
        .replace('\n', line_break)
}

/// What each feed must hold: its number of events (as in the example with
/// its own text) and the text every field must read as.
fn feed_specs(
    texts: &Texts,
    baseline: &BTreeMap<String, (usize, BTreeSet<String>)>,
    report: &BuildReport,
) -> serde_json::Value {
    let program = &report.checked.program;
    let uid_of = |key: &str| {
        program
            .sessions
            .iter()
            .find(|s| s.key == key)
            .map(|s| uid(&program.settings.base_url, s))
            .unwrap_or_else(|| panic!("the example has no session `{key}`"))
    };
    let (group, weekly) = (uid_of("cohort-group"), uid_of("ada-grace-weekly"));
    let one_line = |s: &str| shown(s, " ");
    let lines = |s: &str| shown(s, "\n");
    let mut specs = serde_json::Map::new();
    for (path, (count, uids)) in baseline {
        let mut checks = Vec::new();
        let mut named = vec![&texts.program];
        if path.contains("/cohorts/first-cohort") {
            named.push(&texts.cohort);
        }
        if path.contains("/grace-hopper-example") {
            named.push(&texts.grace);
        }
        if path.contains("/tomas-example") {
            named.push(&texts.tomas);
        }
        if path.contains("/learners/ada-example") {
            named.push(&texts.learner);
        }
        for name in named {
            for property in ["NAME", "X-WR-CALNAME"] {
                checks.push(json!(["", property, "contains", one_line(name)]));
            }
        }
        if uids.contains(&group) {
            checks.push(json!([
                group,
                "SUMMARY",
                "equals",
                one_line(&texts.group_title)
            ]));
            checks.push(json!([
                group,
                "LOCATION",
                "equals",
                one_line(&texts.location)
            ]));
            for text in texts.agenda.iter().chain([&texts.module]) {
                checks.push(json!([group, "DESCRIPTION", "contains", lines(text)]));
            }
        }
        if uids.contains(&weekly) {
            checks.push(json!([
                weekly,
                "SUMMARY",
                "equals",
                one_line(&texts.weekly_title)
            ]));
            checks.push(json!([
                weekly,
                "COMMENT",
                "some-contains",
                lines(&texts.reason)
            ]));
        }
        specs.insert(path.clone(), json!({ "events": count, "checks": checks }));
    }
    serde_json::Value::Object(specs)
}

/// What can be checked without a parser: every line ends in CRLF and fits
/// in 75 octets, no control character but the tab is left, and each feed
/// holds as many events as with the example's own text.
fn structure_problems(
    feeds: &BTreeMap<String, String>,
    baseline: &BTreeMap<String, (usize, BTreeSet<String>)>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let written: BTreeSet<&String> = feeds.keys().collect();
    if written != baseline.keys().collect() {
        problems.push(format!("feeds written: {written:?}"));
    }
    for (path, feed) in feeds {
        if !feed.ends_with("\r\n") {
            problems.push(format!("{path}: does not end in CRLF"));
        }
        for line in feed.split_terminator("\r\n") {
            if line.len() > 75 || line.contains(|c: char| c.is_control() && c != '\t') {
                problems.push(format!("{path}: line {line:?}"));
            }
        }
        let count = events(feed).0;
        let expected = baseline.get(path).map_or(0, |b| b.0);
        if count != expected {
            problems.push(format!("{path}: {count} events, expected {expected}"));
        }
    }
    problems
}

/// The example program with a meeting of each series moved (one to
/// another day and room) and a week's pause Ada asked for, built for both
/// audiences under `site/public` and `site/staff`.
fn build_moved_and_paused(dir: &Path, secret: &Secret) -> Vec<(&'static str, BuildReport)> {
    let root = dir.join("program");
    telemachy::init::init(&root).unwrap();
    rewrite(
        &root,
        "data/sessions/first-cohort.yaml",
        &[
            (
                "    occurrences:\n      - date: 2026-03-10\n",
                "    occurrences:\n      - date: 2026-03-03\n        moved_to: 2026-03-05T19:30\n\
                 \x20     - date: 2026-03-10\n"
                    .into(),
            ),
            (
                "      every_weeks: 2\n      count: 6\n",
                "      every_weeks: 2\n      count: 6\n    occurrences:\n      - date: 2026-02-26\n\
                 \x20       moved_to: 2026-02-27T16:30\n        location: Main hall\n"
                    .into(),
            ),
        ],
    );
    rewrite(
        &root,
        "data/pairs.yaml",
        &[(
            "    midpoint_facilitator: coordinator\n",
            "    midpoint_facilitator: coordinator\n    pauses:\n      - from: 2026-03-11\n\
             \x20       until: 2026-03-18\n        by: learner\n        reason: Exams\n"
                .into(),
        )],
    );
    [("public", Audience::Public), ("staff", Audience::Staff)]
        .into_iter()
        .map(|(name, audience)| {
            let options = BuildOptions {
                root: root.clone(),
                out: dir.join("site").join(name),
                audience,
                today: today(),
                base_url: None,
                secret: Some(secret.clone()),
            };
            (name, build_or_panic(&options, &format!("{name} build")))
        })
        .collect()
}

#[test]
fn a_moved_meeting_and_a_pause_read_back_as_the_schedule_has_them() {
    let parsers = Parsers::from_env("the feeds with a moved meeting and a pause");
    let work = tempfile::tempdir().unwrap();
    let secret = Secret::new("0123456789abcdef0123456789abcdef").unwrap();
    let reports = build_moved_and_paused(work.path(), &secret);
    let site = work.path().join("site");
    let read = |path: &str| {
        std::fs::read_to_string(site.join(path))
            .map(|text| text.replace("\r\n ", ""))
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    // What the parsers are asked about, checked on the text first so this
    // test says something without them: each moved meeting is an override
    // named by its place in the series, at its new time and place.
    let cohort = read("public/calendar/cohorts/first-cohort.ics");
    assert!(
        cohort.contains(
            "RECURRENCE-ID;TZID=Europe/London:20260226T170000\r\n\
             DTSTART;TZID=Europe/London:20260227T163000\r\n"
        ),
        "{cohort}"
    );
    assert!(cohort.contains("LOCATION:Main hall\r\n"), "{cohort}");
    let mentor = read("staff/calendar/mentor-schedules/grace-hopper-example.ics");
    assert!(mentor.contains(
        "RECURRENCE-ID;TZID=Europe/London:20260303T180000\r\n\
         DTSTART;TZID=Europe/London:20260305T193000\r\n"
    ));
    // Ada's own feed leaves out the weekly review and the group session of
    // the week she paused; her mentor's keeps the review.
    let ada = read("staff/calendar/learners/ada-example.ics");
    assert!(
        ada.contains(
            "EXDATE;TZID=Europe/London:20260217T180000,20260224T180000,20260317T180000\r\n"
        ),
        "{ada}"
    );
    assert!(
        ada.contains("EXDATE;TZID=Europe/London:20260312T170000\r\n"),
        "{ada}"
    );
    assert!(mentor.contains("EXDATE;TZID=Europe/London:20260217T180000,20260224T180000\r\n"));
    if !parsers.any() {
        return;
    }
    let mut expected = BTreeMap::new();
    let mut per_feed = BTreeMap::new();
    for (name, report) in &reports {
        expected.extend(schedule(report));
        let audience = if *name == "staff" {
            Audience::Staff
        } else {
            Audience::Public
        };
        per_feed.extend(learner_feeds(report, name, audience, Some(&secret)));
    }
    assert!(per_feed.contains_key("staff/calendar/learners/ada-example.ics"));
    // Grace leads no group session, so her public feed is rightly empty;
    // saying how many events each feed holds lets the checkers accept it.
    let counts: BTreeMap<String, serde_json::Value> = feeds_under(&site)
        .into_iter()
        .map(|(path, text)| (path, json!({ "events": events(&text).0, "checks": [] })))
        .collect();
    let expected_path = work.path().join("expected.json");
    write_json(
        &expected_path,
        &json!({ "sessions": expected, "feed_sessions": per_feed, "feeds": counts }),
    );
    match parsers.check(&site, &expected_path) {
        Ok(reports) => eprintln!("{reports}"),
        Err(failure) => panic!("{failure}"),
    }
}

#[test]
fn random_text_in_every_field_leaves_every_feed_whole_and_readable() {
    let parsers = Parsers::from_env("the feeds of random text");
    let work = tempfile::tempdir().unwrap();
    let plain = Texts {
        program: "Example Mentoring".into(),
        cohort: "First cohort".into(),
        grace: "Grace Example".into(),
        tomas: "Tomás Example".into(),
        learner: "Ada Example".into(),
        module: "Set up your workspace".into(),
        group_title: "Cohort group session".into(),
        agenda: ["Check-in".into(), "Practice".into()],
        location: "Library meeting room".into(),
        weekly_title: "Weekly review".into(),
        reason: "Unwell".into(),
    };
    build_example(&work.path().join("baseline"), &plain);
    let baseline: BTreeMap<String, (usize, BTreeSet<String>)> =
        feeds_under(&work.path().join("baseline/site"))
            .into_iter()
            .map(|(path, feed)| (path, events(&feed)))
            .collect();
    assert!(baseline.values().map(|b| b.0).sum::<usize>() > 0);
    let config = Config {
        cases: 32,
        max_shrink_iters: 256,
        failure_persistence: None,
        ..Config::default()
    };
    let case = std::cell::Cell::new(0);
    let result = TestRunner::new(config).run(&texts(), |texts| {
        case.set(case.get() + 1);
        let dir = work.path().join(format!("case-{}", case.get()));
        let report = build_example(&dir, &texts);
        let site = dir.join("site");
        let problems = structure_problems(&feeds_under(&site), &baseline);
        prop_assert!(problems.is_empty(), "{}", problems.join("\n"));
        if parsers.any() {
            let expected = dir.join("expected.json");
            let specs = feed_specs(&texts, &baseline, &report);
            write_json(
                &expected,
                &json!({ "sessions": schedule(&report), "feeds": specs }),
            );
            if let Err(failure) = parsers.check(&site, &expected) {
                return Err(TestCaseError::fail(failure));
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    eprintln!(
        "{} programs of random text built and read{}",
        case.get(),
        if parsers.any() {
            ""
        } else {
            " (structure only: no parser)"
        }
    );
}
