//! telemachy side by side with Hugo on the same curriculum:
//!
//! ```text
//! cargo bench --bench peer [-- --modules 1000,10000] [--runs 3] [--seed 42]
//!     [--dir DIR] [--hugo hugo] [--corpus ../shared/bench/gen_corpus.py]
//! ```
//!
//! For each size, the shared corpus generator writes a Hugo site of N
//! modules (`gen_corpus.py --flavor hugo`: ~900 words, a table, links and one
//! fenced code block each). The same module files are imported as one
//! telemachy learning path: the example program of `telemachy init`,
//! plus `content/paths/modules/_index.md` listing every module, and each
//! module with its Markdown body byte-identical and its Hugo front matter
//! replaced by a module's (title, stage, pillar, effort, an artifact). The
//! corpus links modules root-relatively (`/modules/module-00042/`), which
//! telemachy leaves as written.
//!
//! Both tools then build into tmpfs (`/dev/shm`) with code highlighting on
//! (Hugo with chroma, telemachy with syntect), once to warm up and then
//! `--runs` times each, alternating so that other load on the machine
//! falls on both alike, each run into a removed output directory:
//!
//! ```text
//! hugo --quiet --source <corpus> --destination <tmpfs>
//! telemachy build --today 2026-04-15 --root <program> --out <tmpfs>
//! ```
//!
//! Pages are the HTML files each tool wrote. The table gives median wall
//! time, pages per second, median CPU time, CPU over wall (how many cores
//! were busy) and the largest peak RSS, then telemachy's figures over
//! Hugo's. A Rust program is simpler to keep correct than a shell script
//! for the import (front matter rewriting, body kept byte for byte) and
//! shares its measuring with `benches/build.rs`.

mod measure;

use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use measure::Summary;

const TODAY: &str = "2026-04-15";

const USAGE: &str = "usage: cargo bench --bench peer [-- --modules N,N…] [--runs N] [--seed N] \
                     [--dir DIR] [--hugo PATH] [--corpus PATH]";

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
    seed: u64,
    dir: Option<PathBuf>,
    hugo: PathBuf,
    corpus: PathBuf,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        modules: vec![1000, 10_000],
        runs: 3,
        seed: 42,
        dir: None,
        hugo: PathBuf::from("hugo"),
        corpus: Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_corpus.py"),
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
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| format!("`{flag}` needs positive whole numbers, not `{value}`"))
        };
        match flag.as_str() {
            "--modules" => {
                parsed.modules = value.split(',').map(number).collect::<Result<_, _>>()?;
            }
            "--runs" => parsed.runs = number(&value)?,
            "--seed" => parsed.seed = number(&value)? as u64,
            "--dir" => parsed.dir = Some(PathBuf::from(&value)),
            "--hugo" => parsed.hugo = PathBuf::from(&value),
            "--corpus" => parsed.corpus = PathBuf::from(&value),
            _ => return Err(format!("unknown argument `{flag}`\n{USAGE}")),
        }
    }
    Ok(parsed)
}

/// One tool at one size.
struct Measured {
    summary: Summary,
    pages: usize,
    output_bytes: u64,
    load: String,
}

impl Measured {
    fn pages_per_second(&self) -> f64 {
        self.pages as f64 / self.summary.wall.as_secs_f64().max(1e-9)
    }

    fn pages_per_cpu_second(&self) -> Option<f64> {
        self.summary.cpu.map(|c| self.pages as f64 / c.max(1e-9))
    }
}

fn run() -> Result<(), String> {
    let args = parse(std::env::args().skip(1))?;
    let binary = measure::binary()?;
    let hugo = hugo_version(&args.hugo)?;
    if !args.corpus.is_file() {
        return Err(format!(
            "the corpus generator {} does not exist; pass --corpus PATH",
            args.corpus.display()
        ));
    }
    let scratch = measure::scratch()?;
    let base = args
        .dir
        .clone()
        .unwrap_or_else(|| scratch.path().to_path_buf());
    let usage_file = scratch.path().join("usage");

    println!("telemachy: {}", binary.display());
    println!("hugo:        {hugo}");
    println!("machine:     {}", measure::machine());
    println!(
        "load:        {} (1, 5, 15 min) at start",
        measure::load_average()
    );
    if !measure::gnu_time() {
        println!("note:        /usr/bin/time not found; CPU and memory are not measured");
    }

    let mut results = Vec::new();
    for &modules in &args.modules {
        let corpus = base.join(format!("hugo-{modules}"));
        let program = base.join(format!("telemachy-{modules}"));
        generate_corpus(&args.corpus, &corpus, modules, args.seed)?;
        import(&binary, &corpus, &program)?;
        check_clean(&binary, &program, &usage_file)?;

        let hugo_out = scratch.path().join(format!("hugo-site-{modules}"));
        let ours_out = scratch.path().join(format!("telemachy-site-{modules}"));
        let mut hugo_args: Vec<OsString> = vec!["--quiet".into(), "--source".into()];
        hugo_args.push(corpus.clone().into_os_string());
        hugo_args.push("--destination".into());
        hugo_args.push(hugo_out.clone().into_os_string());
        let mut ours_args: Vec<OsString> = ["build", "--today", TODAY, "--root"]
            .iter()
            .map(OsString::from)
            .collect();
        ours_args.push(program.clone().into_os_string());
        ours_args.push("--out".into());
        ours_args.push(ours_out.clone().into_os_string());

        let load = measure::load_now();
        let mut hugo_runs = Vec::new();
        let mut ours_runs = Vec::new();
        // The first round warms the page cache and both programs' files.
        for round in 0..=args.runs {
            measure::clear(&hugo_out)?;
            let usage = build(&args.hugo, &hugo_args, &usage_file, "hugo")?;
            measure::clear(&ours_out)?;
            let ours = build(&binary, &ours_args, &usage_file, "telemachy build")?;
            if round > 0 {
                hugo_runs.push(usage);
                ours_runs.push(ours);
            }
        }
        let (hugo_pages, hugo_bytes) = measure::output_size(&hugo_out);
        let (ours_pages, ours_bytes) = measure::output_size(&ours_out);
        measure::clear(&hugo_out)?;
        measure::clear(&ours_out)?;
        let hugo = Measured {
            summary: Summary::of(&hugo_runs),
            pages: hugo_pages,
            output_bytes: hugo_bytes,
            load: load.clone(),
        };
        let ours = Measured {
            summary: Summary::of(&ours_runs),
            pages: ours_pages,
            output_bytes: ours_bytes,
            load,
        };
        println!(
            "\n{modules} modules: hugo {:.3} s ({} pages), telemachy {:.3} s ({} pages); load now {}",
            hugo.summary.wall.as_secs_f64(),
            hugo.pages,
            ours.summary.wall.as_secs_f64(),
            ours.pages,
            measure::load_average()
        );
        results.push((modules, hugo, ours));
    }

    println!(
        "\nload:        {} (1, 5, 15 min) at end\n",
        measure::load_average()
    );
    print_tables(&results, args.runs);
    Ok(())
}

fn hugo_version(hugo: &Path) -> Result<String, String> {
    let output = Command::new(hugo).arg("version").output().map_err(|e| {
        format!(
            "cannot run {} ({e}); install Hugo (`apt-get install hugo`) or pass --hugo PATH",
            hugo.display()
        )
    })?;
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

fn generate_corpus(script: &Path, out: &Path, modules: usize, seed: u64) -> Result<(), String> {
    let output = Command::new("python3")
        .arg(script)
        .args(["--flavor", "hugo", "--modules", &modules.to_string()])
        .args(["--seed", &seed.to_string(), "--out"])
        .arg(out)
        .output()
        .map_err(|e| format!("cannot run python3 {}: {e}", script.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} failed:\n{}",
            script.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    print!("{}", String::from_utf8_lossy(&output.stdout));
    Ok(())
}

/// Writes the corpus's modules as one telemachy path over the example
/// program. Replaces `program` only if it is a program this import wrote.
fn import(binary: &Path, corpus: &Path, program: &Path) -> Result<(), String> {
    let path_dir = program.join("content/paths/modules");
    if program.exists() {
        if !path_dir.join("_index.md").is_file() {
            return Err(format!(
                "{} exists and was not written by this benchmark; choose another --dir",
                program.display()
            ));
        }
        measure::clear(program)?;
    }
    let output = Command::new(binary)
        .arg("init")
        .arg(program)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    if !output.status.success() {
        return Err(format!(
            "`telemachy init` failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let source = corpus.join("content/modules");
    let mut names: Vec<String> = fs::read_dir(&source)
        .map_err(|e| format!("cannot read {}: {e}", source.display()))?
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md") && name != "_index.md")
        .collect();
    names.sort();
    fs::create_dir_all(&path_dir)
        .map_err(|e| format!("cannot create {}: {e}", path_dir.display()))?;
    let mut index = String::from("---\ntitle: Modules\noutcome: first-project\nmodules:\n");
    for name in &names {
        let from = source.join(name);
        let text = fs::read_to_string(&from)
            .map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let (title, body) = split_hugo(&text)
            .ok_or_else(|| format!("{} has no Hugo front matter with a title", from.display()))?;
        let module = format!(
            "---\ntitle: {title}\nstage: practice\npillar: formal-training\neffort_hours: 2\n\
             artifact:\n  title: Notes on the practice exercise\n  \
             description: Share them with your mentor.\n---\n{body}"
        );
        let to = path_dir.join(name);
        fs::write(&to, module).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
        let _ = writeln!(index, "  - {}", name.trim_end_matches(".md"));
    }
    index.push_str("---\nEvery module in the curriculum, in the order we recommend.\n");
    let to = path_dir.join("_index.md");
    fs::write(&to, index).map_err(|e| format!("cannot write {}: {e}", to.display()))
}

/// The `title:` value (a YAML scalar, kept as written) and the body after
/// the closing `---` line of a Hugo module file.
fn split_hugo(text: &str) -> Option<(&str, &str)> {
    let front = text.strip_prefix("---\n")?;
    let end = front.find("\n---\n")?;
    let title = front[..end]
        .lines()
        .find_map(|line| line.strip_prefix("title: "))?;
    Some((title, &front[end + "\n---\n".len()..]))
}

fn check_clean(binary: &Path, program: &Path, usage_file: &Path) -> Result<(), String> {
    let args: Vec<OsString> = vec![
        "check".into(),
        "--format".into(),
        "json".into(),
        "--today".into(),
        TODAY.into(),
        "--root".into(),
        program.as_os_str().to_owned(),
    ];
    let finished = measure::run(binary, &args, usage_file)?;
    // Every line but the closing summary is a diagnostic.
    let diagnostics = finished
        .stdout
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.contains(r#""kind":"summary""#))
        .count();
    if finished.code != Some(0) || diagnostics > 0 {
        return Err(format!(
            "the imported program {} is not clean:\n{}",
            program.display(),
            finished
                .stdout
                .lines()
                .take(10)
                .collect::<Vec<_>>()
                .join("\n")
        ));
    }
    Ok(())
}

fn build(
    program: &Path,
    args: &[OsString],
    usage_file: &Path,
    what: &str,
) -> Result<measure::Usage, String> {
    let finished = measure::run(program, args, usage_file)?;
    if finished.code != Some(0) {
        return Err(format!(
            "{what} failed (exit {:?}):\n{}",
            finished.code, finished.stderr
        ));
    }
    Ok(finished.usage)
}

fn print_tables(results: &[(usize, Measured, Measured)], runs: usize) {
    println!(
        "| modules | tool | pages | output | load | wall (median of {runs}) | pages/s | CPU | CPU / wall | pages per CPU-second | peak RSS |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (modules, hugo, ours) in results {
        for (tool, m) in [("Hugo", hugo), ("telemachy", ours)] {
            println!(
                "| {modules} | {tool} | {} | {:.0} MB | {} | {:.3} s | {:.0} | {} | {} | {} | {} |",
                m.pages,
                m.output_bytes as f64 / 1e6,
                m.load,
                m.summary.wall.as_secs_f64(),
                m.pages_per_second(),
                measure::seconds(m.summary.cpu),
                measure::ratio(m.summary.cores()),
                m.pages_per_cpu_second()
                    .map_or_else(|| "n/a".to_string(), |p| format!("{p:.0}")),
                measure::memory(m.summary.peak_kb),
            );
        }
    }
    println!(
        "\n| modules | pages/s, telemachy ÷ Hugo | pages per CPU-second, ÷ | peak RSS, telemachy ÷ Hugo |"
    );
    println!("|---:|---:|---:|---:|");
    for (modules, hugo, ours) in results {
        let speed = ours.pages_per_second() / hugo.pages_per_second().max(1e-9);
        let efficiency = ours
            .pages_per_cpu_second()
            .zip(hugo.pages_per_cpu_second())
            .map(|(a, b)| a / b.max(1e-9));
        let memory = ours
            .summary
            .peak_kb
            .zip(hugo.summary.peak_kb)
            .map(|(a, b)| a as f64 / b.max(1) as f64);
        println!(
            "| {modules} | {speed:.2} | {} | {} |",
            measure::ratio(efficiency),
            measure::ratio(memory)
        );
    }
}
