//! `telemachy import`, run as a coordinator runs it: a fresh example
//! program from `telemachy init`, a form export, a mapping, and what the
//! files and the terminal say afterwards.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TODAY: &str = "2026-04-15";

/// A fresh example program in a temporary folder, and the folder.
fn program() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let root = dir.path().join("program");
    let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .arg("init")
        .arg(&root)
        .output()
        .unwrap_or_else(|e| panic!("run init: {e}"));
    assert!(out.status.success(), "init failed: {out:?}");
    (dir, root)
}

fn write(path: &Path, text: &[u8]) {
    fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Every file of the program and its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = fs::read(&path).unwrap_or_default();
                files.insert(path, bytes);
            }
        }
    }
    files
}

/// Runs `import` in `dir` (where the sheet and the mapping are) on the
/// program `root`.
fn import(dir: &Path, root: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .current_dir(dir)
        .args(["import", "--today", TODAY, "--root"])
        .arg(root)
        .args(extra)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("run import: {e}"))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A Google Forms intake export: byte order mark, `;` between cells, a
/// goal that spans two lines, names in Arabic, Devanagari and Chinese with
/// the ids the coordinator gave them.
const INTAKE: &str = "\u{feff}Timestamp;Full name;Learner id;Email address;What do you want to achieve?;What might get in your way?;May we list your name in the cohort?\n\
16/01/2026 09:00:00;ليلى حداد;layla-haddad;layla@example.org;\"Learn SQL\nand build a dashboard\";Childcare, Long commute;Yes\n\
17/01/2026 11:30:00;प्रिया शर्मा;priya-sharma;;Dashboards;;No\n\
18/01/2026 12:00:00;李华;li-hua;;Data cleaning;;\n";

const INTAKE_MAP: &str = r#"# The intake form, exported from Google Forms.
records: learners
columns:
  id: Learner id
  name: Full name
  email: Email address
  intake.date: Timestamp
  intake.goal: What do you want to achieve?
  intake.blockers: What might get in your way?
  consent.listed_in_cohort: May we list your name in the cohort?
values:
  cohort: first-cohort
  path: getting-started
dates:
  intake.date: "%d/%m/%Y %H:%M:%S"
"#;

#[test]
fn a_form_export_becomes_one_file_per_learner_that_checks_clean() {
    let (dir, root) = program();
    write(&dir.path().join("intake.csv"), INTAKE.as_bytes());
    write(&dir.path().join("intake.map.yaml"), INTAKE_MAP.as_bytes());
    let out = import(
        dir.path(),
        &root,
        &["--mapping", "intake.map.yaml", "intake.csv"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("imported 3 row(s): 3 added"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        read(&root.join("data/learners/layla-haddad.yaml")),
        "id: layla-haddad\n\
         name: ليلى حداد\n\
         email: layla@example.org\n\
         cohort: first-cohort\n\
         path: getting-started\n\
         intake:\n  date: 2026-01-16\n  goal: \"Learn SQL\\nand build a dashboard\"\n  blockers: [Childcare, Long commute]\n\
         consent:\n  listed_in_cohort: true\n\
         journey:\n  - stage: intake\n    date: 2026-01-16\n"
    );
    assert!(read(&root.join("data/learners/priya-sharma.yaml")).contains("name: प्रिया शर्मा\n"));
    assert!(read(&root.join("data/learners/li-hua.yaml")).contains("name: 李华\n"));
    let check = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(["check", "--today", TODAY, "--root"])
        .arg(&root)
        .output()
        .unwrap_or_else(|e| panic!("run check: {e}"));
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn a_name_in_another_script_without_an_id_column_is_refused_at_its_cell() {
    let (dir, root) = program();
    write(&dir.path().join("intake.csv"), INTAKE.as_bytes());
    let map = INTAKE_MAP.replace("  id: Learner id\n", "");
    write(&dir.path().join("intake.map.yaml"), map.as_bytes());
    let before = snapshot(&root);
    let out = import(
        dir.path(),
        &root,
        &["--mapping", "intake.map.yaml", "intake.csv"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stderr(&out);
    assert!(
        report.contains("error[E092]: no id can be made from the name `ليلى حداد`"),
        "{report}"
    );
    assert!(report.contains("--> intake.csv:2:21"), "{report}");
    assert_eq!(snapshot(&root), before, "a refused import wrote files");
}

/// The intake export as Excel or Windows writes it: `\r\n` after every
/// row and inside the quoted goal, and one more row whose id was left
/// empty.
fn windows_intake(last_row: &str) -> String {
    format!("{INTAKE}{last_row}\n").replace('\n', "\r\n")
}

#[test]
fn a_windows_export_reads_as_the_same_text_and_an_empty_id_comes_from_a_latin_name() {
    let (dir, root) = program();
    let sheet =
        windows_intake("19/01/2026 08:15:00;José Núñez-García;;jose@example.org;Queries;;Yes");
    write(&dir.path().join("intake.csv"), sheet.as_bytes());
    write(&dir.path().join("intake.map.yaml"), INTAKE_MAP.as_bytes());
    let out = import(
        dir.path(),
        &root,
        &["--mapping", "intake.map.yaml", "intake.csv"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let layla = read(&root.join("data/learners/layla-haddad.yaml"));
    assert!(
        layla.contains("  goal: \"Learn SQL\\nand build a dashboard\"\n"),
        "{layla}"
    );
    let jose = read(&root.join("data/learners/jose-nunez-garcia.yaml"));
    assert!(
        jose.starts_with("id: jose-nunez-garcia\nname: José Núñez-García\n"),
        "{jose}"
    );
}

#[test]
fn an_empty_id_beside_a_name_in_another_script_is_refused_at_its_cell() {
    let (dir, root) = program();
    let sheet = windows_intake("19/01/2026 08:15:00;李雷;;;Queries;;");
    write(&dir.path().join("intake.csv"), sheet.as_bytes());
    write(&dir.path().join("intake.map.yaml"), INTAKE_MAP.as_bytes());
    let before = snapshot(&root);
    let out = import(
        dir.path(),
        &root,
        &["--mapping", "intake.map.yaml", "intake.csv"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stderr(&out);
    assert!(
        report.contains("error[E092]: no id can be made from the name `李雷`"),
        "{report}"
    );
    // Header, the two lines of the quoted goal, two more rows: line 6.
    assert!(report.contains("--> intake.csv:6:21"), "{report}");
    assert!(report.contains("fill in this person's id"), "{report}");
    assert_eq!(snapshot(&root), before, "a refused import wrote files");
}

#[test]
fn a_bad_date_is_reported_at_its_row_and_column_and_nothing_is_written() {
    let (dir, root) = program();
    let sheet = "Name,Id,Joined\nAna Lima,ana-lima,2026-02-01\nBo Chen,bo-chen,31/02/2026\n";
    write(&dir.path().join("people.csv"), sheet.as_bytes());
    write(
        &dir.path().join("people.map.yaml"),
        b"records: learners\ncolumns:\n  id: Id\n  name: Name\n  intake.date: Joined\nvalues:\n  cohort: first-cohort\n  path: getting-started\n",
    );
    let before = snapshot(&root);
    let out = import(
        dir.path(),
        &root,
        &[
            "--mapping",
            "people.map.yaml",
            "people.csv",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let first: serde_json::Value =
        serde_json::from_str(stdout.lines().next().unwrap_or_default()).unwrap_or_default();
    assert_eq!(first["code"], "E091", "{stdout}");
    assert_eq!(first["file"], "people.csv", "{stdout}");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(3), Some(17))
    );
    assert_eq!(snapshot(&root), before, "a refused import wrote files");
}

#[test]
fn a_comma_sheet_with_a_duplicate_id_is_refused() {
    let (dir, root) = program();
    let sheet = "Name,Id,Joined\nAna Lima,ana-lima,2026-02-01\n\"Lima, Ana\",ana-lima,2026-02-02\n";
    write(&dir.path().join("people.csv"), sheet.as_bytes());
    write(
        &dir.path().join("people.map.yaml"),
        b"records: learners\ncolumns:\n  id: Id\n  name: Name\n  intake.date: Joined\nvalues:\n  cohort: first-cohort\n  path: getting-started\n",
    );
    let before = snapshot(&root);
    let out = import(
        dir.path(),
        &root,
        &["--mapping", "people.map.yaml", "people.csv"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stderr(&out);
    assert!(
        report.contains("error[E093]: a second row for learner `ana-lima`"),
        "{report}"
    );
    assert!(report.contains("--> people.csv:3:13"), "{report}");
    assert_eq!(snapshot(&root), before);
}

const ADA_SHEET: &str =
    "Id,Name,Email,Goal\nada-example,Ada Example,ada@example.org,Publish a data project\n";
const ADA_MAP: &[u8] =
    b"records: learners\ncolumns:\n  id: Id\n  name: Name\n  email: Email\n  intake.goal: Goal\n";

#[test]
fn an_existing_learner_is_reported_and_left_alone_without_update() {
    let (dir, root) = program();
    write(&dir.path().join("ada.csv"), ADA_SHEET.as_bytes());
    write(&dir.path().join("ada.map.yaml"), ADA_MAP);
    let before = snapshot(&root);
    let out = import(dir.path(), &root, &["--mapping", "ada.map.yaml", "ada.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stderr(&out);
    assert!(
        report.contains(
            "warning[W094]: row 2 differs from learner `ada-example` in data/learners/ada-example.yaml: email, intake.goal"
        ),
        "{report}"
    );
    assert!(
        report.contains("`email` is not in the file, `ada@example.org` in the sheet"),
        "{report}"
    );
    assert_eq!(snapshot(&root), before);
}

#[test]
fn update_changes_only_the_values_that_differ_and_keeps_every_other_line() {
    let (dir, root) = program();
    write(&dir.path().join("ada.csv"), ADA_SHEET.as_bytes());
    write(&dir.path().join("ada.map.yaml"), ADA_MAP);
    let file = root.join("data/learners/ada-example.yaml");
    let original = read(&file);
    let mentors = fs::read(root.join("data/mentors.yaml")).unwrap_or_default();
    let out = import(
        dir.path(),
        &root,
        &["--mapping", "ada.map.yaml", "ada.csv", "--update"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let updated = read(&file);
    let expected = original.replace(
        "  goal: Build and publish a small data project I can show to employers.\n",
        "  goal: Publish a data project\n",
    ) + "email: ada@example.org\n";
    assert_eq!(updated, expected);
    // The comments at the top of her file and the other files are untouched.
    assert!(updated.starts_with("# One file per learner."), "{updated}");
    assert_eq!(
        fs::read(root.join("data/mentors.yaml")).unwrap_or_default(),
        mentors
    );
    // A second run finds nothing to change.
    let again = import(
        dir.path(),
        &root,
        &["--mapping", "ada.map.yaml", "ada.csv", "--update"],
    );
    assert!(
        stderr(&again).contains("0 updated, 1 unchanged"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn a_new_mentor_is_appended_and_the_rest_of_the_file_survives_byte_for_byte() {
    let (dir, root) = program();
    let file = root.join("data/mentors.yaml");
    let original = read(&file);
    write(
        &dir.path().join("mentors.csv"),
        "Name,Zone,Mentees,Hours,Public\r\nJosé Núñez,Europe/Madrid,2,\"2,5\",Sí\r\n".as_bytes(),
    );
    write(
        &dir.path().join("mentors.map.yaml"),
        "records: mentors\ncolumns:\n  name: Name\n  timezone: Zone\n  capacity.mentees: Mentees\n  capacity.hours_per_week: Hours\n  public_profile: Public\nyes: [sí]\nno: [\"no\"]\n".as_bytes(),
    );
    let out = import(
        dir.path(),
        &root,
        &["--mapping", "mentors.map.yaml", "mentors.csv"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        read(&file),
        format!(
            "{original}  - id: jose-nunez\n    name: José Núñez\n    timezone: Europe/Madrid\n    capacity:\n      mentees: 2\n      hours_per_week: 2.5\n    public_profile: true\n"
        )
    );
}

#[test]
fn check_in_answers_are_added_to_each_learners_confidence() {
    let (dir, root) = program();
    write(
        &dir.path().join("checkin.csv"),
        b"Learner,Date,Confidence\nada-example,2026-04-12,5\nada-example,2026-04-09,4\n",
    );
    write(
        &dir.path().join("checkin.map.yaml"),
        b"records: confidence\ncolumns:\n  learner: Learner\n  date: Date\n  value: Confidence\n",
    );
    let out = import(
        dir.path(),
        &root,
        &["--mapping", "checkin.map.yaml", "checkin.csv"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // 9 April was already recorded with the same rating; 12 April is new.
    assert!(
        stderr(&out).contains("1 added, 0 updated, 1 unchanged"),
        "{}",
        stderr(&out)
    );
    let text = read(&root.join("data/learners/ada-example.yaml"));
    assert!(
        text.contains("  - date: 2026-04-09\n    value: 4\n  - date: 2026-04-12\n    value: 5\n"),
        "{text}"
    );
}

#[test]
fn an_import_that_would_break_check_is_undone_byte_for_byte() {
    let (dir, root) = program();
    // A comment and Windows line endings in a file the import edits.
    let ada = root.join("data/learners/ada-example.yaml");
    let crlf = read(&ada).replace('\n', "\r\n");
    write(&ada, crlf.as_bytes());
    write(
        &dir.path().join("people.csv"),
        b"Id,Name,Joined,Cohort\nada-example,Ada Example,2026-01-05,first-cohort\nbo-new,Bo New,2026-02-01,no-such-cohort\n",
    );
    write(
        &dir.path().join("people.map.yaml"),
        b"records: learners\ncolumns:\n  id: Id\n  name: Name\n  intake.date: Joined\n  cohort: Cohort\nvalues:\n  path: getting-started\n  email: ada@example.org\n",
    );
    let before = snapshot(&root);
    let out = import(
        dir.path(),
        &root,
        &["--mapping", "people.map.yaml", "people.csv", "--update"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stderr(&out);
    assert!(report.contains("error[E009]"), "{report}");
    assert!(
        report.contains("every file was put back as it was"),
        "{report}"
    );
    assert_eq!(snapshot(&root), before, "the undone import left changes");
}

#[test]
fn a_dry_run_says_what_would_change_and_writes_nothing() {
    let (dir, root) = program();
    write(&dir.path().join("intake.csv"), INTAKE.as_bytes());
    write(&dir.path().join("intake.map.yaml"), INTAKE_MAP.as_bytes());
    let before = snapshot(&root);
    let out = import(
        dir.path(),
        &root,
        &["--mapping", "intake.map.yaml", "intake.csv", "--dry-run"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("would add learner `li-hua` (data/learners/li-hua.yaml)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(snapshot(&root), before);
}

#[test]
fn update_of_a_mentor_changes_one_line_of_mentors_yaml_and_keeps_its_comments() {
    let (dir, root) = program();
    let file = root.join("data/mentors.yaml");
    let original = read(&file);
    write(
        &dir.path().join("mentors.csv"),
        b"Id,Name,Mentees,Hours\ngrace-hopper-example,Grace Example,3,3\ntomas-example,Tom\xc3\xa1s Example,1,2\n",
    );
    write(
        &dir.path().join("mentors.map.yaml"),
        b"records: mentors\ncolumns:\n  id: Id\n  name: Name\n  capacity.mentees: Mentees\n  capacity.hours_per_week: Hours\n",
    );
    let out = import(
        dir.path(),
        &root,
        &["--mapping", "mentors.map.yaml", "mentors.csv", "--update"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 updated, 1 unchanged"),
        "{}",
        stderr(&out)
    );
    let expected = original.replacen("      mentees: 2\n", "      mentees: 3\n", 1);
    assert_ne!(expected, original);
    assert_eq!(read(&file), expected);
}

#[test]
fn warnings_the_new_records_bring_are_shown_after_writing() {
    let (dir, root) = program();
    write(
        &dir.path().join("people.csv"),
        b"Id,Name,Joined\nold-one,Old One,2026-01-01\n",
    );
    write(
        &dir.path().join("people.map.yaml"),
        b"records: learners\ncolumns:\n  id: Id\n  name: Name\n  intake.date: Joined\nvalues:\n  cohort: first-cohort\n  path: getting-started\n",
    );
    let out = import(
        dir.path(),
        &root,
        &["--mapping", "people.map.yaml", "people.csv"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stderr(&out);
    assert!(
        report.contains("warning[W034]: Old One has been in `intake`"),
        "{report}"
    );
    assert!(
        report.contains("--> data/learners/old-one.yaml:8:12"),
        "{report}"
    );
    assert!(
        report.contains("1 added, 0 updated, 0 unchanged, 1 warning(s)"),
        "{report}"
    );
}

#[test]
fn a_learner_file_that_does_not_load_stops_the_import_before_any_row() {
    let (dir, root) = program();
    let ada = root.join("data/learners/ada-example.yaml");
    let broken = read(&ada).replacen("name: Ada Example", "name: [Ada Example", 1);
    write(&ada, broken.as_bytes());
    write(&dir.path().join("ada.csv"), ADA_SHEET.as_bytes());
    write(&dir.path().join("ada.map.yaml"), ADA_MAP);
    let before = snapshot(&root);
    let out = import(
        dir.path(),
        &root,
        &["--mapping", "ada.map.yaml", "ada.csv", "--update"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stderr(&out);
    assert!(report.contains("error[E001]"), "{report}");
    assert!(
        report.contains("--> data/learners/ada-example.yaml:"),
        "{report}"
    );
    assert_eq!(snapshot(&root), before);
}

/// The post-session survey's mapping: who, when, and the two ratings.
const RATINGS_MAP: &str = "records: session-ratings\ncolumns:\n  learner: Learner\n  date: Date\n  rating_before: Before\n  rating_after: After\n";

/// The first cohort's post-session sentiment delta as the figures compute
/// it: the mean, and how many rated attendances it counts.
fn sentiment(root: &Path) -> (Option<f64>, u32) {
    let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d")
        .unwrap_or_else(|e| panic!("today: {e}"));
    let checked = telemachy::check_program(root, today);
    let metrics = telemachy::derive::metrics::compute(&checked.program, &checked.schedule, today);
    let cohort = metrics
        .cohorts
        .first()
        .unwrap_or_else(|| panic!("the example program has no cohort"));
    (cohort.all.sentiment.value, cohort.all.sentiment.count)
}

/// Runs the survey import of `sheet` (with `RATINGS_MAP`) on `root`.
fn import_ratings(dir: &Path, root: &Path, sheet: &str, extra: &[&str]) -> Output {
    write(&dir.join("ratings.csv"), sheet.as_bytes());
    write(&dir.join("ratings.map.yaml"), RATINGS_MAP.as_bytes());
    let mut args = vec!["--mapping", "ratings.map.yaml", "ratings.csv"];
    args.extend_from_slice(extra);
    import(dir, root, &args)
}

const KICKOFF: &str = "    status: completed\n  - id: ada-grace-weekly\n";

#[test]
fn survey_ratings_go_into_a_one_off_sessions_attendance_and_the_sentiment_delta() {
    let (dir, root) = program();
    let file = root.join("data/sessions/first-cohort.yaml");
    let original = read(&file);
    assert_eq!(sentiment(&root), (None, 0));
    let out = import_ratings(
        dir.path(),
        &root,
        "Learner,Date,Before,After\nada-example,2026-01-20,2,4\n",
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 added, 0 updated, 0 unchanged"),
        "{}",
        stderr(&out)
    );
    let expected = original.replacen(
        KICKOFF,
        "    status: completed\n    attendance:\n      - learner: ada-example\n        attended: true\n        rating_before: 2\n        rating_after: 4\n  - id: ada-grace-weekly\n",
        1,
    );
    assert_ne!(expected, original);
    assert_eq!(read(&file), expected);
    assert_eq!(sentiment(&root), (Some(2.0), 1));
}

#[test]
fn survey_ratings_of_a_series_go_under_the_meetings_date_in_occurrences() {
    let (dir, root) = program();
    let file = root.join("data/sessions/first-cohort.yaml");
    let original = read(&file);
    // The weekly review already has an `occurrences` list; the cohort
    // group series has none.
    let out = import_ratings(
        dir.path(),
        &root,
        "Learner,Date,Before,After\nada-example,2026-02-03,3,5\nada-example,2026-01-29,1,4\n",
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let expected = original
        .replacen(
            "          reason: Unwell\n",
            "          reason: Unwell\n      - date: 2026-02-03\n        attendance:\n          - learner: ada-example\n            attended: true\n            rating_before: 3\n            rating_after: 5\n",
            1,
        )
        + "    occurrences:\n      - date: 2026-01-29\n        attendance:\n          - learner: ada-example\n            attended: true\n            rating_before: 1\n            rating_after: 4\n";
    assert_eq!(read(&file), expected);
    assert_eq!(sentiment(&root), (Some(2.5), 2));
}

#[test]
fn a_rating_for_a_day_without_a_meeting_is_refused_at_its_cell() {
    let (dir, root) = program();
    let before = snapshot(&root);
    let out = import_ratings(
        dir.path(),
        &root,
        "Learner,Date,Before,After\nada-example,2026-01-20,2,4\nada-example,2026-01-21,3,4\n",
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stderr(&out);
    assert!(
        report.contains("error[E096]: `ada-example` has no meeting on 2026-01-21"),
        "{report}"
    );
    assert!(report.contains("--> ratings.csv:3:13"), "{report}");
    assert!(
        report.contains("the nearest are on 2026-01-20 (`ada-grace-kickoff`) and 2026-01-27"),
        "{report}"
    );
    assert_eq!(snapshot(&root), before, "a refused import wrote files");
}

#[test]
fn a_cancelled_or_future_meeting_takes_no_ratings() {
    let (dir, root) = program();
    let file = root.join("data/sessions/first-cohort.yaml");
    let next = "  - id: next-review\n    kind: one-to-one\n    title: Next review\n    cohort: first-cohort\n    start: 2026-04-21T18:00\n    duration_minutes: 45\n    mentors: [grace-hopper-example]\n    learners: [ada-example]\n";
    write(&file, (read(&file) + next).as_bytes());
    let before = snapshot(&root);
    let out = import_ratings(
        dir.path(),
        &root,
        "Learner,Date,Before,After\nada-example,2026-03-10,2,4\nada-example,2026-04-21,3,4\n",
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stderr(&out);
    assert!(
        report
            .contains("error[E096]: the meeting of `ada-grace-weekly` on 2026-03-10 was cancelled"),
        "{report}"
    );
    assert!(
        report.contains(
            "error[E096]: the meeting of `next-review` on 2026-04-21 is after today (2026-04-15)"
        ),
        "{report}"
    );
    assert!(report.contains("--> ratings.csv:3:13"), "{report}");
    assert_eq!(snapshot(&root), before);
}

#[test]
fn two_meetings_on_the_day_ask_for_the_session_column() {
    let (dir, root) = program();
    let file = root.join("data/sessions/first-cohort.yaml");
    let workshop = "  - id: morning-workshop\n    kind: group\n    title: Morning workshop\n    cohort: first-cohort\n    start: 2026-01-20T09:00\n    duration_minutes: 60\n    mentors: [tomas-example]\n    learners: [ada-example]\n    status: completed\n";
    let with_workshop = read(&file) + workshop;
    write(&file, with_workshop.as_bytes());
    let before = snapshot(&root);
    let out = import_ratings(
        dir.path(),
        &root,
        "Learner,Date,Before,After\nada-example,2026-01-20,2,4\n",
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stderr(&out);
    assert!(
        report.contains(
            "error[E096]: `ada-example` has 2 held meetings on 2026-01-20: `ada-grace-kickoff` at 18:00, `morning-workshop` at 09:00"
        ),
        "{report}"
    );
    assert!(report.contains("--> ratings.csv:2:13"), "{report}");
    assert!(report.contains("map it as `session:`"), "{report}");
    assert_eq!(snapshot(&root), before);

    // With the session's id in the sheet, the row names one meeting.
    write(
        &dir.path().join("ratings.csv"),
        b"Learner,Date,Session,Before,After\nada-example,2026-01-20,morning-workshop,2,4\n",
    );
    write(
        &dir.path().join("ratings.map.yaml"),
        format!("{RATINGS_MAP}  session: Session\n").as_bytes(),
    );
    let out = import(
        dir.path(),
        &root,
        &["--mapping", "ratings.map.yaml", "ratings.csv"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        read(&file),
        format!(
            "{with_workshop}    attendance:\n      - learner: ada-example\n        attended: true\n        rating_before: 2\n        rating_after: 4\n"
        )
    );
}

#[test]
fn a_rating_that_differs_from_the_file_is_changed_only_with_update() {
    let (dir, root) = program();
    let file = root.join("data/sessions/first-cohort.yaml");
    let rated = read(&file).replacen(
        KICKOFF,
        "    status: completed\n    attendance:\n      - learner: ada-example\n        attended: true\n        rating_before: 2  # asked at the door\n  - id: ada-grace-weekly\n",
        1,
    );
    write(&file, rated.as_bytes());
    let before = snapshot(&root);
    let sheet = "Learner,Date,Before,After\nada-example,2026-01-20,3,4\n";
    let out = import_ratings(dir.path(), &root, sheet, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stderr(&out);
    assert!(
        report.contains(
            "warning[W094]: row 2 differs from the ratings of `ada-example` for `ada-grace-kickoff` on 2026-01-20 in data/sessions/first-cohort.yaml: rating_before"
        ),
        "{report}"
    );
    assert!(
        report.contains("`rating_before` is `2` in the file, `3` in the sheet"),
        "{report}"
    );
    assert_eq!(
        snapshot(&root),
        before,
        "a difference was written without --update"
    );

    let out = import_ratings(dir.path(), &root, sheet, &["--update"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("0 added, 1 updated, 0 unchanged"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        read(&file),
        rated.replacen(
            "        rating_before: 2  # asked at the door\n",
            "        rating_before: 3  # asked at the door\n        rating_after: 4\n",
            1
        )
    );
    assert_eq!(sentiment(&root), (Some(1.0), 1));
}

#[test]
fn a_new_per_date_list_keeps_everyone_the_meeting_counted_as_there() {
    let (dir, root) = program();
    // Bo joins the cohort group; no attendance is taken, so everyone
    // invited counts as there.
    let ada = read(&root.join("data/learners/ada-example.yaml"));
    let journey = ada.find("journey:").unwrap_or(ada.len());
    let bo = ada[..journey]
        .replace("id: ada-example", "id: bo-example")
        .replace("name: Ada Example", "name: Bo Example")
        + "journey:\n  - stage: intake\n    date: 2026-01-05\n";
    write(&root.join("data/learners/bo-example.yaml"), bo.as_bytes());
    let file = root.join("data/sessions/first-cohort.yaml");
    let original = read(&file).replacen(
        "    learners: [ada-example]\n    location: Library meeting room\n",
        "    learners: [ada-example, bo-example]\n    location: Library meeting room\n",
        1,
    );
    write(&file, original.as_bytes());
    let out = import_ratings(
        dir.path(),
        &root,
        "Learner,Date,Before,After\nbo-example,2026-01-29,2,3\nada-example,2026-01-29,1,4\n",
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        read(&file),
        original
            + "    occurrences:\n      - date: 2026-01-29\n        attendance:\n          - learner: ada-example\n            attended: true\n            rating_before: 1\n            rating_after: 4\n          - learner: bo-example\n            attended: true\n            rating_before: 2\n            rating_after: 3\n"
    );
}

/// Office hours whose series-wide attendance rates every meeting, and one
/// meeting with its own list.
const OFFICE_HOURS: &str = "sessions:\n  - id: madrid-office-hours\n    kind: office-hours\n    title: Drop-in office hours\n    cohort: first-cohort\n    start: 2026-02-02T12:00\n    timezone: Europe/Madrid\n    duration_minutes: 30\n    mentors: [tomas-example]\n    learners: [ada-example]\n    status: completed\n    attendance:\n      - learner: ada-example\n        attended: true\n        rating_before: 2\n        rating_after: 4\n    recurrence:\n      every_weeks: 2\n      count: 4\n      skip: [2026-03-02]\n    occurrences:\n      - date: 2026-02-16\n        attendance:\n          - learner: ada-example\n            attended: false\n";

#[test]
fn a_series_wide_rating_is_left_alone_and_one_meeting_gets_its_own() {
    let (dir, root) = program();
    let file = root.join("data/sessions/office-hours.yaml");
    write(&file, OFFICE_HOURS.as_bytes());
    let sheet =
        "Learner,Date,Before,After\nada-example,2026-03-16,3,5\nada-example,2026-02-16,1,2\n";
    let out = import_ratings(dir.path(), &root, sheet, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stderr(&out);
    assert!(
        report.contains("`rating_before` is `2` in the file, `3` in the sheet; `rating_after` is `4` in the file, `5` in the sheet"),
        "{report}"
    );
    // The meeting with its own list gets the ratings it lacked; its
    // `attended: false` stays as the file has it.
    let with_own =
        OFFICE_HOURS.to_string() + "            rating_before: 1\n            rating_after: 2\n";
    assert_eq!(read(&file), with_own);
    let out = import_ratings(dir.path(), &root, sheet, &["--update"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("0 added, 1 updated, 1 unchanged"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        read(&file),
        with_own
            + "      - date: 2026-03-16\n        attendance:\n          - learner: ada-example\n            attended: true\n            rating_before: 3\n            rating_after: 5\n"
    );
}
