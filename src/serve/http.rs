//! The HTTP side of `serve`: files from the in-memory site, the live-reload
//! endpoints, and nothing else, for this machine's browser only.
//!
//! hyper serves HTTP/1.1 on a tokio runtime of one thread, so an idle or
//! slow connection is a small task, not a thread: two thousand open
//! connections cost no more threads than one. A request for a site file may
//! wait for an update to write it, so it is answered on a blocking pool of
//! a few threads; an event stream is a task that waits for the next change.
//! (tiny_http, used before, gave every connection a thread of its own.)
//!
//! A request is answered only when its `Host` names this server (see
//! [`Origin`]): a page from elsewhere whose name is made to resolve to this
//! machine (DNS rebinding) gets 421, never a staff page. Request lines and
//! headers are bounded (414, 431), and a connection that does not send a
//! whole request head in ten seconds is closed.
//!
//! Paths are looked up in the site's own map of files, never joined onto a
//! directory, and a request path that decodes to `..`, `.`, a backslash, an
//! encoded `/` or an empty segment is refused, so no request reaches
//! outside the site.

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::channel::Channel;
use http_body_util::{Either, Full};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode, Version};
use hyper_util::rt::{TokioIo, TokioTimer};

use super::pending::Pending;
use super::reload::{self, Live};
use crate::render::Site;

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

/// The longest request target served; a longer one gets 414.
pub const MAX_TARGET: usize = 8 * 1024;

/// The most bytes of header fields (names, values and separators) served; more
/// get 431.
pub const MAX_HEADERS: usize = 16 * 1024;

/// Where hyper stops reading a request head that has not ended (431),
/// whatever part of it is long.
const MAX_HEAD: usize = 64 * 1024;

/// How long a connection may take to send a whole request head, from when
/// it opens or its last response was sent.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// The server as requests must name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The address the server is bound to.
    pub bound: SocketAddr,
}

impl Origin {
    /// Whether `host` (a `Host` header, or the authority of an absolute
    /// request target) names this server, for a connection that reached it
    /// at `reached`: `localhost`, `127.0.0.1`, `[::1]`, the bound address
    /// or the address the connection came in on, each with the server's
    /// port (80 when none is written). A name other than `localhost` is
    /// refused: it could be an attacker's, pointed at this machine.
    pub fn accepts(&self, host: &str, reached: IpAddr) -> bool {
        let Some((name, port)) = split_host(host) else {
            return false;
        };
        if port.unwrap_or(80) != self.bound.port() {
            return false;
        }
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => {
                let ip = ip.to_canonical();
                ip == IpAddr::V4(Ipv4Addr::LOCALHOST)
                    || ip == IpAddr::V6(Ipv6Addr::LOCALHOST)
                    || ip == self.bound.ip().to_canonical()
                    || ip == reached.to_canonical()
            }
            Err(_) => false,
        }
    }
}

/// A `Host` value's name and port: `name`, `name:port`, `[v6]` or
/// `[v6]:port`. `None` when it is none of these.
fn split_host(host: &str) -> Option<(&str, Option<u16>)> {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => {
            let (name, after) = rest.split_once(']')?;
            if after.is_empty() {
                (name, None)
            } else {
                (name, Some(after.strip_prefix(':')?))
            }
        }
        None => match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        },
    };
    if name.is_empty() {
        return None;
    }
    match port {
        None => Some((name, None)),
        Some(port) => Some((name, Some(port.parse().ok()?))),
    }
}

/// A bound listener and the runtime that answers on it.
#[derive(Debug)]
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    origin: Origin,
}

impl Server {
    /// Readies `listener`, with at most `workers` threads to read site
    /// files besides the one that runs the connections.
    pub fn new(listener: TcpListener, workers: usize) -> std::io::Result<Server> {
        let origin = Origin {
            bound: listener.local_addr()?,
        };
        listener.set_nonblocking(true)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .max_blocking_threads(workers)
            .build()?;
        let listener = {
            let _inside = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        Ok(Server {
            runtime,
            listener,
            origin,
        })
    }

    /// Answers requests until the process ends.
    pub fn run(self, shared: Arc<Shared>) {
        let Server {
            runtime,
            listener,
            origin,
        } = self;
        runtime.block_on(async move {
            loop {
                let stream = match listener.accept().await {
                    Ok((stream, _)) => stream,
                    // Out of file descriptors, most likely: let open
                    // connections end rather than spin on the error.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                connection(stream, Arc::clone(&shared), origin);
            }
        });
    }
}

/// Serves one connection, as a task.
fn connection(stream: tokio::net::TcpStream, shared: Arc<Shared>, origin: Origin) {
    let Ok(reached) = stream.local_addr().map(|a| a.ip()) else {
        return;
    };
    tokio::spawn(async move {
        let service = service_fn(move |request| {
            let shared = Arc::clone(&shared);
            async move { Ok::<_, Infallible>(answer(request, shared, origin, reached).await) }
        });
        let _ = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEAD_TIMEOUT)
            .max_buf_size(MAX_HEAD)
            .max_header_size(MAX_HEAD)
            .title_case_headers(true)
            .serve_connection(TokioIo::new(stream), service)
            .await;
    });
}

/// Why a request is not answered, if it is not: too long, or not meant
/// for this server.
fn refusal(request: &Request<Incoming>, origin: Origin, reached: IpAddr) -> Option<Body> {
    let target = request.uri().to_string();
    if target.len() > MAX_TARGET {
        return Some(text(414, "the request target is too long\n"));
    }
    let headers: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum();
    if headers > MAX_HEADERS {
        return Some(text(431, "the request headers are too large\n"));
    }
    let hosts: Vec<&HeaderValue> = request.headers().get_all(header::HOST).iter().collect();
    let host = match (request.uri().authority(), hosts.as_slice()) {
        (Some(authority), _) => Some(authority.as_str()),
        (None, [one]) => Some(one.to_str().unwrap_or_default()),
        (None, []) => None,
        (None, _) => return Some(text(400, "more than one Host header\n")),
    };
    match host {
        Some(host) if origin.accepts(host, reached) => None,
        Some(_) => Some(text(
            421,
            "this server answers only requests for its own address, such as localhost\n",
        )),
        // No browser sends a request without Host, so such a request
        // cannot come from a page; HTTP/1.1 requires it all the same.
        None if request.version() < Version::HTTP_11 => None,
        None => Some(text(400, "a Host header is required\n")),
    }
}

async fn answer(
    request: Request<Incoming>,
    shared: Arc<Shared>,
    origin: Origin,
    reached: IpAddr,
) -> Body {
    if let Some(refused) = refusal(&request, origin, reached) {
        return refused;
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return text(405, "only GET and HEAD are served\n");
    }
    let url = request.uri().to_string();
    if let Some(name) = url.strip_prefix(reload::PREFIX) {
        let name = name.split(['?', '#']).next().unwrap_or_default();
        return match name {
            "events" => events(shared, open_page(&url)),
            "live.js" => body(
                200,
                "text/javascript; charset=utf-8",
                reload::SCRIPT.as_bytes().to_vec(),
            ),
            "state" => {
                let json = serde_json::to_vec(&shared.live.snapshot()).unwrap_or_default();
                body(200, "application/json", json)
            }
            _ => text(404, "not found\n"),
        };
    }
    let Some(path) = site_path(&url) else {
        return text(400, "bad request path\n");
    };
    // Waiting for an update blocks: a few threads do it, while the
    // connections go on without them.
    tokio::task::spawn_blocking(move || site_file(&shared, &path, &url))
        .await
        .unwrap_or_else(|_| text(500, "the request failed\n"))
}

/// The live-reload stream of the page `page`, kept open as long as the
/// page is.
fn events(shared: Arc<Shared>, page: Option<String>) -> Body {
    let (mut sender, stream) = Channel::new(2);
    tokio::spawn(async move {
        let _open = page.map(|file| shared.pending.open(file));
        shared.live.stream(&mut sender).await;
    });
    let mut response = Response::new(Either::Right(stream));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A file of the site, once the update under way has written it.
fn site_file(shared: &Shared, path: &str, url: &str) -> Body {
    shared.pending.wait_for(path, WAIT);
    let site = shared.site.read().unwrap_or_else(PoisonError::into_inner);
    match site.get(path) {
        Some(bytes) => body(200, content_type(path), page(path, bytes)),
        None if !path.ends_with("index.html")
            && site.get(&format!("{path}/index.html")).is_some() =>
        {
            let location = format!("{}/", url.split(['?', '#']).next().unwrap_or("/"));
            with(text(301, "moved\n"), header::LOCATION, &location)
        }
        None => match site.get("404.html") {
            Some(bytes) => body(404, "text/html; charset=utf-8", page("404.html", bytes)),
            // No build yet (the program had errors from the start): a page
            // that carries the overlay and reloads once the first build is
            // there.
            None => body(
                503,
                "text/html; charset=utf-8",
                reload::inject(NO_BUILD.as_bytes()),
            ),
        },
    }
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

/// A response: a whole body, or an event stream.
type Body = Response<Either<Full<Bytes>, Channel<Bytes>>>;

/// Adds a header; a value that is not valid in a header is left out.
fn with(mut response: Body, name: header::HeaderName, value: &str) -> Body {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
    response
}

/// A whole response; hyper leaves the body out for HEAD.
fn body(status: u16, kind: &str, bytes: Vec<u8>) -> Body {
    let mut response = Response::new(Either::Left(Full::new(Bytes::from(bytes))));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let response = with(response, header::CONTENT_TYPE, kind);
    // A preview is always fresh.
    let response = with(response, header::CACHE_CONTROL, "no-store");
    with(response, header::X_CONTENT_TYPE_OPTIONS, "nosniff")
}

fn text(status: u16, message: &str) -> Body {
    body(
        status,
        "text/plain; charset=utf-8",
        message.as_bytes().to_vec(),
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
    fn only_this_servers_names_are_accepted_as_host() {
        let loopback = Origin {
            bound: "127.0.0.1:1111".parse().unwrap(),
        };
        let reached: IpAddr = Ipv4Addr::LOCALHOST.into();
        for host in [
            "localhost:1111",
            "LOCALHOST:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
        ] {
            assert!(loopback.accepts(host, reached), "{host}");
        }
        for host in [
            "evil.example:1111",
            "localhost",
            "localhost:80",
            "localhost:1111:1111",
            "127.0.0.2:1111",
            "::1:1111",
            "[::1]1111",
            ":1111",
            "",
        ] {
            assert!(!loopback.accepts(host, reached), "{host:?}");
        }
        let everywhere = Origin {
            bound: "0.0.0.0:80".parse().unwrap(),
        };
        let lan: IpAddr = "192.0.2.7".parse().unwrap();
        assert!(
            everywhere.accepts("192.0.2.7", lan),
            "the address reached, port 80"
        );
        assert!(everywhere.accepts("0.0.0.0:80", lan));
        assert!(
            !everywhere.accepts("192.0.2.8", lan),
            "another machine's address"
        );
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert!(everywhere.accepts("192.0.2.7:80", mapped));
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
