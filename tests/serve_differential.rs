//! A randomized differential test of `serve`: random sequences of edits
//! applied to a copy of the demo program, and after every update the site
//! served from memory, the checked model and the diagnostics are compared
//! with a fresh full build of the same files, byte for byte.
//!
//! ```sh
//! cargo test --test serve_differential                               # three sequences
//! TELEMACHY_SERVE_DIFF_SECONDS=45 cargo test --test serve_differential    # CI's short run
//! TELEMACHY_SERVE_DIFF_SECONDS=3600 cargo test --test serve_differential  # a long run
//! TELEMACHY_SERVE_DIFF_SEED=42 cargo test --test serve_differential       # one given sequence
//! ```
//!
//! Each sequence starts from a fresh copy of the demo, for one audience,
//! and takes its edits from a generator seeded with the sequence's seed,
//! which a failure prints with every edit made so far; the seed given in
//! `TELEMACHY_SERVE_DIFF_SEED` runs that one sequence alone (and more
//! after it if a number of seconds is given too).
//!
//! The edits are those a person writing a program makes: a module's text,
//! opening, headings and front matter, a path's intro and a page, a
//! session, a learner, a pair, a mentor's profile, a cohort's title, the
//! order of a path, a template, a theme file, the program's settings,
//! files added, removed and renamed, and a file broken and fixed later. When a full build of the edited files fails (the program
//! has errors, or a template cannot render), `serve` must fail too, and
//! keep serving the last good site when it failed before rendering.

#![cfg(test)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

mod common;

use telemachy::derive::Derived;
use telemachy::derive::history::History;
use telemachy::derive::metrics;
use telemachy::render::Site;
use telemachy::render::{self, Audience, RenderOptions};
use telemachy::serve::incremental::{Engine, Settings};

const BASE_URL: &str = "http://127.0.0.1:1111/";

/// Edits in one sequence, before it starts again from the demo.
const STEPS: usize = 14;

/// Sequences run by a plain `cargo test` with no seconds given.
const DEFAULT_SEQUENCES: u64 = 3;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 4, 15).unwrap_or_default()
}

#[test]
fn serve_matches_a_full_build_after_random_edits() {
    let seconds = std::env::var("TELEMACHY_SERVE_DIFF_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok());
    let given = std::env::var("TELEMACHY_SERVE_DIFF_SEED")
        .ok()
        .and_then(|s| s.parse::<u64>().ok());
    let first = given.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
    });
    let started = Instant::now();
    let mut sequences = 0u64;
    let mut tally = Tally::default();
    loop {
        let seed = first.wrapping_add(sequences);
        eprintln!("serve differential: sequence seed {seed} (TELEMACHY_SERVE_DIFF_SEED={seed})");
        let mut sequence = Sequence::new(seed);
        sequence.run();
        tally.built += sequence.tally.built;
        tally.refused += sequence.tally.refused;
        sequences += 1;
        let more = match seconds {
            Some(seconds) => started.elapsed() < Duration::from_secs_f64(seconds),
            None => given.is_none() && sequences < DEFAULT_SEQUENCES,
        };
        if !more {
            break;
        }
    }
    eprintln!(
        "serve differential: {sequences} sequence(s) of {STEPS} edits in {:.1?}: \
         {} updates equal to a full build, {} refused by both",
        started.elapsed(),
        tally.built,
        tally.refused
    );
}

/// How the updates of a run ended.
#[derive(Debug, Default)]
struct Tally {
    /// Served, and equal to a full build.
    built: usize,
    /// Refused by serve and by a full build.
    refused: usize,
}

/// One sequence of edits on one served copy of the demo.
struct Sequence {
    seed: u64,
    rng: fastrand::Rng,
    dir: tempfile::TempDir,
    audience: Audience,
    engine: Engine,
    site: Site,
    /// The demo's text of every file edited, removed or broken, to put
    /// back later (`None`: the file was added).
    originals: BTreeMap<String, Option<String>>,
    /// What was done so far, for the failure message.
    log: Vec<String>,
    /// Words for new text, numbered so every edit changes something.
    words: usize,
    tally: Tally,
    /// Whether the last update was refused.
    refused: bool,
}

impl Sequence {
    fn new(seed: u64) -> Sequence {
        let mut rng = fastrand::Rng::with_seed(seed);
        let dir = tempfile::tempdir().unwrap();
        common::copy_demo(dir.path());
        let audience = if rng.bool() {
            Audience::Public
        } else {
            Audience::Staff
        };
        let settings = Settings {
            root: dir.path().to_path_buf(),
            audience,
            today: today(),
            base_url: BASE_URL.into(),
            secret: None,
        };
        let (engine, site) = Engine::start(settings)
            .unwrap_or_else(|f| panic!("seed {seed}: the demo: {:?}", f.diagnostics));
        Sequence {
            seed,
            rng,
            dir,
            audience,
            engine,
            site,
            originals: BTreeMap::new(),
            log: vec![format!("audience {audience:?}")],
            words: 0,
            tally: Tally::default(),
            refused: false,
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn run(&mut self) {
        for step in 0..STEPS {
            let changed = self.edit();
            if changed.is_empty() {
                continue;
            }
            self.update(&changed, step);
        }
    }

    /// Fails the test with the seed and every edit so far.
    fn fail(&self, what: &str) -> ! {
        panic!(
            "seed {} (rerun with TELEMACHY_SERVE_DIFF_SEED={}): {what}\nedits:\n  {}",
            self.seed,
            self.seed,
            self.log.join("\n  ")
        )
    }

    fn word(&mut self) -> String {
        self.words += 1;
        let stems = ["amber", "birch", "cobalt", "delta", "ember", "fjord"];
        format!("{}{}", stems[self.rng.usize(..stems.len())], self.words)
    }

    fn files_under(&self, dir: &str, ext: &str) -> Vec<String> {
        let mut files = Vec::new();
        let mut stack = vec![self.root().join(dir)];
        while let Some(at) = stack.pop() {
            let Ok(entries) = fs::read_dir(&at) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == ext)
                    && let Ok(relative) = path.strip_prefix(self.root())
                {
                    files.push(relative.to_string_lossy().into_owned());
                }
            }
        }
        files.sort();
        files
    }

    fn pick(&mut self, files: &[String]) -> Option<String> {
        (!files.is_empty()).then(|| files[self.rng.usize(..files.len())].clone())
    }

    fn read(&self, file: &str) -> Option<String> {
        fs::read_to_string(self.root().join(file)).ok()
    }

    /// Writes `text` to `file`, remembering the demo's text first.
    fn write(&mut self, file: &str, text: &str) {
        if !self.originals.contains_key(file) {
            let before = self.read(file);
            self.originals.insert(file.to_string(), before);
        }
        let path = self.root().join(file);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{file}: {e}"));
        }
        fs::write(&path, text).unwrap_or_else(|e| panic!("{file}: {e}"));
    }

    fn remove(&mut self, file: &str) {
        if !self.originals.contains_key(file) {
            let before = self.read(file);
            self.originals.insert(file.to_string(), before);
        }
        fs::remove_file(self.root().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    }

    /// Rewrites one file with `edit`; nothing when it changes nothing.
    fn rewrite(&mut self, file: &str, edit: impl FnOnce(&str) -> String) -> Vec<String> {
        let Some(text) = self.read(file) else {
            return Vec::new();
        };
        let changed = edit(&text);
        if changed == text {
            return Vec::new();
        }
        self.write(file, &changed);
        vec![file.to_string()]
    }

    /// Makes one random edit, logs it and returns the files it touched.
    fn edit(&mut self) -> Vec<String> {
        let modules = self.files_under("content/paths", "md");
        let modules: Vec<String> = modules
            .into_iter()
            .filter(|f| !f.ends_with("_index.md"))
            .collect();
        // A refused edit is mostly put right next, as a person would, so
        // that most updates are served and compared.
        let kind = if self.refused && self.rng.u8(..3) > 0 {
            19
        } else {
            self.rng.usize(..24)
        };
        let (name, files) = match kind {
            0 | 1 => {
                let Some(file) = self.pick(&modules) else {
                    return Vec::new();
                };
                let word = self.word();
                let files = self.rewrite(&file, |t| format!("{t}\nA paragraph about {word}.\n"));
                ("module text", files)
            }
            2 => {
                let Some(file) = self.pick(&modules) else {
                    return Vec::new();
                };
                let word = self.word();
                let files = self.rewrite(&file, |t| after_first_heading(t, &word));
                ("module opening", files)
            }
            3 => {
                let Some(file) = self.pick(&modules) else {
                    return Vec::new();
                };
                let word = self.word();
                let files = self.rewrite(&file, |t| {
                    format!("{t}\n## On {word}\n\nSee [above](#on-{word}).\n")
                });
                ("module heading", files)
            }
            4 => {
                let Some(file) = self.pick(&modules) else {
                    return Vec::new();
                };
                let word = self.word();
                let files = self.rewrite(&file, |t| {
                    replace_nth_line(t, "title: ", 0, |l| format!("{l} {word}"))
                });
                ("module title", files)
            }
            5 => {
                let Some(file) = self.pick(&modules) else {
                    return Vec::new();
                };
                let hours = self.rng.u32(1..30);
                let files = self.rewrite(&file, |t| {
                    replace_nth_line(t, "effort_hours: ", 0, |_| format!("effort_hours: {hours}"))
                });
                ("module effort", files)
            }
            6 => {
                let mut pages = self.files_under("content/pages", "md");
                pages.extend(
                    self.files_under("content/paths", "md")
                        .into_iter()
                        .filter(|f| f.ends_with("_index.md")),
                );
                let Some(file) = self.pick(&pages) else {
                    return Vec::new();
                };
                let word = self.word();
                let files = self.rewrite(&file, |t| format!("{t}\nMore on {word}.\n"));
                ("page or path intro", files)
            }
            7 => {
                let sessions = self.files_under("data/sessions", "yaml");
                let Some(file) = self.pick(&sessions) else {
                    return Vec::new();
                };
                let word = self.word();
                let n = self.rng.usize(..8);
                let files = self.rewrite(&file, |t| {
                    replace_nth_line(t, "    title: ", n, |_| {
                        format!("    title: Session on {word}")
                    })
                });
                ("session title", files)
            }
            8 => {
                let sessions = self.files_under("data/sessions", "yaml");
                let Some(file) = self.pick(&sessions) else {
                    return Vec::new();
                };
                let n = self.rng.usize(..8);
                let minutes = [30, 45, 60, 75, 90][self.rng.usize(..5)];
                let files = self.rewrite(&file, |t| {
                    replace_nth_line(t, "    duration_minutes: ", n, |_| {
                        format!("    duration_minutes: {minutes}")
                    })
                });
                ("session duration", files)
            }
            9 => {
                let learners = self.files_under("data/learners", "yaml");
                let Some(file) = self.pick(&learners) else {
                    return Vec::new();
                };
                let word = self.word();
                let files = self.rewrite(&file, |t| {
                    replace_nth_line(t, "name: ", 0, |l| format!("{l} {word}"))
                });
                ("learner name", files)
            }
            10 => {
                let learners = self.files_under("data/learners", "yaml");
                let Some(file) = self.pick(&learners) else {
                    return Vec::new();
                };
                let files = self.rewrite(&file, |t| {
                    if t.contains("listed_in_cohort: false") {
                        t.replacen("listed_in_cohort: false", "listed_in_cohort: true", 1)
                    } else {
                        t.replacen("listed_in_cohort: true", "listed_in_cohort: false", 1)
                    }
                });
                ("learner consent", files)
            }
            11 => {
                let word = self.word();
                let n = self.rng.usize(..20);
                let files = self.rewrite("data/pairs.yaml", |t| {
                    replace_nth_line(t, "      goals: ", n, |_| {
                        format!("      goals: Learn {word} together.")
                    })
                });
                ("pair goals", files)
            }
            12 => {
                let templates = self.files_under("themes/default/templates", "html");
                let Some(file) = self.pick(&templates) else {
                    return Vec::new();
                };
                let word = self.word();
                let files = self.rewrite(&file, |t| match t.find("{% block content %}") {
                    Some(at) => {
                        let end = at + "{% block content %}".len();
                        format!("{}<!-- {word} -->{}", &t[..end], &t[end..])
                    }
                    None => format!("{t}{{# {word} #}}\n"),
                });
                ("template", files)
            }
            13 => {
                let statics = self.files_under("themes/default/static", "css");
                let Some(file) = self.pick(&statics) else {
                    return Vec::new();
                };
                let word = self.word();
                let files = self.rewrite(&file, |t| format!("{t}/* {word} */\n"));
                ("theme file", files)
            }
            14 => {
                let word = self.word();
                let files = if self.rng.bool() {
                    self.rewrite("data/program.yaml", |t| {
                        replace_nth_line(t, "title: ", 0, |_| format!("title: Northbridge {word}"))
                    })
                } else {
                    self.rewrite("data/program.yaml", |t| {
                        replace_nth_line(t, "timezone: ", 0, |l| {
                            if l.contains("London") {
                                "timezone: Europe/Dublin".to_string()
                            } else {
                                "timezone: Europe/London".to_string()
                            }
                        })
                    })
                };
                ("program settings", files)
            }
            15 => {
                let word = self.word();
                let file = format!("content/pages/{word}.md");
                self.write(
                    &file,
                    &format!("---\ntitle: About {word}\nsummary: All about {word}.\n---\nText on {word}.\n"),
                );
                ("page added", vec![file])
            }
            16 => {
                let learners = self.files_under("data/learners", "yaml");
                let Some(from) = self.pick(&learners) else {
                    return Vec::new();
                };
                let Some(text) = self.read(&from) else {
                    return Vec::new();
                };
                let stem = from
                    .trim_start_matches("data/learners/")
                    .trim_end_matches(".yaml")
                    .to_string();
                let word = self.word();
                let id = format!("{stem}-{word}");
                let file = format!("data/learners/{id}.yaml");
                let copy = replace_nth_line(&text, "id: ", 0, |_| format!("id: {id}"));
                let copy =
                    replace_nth_line(&copy, "email: ", 0, |_| format!("email: {id}@mail.example"));
                self.write(&file, &copy);
                ("learner added", vec![file])
            }
            17 => {
                // A file removed: one added before, or a page of the demo
                // (which may leave links to it dangling).
                let mut candidates: Vec<String> = self
                    .originals
                    .iter()
                    .filter(|(f, text)| text.is_none() && self.root().join(f).is_file())
                    .map(|(f, _)| f.clone())
                    .collect();
                candidates.extend(self.files_under("content/pages", "md"));
                let Some(file) = self.pick(&candidates) else {
                    return Vec::new();
                };
                if self.rng.bool() {
                    self.remove(&file);
                    ("file removed", vec![file])
                } else {
                    // Renamed: the watcher reports both names at once.
                    let Some(text) = self.read(&file) else {
                        return Vec::new();
                    };
                    let word = self.word();
                    let to = match file.rsplit_once('.') {
                        Some((stem, ext)) => format!("{stem}-{word}.{ext}"),
                        None => format!("{file}-{word}"),
                    };
                    self.remove(&file);
                    self.write(&to, &text);
                    ("file renamed", vec![file, to])
                }
            }
            18 => {
                let mut candidates = modules.clone();
                candidates.extend(self.files_under("data", "yaml"));
                candidates.extend(self.files_under("themes/default/templates", "html"));
                let Some(file) = self.pick(&candidates) else {
                    return Vec::new();
                };
                let files = self.rewrite(&file, |t| {
                    if file.ends_with(".html") {
                        format!("{t}{{% if %}}\n")
                    } else if file.ends_with(".md") {
                        t.replacen("---\n", "---\ntitle: [unclosed\n", 1)
                    } else {
                        format!("{t}\n  - id: [unclosed\n")
                    }
                });
                ("file broken", files)
            }
            20 => {
                let n = self.rng.usize(..12);
                let files = self.rewrite("data/mentors.yaml", |t| {
                    replace_nth_line(t, "    public_profile: ", n, |l| {
                        if l.ends_with("true") {
                            "    public_profile: false".to_string()
                        } else {
                            "    public_profile: true".to_string()
                        }
                    })
                });
                ("mentor profile", files)
            }
            21 => {
                let word = self.word();
                let n = self.rng.usize(..3);
                let files = self.rewrite("data/cohorts.yaml", |t| {
                    replace_nth_line(t, "    title: ", n, |l| format!("{l} {word}"))
                });
                ("cohort title", files)
            }
            22 => {
                // Two neighbouring modules of a path swapped: the order of
                // the path, and so its pages' neighbours, change.
                let intros: Vec<String> = self
                    .files_under("content/paths", "md")
                    .into_iter()
                    .filter(|f| f.ends_with("_index.md"))
                    .collect();
                let Some(file) = self.pick(&intros) else {
                    return Vec::new();
                };
                let at = self.rng.usize(..6);
                let files = self.rewrite(&file, |t| swap_list_items(t, at));
                ("path order", files)
            }
            23 => {
                // A pause of a pair: it moves midpoints and journey clocks,
                // takes a learner out of meetings and so moves figures of
                // every cohort whose sessions list them.
                let n = self.rng.usize(..40);
                let (after, days) = (self.rng.i64(0..60), self.rng.i64(3..30));
                let by = ["learner", "mentor", "program"][self.rng.usize(..3)];
                let files = self.rewrite("data/pairs.yaml", |t| {
                    replace_nth_line(t, "    start: ", n, |l| {
                        let start = l.trim_start_matches("    start: ");
                        match NaiveDate::parse_from_str(start, "%Y-%m-%d") {
                            Ok(start) => {
                                let from = start + chrono::Days::new(after.unsigned_abs());
                                let until = from + chrono::Days::new(days.unsigned_abs());
                                format!(
                                    "{l}\n    pauses:\n      - from: {from}\n        until: {until}\n        by: {by}"
                                )
                            }
                            Err(_) => l.to_string(),
                        }
                    })
                });
                ("pair pause", files)
            }
            _ => {
                // Put one edited file back as the demo has it, which
                // fixes a broken one.
                let edited: Vec<String> = self.originals.keys().cloned().collect();
                let Some(file) = self.pick(&edited) else {
                    return Vec::new();
                };
                let path = self.root().join(&file);
                match self.originals.get(&file).cloned().flatten() {
                    Some(text) => fs::write(&path, text).unwrap_or_else(|e| panic!("{file}: {e}")),
                    None => {
                        if path.is_file() {
                            fs::remove_file(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
                        }
                    }
                }
                ("file restored", vec![file])
            }
        };
        if !files.is_empty() {
            self.log.push(format!("{name}: {}", files.join(", ")));
        }
        files
    }

    /// Brings the served site up to date with `changed` as serve does,
    /// step by step with a page asked for now and then, and compares it
    /// with a full build.
    fn update(&mut self, changed: &[String], step: usize) {
        let changed: BTreeSet<PathBuf> = changed.iter().map(PathBuf::from).collect();
        let before = self.site.clone();
        let served = match self.engine.begin(&changed) {
            Ok(mut work) => {
                let unwritten: Vec<String> = self.engine.unwritten(&work).into_iter().collect();
                let mut result = Ok(());
                while !work.is_done() {
                    let mut first = BTreeSet::new();
                    if !unwritten.is_empty() && self.rng.u8(..4) == 0 {
                        first.insert(unwritten[self.rng.usize(..unwritten.len())].clone());
                    }
                    match self.engine.step(&mut work, &first) {
                        Ok(update) => {
                            for touched in update.written.keys().chain(&update.removed) {
                                if !unwritten.is_empty() && !unwritten.contains(touched) {
                                    self.fail(&format!(
                                        "step {step}: {touched} was written without being waited for"
                                    ));
                                }
                            }
                            update.apply(&mut self.site);
                        }
                        Err(failure) => {
                            result = Err((false, failure));
                            break;
                        }
                    }
                }
                result
            }
            Err(failure) => Err((true, failure)),
        };
        let full = FullBuild::of(self.root(), self.audience);
        self.refused = full.is_err();
        match (served, full) {
            (Ok(()), Ok(full)) => {
                self.compare(step, &full);
                self.tally.built += 1;
            }
            (Err((before_rendering, failure)), Err(why)) => {
                if !failure.diagnostics.has_errors() {
                    self.fail(&format!("step {step}: serve failed without an error"));
                }
                self.quotes_files_as_they_are(step, &failure.diagnostics, &failure.sources);
                if before_rendering && self.site != before {
                    self.fail(&format!(
                        "step {step}: a failed update changed the served site ({why})"
                    ));
                }
                self.tally.refused += 1;
            }
            (Ok(()), Err(why)) => self.fail(&format!(
                "step {step}: serve took an edit a full build refuses: {why}"
            )),
            (Err((_, failure)), Ok(_)) => {
                let errors: Vec<String> = failure
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| format!("{d:?}"))
                    .collect();
                self.fail(&format!(
                    "step {step}: serve refused an edit a full build takes: {errors:#?}"
                ))
            }
        }
    }

    /// Fails when a report would quote a file other than as it is now.
    fn quotes_files_as_they_are(
        &self,
        step: usize,
        diagnostics: &telemachy::diagnostic::Diagnostics,
        sources: &telemachy::diagnostic::Sources,
    ) {
        let files: BTreeSet<&Path> = diagnostics
            .iter()
            .flat_map(|d| d.location.iter().chain(d.related.iter().map(|(l, _)| l)))
            .filter(|l| l.line > 0)
            .map(|l| l.file.as_path())
            .collect();
        for file in files {
            let Ok(now) = fs::read_to_string(self.root().join(file)) else {
                continue;
            };
            let now = now.strip_prefix('\u{feff}').unwrap_or(&now);
            if sources.get(file).as_deref() != Some(now) {
                self.fail(&format!(
                    "step {step}: a report would quote {} as it was, not as it is",
                    file.display()
                ));
            }
        }
    }

    fn compare(&self, step: usize, full: &FullBuild) {
        let kept = self.engine.checked();
        self.quotes_files_as_they_are(step, &kept.diagnostics, &kept.sources);
        if format!("{:?}", kept.program) != format!("{:?}", full.checked.program) {
            self.fail(&format!(
                "step {step}: the program kept differs from a full check's"
            ));
        }
        if format!("{:?}", kept.schedule) != format!("{:?}", full.checked.schedule) {
            self.fail(&format!(
                "step {step}: the schedule kept differs from a full check's"
            ));
        }
        if kept.diagnostics.sorted() != full.checked.diagnostics.sorted() {
            self.fail(&format!(
                "step {step}: the diagnostics kept differ from a full check's:\nkept {:#?}\nfull {:#?}",
                kept.diagnostics.sorted(),
                full.checked.diagnostics.sorted()
            ));
        }
        if *self.engine.metrics() != full.metrics {
            self.fail(&format!(
                "step {step}: the figures kept differ from a full computation's"
            ));
        }
        let paths = |site: &Site| {
            site.files()
                .map(|(p, _)| p.to_string())
                .collect::<BTreeSet<_>>()
        };
        let (served, built) = (paths(&self.site), paths(&full.site));
        if served != built {
            self.fail(&format!(
                "step {step}: served only {:?}, built only {:?}",
                served.difference(&built).collect::<Vec<_>>(),
                built.difference(&served).collect::<Vec<_>>()
            ));
        }
        let differing: Vec<&str> = full
            .site
            .files()
            .filter(|(path, bytes)| self.site.get(path) != Some(*bytes))
            .map(|(path, _)| path)
            .collect();
        if !differing.is_empty() {
            self.fail(&format!(
                "step {step}: these files differ from a full build: {differing:?}"
            ));
        }
    }
}

/// A fresh build of the files as they are now.
struct FullBuild {
    checked: telemachy::Checked,
    metrics: metrics::Metrics,
    site: Site,
}

impl FullBuild {
    /// The build, or why a full build refuses the program.
    fn of(root: &Path, audience: Audience) -> Result<FullBuild, String> {
        let checked = telemachy::check_program(root, today());
        if checked.diagnostics.has_errors() {
            return Err("the program has errors".into());
        }
        let history = History::read(root);
        let options = RenderOptions {
            audience,
            today: today(),
            base_url: BASE_URL.into(),
            secret: None,
            history: &history,
        };
        let derived = Derived::new(&checked.program, &checked.schedule, today());
        let Some(input) = checked.input(&derived) else {
            return Err("the theme's templates did not compile".into());
        };
        let site = match render::render(&input, &options) {
            Ok(rendered) => rendered.site,
            Err(problems) => return Err(format!("rendering failed: {problems:?}")),
        };
        Ok(FullBuild {
            metrics: derived.metrics,
            checked,
            site,
        })
    }
}

/// `text` with the `n`th line (counting from 0, wrapping around the
/// lines there are) that starts with `prefix` replaced by `with` of it.
fn replace_nth_line(
    text: &str,
    prefix: &str,
    n: usize,
    with: impl FnOnce(&str) -> String,
) -> String {
    let matching: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with(prefix))
        .map(|(i, _)| i)
        .collect();
    if matching.is_empty() {
        return text.to_string();
    }
    let target = matching[n % matching.len()];
    let mut with = Some(with);
    let mut out = String::with_capacity(text.len() + 32);
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i == target
            && let Some(with) = with.take()
        {
            let bare = line.trim_end_matches('\n');
            out.push_str(&with(bare));
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

/// `text` with the `at`th and next items of its first list of `  - `
/// lines swapped (wrapping around the items there are).
fn swap_list_items(text: &str, at: usize) -> String {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let items: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("  - "))
        .collect();
    if items.len() < 2 {
        return text.to_string();
    }
    let first = at % (items.len() - 1);
    lines.swap(items[first], items[first + 1]);
    lines.concat()
}

/// `text` with a paragraph naming `word` after its first heading, so a
/// page's first words (its search-index entry) change.
fn after_first_heading(text: &str, word: &str) -> String {
    match text.find("\n## ") {
        Some(at) => {
            let end = text[at + 1..].find('\n').map_or(text.len(), |e| at + 1 + e);
            format!("{}\n\nFirst, {word}.\n{}", &text[..end], &text[end..])
        }
        None => format!("{text}\nFirst, {word}.\n"),
    }
}
