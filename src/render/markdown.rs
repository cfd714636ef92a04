//! Markdown bodies to HTML, read exactly as the checks read them.
//!
//! One pass over pulldown-cmark's events adjusts what the site needs and hands
//! the rest to [`pulldown_cmark::html::push_html`]: headings get the anchors
//! [`Outline::parse`](crate::derive::links::Outline::parse) computes (so every
//! link the checks accepted lands on a real id) and a link to themselves;
//! links between Markdown files become links between pages; fenced code with
//! a known language is highlighted at build time into CSS classes (see
//! [`highlight`](crate::derive::highlight)), so pages need no JavaScript. The same pass collects the plain text for search.

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};

use crate::derive::highlight::{Highlighter, Syntax};
use crate::derive::links::{
    Anchors, Footnotes, Resolution, Resolver, code_language as language, heading_anchor, options,
};
use crate::model::Program;
use crate::render::urls::Urls;
use crate::text::escape_html as escape;

/// A body as HTML, with its headings and its text for search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML of the body.
    pub html: String,
    /// Each heading as `(level, text, anchor)`, in document order.
    pub headings: Vec<(u8, String, String)>,
    /// The words of the body without markup, separated by single spaces.
    pub text: String,
}

/// Renders `body`, written in the file `source` (relative to the program
/// root), linking other documents of `program` at their `urls`.
pub fn render(
    body: &str,
    source: &Path,
    program: &Program,
    resolver: &Resolver,
    urls: &Urls,
    highlighter: &Highlighter,
) -> Rendered {
    let mut events: Vec<Event> = Vec::with_capacity(body.len() / 16);
    let mut headings = Vec::new();
    let (mut anchors, footnotes) = Anchors::for_body(body);
    // The footnotes cited so far: only the first citation gets the id the
    // note links back to.
    let mut cited = HashSet::new();
    let mut text = SearchText::with_capacity(body.len());
    // The heading being read: where its start event is, its text so far.
    let mut heading: Option<(usize, String)> = None;
    // The code block being highlighted: its syntax, info string, code so far.
    let mut code: Option<(Syntax, CowStr, String)> = None;
    // Where the table being read starts, to wrap it once its header is known.
    let mut table: Option<usize> = None;

    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                heading = Some((events.len(), String::new()));
                text.gap();
                events.push(event);
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, heading_text)) = heading.take()
                    && let Some(Event::Start(Tag::Heading { id, .. })) = events.get_mut(start)
                {
                    // Same rule as the checks: an explicit id, else the slug,
                    // both made unique in the order they appear.
                    let anchor = anchors.unique(match id.take() {
                        Some(id) => id.into_string(),
                        None => heading_anchor(&heading_text),
                    });
                    *id = Some(CowStr::from(anchor.clone()));
                    events.push(Event::Html(anchor_link(&anchor).into()));
                    headings.push((level as u8, heading_text, anchor));
                }
                text.gap();
                events.push(event);
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                text.gap();
                match highlighter.syntax(language(&info)) {
                    Some(syntax) => code = Some((syntax, info, String::new())),
                    // Plain `<pre><code>`, escaped by push_html.
                    None => events.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Indented))),
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                text.gap();
                match code.take() {
                    Some((syntax, info, listing)) => {
                        events.push(Event::Html(
                            code_block(highlighter, syntax, &info, &listing).into(),
                        ));
                    }
                    None => events.push(event),
                }
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                text.push(t);
                if let Some((_, heading_text)) = &mut heading {
                    heading_text.push_str(t);
                }
                match &mut code {
                    Some((_, _, listing)) => listing.push_str(t),
                    None => events.push(event),
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                text.gap();
                if let Some((_, heading_text)) = &mut heading {
                    heading_text.push(' ');
                }
                events.push(event);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = link_href(dest_url, link_type, source, program, resolver, urls);
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Table(_)) => {
                text.gap();
                table = Some(events.len());
                events.push(event);
            }
            Event::End(TagEnd::Table) => {
                text.gap();
                events.push(event);
                if let Some(start) = table.take() {
                    let open = table_scroll(&events[start..]);
                    events.insert(start, Event::Html(open.into()));
                    events.push(Event::Html("</div>\n".into()));
                }
            }
            Event::FootnoteReference(label) => {
                let html = footnote_reference(&footnotes, &label, &mut cited);
                events.push(Event::InlineHtml(html.into()));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                text.gap();
                events.push(Event::Html(footnote_start(&footnotes, &label).into()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                text.gap();
                events.push(Event::Html("</div>\n".into()));
            }
            Event::TaskListMarker(done) => {
                // A disabled checkbox has no label of its own: name its state
                // the way GitHub does, so a screen reader says more than
                // "checkbox".
                let (state, checked) = if done {
                    ("Completed task", " checked")
                } else {
                    ("Incomplete task", "")
                };
                events.push(Event::InlineHtml(
                    format!(r#"<input type="checkbox" disabled aria-label="{state}"{checked}> "#)
                        .into(),
                ));
            }
            Event::Start(ref tag) => {
                if !is_inline(tag.to_end()) {
                    text.gap();
                }
                events.push(event);
            }
            Event::End(tag) => {
                if !is_inline(tag) {
                    text.gap();
                }
                events.push(event);
            }
            Event::Rule => {
                text.gap();
                events.push(event);
            }
            _ => events.push(event),
        }
    }

    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Rendered {
        html,
        headings,
        text: text.text,
    }
}

/// A citation of a footnote: its number, linking to the note, with the id
/// the note links back to on the first citation.
fn footnote_reference(footnotes: &Footnotes, label: &str, cited: &mut HashSet<usize>) -> String {
    let Some(note) = footnotes.get(label) else {
        return String::new();
    };
    let id = match &note.reference {
        Some(reference) if cited.insert(note.number) => format!(" id=\"{reference}\""),
        _ => String::new(),
    };
    format!(
        "<sup class=\"footnote-reference\"{id}><a href=\"#{}\">{}</a></sup>",
        note.id, note.number
    )
}

/// The start of a note: its id, and its number linking back to where it
/// is first cited.
fn footnote_start(footnotes: &Footnotes, label: &str) -> String {
    let Some(note) = footnotes.get(label) else {
        return "<div class=\"footnote-definition\">".to_string();
    };
    let number = match &note.reference {
        Some(reference) => format!(
            "<a href=\"#{reference}\" aria-label=\"Back to the text of note {}\">{}</a>",
            note.number, note.number
        ),
        None => note.number.to_string(),
    };
    format!(
        "<div class=\"footnote-definition\" id=\"{}\"><sup class=\"footnote-definition-label\">{number}</sup>",
        note.id
    )
}

/// Where a link leads on the site: another document's page (with its
/// anchor) for an internal link; anything else as written, since a missing
/// document is already an error of the checks.
fn link_href<'a>(
    destination: CowStr<'a>,
    link_type: LinkType,
    source: &Path,
    program: &Program,
    resolver: &Resolver,
    urls: &Urls,
) -> CowStr<'a> {
    if destination.starts_with('#') || link_type == LinkType::Email {
        return destination;
    }
    let href = match resolver.resolve(source, &destination) {
        Resolution::Internal { target, anchor } => {
            let mut href = urls.href(&Urls::target(program, target));
            if let Some(anchor) = anchor {
                href.push('#');
                href.push_str(anchor);
            }
            href
        }
        Resolution::External | Resolution::Missing { .. } => return destination,
    };
    CowStr::from(href)
}

/// A highlighted code block, or the plain escaped code when the grammar fails.
fn code_block(highlighter: &Highlighter, syntax: Syntax, info: &str, code: &str) -> String {
    let mut html = String::with_capacity(code.len() * 4);
    html.push_str("<pre class=\"code\" data-lang=\"");
    escape(&mut html, language(info));
    html.push_str("\"><code>");
    match highlighter.highlight(syntax, code) {
        Some(spans) => html.push_str(&spans),
        None => escape(&mut html, code),
    }
    html.push_str("</code></pre>\n");
    html
}

/// The box a table scrolls in when it is wider than the screen. It takes
/// keyboard focus, so it can be scrolled without a mouse, and is named after
/// the table's column headings, since a Markdown table has no caption.
fn table_scroll(table: &[Event]) -> String {
    let mut columns: Vec<String> = Vec::new();
    let mut in_head = false;
    for event in table {
        match event {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => break,
            Event::Start(Tag::TableCell) if in_head => columns.push(String::new()),
            Event::Text(t) | Event::Code(t) if in_head => {
                if let Some(column) = columns.last_mut() {
                    column.push_str(t);
                }
            }
            _ => {}
        }
    }
    let mut html = String::from(
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table",
    );
    let named: Vec<&str> = columns
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if !named.is_empty() {
        html.push_str(": ");
        escape(&mut html, &named.join(", "));
    }
    html.push_str("\">\n");
    html
}

/// The link a heading carries to itself, for sharing a section.
fn anchor_link(anchor: &str) -> String {
    let mut html = String::with_capacity(anchor.len() + 72);
    html.push_str("<a class=\"anchor\" href=\"#");
    escape(&mut html, anchor);
    html.push_str("\" aria-label=\"Link to this section\">#</a>");
    html
}

/// Tags inside a line of text, whose edges do not separate words
/// (`**bo**ld` is one word).
fn is_inline(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Plain text built word by word: runs of whitespace, and the edges of
/// blocks, become one space.
struct SearchText {
    text: String,
    space: bool,
}

impl SearchText {
    fn with_capacity(capacity: usize) -> SearchText {
        SearchText {
            text: String::with_capacity(capacity),
            space: false,
        }
    }

    /// Words that follow are separate from those before.
    fn gap(&mut self) {
        self.space = true;
    }

    fn push(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.space = false;
                self.text.push(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::derive::links::Outline;
    use crate::testing::example_with;

    const SETUP: &str = "content/paths/getting-started/set-up-your-workspace.md";

    /// `body` rendered as if written in the example's first module, for a
    /// site published under `/mentoring/`.
    fn render_in_example(body: &str) -> Rendered {
        let program = example_with::<&str>(&[]);
        let resolver = Resolver::new(&program);
        let urls = Urls::new("https://example.org/mentoring/");
        render(
            body,
            Path::new(SETUP),
            &program,
            &resolver,
            &urls,
            &Highlighter::new(),
        )
    }

    /// `body` rendered outside any program, for what links do not matter to.
    fn render_alone(body: &str) -> Rendered {
        let program = example_with::<&str>(&[]);
        render(
            body,
            Path::new("content/pages/notes.md"),
            &program,
            &Resolver::new(&program),
            &Urls::new("https://example.org"),
            &Highlighter::new(),
        )
    }

    #[test]
    fn headings_carry_the_anchors_the_checks_accept() {
        let body = "# Notes\n\n## Notes\n\n## Common *stumbling* blocks {#pitfalls}\n\n\
                    ### `SELECT` first\n\nA heading on\ntwo lines\n---\n\n## Notes\n\n\
                    ## Équipe & café\n\n## Again {#pitfalls}\n";
        let rendered = render_alone(body);
        let expected: Vec<_> = Outline::parse(body, 1)
            .headings
            .into_iter()
            .map(|h| (h.level, h.text, h.anchor))
            .collect();
        assert_eq!(rendered.headings, expected);
        let anchors: Vec<&str> = rendered.headings.iter().map(|h| h.2.as_str()).collect();
        assert_eq!(
            anchors,
            [
                "notes",
                "notes-1",
                "pitfalls",
                "select-first",
                "a-heading-on-two-lines",
                "notes-2",
                "équipe--café",
                "pitfalls-1"
            ]
        );
        assert!(rendered.html.contains(
            "<h2 id=\"notes-1\">Notes<a class=\"anchor\" href=\"#notes-1\" \
             aria-label=\"Link to this section\">#</a></h2>"
        ));
        assert!(rendered.html.contains(
            "<h2 id=\"pitfalls\">Common <em>stumbling</em> blocks<a class=\"anchor\" \
             href=\"#pitfalls\""
        ));
    }

    #[test]
    fn links_between_files_become_links_between_pages() {
        let body = "Continue with [your first project](your-first-project.md#what-to-build), \
                    the [path](_index.md), [about us](../../pages/about.md), [finishing][f] \
                    and [why](#why-this-matters).\n\n[f]: your-first-project.md#finishing\n";
        let html = render_in_example(body).html;
        for href in [
            "/mentoring/paths/getting-started/your-first-project/#what-to-build",
            "/mentoring/paths/getting-started/",
            "/mentoring/pages/about/",
            "/mentoring/paths/getting-started/your-first-project/#finishing",
            "#why-this-matters",
        ] {
            assert!(
                html.contains(&format!("href=\"{href}\"")),
                "{href} in {html}"
            );
        }
        assert!(!html.contains(".md"), "{html}");
    }

    #[test]
    fn other_links_are_left_as_written() {
        let body = "[SQL docs](https://example.org/sql.md), [a slide deck](slides/intro.pdf), \
                    [mail](mailto:mentors@example.org), <team@example.org>, \
                    [site page](/calendar/) and [gone](no-such-module.md#x).\n";
        let html = render_in_example(body).html;
        for href in [
            "https://example.org/sql.md",
            "slides/intro.pdf",
            "mailto:mentors@example.org",
            "mailto:team@example.org",
            "/calendar/",
            "no-such-module.md#x",
        ] {
            assert!(
                html.contains(&format!("href=\"{href}\"")),
                "{href} in {html}"
            );
        }
    }

    #[test]
    fn code_with_a_known_language_is_highlighted_with_classes() {
        let body = "```sql\nSELECT name FROM learners WHERE weeks < 12 AND goal = 'a&b';\n```\n";
        let html = render_alone(body).html;
        assert!(
            html.starts_with("<pre class=\"code\" data-lang=\"sql\"><code><span class=\"hl-"),
            "{html}"
        );
        assert!(html.contains("<span class=\"hl-keyword"), "{html}");
        assert!(html.contains("&lt;"), "{html}");
        assert!(html.contains("a&amp;b"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.ends_with("</code></pre>\n"), "{html}");
    }

    #[test]
    fn script_in_code_is_shown_not_run() {
        for fence in ["```html", "```no-such-language", "```"] {
            let body = format!("{fence}\n<script>alert(\"hi\")</script>\n```\n");
            let html = render_alone(&body).html;
            assert!(!html.contains("<script"), "{html}");
            assert!(html.contains("&lt;"), "{html}");
        }
        let plain = render_alone("```no-such-language\n<b>x</b>\n```\n").html;
        assert_eq!(plain, "<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>\n");
    }

    #[test]
    fn tables_footnotes_strikethrough_tasks_and_html_are_kept() {
        let body = "| Week | Focus |\n|---|:---:|\n| 1 | Setup |\n\n\
                    Done ~~late~~ on time.[^1]\n\n[^1]: Mostly.\n\n\
                    - [x] Charter agreed\n- [ ] Midpoint\n\n\
                    <div class=\"callout\">Ask your mentor.</div>\n";
        let html = render_alone(body).html;
        for part in [
            "<table>",
            "<th style=\"text-align: center\">Focus</th>",
            "<del>late</del>",
            "<sup class=\"footnote-reference\" id=\"fnref-1\"><a href=\"#fn-1\">1</a></sup>",
            "<div class=\"footnote-definition\" id=\"fn-1\"><sup class=\"footnote-definition-label\">\
             <a href=\"#fnref-1\" aria-label=\"Back to the text of note 1\">1</a></sup>",
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" \
             aria-label=\"Table: Week, Focus\">\n<table>",
            "</table>\n</div>",
            "<li><input type=\"checkbox\" disabled aria-label=\"Completed task\" checked> \
             Charter agreed</li>",
            "<li><input type=\"checkbox\" disabled aria-label=\"Incomplete task\"> Midpoint</li>",
            "<div class=\"callout\">Ask your mentor.</div>",
        ] {
            assert!(html.contains(part), "{part} in {html}");
        }
    }

    /// Every `id="…"` of some HTML, in order.
    fn ids(html: &str) -> Vec<&str> {
        html.split(" id=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect()
    }

    #[test]
    fn a_footnote_named_like_a_heading_has_an_id_of_its_own() {
        let body = "See the labels[^labels] and [the heading](#labels); the note \
                    again[^Labels].\n\n## Labels\n\nText.\n\n## Fn labels\n\n\
                    [^labels]: Labels are case-insensitive.\n";
        let html = render_alone(body).html;
        let ids = ids(&html);
        assert_eq!(
            ids,
            ["fnref-labels", "labels", "fn-labels-1", "fn-labels"],
            "{html}"
        );
        assert!(
            html.contains("<a href=\"#labels\">the heading</a>"),
            "{html}"
        );
        assert!(
            html.contains("again<sup class=\"footnote-reference\"><a href=\"#fn-labels\">1</a>"),
            "{html}"
        );
        // The checks read the same anchors, the footnotes' included.
        let outline = Outline::parse(body, 1);
        assert!(outline.has_anchor("labels") && outline.has_anchor("fn-labels"));
        assert!(!outline.has_anchor("fn-labels-2"));
    }

    #[test]
    fn a_heading_written_with_a_footnotes_id_gives_way() {
        let body = "Text[^a].\n\n## A {#fn-a}\n\n[^a]: Note.\n";
        assert_eq!(ids(&render_alone(body).html), ["fnref-a", "fn-a-1", "fn-a"]);
    }

    #[test]
    fn search_text_is_the_words_without_markup() {
        let body = "## Why *this* matters\n\nKeep **bo**ld [history](your-first-project.md)\n\
                    across   lines.\n\n| a | b |\n|---|---|\n| `x<y` | ![chart](c.png) |\n\n\
                    - one\n  - two\n\n<div class=\"tip\">\n\n```sql\nSELECT 1;\n```\n\n</div>\n";
        let rendered = render_in_example(body);
        assert_eq!(
            rendered.text,
            "Why this matters Keep bold history across lines. a b x<y chart one two SELECT 1;"
        );
    }

    #[test]
    fn one_highlighter_serves_every_thread() {
        fn shared<T: Send + Sync>() {}
        shared::<Highlighter>();
    }

    /// Prints how long loading the syntaxes and rendering a module take; run
    /// with `cargo test --release -- --ignored --nocapture render_timing`.
    #[test]
    #[ignore]
    fn render_timing() {
        let paragraph = "A mentor and a learner agree what the week is for, then meet, \
                         talk through what was hard and write down one next step. "
            .repeat(5);
        let mut body = String::new();
        for section in 0..10 {
            body.push_str(&format!("## Section {section}\n\n{paragraph}\n\n"));
        }
        body.push_str("| Week | Focus |\n|---|---|\n| 1 | Setup |\n| 2 | Project |\n\n");
        let plain = format!("{body}```\nSELECT name FROM learners;\n```\n");
        let highlighted = format!("{body}```sql\nSELECT name FROM learners;\n```\n");
        println!("{} words", plain.split_whitespace().count());

        let program = example_with::<&str>(&[]);
        let resolver = Resolver::new(&program);
        let urls = Urls::new("https://example.org/");
        let highlighter = Highlighter::new();
        let time = |label: &str, body: &str, runs: u32| {
            let start = Instant::now();
            for _ in 0..runs {
                render(
                    body,
                    Path::new(SETUP),
                    &program,
                    &resolver,
                    &urls,
                    &highlighter,
                );
            }
            println!("{label}: {:?}", start.elapsed() / runs);
        };
        time("render without highlighting", &plain, 1000);
        time(
            "first highlighted render (compiles the grammar)",
            &highlighted,
            1,
        );
        time("highlighted render", &highlighted, 1000);
    }
}
