//! Small edits to YAML text that keep every other line as it was.
//!
//! An import changes a few values of a file people also edit by hand, so it
//! never writes the file again from parsed records: comments, quoting, key
//! order and blank lines would be lost. It finds a key by its indentation
//! (block style, as the reference writes every example), replaces the text
//! of that key's value, or adds a line after the last line of its mapping.
//! What it cannot place (flow mappings, say) it leaves unchanged, and the
//! `check` run after every import undoes an edit that went wrong.

use chrono::NaiveDate;

/// A YAML text as lines.
#[derive(Clone, Debug)]
pub struct Doc {
    lines: Vec<String>,
    eol: &'static str,
    ends_with_eol: bool,
}

/// The lines of one block mapping: `[start, end)`, keys indented `indent`.
/// The first line of a list item starts with `- ` before its first key.
/// An edit moves lines, so a block is found again after each one.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    start: usize,
    end: usize,
    indent: usize,
}

/// A key found in a block: its line, where its value starts on that line
/// (a byte index), and the line after its last line.
#[derive(Clone, Copy, Debug)]
struct Entry {
    line: usize,
    value: usize,
    end: usize,
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether a line holds nothing YAML reads: blank or a comment.
fn is_idle(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

impl Doc {
    /// Splits `text` into lines, remembering its line ending.
    pub fn new(text: &str) -> Doc {
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let ends_with_eol = text.is_empty() || text.ends_with('\n');
        let body = text.strip_suffix(eol).unwrap_or(text);
        let lines = if text.is_empty() {
            Vec::new()
        } else {
            body.split(eol).map(str::to_string).collect()
        };
        Doc {
            lines,
            eol,
            ends_with_eol,
        }
    }

    /// The text, with the original line endings.
    pub fn text(&self) -> String {
        let mut out = self.lines.join(self.eol);
        if self.ends_with_eol && !self.lines.is_empty() {
            out.push_str(self.eol);
        }
        out
    }

    /// The whole document as the top-level mapping.
    pub fn root(&self) -> Block {
        Block {
            start: 0,
            end: self.lines.len(),
            indent: 0,
        }
    }

    /// The key of `line` when it is a key of `block`, and the byte where
    /// its value starts.
    fn key_of(&self, block: Block, line: usize) -> Option<(&str, usize)> {
        let text = self.lines[line].trim_end_matches('\r');
        let mut start = indent_of(text);
        if start != block.indent {
            // An item's first key sits after its `- `.
            let rest = &text[start..];
            if line != block.start || !rest.starts_with("- ") {
                return None;
            }
            start += 2 + indent_of(&rest[2..]);
            if start != block.indent {
                return None;
            }
        }
        let rest = &text[start..];
        let colon = rest.find(':')?;
        let key = &rest[..colon];
        let plain = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.');
        let after = &rest[colon + 1..];
        (plain && (after.is_empty() || after.starts_with(' '))).then_some((key, start + colon + 1))
    }

    fn find(&self, block: Block, key: &str) -> Option<Entry> {
        let line = (block.start..block.end).find(|&l| {
            !is_idle(&self.lines[l]) && self.key_of(block, l).is_some_and(|(k, _)| k == key)
        })?;
        let (_, value) = self.key_of(block, line)?;
        let same_line_empty = is_idle(&self.lines[line][value..]);
        let mut end = line + 1;
        for l in line + 1..block.end {
            let text = &self.lines[l];
            if is_idle(text) {
                continue;
            }
            let indent = indent_of(text);
            let belongs = indent > block.indent
                || (same_line_empty
                    && indent == block.indent
                    && text.trim_start().starts_with("- "));
            if !belongs {
                break;
            }
            end = l + 1;
        }
        Some(Entry { line, value, end })
    }

    /// The last line holding something in `block`, plus one.
    fn content_end(&self, block: Block) -> usize {
        (block.start..block.end)
            .rev()
            .find(|&l| !is_idle(&self.lines[l]))
            .map_or(block.start, |l| l + 1)
    }

    /// The mapping under `key` in `block`, if the key holds one in block
    /// style.
    fn child(&self, block: Block, key: &str) -> Option<Block> {
        let entry = self.find(block, key)?;
        let first = (entry.line + 1..entry.end).find(|&l| !is_idle(&self.lines[l]))?;
        Some(Block {
            start: entry.line + 1,
            end: entry.end,
            indent: indent_of(&self.lines[first]),
        })
    }

    /// The mapping a dotted `path` leads to (all but its last key) and its
    /// last key.
    fn parent<'p>(&self, block: Block, path: &'p str) -> (Option<Block>, &'p str) {
        let mut parts: Vec<&str> = path.split('.').collect();
        let last = parts.pop().unwrap_or(path);
        let mut at = Some(block);
        for part in parts {
            at = at.and_then(|b| self.child(b, part));
        }
        (at, last)
    }

    /// The value at a dotted `path` in `block`, as the YAML text `key:
    /// value` (with any lines that continue it), to be parsed by the
    /// loader; `None` when the key is not there.
    pub fn get(&self, block: Block, path: &str) -> Option<String> {
        let (parent, key) = self.parent(block, path);
        let entry = self.find(parent?, key)?;
        let mut out = format!("{key}:{}", &self.lines[entry.line][entry.value..]);
        for line in &self.lines[entry.line + 1..entry.end] {
            out.push('\n');
            out.push_str(line.trim_end_matches('\r'));
        }
        Some(out)
    }

    /// Sets the value at a dotted `path` to `yaml` (one line), replacing
    /// only the old value's text, or adding the key (and its parents) at the
    /// end of its mapping. A comment after a replaced one-line value is
    /// kept.
    pub fn set(&mut self, block: Block, path: &str, yaml: &str) -> bool {
        let (parent, key) = self.parent(block, path);
        if let Some(entry) = parent.and_then(|p| self.find(p, key)) {
            let line = &self.lines[entry.line];
            let rest = &line[entry.value..];
            let comment = trailing_comment(rest).unwrap_or("");
            let head = line[..entry.value].to_string();
            self.lines[entry.line] = format!("{head} {yaml}{comment}");
            self.lines.drain(entry.line + 1..entry.end);
            return true;
        }
        // Add the key under the deepest mapping on its path that exists.
        let parts: Vec<&str> = path.split('.').collect();
        let mut at = block;
        let mut depth = 0;
        while depth + 1 < parts.len() {
            match self.child(at, parts[depth]) {
                Some(child) => at = child,
                None => break,
            }
            depth += 1;
        }
        if depth + 1 < parts.len() && self.find(at, parts[depth]).is_some() {
            // The parent is there but not as a block mapping.
            return false;
        }
        let mut new = Vec::new();
        let mut indent = at.indent;
        for part in &parts[depth..parts.len() - 1] {
            new.push(format!("{}{part}:", " ".repeat(indent)));
            indent += 2;
        }
        new.push(format!("{}{key}: {yaml}", " ".repeat(indent)));
        let end = self.content_end(at);
        self.lines.splice(end..end, new);
        true
    }

    /// Adds an item (`lines`, the first without its `- `) to the block list
    /// under `key` in `block`, making the list when there is none.
    pub fn push_item(&mut self, block: Block, key: &str, item: &[String]) -> bool {
        let (indent, at) = match self.find(block, key) {
            Some(entry) => {
                let rest = self.lines[entry.line][entry.value..].trim();
                if rest == "[]" {
                    let head = self.lines[entry.line][..entry.value].to_string();
                    self.lines[entry.line] = head;
                } else if !is_idle(rest) {
                    return false;
                }
                let dash = (entry.line + 1..entry.end)
                    .map(|l| &self.lines[l])
                    .find(|l| l.trim_start().starts_with("- "))
                    .map_or(block.indent + 2, |l| indent_of(l));
                let end = (entry.line + 1..entry.end)
                    .rev()
                    .find(|&l| !is_idle(&self.lines[l]))
                    .map_or(entry.line + 1, |l| l + 1);
                (dash, end)
            }
            None => {
                let end = self.content_end(block);
                self.lines
                    .insert(end, format!("{}{key}:", " ".repeat(block.indent)));
                (block.indent + 2, end + 1)
            }
        };
        let lines = item_lines(indent, item);
        self.lines.splice(at..at, lines);
        true
    }

    /// The items of the block list under the top-level `key`, as blocks.
    pub fn items(&self, key: &str) -> Vec<Block> {
        self.items_in(self.root(), key)
    }

    /// The items of the block list under `key` in `block`, as blocks.
    pub fn items_in(&self, block: Block, key: &str) -> Vec<Block> {
        let Some(entry) = self.find(block, key) else {
            return Vec::new();
        };
        let starts: Vec<usize> = (entry.line + 1..entry.end)
            .filter(|&l| self.lines[l].trim_start().starts_with("- "))
            .collect();
        let Some(dash) = starts.first().map(|&l| indent_of(&self.lines[l])) else {
            return Vec::new();
        };
        let starts: Vec<usize> = starts
            .into_iter()
            .filter(|&l| indent_of(&self.lines[l]) == dash)
            .collect();
        starts
            .iter()
            .enumerate()
            .map(|(i, &start)| {
                let end = starts.get(i + 1).copied().unwrap_or(entry.end);
                let first = &self.lines[start][dash + 2..];
                Block {
                    start,
                    end,
                    indent: dash + 2 + indent_of(first),
                }
            })
            .collect()
    }

    /// Appends an item (`lines`, the first without its `- `) to the
    /// top-level list under `key`, indented like the items already there;
    /// a missing or empty (`[]`) list is started.
    pub fn append_item(&mut self, key: &str, item: &[String]) -> bool {
        if self.find(self.root(), key).is_none() && !self.lines.is_empty() {
            let end = self.content_end(self.root());
            self.lines.insert(end, format!("{key}:"));
        } else if self.lines.is_empty() {
            self.lines.push(format!("{key}:"));
            self.ends_with_eol = true;
        }
        self.ends_with_eol = true;
        self.push_item(self.root(), key, item)
    }
}

/// `text` as a YAML scalar that reads back as exactly `text`; `in_list`
/// when it sits inside `[…]`, where `,` and brackets end a plain scalar.
pub fn scalar(text: &str, in_list: bool) -> String {
    let reserved = matches!(
        text.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~"
    );
    let numeric =
        text.parse::<f64>().is_ok() || NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok();
    let safe_start = text
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '(' || c == '.' || c == '/' || !c.is_ascii());
    // YAML's indicators are all ASCII: any other printable character
    // (a Devanagari vowel sign, say) may stand in a plain scalar.
    let safe_chars = text.chars().all(|c| {
        c.is_alphanumeric()
            || (!c.is_ascii() && !c.is_whitespace() && !c.is_control() && c != '\u{feff}')
            || c == ' '
            || "._/@+()'-".contains(c)
            || (!in_list && c == ',')
    });
    let plain = !text.is_empty()
        && !reserved
        && !numeric
        && safe_start
        && safe_chars
        && !text.ends_with(' ');
    if plain {
        text.to_string()
    } else {
        // A JSON string is a YAML double-quoted scalar.
        serde_json::Value::String(text.to_string()).to_string()
    }
}

/// `item` as list lines: the first after `- `, the rest lined up with it.
fn item_lines(dash: usize, item: &[String]) -> Vec<String> {
    item.iter()
        .enumerate()
        .map(|(i, line)| {
            let lead = if i == 0 { "- " } else { "  " };
            format!("{}{lead}{line}", " ".repeat(dash))
        })
        .collect()
}

/// The ` # comment` ending a one-line value, if any (outside quotes).
fn trailing_comment(rest: &str) -> Option<&str> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in rest.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'') && previous == ' ' => quote = Some(c),
            None if c == '#' && previous == ' ' && i > 0 => {
                let start = rest[..i].trim_end().len();
                return Some(&rest[start..]);
            }
            None => {}
        }
        previous = c;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEARNER: &str = "# Ada's file.\nid: ada-example\nname: Ada Example  # as she writes it\nintake:\n  date: 2026-01-05\n  # the goal she gave\n  goal: Old goal\n  blockers:\n    - Evenings only\nconsent:\n  public_profile: false\n";

    #[test]
    fn a_value_is_replaced_and_every_other_line_kept() {
        let mut doc = Doc::new(LEARNER);
        let root = doc.root();
        assert!(doc.set(root, "name", "Ada Lovelace"));
        assert!(doc.set(root, "intake.goal", "New goal"));
        assert!(doc.set(root, "intake.blockers", "[Shift work]"));
        assert_eq!(
            doc.text(),
            "# Ada's file.\nid: ada-example\nname: Ada Lovelace  # as she writes it\nintake:\n  date: 2026-01-05\n  # the goal she gave\n  goal: New goal\n  blockers: [Shift work]\nconsent:\n  public_profile: false\n"
        );
    }

    #[test]
    fn a_missing_key_is_added_at_the_end_of_its_mapping() {
        let mut doc = Doc::new(LEARNER);
        assert!(doc.set(doc.root(), "intake.confidence", "3"));
        assert!(doc.set(doc.root(), "consent.listed_in_cohort", "true"));
        assert!(doc.set(doc.root(), "email", "ada@example.org"));
        let text = doc.text();
        assert!(
            text.contains("    - Evenings only\n  confidence: 3\nconsent:"),
            "{text}"
        );
        assert!(
            text.ends_with(
                "  public_profile: false\n  listed_in_cohort: true\nemail: ada@example.org\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn values_are_read_back_with_their_continuation_lines() {
        let doc = Doc::new(LEARNER);
        assert_eq!(
            doc.get(doc.root(), "intake.blockers").as_deref(),
            Some("blockers:\n    - Evenings only")
        );
        assert_eq!(doc.get(doc.root(), "intake.confidence"), None);
    }

    #[test]
    fn an_item_is_added_to_a_list_in_the_style_of_the_others() {
        let mut doc = Doc::new("mentors:\n    - id: a\n      name: A\n# end\n");
        assert!(doc.append_item("mentors", &["id: b".into(), "name: B".into()]));
        assert_eq!(
            doc.text(),
            "mentors:\n    - id: a\n      name: A\n    - id: b\n      name: B\n# end\n"
        );
        let items = doc.items("mentors");
        assert_eq!(items.len(), 2);
        assert_eq!(doc.get(items[1], "name").as_deref(), Some("name: B"));
    }

    #[test]
    fn the_items_of_a_list_inside_a_list_item_are_found_and_added_to() {
        let mut doc = Doc::new(
            "sessions:\n  - id: a\n    attendance:\n      - learner: ada\n        attended: true\n  - id: b\n",
        );
        let first = doc.items("sessions")[0];
        let entries = doc.items_in(first, "attendance");
        assert_eq!(entries.len(), 1);
        assert_eq!(
            doc.get(entries[0], "learner").as_deref(),
            Some("learner: ada")
        );
        assert!(doc.set(entries[0], "rating_after", "4"));
        let second = doc.items("sessions")[1];
        assert!(doc.items_in(second, "attendance").is_empty());
        assert!(doc.push_item(second, "attendance", &["learner: bo".into()]));
        assert_eq!(
            doc.text(),
            "sessions:\n  - id: a\n    attendance:\n      - learner: ada\n        attended: true\n        rating_after: 4\n  - id: b\n    attendance:\n      - learner: bo\n"
        );
    }

    #[test]
    fn a_list_is_started_when_there_is_none() {
        let mut doc = Doc::new("id: ada\nconfidence: []\n");
        assert!(doc.push_item(
            doc.root(),
            "confidence",
            &["date: 2026-04-01".into(), "value: 3".into()]
        ));
        assert_eq!(
            doc.text(),
            "id: ada\nconfidence:\n  - date: 2026-04-01\n    value: 3\n"
        );
        let mut doc = Doc::new("id: ada\n");
        assert!(doc.push_item(
            doc.root(),
            "confidence",
            &["date: 2026-04-01".into(), "value: 3".into()]
        ));
        assert_eq!(
            doc.text(),
            "id: ada\nconfidence:\n  - date: 2026-04-01\n    value: 3\n"
        );
    }
}
