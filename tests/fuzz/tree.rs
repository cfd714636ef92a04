//! A YAML document as a tree the mutator can reshape, and back to block
//! YAML. The tree keeps what the loader must cope with but serde cannot
//! express: keys in their written order (and twice), tags, anchors, aliases
//! and raw text spliced in where a value belongs.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// One YAML value.
#[derive(Clone, Debug)]
pub enum Node {
    /// A string, quoted on output when a plain scalar would read differently.
    Text(String),
    /// A number, boolean or null, written plain.
    Plain(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in written order; a key may appear twice.
    Map(Vec<(String, Node)>),
    /// `!tag value`.
    Tagged(String, Box<Node>),
    /// `&anchor value`.
    Anchored(String, Box<Node>),
    /// `*anchor`.
    Alias(String),
    /// Text written as is where a value belongs (flow collections, deep
    /// nesting, anything the emitter would not write by itself).
    Raw(String),
}

impl Node {
    /// The tree of a YAML document, if the real parser reads it; a
    /// document nested deeper than the tree is ever made is left to the
    /// byte mutations, so reading it cannot overflow the fuzzer's stack.
    pub fn parse(text: &str) -> Option<Node> {
        let options = serde_saphyr::options! {
            budget: serde_saphyr::budget! {
                max_depth: 200,
            },
        };
        serde_saphyr::from_str_with_options::<Node>(text, options).ok()
    }

    /// Block YAML for a document whose root is this node.
    pub fn emit(&self) -> String {
        let mut out = String::new();
        match self {
            Node::Map(entries) if !entries.is_empty() => block(self, 0, &mut out),
            Node::Seq(items) if !items.is_empty() => block(self, 0, &mut out),
            _ => {
                out.push_str(&inline(self).unwrap_or_else(|| flow(self)));
                out.push('\n');
            }
        }
        out
    }

    /// Paths (child indices from the root) of every node, parents first.
    pub fn paths(&self) -> Vec<Vec<usize>> {
        let mut all = Vec::new();
        collect(self, &mut Vec::new(), &mut all);
        all
    }

    /// The node at `path`.
    pub fn at(&self, path: &[usize]) -> Option<&Node> {
        let Some((&first, rest)) = path.split_first() else {
            return Some(self);
        };
        self.children().nth(first)?.at(rest)
    }

    /// The node at `path`, to change it.
    pub fn at_mut(&mut self, path: &[usize]) -> Option<&mut Node> {
        let Some((&first, rest)) = path.split_first() else {
            return Some(self);
        };
        let child = match self {
            Node::Seq(items) => items.get_mut(first)?,
            Node::Map(entries) => &mut entries.get_mut(first)?.1,
            Node::Tagged(_, inner) | Node::Anchored(_, inner) if first == 0 => inner,
            _ => return None,
        };
        child.at_mut(rest)
    }

    /// The key under which the node at `path` sits in its mapping, if any.
    pub fn key_of(&self, path: &[usize]) -> Option<&str> {
        let (&last, parent) = path.split_last()?;
        match self.at(parent)? {
            Node::Map(entries) => entries.get(last).map(|(k, _)| k.as_str()),
            Node::Seq(_) => self.key_of(parent),
            _ => None,
        }
    }

    /// The text of a scalar.
    pub fn scalar(&self) -> Option<&str> {
        match self {
            Node::Text(s) | Node::Plain(s) => Some(s),
            _ => None,
        }
    }

    fn children(&self) -> Box<dyn Iterator<Item = &Node> + '_> {
        match self {
            Node::Seq(items) => Box::new(items.iter()),
            Node::Map(entries) => Box::new(entries.iter().map(|(_, v)| v)),
            Node::Tagged(_, inner) | Node::Anchored(_, inner) => {
                Box::new(std::iter::once(&**inner))
            }
            _ => Box::new(std::iter::empty()),
        }
    }
}

fn collect(node: &Node, path: &mut Vec<usize>, all: &mut Vec<Vec<usize>>) {
    all.push(path.clone());
    for (i, child) in node.children().enumerate() {
        path.push(i);
        collect(child, path, all);
        path.pop();
    }
}

/// Writes a non-empty mapping or sequence as a block at `indent`.
fn block(node: &Node, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match node {
        Node::Map(entries) => {
            for (key, value) in entries {
                out.push_str(&pad);
                out.push_str(&scalar_text(key));
                out.push(':');
                value_after(value, indent, out);
            }
        }
        Node::Seq(items) => {
            for item in items {
                out.push_str(&pad);
                match item {
                    // The compact `- key: value` form the demo's files use.
                    Node::Map(entries) if !entries.is_empty() => {
                        out.push_str("- ");
                        let mut inner = String::new();
                        block(item, indent + 2, &mut inner);
                        out.push_str(&inner[indent + 2..]);
                    }
                    _ => {
                        out.push('-');
                        value_after(item, indent, out);
                    }
                }
            }
        }
        _ => {
            out.push_str(&pad);
            out.push_str(&inline(node).unwrap_or_else(|| flow(node)));
            out.push('\n');
        }
    }
}

/// Writes a value after `key:` or `-` on a line indented by `indent`.
fn value_after(value: &Node, indent: usize, out: &mut String) {
    let mut node = value;
    let mut marks = String::new();
    loop {
        match node {
            Node::Tagged(tag, inner) => {
                marks.push(' ');
                marks.push_str(tag);
                node = inner;
            }
            Node::Anchored(name, inner) => {
                marks.push_str(" &");
                marks.push_str(name);
                node = inner;
            }
            _ => break,
        }
    }
    out.push_str(&marks);
    match inline(node) {
        Some(text) => {
            out.push(' ');
            out.push_str(&text);
            out.push('\n');
        }
        None => {
            out.push('\n');
            block(node, indent + 2, out);
        }
    }
}

/// A value that fits on its line, or `None` for a non-empty collection.
fn inline(node: &Node) -> Option<String> {
    match node {
        Node::Text(s) => Some(scalar_text(s)),
        Node::Plain(s) => Some(s.clone()),
        Node::Alias(name) => Some(format!("*{name}")),
        Node::Raw(text) => Some(text.clone()),
        Node::Seq(items) if items.is_empty() => Some("[]".into()),
        Node::Map(entries) if entries.is_empty() => Some("{}".into()),
        Node::Tagged(..) | Node::Anchored(..) => Some(flow(node)),
        Node::Seq(_) | Node::Map(_) => None,
    }
}

/// A value in flow style, on one line.
pub fn flow(node: &Node) -> String {
    match node {
        Node::Seq(items) => {
            let items: Vec<String> = items.iter().map(flow).collect();
            format!("[{}]", items.join(", "))
        }
        Node::Map(entries) => {
            let entries: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", scalar_text(k), flow(v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        Node::Tagged(tag, inner) => format!("{tag} {}", flow(inner)),
        Node::Anchored(name, inner) => format!("&{name} {}", flow(inner)),
        other => inline(other).unwrap_or_default(),
    }
}

/// A string as a scalar that reads back as the same string: plain when
/// that is unambiguous, double-quoted (JSON escapes are YAML escapes)
/// otherwise.
fn scalar_text(s: &str) -> String {
    let plain = s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars()
            .all(|c| c.is_alphanumeric() || " -_./@()'+,".contains(c))
        && !s.ends_with(' ')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Plain(v.to_string()))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Plain(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Plain(v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Plain(format!("{v:?}")))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Text(v))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Plain("null".into()))
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Plain("null".into()))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<Node, Node>()? {
            let key = match key {
                Node::Text(s) | Node::Plain(s) => s,
                other => flow(&other),
            };
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }
}
