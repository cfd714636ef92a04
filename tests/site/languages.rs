//! The site in the program's language: the shipped catalogs are complete,
//! the demo built in Spanish and in French prints none of the English
//! catalog's words, words placed into catalog text are escaped as before,
//! the demo in Arabic (with the browser tests' partial catalog) is right to
//! left, and one page and one charter per language are kept as reviewed
//! snapshots.

use std::collections::BTreeSet;

use fluent_syntax::ast;
use telemachy::load::theme::DEFAULT_CATALOGS;

use crate::snapshots::assert_page_of;
use crate::support::{Demo, Files, html_pages, read_tree, text};

fn catalog(language: &str) -> &'static str {
    DEFAULT_CATALOGS
        .iter()
        .find(|(l, _)| *l == language)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("no built-in catalog `{language}`"))
}

fn messages(text: &'static str) -> Vec<ast::Message<&'static str>> {
    let resource = fluent_syntax::parser::parse(text)
        .unwrap_or_else(|(_, errors)| panic!("the catalog does not parse: {errors:?}"));
    resource
        .body
        .into_iter()
        .filter_map(|entry| match entry {
            ast::Entry::Message(m) => Some(m),
            _ => None,
        })
        .collect()
}

fn keys(text: &'static str) -> BTreeSet<&'static str> {
    messages(text).iter().map(|m| m.id.name).collect()
}

#[test]
fn every_catalog_has_exactly_the_keys_english_has() {
    let english = keys(catalog("en"));
    for (language, text) in DEFAULT_CATALOGS {
        let own = keys(text);
        let missing: Vec<_> = english.difference(&own).collect();
        let extra: Vec<_> = own.difference(&english).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{language}.ftl lacks {missing:?} and has {extra:?}, which English does not"
        );
    }
}

/// The demo built for the staff (every page kind) with `language`.
fn demo_in(language: &str) -> Files {
    let demo = Demo::new();
    demo.edit(
        "data/program.yaml",
        "language: en",
        &format!("language: {language}"),
    );
    let out = demo.dir().join("public");
    let run = demo.build(&out, "staff", None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    read_tree(&out)
}

/// The English catalog's words as they would show on a page: each
/// message's text between placeables and tags, trimmed, with whether the
/// message is that text alone.
fn english_words() -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for message in messages(catalog("en")) {
        let Some(pattern) = &message.value else {
            continue;
        };
        let whole = pattern.elements.len() == 1;
        for element in &pattern.elements {
            let ast::PatternElement::TextElement { value } = element else {
                continue;
            };
            for piece in value.split(['<', '>']).filter(|p| !p.contains('=')) {
                let piece = piece.trim().trim_end_matches(['.', ':', ',']).trim();
                if piece.chars().any(char::is_alphabetic) {
                    out.push((piece.to_string(), whole && !value.contains('<')));
                }
            }
        }
    }
    out
}

/// Words the progress figures build in Rust (src/render/progress) that the
/// catalog also holds; they are not yet the catalog's.
const BUILT_IN_RUST: &[&str] = &["Learners", "Paused"];

/// A page without the Markdown bodies, which are the program's own
/// (English, in the demo) content.
fn theme_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<div class=\"prose\">") {
        out.push_str(&rest[..start]);
        let mut depth = 0;
        let mut at = start;
        loop {
            let open = rest[at + 1..].find("<div").map(|i| i + at + 1);
            let close = rest[at + 1..].find("</div>").map(|i| i + at + 1);
            match (open, close) {
                (Some(o), Some(c)) if o < c => {
                    depth += 1;
                    at = o;
                }
                (_, Some(c)) if depth > 0 => {
                    depth -= 1;
                    at = c;
                }
                (_, Some(c)) => {
                    at = c + "</div>".len();
                    break;
                }
                _ => {
                    at = rest.len();
                    break;
                }
            }
        }
        rest = &rest[at..];
    }
    out.push_str(rest);
    out
}

fn assert_no_english(language: &str) {
    let site = demo_in(language);
    let own = catalog(language);
    let mut found = Vec::new();
    for (words, whole) in english_words() {
        // Words the translation keeps (a proper noun, "Module", "Code")
        // are the translation's too.
        if own.contains(words.as_str()) || BUILT_IN_RUST.contains(&words.as_str()) {
            continue;
        }
        // A short message is looked for where a page prints one alone,
        // so that the demo's English content does not count; a longer
        // piece of text anywhere.
        let places: Vec<String> = if whole {
            vec![
                format!(">{words}<"),
                format!("\"{words}\""),
                format!("<title>{words} ·"),
            ]
        } else if words.chars().count() >= 20 {
            vec![words.clone()]
        } else {
            continue;
        };
        for (path, html) in html_pages(&site) {
            let html = theme_text(html);
            if let Some(place) = places.iter().find(|p| html.contains(p.as_str())) {
                found.push(format!("{path}: {place}"));
                break;
            }
        }
    }
    assert!(
        found.is_empty(),
        "the {language} demo still prints English from the catalog:\n{}",
        found.join("\n")
    );
    assert_page_of(&site, &format!("{language}-home"), "index.html");
    assert_page_of(
        &site,
        &format!("{language}-charter-samuel-osei-with-siobhan"),
        "charters/samuel-osei-with-siobhan/index.html",
    );
}

#[test]
fn the_demo_in_spanish_prints_no_english_from_the_catalog() {
    assert_no_english("es");
}

#[test]
fn the_demo_in_french_prints_no_english_from_the_catalog() {
    assert_no_english("fr");
}

#[test]
fn the_demo_in_arabic_is_right_to_left() {
    let demo = Demo::new();
    demo.edit("data/program.yaml", "language: en", "language: ar");
    // A program's own catalog for a language telemachy does not ship.
    let catalogs = demo.root().join("themes/default/i18n");
    std::fs::create_dir_all(&catalogs).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser/rtl/ar.ftl"),
        catalogs.join("ar.ftl"),
    )
    .unwrap();
    let out = demo.dir().join("public");
    let run = demo.build(&out, "staff", None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let site = read_tree(&out);
    for (path, html) in html_pages(&site) {
        assert!(
            html.contains("<html lang=\"ar\" dir=\"rtl\">"),
            "{path} is not right-to-left"
        );
    }
    // The pager's arrows point outwards, the way one reads.
    let module = text(&site, "paths/data-analysis/sql-joins/index.html");
    assert!(
        module.contains(">→ SQL basics</a>") && module.contains(">Cleaning real data ←</a>"),
        "the module pager's arrows point the English way"
    );
    assert_page_of(&site, "ar-home", "index.html");
    assert_page_of(
        &site,
        "ar-charter-samuel-osei-with-siobhan",
        "charters/samuel-osei-with-siobhan/index.html",
    );
}

#[test]
fn names_placed_into_catalog_text_are_escaped() {
    let demo = Demo::new();
    demo.edit(
        "data/learners/samuel-osei.yaml",
        "name: Samuel Osei",
        "name: \"Samuel <script>alert(1)</script> Osei\"",
    );
    let out = demo.dir().join("public");
    let run = demo.build(&out, "staff", None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let site = read_tree(&out);
    let charter = text(&site, "charters/samuel-osei-with-siobhan/index.html");
    assert!(
        charter.contains("Samuel &lt;script&gt;alert(1)&lt;/script&gt; Osei (learner)"),
        "the signature line does not escape the name"
    );
    assert!(
        !charter.contains("<script>alert"),
        "a name reached the page as HTML"
    );
    // No isolation marks around placed values.
    assert!(!charter.contains(['\u{2068}', '\u{2069}']));
}
