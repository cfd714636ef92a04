//! SPEC §6: a public build publishes nothing personal that was not
//! consented, in any file it writes — pages, search index, sitemap, robots,
//! static files; a staff build shows everything and asks not to be indexed;
//! personal pages of a public build exist only at capability URLs, and only
//! when a secret is set.
//!
//! The scan is proven able to find what it looks for: the same needles are
//! found in the staff build, and consented learners are found where they
//! belong.
//!
//! When free text lets someone in (a name in a session's title, an address
//! in a module), the privacy guard stops the build at that text and leaves
//! the published site alone. And no page shows a count of people small
//! enough, or two counts close enough, to single anyone out, whatever the
//! program's minimum group size.

use std::sync::OnceLock;

use chrono::NaiveDate;
use telemachy::render::Secret;

use crate::support::{
    Demo, Files, SECRET, TODAY, decode_entities, differences, html_pages, percent_decode,
    public_site, read_tree, secret_site, staff_site, text, write_tree,
};

/// One learner of the demo, as the scan looks for them.
struct Learner {
    id: String,
    name: String,
    cohort: String,
    file: String,
    listed_in_cohort: bool,
    public_profile: bool,
    email: Option<String>,
    goal: Option<String>,
    /// Free text about them that no consent publishes: blockers, journey
    /// notes, outcome evidence, the reason for their status, artifact links.
    private: Vec<String>,
}

impl Learner {
    fn consented(&self) -> bool {
        self.listed_in_cohort || self.public_profile
    }
}

/// One mentor of the demo.
struct Mentor {
    id: String,
    name: String,
    email: Option<String>,
    public_profile: bool,
}

/// What the demo program says, read with the library's own loader.
struct Known {
    learners: Vec<Learner>,
    mentors: Vec<Mentor>,
    /// Messages of the check's warnings: the check report is for staff.
    findings: Vec<String>,
}

fn known() -> &'static Known {
    static KNOWN: OnceLock<Known> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
        let checked =
            telemachy::check_program(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), today);
        assert!(
            !checked.diagnostics.has_errors(),
            "the demo program has errors"
        );
        let program = &checked.program;
        let learners = program
            .learners
            .iter()
            .map(|l| {
                let mut private: Vec<String> = l.intake.blockers.clone();
                private.extend(l.journey.iter().filter_map(|e| e.note.clone()));
                private.extend(l.outcomes.iter().filter_map(|(_, _, e)| e.clone()));
                private.extend(l.status_reason.clone());
                private.extend(
                    l.modules
                        .iter()
                        .filter_map(|m| m.artifact.as_ref().and_then(|(_, link)| link.clone())),
                );
                Learner {
                    id: l.key.clone(),
                    name: l.name.clone(),
                    cohort: program.cohort(l.cohort).key.clone(),
                    file: program.files.path(l.pos.file).display().to_string(),
                    listed_in_cohort: l.consent.listed_in_cohort,
                    public_profile: l.consent.public_profile,
                    email: l.email.clone(),
                    goal: l.intake.goal.clone(),
                    private,
                }
            })
            .collect();
        let mentors = program
            .mentors
            .iter()
            .map(|m| Mentor {
                id: m.key.clone(),
                name: m.name.clone(),
                email: m.email.clone(),
                public_profile: m.public_profile,
            })
            .collect();
        let findings = checked
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        Known {
            learners,
            mentors,
            findings,
        }
    })
}

/// Something that must not be published, and whose it is.
struct Needle {
    what: String,
    text: String,
}

fn needle(what: impl Into<String>, text: &str) -> Needle {
    Needle {
        what: what.into(),
        text: normalize(text),
    }
}

/// Everything a public build must not contain anywhere.
fn unpublishable(known: &Known) -> Vec<Needle> {
    let mut needles = Vec::new();
    for l in &known.learners {
        if !l.consented() {
            needles.push(needle(format!("name of {}", l.id), &l.name));
            needles.push(needle(format!("id of {}", l.id), &l.id));
        }
        if let Some(email) = &l.email {
            needles.push(needle(format!("e-mail of {}", l.id), email));
        }
        if let Some(goal) = l.goal.as_ref().filter(|_| !l.public_profile) {
            needles.push(needle(format!("goal of {}", l.id), goal));
        }
        for text in &l.private {
            needles.push(needle(format!("private note of {}", l.id), text));
        }
    }
    for m in &known.mentors {
        if !m.public_profile {
            needles.push(needle(format!("name of mentor {}", m.id), &m.name));
            needles.push(needle(format!("id of mentor {}", m.id), &m.id));
        }
        if let Some(email) = &m.email {
            needles.push(needle(format!("e-mail of mentor {}", m.id), email));
        }
    }
    for finding in &known.findings {
        needles.push(needle("a finding of the check report", finding));
    }
    needles
}

/// Whitespace runs become one space, and case is ignored, so a name split
/// over lines or shown in capitals is still found.
fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn json_strings(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| {
            out.push_str(k);
            out.push('\n');
            json_strings(v, out);
        }),
        _ => {}
    }
}

/// The ways a reader (or a crawler) could read a file: with character
/// references decoded, with URL escapes decoded too, without markup, and the
/// strings of a JSON file. Identical readings are kept once.
fn readings(path: &str, bytes: &[u8]) -> Vec<String> {
    let raw = String::from_utf8_lossy(bytes);
    let decoded = decode_entities(&raw);
    let mut readings = vec![normalize(&decoded)];
    if raw.contains('%') {
        readings.push(normalize(&percent_decode(&decoded)));
    }
    if raw.contains('<') {
        readings.push(normalize(&decode_entities(&strip_tags(&raw))));
    }
    if path.ends_with(".json") {
        let value: serde_json::Value =
            serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"));
        let mut strings = String::new();
        json_strings(&value, &mut strings);
        readings.push(normalize(&strings));
    }
    readings.sort();
    readings.dedup();
    readings
}

/// A site as the scan reads it: each file with its readings, computed once.
struct Readable {
    files: Vec<(String, Vec<String>)>,
}

impl Readable {
    fn new(site: &Files) -> Readable {
        Readable {
            files: site
                .iter()
                .map(|(path, bytes)| (path.clone(), readings(path, bytes)))
                .collect(),
        }
    }

    /// Every `file: what` where a needle is found among the files `include`
    /// selects.
    fn find(&self, include: impl Fn(&str) -> bool, needles: &[Needle]) -> Vec<String> {
        let mut found = Vec::new();
        for (path, readings) in self.files.iter().filter(|(path, _)| include(path)) {
            for needle in needles {
                if readings.iter().any(|r| r.contains(&needle.text)) {
                    found.push(format!("{path}: {}", needle.what));
                }
            }
        }
        found
    }

    /// The needles found in no file at all.
    fn missing<'n>(&self, needles: &'n [Needle]) -> Vec<&'n str> {
        needles
            .iter()
            .filter(|needle| {
                !self
                    .files
                    .iter()
                    .any(|(_, readings)| readings.iter().any(|r| r.contains(&needle.text)))
            })
            .map(|needle| needle.what.as_str())
            .collect()
    }
}

/// The readable form of each shared build, made once for all tests.
fn readable(audience: Audience) -> &'static Readable {
    static PUBLIC: OnceLock<Readable> = OnceLock::new();
    static STAFF: OnceLock<Readable> = OnceLock::new();
    static SECRET_SET: OnceLock<Readable> = OnceLock::new();
    match audience {
        Audience::Public => PUBLIC.get_or_init(|| Readable::new(public_site())),
        Audience::Staff => STAFF.get_or_init(|| Readable::new(staff_site())),
        Audience::PublicWithSecret => SECRET_SET.get_or_init(|| Readable::new(secret_site())),
    }
}

/// The shared builds of the demo.
#[derive(Clone, Copy)]
enum Audience {
    Public,
    Staff,
    PublicWithSecret,
}

fn everywhere(_: &str) -> bool {
    true
}

#[test]
fn a_public_build_publishes_nobody_who_has_not_consented() {
    let known = known();
    assert!(
        known.learners.iter().any(|l| !l.consented()),
        "the demo should have learners who have not consented"
    );
    let leaks = readable(Audience::Public).find(everywhere, &unpublishable(known));
    assert!(
        leaks.is_empty(),
        "the public build publishes what nobody consented to:\n{}",
        leaks.join("\n")
    );
    assert!(
        public_site()
            .keys()
            .all(|p| !p.starts_with("p/") && !p.starts_with("learners/")),
        "a public build without a secret has no personal pages"
    );
}

#[test]
fn learners_listed_in_their_cohort_appear_on_its_page() {
    let listed: Vec<&Learner> = known()
        .learners
        .iter()
        .filter(|l| l.listed_in_cohort)
        .collect();
    assert!(!listed.is_empty(), "the demo should list some learners");
    for learner in listed {
        let page = format!("cohorts/{}/index.html", learner.cohort);
        let needles = [needle("name", &learner.name)];
        assert!(
            !readable(Audience::Public)
                .find(|p| p == page, &needles)
                .is_empty(),
            "{} consented to be listed but is not on {page}",
            learner.name
        );
    }
}

#[test]
fn a_staff_build_shows_everyone_and_asks_not_to_be_indexed() {
    // The scan that finds nothing in the public build finds every
    // unconsented learner here, so it can see them.
    let mut needles = Vec::new();
    for l in known().learners.iter().filter(|l| !l.consented()) {
        needles.push(needle(format!("name of {}", l.id), &l.name));
        needles.push(needle(format!("id of {}", l.id), &l.id));
        if let Some(goal) = &l.goal {
            needles.push(needle(format!("goal of {}", l.id), goal));
        }
    }
    let missing = readable(Audience::Staff).missing(&needles);
    assert!(
        missing.is_empty(),
        "the staff build does not show: {missing:?}"
    );
    let site = staff_site();
    for (path, html) in html_pages(site) {
        assert!(has_noindex(html), "{path} of a staff build has no noindex");
    }
    let robots = text(site, "robots.txt");
    assert!(
        robots.lines().any(|line| line.trim() == "Disallow: /"),
        "robots.txt of a staff build must disallow everything:\n{robots}"
    );
}

/// Whether a page carries `<meta name="robots" content="noindex…">`.
fn has_noindex(html: &str) -> bool {
    html.split("<meta").skip(1).any(|tag| {
        let tag = tag.split('>').next().unwrap_or_default();
        tag.contains(r#"name="robots""#) && tag.contains("noindex")
    })
}

#[test]
fn personal_pages_of_a_public_build_live_only_at_capability_urls() {
    let known = known();
    let site = secret_site();
    let readable = readable(Audience::PublicWithSecret);
    let secret = Secret::new(SECRET).unwrap();
    let under_p: Vec<&String> = site.keys().filter(|p| p.starts_with("p/")).collect();
    for path in &under_p {
        let token = path
            .strip_prefix("p/")
            .and_then(|rest| {
                rest.strip_suffix("/index.html")
                    .or_else(|| rest.strip_suffix("/calendar.ics"))
            })
            .unwrap_or_default();
        assert!(
            token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit()),
            "{path} is not at a 128-bit capability URL"
        );
    }
    let personal: Vec<&String> = under_p
        .iter()
        .copied()
        .filter(|p| p.ends_with("/index.html"))
        .collect();
    let (charters, learner_pages): (Vec<&String>, Vec<&String>) = personal
        .iter()
        .partition(|path| text(site, path).contains("Our mentoring charter"));
    assert_eq!(
        learner_pages.len(),
        known.learners.len(),
        "one personal page per learner"
    );
    assert!(!charters.is_empty(), "no charter at a capability URL");
    for page in &charters {
        assert!(has_noindex(text(site, page)), "{page} has no noindex");
    }
    for l in &known.learners {
        let token = secret.token("learner", &l.id);
        let page = format!("p/{token}/index.html");
        assert!(has_noindex(text(site, &page)), "{page} has no noindex");
        let name = [needle("name", &l.name)];
        assert!(
            !readable.find(|p| p == page, &name).is_empty(),
            "{page} is not {}'s page",
            l.name
        );
        let mentions: Vec<&String> = site
            .iter()
            .filter(|(path, bytes)| {
                **path != page && String::from_utf8_lossy(bytes).contains(&token)
            })
            .map(|(path, _)| path)
            .collect();
        assert!(
            mentions.is_empty(),
            "{}'s capability URL is given away by {mentions:?}",
            l.id
        );
    }
    assert!(
        site.keys()
            .all(|p| !p.starts_with("learners/") && !p.starts_with("report/")),
        "staff pages in a public build"
    );
    let outside = |path: &str| !path.starts_with("p/");
    let leaks = readable.find(outside, &unpublishable(known));
    assert!(
        leaks.is_empty(),
        "outside p/, the public build with a secret publishes:\n{}",
        leaks.join("\n")
    );
    let rest: Files = site
        .iter()
        .filter(|(path, _)| outside(path))
        .map(|(path, bytes)| (path.clone(), bytes.clone()))
        .collect();
    // The output's manifest lists the personal pages too (by hash only: the
    // token check above reads it as well).
    let mut changes = differences(public_site(), &rest);
    changes.retain(|change| change != "changed .telemachy-output");
    assert!(
        changes.is_empty(),
        "a secret should add personal pages and change nothing else:\n{}",
        changes.join("\n")
    );
}

#[test]
fn personal_pages_carry_no_staff_findings() {
    let known = known();
    assert!(
        !known.findings.is_empty(),
        "the demo has warnings, so the staff report has something to hide"
    );
    let needles: Vec<Needle> = known
        .findings
        .iter()
        .map(|f| needle(format!("the finding “{f}”"), f))
        .collect();
    let missing = readable(Audience::Staff).missing(&needles);
    assert!(
        missing.is_empty(),
        "the staff build does not show {missing:?}"
    );
    let shown = readable(Audience::PublicWithSecret).find(everywhere, &needles);
    assert!(
        shown.is_empty(),
        "at-risk signals are for staff, yet the public build shows:\n{}",
        shown.join("\n")
    );
}

#[test]
fn a_secret_shorter_than_128_bits_is_refused() {
    let demo = Demo::new();
    let out = demo.dir().join("public");
    let run = demo.build(&out, "public", Some("0123456789abcdef0123456789abcde"));
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("TELEMACHY_SECRET"), "{}", run.stderr);
    assert!(!out.exists(), "a refused build wrote {}", out.display());
}

#[test]
fn a_withdrawn_consent_takes_effect_on_the_next_build() {
    let known = known();
    let learner = known
        .learners
        .iter()
        .find(|l| l.listed_in_cohort && !l.public_profile)
        .expect("the demo should list a learner without a public profile");
    let needles = [needle("name", &learner.name)];
    assert!(
        readable(Audience::Public).missing(&needles).is_empty(),
        "{} is listed before withdrawing",
        learner.name
    );
    let demo = Demo::new();
    demo.edit(
        &learner.file,
        "listed_in_cohort: true",
        "listed_in_cohort: false",
    );
    // The site as published before the learner changed their mind.
    let out = demo.dir().join("public");
    write_tree(&out, public_site());
    let run = demo.build(&out, "public", None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let found = Readable::new(&read_tree(&out)).find(everywhere, &needles);
    assert!(
        found.is_empty(),
        "{} withdrew consent but is still published:\n{}",
        learner.name,
        found.join("\n")
    );
}

/// The group session every test below renames: shown on the winter cohort's
/// page, on the home and calendar pages and in the public feeds.
const LAB_FILE: &str = "data/sessions/2026-winter-teaching.yaml";
const LAB_TITLE: &str = "title: Practice lab (after school)";

/// A learner of the winter cohort with the consent `pick` selects.
fn winter_learner(pick: impl Fn(&Learner) -> bool) -> &'static Learner {
    known()
        .learners
        .iter()
        .find(|l| l.cohort == "2026-winter-teaching" && pick(l))
        .expect("the winter cohort should have such a learner")
}

/// Writes `text` into the lab's title and returns where `name` then stands
/// in the sessions file, as `file:line:col`.
fn title_the_lab(demo: &Demo, text: &str, name: &str) -> String {
    demo.edit(LAB_FILE, LAB_TITLE, &format!("title: {text}"));
    let source = std::fs::read_to_string(demo.root().join(LAB_FILE)).unwrap();
    place_of(&source, name, LAB_FILE)
}

/// `file:line:col` of the first `needle` in `text`, the column in characters.
fn place_of(text: &str, needle: &str, file: &str) -> String {
    let (index, line) = text
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains(needle))
        .unwrap_or_else(|| panic!("{file} has no {needle}"));
    let column = line[..line.find(needle).unwrap_or_default()]
        .chars()
        .count()
        + 1;
    format!("{file}:{}:{column}", index + 1)
}

/// Runs a public build over a copy of the shared public site and checks that
/// it failed with E081 at `place` and left that site exactly as it was.
fn assert_stopped_at(demo: &Demo, place: &str) -> String {
    let out = demo.dir().join("public");
    write_tree(&out, public_site());
    let run = demo.build(&out, "public", None);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let report = run
        .stderr
        .split("\n\n")
        .find(|block| block.contains("error[E081]"))
        .unwrap_or_else(|| panic!("no E081 in:\n{}", run.stderr));
    assert!(
        report.contains(&format!("--> {place}\n")),
        "E081 should point at {place}:\n{report}"
    );
    let changes = differences(public_site(), &read_tree(&out));
    assert!(
        changes.is_empty(),
        "the refused build changed the published site:\n{}",
        changes.join("\n")
    );
    assert_eq!(
        crate::support::entries(demo.dir()),
        ["program", "public"],
        "the refused build left something beside the site"
    );
    report.to_string()
}

#[test]
fn a_name_in_a_group_sessions_title_stops_the_build_at_that_title() {
    let learner = winter_learner(|l| !l.consented());
    let demo = Demo::new();
    let place = title_the_lab(
        &demo,
        &format!("Practice lab with {}", learner.name),
        &learner.name,
    );
    let report = assert_stopped_at(&demo, &place);
    assert!(
        report.contains(&format!("the name of learner `{}`", learner.id))
            && report.contains("published in calendar/index.html")
            && report.contains(&learner.file),
        "the report should say whose name it is, where it would appear and \
         where the learner is recorded:\n{report}"
    );
}

#[test]
fn an_address_in_a_module_stops_the_build_at_its_line() {
    let module = "content/paths/digital-teaching/accessible-materials.md";
    let address = "claire.dubois.teaching@gmail.com";
    let demo = Demo::new();
    let path = demo.root().join(module);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&format!("\nQuestions? Write to {address} any time.\n"));
    std::fs::write(&path, &text).unwrap();
    let report = assert_stopped_at(&demo, &place_of(&text, address, module));
    assert!(
        report.contains("published in paths/digital-teaching/accessible-materials/index.html"),
        "{report}"
    );
}

#[test]
fn the_demo_passes_the_privacy_guard() {
    // Both shared public builds fail unless the guard finds nothing: the
    // demo's free text names no one who did not agree, and each personal
    // page shows its own learner.
    assert!(public_site().contains_key("index.html"));
    assert!(secret_site().keys().any(|path| path.starts_with("p/")));
}

#[test]
fn consent_lets_a_name_through_where_it_was_given() {
    // A public profile publishes the name anywhere.
    let public = winter_learner(|l| l.public_profile);
    let demo = Demo::new();
    title_the_lab(
        &demo,
        &format!("Practice lab with {}", public.name),
        &public.name,
    );
    let out = demo.dir().join("public");
    let run = demo.build(&out, "public", None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let site = read_tree(&out);
    assert!(
        text(&site, "calendar/program.ics").contains(&public.name),
        "the feed should carry the consented title"
    );
    // Being listed in the cohort publishes it on the cohort's page only.
    let listed = winter_learner(|l| l.listed_in_cohort && !l.public_profile);
    let demo = Demo::new();
    let place = title_the_lab(
        &demo,
        &format!("Practice lab with {}", listed.name),
        &listed.name,
    );
    let report = assert_stopped_at(&demo, &place);
    assert!(
        !report.contains("cohorts/2026-winter-teaching/index.html"),
        "the cohort's page may show a listed learner:\n{report}"
    );
}

/// The counts of people a page shows, as its cells mark them: the counts
/// (`data-people`) and the counts of the groups they are part of that they
/// were held against (`data-within`).
fn counts_of_people(html: &str) -> Vec<(Vec<u32>, Vec<u32>)> {
    let numbers = |text: &str| -> Vec<u32> {
        text.split_whitespace()
            .map(|n| n.parse().unwrap_or_else(|e| panic!("`{n}` in {text}: {e}")))
            .collect()
    };
    html.split(" data-people=\"")
        .skip(1)
        .map(|rest| {
            let tag = rest.split('>').next().unwrap_or_default();
            let people = tag.split('"').next().unwrap_or_default();
            let within = tag
                .split(" data-within=\"")
                .nth(1)
                .and_then(|w| w.split('"').next())
                .unwrap_or_default();
            (numbers(people), numbers(within))
        })
        .collect()
}

/// Every count of people the site's pages show, and each one that breaks
/// the rule for `min`: a count of 1 to `min` − 1, or two counts, one part of
/// the other, that differ by that much. Besides what the cells say they
/// were held against, every count on a cohort's page is part of the cohort,
/// whose size the scan takes from the program itself.
fn small_numbers(site: &Files, min: u32) -> (usize, Vec<String>) {
    let mut sizes: std::collections::BTreeMap<&str, u32> = std::collections::BTreeMap::new();
    for l in &known().learners {
        *sizes.entry(l.cohort.as_str()).or_default() += 1;
    }
    let small = |n: u32| (1..min).contains(&n);
    let mut seen = 0;
    let mut breaches = Vec::new();
    for (path, html) in html_pages(site) {
        let cohort = path
            .strip_prefix("cohorts/")
            .and_then(|rest| rest.strip_suffix("/index.html"))
            .and_then(|c| sizes.get(c).copied());
        for (people, within) in counts_of_people(html) {
            for (i, &n) in people.iter().enumerate() {
                seen += 1;
                if small(n) {
                    breaches.push(format!("{path}: a count of {n}"));
                }
                for &other in people[i + 1..].iter().chain(&within).chain(&cohort) {
                    if small(n.abs_diff(other)) {
                        breaches.push(format!("{path}: {n} beside {other}"));
                    }
                }
            }
        }
    }
    (seen, breaches)
}

#[test]
fn no_public_page_counts_fewer_people_than_the_minimum() {
    let (seen, breaches) = small_numbers(public_site(), 5);
    assert!(breaches.is_empty(), "{}", breaches.join("\n"));
    assert!(seen >= 20, "the scan should see the demo's counts: {seen}");
    // The staff site marks the same counts and withholds none of them, so
    // the scan finds what it looks for there.
    let (_, staff) = small_numbers(staff_site(), 5);
    assert!(
        staff.iter().any(|b| b.contains("a count of"))
            && staff.iter().any(|b| b.contains("beside")),
        "the staff site shows small counts and small differences: {staff:?}"
    );
    for min in [3, 8] {
        let demo = Demo::new();
        demo.edit(
            "data/program.yaml",
            "min_group_size: 5",
            &format!("min_group_size: {min}"),
        );
        let out = demo.dir().join("public");
        let run = demo.build(&out, "public", None);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let site = read_tree(&out);
        let (seen, breaches) = small_numbers(&site, min);
        assert!(
            breaches.is_empty(),
            "with a minimum of {min}:\n{}",
            breaches.join("\n")
        );
        assert!(seen >= 10, "with a minimum of {min}, {seen} counts");
        let winter = text(&site, "cohorts/2026-winter-teaching/index.html");
        assert!(
            winter.contains(&format!("No count of 1 to {} people is published", min - 1)),
            "the page says what it withholds"
        );
    }
}
