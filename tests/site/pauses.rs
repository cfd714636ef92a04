//! A pause as the program team sees it: on the learner's staff page and on
//! the pair's charter, and never held against the learner as days without
//! a session.

use crate::support::{Demo, read_tree, staff_site, text};

#[test]
fn a_pause_shows_on_the_learners_page_and_on_the_charter() {
    let site = staff_site();
    let learner = text(site, "learners/bethany-clarke/index.html");
    assert!(learner.contains("<h2 id=\"pauses-heading\">Pauses</h2>"));
    assert!(
        learner.contains("<strong>12 March 2026 – 26 April 2026</strong> with Siobhan Keane"),
        "{learner}"
    );
    let charter = text(site, "charters/bethany-clarke-with-siobhan/index.html");
    assert!(
        charter.contains(
            "<strong>Paused:</strong> 12 March 2026 – 26 April 2026, asked for by the learner"
        ),
        "{charter}"
    );
}

/// The staff page of Bethany, set back to `status: active`, with `edit`
/// applied to the pause recorded on her pair.
fn bethany_back(edit: impl FnOnce(&Demo)) -> String {
    let demo = Demo::new();
    demo.edit(
        "data/learners/bethany-clarke.yaml",
        "status: paused",
        "status: active",
    );
    edit(&demo);
    let out = demo.dir().join("staff");
    let run = demo.build(&out, "staff", None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let site = read_tree(&out);
    text(&site, "learners/bethany-clarke/index.html").to_string()
}

#[test]
fn days_on_a_pause_are_not_days_without_a_session() {
    // Bethany last attended on 5 March: 41 days before the 15th of April.
    let pause = |from: &'static str, until: &'static str| {
        move |demo: &Demo| {
            demo.edit(
                "data/pairs.yaml",
                "      - from: 2026-03-12\n        until: 2026-04-26\n",
                &format!("      - from: {from}\n        until: {until}\n"),
            )
        }
    };
    // On a pause today: no alert, whatever came before it.
    let page = bethany_back(pause("2026-04-01", "2026-04-26"));
    assert!(!page.contains("No session attended"), "{page}");
    // Back from a pause of 30 days: 11 days count.
    let page = bethany_back(pause("2026-03-12", "2026-04-10"));
    assert!(!page.contains("No session attended"), "{page}");
    // Back from a pause of 2 days: 39 days count, past the alert of 21.
    let page = bethany_back(pause("2026-03-12", "2026-03-13"));
    assert!(page.contains("No session attended for 39 days"), "{page}");
}
