//! The files beside the pages: `sitemap.xml`, `robots.txt`, the search
//! index, and a staff site's figures.

use std::fmt::Write as _;

use crate::derive::metrics::Metrics;
use crate::model::{CohortId, Program};
use crate::render::Site;
use crate::render::audience::Audience;
use crate::render::progress::{self};
use crate::render::urls::Urls;

use super::{SearchEntry, Shared, escape};

/// The sitemap's file.
pub const SITEMAP: &str = "sitemap.xml";
/// The file that asks robots to keep out of personal pages (or the whole
/// staff site).
pub const ROBOTS: &str = "robots.txt";
/// The search index's file.
pub const SEARCH_INDEX: &str = "search-index.json";
/// A staff site's figures of every cohort.
const METRICS: &str = "metrics.json";

/// `sitemap.xml`, `robots.txt` and the search index.
pub fn site_files(
    shared: &Shared<'_>,
    site: &mut Site,
    index: Vec<SearchEntry>,
    mut listed: Vec<String>,
) {
    let base = shared.options.base_url.trim_end_matches('/');
    let host_root = base
        .find("://")
        .and_then(|i| base[i + 3..].find('/').map(|j| &base[..i + 3 + j]))
        .unwrap_or(base);
    listed.sort();
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for file in &listed {
        let dir = file.trim_end_matches("index.html");
        let _ = writeln!(
            sitemap,
            "  <url><loc>{}</loc></url>",
            escape(&format!("{host_root}{}", shared.urls.href(dir)))
        );
    }
    sitemap.push_str("</urlset>\n");
    site.insert(SITEMAP, sitemap);
    let robots = match shared.options.audience {
        Audience::Staff => "User-agent: *\nDisallow: /\n".to_string(),
        Audience::Public => format!(
            "User-agent: *\nDisallow: {}p/\nSitemap: {host_root}{}sitemap.xml\n",
            shared.urls.root, shared.urls.root
        ),
    };
    site.insert(ROBOTS, robots);
    let entries: Vec<(String, String)> = index.iter().map(search_entry).collect();
    site.insert(SEARCH_INDEX, search_index(&entries));
    exports(shared, site);
}

/// A page's entry in the search index as the index holds it: its URL and
/// its JSON.
pub fn search_entry(entry: &SearchEntry) -> (String, String) {
    let json = serde_json::to_string(entry).unwrap_or_default();
    (entry.url.clone(), json)
}

/// The search index from its entries (see [`search_entry`]), by URL: the
/// build writes it from every page's, `serve` from the ones it keeps.
pub fn search_index<'a>(entries: impl IntoIterator<Item = &'a (String, String)>) -> String {
    let mut entries: Vec<&(String, String)> = entries.into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut json = String::with_capacity(entries.iter().map(|e| e.1.len() + 1).sum::<usize>() + 2);
    json.push('[');
    for (i, (_, entry)) in entries.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(entry);
    }
    json.push(']');
    json
}

/// A staff build's figures in full, as `metrics.json` and a CSV per cohort;
/// nothing in a public build, since they count every group, however small.
pub fn exports(shared: &Shared<'_>, site: &mut Site) {
    if shared.options.audience == Audience::Staff {
        let program = shared.program();
        let today = shared.options.today.format("%Y-%m-%d").to_string();
        site.insert(
            METRICS,
            progress::metrics_json(program, &shared.metrics.cohorts, &today),
        );
        for metrics in &shared.metrics.cohorts {
            site.insert(
                cohort_csv_file(program, metrics.cohort),
                progress::cohort_csv(program, metrics),
            );
        }
    }
}

/// The files [`exports`] writes for `audience`.
pub fn export_files(program: &Program, metrics: &Metrics, audience: Audience) -> Vec<String> {
    if audience != Audience::Staff {
        return Vec::new();
    }
    let cohorts = metrics
        .cohorts
        .iter()
        .map(|m| cohort_csv_file(program, m.cohort));
    std::iter::once(METRICS.to_string())
        .chain(cohorts)
        .collect()
}

fn cohort_csv_file(program: &Program, cohort: CohortId) -> String {
    format!("{}metrics.csv", Urls::cohort(program, cohort))
}
