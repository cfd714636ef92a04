//! The staff page of suggested matches, one per cohort: what `telemachy
//! match --cohort` suggests on the build's day, every part of every score
//! and every rule that keeps a mentor away, linked from where a coordinator
//! looks; and none of it in a public build.

use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use telemachy::derive::matching::{Suggestions, suggest};

use crate::support::{
    Demo, TODAY, decode_entities, public_site, read_tree, secret_site, staff_site, text,
};

/// What the demo says on [`TODAY`], as the library works it out.
struct Known {
    /// What `match --cohort` suggests for each cohort, by cohort id.
    cohorts: Vec<(String, Suggestions)>,
    /// The names of the waiting learners who agreed to be shown nowhere.
    private_names: Vec<String>,
}

fn known() -> &'static Known {
    static KNOWN: OnceLock<Known> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
        let checked = telemachy::check_program(Path::new(env!("CARGO_MANIFEST_DIR")), today);
        assert!(!checked.diagnostics.has_errors(), "the demo has errors");
        let program = &checked.program;
        let cohorts: Vec<(String, Suggestions)> = program
            .cohorts_with_ids()
            .map(|(id, cohort)| (cohort.key.clone(), suggest(program, today, Some(id))))
            .collect();
        let private_names = cohorts
            .iter()
            .flat_map(|(_, s)| &s.learners)
            .filter_map(|waiting| program.learners.iter().find(|l| l.key == waiting.learner))
            .filter(|l| !l.consent.public_profile && !l.consent.listed_in_cohort)
            .map(|l| l.name.clone())
            .collect();
        Known {
            cohorts,
            private_names,
        }
    })
}

fn suggestions() -> &'static [(String, Suggestions)] {
    &known().cohorts
}

fn page_of(cohort: &str) -> String {
    format!("cohorts/{cohort}/matches/index.html")
}

/// A page's text with character references decoded, as a reader sees it.
fn read(path: &str) -> String {
    decode_entities(text(staff_site(), path))
}

/// The part of `page` about the learner named `name`: from their heading
/// to the end of their section.
fn section<'a>(page: &'a str, name: &str) -> &'a str {
    let start = page
        .find(&format!(">{name}</a></h2>"))
        .unwrap_or_else(|| panic!("no section for {name}:\n{page}"));
    let rest = &page[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[test]
fn the_staff_page_shows_every_suggestion_with_its_parts_and_every_rule() {
    let mut learners = 0;
    for (cohort, suggestions) in suggestions() {
        let page = read(&page_of(cohort));
        for waiting in &suggestions.learners {
            learners += 1;
            let section = section(&page, &waiting.name);
            let candidates = waiting.suggested.iter().chain(&waiting.alternatives);
            for (role, candidate) in waiting
                .suggested
                .iter()
                .map(|_| "Suggested")
                .chain(waiting.alternatives.iter().map(|_| "Alternative"))
                .zip(candidates)
            {
                let heading = format!(
                    "{role}: {} <span class=\"meta\">score {}</span></h3>",
                    candidate.name, candidate.score
                );
                assert!(section.contains(&heading), "no `{heading}`:\n{section}");
                for part in &candidate.parts {
                    assert!(
                        section.contains(&format!("<td>{}</td>", part.reason))
                            || section.contains(&format!(">{}</td>", part.reason)),
                        "{} for {}: no reason `{}`:\n{section}",
                        candidate.name,
                        waiting.name,
                        part.reason
                    );
                }
            }
            for blocked in &waiting.blocked {
                let row = format!("<td>{}</td><td data-label=\"Rule\">", blocked.name);
                assert!(section.contains(&row), "no `{row}`:\n{section}");
                assert!(section.contains(&blocked.reason), "{}", blocked.reason);
            }
            if let Some(reason) = &waiting.unmatched_because {
                let line = format!("<strong>No suggestion:</strong> {reason}</p>");
                assert!(section.contains(&line), "no `{line}`:\n{section}");
            }
        }
        let accept = format!("<pre><code>telemachy match --cohort {cohort} --write</code></pre>");
        assert_eq!(
            page.contains(&accept),
            !suggestions.learners.is_empty(),
            "{cohort}: `{accept}` is shown when someone waits"
        );
    }
    assert_eq!(
        learners, 5,
        "the demo has five learners waiting in matching"
    );
}

#[test]
fn the_demos_waiting_learners_get_the_mentors_a_coordinator_would_pick() {
    // Erik wants Python and SQL, and is a one-hour flight from Berlin.
    let spring = read(&page_of("2026-spring-data"));
    let erik = section(&spring, "Erik Nilsson");
    assert!(erik.contains("Suggested: Jonas Weber <span class=\"meta\">score 15.0</span>"));
    assert!(
        erik.contains("<td>Expertise wished for</td><td data-label=\"Points\">4.0 of 4.0</td>")
    );
    // Only Welsh will do for Gareth, and no mentor with a free place speaks it.
    let winter = read(&page_of("2026-winter-teaching"));
    let gareth = section(&winter, "Gareth Lloyd");
    assert!(
        gareth.contains("<strong>No suggestion:</strong>"),
        "{gareth}"
    );
    assert!(!gareth.contains("Suggested:"), "{gareth}");
    assert!(gareth.contains("Welsh"), "{gareth}");
    // The autumn cohort has nobody waiting, and says so.
    let autumn = read(&page_of("2025-autumn-data"));
    assert!(
        autumn.contains("nobody in Data analysis, autumn 2025 waits in Matching for a mentor"),
        "{autumn}"
    );
}

#[test]
fn the_cohorts_staff_view_and_the_actions_page_lead_to_the_suggestions() {
    let staff = staff_site();
    for (cohort, _) in suggestions() {
        let link = format!("<a href=\"/cohorts/{cohort}/matches/\">Suggested matches</a>");
        let page = text(staff, &format!("cohorts/{cohort}/index.html"));
        assert!(
            page.contains(&link),
            "{cohort}'s staff page has no `{link}`"
        );
    }
    // Each learner the matching lead must match, beside their action.
    let actions = text(staff, "actions/index.html");
    let rows: Vec<&str> = actions
        .split("<tr>")
        .filter(|row| row.starts_with("<td>Match with a mentor"))
        .collect();
    assert_eq!(rows.len(), 4, "{actions}");
    for row in rows {
        assert!(
            row.contains("/matches/\">suggested mentors</a>"),
            "no link to the suggestions in {row}"
        );
    }
}

#[test]
fn a_public_build_has_no_suggestions_anywhere() {
    let mut needles: Vec<String> = vec![
        "Suggested matches".into(),
        "suggested mentors".into(),
        "telemachy match --cohort".into(),
    ];
    for (_, suggestions) in suggestions() {
        for waiting in &suggestions.learners {
            needles.extend(waiting.unmatched_because.clone());
            needles.extend(waiting.blocked.iter().map(|b| b.reason.clone()));
            let candidates = waiting.suggested.iter().chain(&waiting.alternatives);
            needles.extend(candidates.flat_map(|c| c.parts.iter().map(|p| p.reason.clone())));
        }
    }
    assert!(
        known().private_names.len() >= 2,
        "the demo has waiting learners who consented to nothing"
    );
    for needle in &needles {
        assert!(
            read_everywhere(staff_site()).any(|(_, text)| text.contains(needle.as_str())),
            "the staff site should show `{needle}`"
        );
    }
    for site in [public_site(), secret_site()] {
        let pages: Vec<&String> = site.keys().filter(|p| p.contains("matches")).collect();
        assert!(pages.is_empty(), "a public build has {pages:?}");
        for (path, text) in read_everywhere(site) {
            for needle in &needles {
                assert!(!text.contains(needle.as_str()), "`{needle}` in {path}");
            }
            // A learner's own page, at a capability URL, bears their name.
            if !path.starts_with("p/") {
                for name in &known().private_names {
                    assert!(!text.contains(name.as_str()), "{name} in {path}");
                }
            }
        }
    }
}

/// Every file of a site as text, character references decoded.
fn read_everywhere(site: &crate::support::Files) -> impl Iterator<Item = (&String, String)> + '_ {
    site.iter()
        .map(|(path, bytes)| (path, decode_entities(&String::from_utf8_lossy(bytes))))
}

#[test]
fn markup_in_names_and_expertise_is_shown_as_text() {
    let demo = Demo::new();
    demo.edit(
        "data/learners/erik-nilsson.yaml",
        "name: Erik Nilsson",
        "name: \"Erik <b>Nilsson</b>\"",
    );
    demo.edit(
        "data/mentors.yaml",
        "expertise: [SQL, data engineering,",
        "expertise: [SQL, \"data <i>engineering</i>\",",
    );
    let out = demo.dir().join("staff");
    let run = demo.build(&out, "staff", None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let site = read_tree(&out);
    let page = text(&site, &page_of("2026-spring-data"));
    assert!(page.contains("Erik &lt;b&gt;Nilsson&lt;"), "{page}");
    assert!(page.contains("data &lt;i&gt;engineering&lt;"), "{page}");
    assert!(!page.contains("<b>") && !page.contains("<i>"), "{page}");
}
