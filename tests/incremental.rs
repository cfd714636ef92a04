//! The incremental rebuilds of `serve`, on a copy of the demo program:
//! each kind of edit renders again exactly the outputs the dependency
//! record names, and the site afterwards is byte for byte the one a full
//! build of the same inputs renders.

#![cfg(test)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

mod common;

use telemachy::derive::Derived;
use telemachy::derive::history::History;
use telemachy::derive::metrics;
use telemachy::render::Site;
use telemachy::render::{self, Audience, RenderOptions};
use telemachy::serve::incremental::{Engine, Settings};

const BASE_URL: &str = "http://127.0.0.1:1111/";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 4, 15).unwrap_or_default()
}

/// A served copy of the demo program.
struct Served {
    dir: tempfile::TempDir,
    audience: Audience,
    engine: Engine,
    site: Site,
}

impl Served {
    fn demo(audience: Audience) -> Served {
        let dir = tempfile::tempdir().unwrap();
        common::copy_demo(dir.path());
        let settings = Settings {
            root: dir.path().to_path_buf(),
            audience,
            today: today(),
            base_url: BASE_URL.into(),
            secret: None,
        };
        let (engine, site) =
            Engine::start(settings).unwrap_or_else(|f| panic!("demo: {:?}", f.diagnostics));
        Served {
            dir,
            audience,
            engine,
            site,
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Rewrites a file with `edit` and brings the site up to date.
    fn edit(&mut self, file: &str, edit: impl Fn(&str) -> String) -> Rewritten {
        let path = self.root().join(file);
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let changed = edit(&text);
        assert_ne!(changed, text, "the edit of {file} changed nothing");
        fs::write(&path, changed).unwrap_or_else(|e| panic!("{file}: {e}"));
        self.update(&[file])
    }

    /// Brings the site up to date with `files`, changed, added or removed
    /// (as the watcher reports them), step by step as serve does.
    fn update(&mut self, files: &[&str]) -> Rewritten {
        let changed: BTreeSet<PathBuf> = files.iter().map(PathBuf::from).collect();
        let file = files.join(", ");
        let mut work = self
            .engine
            .begin(&changed)
            .unwrap_or_else(|f| panic!("{file}: {:?}", f.diagnostics));
        // What serve lets requests wait for: every file the steps write or
        // remove (an edit rendered at once reports none).
        let unwritten = self.engine.unwritten(&work);
        let mut rewritten = Rewritten {
            files: BTreeSet::new(),
            full: false,
            reloaded: false,
        };
        while !work.is_done() {
            let step = self
                .engine
                .step(&mut work, &BTreeSet::new())
                .unwrap_or_else(|f| panic!("{file}: {:?}", f.diagnostics));
            rewritten.files.extend(step.written.keys().cloned());
            rewritten.full = step.full;
            rewritten.reloaded = step.reloaded;
            if !unwritten.is_empty() {
                for touched in step.written.keys().chain(&step.removed) {
                    assert!(
                        unwritten.contains(touched),
                        "{touched} was written without being waited for"
                    );
                }
            }
            step.apply(&mut self.site);
        }
        self.assert_same_as_a_full_build(&format!("after editing {file} ({rewritten:?})"));
        rewritten
    }

    fn assert_same_as_a_full_build(&self, when: &str) {
        let checked = telemachy::check_program(self.root(), today());
        assert!(
            !checked.diagnostics.has_errors(),
            "{when}: {:?}",
            checked.diagnostics
        );
        // The model kept in memory is the one a full check reads, too:
        // what no page shows yet is exact as well.
        let kept = self.engine.checked();
        assert!(
            format!("{:?}", kept.program) == format!("{:?}", checked.program),
            "{when}: the program kept differs from a full check's"
        );
        assert!(
            format!("{:?}", kept.schedule) == format!("{:?}", checked.schedule),
            "{when}: the schedule kept differs from a full check's"
        );
        assert_eq!(
            kept.diagnostics.sorted(),
            checked.diagnostics.sorted(),
            "{when}: the diagnostics kept differ from a full check's"
        );
        assert!(
            *self.engine.metrics()
                == metrics::compute(&checked.program, &checked.schedule, today()),
            "{when}: the figures kept differ from a full computation's"
        );
        let history = History::read(self.root());
        let options = RenderOptions {
            audience: self.audience,
            today: today(),
            base_url: BASE_URL.into(),
            secret: None,
            history: &history,
        };
        let derived = Derived::new(&checked.program, &checked.schedule, today());
        let input = checked
            .input(&derived)
            .unwrap_or_else(|| panic!("{when}: no templates"));
        let full = render::render(&input, &options)
            .unwrap_or_else(|p| panic!("{when}: {p:?}"))
            .site;
        let paths = |site: &Site| {
            site.files()
                .map(|(p, _)| p.to_string())
                .collect::<BTreeSet<_>>()
        };
        assert_eq!(paths(&self.site), paths(&full), "{when}: different files");
        let differing: Vec<&str> = full
            .files()
            .filter(|(path, bytes)| self.site.get(path) != Some(*bytes))
            .map(|(path, _)| path)
            .collect();
        assert!(
            differing.is_empty(),
            "{when}: these files differ from a full build: {differing:?}"
        );
    }

    /// Every feed of the site, and `pages`.
    fn feeds_and(&self, pages: &[&str]) -> BTreeSet<String> {
        let mut files = self.files(|p| p.ends_with(".ics"));
        files.extend(set(pages));
        files
    }

    /// Every file of the site whose path `keep` accepts.
    fn files(&self, keep: impl Fn(&str) -> bool) -> BTreeSet<String> {
        self.site
            .files()
            .map(|(p, _)| p.to_string())
            .filter(|p| keep(p))
            .collect()
    }
}

/// The files an edit rendered again.
#[derive(Debug)]
struct Rewritten {
    files: BTreeSet<String>,
    full: bool,
    reloaded: bool,
}

fn written(update: &Rewritten) -> BTreeSet<String> {
    update.files.clone()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

const SQL_BASICS: &str = "content/paths/data-analysis/sql-basics.md";

/// The outputs that show SQL basics' title or front matter: its page, its
/// neighbours on the path (spreadsheet foundations before, SQL joins after,
/// which also lists it as a prerequisite), the path page, the home page
/// (module counts and effort) and the search index.
const SHOWS_SQL_BASICS: &[&str] = &[
    "index.html",
    "paths/data-analysis/index.html",
    "paths/data-analysis/spreadsheet-foundations/index.html",
    "paths/data-analysis/sql-basics/index.html",
    "paths/data-analysis/sql-joins/index.html",
    "search-index.json",
];

#[test]
fn a_module_text_edit_renders_the_module_and_the_search_index() {
    let mut served = Served::demo(Audience::Public);
    let update = served.edit(SQL_BASICS, |t| {
        t.replacen(
            "\n\n",
            "\n\nAn opening paragraph about reconciling row counts.\n\n",
            1,
        )
    });
    assert!(!update.full);
    assert!(!update.reloaded);
    assert_eq!(
        written(&update),
        set(&[
            "paths/data-analysis/sql-basics/index.html",
            "search-index.json"
        ])
    );
    // Keywords are the first words of a page: a sentence added at its end
    // leaves the search index as it was, so the index is not written again.
    let update = served.edit(SQL_BASICS, |t| format!("{t}\nA closing sentence.\n"));
    assert_eq!(
        written(&update),
        set(&["paths/data-analysis/sql-basics/index.html"])
    );
}

#[test]
fn a_module_title_edit_renders_its_path_its_neighbours_and_the_search_index() {
    let mut served = Served::demo(Audience::Public);
    let update = served.edit(SQL_BASICS, |t| {
        t.replace("title: SQL basics", "title: Asking a database questions")
    });
    assert!(!update.full);
    assert_eq!(written(&update), set(SHOWS_SQL_BASICS));
    let page = served
        .site
        .get("paths/data-analysis/sql-joins/index.html")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    assert!(
        page.contains("Asking a database questions"),
        "the next module's previous link"
    );
}

#[test]
fn a_module_front_matter_edit_renders_its_path_and_the_home_page() {
    // Effort is on the path's cards and in the home page's totals, not in
    // the search index.
    let mut served = Served::demo(Audience::Public);
    let update = served.edit(SQL_BASICS, |t| {
        t.replace("effort_hours: 10", "effort_hours: 11")
    });
    assert_eq!(
        written(&update),
        set(&[
            "index.html",
            "paths/data-analysis/index.html",
            "paths/data-analysis/sql-basics/index.html",
        ])
    );
}

#[test]
fn a_heading_edit_reloads_the_program_and_renders_what_shows_the_module() {
    let mut served = Served::demo(Audience::Public);
    let update = served.edit(SQL_BASICS, |t| t.replace("\n## ", "\n## Revised: "));
    assert!(!update.full);
    assert_eq!(written(&update), set(SHOWS_SQL_BASICS));
}

#[test]
fn a_module_a_session_covers_also_renders_the_feeds() {
    let mut served = Served::demo(Audience::Public);
    let feeds = served.files(|p| p.ends_with(".ics"));
    let update = served.edit(
        "content/paths/digital-teaching/teaching-practice-audit.md",
        |t| {
            t.replacen(
                "title: Teaching practice audit",
                "title: Teaching practice review",
                1,
            )
        },
    );
    let written = written(&update);
    assert!(feeds.is_subset(&written), "{written:?}");
    assert!(written.contains("paths/digital-teaching/teaching-practice-audit/index.html"));
    assert!(!written.contains("paths/data-analysis/index.html"));
}

#[test]
fn an_edit_that_changes_a_modules_references_reloads_and_stays_exact() {
    let mut served = Served::demo(Audience::Public);
    let update = served.edit(SQL_BASICS, |t| {
        t.replace(
            "prerequisites: [spreadsheet-foundations]",
            "prerequisites: [career-baseline]",
        )
    });
    assert!(!update.full);
    assert!(written(&update).contains("paths/data-analysis/sql-basics/index.html"));
}

#[test]
fn a_session_edit_renders_the_feeds_and_the_pages_that_list_sessions() {
    let mut served = Served::demo(Audience::Public);
    // A title moves no figure, so the comparison of cohorts stays; of the
    // cohort pages only the one that lists the session is rendered.
    let expected = served.feeds_and(&[
        "index.html",
        "calendar/index.html",
        "cohorts/2026-winter-teaching/index.html",
    ]);
    let update = served.edit("data/sessions/2026-winter-teaching.yaml", |t| {
        t.replacen("title: 'Welcome session", "title: 'Opening session", 1)
    });
    assert!(!update.full);
    // Only the edited file is read and resolved again.
    assert!(!update.reloaded);
    assert_eq!(written(&update), expected);
}

#[test]
fn a_learner_edit_renders_the_pages_that_show_people_and_only_its_cohorts_page() {
    let mut served = Served::demo(Audience::Public);
    let expected = served.feeds_and(&[
        "index.html",
        "calendar/index.html",
        "mentors/index.html",
        "cohorts/index.html",
        "cohorts/2026-winter-teaching/index.html",
    ]);
    let update = served.edit("data/learners/gareth-lloyd.yaml", |t| {
        t.replacen("goal: ", "goal: Above all, ", 1)
    });
    assert!(!update.reloaded);
    assert_eq!(written(&update), expected);
}

#[test]
fn a_session_edit_that_renames_a_session_reloads_the_program_and_stays_exact() {
    let mut served = Served::demo(Audience::Public);
    let update = served.edit("data/sessions/2026-winter-teaching.yaml", |t| {
        t.replacen("id: 2026-winter-welcome", "id: 2026-winter-opening", 1)
    });
    assert!(update.reloaded);
}

#[test]
fn a_session_edit_with_an_error_changes_nothing_until_it_is_fixed() {
    let mut served = Served::demo(Audience::Public);
    let before = served.site.clone();
    let file = "data/sessions/2026-winter-teaching.yaml";
    let path = served.root().join(file);
    let good = fs::read_to_string(&path).unwrap_or_default();
    // A year before the cohort starts: resolves, but a check fails.
    fs::write(
        &path,
        good.replacen("start: 2026-01-15T16:00", "start: 2025-01-15T16:00", 1),
    )
    .unwrap();
    let failure = served
        .engine
        .update(&BTreeSet::from([PathBuf::from(file)]))
        .err()
        .unwrap_or_else(|| panic!("a session outside its cohort built"));
    let codes: Vec<&str> = failure
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["E054"], "{:?}", failure.diagnostics);
    // The report quotes the file as it is now, not as it was read at start.
    let report = telemachy::diagnostic::render_human(&failure.diagnostics, &failure.sources, false);
    assert!(
        report.contains("start: 2025-01-15T16:00") && !report.contains("start: 2026-01-15T16:00"),
        "the report quotes an old text:\n{report}"
    );
    assert_eq!(served.site, before);
    let update = served.edit(file, |_| good.clone());
    assert!(!update.reloaded);
}

#[test]
fn an_edit_that_moves_a_figure_renders_the_comparison_and_the_exports() {
    let mut served = Served::demo(Audience::Staff);
    let update = served.edit("data/sessions/2026-winter-teaching.yaml", |t| {
        t.replacen(
            "{learner: ines-moreau, attended: true, rating_before: 2, rating_after: 4}",
            "{learner: ines-moreau, attended: true, rating_before: 2, rating_after: 5}",
            1,
        )
    });
    assert!(!update.full);
    let written = written(&update);
    for file in [
        "cohorts/index.html",
        "cohorts/2026-winter-teaching/index.html",
        "cohorts/2026-winter-teaching/metrics.csv",
        "metrics.json",
    ] {
        assert!(written.contains(file), "{file} in {written:?}");
    }
}

#[test]
fn a_template_edit_renders_the_pages_that_use_it() {
    let mut served = Served::demo(Audience::Public);
    let modules = served.files(|p| p.starts_with("paths/") && p.matches('/').count() == 3);
    assert_eq!(modules.len(), 13);
    let update = served.edit("themes/default/templates/module.html", |t| {
        format!("{t}{{# a comment #}}\n").replacen("<article", "<article data-edited", 1)
    });
    assert!(!update.full);
    assert_eq!(written(&update), modules);
}

#[test]
fn a_layout_edit_renders_every_page_and_nothing_else() {
    let mut served = Served::demo(Audience::Public);
    let pages = served.files(|p| p.ends_with(".html"));
    let update = served.edit("themes/default/templates/base.html", |t| {
        t.replacen("</footer>", "<p>edited</p></footer>", 1)
    });
    assert_eq!(written(&update), pages);
}

#[test]
fn a_catalog_message_added_renders_every_page_in_the_new_words() {
    let mut served = Served::demo(Audience::Public);
    let pages = served.files(|p| p.ends_with(".html"));
    let file = "themes/default/i18n/en.ftl";
    let dir = served.root().join("themes/default/i18n");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("en.ftl"), "nav-mentors = Our mentors\n").unwrap();
    let update = served.update(&[file]);
    assert!(pages.is_subset(&written(&update)), "{update:?}");
    let home = String::from_utf8_lossy(served.site.get("index.html").unwrap()).into_owned();
    assert!(
        home.contains(">Our mentors<"),
        "the new words are not shown"
    );
}

#[test]
fn a_language_edit_renders_every_page_in_the_language() {
    let mut served = Served::demo(Audience::Public);
    let pages = served.files(|p| p.ends_with(".html"));
    let update = served.edit("data/program.yaml", |t| {
        t.replacen("language: en", "language: fr", 1)
    });
    assert!(pages.is_subset(&written(&update)), "{update:?}");
    let home = String::from_utf8_lossy(served.site.get("index.html").unwrap()).into_owned();
    assert!(home.contains("<html lang=\"fr\">") && home.contains(">Accueil<"));
}

#[test]
fn a_static_edit_rewrites_that_file() {
    let mut served = Served::demo(Audience::Public);
    let update = served.edit("themes/default/static/style.css", |t| {
        format!("{t}\n/* edited */\n")
    });
    assert_eq!(written(&update), set(&["static/style.css"]));
}

#[test]
fn a_program_edit_renders_everything_but_the_theme_files() {
    let mut served = Served::demo(Audience::Public);
    let expected = served.files(|p| !p.starts_with("static/"));
    let update = served.edit("data/program.yaml", |t| {
        t.replacen(
            "title: Northbridge Mentoring",
            "title: Northbridge Mentoring Network",
            1,
        )
    });
    assert_eq!(written(&update), expected);
    // Only the settings were read again.
    assert!(!update.reloaded);
}

#[test]
fn a_program_edit_that_the_checks_read_reloads_the_program() {
    let mut served = Served::demo(Audience::Public);
    // The smallest group a figure is published for is shown, not checked.
    let update = served.edit("data/program.yaml", |t| {
        t.replacen("min_group_size: 5", "min_group_size: 6", 1)
    });
    assert!(!update.reloaded);
    // A handoff's time limit is what the journey checks read.
    let update = served.edit("data/program.yaml", |t| {
        t.replacen("limit_days: 21", "limit_days: 28", 1)
    });
    assert!(update.reloaded);
    // So is the program's time zone, which sessions inherit.
    let update = served.edit("data/program.yaml", |t| {
        t.replacen("timezone: Europe/London", "timezone: Europe/Dublin", 1)
    });
    assert!(update.reloaded);
}

#[test]
fn a_path_intro_and_a_page_edit_stay_exact() {
    let mut served = Served::demo(Audience::Public);
    served.edit("content/paths/data-analysis/_index.md", |t| {
        t.replacen("## How the path works", "## How this path works", 1)
    });
    let update = served.edit("content/pages/about.md", |t| {
        format!("{t}\nOne more line.\n")
    });
    assert!(
        written(&update).iter().any(|p| p.contains("about")),
        "{update:?}"
    );
}

#[test]
fn learner_and_pair_edits_stay_exact_for_staff() {
    let mut served = Served::demo(Audience::Staff);
    let learner = fs::read_dir(served.root().join("data/learners"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| format!("data/learners/{}", e.file_name().to_string_lossy()))
        .min()
        .unwrap_or_default();
    let update = served.edit(&learner, |t| t.replacen("goal: ", "goal: Above all, ", 1));
    assert!(!update.reloaded);
    let update = served.edit("data/pairs.yaml", |t| {
        t.replacen("goals: >-\n", "goals: >-\n        Above all,\n", 1)
    });
    assert!(!update.reloaded);
    let update = served.edit("data/mentors.yaml", |t| {
        t.replacen("bio: ", "bio: Newly ", 1)
    });
    assert!(update.reloaded);
}

#[test]
fn a_learners_wish_renders_the_suggested_matches_of_every_cohort_and_stays_exact() {
    let mut served = Served::demo(Audience::Staff);
    // Erik, waiting in matching, wishes for public health data instead of
    // Python: his suggestion moves, and a mentor's free place may move from
    // one cohort's learners to another's.
    let update = served.edit("data/learners/erik-nilsson.yaml", |t| {
        t.replacen("value: Python,", "value: public health data,", 1)
    });
    assert!(!update.reloaded);
    let pages = served.files(|p| p.ends_with("/matches/index.html"));
    assert_eq!(pages.len(), 3, "one page per cohort: {pages:?}");
    let files = written(&update);
    assert!(pages.is_subset(&files), "{files:?}");
}

#[test]
fn a_module_a_learner_starts_is_followed_by_the_learners_page() {
    let mut served = Served::demo(Audience::Staff);
    let update = served.edit("data/learners/gareth-lloyd.yaml", |t| {
        t.replacen(
            "\nconfidence:\n",
            "  - module: accessible-materials\n    started: 2026-04-01\n\nconfidence:\n",
            1,
        )
    });
    assert!(!update.reloaded);
    // The learner's page now lists the module, so it shows its title.
    let update = served.edit(
        "content/paths/digital-teaching/accessible-materials.md",
        |t| t.replacen("title: ", "title: Truly ", 1),
    );
    let files = written(&update);
    assert!(
        files.contains("learners/gareth-lloyd/index.html"),
        "{files:?}"
    );
}

#[test]
fn a_learner_added_and_removed_reloads_and_stays_exact_for_staff() {
    let mut served = Served::demo(Audience::Staff);
    // A learner file sorts before every content file, so each file the
    // content has moves to another place in the program's list of files.
    let text = fs::read_to_string(served.root().join("data/learners/gareth-lloyd.yaml"))
        .unwrap_or_default();
    let added = "data/learners/aaron-lloyd.yaml";
    fs::write(
        served.root().join(added),
        text.replace("id: gareth-lloyd", "id: aaron-lloyd")
            .replace("name: Gareth Lloyd", "name: Aaron Lloyd"),
    )
    .unwrap();
    let update = served.update(&[added]);
    assert!(update.reloaded);
    assert!(served.site.get("learners/aaron-lloyd/index.html").is_some());
    // Edit a module and a learner afterwards: the module's links and body,
    // and the learner's records, follow the files where they are now.
    served.edit(SQL_BASICS, |t| format!("{t}\nMore.\n"));
    let update = served.edit("data/learners/gareth-lloyd.yaml", |t| {
        t.replacen("goal: ", "goal: Above all, ", 1)
    });
    assert!(!update.reloaded);
    fs::remove_file(served.root().join(added)).unwrap();
    let update = served.update(&[added]);
    assert!(update.reloaded);
    assert!(served.site.get("learners/aaron-lloyd/index.html").is_none());
}

#[test]
fn a_learner_edit_that_clears_a_warning_renders_the_report_and_stays_exact() {
    let mut served = Served::demo(Audience::Staff);
    let stalled = |served: &Served| {
        served
            .engine
            .checked()
            .diagnostics
            .iter()
            .any(|d| d.code.as_str() == "W034" && d.message.starts_with("Gareth Lloyd"))
    };
    assert!(stalled(&served));
    // Matched two weeks before today: within the stage's 21 days.
    let update = served.edit("data/learners/gareth-lloyd.yaml", |t| {
        t.replacen(
            "stage: matching\n    date: 2026-01-14",
            "stage: matching\n    date: 2026-04-01",
            1,
        )
    });
    assert!(!update.reloaded);
    assert!(!stalled(&served));
    let files = written(&update);
    assert!(files.contains("report/index.html"), "{files:?}");
    assert!(
        files.contains("learners/gareth-lloyd/index.html"),
        "{files:?}"
    );
    // No longer overdue: the matching lead's actions and feed move on.
    assert!(files.contains("actions/index.html"), "{files:?}");
    assert!(
        files.contains("calendar/actions/roles/matching-lead.ics"),
        "{files:?}"
    );
}

#[test]
fn answering_a_request_renders_the_actions_page_and_stays_exact() {
    let mut served = Served::demo(Audience::Staff);
    let update = served.edit("data/sessions/2026-winter-teaching.yaml", |t| {
        t.replacen(
            "asked: 2026-04-09T20:15}",
            "asked: 2026-04-09T20:15, answered: 2026-04-10T08:00}",
            1,
        )
    });
    assert!(!update.reloaded);
    let files = written(&update);
    assert!(files.contains("actions/index.html"), "{files:?}");
    assert!(
        files.contains("calendar/actions/mentors/siobhan-keane.ics"),
        "{files:?}"
    );
}

#[test]
fn added_and_removed_modules_render_the_whole_site() {
    let mut served = Served::demo(Audience::Public);
    let index = "content/paths/data-analysis/_index.md";
    let module = served
        .root()
        .join("content/paths/data-analysis/sql-window-functions.md");
    let text = fs::read_to_string(served.root().join(SQL_BASICS)).unwrap_or_default();
    fs::write(
        &module,
        text.replace("title: SQL basics", "title: Window functions"),
    )
    .unwrap();
    let update = served.edit(index, |t| {
        t.replace(
            "  - sql-joins\n",
            "  - sql-joins\n  - sql-window-functions\n",
        )
    });
    assert!(update.full);
    assert!(
        served
            .site
            .get("paths/data-analysis/sql-window-functions/index.html")
            .is_some()
    );
    fs::remove_file(&module).unwrap();
    let update = served.edit(index, |t| t.replace("  - sql-window-functions\n", ""));
    assert!(update.full);
    assert!(
        served
            .site
            .get("paths/data-analysis/sql-window-functions/index.html")
            .is_none()
    );
}

#[test]
fn a_broken_edit_changes_nothing_until_it_is_fixed() {
    let mut served = Served::demo(Audience::Public);
    let before = served.site.clone();
    let path = served.root().join("data/mentors.yaml");
    let good = fs::read_to_string(&path).unwrap_or_default();
    fs::write(
        &path,
        good.replacen("mentors:", "mentors:\n  - id: [unclosed", 1),
    )
    .unwrap();
    let failure = served
        .engine
        .update(&BTreeSet::from([PathBuf::from("data/mentors.yaml")]))
        .err()
        .unwrap_or_else(|| panic!("a broken mentors.yaml built"));
    assert!(failure.diagnostics.has_errors());
    assert_eq!(served.site, before);
    // A module edit while mentors.yaml is still broken fails too: the
    // broken file stays pending.
    let module = served.root().join(SQL_BASICS);
    let text = fs::read_to_string(&module).unwrap_or_default();
    fs::write(&module, format!("{text}\nMore.\n")).unwrap();
    assert!(
        served
            .engine
            .update(&BTreeSet::from([PathBuf::from(SQL_BASICS)]))
            .is_err()
    );
    fs::write(&path, good).unwrap();
    let update = served
        .engine
        .update(&BTreeSet::from([PathBuf::from("data/mentors.yaml")]))
        .unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
    update.apply(&mut served.site);
    served.assert_same_as_a_full_build("after fixing mentors.yaml");
}

#[test]
fn a_broken_module_is_reported_and_its_fix_is_exact() {
    let mut served = Served::demo(Audience::Public);
    let module = served.root().join(SQL_BASICS);
    let good = fs::read_to_string(&module).unwrap_or_default();
    fs::write(
        &module,
        good.replace("effort_hours: 10", "effort_hours: ten"),
    )
    .unwrap();
    let failure = served
        .engine
        .update(&BTreeSet::from([PathBuf::from(SQL_BASICS)]))
        .err()
        .unwrap_or_else(|| panic!("a broken module built"));
    let error = failure.diagnostics.iter().find(|d| d.is_error());
    let at = error.and_then(|d| d.location.clone());
    assert_eq!(
        at.map(|l| (l.file, l.line)),
        Some((PathBuf::from(SQL_BASICS), 7))
    );
    let update = served.edit(SQL_BASICS, |_| {
        good.replace("effort_hours: 10", "effort_hours: 12")
    });
    assert!(!update.full);
}

#[test]
fn a_template_that_fails_to_render_keeps_the_site_until_it_is_fixed() {
    let mut served = Served::demo(Audience::Public);
    let before = served.site.clone();
    let file = "themes/default/templates/module.html";
    let path = served.root().join(file);
    let good = fs::read_to_string(&path).unwrap_or_default();
    fs::write(
        &path,
        good.replacen(
            "{% block content %}",
            "{% block content %}{{ module.no_such_field.deeper }}",
            1,
        ),
    )
    .unwrap();
    let failure = served
        .engine
        .update(&BTreeSet::from([PathBuf::from(file)]))
        .err()
        .unwrap_or_else(|| panic!("a template that cannot render built"));
    assert!(failure.diagnostics.iter().any(|d| {
        d.location
            .as_ref()
            .is_some_and(|l| l.file.ends_with("module.html"))
    }));
    assert_eq!(served.site, before);
    // Another file is edited while the template is still broken, then the
    // template is fixed: the site catches up with both.
    served
        .engine
        .update(&BTreeSet::from([PathBuf::from(SQL_BASICS)]))
        .err()
        .unwrap_or_else(|| panic!("built with a template that cannot render"));
    let module = served.root().join(SQL_BASICS);
    let text = fs::read_to_string(&module).unwrap_or_default();
    fs::write(
        &module,
        text.replace("title: SQL basics", "title: SQL first steps"),
    )
    .unwrap();
    let update = served.edit(file, |_| good.clone());
    assert!(update.full);
}

#[test]
fn the_page_asked_for_is_rendered_first_and_the_rest_after() {
    let mut served = Served::demo(Audience::Public);
    let first = "paths/data-analysis/sql-joins/index.html".to_string();
    let file = "themes/default/templates/module.html";
    let path = served.root().join(file);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replacen("<article", "<article data-edited", 1)).unwrap();
    let mut work = served
        .engine
        .begin(&BTreeSet::from([PathBuf::from(file)]))
        .unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
    let modules = served.files(|p| p.starts_with("paths/") && p.matches('/').count() == 3);
    assert_eq!(served.engine.unwritten(&work), {
        let mut unwritten = modules.clone();
        unwritten.insert("search-index.json".into());
        unwritten
    });
    let step = served
        .engine
        .step(&mut work, &BTreeSet::from([first.clone()]))
        .unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
    assert_eq!(step.written.keys().cloned().collect::<Vec<_>>(), [first]);
    assert!(!work.is_done());
    step.apply(&mut served.site);
    let mut rest = BTreeSet::new();
    while !work.is_done() {
        let step = served
            .engine
            .step(&mut work, &BTreeSet::new())
            .unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
        rest.extend(step.written.keys().cloned());
        step.apply(&mut served.site);
    }
    assert_eq!(rest.len(), modules.len() - 1);
    served.assert_same_as_a_full_build("after rendering the asked-for page first");
}

#[test]
fn a_temporary_file_gone_before_the_update_changes_nothing() {
    // `sed -i` writes data/sedXXXXXX and renames it over the file it edits.
    let mut served = Served::demo(Audience::Public);
    let program = served.root().join("data/program.yaml");
    let text = fs::read_to_string(&program).unwrap();
    fs::write(
        &program,
        text.replacen("title: Northbridge Mentoring", "title: Northbridge", 1),
    )
    .unwrap();
    let changed = BTreeSet::from([
        PathBuf::from("data/program.yaml"),
        PathBuf::from("data/sedq2Xk7a"),
    ]);
    let update = served
        .engine
        .update(&changed)
        .unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
    assert!(!update.reloaded);
    update.apply(&mut served.site);
    served.assert_same_as_a_full_build("after a sed-style edit");
}
