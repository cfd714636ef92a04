//! Syntax highlighting of fenced code at build time, into CSS classes.
//!
//! The languages curricula use most are parsed with tree-sitter grammars:
//! a real parser in C, several times faster than syntect's regular
//! expressions (on 1,000 modules with a 12–30 line block each, 0.6 s of
//! CPU against 1.6 s with Oniguruma), and it reads the code as a compiler
//! would, not line by line. Every other language syntect knows is still
//! highlighted by syntect. Both write the same five classes the theme
//! colours (`hl-comment`, `hl-keyword`, `hl-string`, `hl-constant`,
//! `hl-entity`; syntect adds finer ones beside them), so a theme styles one
//! vocabulary.
//!
//! Grammars and syntaxes are loaded on first use, so a site without code
//! never pays for them; one [`Highlighter`] serves every thread.
//!
//! Both highlighters slow down far more than linearly on some inputs:
//! tree-sitter past tens of thousands of nested brackets (a minute for
//! 100,000 in Rust), syntect on deep nesting in some syntaxes (C#). A block
//! over the [`Overrun`] budget is shown plain instead, and the checks say
//! so (W048). The budget is in bytes and nesting, not time, so a build
//! shows the same page on every machine.

use std::cell::RefCell;
use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;
use tree_sitter_highlight::{HighlightConfiguration, HighlightEvent};
use tree_sitter_language::LanguageFn;

use super::links::nesting;

/// A language parsed with tree-sitter.
struct Grammar {
    /// Its name, as other grammars' injections call it.
    name: &'static str,
    /// Fence tokens that select it, lowercase.
    tokens: &'static [&'static str],
    language: LanguageFn,
    /// Highlight queries, joined in order (TypeScript's extend JavaScript's).
    highlights: &'static [&'static str],
    injections: &'static str,
}

/// Every tree-sitter grammar, with the tokens GitHub and Linguist use.
const GRAMMARS: &[Grammar] = &[
    Grammar {
        name: "bash",
        tokens: &["bash", "sh", "shell", "zsh", "console", "shell-script"],
        language: tree_sitter_bash::LANGUAGE,
        highlights: &[tree_sitter_bash::HIGHLIGHT_QUERY],
        injections: "",
    },
    Grammar {
        name: "c",
        tokens: &["c", "h"],
        language: tree_sitter_c::LANGUAGE,
        highlights: &[tree_sitter_c::HIGHLIGHT_QUERY],
        injections: "",
    },
    Grammar {
        name: "css",
        tokens: &["css"],
        language: tree_sitter_css::LANGUAGE,
        highlights: &[tree_sitter_css::HIGHLIGHTS_QUERY],
        injections: "",
    },
    Grammar {
        name: "go",
        tokens: &["go", "golang"],
        language: tree_sitter_go::LANGUAGE,
        highlights: &[tree_sitter_go::HIGHLIGHTS_QUERY],
        injections: "",
    },
    Grammar {
        name: "html",
        tokens: &["html", "htm", "xhtml"],
        language: tree_sitter_html::LANGUAGE,
        highlights: &[tree_sitter_html::HIGHLIGHTS_QUERY],
        injections: tree_sitter_html::INJECTIONS_QUERY,
    },
    Grammar {
        name: "java",
        tokens: &["java"],
        language: tree_sitter_java::LANGUAGE,
        highlights: &[tree_sitter_java::HIGHLIGHTS_QUERY],
        injections: "",
    },
    Grammar {
        name: "javascript",
        tokens: &["javascript", "js", "jsx", "mjs", "cjs", "node"],
        language: tree_sitter_javascript::LANGUAGE,
        highlights: &[
            tree_sitter_javascript::HIGHLIGHT_QUERY,
            tree_sitter_javascript::JSX_HIGHLIGHT_QUERY,
        ],
        injections: "",
    },
    Grammar {
        name: "json",
        tokens: &["json", "jsonc", "geojson"],
        language: tree_sitter_json::LANGUAGE,
        highlights: &[tree_sitter_json::HIGHLIGHTS_QUERY],
        injections: "",
    },
    Grammar {
        name: "python",
        tokens: &["python", "py", "python3", "py3"],
        language: tree_sitter_python::LANGUAGE,
        highlights: &[tree_sitter_python::HIGHLIGHTS_QUERY],
        injections: "",
    },
    Grammar {
        name: "rust",
        tokens: &["rust", "rs"],
        language: tree_sitter_rust::LANGUAGE,
        highlights: &[tree_sitter_rust::HIGHLIGHTS_QUERY],
        injections: "",
    },
    Grammar {
        name: "sql",
        tokens: &["sql", "postgresql", "postgres", "psql", "mysql", "sqlite"],
        language: tree_sitter_sequel::LANGUAGE,
        highlights: &[tree_sitter_sequel::HIGHLIGHTS_QUERY],
        injections: "",
    },
    Grammar {
        name: "toml",
        tokens: &["toml"],
        language: tree_sitter_toml_ng::LANGUAGE,
        highlights: &[tree_sitter_toml_ng::HIGHLIGHTS_QUERY],
        injections: "",
    },
    Grammar {
        name: "typescript",
        tokens: &["typescript", "ts", "mts", "cts"],
        language: tree_sitter_typescript::LANGUAGE_TYPESCRIPT,
        highlights: &[
            tree_sitter_typescript::HIGHLIGHTS_QUERY,
            tree_sitter_javascript::HIGHLIGHT_QUERY,
        ],
        injections: "",
    },
    Grammar {
        name: "tsx",
        tokens: &["tsx"],
        language: tree_sitter_typescript::LANGUAGE_TSX,
        highlights: &[
            tree_sitter_typescript::HIGHLIGHTS_QUERY,
            tree_sitter_javascript::JSX_HIGHLIGHT_QUERY,
            tree_sitter_javascript::HIGHLIGHT_QUERY,
        ],
        injections: "",
    },
    Grammar {
        name: "yaml",
        tokens: &["yaml", "yml"],
        language: tree_sitter_yaml::LANGUAGE,
        highlights: &[tree_sitter_yaml::HIGHLIGHTS_QUERY],
        injections: "",
    },
];

/// The captures of the grammars' queries that get a class, and the class.
/// A capture not listed (variables, operators, punctuation) stays plain:
/// colouring everything would colour nothing.
const CLASSES: &[(&str, &str)] = &[
    ("comment", "hl-comment"),
    ("keyword", "hl-keyword"),
    ("conditional", "hl-keyword"),
    ("repeat", "hl-keyword"),
    ("storageclass", "hl-keyword"),
    ("variable.builtin", "hl-keyword"),
    ("string", "hl-string"),
    ("escape", "hl-string"),
    ("character", "hl-string"),
    ("number", "hl-constant"),
    ("float", "hl-constant"),
    ("boolean", "hl-constant"),
    ("constant", "hl-constant"),
    ("function", "hl-entity"),
    ("constructor", "hl-entity"),
    ("type", "hl-entity"),
    ("tag", "hl-entity"),
    ("attribute", "hl-entity"),
    ("property", "hl-entity"),
    ("label", "hl-entity"),
    ("namespace", "hl-entity"),
];

/// Why a code block is too big to highlight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overrun {
    /// Its code has this many bytes, over [`Overrun::BYTES`].
    Bytes(usize),
    /// Its brackets nest this deep, over [`Overrun::DEPTH`].
    Depth(usize),
}

impl Overrun {
    /// The most bytes of code a block may have to be highlighted: ten
    /// times a long listing.
    pub const BYTES: usize = 64 * 1024;
    /// The deepest its brackets may nest ([`nesting`]): far beyond any
    /// program, while the slowest syntax still takes milliseconds.
    pub const DEPTH: usize = 256;

    /// How a block of `bytes` bytes nesting `depth` deep is over budget,
    /// if it is.
    pub fn of(bytes: usize, depth: usize) -> Option<Overrun> {
        if bytes > Overrun::BYTES {
            Some(Overrun::Bytes(bytes))
        } else if depth > Overrun::DEPTH {
            Some(Overrun::Depth(depth))
        } else {
            None
        }
    }
}

impl std::fmt::Display for Overrun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Overrun::Bytes(bytes) => write!(
                f,
                "its {} KiB are over the highlighter's budget of {} KiB",
                bytes.div_ceil(1024),
                Overrun::BYTES / 1024
            ),
            Overrun::Depth(depth) => write!(
                f,
                "its brackets nest {depth} deep, over the highlighter's budget of {}",
                Overrun::DEPTH
            ),
        }
    }
}

/// The grammar or syntax chosen for a code block.
#[derive(Clone, Copy)]
pub enum Syntax<'a> {
    /// One of `GRAMMARS`, by index.
    Parsed(usize),
    /// A syntect syntax.
    Matched(&'a SyntaxReference),
}

impl std::fmt::Debug for Syntax<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Syntax::Parsed(index) => write!(f, "Parsed({})", GRAMMARS[*index].name),
            Syntax::Matched(syntax) => write!(f, "Matched({})", syntax.name),
        }
    }
}

/// Syntax highlighting for fenced code, shared by every page of a build.
#[derive(Default)]
pub struct Highlighter {
    /// Each grammar's compiled queries, or `None` when they do not compile.
    configurations: [OnceLock<Option<HighlightConfiguration>>; GRAMMARS.len()],
    syntaxes: OnceLock<SyntaxSet>,
}

impl std::fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Highlighter").finish_non_exhaustive()
    }
}

thread_local! {
    /// tree-sitter's highlighter holds a parser, which one thread at a time may use.
    static PARSER: RefCell<tree_sitter_highlight::Highlighter> =
        RefCell::new(tree_sitter_highlight::Highlighter::new());
}

impl Highlighter {
    /// A highlighter that loads grammars and syntaxes when first asked.
    pub fn new() -> Highlighter {
        Highlighter::default()
    }

    /// The syntax for a code block's language token (`sql`, `Python`, `rs`),
    /// if any highlighter knows it.
    pub fn syntax(&self, token: &str) -> Option<Syntax<'_>> {
        if token.is_empty() {
            return None;
        }
        let lower = token.to_ascii_lowercase();
        if let Some(index) = GRAMMARS
            .iter()
            .position(|g| g.tokens.contains(&lower.as_str()))
        {
            return Some(Syntax::Parsed(index));
        }
        self.syntaxes()
            .find_syntax_by_token(token)
            .map(Syntax::Matched)
    }

    /// `code` as HTML with `hl-` classes, or `None` when it is over the
    /// budget or the grammar fails on it (the caller then shows it plain).
    pub fn highlight(&self, syntax: Syntax<'_>, code: &str) -> Option<String> {
        if Overrun::of(code.len(), nesting(code)).is_some() {
            return None;
        }
        match syntax {
            Syntax::Parsed(index) => self.parse(index, code),
            Syntax::Matched(syntax) => self.match_lines(syntax, code),
        }
    }

    fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines)
    }

    fn configuration(&self, index: usize) -> Option<&HighlightConfiguration> {
        self.configurations[index]
            .get_or_init(|| {
                let grammar = &GRAMMARS[index];
                let mut configuration = HighlightConfiguration::new(
                    grammar.language.into(),
                    grammar.name,
                    &without_spell_captures(&grammar.highlights.concat()),
                    grammar.injections,
                    "",
                )
                .ok()?;
                let names: Vec<&str> = CLASSES.iter().map(|(capture, _)| *capture).collect();
                configuration.configure(&names);
                Some(configuration)
            })
            .as_ref()
    }

    fn parse(&self, index: usize, code: &str) -> Option<String> {
        let configuration = self.configuration(index)?;
        let mut html = String::with_capacity(code.len() * 2);
        PARSER.with_borrow_mut(|parser| {
            let events = parser
                .highlight(configuration, code.as_bytes(), None, None, |name| {
                    let index = GRAMMARS.iter().position(|g| g.name == name)?;
                    self.configuration(index)
                })
                .ok()?;
            for event in events {
                match event.ok()? {
                    HighlightEvent::HighlightStart(highlight) => {
                        html.push_str("<span class=\"");
                        html.push_str(CLASSES[highlight.0].1);
                        html.push_str("\">");
                    }
                    HighlightEvent::Source { start, end } => {
                        crate::text::escape_html(&mut html, code.get(start..end)?);
                    }
                    HighlightEvent::HighlightEnd => html.push_str("</span>"),
                }
            }
            Some(html)
        })
    }

    fn match_lines(&self, syntax: &SyntaxReference, code: &str) -> Option<String> {
        let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, self.syntaxes(), style);
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .ok()?;
        }
        Some(generator.finalize())
    }
}

/// `query` without Neovim's `@spell` and `@nospell` captures. They mark
/// where a spell checker should look, but tree-sitter-highlight gives a node
/// the last capture a pattern puts on it, so `(comment) @comment @spell`
/// would leave every comment plain.
fn without_spell_captures(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    let mut rest = query;
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        let name_len = rest[at + 1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-'))
            .unwrap_or(rest.len() - at - 1);
        let capture = &rest[at..at + 1 + name_len];
        if capture != "@spell" && capture != "@nospell" {
            out.push_str(capture);
        }
        rest = &rest[at + 1 + name_len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn highlighted(token: &str, code: &str) -> String {
        let highlighter = Highlighter::new();
        let syntax = highlighter
            .syntax(token)
            .unwrap_or_else(|| panic!("no syntax for {token}"));
        highlighter
            .highlight(syntax, code)
            .unwrap_or_else(|| panic!("{token} failed on {code}"))
    }

    /// The text of the HTML, entities decoded back.
    fn text_of(html: &str) -> String {
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn every_grammar_compiles_and_highlights_keywords_strings_and_comments() {
        let samples: &[(&str, &str)] = &[
            ("bash", "# note\nif [ -n \"$x\" ]; then echo 'hi'; fi\n"),
            (
                "c",
                "/* note */\nint main(void) { return printf(\"hi\"); }\n",
            ),
            (
                "css",
                "/* note */\n.card { color: red; content: \"hi\"; }\n",
            ),
            ("go", "// note\nfunc main() { return \"hi\" }\n"),
            ("html", "<!-- note -->\n<p class=\"hi\">x</p>\n"),
            ("java", "// note\nclass A { String s = \"hi\"; }\n"),
            ("javascript", "// note\nconst s = 'hi';\n"),
            ("json", "{\"note\": \"hi\", \"n\": 1}\n"),
            ("python", "# note\ndef f():\n    return 'hi'\n"),
            ("rust", "// note\nfn main() { let s = \"hi\"; }\n"),
            (
                "sql",
                "-- note\nSELECT name FROM learners WHERE goal = 'hi';\n",
            ),
            ("toml", "# note\ntitle = \"hi\"\n"),
            ("typescript", "// note\nconst s: string = 'hi';\n"),
            ("tsx", "// note\nconst e = <p>{'hi'}</p>;\n"),
            ("yaml", "# note\ntitle: \"hi\"\n"),
        ];
        assert_eq!(samples.len(), GRAMMARS.len(), "a sample per grammar");
        for (token, code) in samples {
            let html = highlighted(token, code);
            assert_eq!(text_of(&html), *code, "{token} keeps the code: {html}");
            assert!(
                html.contains("<span class=\"hl-string\">"),
                "{token}: {html}"
            );
            if *token != "json" {
                assert!(
                    html.contains("<span class=\"hl-comment\">"),
                    "{token}: {html}"
                );
            }
        }
    }

    #[test]
    fn tokens_are_matched_without_regard_to_case() {
        let highlighter = Highlighter::new();
        for token in ["SQL", "Python", "rs", "yml", "JS"] {
            assert!(
                matches!(highlighter.syntax(token), Some(Syntax::Parsed(_))),
                "{token}"
            );
        }
    }

    #[test]
    fn other_languages_fall_back_to_syntect() {
        let html = highlighted("php", "<?php echo 'hi'; // note\n");
        assert!(html.contains("hl-comment"), "{html}");
        assert!(html.contains("hl-string"), "{html}");
        assert!(Highlighter::new().syntax("no-such-language").is_none());
    }

    #[test]
    fn script_inside_html_is_highlighted_as_javascript_and_escaped() {
        let html = highlighted("html", "<script>const s = '</b>';</script>\n");
        assert!(
            html.contains("<span class=\"hl-keyword\">const</span>"),
            "{html}"
        );
        assert!(!html.contains("</b>"), "{html}");
    }

    #[test]
    fn spell_captures_do_not_hide_the_highlight_before_them() {
        assert_eq!(
            without_spell_captures("(comment) @comment @spell\n(x) @nospell @type.builtin"),
            "(comment) @comment \n(x)  @type.builtin"
        );
        let html = highlighted("sql", "-- note\nSELECT 1;\n");
        assert!(
            html.starts_with("<span class=\"hl-comment\">-- note"),
            "{html}"
        );
    }

    #[test]
    fn code_over_the_budget_is_left_to_be_shown_plain() {
        assert_eq!(Overrun::of(Overrun::BYTES, Overrun::DEPTH), None);
        assert_eq!(
            Overrun::of(Overrun::BYTES + 1, 0),
            Some(Overrun::Bytes(Overrun::BYTES + 1))
        );
        assert_eq!(
            Overrun::of(10, Overrun::DEPTH + 1),
            Some(Overrun::Depth(Overrun::DEPTH + 1))
        );
        let highlighter = Highlighter::new();
        for token in ["json", "php"] {
            let syntax = highlighter
                .syntax(token)
                .unwrap_or_else(|| panic!("no syntax for {token}"));
            let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
            assert_eq!(highlighter.highlight(syntax, &deep), None, "{token}");
            let long = "[1, 2]\n".repeat(Overrun::BYTES / 7 + 1);
            assert_eq!(highlighter.highlight(syntax, &long), None, "{token}");
            let within = format!("{}{}", "[".repeat(200), "]".repeat(200));
            assert!(highlighter.highlight(syntax, &within).is_some(), "{token}");
        }
    }

    #[test]
    fn broken_code_is_still_shown_whole() {
        let code = "fn main( { let = \"unterminated\n";
        assert_eq!(text_of(&highlighted("rust", code)), code);
    }
}
