//! `telemachy serve` as a user runs it: on a copy of the demo program, on
//! a free loopback port. An edit shows up in the served page; a broken file
//! puts its errors in the overlay data while the last good page is still
//! served; fixing it clears them. Every wait is bounded and the server is
//! always stopped.

#![cfg(test)]

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod common;

/// Long enough for a loaded two-core machine; a passing run takes far less.
const PATIENCE: Duration = Duration::from_secs(30);

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_demo(dir.path());
    dir
}

/// A running `telemachy serve`, stopped when dropped.
struct Server {
    child: Child,
    address: String,
    log: PathBuf,
}

impl Server {
    fn start(root: &Path) -> Server {
        Server::start_with(root, &[])
    }

    /// Starts serve with `args` added, and reads the address from the
    /// first line it prints.
    fn start_with(root: &Path, args: &[&str]) -> Server {
        let log = root.join("serve.log");
        let stderr = fs::File::create(&log).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_telemachy"))
            .args(["serve", "--port", "0", "--today", "2026-04-15"])
            .args(args)
            .arg("--root")
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("cannot start telemachy serve");
        let stdout = child.stdout.take();
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            if let Some(stdout) = stdout {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    let _ = sender.send(line);
                }
            }
        });
        let mut server = Server {
            child,
            address: String::new(),
            log,
        };
        match lines.recv_timeout(PATIENCE) {
            Ok(line) => match line.strip_prefix("serving http://") {
                Some(url) => server.address = url.trim_end_matches('/').to_string(),
                None => panic!("serve's first line is not its address: {line}"),
            },
            Err(_) => panic!("serve printed no address: {}", server.log()),
        }
        server
    }

    /// The port the server is bound to.
    fn port(&self) -> &str {
        self.address.rsplit_once(':').map_or("", |(_, port)| port)
    }

    fn log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends a raw request target (not normalised by any client) and returns
    /// the status, the headers (lower-case names) and the body.
    fn get(&self, target: &str) -> Response {
        self.send(&format!(
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        ))
    }

    /// Sends `request` as it is on a new connection to the server's
    /// loopback port and reads the response to the end.
    fn send(&self, request: &str) -> Response {
        let to = format!("127.0.0.1:{}", self.port());
        let mut stream = TcpStream::connect(&to).unwrap_or_else(|e| panic!("connect {to}: {e}"));
        let _ = stream.set_read_timeout(Some(PATIENCE));
        // The server may answer and close before a long request is sent
        // whole; the answer is still there to read.
        let _ = stream.write_all(request.as_bytes());
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        Response::parse(&raw)
    }

    /// Polls `target` until `done` accepts the response.
    fn wait_for(&self, target: &str, what: &str, done: impl Fn(&Response) -> bool) -> Response {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let response = self.get(target);
            if done(&response) {
                return response;
            }
            if Instant::now() > deadline {
                panic!(
                    "waited {PATIENCE:?} for {what} at {target}; last status {}; server said:\n{}",
                    response.status,
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn parse(raw: &[u8]) -> Response {
        let text = String::from_utf8_lossy(raw);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect::<Vec<_>>();
        let chunked = headers
            .iter()
            .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
        let body = if chunked {
            dechunk(body)
        } else {
            body.to_string()
        };
        Response {
            status,
            headers,
            body,
        }
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

const MODULE: &str = "content/paths/data-analysis/sql-basics.md";
const PAGE: &str = "/paths/data-analysis/sql-basics/";

#[test]
fn an_edit_is_served_a_broken_file_shows_its_errors_and_a_fix_clears_them() {
    let dir = demo();
    let server = Server::start(dir.path());
    let page = server.get(PAGE);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("SQL basics"));
    assert!(
        page.body.contains("/__telemachy/live.js"),
        "the live-reload script"
    );
    let generation = |r: &Response| {
        serde_json::from_str::<serde_json::Value>(&r.body)
            .map_or(0, |v| v["generation"].as_u64().unwrap_or(0))
    };
    let first = generation(&server.get("/__telemachy/state"));

    let module = dir.path().join(MODULE);
    let text = fs::read_to_string(&module).unwrap_or_default();
    fs::write(
        &module,
        text.replace("title: SQL basics", "title: Questions for a database"),
    )
    .unwrap();
    server.wait_for(PAGE, "the edited title", |r| {
        r.body.contains("Questions for a database")
    });
    // The page is swapped in just before open pages are told.
    server.wait_for("/__telemachy/state", "a new generation", |r| {
        generation(r) > first
    });

    let mentors = dir.path().join("data/mentors.yaml");
    let good = fs::read_to_string(&mentors).unwrap_or_default();
    fs::write(
        &mentors,
        good.replacen("mentors:", "mentors:\n  - id: [unclosed", 1),
    )
    .unwrap();
    let state = server.wait_for("/__telemachy/state", "the overlay's errors", |r| {
        r.body.contains("\"errors\":[{")
    });
    assert!(state.body.contains("data/mentors.yaml:"), "{}", state.body);
    let page = server.get(PAGE);
    assert_eq!(page.status, 200, "the last good site is still served");
    assert!(page.body.contains("Questions for a database"));

    fs::write(&mentors, good).unwrap();
    let fixed = server.wait_for("/__telemachy/state", "the errors to clear", |r| {
        r.body.contains("\"errors\":[]")
    });
    assert!(generation(&fixed) > generation(&state));
    assert_eq!(server.get(PAGE).status, 200);
}

#[test]
fn a_program_broken_from_the_start_is_served_once_fixed() {
    let dir = demo();
    let mentors = dir.path().join("data/mentors.yaml");
    let good = fs::read_to_string(&mentors).unwrap_or_default();
    fs::write(
        &mentors,
        good.replacen("mentors:", "mentors:\n  - id: [unclosed", 1),
    )
    .unwrap();
    let server = Server::start(dir.path());
    let waiting = server.get("/");
    assert_eq!(waiting.status, 503);
    assert!(
        waiting.body.contains("/__telemachy/live.js"),
        "{}",
        waiting.body
    );
    let state = server.get("/__telemachy/state");
    assert!(state.body.contains("data/mentors.yaml:"), "{}", state.body);
    fs::write(&mentors, good).unwrap();
    server.wait_for("/", "the first good build", |r| r.status == 200);
}

#[test]
fn open_pages_follow_the_state_as_server_sent_events() {
    let dir = demo();
    let server = Server::start(dir.path());
    let mut stream = TcpStream::connect(&server.address).unwrap();
    let _ = stream.set_read_timeout(Some(PATIENCE));
    let request = format!(
        "GET /__telemachy/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.address
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut reader = BufReader::new(stream);
    let mut seen = String::new();
    let mut events = 0;
    let module = dir.path().join(MODULE);
    while events < 2 {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            panic!("the stream ended after:\n{seen}");
        }
        seen.push_str(&line);
        if line.starts_with("data: ") {
            events += 1;
            if events == 1 {
                // The current state came at once; an edit sends the next.
                let text = fs::read_to_string(&module).unwrap_or_default();
                fs::write(&module, format!("{text}\nA closing line.\n")).unwrap();
            }
        }
    }
    assert!(seen.contains("Content-Type: text/event-stream"), "{seen}");
    assert!(
        seen.contains("event: state\ndata: {\"generation\":1,"),
        "{seen}"
    );
    assert!(
        seen.contains("event: state\ndata: {\"generation\":2,"),
        "{seen}"
    );
}

#[test]
fn files_are_served_with_their_types_and_misses_get_the_404_page() {
    let dir = demo();
    let logo = dir.path().join("themes/default/static/logo.svg");
    fs::write(&logo, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    let server = Server::start(dir.path());
    for (target, kind) in [
        ("/", "text/html; charset=utf-8"),
        ("/calendar/program.ics", "text/calendar; charset=utf-8"),
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/static/logo.svg", "image/svg+xml"),
        ("/search-index.json", "application/json"),
        ("/sitemap.xml", "application/xml"),
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 200, "{target}");
        assert_eq!(response.header("content-type"), kind, "{target}");
    }
    let feed = server.get("/calendar/program.ics");
    assert!(
        !feed.body.contains("live.js"),
        "only HTML pages get the script"
    );
    let missing = server.get("/paths/no-such-path/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html"), "the site's 404 page");
    let moved = server.get("/paths/data-analysis");
    assert_eq!(moved.status, 301);
    assert_eq!(moved.header("location"), "/paths/data-analysis/");
}

#[test]
fn no_request_reaches_outside_the_site() {
    let dir = demo();
    fs::write(dir.path().join("secret.txt"), "do not serve").unwrap();
    let server = Server::start(dir.path());
    for target in [
        "/../secret.txt",
        "/paths/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/static%2F..%2F..%2Fsecret.txt",
        "/static/..%5c..%5csecret.txt",
        "//etc/passwd",
        "/..",
        &format!("{}/secret.txt", dir.path().display()),
        "http://localhost/../secret.txt",
        "/data/program.yaml",
        "/content/paths/data-analysis/sql-basics.md",
    ] {
        let response = server.get(target);
        assert_ne!(response.status, 200, "{target}");
        for leak in ["do not serve", "root:", "base_url:", "prerequisites:"] {
            assert!(!response.body.contains(leak), "{target} served {leak}");
        }
    }
}

#[test]
fn a_build_has_no_trace_of_the_live_reload_script() {
    let dir = demo();
    let out = dir.path().join("public");
    let status = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(["build", "--today", "2026-04-15", "--root"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mut stack = vec![out];
    let mut files = 0;
    while let Some(next) = stack.pop() {
        for entry in fs::read_dir(&next).into_iter().flatten().flatten() {
            if entry.path().is_dir() {
                stack.push(entry.path());
            } else {
                files += 1;
                let bytes = fs::read(entry.path()).unwrap_or_default();
                let text = String::from_utf8_lossy(&bytes);
                assert!(
                    !text.contains("__telemachy") && !text.contains("EventSource"),
                    "{}",
                    entry.path().display()
                );
            }
        }
    }
    assert!(files > 30);
}

/// The answer to `GET /` with these header lines.
fn status_with(server: &Server, version: &str, headers: &str) -> u16 {
    server
        .send(&format!(
            "GET / {version}\r\n{headers}Connection: close\r\n\r\n"
        ))
        .status
}

#[test]
fn only_requests_that_name_this_server_are_answered() {
    let dir = demo();
    let server = Server::start(dir.path());
    let port = server.port().to_string();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let status = status_with(&server, "HTTP/1.1", &format!("Host: {host}\r\n"));
        assert_eq!(status, 200, "{host}");
    }
    // A page of another site whose name was made to resolve to this
    // machine sends its own name.
    for host in [
        format!("attacker.example:{port}"),
        format!("localhost.attacker.example:{port}"),
        format!("127.0.0.2:{port}"),
        "localhost".to_string(),
        "localhost:1".to_string(),
        format!("localhost:{port}x"),
        format!("::1:{port}"),
        String::new(),
    ] {
        let status = status_with(&server, "HTTP/1.1", &format!("Host: {host}\r\n"));
        assert_eq!(status, 421, "{host:?}");
        let state = server.send(&format!(
            "GET /__telemachy/state HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(state.status, 421, "{host:?}");
        assert!(!state.body.contains("generation"), "{}", state.body);
    }
    let stream = server.send(&format!(
        "GET /__telemachy/events HTTP/1.1\r\nHost: attacker.example:{port}\r\n\r\n"
    ));
    assert_eq!(stream.status, 421, "{}", stream.body);
    // The authority of an absolute target counts, not the Host beside it.
    let absolute = server.send(&format!(
        "GET http://attacker.example:{port}/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    ));
    assert_eq!(absolute.status, 421);
    let two = format!("Host: 127.0.0.1:{port}\r\nHost: attacker.example:{port}\r\n");
    assert_eq!(status_with(&server, "HTTP/1.1", &two), 400);
    // HTTP/1.1 requires Host; HTTP/1.0 clients may leave it out, and no
    // browser page can.
    assert_eq!(status_with(&server, "HTTP/1.1", ""), 400);
    assert_eq!(status_with(&server, "HTTP/1.0", ""), 200);
}

#[test]
fn long_request_lines_and_headers_are_refused() {
    let dir = demo();
    let server = Server::start(dir.path());
    let long = format!("/{}", "a".repeat(9_000));
    assert_eq!(server.get(&long).status, 414);
    let fine = format!("/{}", "a".repeat(7_000));
    assert_eq!(
        server.get(&fine).status,
        404,
        "a long path within the limit"
    );
    let host = format!("Host: {}\r\n", server.address);
    let big = format!("{host}X-Filler: {}\r\n", "b".repeat(20_000));
    assert_eq!(status_with(&server, "HTTP/1.1", &big), 431);
    let many: String = (0..150).map(|i| format!("X-Filler-{i}: b\r\n")).collect();
    assert_eq!(
        status_with(&server, "HTTP/1.1", &format!("{host}{many}")),
        431
    );
    // A head past what is read at all is cut off unread.
    let huge = format!("{host}X-Filler: {}\r\n", "b".repeat(200_000));
    assert_eq!(status_with(&server, "HTTP/1.1", &huge), 431);
    assert_eq!(server.get("/").status, 200, "the server goes on");
}

#[cfg(target_os = "linux")]
#[test]
fn two_thousand_idle_connections_take_no_more_threads() {
    let dir = demo();
    let server = Server::start(dir.path());
    assert_eq!(server.get("/").status, 200);
    let tasks = format!("/proc/{}/task", server.child.id());
    let threads = || fs::read_dir(&tasks).map_or(0, |entries| entries.count());
    let before = threads();
    let to = format!("127.0.0.1:{}", server.port());
    let idle: Vec<TcpStream> = (0..2_000)
        .map(|i| {
            TcpStream::connect(&to).unwrap_or_else(|e| {
                panic!("connection {i}: {e} (the test needs about 2,100 open files: ulimit -n)")
            })
        })
        .collect();
    // Connections are accepted in order: once this one is answered, every
    // idle one before it has been taken in.
    assert_eq!(server.get("/").status, 200, "a request is still answered");
    let during = threads();
    eprintln!(
        "serve's threads: {before} before, {during} with {} idle connections",
        idle.len()
    );
    assert!(
        during < before + 8,
        "{during} threads with 2,000 idle connections, {before} before"
    );
    drop(idle);
}

#[test]
fn the_first_line_names_the_address_really_bound() {
    let dir = demo();
    let server = Server::start_with(dir.path(), &["--bind", "0.0.0.0"]);
    assert!(server.address.starts_with("0.0.0.0:"), "{}", server.address);
    assert_ne!(server.port(), "0", "the real port, not the one asked for");
    let port = server.port().to_string();
    // The address a connection reached counts as the server's name.
    for host in [format!("0.0.0.0:{port}"), format!("127.0.0.1:{port}")] {
        let status = status_with(&server, "HTTP/1.1", &format!("Host: {host}\r\n"));
        assert_eq!(status, 200, "{host}");
    }
    let sitemap = server.send(&format!(
        "GET /sitemap.xml HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
    ));
    assert!(
        sitemap.body.contains(&format!("http://127.0.0.1:{port}/")),
        "addresses are this machine's: {}",
        sitemap.body
    );
    assert!(server.log().contains("warning: listening on 0.0.0.0"));
}
