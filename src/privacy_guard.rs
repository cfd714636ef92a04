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
//!   shorter than [`MIN_NAME`] characters, goals shorter than [`MIN_GOAL`],
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

/// Shortest name or id searched for, in characters: shorter ones are far
/// more often an ordinary word than someone's name.
pub const MIN_NAME: usize = 4;

/// Shortest goal searched for, in characters: a goal as short as "Get a
/// job" is a phrase a curriculum may well use.
pub const MIN_GOAL: usize = 16;

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
pub fn check(checked: &Checked, site: &Site, secret: Option<&Secret>) -> Vec<Diagnostic> {
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
        for (i, learner) in program.learners.iter().enumerate() {
            if learner.consent.public_profile {
                continue;
            }
            let person = Person::Learner(LearnerId(i as u32));
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
        for (i, mentor) in program.mentors.iter().enumerate() {
            if !mentor.public_profile {
                let person = Person::Mentor(MentorId(i as u32));
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
        for (i, learner) in program.learners.iter().enumerate() {
            if let Some(email) = &learner.email {
                emails
                    .entry(email.trim().to_lowercase())
                    .or_insert(Person::Learner(LearnerId(i as u32)));
            }
        }
        for (i, mentor) in program.mentors.iter().enumerate() {
            if let Some(email) = &mentor.email {
                emails
                    .entry(email.trim().to_lowercase())
                    .or_insert(Person::Mentor(MentorId(i as u32)));
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

/// Names, goals and ids that are public through someone: a public mentor, a
/// learner with a public profile, a role's holder. Searching for them would
/// report a namesake's consented profile as a leak.
fn public_strings(program: &Program) -> BTreeSet<String> {
    let mut public = BTreeSet::new();
    for learner in program.learners.iter().filter(|l| l.consent.public_profile) {
        public.insert(learner.name.trim().to_string());
        public.insert(learner.key.clone());
        public.extend(learner.intake.goal.iter().map(|g| g.trim().to_string()));
    }
    for mentor in program.mentors.iter().filter(|m| m.public_profile) {
        public.insert(mentor.name.trim().to_string());
        public.insert(mentor.key.clone());
    }
    public.extend(program.roles.iter().filter_map(|r| r.person.clone()));
    public
}

/// The ids of records the site publishes under their id (URLs, anchors): an
/// id of someone that is also one of these cannot be told apart from it.
fn public_slugs(program: &Program) -> BTreeSet<&str> {
    let mut slugs: BTreeSet<&str> = BTreeSet::new();
    slugs.extend(program.paths.iter().map(|p| p.key.as_str()));
    slugs.extend(program.modules.iter().map(|m| m.key.as_str()));
    slugs.extend(program.pages.iter().map(|p| p.key.as_str()));
    slugs.extend(program.cohorts.iter().map(|c| c.key.as_str()));
    slugs.extend(program.outcomes.iter().map(|o| o.key.as_str()));
    slugs.extend(program.journey.stages.iter().map(|s| s.key.as_str()));
    slugs.extend(program.roles.iter().map(|r| r.key.as_str()));
    slugs.extend(program.sessions.iter().map(|s| s.key.as_str()));
    for module in &program.modules {
        slugs.extend(module.milestones.iter().map(|m| m.key.as_str()));
        slugs.extend(module.checkpoints.iter().map(|c| c.key.as_str()));
    }
    slugs
}

/// Each capability directory of the site and the learners it is about: a
/// learner's page and feed are theirs, a charter its pair's learner's, a
/// mentor's feed every learner of the sessions they lead.
fn personal_dirs(program: &Program, secret: &Secret) -> BTreeMap<String, BTreeSet<LearnerId>> {
    let mut dirs: BTreeMap<String, BTreeSet<LearnerId>> = BTreeMap::new();
    let mut about = |kind: &str, key: &str, learners: &mut dyn Iterator<Item = LearnerId>| {
        dirs.entry(format!("p/{}/", secret.token(kind, key)))
            .or_default()
            .extend(learners);
    };
    for (i, learner) in program.learners.iter().enumerate() {
        let id = LearnerId(i as u32);
        about(
            capability::LEARNER_PAGE,
            &learner.key,
            &mut std::iter::once(id),
        );
        about(
            capability::LEARNER_FEED,
            &learner.key,
            &mut std::iter::once(id),
        );
    }
    for pair in &program.pairs {
        about(
            capability::CHARTER,
            &pair.key,
            &mut std::iter::once(pair.learner),
        );
    }
    let mut led: Vec<BTreeSet<LearnerId>> = vec![BTreeSet::new(); program.mentors.len()];
    for session in &program.sessions {
        for mentor in &session.mentors {
            if let Some(set) = led.get_mut(mentor.index()) {
                set.extend(session.learners.iter().copied());
            }
        }
    }
    for (mentor, learners) in program.mentors.iter().zip(led) {
        about(
            capability::MENTOR_FEED,
            &mentor.key,
            &mut learners.into_iter(),
        );
    }
    dirs
}

/// `p/<token>/` of a file under a capability directory.
fn capability_dir(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("p/")?;
    let slash = rest.find('/')?;
    path.get(..slash + 3)
}

fn scanned(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| SCANNED.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// The ways a page may write a text: as is, escaped for HTML or XML by
/// the templates (`&#39;`), by Markdown (quotes left alone) or by XML
/// (`&apos;`), and escaped for JSON.
fn forms_of(text: &str) -> Vec<String> {
    let entity = |quote: &'static str, apostrophe: Option<&'static str>| {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match (c, apostrophe) {
                ('&', _) => out.push_str("&amp;"),
                ('<', _) => out.push_str("&lt;"),
                ('>', _) => out.push_str("&gt;"),
                ('"', _) => out.push_str(quote),
                ('\'', Some(a)) => out.push_str(a),
                _ => out.push(c),
            }
        }
        out
    };
    let json = serde_json::to_string(text).unwrap_or_default();
    let mut forms = vec![
        text.to_string(),
        entity("&quot;", Some("&#39;")),
        entity("&quot;", Some("&apos;")),
        entity("&quot;", Some("&#x27;")),
        entity("\"", None),
        json.get(1..json.len().saturating_sub(1))
            .unwrap_or_default()
            .to_string(),
    ];
    forms.sort();
    forms.dedup();
    forms.retain(|f| !f.is_empty());
    forms
}

/// A feed as its reader sees the text: lines unfolded and TEXT escapes
/// undone, so a name folded across two lines or with an escaped comma is
/// still one string.
fn ics_plain(feed: &str) -> String {
    let unfolded = feed.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = String::with_capacity(unfolded.len());
    let mut chars = unfolded.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Whether `text[start..end]` stands as whole words: not preceded or
/// followed by a letter, digit, `_` or `-` where it itself begins or ends
/// with one (so `Ann` is not found in `Annual`, nor `ana-lima` in
/// `ana-lima-2`).
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let (Some(inner), Some(before), Some(after)) =
        (text.get(start..end), text.get(..start), text.get(end..))
    else {
        return false;
    };
    let open = inner.chars().next().is_some_and(is_word);
    let close = inner.chars().next_back().is_some_and(is_word);
    let joined_before = open && before.chars().next_back().is_some_and(is_word);
    let joined_after = close && after.chars().next().is_some_and(is_word);
    !(joined_before || joined_after)
}

fn local_part(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn domain_part(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

/// The e-mail address whose `@` is at byte `at`, as a byte range, if the
/// text around it has the shape of one: a local part, and a domain of two
/// or more labels ending in letters.
fn address_around(text: &str, at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut start = at;
    while start > 0 && at - start < 64 && local_part(bytes[start - 1]) {
        start -= 1;
    }
    while start < at && bytes[start] == b'.' {
        start += 1;
    }
    let mut end = at + 1;
    while end < bytes.len() && end - at < 256 && domain_part(bytes[end]) {
        end += 1;
    }
    while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
        end -= 1;
    }
    let domain = text.get(at + 1..end)?;
    let labels: Vec<&str> = domain.split('.').collect();
    let tld = labels.last()?;
    let shaped = start < at
        && labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic());
    shaped.then_some((start, end))
}

/// The addresses written in a text, lower-cased.
fn addresses_in(text: &str) -> Vec<String> {
    text.match_indices('@')
        .filter_map(|(at, _)| address_around(text, at))
        .map(|(s, e)| text[s..e].to_lowercase())
        .collect()
}

/// Domains reserved for documentation and tests (RFC 2606, RFC 6761): no
/// one's mailbox.
fn reserved_domain(address: &str) -> bool {
    let domain = address.rsplit('@').next().unwrap_or_default();
    let tld = domain.rsplit('.').next().unwrap_or_default();
    matches!(tld, "example" | "test" | "invalid" | "localhost")
        || ["example.com", "example.net", "example.org"]
            .iter()
            .any(|d| domain == *d || domain.ends_with(&format!(".{d}")))
}

/// Whether byte `at` of an HTML page is inside a `<code>` element.
fn inside_code(html: &str, at: usize) -> bool {
    let before = html.get(..at).unwrap_or_default();
    match (before.rfind("<code"), before.rfind("</code>")) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Where each leak's text is written in the program's sources, best guess
/// first: the curriculum, the theme and the published data files before
/// the files of learners and pairs, which are not published. The
/// definition of a person (`name:`, `email:`, `goal:`, `id:` in data) is
/// not a source of a leak, and an id is looked for only in the curriculum
/// and the theme: the data names everyone by id.
fn trace<'l>(
    texts: &[&str],
    leaks: impl Iterator<Item = &'l Leak>,
    guard: &Guard<'_>,
    checked: &Checked,
) -> Vec<Vec<Location>> {
    let leaks: Vec<&Leak> = leaks.collect();
    let mut found: Vec<Vec<(u8, Location)>> = vec![Vec::new(); texts.len()];
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        .build(texts)
    else {
        return found.into_iter().map(|_| Vec::new()).collect();
    };
    for (file, text) in source_texts(checked) {
        let rank = source_rank(&file);
        let Ok(matches) = automaton.try_find_overlapping_iter(text.as_bytes()) else {
            continue;
        };
        for m in matches {
            let i = m.pattern().as_usize();
            let exact = match leaks[i] {
                Leak::Email(_) => true,
                Leak::Personal(_) => text.get(m.start()..m.end()) == Some(texts[i]),
            };
            let is_id = matches!(guard.person_of(leaks[i]), Some((_, Some(Field::Id))));
            if !exact
                || !whole_word(&text, m.start(), m.end())
                || (is_id && file.starts_with("data"))
            {
                continue;
            }
            if own_record(guard, leaks[i], &file, checked) {
                continue;
            }
            let (line, column, line_text) = line_and_column(&text, m.start());
            if file.starts_with("data") && (defines_someone(line_text) || commented(line_text)) {
                continue;
            }
            let len = texts[i].chars().count() as u32;
            found[i].push((rank, Location::at(file.clone(), line, column, len)));
        }
    }
    found
        .into_iter()
        .map(|mut places| {
            places.sort();
            places.dedup();
            places.into_iter().map(|(_, l)| l).collect()
        })
        .collect()
}

/// The program's texts a page can quote: every file a record was read
/// from, and the program's own templates.
fn source_texts(checked: &Checked) -> Vec<(PathBuf, String)> {
    let program = &checked.program;
    let mut files = BTreeSet::new();
    files.extend(program.learners.iter().map(|l| l.pos.file));
    files.extend(program.mentors.iter().map(|m| m.pos.file));
    files.extend(program.cohorts.iter().map(|c| c.pos.file));
    files.extend(program.sessions.iter().map(|s| s.pos.file));
    files.extend(program.pairs.iter().map(|p| p.pos.file));
    files.extend(program.outcomes.iter().map(|o| o.pos.file));
    files.extend(program.journey.stages.iter().map(|s| s.pos.file));
    files.extend(program.paths.iter().map(|p| p.file));
    files.extend(program.modules.iter().map(|m| m.file));
    files.extend(program.pages.iter().map(|p| p.file));
    let mut texts: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|f| program.files.path(f).to_path_buf())
        .filter_map(|path| checked.sources.get(&path).map(|text| (path, text)))
        .collect();
    texts.extend(
        checked
            .theme
            .templates
            .iter()
            .filter(|t| !t.built_in)
            .map(|t| (t.origin.clone(), t.text.clone())),
    );
    texts
}

fn source_rank(file: &Path) -> u8 {
    if file.starts_with("data/learners") || file.starts_with("data/pairs.yaml") {
        2
    } else if file.starts_with("data") {
        1
    } else {
        0
    }
}

/// Whether `file` is the learner's own file, for a leak of a learner: what
/// it says of them is their record, which no public page quotes.
fn own_record(guard: &Guard<'_>, leak: &Leak, file: &Path, checked: &Checked) -> bool {
    match guard.person_of(leak) {
        Some((Person::Learner(id), _)) => {
            let program = &checked.program;
            program.files.path(program.learner(id).pos.file) == file
        }
        _ => false,
    }
}

/// Whether a YAML line is a comment, which no page shows.
fn commented(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// Whether a YAML line is a person's own field: the place a name or address
/// is recorded, not where it is quoted.
fn defines_someone(line: &str) -> bool {
    let key = line
        .trim_start()
        .trim_start_matches("- ")
        .split(':')
        .next()
        .unwrap_or_default()
        .trim();
    matches!(key, "name" | "email" | "goal" | "id")
}

/// The 1-based line and character column of byte `at`, and the line.
fn line_and_column(text: &str, at: usize) -> (u32, u32, &str) {
    let before = text.get(..at).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() as u32 + 1;
    let column = text.get(line_start..at).unwrap_or_default().chars().count() as u32 + 1;
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (
        line,
        column,
        text.get(line_start..line_end).unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{example, example_with};

    const ADA: &str = "data/learners/ada-example.yaml";

    /// The leaks of a site whose files are `pages`, for the example program
    /// with Ada's file changed by `edit`.
    fn leaks_in(
        edit: (&str, &str),
        pages: &[(&str, &str)],
        secret: Option<&Secret>,
    ) -> Vec<String> {
        let ada = example(ADA).replace(edit.0, edit.1);
        let program = example_with(&[(ADA, ada)]);
        let guard = Guard::new(&program, secret).unwrap_or_else(|d| panic!("{}", d.message));
        let mut site = Site::new();
        for (path, text) in pages {
            site.insert(*path, *text);
        }
        let leaks = guard
            .scan(&site)
            .unwrap_or_else(|d| panic!("{}", d.message));
        leaks
            .iter()
            .flat_map(|(leak, files)| {
                let what = guard.text_of(leak).to_string();
                files.iter().map(move |f| format!("{f}: {what}"))
            })
            .collect()
    }

    const NO_CHANGE: (&str, &str) = ("", "");

    #[test]
    fn a_name_is_published_only_where_its_learner_agreed() {
        let pages = [
            ("cohorts/first-cohort/index.html", "<li>Ada Example</li>"),
            ("index.html", "<td>Welcome, Ada Example!</td>"),
            (
                "calendar/program.ics",
                "SUMMARY:Demo by Ada Exa\r\n mple\r\n",
            ),
        ];
        let listed = (
            "public_profile: false",
            "public_profile: false\n  listed_in_cohort: true",
        );
        assert_eq!(
            leaks_in(listed, &pages, None),
            [
                "calendar/program.ics: Ada Example",
                "index.html: Ada Example"
            ],
            "listed in the cohort: on its page only, and found across a folded feed line"
        );
        assert_eq!(leaks_in(NO_CHANGE, &pages, None).len(), 3);
        let public = ("public_profile: false", "public_profile: true");
        assert!(leaks_in(public, &pages, None).is_empty());
    }

    #[test]
    fn the_goal_and_id_are_found_and_a_word_in_a_word_is_not() {
        let pages = [
            (
                "search-index.json",
                "[{\"summary\":\"Build and publish a small data project I can show to employers.\"}]",
            ),
            (
                "pages/a/index.html",
                "<a href=\"/learners/ada-example/\">x</a>",
            ),
            (
                "pages/b/index.html",
                "Adaptive Example-based ada-example-2 Ada Examples",
            ),
        ];
        assert_eq!(
            leaks_in(NO_CHANGE, &pages, None),
            [
                "search-index.json: Build and publish a small data project I can show to employers.",
                "pages/a/index.html: ada-example",
            ]
        );
    }

    #[test]
    fn a_capability_page_shows_its_own_learner_only() {
        let secret =
            Secret::new("0123456789abcdef0123456789abcdef").unwrap_or_else(|e| panic!("{e}"));
        let own = format!(
            "p/{}/index.html",
            secret.token(capability::LEARNER_PAGE, "ada-example")
        );
        let other = format!(
            "p/{}/index.html",
            secret.token(capability::LEARNER_PAGE, "someone")
        );
        let pages = [
            (own.as_str(), "<h1>Ada Example</h1> with Tomás Example"),
            (other.as_str(), "<h1>Ada Example</h1>"),
        ];
        assert_eq!(
            leaks_in(NO_CHANGE, &pages, Some(&secret)),
            [format!("{other}: Ada Example")]
        );
    }

    #[test]
    fn addresses_are_found_unless_public_or_no_ones() {
        let ada = ("consent:", "email: ada@mail.example\nconsent:");
        let pages = [
            (
                "privacy/index.html",
                "Ask coordinator@example.org or <code>git@github.com:x</code>",
            ),
            (
                "pages/a/index.html",
                "<p>Write to someone@gmail.com or help@example.com</p>",
            ),
            (
                "pages/b/index.html",
                "<pre><code>ada@mail.example</code></pre>",
            ),
            (
                "calendar/program.ics",
                "DESCRIPTION:Mail grace@example.org\r\n",
            ),
        ];
        assert_eq!(
            leaks_in(ada, &pages, None),
            [
                "pages/b/index.html: ada@mail.example",
                "calendar/program.ics: grace@example.org",
                "pages/a/index.html: someone@gmail.com",
            ]
        );
    }

    #[test]
    fn names_are_found_as_whole_words_only() {
        let text = "Annual report by Ann, and Ann-Marie; Ann.";
        let at = |needle: &str, from: usize| text[from..].find(needle).map(|i| i + from);
        let first = at("Ann", 0).unwrap_or_default();
        assert!(!whole_word(text, first, first + 3), "inside Annual");
        let second = at("Ann", first + 1).unwrap_or_default();
        assert!(whole_word(text, second, second + 3), "Ann,");
        let third = at("Ann", second + 1).unwrap_or_default();
        assert!(!whole_word(text, third, third + 3), "Ann-Marie");
        let last = text.rfind("Ann").unwrap_or_default();
        assert!(whole_word(text, last, last + 3), "Ann.");
    }

    #[test]
    fn a_goal_ending_in_a_full_stop_is_found_before_anything() {
        let text = "<p>Lead a small piece of work.Next</p>";
        let start = text.find("Lead").unwrap_or_default();
        let end = start + "Lead a small piece of work.".len();
        assert!(whole_word(text, start, end));
    }

    #[test]
    fn a_folded_and_escaped_feed_line_reads_as_one_text() {
        let feed = "SUMMARY:Pairing with Lena Fis\r\n cher\\, Omar\\; and \\\\ more\\nnext\r\n";
        assert_eq!(
            ics_plain(feed),
            "SUMMARY:Pairing with Lena Fischer, Omar; and \\ more\nnext\r\n"
        );
    }

    #[test]
    fn addresses_have_a_local_part_and_a_dotted_domain() {
        let text = "Write to <a href=\"mailto:Ines.Moreau@Mail.example.org\">us</a>, \
                    not @media or user@localhost or deco@2.0; end.";
        assert_eq!(addresses_in(text), ["ines.moreau@mail.example.org"]);
        assert_eq!(addresses_in("(lena@school.ac.uk)."), ["lena@school.ac.uk"]);
        assert!(addresses_in("@property and a@b").is_empty());
    }

    #[test]
    fn reserved_domains_are_nobodys_mailbox() {
        assert!(reserved_domain("help@example.org"));
        assert!(reserved_domain("x@mail.example.com"));
        assert!(reserved_domain("privacy@northbridge.example"));
        assert!(!reserved_domain("lena@examples.org"));
        assert!(!reserved_domain("lena@gmail.com"));
    }

    #[test]
    fn code_is_told_from_text() {
        let html = "<p>a@b.org</p><pre><code>git clone git@github.com:x/y</code></pre><p>c@d.org";
        assert!(!inside_code(html, html.find("a@b").unwrap_or_default() + 1));
        assert!(inside_code(html, html.find("git@").unwrap_or_default() + 3));
        assert!(!inside_code(html, html.find("c@d").unwrap_or_default() + 1));
    }

    #[test]
    fn forms_cover_the_escapes_of_pages_and_data() {
        let forms = forms_of("Liam O'Brien \"Li\"");
        for form in [
            "Liam O'Brien \"Li\"",
            "Liam O&#39;Brien &quot;Li&quot;",
            "Liam O&apos;Brien &quot;Li&quot;",
            "Liam O&#x27;Brien &quot;Li&quot;",
            "Liam O'Brien \\\"Li\\\"",
        ] {
            assert!(forms.iter().any(|f| f == form), "{form} not in {forms:?}");
        }
        assert_eq!(forms_of("Lena Fischer"), ["Lena Fischer"]);
    }

    #[test]
    fn capability_directories_are_the_first_two_segments() {
        assert_eq!(capability_dir("p/abc/index.html"), Some("p/abc/"));
        assert_eq!(capability_dir("p/abc/calendar.ics"), Some("p/abc/"));
        assert_eq!(capability_dir("paths/x/index.html"), None);
        assert_eq!(capability_dir("p/"), None);
    }

    #[test]
    fn definitions_are_told_from_quotations() {
        assert!(defines_someone("name: Lena Fischer"));
        assert!(defines_someone("  - id: lena-fischer"));
        assert!(defines_someone("    email: lena@x.org"));
        assert!(!defines_someone("    title: Pairing with Lena Fischer"));
    }

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "a: 1\ntitle: Café with Lena\n";
        let at = text.find("Lena").unwrap_or_default();
        assert_eq!(line_and_column(text, at), (2, 18, "title: Café with Lena"));
    }
}
