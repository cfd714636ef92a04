//! The privacy guard: the last look at a public site before it is written.
//!
//! The pages' contexts carry only what people agreed to publish, but free
//! text is written by hand: a learner's full name in a group session's
//! title, an e-mail address in a module. So the guard reads what the render
//! produced — every HTML, JSON, XML, SVG, ICS, CSV and TXT file of the site —
//! in one multi-pattern pass (Aho–Corasick) for the name, goal and id of
//! everyone who did not agree to publish them and for every `@`. A hit is
//! traced back to the source text it came from and reported as E081, and
//! `build` then writes nothing.
//!
//! What it cannot see, and the rules that keep it from crying wolf:
//!
//! - it finds a string as the data writes it, case and all: a nickname, a
//!   first name alone, initials, a misspelling or a name split over two
//!   lines of a page is not found;
//! - matches are whole words (`Ann` is not found in `Annual`); names and ids
//!   shorter than `MIN_NAME` characters, goals shorter than `MIN_GOAL`,
//!   ids that are one plain word (`data`) and ids that are also the slug of
//!   a published record are not searched, nor is a string that is public
//!   through someone else (a namesake with a public profile);
//! - an address-like string inside code on a page (`git@github.com:…`) or at
//!   a domain reserved for examples (RFC 2606) is not a mailbox, unless it is
//!   the address of someone in the program.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;

use crate::Checked;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::model::{LearnerId, MentorId, Program};
use crate::render::Site;
use crate::render::audience::{Secret, capability};
use crate::render::urls::Urls;

mod consent;
mod matching;
#[cfg(test)]
mod tests;
mod trace;

use consent::{capability_dir, personal_dirs, public_slugs, public_strings};
use matching::{
    address_around, addresses_in, forms_of, ics_plain, inside_code, reserved_domain, whole_word,
};
use trace::trace;

/// Shortest name or id searched for, in characters: shorter ones are far
/// more often an ordinary word than someone's name.
pub(crate) const MIN_NAME: usize = 4;

/// Shortest goal searched for, in characters: a goal as short as "Get a
/// job" is a phrase a curriculum may well use.
pub(crate) const MIN_GOAL: usize = 16;

/// The kinds of file the guard reads; the rest (CSS, scripts, images,
/// fonts) come from the theme as they are.
const SCANNED: &[&str] = &["html", "json", "xml", "svg", "ics", "csv", "txt"];

/// Whose a personal string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Person {
    Learner(LearnerId),
    Mentor(MentorId),
}

/// Which of a person's fields a string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Name,
    Goal,
    Id,
}

/// One person a string belongs to, and the one page where they agreed to
/// show it, if any (their cohort's page, for a learner listed there).
#[derive(Debug, Clone)]
struct Owner {
    person: Person,
    field: Field,
    listed_on: Option<String>,
}

/// A string no public page may show, except where an owner allows it.
#[derive(Debug)]
struct Personal {
    text: String,
    owners: Vec<Owner>,
}

/// What each pattern of the automaton stands for.
#[derive(Debug, Clone, Copy)]
enum Pattern {
    /// A form of a personal string (index into `Guard::personal`).
    Personal(usize),
    /// A form of a public name that may contain a personal one (a public
    /// mentor "Maria Costa Silva" beside a learner "Maria Costa").
    Shield,
    /// An `@`, the middle of every e-mail address.
    At,
}

/// Something the site would publish, found in one or more files.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Leak {
    /// A personal string, by index.
    Personal(usize),
    /// An e-mail address, lower-cased.
    Email(String),
}

/// Everything the guard looks for in one site.
struct Guard<'a> {
    program: &'a Program,
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    personal: Vec<Personal>,
    /// Addresses published on purpose: the program's and the roles' contact.
    public_emails: BTreeSet<String>,
    /// The addresses of the program's people, lower-cased.
    emails: BTreeMap<String, Person>,
    /// Each capability directory (`p/<token>/`) and the learners it is
    /// about, who may appear on it.
    personal_dirs: BTreeMap<String, BTreeSet<LearnerId>>,
}

/// Scans the rendered public `site` of `checked` and returns an E081 for
/// each personal string or e-mail address it would publish without consent;
/// `secret` tells the capability pages, which may show their own person.
pub(crate) fn check(checked: &Checked, site: &Site, secret: Option<&Secret>) -> Vec<Diagnostic> {
    let guard = match Guard::new(&checked.program, secret) {
        Ok(guard) => guard,
        Err(problem) => return vec![*problem],
    };
    match guard.scan(site) {
        Ok(leaks) if leaks.is_empty() => Vec::new(),
        Ok(leaks) => guard.report(&leaks, checked),
        Err(problem) => vec![*problem],
    }
}

/// A failure of the guard itself stops the build too: a site that was not
/// checked is not published.
fn guard_failed(error: impl std::fmt::Display) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::new(
            Code::PrivateDataPublished,
            format!("the privacy guard could not read the site: {error}"),
        )
        .help("nothing was published; this is a bug in telemachy, please report it"),
    )
}

impl<'a> Guard<'a> {
    fn new(program: &'a Program, secret: Option<&Secret>) -> Result<Guard<'a>, Box<Diagnostic>> {
        let public = public_strings(program);
        let slugs = public_slugs(program);
        let mut table: BTreeMap<String, Vec<Owner>> = BTreeMap::new();
        let mut add = |text: &str, person: Person, field: Field, listed_on: Option<String>| {
            let text = text.trim();
            let long_enough = match field {
                Field::Name => text.chars().count() >= MIN_NAME,
                Field::Goal => text.chars().count() >= MIN_GOAL,
                Field::Id => {
                    text.chars().count() >= MIN_NAME
                        && text.contains(|c: char| c == '-' || c.is_ascii_digit())
                        && !slugs.contains(text)
                }
            };
            if long_enough && !public.contains(text) {
                table.entry(text.to_string()).or_default().push(Owner {
                    person,
                    field,
                    listed_on,
                });
            }
        };
        for (id, learner) in program.learners_with_ids() {
            if learner.consent.public_profile {
                continue;
            }
            let person = Person::Learner(id);
            let listed_on = learner
                .consent
                .listed_in_cohort
                .then(|| format!("{}index.html", Urls::cohort(program, learner.cohort)));
            add(&learner.name, person, Field::Name, listed_on);
            if let Some(goal) = &learner.intake.goal {
                add(goal, person, Field::Goal, None);
            }
            add(&learner.key, person, Field::Id, None);
        }
        for (id, mentor) in program.mentors_with_ids() {
            if !mentor.public_profile {
                let person = Person::Mentor(id);
                add(&mentor.name, person, Field::Name, None);
                add(&mentor.key, person, Field::Id, None);
            }
        }
        let personal: Vec<Personal> = table
            .into_iter()
            .map(|(text, owners)| Personal { text, owners })
            .collect();
        let mut forms: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        for (i, p) in personal.iter().enumerate() {
            for form in forms_of(&p.text) {
                forms.push(form);
                patterns.push(Pattern::Personal(i));
            }
        }
        for name in public.iter().filter(|t| t.chars().count() >= MIN_NAME) {
            for form in forms_of(name) {
                forms.push(form);
                patterns.push(Pattern::Shield);
            }
        }
        forms.push("@".into());
        patterns.push(Pattern::At);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&forms)
            .map_err(guard_failed)?;
        let mut emails = BTreeMap::new();
        for (id, learner) in program.learners_with_ids() {
            if let Some(email) = &learner.email {
                emails
                    .entry(email.trim().to_lowercase())
                    .or_insert(Person::Learner(id));
            }
        }
        for (id, mentor) in program.mentors_with_ids() {
            if let Some(email) = &mentor.email {
                emails
                    .entry(email.trim().to_lowercase())
                    .or_insert(Person::Mentor(id));
            }
        }
        let contacts = std::iter::once(program.settings.data_use.contact.as_str())
            .chain(program.roles.iter().filter_map(|r| r.contact.as_deref()));
        let public_emails = contacts.flat_map(addresses_in).collect();
        Ok(Guard {
            program,
            automaton,
            patterns,
            personal,
            public_emails,
            emails,
            personal_dirs: secret
                .map(|s| personal_dirs(program, s))
                .unwrap_or_default(),
        })
    }

    /// Every leak of the site, with the files it is in.
    fn scan(&self, site: &Site) -> Result<BTreeMap<Leak, BTreeSet<String>>, Box<Diagnostic>> {
        let files: Vec<(&str, &[u8])> = site.files().filter(|(path, _)| scanned(path)).collect();
        let found: Vec<(String, Vec<Leak>)> = files
            .par_iter()
            .map(|(path, bytes)| Ok((path.to_string(), self.scan_file(path, bytes)?)))
            .collect::<Result<_, Box<Diagnostic>>>()?;
        let mut leaks: BTreeMap<Leak, BTreeSet<String>> = BTreeMap::new();
        for (path, found) in found {
            for leak in found {
                leaks.entry(leak).or_default().insert(path.clone());
            }
        }
        Ok(leaks)
    }

    fn scan_file(&self, path: &str, bytes: &[u8]) -> Result<Vec<Leak>, Box<Diagnostic>> {
        let lossy = String::from_utf8_lossy(bytes);
        let text: Cow<'_, str> = if path.ends_with(".ics") {
            Cow::Owned(ics_plain(&lossy))
        } else {
            lossy
        };
        let mut shields: Vec<(usize, usize)> = Vec::new();
        let mut hits: Vec<(usize, usize, usize)> = Vec::new();
        let mut ats: Vec<usize> = Vec::new();
        let matches = self
            .automaton
            .try_find_overlapping_iter(text.as_bytes())
            .map_err(guard_failed)?;
        for m in matches {
            match self.patterns[m.pattern().as_usize()] {
                Pattern::Personal(i) if whole_word(&text, m.start(), m.end()) => {
                    hits.push((m.start(), m.end(), i));
                }
                Pattern::Personal(_) => {}
                Pattern::Shield => shields.push((m.start(), m.end())),
                Pattern::At => ats.push(m.start()),
            }
        }
        let mut leaks: BTreeSet<Leak> = hits
            .into_iter()
            .filter(|(start, end, _)| !shields.iter().any(|(s, e)| s <= start && end <= e))
            .filter(|(_, _, i)| !self.allowed(path, *i))
            .map(|(_, _, i)| Leak::Personal(i))
            .collect();
        for at in ats {
            let Some((start, end)) = address_around(&text, at) else {
                continue;
            };
            let address = text[start..end].to_lowercase();
            if self.public_emails.contains(&address) {
                continue;
            }
            let someones = self.emails.contains_key(&address);
            let in_code = path.ends_with(".html") && inside_code(&text, at);
            if someones || !(in_code || reserved_domain(&address)) {
                leaks.insert(Leak::Email(address));
            }
        }
        Ok(leaks.into_iter().collect())
    }

    /// Whether the page at `path` may show personal string `i`: on the
    /// cohort page an owner agreed to be listed on, or on the capability
    /// pages about that owner (a mentor's name and id on any of them: they
    /// show a learner their own mentor).
    fn allowed(&self, path: &str, i: usize) -> bool {
        let dir = capability_dir(path);
        self.personal[i].owners.iter().any(|owner| {
            owner.listed_on.as_deref() == Some(path)
                || match owner.person {
                    Person::Mentor(_) => dir.is_some(),
                    Person::Learner(learner) => dir
                        .and_then(|d| self.personal_dirs.get(d))
                        .is_some_and(|about| about.contains(&learner)),
                }
        })
    }

    /// One E081 per leak, at the source text it most likely came from.
    fn report(
        &self,
        leaks: &BTreeMap<Leak, BTreeSet<String>>,
        checked: &Checked,
    ) -> Vec<Diagnostic> {
        let texts: Vec<&str> = leaks.keys().map(|leak| self.text_of(leak)).collect();
        let traced = trace(&texts, leaks.keys(), self, checked);
        leaks
            .iter()
            .zip(traced)
            .map(|((leak, files), places)| self.diagnostic(leak, files, places))
            .collect()
    }

    fn text_of<'l>(&'l self, leak: &'l Leak) -> &'l str {
        match leak {
            Leak::Personal(i) => &self.personal[*i].text,
            Leak::Email(address) => address,
        }
    }

    /// The person a leak is about, if it is someone's.
    fn person_of(&self, leak: &Leak) -> Option<(Person, Option<Field>)> {
        match leak {
            Leak::Personal(i) => self.personal[*i]
                .owners
                .first()
                .map(|o| (o.person, Some(o.field))),
            Leak::Email(address) => self.emails.get(address).map(|p| (*p, None)),
        }
    }

    fn describe(&self, person: Person) -> (String, Location) {
        let program = self.program;
        match person {
            Person::Learner(id) => {
                let learner = program.learner(id);
                (
                    format!("learner `{}`", learner.key),
                    program.locate(learner.pos),
                )
            }
            Person::Mentor(id) => {
                let mentor = program.mentor(id);
                (
                    format!("mentor `{}`", mentor.key),
                    program.locate(mentor.pos),
                )
            }
        }
    }

    fn diagnostic(
        &self,
        leak: &Leak,
        files: &BTreeSet<String>,
        places: Vec<Location>,
    ) -> Diagnostic {
        let who = self.person_of(leak).map(|(p, f)| (self.describe(p), p, f));
        let message = match (&who, leak) {
            (Some(((name, _), Person::Learner(_), Some(field))), _) => {
                let what = match field {
                    Field::Name => "the name",
                    Field::Goal => "the intake goal",
                    Field::Id => "the id",
                };
                format!(
                    "the public site would show {what} of {name}, who has not agreed to publish it"
                )
            }
            (Some(((name, _), Person::Mentor(_), Some(field))), _) => {
                let what = if *field == Field::Id { "id" } else { "name" };
                format!(
                    "the public site would show the {what} of {name}, whose profile is not public"
                )
            }
            (Some(((name, _), _, None)), _) => {
                format!("the public site would show the e-mail address of {name}")
            }
            (None, Leak::Email(address)) => {
                format!("the public site would show the e-mail address `{address}`")
            }
            (None, Leak::Personal(_)) => "the public site would show personal data".into(),
        };
        let label = published_in(files);
        let mut places = places.into_iter();
        let mut diagnostic = Diagnostic::new(Code::PrivateDataPublished, message);
        let traced = match places.next() {
            Some(first) => {
                diagnostic = diagnostic.at(first).label(label.clone());
                true
            }
            None => false,
        };
        for place in places.take(3) {
            diagnostic = diagnostic.related(place, "also written here");
        }
        if let Some(((name, record), _, _)) = &who {
            if traced {
                diagnostic = diagnostic.related(record.clone(), format!("{name} is recorded here"));
            } else {
                diagnostic = diagnostic.at(record.clone()).label(label);
            }
        }
        let help = match leak {
            Leak::Email(_) => {
                "take the address out; an address meant for the public goes in \
                 `privacy.data_use.contact` or a role's `contact` in data/program.yaml"
            }
            Leak::Personal(_) if !traced => {
                "the text was not found as such in the program's files: a template may put \
                 it together; take it out, or record the person's consent"
            }
            Leak::Personal(_) => match &who {
                Some((_, Person::Mentor(_), _)) => {
                    "take it out of this text, or set the mentor's `public_profile: true` \
                     with their agreement"
                }
                _ => {
                    "take it out of this text; a learner's name, goal and id are published \
                     only with `consent.public_profile: true` in their file (their name on \
                     their cohort's page with `consent.listed_in_cohort: true`)"
                }
            },
        };
        diagnostic.help(format!("{help}; nothing was published"))
    }
}

/// "published in a, b and 3 more files".
fn published_in(files: &BTreeSet<String>) -> String {
    let mut files: Vec<&str> = files.iter().map(String::as_str).collect();
    files.sort_by_key(|f| !f.ends_with(".html"));
    let shown: Vec<&str> = files.iter().take(2).copied().collect();
    match files.len() {
        0 => String::new(),
        1 | 2 => format!("published in {}", shown.join(" and ")),
        3 => format!("published in {} and 1 more file", shown.join(", ")),
        n => format!("published in {} and {} more files", shown.join(", "), n - 2),
    }
}

fn scanned(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| SCANNED.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}
