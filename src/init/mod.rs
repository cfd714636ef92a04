//! `telemachy init DIR`: writes a small program that passes `check`, as a
//! starting point and as the base every test fixture builds on, in a
//! repository ready for git and CI.

use std::fs;
use std::io;
use std::path::Path;

pub mod repository;

/// The example program, file by file, embedded in the binary.
pub const FILES: &[(&str, &str)] = &[
    (
        "data/program.yaml",
        include_str!("program/data/program.yaml"),
    ),
    (
        "data/mentors.yaml",
        include_str!("program/data/mentors.yaml"),
    ),
    (
        "data/cohorts.yaml",
        include_str!("program/data/cohorts.yaml"),
    ),
    ("data/pairs.yaml", include_str!("program/data/pairs.yaml")),
    (
        "data/learners/ada-example.yaml",
        include_str!("program/data/learners/ada-example.yaml"),
    ),
    (
        "data/sessions/first-cohort.yaml",
        include_str!("program/data/sessions/first-cohort.yaml"),
    ),
    (
        "content/paths/getting-started/_index.md",
        include_str!("program/content/paths/getting-started/_index.md"),
    ),
    (
        "content/paths/getting-started/set-up-your-workspace.md",
        include_str!("program/content/paths/getting-started/set-up-your-workspace.md"),
    ),
    (
        "content/paths/getting-started/your-first-project.md",
        include_str!("program/content/paths/getting-started/your-first-project.md"),
    ),
    (
        "content/pages/about.md",
        include_str!("program/content/pages/about.md"),
    ),
];

/// Writes the example program and its repository's files into `dir`, which
/// must not exist or be empty. Returns the number of files written.
pub fn init(dir: &Path) -> io::Result<usize> {
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty; choose a new directory", dir.display()),
        ));
    }
    let files = FILES.iter().chain(repository::FILES);
    for (path, text) in files.clone() {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(
            target,
            text.replace(repository::VERSION_MARK, env!("CARGO_PKG_VERSION")),
        )?;
    }
    Ok(files.count() + editor_schemas(dir)?)
}

/// Where `init` puts the schemas: committed with the program (not in the
/// ignored `.telemachy/` cache), and not inside an editor's own folder, so
/// any editor's YAML language server can be pointed at them.
const SCHEMA_DIR: &str = "schemas";

/// Writes the editor schemas and a `.vscode/settings.json` that maps the
/// data files to them; returns how many files were written.
fn editor_schemas(dir: &Path) -> io::Result<usize> {
    let schemas = crate::load::schema::write_all(&dir.join(SCHEMA_DIR))?;
    fs::create_dir_all(dir.join(".vscode"))?;
    fs::write(
        dir.join(".vscode/settings.json"),
        crate::load::schema::editor_settings(SCHEMA_DIR),
    )?;
    Ok(schemas + 1)
}
