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

/// The site and navigation values of one render.
#[derive(Debug)]
pub struct Frame {
    site: Value,
    /// Each navigation entry's title, URL and directory.
    entries: Vec<(String, String, String)>,
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
        let mut items = vec![("Home".to_string(), String::new())];
        for (id, path) in program.paths_with_ids() {
            items.push((path.title.clone(), Urls::path(program, id)));
        }
        items.push(("Cohorts".into(), "cohorts/".into()));
        items.push(("Mentors".into(), "mentors/".into()));
        items.push(("Calendar".into(), "calendar/".into()));
        for (id, page) in program.pages_with_ids() {
            items.push((page.title.clone(), Urls::page(program, id)));
        }
        if audience == Audience::Staff {
            items.push(("Check report".into(), "report/".into()));
            items.push(("Actions".into(), "actions/".into()));
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
                    .map(|((title, url, _), current)| {
                        json!({ "title": title, "url": url, "current": current })
                    })
                    .collect();
                Value::from_serializable(&entries)
            })
            .clone()
    }
}
