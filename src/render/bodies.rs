//! Markdown bodies as pages show them (HTML and search keywords), and the
//! store `serve` keeps them in between renders.
//!
//! Rendering a body (Markdown, then highlighting its code) is most of what a
//! module page costs. A body's HTML depends only on its text, its file and
//! where its links lead, so after a template or settings edit `serve` takes
//! every unchanged body from the store and runs only the templates.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use super::markdown;
use super::urls::Urls;
use crate::derive::highlight::Highlighter;
use crate::derive::links::Resolver;
use crate::model::Program;

/// A body ready for a page.
#[derive(Debug, PartialEq)]
pub struct Body {
    /// The HTML of the body, as the string value templates read: pages
    /// share it rather than copy it.
    pub html: tera::Value,
    /// Its words for the search index.
    pub keywords: String,
}

/// Bodies rendered before, by file, with what they were rendered from.
#[derive(Debug, Default)]
pub struct Bodies {
    /// Every document's file and URL when the bodies were rendered: when a
    /// link could lead elsewhere, no body is reused.
    links: Vec<(String, String)>,
    kept: RwLock<HashMap<PathBuf, (Fingerprint, Arc<Body>)>>,
}

/// A body's text, told apart by length and a 64-bit hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint(usize, u64);

impl Fingerprint {
    fn of(text: &str) -> Fingerprint {
        // A fixed seed, so the same text has the same print all session long.
        let hash = foldhash::fast::FixedState::with_seed(0x6d73).hash_one(text);
        Fingerprint(text.len(), hash)
    }
}

impl Bodies {
    /// Forgets every body when a link may now lead somewhere else: a
    /// document was added, removed, moved or renamed. (While the program
    /// has no errors every link resolves and a URL follows from its file,
    /// so this only guards the rule that a body is a function of its text
    /// and file.)
    pub fn follow(&mut self, program: &Program, resolver: &Resolver, urls: &Urls) {
        let links: Vec<(String, String)> = resolver
            .documents()
            .map(|(file, target)| (file.to_string(), urls.href(&Urls::target(program, target))))
            .collect();
        if links != self.links {
            self.links = links;
            self.kept
                .get_mut()
                .unwrap_or_else(PoisonError::into_inner)
                .clear();
        }
    }

    /// The body `text` of `source`, from the store when it was rendered
    /// from the same text, else rendered now and kept.
    pub fn get(&self, text: &str, source: &Path, render: impl FnOnce() -> Body) -> Arc<Body> {
        let print = Fingerprint::of(text);
        let kept = self.kept.read().unwrap_or_else(PoisonError::into_inner);
        if let Some((seen, body)) = kept.get(source)
            && *seen == print
        {
            return Arc::clone(body);
        }
        drop(kept);
        let body = Arc::new(render());
        self.kept
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(source.to_path_buf(), (print, Arc::clone(&body)));
        body
    }
}

/// Renders `text`, written in `source`, for a page.
pub fn render(
    text: &str,
    source: &Path,
    program: &Program,
    resolver: &Resolver,
    urls: &Urls,
    highlighter: &Highlighter,
) -> Body {
    let rendered = markdown::render(text, source, program, resolver, urls, highlighter);
    Body {
        keywords: keywords(&rendered.text),
        html: tera::Value::normal_string(&rendered.html),
    }
}

/// The distinct lower-case words of `text` longer than two characters, in
/// order, up to about 1,500 bytes.
fn keywords(text: &str) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2)
        .map(str::to_lowercase)
    {
        if out.len() > 1500 {
            break;
        }
        if seen.insert(word.clone()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_unique_lowercase_words() {
        assert_eq!(
            keywords("SQL joins: joins, Joins and SQL!"),
            "sql joins and"
        );
    }

    fn body(html: &str) -> Body {
        Body {
            html: tera::Value::normal_string(html),
            keywords: String::new(),
        }
    }

    #[test]
    fn a_body_is_rendered_again_only_when_its_text_changed() {
        let bodies = Bodies::default();
        let file = Path::new("content/a.md");
        let first = bodies.get("one", file, || body("1"));
        assert_eq!(first.html.as_str(), Some("1"));
        let again = bodies.get("one", file, || body("not rendered again"));
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(
            bodies.get("two", file, || body("2")).html.as_str(),
            Some("2")
        );
        assert_eq!(
            bodies
                .get("one", Path::new("content/b.md"), || body("b"))
                .html
                .as_str(),
            Some("b")
        );
    }

    #[test]
    fn bodies_are_forgotten_when_a_link_could_lead_elsewhere() {
        let urls = Urls::new("https://example.org/");
        let follow = |bodies: &mut Bodies, program: &Program| {
            bodies.follow(program, &Resolver::new(program), &urls);
        };
        let kept = |bodies: &Bodies| {
            let text = "one";
            let fresh = body("rendered again");
            bodies
                .get(text, Path::new("content/a.md"), || fresh)
                .html
                .as_str()
                != Some("rendered again")
        };
        let program = crate::testing::example_with::<&str>(&[]);
        let mut bodies = Bodies::default();
        follow(&mut bodies, &program);
        bodies.get("one", Path::new("content/a.md"), || body("1"));
        follow(&mut bodies, &crate::testing::example_with::<&str>(&[]));
        assert!(kept(&bodies), "nothing moved");
        let added = [(
            "content/pages/glossary.md",
            "---\ntitle: Glossary\n---\nWords.\n",
        )];
        follow(&mut bodies, &crate::testing::example_with(&added));
        assert!(!kept(&bodies), "a page was added");
    }
}
