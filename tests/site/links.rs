//! Every link a reader can follow lands: each internal `href`, `src` and
//! form `action` of every page names a file the build wrote (`/x/` is
//! `x/index.html`), and each `#anchor` names an `id` on the page it points
//! at. The same holds for the search index and the sitemap. This is the
//! guarantee that link rewriting works, in every audience.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::{
    Files, decode_entities, html_pages, percent_decode, public_site, secret_site, staff_site, text,
};

/// The program's `base_url`, whose path is the site root.
const BASE_URL: &str = "https://mentoring.northbridge.example/";

/// Values of the attribute `name` in `html`, decoded.
fn attribute(html: &str, name: &str) -> Vec<String> {
    let mut values = Vec::new();
    for quote in ['"', '\''] {
        let pattern = format!("{name}={quote}");
        let mut rest = html;
        while let Some(at) = rest.find(&pattern) {
            let preceded_by_space = rest[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
            rest = &rest[at + pattern.len()..];
            let Some(end) = rest.find(quote) else { break };
            if preceded_by_space {
                values.push(decode_entities(&rest[..end]));
            }
            rest = &rest[end..];
        }
    }
    values
}

/// The file a site-root-relative URL path names, as a static server finds it.
fn file_of(path: &str) -> String {
    let path = percent_decode(path.trim_start_matches('/'));
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    }
}

/// The absolute URL path of a relative `href` written on the page at `file`.
fn resolve(file: &str, href: &str) -> String {
    let mut segments: Vec<&str> = file.split('/').collect();
    segments.pop();
    let trailing = href.ends_with('/') || href.is_empty();
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            part => segments.push(part),
        }
    }
    let mut url = format!("/{}", segments.join("/"));
    if trailing && !url.ends_with('/') {
        url.push('/');
    }
    url
}

/// A link that leaves the site, or is not a link to a document.
fn is_external(href: &str) -> bool {
    href.starts_with("//")
        || ["http:", "https:", "mailto:", "tel:", "webcal:", "data:"]
            .iter()
            .any(|scheme| href.starts_with(scheme))
}

/// Problems with the links of `site`, each naming the page and the link.
fn broken_links(site: &Files) -> Vec<String> {
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (path, html) in html_pages(site) {
        ids.insert(path, attribute(html, "id").into_iter().collect());
    }
    let mut broken = Vec::new();
    for (page, html) in html_pages(site) {
        let links = ["href", "src", "action"]
            .iter()
            .flat_map(|name| attribute(html, name));
        for link in links {
            if is_external(&link) {
                continue;
            }
            let (location, fragment) = match link.split_once('#') {
                Some((location, fragment)) => (location, Some(fragment)),
                None => (link.as_str(), None),
            };
            let location = location.split('?').next().unwrap_or_default();
            let target = match location {
                "" => page.to_string(),
                l if l.starts_with('/') => file_of(l),
                l => file_of(&resolve(page, l)),
            };
            if !site.contains_key(&target) {
                broken.push(format!("{page}: `{link}` → {target}, which was not built"));
                continue;
            }
            let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
                continue;
            };
            let fragment = percent_decode(fragment);
            match ids.get(target.as_str()) {
                Some(targets) if targets.contains(&fragment) => {}
                Some(_) => broken.push(format!("{page}: `{link}` → no id `{fragment}`")),
                None => broken.push(format!("{page}: `{link}` → an anchor in a non-page")),
            }
        }
    }
    broken
}

fn assert_links_land(site: &Files, audience: &str) {
    let broken = broken_links(site);
    assert!(
        broken.is_empty(),
        "broken links in the {audience} build:\n{}",
        broken.join("\n")
    );
}

#[test]
fn every_link_of_the_public_site_lands() {
    assert_links_land(public_site(), "public");
}

#[test]
fn every_link_of_the_staff_site_lands() {
    assert_links_land(staff_site(), "staff");
}

#[test]
fn every_link_of_personal_pages_lands() {
    assert_links_land(secret_site(), "public with a secret");
}

#[test]
fn the_not_found_page_links_work_from_any_address() {
    // Servers show 404.html at whatever address was asked for, so a
    // relative link on it would resolve against that address.
    let html = text(public_site(), "404.html");
    for name in ["href", "src", "action"] {
        for link in attribute(html, name) {
            assert!(
                link.starts_with('/') || link.starts_with('#') || is_external(&link),
                "404.html links to `{link}`, which breaks when it is shown at a deeper address"
            );
        }
    }
}

#[test]
fn ids_are_unique_on_every_page() {
    for (audience, site) in [("public", public_site()), ("staff", staff_site())] {
        for (page, html) in html_pages(site) {
            let mut seen = BTreeSet::new();
            let repeated: Vec<String> = attribute(html, "id")
                .into_iter()
                .filter(|id| !seen.insert(id.clone()))
                .collect();
            assert!(
                repeated.is_empty(),
                "{page} of the {audience} build repeats the ids {repeated:?}, so a link to them may land on the wrong one"
            );
        }
    }
}

#[test]
fn search_results_and_sitemap_entries_land() {
    let site = public_site();
    let index: Vec<serde_json::Value> =
        serde_json::from_str(text(site, "search-index.json")).unwrap();
    assert!(!index.is_empty(), "the search index is empty");
    for entry in &index {
        let url = entry["url"].as_str().unwrap_or_default();
        assert!(
            url.starts_with('/') && site.contains_key(&file_of(url)),
            "the search index points at `{url}`, which was not built"
        );
    }
    let sitemap = text(site, "sitemap.xml");
    let locations: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split("</loc>").next())
        .collect();
    assert!(!locations.is_empty(), "the sitemap is empty");
    for location in locations {
        let path = location.strip_prefix(BASE_URL).unwrap_or_else(|| {
            panic!("the sitemap lists `{location}`, outside the site at {BASE_URL}")
        });
        assert!(
            site.contains_key(&file_of(path)),
            "the sitemap lists `{location}`, which was not built"
        );
    }
}
