use super::*;
use crate::testing::example_with;

#[test]
fn anchors_follow_github() {
    assert_eq!(heading_anchor("Why this matters"), "why-this-matters");
    assert_eq!(heading_anchor("SQL: the basics!"), "sql-the-basics");
    assert_eq!(heading_anchor("Step 1 - set_up"), "step-1---set_up");
    assert_eq!(heading_anchor("Équipe & café"), "équipe--café");
}

#[test]
fn repeated_headings_get_numbered_anchors() {
    let outline = Outline::parse("## Notes\n\n## Notes\n\n## Notes\n", 5);
    let anchors: Vec<&str> = outline.headings.iter().map(|h| h.anchor.as_str()).collect();
    assert_eq!(anchors, ["notes", "notes-1", "notes-2"]);
}

#[test]
fn a_numbered_anchor_already_taken_is_skipped() {
    let outline = Outline::parse(
        "## Notes\n\n## Later {#notes-1}\n\n## Notes\n\n## Notes\n\n## Notes 1\n",
        1,
    );
    let anchors: Vec<&str> = outline.headings.iter().map(|h| h.anchor.as_str()).collect();
    assert_eq!(
        anchors,
        ["notes", "notes-1", "notes-2", "notes-3", "notes-1-1"]
    );
}

#[test]
fn code_blocks_with_a_language_are_measured_at_their_fence() {
    let body = "Intro.\n\n```rust title=\"x\"\nfn f() { g([1, (2)]) }\n```\n\n```\nplain\n```\n\n> ```json\n> [[]]\n> ```\n";
    let outline = Outline::parse(body, 10);
    let blocks: Vec<_> = outline
        .code_blocks
        .iter()
        .map(|b| (b.language.as_str(), b.line, b.column, b.bytes, b.depth))
        .collect();
    assert_eq!(
        blocks,
        [("rust", 12, 1, 23, 4), ("json", 20, 3, 5, 2)],
        "the plain block has no language and is not listed"
    );
    assert_eq!(nesting(")) (( ] ["), 2, "a closer never goes below zero");
}

#[test]
fn an_explicit_id_wins_over_the_text() {
    let outline = Outline::parse(
        "## Common *stumbling* blocks {#pitfalls}\n\n## `SELECT` first\n",
        1,
    );
    assert_eq!(outline.headings[0].anchor, "pitfalls");
    assert_eq!(outline.headings[0].text, "Common stumbling blocks");
    assert_eq!(outline.headings[1].anchor, "select-first");
    assert_eq!(outline.headings[1].level, 2);
}

#[test]
fn links_are_located_in_the_file_not_the_body() {
    let body = "# Title\n\nRead [the basics](sql-basics.md#joins) first.\n";
    let outline = Outline::parse(body, 20);
    assert_eq!(
        outline.links,
        [Link {
            destination: "sql-basics.md#joins".into(),
            line: 22,
            column: 19,
            len: 19,
        }]
    );
}

#[test]
fn columns_count_characters() {
    let outline = Outline::parse("Café — [é](x.md)\n", 1);
    assert_eq!((outline.links[0].line, outline.links[0].column), (1, 12));
}

#[test]
fn reference_links_point_at_their_definition() {
    let body = "See [joins][j].\n\n[j]: sql-joins.md\n";
    let outline = Outline::parse(body, 10);
    let link = &outline.links[0];
    assert_eq!((link.line, link.column, link.len), (12, 6, 12));
}

#[test]
fn images_are_not_links() {
    assert!(Outline::parse("![chart](chart.md)\n", 1).links.is_empty());
}

/// Each hazard of a body as `(line, column, text there)`, with its kind.
fn hazards(body: &str) -> Vec<(HazardKind, u32, u32, String)> {
    let outline = Outline::parse(body, 1);
    let lines: Vec<&str> = body.lines().collect();
    outline
        .hazards
        .into_iter()
        .map(|h| {
            let text: String = lines[h.line as usize - 1]
                .chars()
                .skip(h.column as usize - 1)
                .take(h.len as usize)
                .collect();
            (h.kind, h.line, h.column, text)
        })
        .collect()
}

fn target(what: &'static str, scheme: &'static str) -> HazardKind {
    HazardKind::ScriptTarget { what, scheme }
}

#[test]
fn script_targets_of_links_images_definitions_and_autolinks_are_located() {
    let body = "# Title\n\n[run](javascript:alert(1)) and ![img]( DATA:image/png;base64,AA)\n\
                    <VBScript:msgbox> then [ref][r] and [ok](https://example.org/)\n\n\
                    [r]: <JaVaScRiPt:alert(2)>\n\n[tab](java&#x09;script:alert(3))\n";
    assert_eq!(
        hazards(body),
        [
            (
                target("link", "javascript"),
                3,
                7,
                "javascript:alert(1)".into()
            ),
            (
                target("image", "data"),
                3,
                40,
                "DATA:image/png;base64,AA".into()
            ),
            (
                target("autolink", "vbscript"),
                4,
                2,
                "VBScript:msgbox".into()
            ),
            (
                target("reference definition", "javascript"),
                6,
                7,
                "JaVaScRiPt:alert(2)".into()
            ),
            (
                target("link", "javascript"),
                8,
                1,
                "[tab](java&#x09;script:alert(3))".into()
            ),
        ]
    );
}

#[test]
fn raw_html_is_read_whole_and_located_in_the_file() {
    let body = "Text <a href=\"javascript:go()\">inline</a>.\n\n\
                    <div>\n<a\n   href=\"java&#x09;script:x\">split</a>\n<p onclick=\"x()\">p</p>\n</div>\n\n\
                    > <script>alert(1)</script>\n\n\
                    ```html\n<script>shown, not run</script>\n```\n";
    assert_eq!(
        hazards(body),
        [
            (
                HazardKind::Html(Active::ScriptUrl {
                    attribute: "href".into(),
                    scheme: "javascript"
                }),
                1,
                15,
                "javascript:go()".into()
            ),
            (
                HazardKind::Html(Active::ScriptUrl {
                    attribute: "href".into(),
                    scheme: "javascript"
                }),
                5,
                10,
                "java&#x09;script:x".into()
            ),
            (
                HazardKind::Html(Active::Handler("onclick".into())),
                6,
                4,
                "onclick".into()
            ),
            (
                HazardKind::Html(Active::Element("script")),
                9,
                3,
                "<script".into()
            ),
        ]
    );
}

#[test]
fn joins_and_relative_links() {
    let from = "content/paths/data-analysis/sql-joins.md";
    assert_eq!(
        join(from, "../digital-teaching/./accessible-materials.md"),
        "content/paths/digital-teaching/accessible-materials.md"
    );
    assert_eq!(join("content/pages/a.md", "../../../x.md"), "../x.md");
    assert_eq!(
        relative_link(
            from,
            "content/paths/digital-teaching/accessible-materials.md"
        ),
        "../digital-teaching/accessible-materials.md"
    );
    assert_eq!(
        relative_link(from, "content/paths/data-analysis/sql-basics.md"),
        "sql-basics.md"
    );
}

#[test]
fn internal_links_resolve_to_documents() {
    let program = example_with::<&str>(&[]);
    let resolver = Resolver::new(&program);
    let from = Path::new("content/paths/getting-started/set-up-your-workspace.md");
    let module = |key: &str| {
        program
            .modules_with_ids()
            .find(|(_, m)| m.key == key)
            .map(|(id, _)| Target::Module(id))
    };
    let internal = |destination| match resolver.resolve(from, destination) {
        Resolution::Internal { target, anchor } => Some((target, anchor)),
        _ => None,
    };
    assert_eq!(
        internal("your-first-project.md#finishing"),
        module("your-first-project").map(|t| (t, Some("finishing")))
    );
    assert_eq!(
        internal("#why-this-matters"),
        module("set-up-your-workspace").map(|t| (t, Some("why-this-matters")))
    );
    let path = program
        .paths_with_ids()
        .find(|(_, p)| p.key == "getting-started");
    assert_eq!(
        internal("_index.md"),
        path.map(|(id, _)| (Target::Path(id), None))
    );
    let page = program.pages_with_ids().find(|(_, p)| p.key == "about");
    assert_eq!(
        internal("../../pages/about.md"),
        page.map(|(id, _)| (Target::Page(id), None))
    );
    assert_eq!(
        resolver.resolve(from, "your-frist-project.md"),
        Resolution::Missing {
            file: "content/paths/getting-started/your-frist-project.md".into()
        }
    );
    for destination in [
        "https://example.org/a.md",
        "mailto:someone@example.org",
        "//cdn.example.org/x.md",
        "/about.md",
        "notes.pdf",
        "",
    ] {
        assert_eq!(resolver.resolve(from, destination), Resolution::External);
    }
}
