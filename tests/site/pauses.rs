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

/// The staff page of Bethany, back from her pause in the data (`status:
/// active`) while the pause recorded on her pair still runs, with `edit`
/// applied to the pairs file.
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
    let page = bethany_back(|_| {});
    assert!(!page.contains("No session attended"), "{page}");
    // Without the pause the same weeks do raise the alert.
    let page = bethany_back(|demo| {
        demo.edit(
            "data/pairs.yaml",
            "        until: 2026-04-26\n",
            "        until: 2026-03-13\n",
        )
    });
    assert!(page.contains("No session attended for"), "{page}");
}
