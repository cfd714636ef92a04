//! The staff page of who must act: the demo's actions as of its snapshot
//! day, each owner's due-date feed, and none of it in a public build.

use std::process::Command;

use super::support::{TODAY, decode_entities, public_site, staff_site, text};

/// The text of an HTML page, tags dropped and spaces collapsed.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rows of the owner section headed `owner`, as plain text.
fn rows_of(page: &str, owner: &str) -> Vec<String> {
    let start = page
        .find(&format!(">{owner} <span"))
        .unwrap_or_else(|| panic!("no section for {owner}"));
    let section = &page[start..];
    let section = &section[..section.find("</section>").unwrap_or(section.len())];
    section
        .split("<tr>")
        .skip(2)
        .map(|row| plain(&row[..row.find("</tr>").unwrap_or(row.len())]))
        .collect()
}

#[test]
fn the_staff_actions_page_lists_what_each_owner_must_do_as_of_the_snapshot() {
    let site = staff_site();
    let page = text(site, "actions/index.html");
    assert!(
        plain(page).contains(
            "As of 15 April 2026: everything overdue or due by 29 April 2026, by who must act. \
             20 actions, 3 overdue."
        ),
        "{}",
        plain(page)
    );
    // The W034 warnings of the check, as actions of their owners.
    let matching = rows_of(page, "Matching lead (Dev Malhotra)");
    assert_eq!(
        matching,
        [
            "Match with a mentor (in Matching since 14 January 2026) · suggested mentors Gareth Lloyd 4 February 2026 70 days overdue data/learners/gareth-lloyd.yaml:41:12",
            "Match with a mentor (in Matching since 1 April 2026) · suggested mentors Jamal Wright 22 April 2026 : due in 7 days data/learners/jamal-wright.yaml:37:12",
            "Match with a mentor (in Matching since 7 April 2026) · suggested mentors Sunita Sharma 28 April 2026 : due in 13 days data/learners/sunita-sharma.yaml:37:13",
            // Due in exactly two weeks: listed.
            "Match with a mentor (in Matching since 8 April 2026) · suggested mentors Erik Nilsson 29 April 2026 : due in 14 days data/learners/erik-nilsson.yaml:39:13",
        ]
    );
    // `owner: mentor` is the learner's own mentor.
    assert_eq!(
        rows_of(page, "Tariq Hussain"),
        [
            "Move on from Onboarding to Active (there since 4 February 2026) Megan Doyle 25 February 2026 49 days overdue data/learners/megan-doyle.yaml:37:12"
        ]
    );
    // A request past the 48-hour target, and a midpoint booked but not yet held.
    assert_eq!(
        rows_of(page, "Siobhan Keane"),
        [
            "Answer the follow-up request about “Fortnightly 1:1 with Siobhan (spring term)” (asked 9 April 2026, 20:15) Hannah Fischer 11 April 2026 4 days overdue data/sessions/2026-winter-teaching.yaml:520:9",
            "Hold and record the midpoint check-in with Siobhan Keane (booked for 20 April 2026) · charter Hannah Fischer 20 April 2026 : due in 5 days data/pairs.yaml:928:9",
        ]
    );
    // Who it concerns links to their page, a pair's action to its charter.
    assert!(page.contains(r#"<a href="/learners/gareth-lloyd/">Gareth Lloyd</a>"#));
    assert!(page.contains(r#"<a href="/charters/hannah-fischer-with-siobhan/">charter</a>"#));
    assert!(page.contains("webcal://"));
    // Linked from the staff navigation and the check report.
    assert!(text(site, "index.html").contains(r#"<a href="/actions/">Actions</a>"#));
    assert!(text(site, "report/index.html").contains(r#"<a href="/actions/">Actions</a>"#));
}

#[test]
fn each_owner_has_a_due_date_feed_of_all_day_events_in_a_staff_build() {
    let site = staff_site();
    let feed = text(site, "calendar/actions/roles/matching-lead.ics").replace("\r\n ", "");
    assert_eq!(feed.matches("BEGIN:VEVENT").count(), 4);
    assert!(feed.contains("DTSTART;VALUE=DATE:20260204\r\nDTEND;VALUE=DATE:20260205\r\n"));
    assert!(feed.contains(
        "SUMMARY:Gareth Lloyd: Match with a mentor (in Matching since 14 January 2026)\r\n"
    ));
    assert!(feed.contains("70 days overdue as of 15 April 2026"));
    assert!(feed.contains("DTSTAMP:20260415T000000Z\r\n"));
    // An owner with nothing due has a feed to subscribe to all the same.
    let quiet = text(site, "calendar/actions/roles/community-lead.ics");
    assert!(!quiet.contains("BEGIN:VEVENT"));
}

#[test]
fn a_public_build_has_no_actions_page_no_due_date_feed_and_no_link_to_them() {
    let site = public_site();
    assert!(
        site.keys()
            .all(|p| !p.starts_with("actions/") && !p.starts_with("calendar/actions/")),
        "{:?}",
        site.keys()
            .filter(|p| p.contains("actions"))
            .collect::<Vec<_>>()
    );
    for (path, bytes) in site {
        let content = String::from_utf8_lossy(bytes);
        assert!(!content.contains("/actions/"), "{path} links to actions");
    }
}

#[test]
fn an_empty_list_says_nothing_is_due() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("program");
    telemachy::init::init(&root).unwrap();
    let out = dir.path().join("staff");
    let status = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .arg("build")
        .arg("--root")
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .args(["--audience", "staff", "--today", TODAY])
        .env("GIT_CEILING_DIRECTORIES", dir.path())
        .output()
        .expect("running telemachy");
    assert!(status.status.success(), "{status:?}");
    let page = std::fs::read_to_string(out.join("actions/index.html")).expect("actions page");
    assert!(
        plain(&page).contains("Nothing is overdue or due before 30 April 2026."),
        "{}",
        plain(&page)
    );
}
