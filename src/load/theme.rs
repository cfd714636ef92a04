//! Themes: Tera templates, static files and message catalogs.
//!
//! Lookup order for a template or static file named `N` with theme `T`:
//! 1. `<program>/themes/T/templates/N` (or `static/N`),
//! 2. the built-in default theme compiled into telemachy.
//!
//! So a program may override one template of the default theme by placing a
//! file of the same name in `themes/default/templates/`, or start a theme of
//! its own that only replaces what it needs.
//!
//! Catalogs (`i18n/<language>.ftl`, Fluent) are read from both places and
//! kept apart: a program's catalog overrides single messages of the
//! built-in one of the same language, so both are needed (the layering is
//! [`crate::theme::Catalog`]'s job).

use std::path::{Path, PathBuf};

use super::fs;
use crate::diagnostic::{Code, Diagnostic, Location};

/// A template ready for Tera: its name and where it came from.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// Template name, e.g. `module.html`.
    pub name: String,
    /// Root-relative file, or `built-in` for the compiled default.
    pub origin: PathBuf,
    /// The template text.
    pub text: String,
    /// Whether it is compiled into telemachy rather than read from the program.
    pub built_in: bool,
}

/// A message catalog of one language, as read: a Fluent file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogSource {
    /// The language tag the file is named for, e.g. `es` for `es.ftl`.
    pub language: String,
    /// Root-relative file, or the default theme's place for a built-in one.
    pub origin: PathBuf,
    /// The Fluent text.
    pub text: String,
    /// Whether it is compiled into telemachy rather than read from the program.
    pub built_in: bool,
}

/// A theme: templates and static files after the lookup order is applied,
/// and every catalog, the program's and the built-in ones.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// The theme's name.
    pub name: String,
    /// Templates by name.
    pub templates: Vec<TemplateSource>,
    /// Static files: path under `static/` and bytes.
    pub statics: Vec<(String, Vec<u8>)>,
    /// Catalogs: the program's first, then the built-in ones, each by
    /// language.
    pub catalogs: Vec<CatalogSource>,
}

/// Where built-in files say they come from: the default theme's place in
/// telemachy's own repository.
pub const BUILT_IN: &str = "themes/default";

macro_rules! built_in {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = built_in![
    "base.html",
    "index.html",
    "path.html",
    "module.html",
    "cohort.html",
    "cohorts.html",
    "mentors.html",
    "calendar.html",
    "privacy.html",
    "page.html",
    "404.html",
    "search.html",
    "learner.html",
    "report.html",
    "actions.html",
    "matches.html",
    "charter.html",
];

/// The default theme's catalogs, by language: English is complete by
/// definition, and a test holds the others to its keys.
pub const DEFAULT_CATALOGS: &[(&str, &str)] = &[
    ("en", include_str!("../../themes/default/i18n/en.ftl")),
    ("es", include_str!("../../themes/default/i18n/es.ftl")),
    ("fr", include_str!("../../themes/default/i18n/fr.ftl")),
];

/// The default theme's static files.
pub const DEFAULT_STATIC: &[(&str, &str)] = &[
    (
        "style.css",
        include_str!("../../themes/default/static/style.css"),
    ),
    (
        "charter.css",
        include_str!("../../themes/default/static/charter.css"),
    ),
    (
        "search.js",
        include_str!("../../themes/default/static/search.js"),
    ),
];

/// Loads theme `name` for the program at `root`, falling back to the
/// built-in default for every file the program does not provide.
pub fn load_theme(
    root: &Path,
    name: &str,
    named_at: Option<&Location>,
) -> (Theme, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let dir = Path::new("themes").join(name);
    if name != "default" && !root.join(&dir).is_dir() {
        problems.push(
            Diagnostic::new(Code::ThemeMissing, format!("there is no theme `{name}`"))
                .at(named_at
                    .cloned()
                    .unwrap_or_else(|| Location::file("data/program.yaml")))
                .help(format!(
                    "create themes/{name}/templates/ in the program, or set `theme: default`"
                )),
        );
    }
    let mut theme = Theme {
        name: name.to_string(),
        ..Theme::default()
    };
    let (own_templates, listing) =
        fs::list_files(root, &dir.join("templates"), &[".html", ".xml", ".txt"]);
    problems.extend(listing);
    for file in own_templates {
        let Ok(name) = file.strip_prefix(dir.join("templates")) else {
            continue;
        };
        let name = name.to_string_lossy().replace('\\', "/");
        match fs::read_text(root, &file) {
            Ok(text) => theme.templates.push(TemplateSource {
                name,
                origin: file,
                text,
                built_in: false,
            }),
            Err(d) => problems.push(*d),
        }
    }
    for (name, text) in DEFAULT_TEMPLATES {
        if !theme.templates.iter().any(|t| t.name == *name) {
            theme.templates.push(TemplateSource {
                name: (*name).to_string(),
                origin: Path::new(BUILT_IN).join("templates").join(name),
                text: (*text).to_string(),
                built_in: true,
            });
        }
    }
    let (own_static, listing) = fs::list_files(root, &dir.join("static"), &[""]);
    problems.extend(listing);
    for file in own_static {
        let Ok(relative) = file.strip_prefix(dir.join("static")) else {
            continue;
        };
        match std::fs::read(root.join(&file)) {
            Ok(bytes) => theme
                .statics
                .push((relative.to_string_lossy().replace('\\', "/"), bytes)),
            Err(e) => problems.push(
                Diagnostic::new(Code::UnreadableFile, format!("cannot read the file: {e}"))
                    .at(Location::file(file.clone())),
            ),
        }
    }
    for (name, text) in DEFAULT_STATIC {
        if !theme.statics.iter().any(|(n, _)| n == name) {
            theme
                .statics
                .push(((*name).to_string(), text.as_bytes().to_vec()));
        }
    }
    let (own_catalogs, listing) = fs::list_files(root, &dir.join("i18n"), &[".ftl"]);
    problems.extend(listing);
    for file in own_catalogs {
        let Some(language) = file.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        match fs::read_text(root, &file) {
            Ok(text) => theme.catalogs.push(CatalogSource {
                language,
                origin: file,
                text,
                built_in: false,
            }),
            Err(d) => problems.push(*d),
        }
    }
    theme
        .catalogs
        .extend(DEFAULT_CATALOGS.iter().map(|(language, text)| {
            CatalogSource {
                language: (*language).to_string(),
                origin: Path::new(BUILT_IN)
                    .join("i18n")
                    .join(format!("{language}.ftl")),
                text: (*text).to_string(),
                built_in: true,
            }
        }));
    theme.templates.sort_by(|a, b| a.name.cmp(&b.name));
    theme.statics.sort_by(|a, b| a.0.cmp(&b.0));
    (theme, problems)
}
