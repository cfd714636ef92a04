//! Where every page of the site lives. One function per page kind, so a
//! link and the file it points at can never disagree.

use crate::derive::links::Target;
use crate::model::{CohortId, ModuleId, PageId, PathId, Program};

/// URL paths relative to the site root (no leading `/`), each ending in `/`
/// for a directory page; [`Urls::href`] prefixes the site's base path.
#[derive(Debug, Clone)]
pub struct Urls {
    /// Path of the site root on its host, e.g. `/` or `/mentoring/`.
    pub root: String,
}

impl Urls {
    /// URLs for a site published at `base_url`.
    pub fn new(base_url: &str) -> Urls {
        let after_scheme = base_url
            .split_once("://")
            .map_or(base_url, |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        let mut root = path.to_string();
        if !root.ends_with('/') {
            root.push('/');
        }
        Urls { root }
    }

    /// An absolute URL path for a site-relative path.
    pub fn href(&self, relative: &str) -> String {
        format!("{}{relative}", self.root)
    }

    /// A learning path's page.
    pub fn path(program: &Program, id: PathId) -> String {
        format!("paths/{}/", program.path(id).key)
    }

    /// A module's page, under the path whose directory holds it.
    pub fn module(program: &Program, id: ModuleId) -> String {
        let module = program.module(id);
        match module.path {
            Some(path) => format!("paths/{}/{}/", program.path(path).key, module.key),
            None => format!("modules/{}/", module.key),
        }
    }

    /// A free page.
    pub fn page(program: &Program, id: PageId) -> String {
        format!("pages/{}/", program.pages[id.index()].key)
    }

    /// A cohort's page.
    pub fn cohort(program: &Program, id: CohortId) -> String {
        format!("cohorts/{}/", program.cohort(id).key)
    }

    /// The staff page of the mentors suggested for a cohort's waiting
    /// learners, beside the cohort's own page.
    pub fn matches(program: &Program, id: CohortId) -> String {
        format!("{}matches/", Self::cohort(program, id))
    }

    /// The page of a link target.
    pub fn target(program: &Program, target: Target) -> String {
        match target {
            Target::Module(id) => Self::module(program, id),
            Target::Path(id) => Self::path(program, id),
            Target::Page(id) => Self::page(program, id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_the_base_urls_path() {
        assert_eq!(Urls::new("https://example.org/").root, "/");
        assert_eq!(Urls::new("https://example.org").root, "/");
        assert_eq!(
            Urls::new("https://example.org/mentoring").root,
            "/mentoring/"
        );
        assert_eq!(
            Urls::new("https://example.org/a/b/").href("paths/x/"),
            "/a/b/paths/x/"
        );
    }
}
