//! Time zones as a coordinator meets them: a Berlin cohort whose group
//! sessions are set in São Paulo, Kolkata and Berlin shows each in Berlin
//! time, in the order they happen, with the session's own time beside it;
//! a learner's page shows the same meetings in the learner's zone; and
//! abbreviations, legacy and old names in the data are reported with the
//! zone to write instead.

#![cfg(test)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::DateTime;

const TODAY: &str = "2026-04-15";

/// Group sessions of the example program's cohort, moved to Berlin, set in
/// three zones. Berlin changes to summer time on 29 March 2026; São Paulo
/// keeps UTC−03:00 and Kolkata UTC+05:30 all year.
const SESSIONS: &str = "\
sessions:
  - id: kolkata-reading-group
    kind: group
    title: Reading group from Kolkata
    cohort: first-cohort
    start: 2026-03-25T21:00
    timezone: Asia/Kolkata
    duration_minutes: 30
    mentors: [grace-hopper-example]
    learners: [ada-example]
    location: Online
  - id: berlin-lab
    kind: group
    title: Lab in Berlin
    cohort: first-cohort
    start: 2026-03-25T17:00
    duration_minutes: 30
    mentors: [tomas-example]
    learners: [ada-example]
    location: Online
  - id: sao-paulo-review
    kind: group
    title: Review from São Paulo
    cohort: first-cohort
    start: 2026-03-25T14:00
    timezone: America/Sao_Paulo
    duration_minutes: 30
    mentors: [grace-hopper-example]
    learners: [ada-example]
    location: Online
  - id: sao-paulo-summer
    kind: group
    title: Review from São Paulo after the clock change
    cohort: first-cohort
    start: 2026-04-01T14:00
    timezone: America/Sao_Paulo
    duration_minutes: 30
    mentors: [grace-hopper-example]
    learners: [ada-example]
    location: Online
  - id: kolkata-early
    kind: group
    title: Early start in Kolkata
    cohort: first-cohort
    start: 2026-04-02T03:00
    timezone: Asia/Kolkata
    duration_minutes: 30
    mentors: [tomas-example]
    learners: [ada-example]
    location: Online
";

/// The example program `telemachy init` writes, with `edit` applied.
fn program(edit: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .arg("init")
        .arg(root(&dir))
        .output()
        .expect("run init");
    assert!(out.status.success(), "init failed: {out:?}");
    edit(&root(&dir));
    dir
}

fn root(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("program")
}

fn replace(file: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    assert!(text.contains(from), "{} has no `{from}`", file.display());
    fs::write(file, text.replacen(from, to, 1))
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
}

/// A Berlin cohort with sessions in three zones, its learner in São Paulo.
fn three_zones(root: &Path) {
    replace(
        &root.join("data/cohorts.yaml"),
        "timezone: Europe/London",
        "timezone: Europe/Berlin",
    );
    replace(
        &root.join("data/learners/ada-example.yaml"),
        "path: getting-started\n",
        "path: getting-started\ntimezone: America/Sao_Paulo\n",
    );
    fs::write(root.join("data/sessions/around-the-world.yaml"), SESSIONS).expect("write sessions");
}

/// Builds the program for `audience` and returns the page at `page`.
fn built_page(dir: &tempfile::TempDir, audience: &str, page: &str) -> String {
    let out_dir = dir.path().join(format!("site-{audience}"));
    let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(["build", "--today", TODAY, "--audience", audience, "--root"])
        .arg(root(dir))
        .arg("--out")
        .arg(&out_dir)
        .env("NO_COLOR", "1")
        .env_remove("TELEMACHY_SECRET")
        .output()
        .expect("run build");
    assert!(
        out.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = out_dir.join(page);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A schedule table: its header, and per row the start's `datetime`, the
/// first cell's text and the second cell's text.
struct Table {
    header: String,
    rows: Vec<(String, String, String)>,
}

fn table_after(html: &str, heading_id: &str) -> Table {
    let start = html
        .find(&format!("id=\"{heading_id}\""))
        .unwrap_or_else(|| panic!("no #{heading_id}"));
    let section = &html[start..];
    let section = &section[..section.find("</table>").unwrap_or(section.len())];
    let header = between(section, "<th scope=\"col\">", "</th>").unwrap_or_default();
    let rows = section
        .split("<tr>")
        .skip(2)
        .map(|row| {
            let datetime = between(row, "datetime=\"", "\"").unwrap_or_default();
            let cells: Vec<String> = row
                .split("</td>")
                .map(|cell| text_of(cell).trim().to_string())
                .collect();
            let title = cells.get(1).cloned().unwrap_or_default();
            (datetime, cells[0].clone(), title)
        })
        .collect();
    Table { header, rows }
}

fn between(text: &str, open: &str, close: &str) -> Option<String> {
    let from = text.find(open)? + open.len();
    let to = text[from..].find(close)? + from;
    Some(text[from..to].to_string())
}

fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_in_order_of_instants(table: &Table) {
    let instants: Vec<_> = table
        .rows
        .iter()
        .map(|(datetime, when, _)| {
            DateTime::parse_from_str(datetime, "%Y-%m-%dT%H:%M%:z")
                .unwrap_or_else(|e| panic!("`{datetime}` of {when}: {e}"))
        })
        .collect();
    assert!(
        instants.windows(2).all(|w| w[0] <= w[1]),
        "rows are not in the order they happen: {:#?}",
        table.rows
    );
}

fn row<'a>(table: &'a Table, title: &str) -> &'a (String, String, String) {
    table
        .rows
        .iter()
        .find(|(_, _, t)| t.starts_with(title))
        .unwrap_or_else(|| panic!("no row `{title}` in {:#?}", table.rows))
}

#[test]
fn a_berlin_cohort_page_shows_every_session_in_berlin_time_in_the_order_they_happen() {
    let dir = program(three_zones);
    let html = built_page(&dir, "public", "cohorts/first-cohort/index.html");
    let schedule = table_after(&html, "schedule-heading");
    assert_eq!(schedule.header, "When (Europe/Berlin)");
    let ours: Vec<(&str, &str)> = schedule
        .rows
        .iter()
        .filter(|(_, _, title)| !title.starts_with("Cohort group session"))
        .map(|(_, when, title)| (when.as_str(), title.as_str()))
        .collect();
    assert_eq!(
        ours,
        [
            (
                "Wed 25 Mar 2026, 16:30 (21:00 Kolkata time)",
                "Reading group from Kolkata group"
            ),
            ("Wed 25 Mar 2026, 17:00", "Lab in Berlin group"),
            (
                "Wed 25 Mar 2026, 18:00 (14:00 Sao Paulo time)",
                "Review from São Paulo group"
            ),
            (
                "Wed 1 Apr 2026, 19:00 (14:00 Sao Paulo time)",
                "Review from São Paulo after the clock change group"
            ),
            (
                "Wed 1 Apr 2026, 23:30 (Thu 2 Apr, 03:00 Kolkata time)",
                "Early start in Kolkata group"
            ),
        ]
    );
    assert_in_order_of_instants(&schedule);
    assert_eq!(row(&schedule, "Lab in Berlin").0, "2026-03-25T17:00+01:00");
    assert_eq!(
        row(&schedule, "Review from São Paulo after").0,
        "2026-04-01T19:00+02:00"
    );
}

#[test]
fn a_learners_page_shows_their_sessions_in_their_own_zone_in_the_order_they_happen() {
    let dir = program(three_zones);
    let html = built_page(&dir, "staff", "learners/ada-example/index.html");
    let sessions = table_after(&html, "sessions-heading");
    assert_eq!(sessions.header, "When (America/Sao_Paulo)");
    assert_eq!(
        row(&sessions, "Reading group from Kolkata").1,
        "Wed 25 Mar 2026, 12:30 (21:00 Kolkata time)"
    );
    assert_eq!(
        row(&sessions, "Lab in Berlin").1,
        "Wed 25 Mar 2026, 13:00 (17:00 Berlin time)"
    );
    assert_eq!(
        row(&sessions, "Review from São Paulo").1,
        "Wed 25 Mar 2026, 14:00"
    );
    assert_eq!(
        row(&sessions, "Early start in Kolkata").1,
        "Wed 1 Apr 2026, 18:30 (Thu 2 Apr, 03:00 Kolkata time)"
    );
    assert_in_order_of_instants(&sessions);
}

/// `check --format json` on the program: (code, file:line:col, help) per
/// diagnostic, in the order printed.
fn diagnostics(dir: &tempfile::TempDir) -> Vec<(String, String, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(["check", "--format", "json", "--today", TODAY, "--root"])
        .arg(root(dir))
        .output()
        .expect("run check");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|d| d["code"].is_string())
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                format!(
                    "{}:{}:{}",
                    d["file"].as_str().unwrap_or_default(),
                    d["line"],
                    d["column"]
                ),
                d["help"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn abbreviations_and_legacy_names_are_refused_and_old_names_warned_with_the_zone_to_write() {
    let dir = program(|root| {
        replace(
            &root.join("data/program.yaml"),
            "timezone: Europe/London",
            "timezone: EST",
        );
        replace(
            &root.join("data/mentors.yaml"),
            "timezone: Europe/London",
            "timezone: CET",
        );
        replace(
            &root.join("data/mentors.yaml"),
            "timezone: Europe/Madrid",
            "timezone: Asia/Calcuta",
        );
        replace(
            &root.join("data/cohorts.yaml"),
            "timezone: Europe/London",
            "timezone: Asia/Calcutta",
        );
        replace(
            &root.join("data/learners/ada-example.yaml"),
            "path: getting-started\n",
            "path: getting-started\ntimezone: EST5EDT\n",
        );
    });
    let found = diagnostics(&dir);
    let expected = [
        (
            "W008",
            "data/cohorts.yaml:8:15",
            "write `Asia/Kolkata`, the name the tz database gives this zone now",
        ),
        (
            "E007",
            "data/learners/ada-example.yaml:7:11",
            "write the zone of the place you mean, such as `America/New_York`",
        ),
        (
            "E007",
            "data/mentors.yaml:7:15",
            "write the zone of the place you mean, such as `Europe/Berlin` or `Europe/Paris`",
        ),
        (
            "E007",
            "data/mentors.yaml:18:15",
            "did you mean `Asia/Kolkata`?",
        ),
        (
            "E007",
            "data/program.yaml:8:11",
            "write the zone of the place you mean, such as `America/New_York`; `EST` stays at UTC−05:00 all year",
        ),
    ];
    let found: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|(c, l, h)| (c.as_str(), l.as_str(), h.as_str()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn an_old_name_alone_is_a_warning_and_the_program_builds() {
    let dir = program(|root| {
        replace(
            &root.join("data/cohorts.yaml"),
            "timezone: Europe/London",
            "timezone: US/Eastern",
        );
    });
    assert_eq!(
        diagnostics(&dir),
        [(
            "W008".to_string(),
            "data/cohorts.yaml:8:15".to_string(),
            "write `America/New_York`, the name the tz database gives this zone now".to_string()
        )]
    );
    let html = built_page(&dir, "public", "cohorts/first-cohort/index.html");
    assert!(html.contains("When (America/New_York)"), "{html}");
}
