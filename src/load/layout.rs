//! Where a YAML file that failed to parse first goes wrong in its layout:
//! a tab in the indentation, or a line indented to no level of the lines
//! above it.
//!
//! The parser notices these late and describes them by their effect ("while
//! scanning a plain scalar, found a tab" on the line before, "mapping values
//! are not allowed in this context" at the end of the line, or a missing
//! field of the record the line fell out of). Reading the lines again for
//! their indentation alone finds the line and column to fix. It runs only on
//! a file the parser refused, so a valid file is never second-guessed.

/// A layout mistake, 1-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mistake {
    /// A tab among the spaces that indent a line.
    Tab {
        /// Line of the tab.
        line: u32,
        /// Column of the tab, in characters.
        column: u32,
        /// Spaces the enclosing entries are indented by, when known.
        expected: Option<usize>,
    },
    /// An entry indented further than the complete entry above it.
    TooDeep {
        /// Line of the entry.
        line: u32,
        /// Its indentation in spaces.
        indent: usize,
        /// Its key.
        key: String,
        /// The entry above: line, indentation, key.
        above: (u32, usize, String),
    },
    /// An entry indented less than the one above it, but to no level of
    /// the entries it could belong to.
    Between {
        /// Line of the entry.
        line: u32,
        /// Its indentation in spaces.
        indent: usize,
        /// Its key, or `-` for a sequence item.
        key: String,
        /// The nearest levels above and below its indentation: line,
        /// indentation, key.
        levels: Vec<(u32, usize, String)>,
    },
}

impl Mistake {
    /// The line the mistake is on.
    pub fn line(&self) -> u32 {
        match self {
            Mistake::Tab { line, .. }
            | Mistake::TooDeep { line, .. }
            | Mistake::Between { line, .. } => *line,
        }
    }
}

/// One level of indentation open at a line: the entries at `indent`.
#[derive(Clone, Debug)]
struct Level {
    indent: usize,
    line: u32,
    key: String,
}

/// What the lines after a line may be.
#[derive(Clone, Debug)]
enum Next {
    /// Ordinary lines.
    Lines,
    /// A nested block may start (after `key:` or `-`) deeper than `indent`.
    Block { indent: usize },
    /// Text of a `|` or `>` scalar, indented deeper than `indent`.
    Text { indent: usize },
    /// A flow collection (`[`, `{`) is open.
    Flow { depth: usize },
    /// A quoted scalar is open.
    Quoted { quote: char },
}

/// The first layout mistake of `text` on or before line `until`, if any.
pub fn first_mistake(text: &str, until: u32) -> Option<Mistake> {
    let mut levels: Vec<Level> = Vec::new();
    let mut next = Next::Lines;
    for (index, raw) in text.lines().enumerate() {
        let number = index as u32 + 1;
        if number > until {
            return None;
        }
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let content = line.trim_start_matches([' ', '\t']);
        let indent_text = &line[..line.len() - content.len()];
        match next {
            Next::Text { indent } => {
                if content.is_empty() || indent_text.len() > indent {
                    continue;
                }
                next = Next::Lines;
            }
            Next::Flow { depth } => {
                next = after_flow(content, depth);
                continue;
            }
            Next::Quoted { quote } => {
                next = match closing_quote(content, quote) {
                    Some(rest) => after_value(rest, 0),
                    None => Next::Quoted { quote },
                };
                continue;
            }
            Next::Lines | Next::Block { .. } => {}
        }
        let marker = ["---", "...", "%"].iter().any(|m| content.starts_with(m));
        if content.is_empty() || content.starts_with('#') || (indent_text.is_empty() && marker) {
            continue;
        }
        if let Some(tab) = indent_text.find('\t') {
            return Some(Mistake::Tab {
                line: number,
                column: indent_text[..tab].chars().count() as u32 + 1,
                expected: match next {
                    Next::Lines => levels.last().map(|l| l.indent),
                    _ => None,
                },
            });
        }
        let indent = indent_text.len();
        let deeper_block = matches!(next, Next::Block { indent: parent } if indent > parent);
        if !deeper_block && let Some(top) = levels.last() {
            if indent > top.indent {
                // Deeper than a complete entry: the next line of a plain
                // scalar, unless it is an entry itself.
                let Some(key) = key_of(content) else {
                    continue;
                };
                return Some(Mistake::TooDeep {
                    line: number,
                    indent,
                    key: key.to_string(),
                    above: (top.line, top.indent, top.key.clone()),
                });
            }
            let mut deeper = None;
            while let Some(top) = levels.last().filter(|l| l.indent > indent) {
                deeper = Some(top.clone());
                levels.pop();
            }
            if let Some(deeper) = deeper
                && levels.last().is_none_or(|l| l.indent != indent)
            {
                let levels = std::iter::once(deeper)
                    .chain(levels.last().cloned())
                    .map(|l| (l.line, l.indent, l.key))
                    .collect();
                let key = match sequence_item(content) {
                    Some(_) => "-",
                    None => key_of(content).unwrap_or(content),
                };
                return Some(Mistake::Between {
                    line: number,
                    indent,
                    key: key.to_string(),
                    levels,
                });
            }
        }
        next = open_levels(&mut levels, number, indent, content);
    }
    None
}

/// Records the levels a line at `indent` opens, and says what may follow.
fn open_levels(levels: &mut Vec<Level>, number: u32, indent: usize, content: &str) -> Next {
    let (mut indent, mut rest) = (indent, content);
    // `- ` items, possibly several on one line (`- - a`).
    while let Some(item) = sequence_item(rest) {
        set_level(levels, number, indent, "-");
        if item.is_empty() || item.starts_with('#') {
            return Next::Block { indent };
        }
        if sequence_item(item).is_none() && key_of(item).is_none() {
            // A scalar item: its text, if any, is deeper than the `-`.
            return after_value(item, indent);
        }
        indent += rest.len() - item.len();
        rest = item;
    }
    let key = key_of(rest);
    set_level(levels, number, indent, key.unwrap_or(rest));
    match key_end(rest) {
        Some(end) => {
            let value = &rest[end + 1..];
            if value_is_empty(value) {
                Next::Block { indent }
            } else {
                after_value(value, indent)
            }
        }
        None => after_value(rest, indent),
    }
}

/// What follows the `-` of a sequence item, without the spaces after it.
fn sequence_item(content: &str) -> Option<&str> {
    let after = content.strip_prefix('-')?;
    (after.is_empty() || after.starts_with([' ', '\t']))
        .then(|| after.trim_start_matches([' ', '\t']))
}

/// Makes `indent` the innermost level, opened at line `number`.
fn set_level(levels: &mut Vec<Level>, number: u32, indent: usize, key: &str) {
    while levels.last().is_some_and(|l| l.indent >= indent) {
        levels.pop();
    }
    levels.push(Level {
        indent,
        line: number,
        key: key.to_string(),
    });
}

/// The value without the anchors and tags before it.
fn bare_value(value: &str) -> &str {
    let mut value = value.trim_start_matches([' ', '\t']);
    while value.starts_with(['&', '!']) {
        value = value
            .split_once([' ', '\t'])
            .map_or("", |(_, rest)| rest)
            .trim_start_matches([' ', '\t']);
    }
    value
}

/// Whether a value is empty: nothing, a comment, or only an anchor or tag.
fn value_is_empty(value: &str) -> bool {
    let value = bare_value(value);
    value.is_empty() || value.starts_with('#')
}

/// What follows a value written after a key or a `- ` at `indent`.
fn after_value(value: &str, indent: usize) -> Next {
    let value = bare_value(value);
    match value.chars().next() {
        Some('|' | '>') => Next::Text { indent },
        Some('[' | '{') => after_flow(value, 0),
        Some(quote @ ('"' | '\'')) => match closing_quote(&value[1..], quote) {
            Some(_) => Next::Lines,
            None => Next::Quoted { quote },
        },
        _ => Next::Lines,
    }
}

/// Follows the brackets of a flow collection through `text`, from `depth`.
fn after_flow(text: &str, depth: usize) -> Next {
    let mut depth = depth;
    let mut rest = text;
    let mut after_space = true;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => depth = depth.saturating_sub(1),
            '"' | '\'' => match closing_quote(after, c) {
                Some(tail) => {
                    rest = tail;
                    after_space = false;
                    continue;
                }
                None => return Next::Quoted { quote: c },
            },
            '#' if after_space => break,
            _ => {}
        }
        after_space = c == ' ' || c == '\t';
        rest = after;
    }
    if depth == 0 {
        Next::Lines
    } else {
        Next::Flow { depth }
    }
}

/// The text after the quote that closes a scalar opened with `quote`, if
/// `text` (what follows the opening quote) closes it.
fn closing_quote(text: &str, quote: char) -> Option<&str> {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            // `''` inside single quotes is an escaped quote.
            if quote == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                chars.next();
                continue;
            }
            return Some(&text[at + c.len_utf8()..]);
        }
    }
    None
}

/// Where the key of `content` ends (at its `:`), when `content` is a
/// `key: value` or `key:` entry with a plain key.
fn key_end(content: &str) -> Option<usize> {
    if content.starts_with([
        '-', '[', '{', '"', '\'', '#', '|', '>', '&', '*', '!', '?', '%', '@',
    ]) {
        return None;
    }
    let mut from = 0;
    while let Some(colon) = content[from..].find(':') {
        let at = from + colon;
        let after = &content[at + 1..];
        if after.is_empty() || after.starts_with([' ', '\t']) {
            let key = content[..at].trim_end();
            return (!key.is_empty() && !key.contains(" #")).then_some(at);
        }
        from = at + 1;
    }
    None
}

/// The key of a `key: value` entry.
fn key_of(content: &str) -> Option<&str> {
    key_end(content).map(|end| content[..end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SESSIONS: &str = "\
# Sessions
sessions:
  - id: kickoff
    kind: one-to-one
    title: 'First: charter'
    start: 2026-01-20T18:00
    duration_minutes: 45
    mentors: [grace,
      tomas]
    agenda:
      - Plan
      - >
        Folded text
          indented further,
        and back.
    recurrence:
      every_weeks: 1
      until: 2026-03-31
  - id: second
    note: |
      Text

      \twith a tab in it
    kind: group
";

    fn mistake(text: &str) -> Option<Mistake> {
        first_mistake(text, u32::MAX)
    }

    fn edit(line: usize, from: &str, to: &str) -> String {
        SESSIONS
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i + 1 == line {
                    l.replacen(from, to, 1)
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_well_laid_out_file_has_no_mistake() {
        assert_eq!(mistake(SESSIONS), None);
    }

    #[test]
    fn a_tab_is_found_where_it_is() {
        assert_eq!(
            mistake(&edit(7, "    ", "\t")),
            Some(Mistake::Tab {
                line: 7,
                column: 1,
                expected: Some(4)
            })
        );
        assert_eq!(
            mistake(&edit(7, "    ", "  \t")),
            Some(Mistake::Tab {
                line: 7,
                column: 3,
                expected: Some(4)
            })
        );
    }

    #[test]
    fn an_entry_too_deep_names_the_entry_above() {
        assert_eq!(
            mistake(&edit(7, "    ", "     ")),
            Some(Mistake::TooDeep {
                line: 7,
                indent: 5,
                key: "duration_minutes".into(),
                above: (6, 4, "start".into())
            })
        );
    }

    #[test]
    fn an_entry_between_levels_names_both() {
        assert_eq!(
            mistake(&edit(7, "    ", "   ")),
            Some(Mistake::Between {
                line: 7,
                indent: 3,
                key: "duration_minutes".into(),
                levels: vec![(6, 4, "start".into()), (3, 2, "-".into())]
            })
        );
    }

    #[test]
    fn the_first_entry_of_a_block_sets_its_level() {
        assert_eq!(
            mistake(&edit(17, "      ", "     ")),
            Some(Mistake::TooDeep {
                line: 18,
                indent: 6,
                key: "until".into(),
                above: (17, 5, "every_weeks".into())
            })
        );
    }

    #[test]
    fn a_list_under_its_key_and_a_value_on_the_next_line_are_no_mistakes() {
        let text = "mentors:\n- id: a\n  bio: one\n    two\n  tiers:\n  - group\n  name: A\n";
        assert_eq!(mistake(text), None);
    }

    #[test]
    fn mistakes_after_the_parsers_line_are_not_looked_for() {
        assert_eq!(first_mistake(&edit(7, "    ", "\t"), 6), None);
    }
}
