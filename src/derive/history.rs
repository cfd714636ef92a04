//! When each source file last changed, from git history in one pass.
//!
//! One `git log` over the whole history lists every commit with the files it
//! touched; walking it newest first, the first commit that names a file is
//! the one that last changed it. That is one process for the whole program,
//! not one per file. Outside a git repository (or without git) the dates are
//! unknown and the build says so.
//!
//! Calendar clients only replace an event they already have when its
//! `SEQUENCE` grows, so a second pass counts, per session, the commits that
//! changed its time, place or status: one `git log -p` over `data/sessions/`,
//! `data/cohorts.yaml` and `data/program.yaml` with a context so large that
//! every diff holds the whole new file, each version parsed with the
//! project's loader and compared with the one before. A session without its
//! own `timezone` takes its cohort's, else the program's, so a commit that
//! changes one of those zones moves it too.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Utc};

use crate::load::{InFile, raw, yaml};

/// Last-change times of the program's files, when known.
#[derive(Debug, Clone, Default)]
pub struct History {
    last_changed: Option<HashMap<PathBuf, DateTime<Utc>>>,
    sequences: HashMap<String, u32>,
}

impl History {
    /// Reads the history of `content/` and `data/` under `root`.
    pub fn read(root: &Path) -> History {
        let output = Command::new("git")
            .arg("-C")
            .arg(root)
            .args([
                "log",
                "--no-renames",
                "--format=%x00%ct",
                "--name-only",
                "--relative",
                "--",
                "content",
                "data",
            ])
            .output();
        match output {
            Ok(out) if out.status.success() => History {
                last_changed: Some(parse_log(&String::from_utf8_lossy(&out.stdout))),
                sequences: read_sequences(root),
            },
            _ => History::default(),
        }
    }

    /// How many commits changed a session's time, place or status since it
    /// was first committed (0 when unknown).
    pub fn sequence(&self, session: &str) -> u32 {
        self.sequences.get(session).copied().unwrap_or(0)
    }

    /// Whether the program is in a git repository at all.
    pub fn known(&self) -> bool {
        self.last_changed.is_some()
    }

    /// When a root-relative file last changed in a commit.
    pub fn last_changed(&self, file: &Path) -> Option<DateTime<Utc>> {
        self.last_changed.as_ref()?.get(file).copied()
    }
}

/// Every committed version of every sessions file, oldest first, in one
/// process.
fn read_sequences(root: &Path) -> HashMap<String, u32> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "log",
            "--reverse",
            "--no-renames",
            "--no-color",
            "--no-ext-diff",
            "-p",
            "-U100000000",
            "--format=%x00",
            "--",
            "data/sessions",
            COHORTS,
            PROGRAM,
        ])
        .output();
    match output {
        Ok(out) if out.status.success() => count_changes(&String::from_utf8_lossy(&out.stdout)),
        _ => HashMap::new(),
    }
}

const COHORTS: &str = "data/cohorts.yaml";
const PROGRAM: &str = "data/program.yaml";

/// The new versions of the files in one commit's whole-file diffs, with
/// their root-relative paths.
fn new_versions(commit: &str) -> Vec<(String, String)> {
    let mut versions = Vec::new();
    for diff in commit.split("\ndiff --git ").skip(1) {
        let mut lines = diff.lines();
        let mut path = None;
        for line in lines.by_ref() {
            if let Some(new) = line.strip_prefix("+++ ") {
                path = new.strip_prefix("b/").map(str::to_string);
            }
            if line.starts_with("@@") {
                break;
            }
        }
        // `+++ /dev/null`: the file was deleted.
        let Some(path) = path else {
            continue;
        };
        let mut text = String::new();
        for line in lines {
            if let Some(kept) = line.strip_prefix(' ').or_else(|| line.strip_prefix('+')) {
                text.push_str(kept);
                text.push('\n');
            }
        }
        versions.push((path, text));
    }
    versions
}

/// What a calendar client must be told about, time zone aside: time,
/// place and status.
fn fingerprint(session: &raw::Session) -> String {
    let recurrence = session.recurrence.as_ref().map(|r| {
        (
            r.every_weeks.value,
            r.count.as_ref().map(|c| c.value),
            r.until.as_ref().map(|u| u.value.clone()),
            r.skip.iter().map(|s| s.value.clone()).collect::<Vec<_>>(),
        )
    });
    let changes: Vec<_> = session
        .occurrences
        .iter()
        .map(|c| {
            (
                &c.date.value,
                c.status.as_ref().map(|s| s.value),
                c.moved_to.as_ref().map(|m| &m.value),
                &c.location,
                c.link.as_ref().map(|link| &link.value),
            )
        })
        .collect();
    format!(
        "{:?}",
        (
            &session.start.value,
            session.duration_minutes.value,
            recurrence,
            &session.location,
            session.link.as_ref().map(|link| &link.value),
            session.status.value,
            changes,
        )
    )
}

/// One session as of the commits read so far.
struct Tracked {
    /// Its fingerprint without the zone.
    own: String,
    /// Its own `timezone`, if it has one.
    zone: Option<String>,
    cohort: Option<String>,
    /// Its fingerprint and effective zone when last counted; `None` before.
    last: Option<(String, Option<String>)>,
    count: u32,
}

/// The zones sessions inherit: each cohort's, and the program's.
#[derive(Clone, Default, PartialEq)]
struct Zones {
    program: Option<String>,
    cohorts: HashMap<String, Option<String>>,
}

impl Zones {
    fn of<'a>(&'a self, session: &'a Tracked) -> Option<&'a str> {
        session
            .zone
            .as_deref()
            .or_else(|| {
                let cohort = session.cohort.as_ref()?;
                self.cohorts.get(cohort)?.as_deref()
            })
            .or(self.program.as_deref())
    }
}

/// Compares a session with how it was last counted and counts a change.
/// A zone that was not known before (no program file yet) is no change.
fn recount(zones: &Zones, tracked: &mut Tracked) {
    let zone = zones.of(tracked).map(str::to_string);
    if let Some((own, last_zone)) = &tracked.last {
        let moved = match (last_zone, &zone) {
            (Some(a), Some(b)) => a != b,
            _ => false,
        };
        if *own != tracked.own || moved {
            tracked.count += 1;
        }
    }
    tracked.last = Some((tracked.own.clone(), zone));
}

/// Per session id, the number of commits after its first that changed its
/// time, place, status or effective zone; versions that do not parse are
/// passed over.
fn count_changes(log: &str) -> HashMap<String, u32> {
    let mut seen: HashMap<String, Tracked> = HashMap::new();
    let mut zones = Zones::default();
    for commit in log.split('\0') {
        let mut next = zones.clone();
        let mut touched = Vec::new();
        for (path, text) in new_versions(&format!("\n{commit}")) {
            let file = InFile {
                path: Path::new(&path),
                text: &text,
                line_offset: 0,
            };
            if path == PROGRAM {
                if let Ok(program) = yaml::parse::<raw::ProgramFile>(&file) {
                    next.program = Some(program.timezone.value);
                }
            } else if path == COHORTS {
                if let Ok(cohorts) = yaml::parse::<raw::CohortsFile>(&file) {
                    next.cohorts = cohorts
                        .cohorts
                        .into_iter()
                        .map(|c| (c.id.value, c.timezone.map(|t| t.value)))
                        .collect();
                }
            } else if let Ok(parsed) = yaml::parse::<raw::SessionsFile>(&file) {
                for session in &parsed.sessions {
                    let tracked = Tracked {
                        own: fingerprint(session),
                        zone: session.timezone.as_ref().map(|t| t.value.clone()),
                        cohort: session.cohort.as_ref().map(|c| c.value.clone()),
                        last: None,
                        count: 0,
                    };
                    match seen.get_mut(&session.id.value) {
                        Some(old) => {
                            old.own = tracked.own;
                            old.zone = tracked.zone;
                            old.cohort = tracked.cohort;
                        }
                        None => {
                            seen.insert(session.id.value.clone(), tracked);
                        }
                    }
                    touched.push(session.id.value.clone());
                }
            }
        }
        if next != zones {
            zones = next;
            for tracked in seen.values_mut() {
                recount(&zones, tracked);
            }
        } else {
            for id in &touched {
                if let Some(tracked) = seen.get_mut(id) {
                    recount(&zones, tracked);
                }
            }
        }
    }
    seen.into_iter()
        .map(|(id, tracked)| (id, tracked.count))
        .collect()
}

/// Parses `git log --format=%x00%ct --name-only` output, newest first.
fn parse_log(log: &str) -> HashMap<PathBuf, DateTime<Utc>> {
    let mut last_changed = HashMap::new();
    for commit in log.split('\0').filter(|c| !c.trim().is_empty()) {
        let mut lines = commit.lines();
        let Some(time) = lines
            .next()
            .and_then(|t| t.trim().parse::<i64>().ok())
            .and_then(|t| DateTime::from_timestamp(t, 0))
        else {
            continue;
        };
        for file in lines.map(str::trim).filter(|l| !l.is_empty()) {
            last_changed.entry(PathBuf::from(file)).or_insert(time);
        }
    }
    last_changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_naming_a_file_wins() {
        let log = "\u{0}300\n\ncontent/a.md\n\u{0}200\n\ncontent/a.md\ncontent/b.md\n";
        let dates = parse_log(log);
        assert_eq!(
            dates.get(Path::new("content/a.md")).map(|d| d.timestamp()),
            Some(300)
        );
        assert_eq!(
            dates.get(Path::new("content/b.md")).map(|d| d.timestamp()),
            Some(200)
        );
    }

    fn version(start: &str, attended: bool) -> String {
        format!(
            "diff --git a/data/sessions/s.yaml b/data/sessions/s.yaml\n\
             --- a/data/sessions/s.yaml\n\
             +++ b/data/sessions/s.yaml\n\
             @@ -1,9 +1,9 @@\n \
             sessions:\n \
             \x20 - id: weekly\n \
             \x20   kind: group\n \
             \x20   title: Weekly\n\
             -    start: 2026-01-01T18:00\n\
             +    start: {start}\n \
             \x20   duration_minutes: 60\n \
             \x20   attendance:\n \
             \x20     - learner: ada\n \
             \x20       attended: {attended}\n"
        )
    }

    #[test]
    fn a_session_moved_twice_has_sequence_two_and_attendance_does_not_count() {
        let log = [
            version("2026-01-01T18:00", false),
            version("2026-01-01T18:00", true),
            version("2026-01-02T18:00", true),
            version("2026-01-02T18:00", false),
            version("2026-01-03T18:30", false),
        ]
        .map(|v| format!("\n{v}"))
        .join("\u{0}");
        let counts = count_changes(&format!("\u{0}{log}"));
        assert_eq!(counts.get("weekly"), Some(&2));
    }

    #[test]
    fn moving_one_meeting_of_a_series_counts_as_a_change() {
        let series = |change: &str| {
            commit(&[(
                "data/sessions/s.yaml",
                format!(
                    "sessions:\n  - id: weekly\n    kind: group\n    title: Weekly\n\
                     \x20   start: 2026-01-01T18:00\n    duration_minutes: 60\n\
                     \x20   recurrence: {{count: 4}}\n    occurrences:\n      - date: 2026-01-08\n{change}"
                ),
            )])
        };
        let log = [
            series(""),
            series("        moved_to: 2026-01-09T18:00\n"),
            series("        moved_to: 2026-01-09T18:00\n        location: Hall\n"),
        ]
        .join("\u{0}");
        let counts = count_changes(&format!("\u{0}{log}"));
        assert_eq!(counts.get("weekly"), Some(&2));
    }

    /// A commit whose whole-file diffs give these files these texts.
    fn commit(files: &[(&str, String)]) -> String {
        let mut text = String::new();
        for (path, body) in files {
            text.push_str(&format!(
                "\ndiff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n@@ -1 +1 @@\n"
            ));
            for line in body.lines() {
                text.push_str(&format!(" {line}\n"));
            }
        }
        text
    }

    fn cohorts(zone: &str) -> String {
        crate::init::FILES
            .iter()
            .find(|(path, _)| *path == COHORTS)
            .map(|(_, text)| text.replace("timezone: Europe/London", &format!("timezone: {zone}")))
            .unwrap_or_else(|| panic!("the example has {COHORTS}"))
    }

    fn program(zone: &str) -> String {
        crate::init::FILES
            .iter()
            .find(|(path, _)| *path == PROGRAM)
            .map(|(_, text)| text.replace("timezone: Europe/London", &format!("timezone: {zone}")))
            .unwrap_or_else(|| panic!("the example has {PROGRAM}"))
    }

    /// One session of the example's first cohort inherits its zone, one has
    /// its own, and one belongs to no cohort.
    fn sessions() -> String {
        "sessions:\n\
         \x20 - id: inherits\n    kind: group\n    title: A\n    cohort: first-cohort\n\
         \x20   start: 2026-04-01T18:00\n    duration_minutes: 60\n\
         \x20 - id: own-zone\n    kind: group\n    title: B\n    cohort: first-cohort\n\
         \x20   timezone: Asia/Tokyo\n    start: 2026-04-01T18:00\n    duration_minutes: 60\n\
         \x20 - id: program-wide\n    kind: office-hours\n    title: C\n\
         \x20   start: 2026-04-01T18:00\n    duration_minutes: 60\n"
            .to_string()
    }

    #[test]
    fn a_zone_changed_where_sessions_inherit_it_moves_them() {
        let sessions_file = "data/sessions/s.yaml";
        let log = [
            commit(&[
                (PROGRAM, program("Europe/London")),
                (COHORTS, cohorts("Europe/London")),
                (sessions_file, sessions()),
            ]),
            // Only the cohort's zone changes: its session without a zone moves.
            commit(&[(COHORTS, cohorts("America/New_York"))]),
            // The program's zone changes: the session of no cohort moves.
            commit(&[(PROGRAM, program("Europe/Berlin"))]),
            // Unrelated edits to both files move nothing.
            commit(&[
                (
                    PROGRAM,
                    program("Europe/Berlin").replace("title:", "title: Renamed"),
                ),
                (COHORTS, cohorts("America/New_York") + "\n"),
            ]),
        ]
        .join("\u{0}");
        let counts = count_changes(&format!("\u{0}{log}"));
        assert_eq!(counts.get("inherits"), Some(&1), "{counts:?}");
        assert_eq!(counts.get("own-zone"), Some(&0), "{counts:?}");
        assert_eq!(counts.get("program-wide"), Some(&1), "{counts:?}");
    }

    #[test]
    fn a_deleted_file_is_no_new_version() {
        let diff = "\ndiff --git a/x.yaml b/x.yaml\ndeleted file mode 100644\n--- a/x.yaml\n+++ /dev/null\n@@ -1 +0,0 @@\n-sessions: []\n";
        assert!(new_versions(diff).is_empty());
    }

    #[test]
    fn outside_git_nothing_is_known() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::read(dir.path());
        assert!(!history.known());
    }
}
