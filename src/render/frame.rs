//! What every page's frame shows: the site's name and the navigation.
//!
//! Both are the same on thousands of pages, so they are made into template
//! values once per render and shared (template values are reference
//! counted), rather than built and converted again for every page.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use serde_json::json;
use tera::Value;

use super::audience::Audience;
use super::urls::Urls;
use crate::model::Program;

/// What a navigation entry is called: the title of a path or page from
/// the program's content, or a message of the theme's catalog.
#[derive(Debug)]
enum Entry {
    Title(String),
    Key(&'static str),
}

/// The site and navigation values of one render.
#[derive(Debug)]
pub struct Frame {
    site: Value,
    /// Each navigation entry's title (or the catalog key of the theme's
    /// own words for it), URL and directory.
    entries: Vec<(Entry, String, String)>,
    /// The navigation as marked for each set of current entries seen.
    marked: Mutex<HashMap<Vec<bool>, Value>>,
}

impl Frame {
    /// The frame of `program`'s pages for `audience`, on a site published
    /// at `base_url`.
    pub fn new(program: &Program, audience: Audience, base_url: &str, urls: &Urls) -> Frame {
        let settings = &program.settings;
        let site = Value::from_serializable(&json!({
            "title": settings.title,
            "tagline": settings.tagline,
            "language": settings.language,
            "direction": crate::theme::catalog::direction(&settings.language),
            "root": urls.root,
            "base_url": base_url,
        }));
        let mut items = vec![(Entry::Key("nav-home"), String::new())];
        for (id, path) in program.paths_with_ids() {
            items.push((Entry::Title(path.title.clone()), Urls::path(program, id)));
        }
        items.push((Entry::Key("nav-cohorts"), "cohorts/".into()));
        items.push((Entry::Key("nav-mentors"), "mentors/".into()));
        items.push((Entry::Key("nav-calendar"), "calendar/".into()));
        for (id, page) in program.pages_with_ids() {
            items.push((Entry::Title(page.title.clone()), Urls::page(program, id)));
        }
        if audience == Audience::Staff {
            items.push((Entry::Key("nav-report"), "report/".into()));
            items.push((Entry::Key("nav-actions"), "actions/".into()));
        }
        let entries = items
            .into_iter()
            .map(|(title, dir)| (title, urls.href(&dir), dir))
            .collect();
        Frame {
            site,
            entries,
            marked: Mutex::new(HashMap::new()),
        }
    }

    /// The site's title, tagline, language (and its direction) and URLs.
    pub fn site(&self) -> Value {
        self.site.clone()
    }

    /// The navigation for the page at `current` (a site-relative
    /// directory), with the entries it lies under marked current.
    pub fn nav(&self, current: &str) -> Value {
        let marks: Vec<bool> = self
            .entries
            .iter()
            .map(|(_, _, dir)| dir == current || (!dir.is_empty() && current.starts_with(dir)))
            .collect();
        let mut marked = self.marked.lock().unwrap_or_else(PoisonError::into_inner);
        marked
            .entry(marks)
            .or_insert_with_key(|marks| {
                let entries: Vec<_> = self
                    .entries
                    .iter()
                    .zip(marks)
                    .map(|((entry, url, _), current)| match entry {
                        Entry::Title(title) => {
                            json!({ "title": title, "url": url, "current": current })
                        }
                        Entry::Key(key) => json!({ "key": key, "url": url, "current": current }),
                    })
                    .collect();
                Value::from_serializable(&entries)
            })
            .clone()
    }
}
