//! The HTTP side of `serve`: files from the in-memory site, the live-reload
//! endpoints, and nothing else.
//!
//! tiny_http is a small synchronous server: a handful of worker threads
//! answer a local preview's few requests well, with no async runtime to
//! carry. Paths are looked up in the site's own map of files, never joined
//! onto a directory, and a request path that decodes to `..`, `.`, a
//! backslash, an encoded `/` or an empty segment is refused, so no request
//! reaches outside the site.

use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::pending::Pending;
use super::reload::{self, Live};
use crate::write::Site;

/// What the workers share.
#[derive(Debug, Default)]
pub struct Shared {
    /// The last good site.
    pub site: RwLock<Site>,
    /// What open pages follow.
    pub live: Live,
    /// The files an update under way has yet to write.
    pub pending: Pending,
}

/// The longest a request waits for an update to write its file before it
/// gets the file as it is.
const WAIT: Duration = Duration::from_secs(60);

/// Answers requests on `server` with `workers` threads until it stops.
pub fn run(server: Arc<Server>, shared: Arc<Shared>, workers: usize) {
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let server = Arc::clone(&server);
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    answer(request, &shared);
                }
            })
        })
        .collect();
    for handle in handles {
        let _ = handle.join();
    }
}

fn answer(request: Request, shared: &Arc<Shared>) {
    let head = match request.method() {
        Method::Get => false,
        Method::Head => true,
        _ => {
            let _ = request.respond(text(405, "only GET and HEAD are served\n"));
            return;
        }
    };
    let url = request.url().to_string();
    if let Some(name) = url.strip_prefix(reload::PREFIX) {
        let name = name.split(['?', '#']).next().unwrap_or_default();
        match name {
            "events" => {
                // A stream stays open as long as the page: give it its own
                // thread so the workers stay free.
                let shared = Arc::clone(shared);
                let page = open_page(&url);
                std::thread::spawn(move || {
                    let _open = page.map(|file| shared.pending.open(file));
                    let mut out = request.into_writer();
                    shared.live.stream(&mut out);
                });
            }
            "live.js" => {
                let _ = request.respond(body(
                    200,
                    "text/javascript; charset=utf-8",
                    reload::SCRIPT.as_bytes().to_vec(),
                    head,
                ));
            }
            "state" => {
                let json = serde_json::to_vec(&shared.live.snapshot()).unwrap_or_default();
                let _ = request.respond(body(200, "application/json", json, head));
            }
            _ => {
                let _ = request.respond(text(404, "not found\n"));
            }
        }
        return;
    }
    let response = match site_path(&url) {
        None => text(400, "bad request path\n"),
        Some(path) => {
            shared.pending.wait_for(&path, WAIT);
            let site = shared.site.read().unwrap_or_else(PoisonError::into_inner);
            match site.get(&path) {
                Some(bytes) => body(200, content_type(&path), page(&path, bytes), head),
                None if !path.ends_with("index.html")
                    && site.get(&format!("{path}/index.html")).is_some() =>
                {
                    let location = format!("{}/", url.split(['?', '#']).next().unwrap_or("/"));
                    with(text(301, "moved\n"), "Location", &location)
                }
                None => match site.get("404.html") {
                    Some(bytes) => body(
                        404,
                        "text/html; charset=utf-8",
                        page("404.html", bytes),
                        head,
                    ),
                    // No build yet (the program had errors from the
                    // start): a page that carries the overlay and reloads
                    // once the first build is there.
                    None => body(
                        503,
                        "text/html; charset=utf-8",
                        reload::inject(NO_BUILD.as_bytes()),
                        head,
                    ),
                },
            }
        }
    };
    let _ = request.respond(response);
}

/// The site file of the page an event stream was opened from: its
/// `page` parameter is the page's `location.pathname`, URI-encoded.
fn open_page(url: &str) -> Option<String> {
    let (_, query) = url.split_once('?')?;
    let value = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("page="))?;
    let pathname = String::from_utf8(percent_decode(value)?).ok()?;
    site_path(&pathname)
}

/// What is served before the first good build.
const NO_BUILD: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>No site yet</title></head><body><main><h1>No site yet</h1>\
<p>The program has errors, listed in the terminal and below. \
This page reloads when they are fixed.</p></main></body></html>\n";

/// An HTML page gets the live-reload script; other files go as they are.
fn page(path: &str, bytes: &[u8]) -> Vec<u8> {
    if path.ends_with(".html") {
        reload::inject(bytes)
    } else {
        bytes.to_vec()
    }
}

/// The site file a request path names: decoded, checked segment by
/// segment, with `index.html` for a directory. `None` for anything that is
/// not a plain path inside the site.
pub fn site_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let path = path.strip_prefix('/')?;
    let decoded = String::from_utf8(percent_decode(path)?).ok()?;
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let bad = (segment.is_empty() && i != last)
            || *segment == "."
            || *segment == ".."
            || segment.contains(['\\', '\0', ':']);
        if bad {
            return None;
        }
    }
    // An encoded slash would make one segment two after decoding.
    if decoded.split('/').count() != path.split('/').count() {
        return None;
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        Some(format!("{decoded}index.html"))
    } else {
        Some(decoded)
    }
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The media type of a site file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Adds a header; a value that is not valid in a header is left out.
fn with(mut response: Body, name: &str, value: &str) -> Body {
    if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        response.add_header(header);
    }
    response
}

type Body = Response<std::io::Cursor<Vec<u8>>>;

fn body(status: u16, kind: &str, bytes: Vec<u8>, head: bool) -> Body {
    let length = bytes.len();
    let bytes = if head { Vec::new() } else { bytes };
    let response = Response::from_data(bytes).with_status_code(StatusCode(status));
    let response = with(response, "Content-Type", kind);
    // A preview is always fresh.
    let response = with(response, "Cache-Control", "no-store");
    let response = with(response, "X-Content-Type-Options", "nosniff");
    if head {
        with(response, "Content-Length", &length.to_string())
    } else {
        response
    }
}

fn text(status: u16, message: &str) -> Body {
    body(
        status,
        "text/plain; charset=utf-8",
        message.as_bytes().to_vec(),
        false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_site_files() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/paths/data/?x=1#top").as_deref(),
            Some("paths/data/index.html")
        );
        assert_eq!(
            site_path("/calendar/program.ics").as_deref(),
            Some("calendar/program.ics")
        );
        assert_eq!(
            site_path("/pages/caf%C3%A9/").as_deref(),
            Some("pages/café/index.html")
        );
    }

    #[test]
    fn an_event_stream_names_the_page_it_was_opened_from() {
        let events = "/__telemachy/events?page=%2Fpaths%2Fdata%2Fsql-basics%2F";
        assert_eq!(
            open_page(events).as_deref(),
            Some("paths/data/sql-basics/index.html")
        );
        assert_eq!(
            open_page("/__telemachy/events?page=%2F").as_deref(),
            Some("index.html")
        );
        assert_eq!(open_page("/__telemachy/events"), None);
        assert_eq!(open_page("/__telemachy/events?page=%2F..%2Fetc"), None);
    }

    #[test]
    fn paths_outside_the_site_are_refused() {
        for url in [
            "/../secret",
            "/paths/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/static%2F..%2F..%2Fetc%2Fpasswd",
            "/a%5c..%5cb",
            "//etc/passwd",
            "/./index.html",
            "etc/passwd",
            "http://example.org/",
            "/C:/windows",
            "/%00",
            "/%zz",
            "/%ff%fe",
        ] {
            assert_eq!(site_path(url), None, "{url}");
        }
    }

    #[test]
    fn media_types_follow_the_extension() {
        assert_eq!(
            content_type("calendar/program.ics"),
            "text/calendar; charset=utf-8"
        );
        assert_eq!(content_type("static/map.svg"), "image/svg+xml");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("search-index.json"), "application/json");
        assert_eq!(content_type("blob"), "application/octet-stream");
    }
}
