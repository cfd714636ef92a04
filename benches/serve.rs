//! `telemachy serve`: the time from saving a file to the new page being
//! served, on generated programs.
//!
//! ```text
//! cargo bench --bench serve [-- --modules 1000,10000] [--runs 5] [--slow-runs 1]
//!     [--dir DIR] [--seed N]
//! ```
//!
//! For each size the generator of `benches/generate.rs` writes a program of
//! N modules (paths of about 100) with its usual 10,000 learners, 100,000
//! meetings and 50 cohorts into tmpfs. `telemachy build` builds it once
//! into tmpfs for the full-build time beside the figures. Then
//! `telemachy serve --port 0` is started on it (the time to the first
//! answer to a request made as soon as it prints its address is its full
//! in-memory build), and for each kind of edit,
//! `--runs` times (`--slow-runs` times, 0 to skip them, for the template
//! and program edits, which render every module page):
//!
//! - **module text**: a paragraph with a new word appended to one module;
//!   polled: that module's page;
//! - **module opening**: a paragraph with a new word put after the
//!   module's first heading, so its search-index entry (its first words)
//!   changes and the whole index is written again; polled: that page;
//! - **session**: the title of a cohort's group session series changed;
//!   polled: the cohort's page, which lists its sessions;
//! - **learner**: the name of a learner listed on their cohort's page
//!   (one file of `data/learners/`) changed; polled: that cohort's page;
//! - **template**: a comment with a new word added to `module.html` (every
//!   module page uses it); polled: a module page;
//! - **program**: the program's title changed in `data/program.yaml` (every
//!   page shows it); polled: a module page;
//! - **pair**: the goals of the first pair changed in `data/pairs.yaml`
//!   (one file of 10,000 pairs); no public page shows a pair's goals, so
//!   its time is until serve reports the site up to date.
//!
//! The clock starts just before the file is written and stops when an HTTP
//! GET of the polled page first returns the new word (polled every
//! millisecond), so it includes the watcher's debounce, the rebuild and
//! the response. `serve` renders a page that is asked for first, so for
//! edits that render many pages the table also gives the time until the
//! whole site is up to date (serve's next `rebuilt` line), and the next
//! edit waits for it. The table gives the median and the slowest run.

// `serve` times one build and describes the machine; it needs none of the
// shared helpers' summaries.
#[allow(dead_code)]
mod measure;
mod synthetic;

use std::ffi::OsString;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use synthetic::{Options, Sizes, TODAY};

const USAGE: &str = "usage: cargo bench --bench serve [-- --modules N,N…] [--runs N] \
                     [--slow-runs N] [--dir DIR] [--seed N]";

/// How long one edit may take before the benchmark gives up on it.
const LIMIT: Duration = Duration::from_secs(300);

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    modules: Vec<usize>,
    runs: usize,
    slow_runs: usize,
    dir: Option<PathBuf>,
    seed: u64,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        modules: vec![1000, 10_000],
        runs: 5,
        slow_runs: 1,
        dir: None,
        seed: 42,
    };
    while let Some(flag) = args.next() {
        // `cargo bench` passes `--bench` to every bench target.
        if flag == "--bench" {
            continue;
        }
        let value = args
            .next()
            .ok_or_else(|| format!("`{flag}` needs a value\n{USAGE}"))?;
        let number = |text: &str| {
            text.parse::<usize>()
                .map_err(|_| format!("`{flag}` needs whole numbers, not `{text}`\n{USAGE}"))
        };
        match flag.as_str() {
            "--modules" => {
                parsed.modules = value.split(',').map(number).collect::<Result<_, _>>()?
            }
            "--runs" => parsed.runs = number(&value)?.max(1),
            "--slow-runs" => parsed.slow_runs = number(&value)?,
            "--dir" => parsed.dir = Some(PathBuf::from(value)),
            "--seed" => parsed.seed = number(&value)? as u64,
            _ => return Err(format!("unknown argument `{flag}`\n{USAGE}")),
        }
    }
    Ok(parsed)
}

/// One row of the results.
struct Row {
    modules: usize,
    full_build: Duration,
    first_serve: Duration,
    edits: Vec<(&'static str, Vec<Timing>)>,
}

fn run() -> Result<(), String> {
    let args = parse(std::env::args().skip(1))?;
    let binary = measure::binary()?;
    let scratch = measure::scratch()?;
    let base = args
        .dir
        .clone()
        .unwrap_or_else(|| scratch.path().to_path_buf());
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").map_err(|e| e.to_string())?;
    println!("machine: {}", measure::machine());
    println!("load average before: {}", measure::load_average());
    let mut rows = Vec::new();
    for &modules in &args.modules {
        let root = base.join(format!("{modules}-modules"));
        let options = Options {
            sizes: Sizes {
                modules,
                learners: 10_000,
                sessions: 100_000,
                cohorts: 50,
            },
            seed: args.seed,
            today,
        };
        let summary = synthetic::generate(&root, &options)
            .map_err(|e| format!("cannot write {}: {e}", root.display()))?;
        println!("\n{modules} modules: {summary}");
        rows.push(measure_size(
            &binary,
            &root,
            modules,
            &args,
            scratch.path(),
        )?);
    }
    println!("\nload average after: {}", measure::load_average());
    print_table(&rows);
    Ok(())
}

fn measure_size(
    binary: &Path,
    root: &Path,
    modules: usize,
    args: &Args,
    scratch: &Path,
) -> Result<Row, String> {
    let (runs, slow_runs) = (args.runs, args.slow_runs);
    let out = scratch.join(format!("public-{modules}"));
    measure::clear(&out)?;
    let args: Vec<OsString> = vec![
        "build".into(),
        "--today".into(),
        TODAY.into(),
        "--root".into(),
        root.into(),
        "--out".into(),
        out.clone().into(),
    ];
    let usage_file = scratch.join("usage");
    let built = measure::run(binary, &args, &usage_file)?;
    let full_build = built.usage.wall;
    println!("  full build: {full_build:.2?}");
    measure::clear(&out)?;

    install_template(root)?;
    let started = Instant::now();
    let server = Server::start(binary, root)?;
    // Requests are answered once the first build is done.
    server.get("/")?;
    let first_serve = started.elapsed();
    println!(
        "  serve's first build: {first_serve:.2?} at {}",
        server.address
    );

    let module = first_module(root)?;
    let module_page = format!("/paths/{}/{}/", module.0, module.1);
    let module_file = root.join(format!("content/paths/{}/{}.md", module.0, module.1));
    let sessions = root.join("data/sessions/cohort-001.yaml");
    let template = root.join("themes/default/templates/module.html");
    let program = root.join("data/program.yaml");

    let mut edits: Vec<(&'static str, Vec<Timing>)> = Vec::new();
    let mut counter = 0;
    let mut word = || {
        counter += 1;
        format!("zqx{modules}n{counter}")
    };
    let mut times = Vec::new();
    for _ in 0..runs {
        let marker = word();
        times.push(server.edit(&module_file, Some(&module_page), &marker, |t| {
            format!("{t}\nA paragraph that names {marker}.\n")
        })?);
    }
    edits.push(("module text", times));
    let mut times = Vec::new();
    for _ in 0..runs {
        let marker = word();
        times.push(server.edit(&module_file, Some(&module_page), &marker, |t| {
            t.replacen(
                "\n\n",
                &format!("\n\nAn opening that names {marker}.\n\n"),
                1,
            )
        })?);
    }
    edits.push(("module opening", times));
    let mut times = Vec::new();
    for _ in 0..runs {
        let marker = word();
        times.push(server.edit_and_undo(
            &sessions,
            Some("/cohorts/cohort-001/"),
            &marker,
            "title: \"Cohort group session",
        )?);
    }
    edits.push(("session", times));
    let (learner, cohort, name) = listed_learner(root)?;
    let cohort_page = format!("/cohorts/{cohort}/");
    let mut times = Vec::new();
    for _ in 0..runs {
        let marker = word();
        let name_line = format!("name: \"{name}");
        times.push(server.edit_and_undo(&learner, Some(&cohort_page), &marker, &name_line)?);
    }
    edits.push(("learner", times));
    let mut slow = Vec::new();
    let mut times = Vec::new();
    for _ in 0..slow_runs {
        let marker = word();
        times.push(server.edit(&template, Some(&module_page), &marker, |t| {
            t.replacen(
                "{% block content %}",
                &format!("{{% block content %}}<!-- {marker} -->"),
                1,
            )
        })?);
    }
    slow.push(("template", times));
    let mut times = Vec::new();
    for _ in 0..slow_runs {
        let marker = word();
        times.push(server.edit(&program, Some(&module_page), &marker, |t| {
            retitle(t, &marker)
        })?);
    }
    slow.push(("program", times));
    edits.extend(slow.into_iter().filter(|(_, times)| !times.is_empty()));
    // Last: writing 10 MB can be seen as two saves, and the second one's
    // rebuild would fall into the next edit's time.
    let pairs = root.join("data/pairs.yaml");
    let mut times = Vec::new();
    for _ in 0..runs {
        let marker = word();
        times.push(server.edit_and_undo(&pairs, None, &marker, "goals: \"")?);
    }
    edits.push(("pair", times));
    for (kind, times) in &edits {
        let shown: Vec<String> = times
            .iter()
            .map(|t| format!("{:.1?} (site {:.1?})", t.served, t.site))
            .collect();
        println!("  {kind} edit → served: {}", shown.join(", "));
    }
    println!("  serve said:\n{}", server.summary());
    Ok(Row {
        modules,
        full_build,
        first_serve,
        edits,
    })
}

/// The generated program's title line with `marker` as its last word.
fn retitle(text: &str, marker: &str) -> String {
    text.lines()
        .map(|line| match line.strip_prefix("title: ") {
            Some(_) => format!("title: Generated program {marker}"),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The first module of the first path: its path directory and file stem.
fn first_module(root: &Path) -> Result<(String, String), String> {
    let dir = root.join("content/paths/path-01");
    let mut stems: Vec<String> = fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "_index.md")
        .map(|n| n.trim_end_matches(".md").to_string())
        .collect();
    stems.sort();
    stems
        .into_iter()
        .next()
        .map(|stem| ("path-01".to_string(), stem))
        .ok_or_else(|| format!("no module in {}", dir.display()))
}

/// A learner listed on their cohort's page: their file, cohort and name.
fn listed_learner(root: &Path) -> Result<(PathBuf, String, String), String> {
    let dir = root.join("data/learners");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let field = |text: &str, key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .map(|v| v.trim().trim_matches('"').to_string())
    };
    for file in files {
        let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        if !text.contains("listed_in_cohort: true") {
            continue;
        }
        if let (Some(cohort), Some(name)) = (field(&text, "cohort: "), field(&text, "name: ")) {
            return Ok((file, cohort, name));
        }
    }
    Err(format!(
        "no learner in {} is listed in a cohort",
        dir.display()
    ))
}

/// Puts the built-in `module.html` into the program before it is served,
/// so that editing it is a template edit the watcher sees.
fn install_template(root: &Path) -> Result<(), String> {
    let target = root.join("themes/default/templates/module.html");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/module.html");
    fs::create_dir_all(target.parent().unwrap_or(root)).map_err(|e| e.to_string())?;
    fs::copy(&source, &target).map_err(|e| format!("{}: {e}", source.display()))?;
    Ok(())
}

/// A running `telemachy serve`, stopped when dropped.
struct Server {
    child: Child,
    address: String,
    log: PathBuf,
}

impl Server {
    fn start(binary: &Path, root: &Path) -> Result<Server, String> {
        let log = root.join("serve.log");
        let stderr = fs::File::create(&log).map_err(|e| e.to_string())?;
        let mut child = Command::new(binary)
            .args(["serve", "--port", "0", "--today", TODAY, "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
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
        while server.address.is_empty() {
            let line = lines
                .recv_timeout(LIMIT)
                .map_err(|_| format!("serve printed no address:\n{}", server.summary()))?;
            if let Some(url) = line.strip_prefix("serving http://") {
                server.address = url.trim_end_matches('/').to_string();
            }
        }
        Ok(server)
    }

    fn summary(&self) -> String {
        fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains("built") || l.contains("error"))
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn get(&self, target: &str) -> Result<String, String> {
        let mut stream = TcpStream::connect(&self.address).map_err(|e| e.to_string())?;
        let request = format!(
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        );
        stream
            .write_all(request.as_bytes())
            .map_err(|e| e.to_string())?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).map_err(|e| e.to_string())?;
        Ok(String::from_utf8_lossy(&raw).into_owned())
    }

    /// How many updates serve has reported.
    fn rebuilds(&self) -> usize {
        fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.starts_with("rebuilt "))
            .count()
    }

    /// Writes `file` through `edit` and times until `page` shows `marker`,
    /// and until serve reports the whole site up to date (both that, with
    /// no page).
    fn edit(
        &self,
        file: &Path,
        page: Option<&str>,
        marker: &str,
        edit: impl Fn(&str) -> String,
    ) -> Result<Timing, String> {
        let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let changed = edit(&text);
        if !changed.contains(marker) {
            return Err(format!("the edit of {} lost its marker", file.display()));
        }
        // Let the previous edit's events pass first.
        std::thread::sleep(Duration::from_millis(300));
        let before = self.rebuilds();
        let started = Instant::now();
        fs::write(file, changed).map_err(|e| e.to_string())?;
        let too_long = || {
            format!(
                "{page:?} never showed {marker}, or the site never caught up; serve said:\n{}",
                self.summary()
            )
        };
        if let Some(page) = page {
            while !self.get(page)?.contains(marker) {
                if started.elapsed() > LIMIT {
                    return Err(too_long());
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        let served = started.elapsed();
        while self.rebuilds() <= before {
            if started.elapsed() > LIMIT {
                return Err(too_long());
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let site = started.elapsed();
        Ok(Timing {
            served: if page.is_some() { served } else { site },
            site,
        })
    }

    /// Puts ` marker` after the first `anchor` in `file` (a quoted text's
    /// start), times it as [`Server::edit`] does (`page` `None`:
    /// until the site is up to date), then takes it out again, so every run
    /// changes the same record.
    fn edit_and_undo(
        &self,
        file: &Path,
        page: Option<&str>,
        marker: &str,
        anchor: &str,
    ) -> Result<Timing, String> {
        let with = format!("{anchor} {marker}");
        let timing = self.edit(file, page, marker, |t| t.replacen(anchor, &with, 1))?;
        let text = fs::read_to_string(file).map_err(|e| e.to_string())?;
        let before = self.rebuilds();
        fs::write(file, text.replacen(&with, anchor, 1)).map_err(|e| e.to_string())?;
        self.settle(file, page, marker, before)?;
        Ok(timing)
    }

    /// Waits until `page` no longer shows `marker` (an edit was undone)
    /// and serve has reported more than `before` updates.
    fn settle(
        &self,
        file: &Path,
        page: Option<&str>,
        marker: &str,
        before: usize,
    ) -> Result<(), String> {
        let started = Instant::now();
        let shows = |page: Option<&str>| match page {
            Some(page) => self.get(page).map(|text| text.contains(marker)),
            None => Ok(false),
        };
        while shows(page)? || self.rebuilds() <= before {
            if started.elapsed() > LIMIT {
                return Err(format!("{} was not undone", file.display()));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        Ok(())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One edit's times from the save.
#[derive(Clone, Copy)]
struct Timing {
    /// Until the polled page showed the edit.
    served: Duration,
    /// Until serve reported every output up to date.
    site: Duration,
}

fn median(times: impl Iterator<Item = Duration>) -> Duration {
    let mut sorted: Vec<Duration> = times.collect();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

fn print_table(rows: &[Row]) {
    println!(
        "\n| modules | edit | edit → served, median | slowest | site up to date, median | full build | serve's first build |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|");
    for row in rows {
        for (kind, times) in &row.edits {
            let slowest = times.iter().map(|t| t.served).max().unwrap_or_default();
            println!(
                "| {} | {kind} | {:.1?} | {:.1?} | {:.1?} | {:.2?} | {:.2?} |",
                row.modules,
                median(times.iter().map(|t| t.served)),
                slowest,
                median(times.iter().map(|t| t.site)),
                row.full_build,
                row.first_serve
            );
        }
    }
}
