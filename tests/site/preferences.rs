//! Soft matching preferences a mentor does not meet, as the program team
//! sees them on a learner's staff page, and nowhere in a public build.

use crate::support::{html_pages, public_site, secret_site, staff_site, text};

/// Inès asked, softly, for a mentor who speaks French; Tariq does not.
const INES: &str =
    "Asked for a mentor who speaks French; Tariq Hussain speaks English, Urdu, Punjabi.";

#[test]
fn a_soft_preference_not_met_is_listed_on_the_learners_staff_page() {
    let page = text(staff_site(), "learners/ines-moreau/index.html");
    assert!(
        page.contains("<h2 id=\"wishes-heading\">Preferences not met</h2>"),
        "{page}"
    );
    assert!(page.contains(&format!("<li>{INES}</li>")), "{page}");
    // Her hard preference (accessibility) is met, so it is not listed.
    assert!(!page.contains("accessibility;"), "{page}");
}

#[test]
fn a_learner_whose_mentor_meets_every_preference_has_no_such_list() {
    // Eleanor wished for digital teaching and video; Denise offers both.
    let page = text(staff_site(), "learners/eleanor-brooks/index.html");
    assert!(!page.contains("wishes-heading"), "{page}");
}

#[test]
fn a_public_build_never_lists_preferences_not_met() {
    assert!(
        secret_site().keys().any(|path| path.starts_with("p/")),
        "the public build with a secret has personal pages to look in"
    );
    for site in [public_site(), secret_site()] {
        let shown: Vec<&str> = html_pages(site)
            .filter(|(_, html)| html.contains("wishes-heading") || html.contains(INES))
            .map(|(path, _)| path)
            .collect();
        assert!(shown.is_empty(), "a public page lists wishes: {shown:?}");
    }
}
