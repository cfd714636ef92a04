//! What raw HTML and link targets in Markdown bodies can make a reader's
//! browser do.
//!
//! Curriculum authors are trusted, and their raw HTML is published as they
//! wrote it; but a `javascript:` link, an `onclick` or a `<script>` in a
//! module runs in every reader's browser with the site's origin, usually by
//! mistake (a snippet pasted from elsewhere) and sometimes not. The checks
//! refuse script and data URLs as link targets and flag elements and
//! attributes that run script or embed other pages.
//!
//! Raw HTML is read with html5gum, a tokenizer that follows the WHATWG
//! specification, so attribute values are decoded the way a browser decodes
//! them (`java&#x09;script:`, `&#106;avascript:`, `javascript&colon;`) and
//! the contents of `<script>` or `<textarea>` are not mistaken for tags.

use std::convert::Infallible;
use std::ops::Range;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

/// URL schemes that run script or carry a whole document when followed.
const SCRIPT_SCHEMES: [&str; 3] = ["javascript", "vbscript", "data"];

/// Attributes whose value a browser follows or loads as a URL.
const URL_ATTRIBUTES: [&str; 9] = [
    "action",
    "background",
    "cite",
    "data",
    "formaction",
    "href",
    "poster",
    "src",
    "xlink:href",
];

/// Elements that run script or embed another document.
const ACTIVE_ELEMENTS: [&str; 4] = ["script", "iframe", "object", "embed"];

/// The script scheme of a URL (`javascript`, `vbscript` or `data`), read as
/// a browser reads it: leading spaces and control characters ignored, tabs
/// and line breaks removed wherever they are, letters in any case.
pub(crate) fn script_scheme(url: &str) -> Option<&'static str> {
    let mut scheme = String::new();
    for c in url.trim_start_matches(|c: char| c <= ' ').chars() {
        match c {
            '\t' | '\n' | '\r' => {}
            ':' => return SCRIPT_SCHEMES.into_iter().find(|s| *s == scheme),
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {
                if scheme.len() > "javascript".len() {
                    return None;
                }
                scheme.push(c.to_ascii_lowercase());
            }
            _ => return None,
        }
    }
    None
}

/// Something in raw HTML that runs script or embeds a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Active {
    /// A URL attribute (`href`, `src`, …) whose value has a script scheme.
    ScriptUrl {
        /// The attribute, lowercase.
        attribute: String,
        /// The scheme, lowercase.
        scheme: &'static str,
    },
    /// A `<script>`, `<iframe>`, `<object>` or `<embed>` start tag.
    Element(&'static str),
    /// An `on…` event-handler attribute.
    Handler(String),
}

/// A finding in a piece of raw HTML, with the byte range it covers there:
/// the attribute value for a script URL, the attribute name for a handler,
/// the start tag for an element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// What was found.
    pub what: Active,
    /// Where, in bytes of the HTML that was scanned.
    pub at: Range<usize>,
}

/// Every script URL, active element and event handler in `html`, in order.
pub(crate) fn scan(html: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut attribute = String::new();
    let mut emitter = CallbackEmitter::new(
        |event: CallbackEvent<'_>, span: Span<usize>| -> Option<Infallible> {
            let at = span.start..span.end.max(span.start);
            match event {
                CallbackEvent::OpenStartTag { name } => {
                    let name = String::from_utf8_lossy(name);
                    if let Some(element) = ACTIVE_ELEMENTS.into_iter().find(|e| *e == name) {
                        found.push(Found {
                            what: Active::Element(element),
                            at: at.start..at.start + 1 + element.len(),
                        });
                    }
                }
                CallbackEvent::AttributeName { name } => {
                    attribute = String::from_utf8_lossy(name).into_owned();
                    if attribute.len() > 2 && attribute.starts_with("on") {
                        found.push(Found {
                            what: Active::Handler(attribute.clone()),
                            at,
                        });
                    }
                }
                CallbackEvent::AttributeValue { value } => {
                    if URL_ATTRIBUTES.contains(&attribute.as_str())
                        && let Some(scheme) = script_scheme(&String::from_utf8_lossy(value))
                    {
                        found.push(Found {
                            what: Active::ScriptUrl {
                                attribute: attribute.clone(),
                                scheme,
                            },
                            at,
                        });
                    }
                }
                _ => {}
            }
            None
        },
    );
    emitter.naively_switch_states(true);
    let Ok(()) = Tokenizer::new_with_emitter(html, emitter).finish();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_schemes_are_found_however_they_are_disguised() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}\u{20}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "jav\r\nascript:alert(1)",
        ] {
            assert_eq!(script_scheme(url), Some("javascript"), "{url:?}");
        }
        assert_eq!(script_scheme("VBScript:msgbox(1)"), Some("vbscript"));
        assert_eq!(script_scheme("data:text/html,<b>x</b>"), Some("data"));
        for url in [
            "https://example.org/javascript:x",
            "sql-basics.md",
            "data-analysis/sql-basics.md",
            "#javascript:",
            "./javascript:alert(1)",
            "javascript%3Aalert(1)",
            "mailto:someone@example.org",
            "",
        ] {
            assert_eq!(script_scheme(url), None, "{url:?}");
        }
    }

    fn found(html: &str) -> Vec<(Active, &str)> {
        scan(html)
            .into_iter()
            .map(|f| {
                let text = html.get(f.at.clone()).unwrap_or("?");
                (f.what, text)
            })
            .collect()
    }

    fn script_url(attribute: &str, scheme: &'static str) -> Active {
        Active::ScriptUrl {
            attribute: attribute.into(),
            scheme,
        }
    }

    #[test]
    fn url_attributes_are_decoded_as_a_browser_decodes_them() {
        assert_eq!(
            found(r#"<a href="java&#x09;script:alert(1)">x</a>"#),
            [(
                script_url("href", "javascript"),
                "java&#x09;script:alert(1)"
            )]
        );
        assert_eq!(
            found("<a title=x HREF='&#106;avascript&colon;alert(1)'>x</a>"),
            [(
                script_url("href", "javascript"),
                "&#106;avascript&colon;alert(1)"
            )]
        );
        assert_eq!(
            found("<img/src=data:image/png;base64,AAAA>"),
            [(script_url("src", "data"), "data:image/png;base64,AAAA")]
        );
        assert_eq!(
            found("<form action=\"vbscript:x\"><button formaction=' javascript:y'>"),
            [
                (script_url("action", "vbscript"), "vbscript:x"),
                (script_url("formaction", "javascript"), " javascript:y"),
            ]
        );
        assert!(found(r#"<a href="https://example.org/" title="javascript:">x</a>"#).is_empty());
    }

    #[test]
    fn scripts_frames_and_handlers_are_found() {
        let html = "<div>\n<IFRAME src=\"https://example.org/\"></iframe>\n<p onClick=\"go()\">x</p>\n<script>if (a<b) { document.write('<embed src=x>') }</script>\n</div>";
        let found = found(html);
        assert_eq!(
            found
                .iter()
                .map(|(what, _)| what.clone())
                .collect::<Vec<_>>(),
            [
                Active::Element("iframe"),
                Active::Handler("onclick".into()),
                Active::Element("script"),
            ]
        );
        assert_eq!(found[1].1, "onClick");
        assert_eq!(found[0].1, "<IFRAME");
    }

    #[test]
    fn comments_and_text_are_not_tags() {
        assert!(found("<!-- <script>x</script> <a href='javascript:x'> -->").is_empty());
        assert!(found("a < b and onclick=\"x\"").is_empty());
    }
}
