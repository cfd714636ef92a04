//! The calendar feeds of the demo program and of edge cases.

use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::derive::history::History;
use crate::render::Secret;

fn catalog(checked: &crate::Checked) -> &Catalog {
    checked.templates.as_ref().unwrap().catalog()
}

fn demo() -> (crate::Checked, History) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let today = NaiveDate::from_ymd_opt(2026, 4, 15).unwrap_or_default();
    (crate::check_program(root, today), History::read(root))
}

/// Every feed of the demo program for an audience, as (path, text).
fn render_all(
    checked: &crate::Checked,
    history: &History,
    audience: Audience,
    secret: Option<&Secret>,
) -> Vec<(String, String)> {
    let options = RenderOptions {
        audience,
        today: NaiveDate::from_ymd_opt(2026, 4, 15).unwrap_or_default(),
        base_url: checked.program.settings.base_url.clone(),
        secret,
        history,
    };
    let context = Context {
        program: &checked.program,
        schedule: &checked.schedule,
        options: &options,
        catalog: catalog(checked),
        locale: &crate::render::locale::Locale::new(&checked.program.settings.conventions),
    };
    feeds(&context)
        .iter()
        .map(|f| (f.path.clone(), render_feed(&context, f)))
        .collect()
}

fn secret() -> Secret {
    Secret::new("0123456789abcdef0123456789abcdef").unwrap()
}

#[test]
fn every_line_of_every_demo_feed_is_at_most_75_octets_and_ends_in_crlf() {
    let (checked, history) = demo();
    let secret = secret();
    for audience in [Audience::Public, Audience::Staff] {
        for (path, feed) in render_all(&checked, &history, audience, Some(&secret)) {
            assert!(feed.starts_with("BEGIN:VCALENDAR\r\n"), "{path}");
            assert!(feed.ends_with("END:VCALENDAR\r\n"), "{path}");
            assert!(!feed.replace("\r\n", "").contains(['\r', '\n']), "{path}");
            for line in feed.split_inclusive("\r\n") {
                assert!(line.ends_with("\r\n"), "{path}: {line:?}");
                assert!(line.len() - 2 <= 75, "{path}: {line:?}");
            }
        }
    }
}

#[test]
fn a_page_url_that_is_not_a_clean_web_address_is_left_out_not_injected() {
    let (checked, history) = demo();
    let program_feed = |base_url: &str| {
        let options = RenderOptions {
            audience: Audience::Public,
            today: NaiveDate::from_ymd_opt(2026, 4, 15).unwrap_or_default(),
            base_url: base_url.into(),
            secret: None,
            history: &history,
        };
        let context = Context {
            program: &checked.program,
            schedule: &checked.schedule,
            options: &options,
            catalog: catalog(&checked),
            locale: &crate::render::locale::Locale::new(&checked.program.settings.conventions),
        };
        let feed = feeds(&context).into_iter().next();
        feed.map(|f| render_feed(&context, &f)).unwrap_or_default()
    };
    let clean = program_feed("https://example.org/");
    let hostile = program_feed("https://example.org/\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n");
    let events = |feed: &str| feed.matches("BEGIN:VEVENT\r\n").count();
    assert!(events(&clean) > 0);
    assert_eq!(events(&hostile), events(&clean));
    assert!(clean.contains("\r\nURL:https://example.org/"));
    assert!(!hostile.contains("\r\nURL:"));
}

#[test]
fn two_builds_of_the_same_commit_give_byte_identical_feeds() {
    let (checked, history) = demo();
    let secret = secret();
    let first = render_all(&checked, &history, Audience::Staff, Some(&secret));
    let (again, history_again) = demo();
    let second = render_all(&again, &history_again, Audience::Staff, Some(&secret));
    assert!(!first.is_empty());
    assert_eq!(first, second);
}

#[test]
fn outside_git_the_stamps_come_from_the_data_not_the_clock() {
    let (checked, _) = demo();
    let unknown = History::default();
    let first = render_all(&checked, &unknown, Audience::Public, None);
    let second = render_all(&checked, &unknown, Audience::Public, None);
    assert_eq!(first, second);
    let today = Utc::now().format("%Y%m%d").to_string();
    for (path, feed) in &first {
        assert!(!feed.contains(&format!("DTSTAMP:{today}")), "{path}");
        assert!(feed.contains("SEQUENCE:0\r\n"), "{path}");
    }
}

#[test]
fn public_feeds_name_no_learner_and_carry_no_one_to_one() {
    let (checked, history) = demo();
    let program = &checked.program;
    let secret = secret();
    let feeds = render_all(&checked, &history, Audience::Public, Some(&secret));
    let public: Vec<&(String, String)> = feeds
        .iter()
        .filter(|(path, _)| path.starts_with("calendar/"))
        .collect();
    assert!(public.iter().any(|(p, _)| p == "calendar/program.ics"));
    for (path, feed) in &public {
        let plain = ics_text::unfold(feed).replace('\\', "");
        for learner in &program.learners {
            assert!(
                !plain.contains(&learner.name),
                "{path} names {}",
                learner.name
            );
            if let Some(email) = &learner.email {
                assert!(!plain.contains(email.as_str()), "{path} has {email}");
            }
        }
        for session in &program.sessions {
            if !is_group_kind(session.kind) {
                assert!(
                    !feed.contains(&uid(&program.settings.base_url, session)),
                    "{path} has the 1:1 {}",
                    session.key
                );
            }
        }
    }
    // Personal feeds exist only at capability URLs, named by no id.
    for (path, _) in feeds.iter().filter(|(p, _)| p.starts_with("p/")) {
        for learner in &program.learners {
            assert!(!path.contains(&learner.key));
        }
    }
    let without_secret = render_all(&checked, &history, Audience::Public, None);
    assert!(
        without_secret
            .iter()
            .all(|(p, _)| p.starts_with("calendar/"))
    );
}

#[test]
fn a_series_is_written_in_local_time_with_its_rule_skips_and_cancellations() {
    let dir = tempfile::tempdir().unwrap();
    crate::testing::write_example::<&str>(dir.path(), &[]);
    let today = NaiveDate::from_ymd_opt(2026, 4, 15).unwrap_or_default();
    let checked = crate::check_program(dir.path(), today);
    let history = History::default();
    let feeds = render_all(&checked, &history, Audience::Staff, None);
    let mentor = feeds
        .iter()
        .find(|(p, _)| p.starts_with("calendar/mentor-schedules/grace-hopper-example"))
        .map(|(_, f)| ics_text::unfold(f))
        .unwrap_or_default();
    assert!(mentor.contains("DTSTART;TZID=Europe/London:20260127T180000\r\n"));
    assert!(mentor.contains("RRULE:FREQ=WEEKLY;INTERVAL=1;UNTIL=20260331T170000Z\r\n"));
    assert!(mentor.contains("EXDATE;TZID=Europe/London:20260217T180000,20260224T180000\r\n"));
    assert!(mentor.contains("RECURRENCE-ID;TZID=Europe/London:20260310T180000\r\n"));
    assert!(mentor.contains("COMMENT:Cancelled: Unwell\r\n"));
    assert!(mentor.contains("DTSTART:20260120T180000Z\r\n"));
    assert!(mentor.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"));
    let cohort = feeds
        .iter()
        .find(|(p, _)| p == "calendar/cohorts/first-cohort.ics")
        .map(|(_, f)| ics_text::unfold(f))
        .unwrap_or_default();
    assert!(cohort.contains("SUMMARY:Cohort group session\r\n"));
    assert!(!cohort.contains("Weekly review"));
    assert!(cohort.contains("RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL="));
    assert!(cohort.contains("REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n"));
    assert!(cohort.contains("TRIGGER:-PT30M\r\n"));
}

fn git(dir: &Path, args: &[&str], date: &str) {
    let status = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Program",
            "-c",
            "user.email=program@example.org",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .status()
        .expect("git");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn moving_a_session_raises_its_sequence_and_stamps_it_with_the_commit_time() {
    let dir = tempfile::tempdir().unwrap();
    crate::testing::write_example::<&str>(dir.path(), &[]);
    git(dir.path(), &["init", "-q"], "2026-01-01T10:00:00Z");
    git(dir.path(), &["add", "."], "2026-01-01T10:00:00Z");
    git(
        dir.path(),
        &["commit", "-qm", "start"],
        "2026-01-01T10:00:00Z",
    );
    let file = "data/sessions/first-cohort.yaml";
    let moved = crate::testing::example(file)
        .replace("location: Library meeting room", "location: Main hall");
    std::fs::write(dir.path().join(file), moved).unwrap();
    git(
        dir.path(),
        &["commit", "-qam", "new room"],
        "2026-02-01T10:00:00Z",
    );
    let today = NaiveDate::from_ymd_opt(2026, 4, 15).unwrap_or_default();
    let checked = crate::check_program(dir.path(), today);
    let history = History::read(dir.path());
    let feeds = render_all(&checked, &history, Audience::Public, None);
    let cohort = feeds
        .iter()
        .find(|(p, _)| p == "calendar/cohorts/first-cohort.ics")
        .map(|(_, f)| f.clone())
        .unwrap_or_default();
    assert!(cohort.contains("LOCATION:Main hall\r\n"));
    assert!(cohort.contains("SEQUENCE:1\r\n"));
    assert!(cohort.contains("DTSTAMP:20260201T100000Z\r\n"));
    assert!(cohort.contains("LAST-MODIFIED:20260201T100000Z\r\n"));
}

#[test]
fn holders_name_exactly_the_feeds_a_session_is_in() {
    let (checked, history) = demo();
    let program = &checked.program;
    let secret = secret();
    let feeds = render_all(&checked, &history, Audience::Public, Some(&secret));
    let options = RenderOptions {
        audience: Audience::Public,
        today: NaiveDate::from_ymd_opt(2026, 4, 15).unwrap_or_default(),
        base_url: program.settings.base_url.clone(),
        secret: Some(&secret),
        history: &history,
    };
    let mut checked_sessions = 0;
    for (id, session) in program.sessions_with_ids() {
        if checked.schedule.of(id).is_empty() {
            continue;
        }
        let uid = format!("UID:{}\r\n", uid(&program.settings.base_url, session));
        let found: BTreeSet<String> = feeds
            .iter()
            .filter(|(_, text)| text.contains(&uid))
            .map(|(path, _)| path.clone())
            .collect();
        let holders = holders(program, &checked.schedule, id);
        let mut expected: BTreeSet<String> = holders.public.into_iter().collect();
        expected.extend(
            holders
                .learners
                .iter()
                .filter_map(|l| learner_feed(&options, &program.learner(*l).key)),
        );
        expected.extend(holders.mentors.iter().map(|m| {
            format!(
                "p/{}/calendar.ics",
                secret.token(capability::MENTOR_FEED, &program.mentor(*m).key)
            )
        }));
        assert_eq!(found, expected, "{}", session.key);
        checked_sessions += 1;
    }
    assert!(checked_sessions > 100, "{checked_sessions}");
}
