//! The main pages of the public demo site, as HTML, compared with reviewed
//! snapshots in `tests/snapshots/`. A change to a template, to the page
//! contexts or to the demo shows up here as a diff to read.
//!
//! The demo is built from a copy outside any git repository, so "last
//! updated" is the same everywhere. After an intended change, run
//! `INSTA_UPDATE=always cargo test --test site`, read the `.snap` diffs, and
//! commit them; in CI (`CI=true`) a difference fails the test.

use crate::support::{Files, public_site, staff_site, text};

fn assert_page(name: &str, path: &str) {
    assert_page_of(public_site(), name, path);
}

/// Snapshot of the page at `path` of `site`, named `name`, kept in
/// tests/snapshots/.
pub(crate) fn assert_page_of(site: &Files, name: &str, path: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_description(path);
    settings.bind(|| insta::assert_snapshot!(name, text(site, path)));
}

#[test]
fn home_page() {
    assert_page("home", "index.html");
}

#[test]
fn data_analysis_path_page() {
    assert_page("path-data-analysis", "paths/data-analysis/index.html");
}

#[test]
fn sql_joins_module_page() {
    assert_page(
        "module-sql-joins",
        "paths/data-analysis/sql-joins/index.html",
    );
}

#[test]
fn winter_teaching_cohort_page() {
    assert_page(
        "cohort-2026-winter-teaching",
        "cohorts/2026-winter-teaching/index.html",
    );
}

#[test]
fn privacy_page() {
    assert_page("privacy", "privacy/index.html");
}

#[test]
fn a_pairs_charter_from_the_staff_site() {
    assert_page_of(
        staff_site(),
        "charter-samuel-osei-with-siobhan",
        "charters/samuel-osei-with-siobhan/index.html",
    );
}

#[test]
fn the_spring_cohorts_suggested_matches_from_the_staff_site() {
    assert_page_of(
        staff_site(),
        "matches-2026-spring-data",
        "cohorts/2026-spring-data/matches/index.html",
    );
}
