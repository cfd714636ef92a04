//! The text layer of iCalendar (RFC 5545 §3.1–3.3.11) around the `ics`
//! crate: cleaning and escaping of TEXT values, checking of URI values,
//! quoting of parameter values, and line folding.
//!
//! Free text comes from the program's files and may hold anything YAML can
//! say. RFC 5545 allows no control character in a value but the tab, and a
//! raw line break would end the property and let the rest of the text be
//! read as properties of its own (`END:VEVENT`, `BEGIN:VEVENT`, …). So every
//! TEXT value drops the other control characters, and each line break (CR,
//! LF, CRLF, NEL, U+2028 or U+2029) becomes the escaped newline `\n` where
//! the text may have lines ([`text`]: descriptions, comments) or a single
//! space where it is shown on one line ([`line()`]: summaries, locations,
//! calendar names).
//!
//! The crate folds after 75 octets of content and then adds a leading space,
//! so its continuation lines are 76 octets long; strict parsers reject them.
//! [`refold`] undoes the crate's folding and folds again so that no line,
//! leading space included, is longer than 75 octets and no UTF-8 character
//! is split.

use std::borrow::Cow;

/// The longest line allowed, in octets, without its CRLF.
pub const LINE_OCTETS: usize = 75;

/// A TEXT value that may have several lines: control characters other than
/// the tab dropped, each line break written as `\n`, and `\`, `,` and `;`
/// escaped.
pub fn text(value: &str) -> String {
    escape(value, "\\n")
}

/// A TEXT value shown on one line: as [`text`], but each line break becomes
/// a space.
pub fn line(value: &str) -> String {
    escape(value, " ")
}

fn escape(value: &str, line_break: &str) -> String {
    let mut out = String::with_capacity(value.len() + value.len() / 16);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str(line_break);
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str(line_break),
            '\\' | ',' | ';' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push(c),
            _ if c.is_control() => {}
            _ => out.push(c),
        }
    }
    out
}

/// A URI value (`URL`), when it is an absolute http(s) URL of printable
/// characters; anything else would be read as more than one value, or
/// followed to somewhere other than a web page, so it is not written.
pub fn uri(value: &str) -> Option<&str> {
    crate::model::web_url::check_web_url(value)
        .ok()
        .map(|()| value)
}

/// A parameter value, quoted when it contains `:`, `;` or `,`. Double
/// quotes and control characters cannot appear in a parameter value at all
/// (RFC 5545 §3.1), so they are dropped.
pub fn param(value: &str) -> Cow<'_, str> {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && (!c.is_control() || *c == '\t'))
        .collect();
    if clean.contains([':', ';', ',']) {
        Cow::Owned(format!("\"{clean}\""))
    } else if clean.len() == value.len() {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(clean)
    }
}

/// Unfolds content lines: removes every CRLF followed by a space or tab.
pub fn unfold(folded: &str) -> String {
    folded.replace("\r\n ", "").replace("\r\n\t", "")
}

/// Folds every content line of `text` at [`LINE_OCTETS`] and ends every
/// line with CRLF. `text` may already be folded (by the crate or not at all).
pub fn refold(text: &str) -> String {
    let unfolded = unfold(text);
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 24);
    for line in unfolded.split("\r\n").flat_map(|l| l.split('\n')) {
        if !line.is_empty() {
            fold_line(line, &mut out);
        }
    }
    out
}

/// Appends one content line to `out`, folded, each physical line ending in
/// CRLF.
pub fn fold_line(line: &str, out: &mut String) {
    let mut rest = line;
    let mut limit = LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space of a continuation line counts towards its length.
        limit = LINE_OCTETS - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(folded: &str) -> Vec<&str> {
        folded.split_inclusive("\r\n").collect()
    }

    #[test]
    fn a_coordinator_can_write_commas_semicolons_backslashes_and_paragraphs() {
        assert_eq!(
            text("Check-in, review; C:\\path\nnext step"),
            "Check-in\\, review\\; C:\\\\path\\nnext step"
        );
        assert_eq!(
            text("one\r\ntwo\rthree\n\nfour"),
            "one\\ntwo\\nthree\\n\\nfour"
        );
        assert_eq!(text("a\u{2028}b\u{85}c"), "a\\nb\\nc");
    }

    #[test]
    fn no_control_character_but_the_tab_reaches_a_value() {
        let hostile = "Intro\r\nEND:VEVENT\r\nBEGIN:VEVENT\0\u{b}\u{c}\u{1b}[31m\u{7f}\tend";
        assert_eq!(text(hostile), "Intro\\nEND:VEVENT\\nBEGIN:VEVENT[31m\tend");
        assert_eq!(line(hostile), "Intro END:VEVENT BEGIN:VEVENT[31m\tend");
        for value in [text(hostile), line(hostile)] {
            assert!(
                !value.contains(|c: char| c.is_control() && c != '\t'),
                "{value:?}"
            );
        }
        assert_eq!(line("Room 1,\nfloor 2"), "Room 1\\, floor 2");
    }

    #[test]
    fn only_clean_web_addresses_are_uri_values() {
        assert_eq!(
            uri("https://example.org/cohorts/a/"),
            Some("https://example.org/cohorts/a/")
        );
        assert_eq!(uri("https://example.org/\r\nBEGIN:VEVENT"), None);
        assert_eq!(uri("javascript:alert(1)//cohorts/a/"), None);
    }

    #[test]
    fn parameter_values_with_separators_are_quoted() {
        assert_eq!(param("Europe/London"), "Europe/London");
        assert_eq!(param("Room 1, floor 2"), "\"Room 1, floor 2\"");
        assert_eq!(param("a:b"), "\"a:b\"");
        assert_eq!(param("say \"hi\"; bye"), "\"say hi; bye\"");
    }

    #[test]
    fn short_lines_are_left_alone() {
        assert_eq!(refold("SUMMARY:Hello\r\n"), "SUMMARY:Hello\r\n");
    }

    #[test]
    fn the_crates_76_octet_continuations_are_refolded_to_75() {
        let long = format!("DESCRIPTION:{}", "x".repeat(200));
        let crate_output = ics::components::Property::new("DESCRIPTION", "x".repeat(200));
        let folded = refold(&crate_output.to_string());
        assert_eq!(unfold(&folded).trim_end(), long);
        for line in lines(&folded) {
            assert!(line.ends_with("\r\n"));
            assert!(line.len() - 2 <= LINE_OCTETS, "{line:?}");
        }
        let physical = lines(&folded);
        assert_eq!(physical[0].len() - 2, 75);
        assert_eq!(physical[1].len() - 2, 75);
        assert!(physical[1].starts_with(' '));
    }

    #[test]
    fn folding_never_splits_a_character_and_never_exceeds_75_octets() {
        let alphabet = ['a', 'é', '€', '老', '🦀', ' ', ',', '\\', 'Z', 'ß'];
        // A small deterministic generator: many lengths and mixtures, so
        // every character width lands on every fold position.
        let mut seed: u64 = 0x5eed;
        for length in 0..400 {
            let mut value = String::new();
            for _ in 0..length {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                value.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            let line = format!("SUMMARY:{value}");
            let mut folded = String::new();
            fold_line(&line, &mut folded);
            for physical in lines(&folded) {
                assert!(physical.ends_with("\r\n"));
                assert!(physical.len() - 2 <= LINE_OCTETS, "{physical:?}");
                assert!(!physical.trim_end_matches("\r\n").is_empty() || line.is_empty());
            }
            assert_eq!(unfold(&folded), format!("{line}\r\n"));
            // Refolding folded text changes nothing.
            assert_eq!(refold(&folded), folded);
        }
    }
}
