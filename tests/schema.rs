//! The editor schemas (`telemachy schema`, `docs/schemas/`): what a
//! coordinator's editor checks while they type must agree with what the
//! loader reads.
//!
//! - The schemas committed in `docs/schemas/` and the mapping in
//!   `.vscode/settings.json` are exactly what the command writes, so they
//!   never drift from the loader's types.
//! - `telemachy init` writes them into a new program, wired up for the YAML
//!   language server, and the program still passes `check`.
//! - An independent validator, the Python package `check-jsonschema`
//!   (pinned in `tests/schema/requirements.txt`), accepts the schemas as
//!   draft 7, accepts every data file and every front matter block of the
//!   demo, the second example program (`tests/programs/meridian/`) and the
//!   example `init` writes, and rejects the fixtures of a wrong type, an
//!   unknown field and a missing field, each for its own reason. It is found
//!   through `TELEMACHY_CHECK_JSONSCHEMA`, the path of its command (`.ci/run`
//!   sets it up); without it those tests say loudly that they were skipped,
//!   and fail instead when `TELEMACHY_REQUIRE_EXTERNAL=1`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use telemachy::load::schema::{KINDS, editor_settings};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn telemachy(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("run telemachy: {e}"))
}

/// The schemas `telemachy schema --out` writes, by file name.
fn generated() -> (tempfile::TempDir, BTreeMap<String, String>) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let out = dir.path().join("schemas");
    let run = telemachy(&["schema".as_ref(), "--out".as_ref(), out.as_os_str()]);
    assert!(run.status.success(), "telemachy schema failed: {run:?}");
    let files = files_in(&out);
    (dir, files)
}

/// The files directly in `dir`, by name, with their text.
fn files_in(dir: &Path) -> BTreeMap<String, String> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            (name.into_owned(), text)
        })
        .collect()
}

#[test]
fn the_command_writes_one_schema_per_kind_and_nothing_else() {
    let (_dir, files) = generated();
    let mut expected: Vec<&str> = KINDS.iter().map(|kind| kind.file).collect();
    expected.sort_unstable();
    let written: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(written, expected);
    for name in [
        "program.schema.json",
        "mentors.schema.json",
        "cohorts.schema.json",
        "learner.schema.json",
        "pairs.schema.json",
        "sessions.schema.json",
        "path.schema.json",
        "module.schema.json",
        "page.schema.json",
    ] {
        assert!(files.contains_key(name), "{name} was not written");
    }
}

#[test]
fn the_committed_schemas_are_what_the_command_writes() {
    let (_dir, files) = generated();
    let committed = files_in(&repo().join("docs/schemas"));
    let stale: BTreeSet<&String> = files
        .keys()
        .chain(committed.keys())
        .filter(|name| files.get(*name) != committed.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "docs/schemas/ differs from what the loader's types give for {stale:?}; \
         run `cargo run -- schema --out docs/schemas` and commit the result"
    );
    let settings = fs::read_to_string(repo().join(".vscode/settings.json"))
        .unwrap_or_else(|e| panic!(".vscode/settings.json: {e}"));
    assert_eq!(
        settings,
        editor_settings("docs/schemas"),
        ".vscode/settings.json no longer maps the data files to docs/schemas/"
    );
}

#[test]
fn init_wires_the_schemas_up_for_the_yaml_language_server() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let root = dir.path().join("program");
    let init = telemachy(&["init".as_ref(), root.as_os_str()]);
    assert!(init.status.success(), "init failed: {init:?}");
    let (_generated_dir, expected) = generated();
    assert_eq!(files_in(&root.join("schemas")), expected);

    let settings: Value = serde_json::from_str(
        &fs::read_to_string(root.join(".vscode/settings.json"))
            .unwrap_or_else(|e| panic!("settings.json: {e}")),
    )
    .unwrap_or_else(|e| panic!("settings.json is not JSON: {e}"));
    let mapping = settings["yaml.schemas"]
        .as_object()
        .unwrap_or_else(|| panic!("no yaml.schemas in {settings}"));
    let mut mapped: Vec<(String, String)> = Vec::new();
    for (schema, globs) in mapping {
        assert!(
            root.join(schema).is_file(),
            "yaml.schemas names {schema}, which init did not write"
        );
        for glob in globs.as_array().into_iter().flatten() {
            let glob = glob.as_str().unwrap_or_default().to_string();
            mapped.push((glob, schema.clone()));
        }
    }
    mapped.sort();
    assert_eq!(
        mapped,
        [
            ("**/data/cohorts.yaml", "./schemas/cohorts.schema.json"),
            (
                "**/data/learners/**/*.yaml",
                "./schemas/learner.schema.json"
            ),
            ("**/data/learners/**/*.yml", "./schemas/learner.schema.json"),
            ("**/data/mentors.yaml", "./schemas/mentors.schema.json"),
            ("**/data/pairs.yaml", "./schemas/pairs.schema.json"),
            ("**/data/program.yaml", "./schemas/program.schema.json"),
            (
                "**/data/sessions/**/*.yaml",
                "./schemas/sessions.schema.json"
            ),
            (
                "**/data/sessions/**/*.yml",
                "./schemas/sessions.schema.json"
            ),
        ]
        .map(|(glob, schema)| (glob.to_string(), schema.to_string()))
    );

    let check = telemachy(&[
        "check".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
        "--today".as_ref(),
        "2026-04-15".as_ref(),
    ]);
    assert!(
        check.status.success(),
        "the new program with its schemas does not pass check: {}",
        String::from_utf8_lossy(&check.stdout)
    );
}

/// The `check-jsonschema` command, or `None` after saying loudly that the
/// validation is skipped.
fn validator() -> Option<PathBuf> {
    match std::env::var_os("TELEMACHY_CHECK_JSONSCHEMA") {
        Some(path) => Some(PathBuf::from(path)),
        None if std::env::var("TELEMACHY_REQUIRE_EXTERNAL").as_deref() == Ok("1") => {
            panic!("TELEMACHY_CHECK_JSONSCHEMA is not set, and TELEMACHY_REQUIRE_EXTERNAL=1")
        }
        None => {
            eprintln!(
                "*** SKIPPED: TELEMACHY_CHECK_JSONSCHEMA is not set, so check-jsonschema did \
                 not validate the programs against the schemas (.ci/run sets it up) ***"
            );
            None
        }
    }
}

/// What `check-jsonschema` finds wrong with `files` against `schema`, as
/// (file, JSON path, message) triples; empty when they are valid.
fn validate(validator: &Path, schema: &Path, files: &[PathBuf]) -> Vec<(String, String, String)> {
    let out = Command::new(validator)
        .args(["--output-format", "json", "--schemafile"])
        .arg(schema)
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", validator.display()));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check-jsonschema printed no JSON report ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let parse_errors = &report["parse_errors"];
    assert!(
        parse_errors.as_array().is_none_or(Vec::is_empty),
        "check-jsonschema could not read a file: {parse_errors}"
    );
    let problems: Vec<(String, String, String)> = report["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|error| {
            let field = |name: &str| error[name].as_str().unwrap_or_default().to_string();
            (field("filename"), field("path"), field("message"))
        })
        .collect();
    assert_eq!(
        out.status.success(),
        problems.is_empty(),
        "check-jsonschema's exit status and report disagree: {report}"
    );
    problems
}

/// The files of `root` each schema describes: data files as they are, and
/// front matter blocks copied into `scratch` as YAML files.
fn files_by_schema(root: &Path, scratch: &Path) -> BTreeMap<&'static str, Vec<PathBuf>> {
    let mut by_schema: BTreeMap<&'static str, Vec<PathBuf>> = BTreeMap::new();
    let data = root.join("data");
    for (schema, file) in [
        ("program.schema.json", "program.yaml"),
        ("mentors.schema.json", "mentors.yaml"),
        ("cohorts.schema.json", "cohorts.yaml"),
        ("pairs.schema.json", "pairs.yaml"),
    ] {
        by_schema.entry(schema).or_default().push(data.join(file));
    }
    for (schema, folder) in [
        ("learner.schema.json", "learners"),
        ("sessions.schema.json", "sessions"),
    ] {
        by_schema
            .entry(schema)
            .or_default()
            .extend(yaml_files(&data.join(folder)));
    }
    let content = root.join("content");
    let mut markdown = Vec::new();
    for path in sorted_entries(&content.join("paths")) {
        for file in sorted_entries(&path) {
            let schema = if file.file_name().is_some_and(|n| n == "_index.md") {
                "path.schema.json"
            } else {
                "module.schema.json"
            };
            markdown.push((schema, file));
        }
    }
    for file in sorted_entries(&content.join("pages")) {
        markdown.push(("page.schema.json", file));
    }
    for (index, (schema, file)) in markdown.into_iter().enumerate() {
        if file.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let front = scratch.join(format!("{index}-{}.yaml", schema.replace('.', "-")));
        fs::write(&front, front_matter(&file)).unwrap_or_else(|e| panic!("write: {e}"));
        by_schema.entry(schema).or_default().push(front);
    }
    by_schema
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap_or_else(|e| panic!("{e}")).path())
        .collect();
    paths.sort();
    paths
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    sorted_entries(dir)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect()
}

/// The YAML between a Markdown file's opening `---` and the next `---` line.
fn front_matter(file: &Path) -> String {
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("---"),
        "{} has no front matter",
        file.display()
    );
    let yaml: Vec<&str> = lines.take_while(|line| line.trim_end() != "---").collect();
    yaml.join("\n") + "\n"
}

#[test]
fn check_jsonschema_accepts_the_schemas_and_every_example_program() {
    let Some(validator) = validator() else {
        return;
    };
    let (dir, _) = generated();
    let schemas = dir.path().join("schemas");
    let meta = Command::new(&validator)
        .arg("--check-metaschema")
        .args(KINDS.iter().map(|kind| schemas.join(kind.file)))
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", validator.display()));
    assert!(
        meta.status.success(),
        "a schema is not valid JSON Schema draft 7: {}",
        String::from_utf8_lossy(&meta.stdout)
    );

    let scratch = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let mut checked = 0;
    for program in ["", "tests/programs/meridian", "src/init/program"] {
        let root = repo().join(program);
        let folder = scratch.path().join(program.replace('/', "-"));
        fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("mkdir: {e}"));
        for (schema, files) in files_by_schema(&root, &folder) {
            assert!(!files.is_empty(), "{program}: no files for {schema}");
            let problems = validate(&validator, &schemas.join(schema), &files);
            assert!(
                problems.is_empty(),
                "{} does not validate against {schema}: {problems:#?}",
                root.display()
            );
            checked += files.len();
        }
    }
    assert!(checked > 60, "only {checked} files were validated");
    eprintln!("check-jsonschema accepts all {checked} data files and front matter blocks");
}

/// Fixtures of the structural errors, the file each breaks, its schema, and
/// the one problem the validator must report: where, and what it says.
const REJECTED: &[(&str, &str, &str, &str, &str)] = &[
    (
        "E002-wrong-type",
        "data/sessions/office-hours.yaml",
        "sessions.schema.json",
        "$.sessions[0].duration_minutes",
        "'30 minutes' is not of type 'integer'",
    ),
    (
        "E003-unknown-field",
        "data/sessions/office-hours.yaml",
        "sessions.schema.json",
        "$.sessions[0]",
        "Additional properties are not allowed ('mentor' was unexpected)",
    ),
    (
        "E003-learner-file-unknown-field",
        "data/learners/ada-example.yaml",
        "learner.schema.json",
        "$.intake",
        "Additional properties are not allowed ('gaol' was unexpected)",
    ),
    (
        "E004-missing-field",
        "data/sessions/office-hours.yaml",
        "sessions.schema.json",
        "$.sessions[0]",
        "'start' is a required property",
    ),
    (
        "E010-bad-id",
        "data/sessions/office-hours.yaml",
        "sessions.schema.json",
        "$.sessions[0].id",
        "'Tomas Office Hours' does not match",
    ),
    (
        "E011-intake-confidence",
        "data/learners/ada-example.yaml",
        "learner.schema.json",
        "$.intake.confidence",
        "9 is greater than the maximum of 5",
    ),
];

#[test]
fn check_jsonschema_rejects_the_structural_fixtures_for_their_own_reason() {
    let Some(validator) = validator() else {
        return;
    };
    let (dir, _) = generated();
    let schemas = dir.path().join("schemas");
    for (fixture, file, schema, path, message) in REJECTED {
        let broken = repo().join("tests/fixtures").join(fixture).join(file);
        let problems = validate(&validator, &schemas.join(schema), &[broken]);
        assert!(
            problems.len() == 1 && problems[0].1 == *path && problems[0].2.starts_with(message),
            "{fixture}: expected one problem at {path}: {message}…, got {problems:#?}"
        );
    }
}
