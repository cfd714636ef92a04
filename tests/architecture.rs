//! Arrows point down the pipeline: a module imports only from its own layer
//! and the layers below it.
//!
//! The test reads every path into the crate in `src/` (`use crate::…`,
//! `crate::…` written inline, `super::…` that leaves a layer) and fails on
//! one the [`LAYERS`] table does not allow, naming the file, the line and
//! the rule. Test code (`#[cfg(test)]` modules and files) may import
//! anything, since it sets up whole programs.

#![cfg(test)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first, and what each may import besides itself.
///
/// The stages run load → model → derive → check → render → write;
/// diagnostics are data every stage produces, and text helpers serve all.
/// The theme's compiled templates (`src/theme.rs`) sit below check, which
/// reports their problems, and render, which renders with them. The crate root (`lib.rs`:
/// `check_program`, `Checked`) runs the stages up to check for build and
/// serve; the privacy guard reads the rendered site with the checked
/// program on build's way to writing it. `changes` checks two revisions
/// through the crate root and compares them, naming the feeds render
/// would change.
#[rustfmt::skip]
const LAYERS: &[(&str, &[&str])] = &[
    ("text",          &[]),
    ("diagnostic",    &["text"]),
    ("load",          &["text", "diagnostic"]),
    ("model",         &["text", "diagnostic", "load"]),
    ("derive",        &["text", "diagnostic", "load", "model"]),
    ("theme",         &["text", "diagnostic", "load"]),
    ("check",         &["text", "diagnostic", "load", "model", "derive", "theme"]),
    ("render",        &["text", "diagnostic", "load", "model", "derive", "theme", "check"]),
    ("write",         &["text", "diagnostic", "load", "model", "derive", "theme", "check", "render"]),
    ("crate root",    &["text", "diagnostic", "load", "model", "derive", "theme", "check", "render",
                        "write"]),
    // Edits to the program's own files keep their text, and are checked as
    // the crate root checks, and undone when they bring an error.
    ("edit",          &["text", "diagnostic", "load", "model", "derive", "crate root"]),
    // Import reads a sheet, edits data files and checks the program as the
    // crate root does; survey ratings find their meeting in the checked
    // program's schedule.
    ("import",        &["text", "diagnostic", "load", "model", "derive", "crate root", "edit"]),
    ("privacy_guard", &["text", "diagnostic", "load", "model", "derive", "theme", "check", "render",
                        "write", "crate root"]),
    ("build",         &["text", "diagnostic", "load", "model", "derive", "theme", "check", "render",
                        "write", "crate root", "privacy_guard"]),
    ("serve",         &["text", "diagnostic", "load", "model", "derive", "theme", "check", "render",
                        "write", "crate root", "privacy_guard", "build"]),
    ("changes",       &["text", "diagnostic", "load", "model", "derive", "theme", "check", "render",
                        "crate root"]),
    // The example program `telemachy init` writes: files, and the editor
    // schemas load makes from its raw types.
    ("init",          &["load"]),
];

/// A path into the crate, resolved from the crate root.
#[derive(Debug)]
struct Import {
    /// The importing file, relative to the package (`src/…`).
    file: String,
    line: usize,
    /// The importing layer.
    from: &'static str,
    /// The path's segments below `crate::`.
    path: Vec<String>,
}

#[test]
fn imports_point_down_the_pipeline() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let imports = imports_in(&src);
    assert!(
        imports.len() > 100,
        "only {} imports were found in {}; the reader has stopped seeing them",
        imports.len(),
        src.display()
    );
    let mut broken = String::new();
    for import in &imports {
        let to = layer_of(&import.path[0]);
        if allowed(import.from, to) {
            continue;
        }
        let below = LAYERS
            .iter()
            .find(|(name, _)| *name == import.from)
            .map(|(_, below)| below.join(", "))
            .unwrap_or_default();
        let _ = writeln!(
            broken,
            "{}:{}: `crate::{}`: {} may not import from {} (it may import from: {})",
            import.file,
            import.line,
            import.path.join("::"),
            import.from,
            to,
            if below.is_empty() { "nothing" } else { &below },
        );
    }
    assert!(
        broken.is_empty(),
        "imports against the pipeline's direction (see LAYERS in tests/architecture.rs):\n{broken}"
    );
}

/// Whether the table lets layer `from` import from layer `to`.
fn allowed(from: &str, to: &str) -> bool {
    from == to
        || LAYERS
            .iter()
            .any(|(name, below)| *name == from && below.contains(&to))
}

/// The layer that top-level module (or crate root item) `name` is in.
fn layer_of(name: &str) -> &'static str {
    LAYERS
        .iter()
        .map(|(layer, _)| *layer)
        .find(|layer| *layer == name)
        .unwrap_or("crate root")
}

#[test]
fn every_module_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    for path in entries(&src) {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let is_module = path.is_dir() || path.extension().is_some_and(|e| e == "rs");
        if is_module
            && !BINARY.contains(&name.as_str())
            && !["lib", "testing"].contains(&name.as_str())
            && !LAYERS.iter().any(|(layer, _)| *layer == name)
        {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "modules with no place in LAYERS (tests/architecture.rs): {missing:?}"
    );
}

#[test]
fn the_reader_sees_every_kind_of_path() {
    let text = "use crate::{load::fs, model::{self, Program as P}};\n\
        use super::super::derive::occurrences::Schedule;\n\
        fn f() { let x = \"crate::render\"; // crate::write\n\
        let y = (r#\"crate::serve\"#, '{', 'a');\n\
        crate::render::run::<u8>(); }\n\
        #[cfg(test)]\nmod fixtures;\n\
        #[cfg(test)]\nmod tests { use crate::serve::Engine; }\n";
    let (paths, test_children) = paths_in(text, &["check".into(), "journey".into()]);
    assert_eq!(test_children, ["fixtures"]);
    let found: Vec<(usize, String)> = paths
        .into_iter()
        .map(|(line, path)| (line, path.join("::")))
        .collect();
    assert_eq!(
        found,
        [
            (1, "load::fs".to_string()),
            (1, "model".to_string()),
            (1, "model::Program".to_string()),
            (2, "derive::occurrences::Schedule".to_string()),
            (5, "render::run".to_string()),
        ]
    );
}

/// The files and folders in `dir`.
fn entries(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .and_then(|entries| entries.map(|e| e.map(|e| e.path())).collect())
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

/// Files of the binary, whose `crate` is not the library.
const BINARY: &[&str] = &["main", "cli"];

/// Every path into the crate from the library's non-test code.
fn imports_in(src: &Path) -> Vec<Import> {
    let mut files = Vec::new();
    walk(src, &mut files);
    files.sort();
    let mut test_files: BTreeSet<PathBuf> = BTreeSet::new();
    let mut imports = Vec::new();
    // Parents come before their children in sorted order (`a.rs`/`a/mod.rs`
    // before `a/b.rs`) except `x/mod.rs` after `x/a.rs`; read test
    // declarations first so the order does not matter.
    let texts: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|path| {
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, text)
        })
        .collect();
    for (path, text) in &texts {
        let module = module_of(src, path);
        let (_, test_children) = paths_in(text, &module);
        let dir = if path
            .file_name()
            .is_some_and(|n| n == "mod.rs" || n == "lib.rs")
        {
            path.parent().unwrap_or(src).to_path_buf()
        } else {
            path.with_extension("")
        };
        for child in test_children {
            test_files.insert(dir.join(format!("{child}.rs")));
            test_files.insert(dir.join(&child).join("mod.rs"));
        }
    }
    for (path, text) in &texts {
        let relative = path.strip_prefix(src).unwrap_or(path);
        let file = format!("src/{}", relative.to_string_lossy().replace('\\', "/"));
        let module = module_of(src, path);
        let in_test_file = path
            .ancestors()
            .any(|a| test_files.contains(a) || test_files.contains(&a.join("mod.rs")));
        if in_test_file || module.first().is_some_and(|m| BINARY.contains(&m.as_str())) {
            continue;
        }
        let from = module.first().map_or("crate root", |m| layer_of(m));
        for (line, path) in paths_in(text, &module).0 {
            imports.push(Import {
                file: file.clone(),
                line,
                from,
                path,
            });
        }
    }
    imports
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    for path in entries(dir) {
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The module path of a file: `src/a/b.rs` and `src/a/b/mod.rs` are
/// `["a", "b"]`, `src/lib.rs` is `[]`.
fn module_of(src: &Path, path: &Path) -> Vec<String> {
    let mut module: Vec<String> = path
        .strip_prefix(src)
        .unwrap_or(path)
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if module.last().is_some_and(|m| m == "mod" || m == "lib") {
        module.pop();
    }
    module
}

/// The paths into the crate in `text` (line and segments below `crate::`),
/// outside test code, and the names of child modules declared
/// `#[cfg(test)] mod name;`. `module` is the file's module path.
fn paths_in(text: &str, module: &[String]) -> (Vec<(usize, Vec<String>)>, Vec<String>) {
    let tokens = tokens(&blank(text));
    let mut found = Vec::new();
    let mut test_children = Vec::new();
    // Inline modules open around the current token: name, brace depth at
    // which each closes, and whether it is test code.
    let mut open: Vec<(String, usize, bool)> = Vec::new();
    let mut depth = 0;
    let mut cfg_test = false;
    let mut i = 0;
    while i < tokens.len() {
        let (line, token) = (tokens[i].0, tokens[i].1.as_str());
        let in_test = open.iter().any(|(_, _, test)| *test);
        match token {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if open.last().is_some_and(|(_, at, _)| *at == depth) {
                    open.pop();
                }
            }
            "#" if matches(&tokens, i + 1, &["[", "cfg", "(", "test", ")", "]"]) => {
                cfg_test = true;
                i += 7;
                continue;
            }
            "mod" if i + 2 < tokens.len() => {
                let name = tokens[i + 1].1.clone();
                if tokens[i + 2].1 == "{" {
                    open.push((name, depth, cfg_test || in_test));
                } else if cfg_test && !in_test {
                    test_children.push(name);
                }
                cfg_test = false;
                i += 2;
                continue;
            }
            "use" if cfg_test || in_test => {
                while i < tokens.len() && tokens[i].1 != ";" {
                    i += 1;
                }
                cfg_test = false;
            }
            "use" => {
                let here = here(module, &open);
                let mut j = i + 1;
                if tokens.get(j).is_some_and(|t| t.1 == "::") {
                    j += 1;
                }
                let mut leaves = Vec::new();
                use_tree(&tokens, &mut j, Vec::new(), &mut leaves);
                for (line, path) in leaves {
                    if let Some(path) = resolve(&here, &path, true) {
                        found.push((line, path));
                    }
                }
                i = j;
                cfg_test = false;
                continue;
            }
            "crate" | "super"
                if !in_test
                    && tokens.get(i + 1).is_some_and(|t| t.1 == "::")
                    && (i == 0 || tokens[i - 1].1 != "::") =>
            {
                let mut path = vec![token.to_string()];
                let mut j = i + 1;
                while tokens.get(j).is_some_and(|t| t.1 == "::")
                    && tokens.get(j + 1).is_some_and(|t| is_ident(&t.1))
                {
                    path.push(tokens[j + 1].1.clone());
                    j += 2;
                }
                if let Some(path) = resolve(&here(module, &open), &path, false) {
                    found.push((line, path));
                }
                i = j;
                continue;
            }
            ";" => cfg_test = false,
            _ => {}
        }
        i += 1;
    }
    (found, test_children)
}

/// The module path at a point: the file's, then the inline modules open.
fn here(module: &[String], open: &[(String, usize, bool)]) -> Vec<String> {
    let mut here = module.to_vec();
    here.extend(open.iter().map(|(name, _, _)| name.clone()));
    here
}

/// `path` as segments below `crate::`, or `None` when it does not lead
/// into another top-level module or the crate root (an outside crate, a
/// local name). In `use`, a bare first segment is relative to the module
/// (a child), except at the crate root, where it names a top-level module.
fn resolve(here: &[String], path: &[String], in_use: bool) -> Option<Vec<String>> {
    let mut base: Vec<String> = here.to_vec();
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &path[1..];
        }
        Some("super") => {
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        Some("self") => rest = &path[1..],
        Some(_) if in_use && here.is_empty() => {}
        _ => return None,
    }
    let mut full = base;
    full.extend(rest.iter().cloned());
    if full.is_empty() || full.first() == here.first() {
        return None;
    }
    if here.is_empty() && !LAYERS.iter().any(|(layer, _)| *layer == full[0]) {
        // A bare name at the root that is no module: an outside crate.
        return None;
    }
    Some(full)
}

/// Reads a `use` tree from `tokens[*at]` up to its end (`;`, `,` or `}`),
/// adding each leaf's path (with `prefix`) and line to `leaves`.
fn use_tree(
    tokens: &[(usize, String)],
    at: &mut usize,
    prefix: Vec<String>,
    leaves: &mut Vec<(usize, Vec<String>)>,
) {
    let mut path = prefix;
    let mut line = tokens.get(*at).map_or(0, |t| t.0);
    let mut first = true;
    while let Some((l, token)) = tokens.get(*at) {
        match token.as_str() {
            "{" => {
                *at += 1;
                while tokens.get(*at).is_some_and(|t| t.1 != "}") {
                    use_tree(tokens, at, path.clone(), leaves);
                    if tokens.get(*at).is_some_and(|t| t.1 == ",") {
                        *at += 1;
                    }
                }
                *at += 1;
                return;
            }
            "::" => *at += 1,
            "*" => {
                *at += 1;
                leaves.push((line, path.clone()));
                return;
            }
            "as" => {
                *at += 2;
            }
            ";" | "," | "}" => {
                if !path.is_empty() {
                    leaves.push((line, path));
                }
                if token == ";" {
                    *at += 1;
                }
                return;
            }
            "self" if !first || !path.is_empty() => *at += 1,
            name => {
                if first {
                    line = *l;
                    first = false;
                }
                path.push(name.to_string());
                *at += 1;
            }
        }
    }
}

fn matches(tokens: &[(usize, String)], at: usize, want: &[&str]) -> bool {
    want.iter()
        .enumerate()
        .all(|(k, w)| tokens.get(at + k).is_some_and(|t| t.1 == *w))
}

fn is_ident(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Identifiers, `::` and single punctuation, with their line numbers.
fn tokens(code: &str) -> Vec<(usize, String)> {
    let mut tokens = Vec::new();
    let mut line = 1;
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push((line, chars[start..i].iter().collect()));
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push((line, "::".to_string()));
            i += 2;
        } else {
            tokens.push((line, c.to_string()));
            i += 1;
        }
    }
    tokens
}

/// `text` with comments, strings and character literals blanked out
/// (newlines kept), so that only code is read.
fn blank(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let keep_lines = |out: &mut String, from: &[char]| {
        out.extend(from.iter().map(|c| if *c == '\n' { '\n' } else { ' ' }));
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let after_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '/' && next == Some('/') {
            let end = chars[i..]
                .iter()
                .position(|c| *c == '\n')
                .map_or(chars.len(), |p| i + p);
            keep_lines(&mut out, &chars[i..end]);
            i = end;
        } else if c == '/' && next == Some('*') {
            let mut nesting = 0;
            let mut j = i;
            while j < chars.len() {
                if chars[j] == '/' && chars.get(j + 1) == Some(&'*') {
                    nesting += 1;
                    j += 2;
                } else if chars[j] == '*' && chars.get(j + 1) == Some(&'/') {
                    nesting -= 1;
                    j += 2;
                    if nesting == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            keep_lines(&mut out, &chars[i..j]);
            i = j;
        } else if c == 'r' && !after_ident && matches!(next, Some('"' | '#')) {
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let body_start = i + 2 + hashes;
            let rest: String = chars[body_start..].iter().collect();
            let end = rest.find(&close).map_or(chars.len(), |p| {
                body_start + rest[..p].chars().count() + 1 + hashes
            });
            keep_lines(&mut out, &chars[i..end]);
            i = end;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(chars.len());
            keep_lines(&mut out, &chars[i..end]);
            i = end;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '\'' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(chars.len());
            keep_lines(&mut out, &chars[i..end]);
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}
