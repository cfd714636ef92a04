//! Curriculum checks: modules can be taken in an order (no prerequisite
//! cycle, E040; prerequisites come first on the path, W045), each produces an
//! artifact (E041), sits on its path (E042) and has at most one competence
//! checkpoint (E011), and every internal link of a module, path intro or page
//! leads to a document (E043) and heading (E044) that exist; a code block too
//! big to highlight is shown plain, with a warning (W048). No link, image or
//! raw HTML attribute leads to a script or data URL (E046), and raw HTML that
//! runs script or embeds a document is pointed out (W047).

use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};

use rayon::prelude::*;

use crate::derive::highlight::{Highlighter, Overrun};
use crate::derive::html::Active;
use crate::derive::links::{
    Hazard, HazardKind, Outline, Resolution, Resolver, Target, relative_link,
};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::model::gaps::Kind;
use crate::model::{Module, ModuleId, Program};
use crate::text::suggest;

mod prerequisites;

use prerequisites::{prerequisite_cycles, prerequisites_later};

/// Prerequisites, artifacts, paths, competence checkpoints and links.
pub fn check(program: &Program, links: &Resolver) -> Vec<Diagnostic> {
    let (mut out, loops) = prerequisite_cycles(program);
    for module in &program.modules {
        out.extend(missing_artifact(program, module));
        out.extend(competence_checkpoints(program, module));
    }
    out.extend(modules_off_path(program));
    out.extend(prerequisites_later(program, &loops));
    out.extend(bodies(program, links));
    out
}

/// The start of a module's front matter, where module-wide problems point.
fn front_matter(program: &Program, module: &Module) -> Location {
    Location::at(program.files.path(module.file), 1, 1, 3)
}

fn missing_artifact(program: &Program, module: &Module) -> Option<Diagnostic> {
    if module
        .artifact
        .as_ref()
        .is_some_and(|a| !a.title.trim().is_empty())
    {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::ModuleNoArtifact,
            format!(
                "module `{}` names no artifact, so learners have nothing to show for it",
                module.key
            ),
        )
        .at(front_matter(program, module))
        .label("this front matter has no `artifact:` with a title")
        .help(
            "add `artifact:` with a `title:` naming what the learner produces, e.g. \
             `artifact: {title: A query notebook}`",
        ),
    )
}

fn competence_checkpoints(program: &Program, module: &Module) -> Option<Diagnostic> {
    let marked: Vec<_> = module.checkpoints.iter().filter(|c| c.competence).collect();
    let (first, second) = (marked.first()?, marked.get(1)?);
    Some(
        Diagnostic::new(
            Code::BadValue,
            format!(
                "module `{}` marks {} checkpoints as its competence checkpoint; at most one may be",
                module.key,
                marked.len()
            ),
        )
        .at(program.locate(second.pos))
        .label("a second competence checkpoint")
        .related(program.locate(first.pos), "the first competence checkpoint")
        .help(
            "keep `competence: true` on the one checkpoint that shows the learner can do it \
             alone, and remove it from the others",
        ),
    )
}

/// A module belongs to the path whose directory holds it, and that path must
/// list it; other paths may list it too.
fn modules_off_path(program: &Program) -> Vec<Diagnostic> {
    let mut listed_by = vec![Vec::new(); program.modules.len()];
    for (index, path) in program.paths.iter().enumerate() {
        for module in &path.modules {
            if !listed_by[module.index()].contains(&index) {
                listed_by[module.index()].push(index);
            }
        }
    }
    let mut first_with_key: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for (index, module) in program.modules.iter().enumerate() {
        // A second module with the same id is already reported as a
        // duplicate, and paths listing the id mean the first one.
        if *first_with_key.entry(&module.key).or_insert(index) != index {
            continue;
        }
        let file = program.files.path(module.file);
        let directory = file.parent().unwrap_or(file).display().to_string();
        // A path whose `_index.md` failed to load, or whose list lost an
        // entry to an error, may well list this module.
        let dir_name = file.parent().and_then(|d| d.file_name());
        let dir_name = dir_name.map(|d| d.to_string_lossy()).unwrap_or_default();
        let gaps = &program.gaps;
        if gaps.may_hide(Kind::Path, &dir_name) || gaps.may_hide(Kind::Path, &module.key) {
            continue;
        }
        let Some(home) = module.path else {
            out.push(
                Diagnostic::new(
                    Code::ModuleOffPath,
                    format!(
                        "module `{}` is in `{directory}`, which is not a path because it has no \
                         `_index.md`",
                        module.key
                    ),
                )
                .at(front_matter(program, module))
                .help(format!(
                    "create `{directory}/_index.md` with a title, an outcome and `modules:`, or \
                     move the file into the directory of an existing path"
                )),
            );
            continue;
        };
        if listed_by[index].contains(&home.index()) {
            continue;
        }
        let home_path = program.path(home);
        let home_file = program.files.path(home_path.file);
        let others: Vec<String> = listed_by[index]
            .iter()
            .map(|&p| format!("`{}`", program.paths[p].key))
            .collect();
        let diagnostic = if others.is_empty() {
            Diagnostic::new(
                Code::ModuleOffPath,
                format!(
                    "module `{}` is on no path: `{}` does not list it",
                    module.key,
                    home_file.display()
                ),
            )
            .help(format!(
                "add `{}` to `modules:` in `{}` where learners should take it, or delete the \
                 module's file",
                module.key,
                home_file.display()
            ))
        } else {
            Diagnostic::new(
                Code::ModuleOffPath,
                format!(
                    "module `{}` sits in the directory of path `{}`, which does not list it; \
                     only {} does",
                    module.key,
                    home_path.key,
                    others.join(", ")
                ),
            )
            .help(format!(
                "move the file into the directory of the path that lists it, or add `{}` to \
                 `modules:` in `{}`",
                module.key,
                home_file.display()
            ))
        };
        out.push(
            diagnostic
                .at(front_matter(program, module))
                .label("this module")
                .related(
                    Location::file(home_file),
                    format!("path `{}` lists its modules here", home_path.key),
                ),
        );
    }
    out
}

/// Every document a link can be written in, in a fixed order, with its body.
fn documents(program: &Program) -> Vec<(Target, &str, u32)> {
    let modules = program
        .modules_with_ids()
        .map(|(id, m)| (Target::Module(id), m.body.as_str(), m.body_line));
    let paths = program
        .paths_with_ids()
        .map(|(id, p)| (Target::Path(id), p.body.as_str(), p.body_line));
    let pages = program
        .pages_with_ids()
        .map(|(id, p)| (Target::Page(id), p.body.as_str(), p.body_line));
    modules.chain(paths).chain(pages).collect()
}

/// Internal links lead to a document and, after `#`, to one of its
/// headings; code blocks are within the highlighter's budget.
fn bodies(program: &Program, resolver: &Resolver) -> Vec<Diagnostic> {
    let documents = documents(program);
    let outlines: Vec<Outline> = documents
        .par_iter()
        .map(|&(_, body, line)| Outline::parse(body, line))
        .collect();
    let slot = |target: Target| match target {
        Target::Module(id) => id.index(),
        Target::Path(id) => program.modules.len() + id.index(),
        Target::Page(id) => program.modules.len() + program.paths.len() + id.index(),
    };
    let outline_of = |target: Target| Cow::Borrowed(&outlines[slot(target)]);
    let highlighter = &Highlighter::new();
    documents
        .par_iter()
        .zip(&outlines)
        .flat_map_iter(|(&(source, _, _), outline)| {
            let mut found = document_links(program, resolver, source, outline, &outline_of);
            found.extend(unhighlighted(program, highlighter, source, outline));
            found
        })
        .collect()
}

/// The checks of one module that read nothing but the module and the
/// documents it links to: its artifact, its competence checkpoints, its
/// internal links and its code blocks.
pub(crate) fn check_module(
    program: &Program,
    resolver: &Resolver,
    id: ModuleId,
) -> Vec<Diagnostic> {
    let module = program.module(id);
    let mut out: Vec<Diagnostic> = missing_artifact(program, module).into_iter().collect();
    out.extend(competence_checkpoints(program, module));
    let outline = Outline::parse(&module.body, module.body_line);
    let outline_of = |target: Target| match target {
        Target::Module(other) if other == id => Cow::Borrowed(&outline),
        Target::Module(other) => {
            let m = program.module(other);
            Cow::Owned(Outline::parse(&m.body, m.body_line))
        }
        Target::Path(path) => {
            let p = program.path(path);
            Cow::Owned(Outline::parse(&p.body, p.body_line))
        }
        Target::Page(page) => {
            let p = &program.pages[page.index()];
            Cow::Owned(Outline::parse(&p.body, p.body_line))
        }
    };
    out.extend(document_links(
        program,
        resolver,
        Target::Module(id),
        &outline,
        &outline_of,
    ));
    out.extend(unhighlighted(
        program,
        &Highlighter::new(),
        Target::Module(id),
        &outline,
    ));
    out
}

/// The code blocks of one document that are shown plain because they are
/// over the highlighter's budget. A language no highlighter knows is plain
/// whatever its size, so it is not reported.
fn unhighlighted(
    program: &Program,
    highlighter: &Highlighter,
    source: Target,
    outline: &Outline,
) -> Vec<Diagnostic> {
    let from = program.files.path(source.file(program));
    outline
        .code_blocks
        .iter()
        .filter_map(|block| {
            let overrun = Overrun::of(block.bytes, block.depth)?;
            highlighter.syntax(&block.language)?;
            let message = format!(
                "this `{}` code block is shown without highlighting: {overrun}",
                block.language
            );
            Some(
                Diagnostic::new(Code::CodeNotHighlighted, message)
                    .at(Location::at(from, block.line, block.column, block.len))
                    .label("shown as plain text")
                    .help(
                        "split the listing into smaller blocks, or link to the file \
                         instead of including it; a fence without a language is never \
                         highlighted and not reported",
                    ),
            )
        })
        .collect()
}

/// The broken links and anchors of one document.
fn document_links<'o>(
    program: &Program,
    resolver: &Resolver,
    source: Target,
    outline: &Outline,
    outline_of: &(dyn Fn(Target) -> Cow<'o, Outline> + Sync),
) -> Vec<Diagnostic> {
    let from = program.files.path(source.file(program));
    let from_key = from.display().to_string().replace('\\', "/");
    let hazards = outline
        .hazards
        .iter()
        .map(|h| hazard(h, Location::at(from, h.line, h.column, h.len)));
    outline
        .links
        .iter()
        .filter_map(|link| {
            let at = Location::at(from, link.line, link.column, link.len);
            match resolver.resolve(from, &link.destination) {
                Resolution::External => None,
                // A document that failed to load is reported already.
                Resolution::Missing { file } if program.gaps.may_hide(Kind::Document, &file) => {
                    None
                }
                Resolution::Missing { file } => Some(broken_link(
                    resolver,
                    &from_key,
                    &link.destination,
                    &file,
                    at,
                )),
                Resolution::Internal {
                    target,
                    anchor: Some(anchor),
                } => {
                    let target_outline = outline_of(target);
                    (!target_outline.has_anchor(anchor)).then(|| {
                        broken_anchor(
                            program,
                            &target_outline,
                            (source, target),
                            &link.destination,
                            anchor,
                            at,
                        )
                    })
                }
                Resolution::Internal { .. } => None,
            }
        })
        .chain(hazards)
        .collect()
}

/// E046 for a script or data URL as a target, W047 for raw HTML that runs
/// script or embeds a document.
fn hazard(hazard: &Hazard, at: Location) -> Diagnostic {
    let script_help = |scheme: &str| {
        if scheme == "data" {
            "put the file in the theme's `static/` directory and link to its address, \
             or link to where it is published"
        } else {
            "link to a page or an `https://` address; to show code, put it in a code span \
             or a fenced code block"
        }
    };
    match &hazard.kind {
        HazardKind::ScriptTarget { what, scheme } => Diagnostic::new(
            Code::ScriptUrl,
            format!("this {what} leads to a `{scheme}:` URL, which runs in the reader's browser"),
        )
        .at(at)
        .label(format!("`{scheme}:` target"))
        .help(script_help(scheme)),
        HazardKind::Html(Active::ScriptUrl { attribute, scheme }) => Diagnostic::new(
            Code::ScriptUrl,
            format!(
                "the `{attribute}` attribute is a `{scheme}:` URL, which runs in the reader's browser"
            ),
        )
        .at(at)
        .label(format!("`{scheme}:` URL"))
        .help(script_help(scheme)),
        HazardKind::Html(Active::Element(element)) => {
            let (message, help) = if *element == "script" {
                (
                    "raw HTML `<script>` runs in every reader's browser".to_string(),
                    "the site works without JavaScript: to show code, put it in a fenced \
                     code block; keep the script only if it is meant and reviewed",
                )
            } else {
                (
                    format!("raw HTML `<{element}>` embeds another document in the page"),
                    "link to it instead; keep the embed only if its source is trusted",
                )
            };
            Diagnostic::new(Code::ActiveHtml, message)
                .at(at)
                .label("active content")
                .help(help)
        }
        HazardKind::Html(Active::Handler(attribute)) => Diagnostic::new(
            Code::ActiveHtml,
            format!("the `{attribute}` attribute runs script in every reader's browser"),
        )
        .at(at)
        .label("event handler")
        .help("remove it: the site works without JavaScript"),
    }
}

fn broken_link(
    resolver: &Resolver,
    from: &str,
    destination: &str,
    file: &str,
    at: Location,
) -> Diagnostic {
    let fragment = destination
        .split_once('#')
        .map(|(_, anchor)| format!("#{anchor}"))
        .unwrap_or_default();
    let help = match closest_document(resolver, file) {
        Some(best) => format!("did you mean `{}{fragment}`?", relative_link(from, best)),
        None => "link to a module, a path's `_index.md` or a page, relative to this file, e.g. \
                 `../<path>/<module>.md`"
            .to_string(),
    };
    Diagnostic::new(
        Code::BrokenLink,
        format!("the link `{destination}` points at `{file}`, which is not a module, path or page"),
    )
    .at(at)
    .label("no such module, path or page")
    .help(help)
}

/// The document whose file name is closest to `file`'s, preferring the same
/// directory.
fn closest_document<'a>(resolver: &'a Resolver, file: &str) -> Option<&'a str> {
    let split = |f: &'a str| f.rsplit_once('/').unwrap_or(("", f));
    let (directory, name) = file.rsplit_once('/').unwrap_or(("", file));
    let nearby: Vec<&str> = resolver
        .files()
        .filter(|f| split(f).0 == directory)
        .collect();
    let everywhere: Vec<&str> = resolver.files().collect();
    [nearby, everywhere].into_iter().find_map(|candidates| {
        let names: Vec<&str> = candidates.iter().map(|f| split(f).1).collect();
        let best = suggest(name, &names)?;
        candidates.into_iter().find(|f| split(f).1 == best)
    })
}

fn broken_anchor(
    program: &Program,
    outline: &Outline,
    (source, target): (Target, Target),
    destination: &str,
    anchor: &str,
    at: Location,
) -> Diagnostic {
    let document = program
        .files
        .path(target.file(program))
        .display()
        .to_string();
    let page = destination.split_once('#').map_or("", |(page, _)| page);
    let anchors: Vec<&str> = outline.headings.iter().map(|h| h.anchor.as_str()).collect();
    let help = match suggest(anchor, &anchors) {
        Some(best) => format!("did you mean `{page}#{best}`?"),
        None if anchors.is_empty() => {
            format!("`{document}` has no headings: link to it without `#{anchor}`")
        }
        None => format!(
            "the headings of `{document}` have these anchors: {}",
            anchors
                .iter()
                .map(|a| format!("`#{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let message = if source == target {
        format!("this document has no heading with the anchor `#{anchor}`")
    } else {
        format!("`{document}` has no heading with the anchor `#{anchor}`")
    };
    Diagnostic::new(Code::BrokenAnchor, message)
        .at(at)
        .label("no such heading")
        .help(help)
}

#[cfg(test)]
mod tests {
    use super::prerequisites::{shortest_cycle, strongly_connected};
    use super::*;
    use crate::testing::{example, example_with};

    const SETUP: &str = "content/paths/getting-started/set-up-your-workspace.md";
    const PROJECT: &str = "content/paths/getting-started/your-first-project.md";
    const PATH: &str = "content/paths/getting-started/_index.md";

    /// A small module with an artifact; line 5 holds its prerequisites.
    fn module(prerequisites: &str, body: &str) -> String {
        format!(
            "---\ntitle: A module\nstage: practice\npillar: stretch-work\nprerequisites: \
             [{prerequisites}]\neffort_hours: 2\nartifact:\n  title: A thing\n---\n{body}"
        )
    }

    fn path_listing(modules: &str) -> String {
        example(PATH).replace(
            "  - set-up-your-workspace\n  - your-first-project\n",
            &format!("{modules}\n"),
        )
    }

    fn check_with(changes: &[(&str, &str)]) -> Vec<Diagnostic> {
        let program = example_with(changes);
        check(&program, &Resolver::new(&program))
    }

    /// `(code, file:line:col)` of each diagnostic, sorted.
    fn found(diagnostics: &[Diagnostic]) -> Vec<(Code, String)> {
        let mut found: Vec<_> = diagnostics
            .iter()
            .map(|d| {
                let at = d.location.as_ref().map(ToString::to_string);
                (d.code, at.unwrap_or_default())
            })
            .collect();
        found.sort();
        found
    }

    #[test]
    fn the_example_curriculum_is_clean() {
        assert_eq!(check_with(&[]), []);
    }

    #[test]
    fn two_modules_requiring_each_other_are_one_cycle() {
        let setup =
            example(SETUP).replace("prerequisites: []", "prerequisites: [your-first-project]");
        let diagnostics = check_with(&[(SETUP, &setup)]);
        assert_eq!(
            found(&diagnostics),
            [(Code::PrerequisiteCycle, format!("{SETUP}:6:17"))]
        );
        let d = &diagnostics[0];
        assert_eq!(
            d.message,
            "module prerequisites form a cycle: set-up-your-workspace → your-first-project → \
             set-up-your-workspace"
        );
        assert_eq!(d.related.len(), 1);
        assert_eq!(d.related[0].0.to_string(), format!("{PROJECT}:6:17"));
    }

    #[test]
    fn the_shortest_cycle_is_printed_from_the_smallest_id() {
        let dir = "content/paths/getting-started";
        let (a, b, c) = (module("b", ""), module("c, a", ""), module("a", ""));
        let listing =
            path_listing("  - set-up-your-workspace\n  - your-first-project\n  - c\n  - a\n  - b");
        let diagnostics = check_with(&[
            (&format!("{dir}/a.md"), &a),
            (&format!("{dir}/b.md"), &b),
            (&format!("{dir}/c.md"), &c),
            (PATH, &listing),
        ]);
        let cycles: Vec<&str> = diagnostics
            .iter()
            .filter(|d| d.code == Code::PrerequisiteCycle)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(cycles, ["module prerequisites form a cycle: a → b → a"]);
        assert!(
            diagnostics
                .iter()
                .all(|d| d.code == Code::PrerequisiteCycle),
            "{diagnostics:#?}"
        );
    }

    #[test]
    fn a_module_requiring_itself_is_a_cycle() {
        let setup = example(SETUP).replace(
            "prerequisites: []",
            "prerequisites: [set-up-your-workspace]",
        );
        let diagnostics = check_with(&[(SETUP, &setup)]);
        assert_eq!(
            found(&diagnostics),
            [(Code::PrerequisiteCycle, format!("{SETUP}:6:17"))]
        );
        assert!(
            diagnostics[0]
                .message
                .ends_with("set-up-your-workspace → set-up-your-workspace")
        );
    }

    #[test]
    fn tarjan_finds_every_loop() {
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0], vec![]];
        let components = strongly_connected(&edges);
        assert_eq!(components[0], components[1]);
        assert_eq!(components[1], components[2]);
        assert_ne!(components[3], components[0]);
        assert_ne!(components[4], components[0]);
        assert_ne!(components[5], components[4]);
        assert_eq!(shortest_cycle(&edges, &components, 1), [1, 2, 0, 1]);
        assert_eq!(shortest_cycle(&edges, &components, 3), [3, 3]);
    }

    #[test]
    fn a_module_without_an_artifact_is_reported_at_its_front_matter() {
        let project = example(PROJECT).replace(
            "artifact:\n  title: A published project with a README\n",
            "",
        );
        let diagnostics = check_with(&[(PROJECT, &project)]);
        assert_eq!(
            found(&diagnostics),
            [(Code::ModuleNoArtifact, format!("{PROJECT}:1:1"))]
        );
        assert!(diagnostics[0].message.contains("`your-first-project`"));
    }

    #[test]
    fn two_competence_checkpoints_are_one_too_many() {
        let project = example(PROJECT).replace(
            "    title: The project is published with a README\n",
            "    title: The project is published with a README\ncheckpoints:\n  - id: readme-read\n    title: A friend follows the README\n    competence: true\n",
        ).replacen("checkpoints:\n  - id: project-review", "  - id: project-review", 1);
        let diagnostics = check_with(&[(PROJECT, &project)]);
        assert_eq!(
            found(&diagnostics),
            [(Code::BadValue, format!("{PROJECT}:18:9"))]
        );
        assert_eq!(
            diagnostics[0].related[0].0.to_string(),
            format!("{PROJECT}:15:9")
        );
    }

    #[test]
    fn a_module_its_path_does_not_list_is_off_path() {
        let diagnostics = check_with(&[(PATH, &path_listing("  - set-up-your-workspace"))]);
        assert_eq!(
            found(&diagnostics),
            [(Code::ModuleOffPath, format!("{PROJECT}:1:1"))]
        );
        assert!(diagnostics[0].message.contains("is on no path"));
    }

    #[test]
    fn a_module_listed_only_by_another_path_is_off_path() {
        let other =
            "---\ntitle: Other\noutcome: first-project\nmodules:\n  - your-first-project\n---\n";
        let diagnostics = check_with(&[
            (PATH, &path_listing("  - set-up-your-workspace")),
            ("content/paths/other/_index.md", other),
        ]);
        let off_path: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.code == Code::ModuleOffPath)
            .collect();
        assert_eq!(off_path.len(), 1);
        assert!(off_path[0].message.contains("only `other` does"));
    }

    #[test]
    fn a_module_shared_with_another_path_is_fine() {
        let other =
            "---\ntitle: Other\noutcome: first-project\nmodules:\n  - set-up-your-workspace\n---\n";
        assert_eq!(check_with(&[("content/paths/other/_index.md", other)]), []);
    }

    #[test]
    fn a_module_in_a_directory_without_index_is_off_path() {
        let file = "content/paths/drafts/idea.md";
        let diagnostics = check_with(&[(file, &module("", ""))]);
        assert_eq!(
            found(&diagnostics),
            [(Code::ModuleOffPath, format!("{file}:1:1"))]
        );
    }

    #[test]
    fn a_prerequisite_listed_after_the_module_is_a_warning() {
        let listing = path_listing("  - your-first-project\n  - set-up-your-workspace");
        let diagnostics = check_with(&[(PATH, &listing)]);
        assert_eq!(
            found(&diagnostics),
            [(Code::PrerequisiteLater, format!("{PROJECT}:6:17"))]
        );
        assert!(
            diagnostics[0]
                .message
                .contains("lists `set-up-your-workspace` after it")
        );
    }

    #[test]
    fn a_prerequisite_on_no_path_of_the_module_is_a_warning() {
        let other =
            "---\ntitle: Other\noutcome: first-project\nmodules:\n  - your-first-project\n---\n";
        let diagnostics = check_with(&[("content/paths/other/_index.md", other)]);
        assert_eq!(
            found(&diagnostics),
            [(Code::PrerequisiteLater, format!("{PROJECT}:6:17"))]
        );
        assert!(diagnostics[0].message.contains("not on path `other`"));
    }

    #[test]
    fn a_link_to_a_missing_module_suggests_the_closest_file() {
        let setup = example(SETUP).replace("(your-first-project.md#", "(your-frist-project.md#");
        let diagnostics = check_with(&[(SETUP, &setup)]);
        assert_eq!(
            found(&diagnostics),
            [(Code::BrokenLink, format!("{SETUP}:31:39"))]
        );
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("did you mean `your-first-project.md#what-to-build`?")
        );
    }

    #[test]
    fn a_link_to_a_missing_heading_suggests_the_closest_anchor() {
        let setup = example(SETUP).replace("#what-to-build)", "#what-to-bild)");
        let diagnostics = check_with(&[(SETUP, &setup)]);
        assert_eq!(
            found(&diagnostics),
            [(Code::BrokenAnchor, format!("{SETUP}:31:39"))]
        );
        assert_eq!(
            diagnostics[0].message,
            format!("`{PROJECT}` has no heading with the anchor `#what-to-bild`")
        );
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("did you mean `your-first-project.md#what-to-build`?")
        );
    }

    #[test]
    fn pages_and_path_intros_are_checked_too() {
        let page = "---\ntitle: About\n---\nSee [the path](../paths/getting-started/_index.md#nowhere), \
                    [the faq](faq.md), [our site](https://example.org/x.md) and [top](#about-us).\n\n## About us\n";
        let intro = format!(
            "{}\nStart with [setup](set-up-your-workspace.md#why-this-matters).\n",
            example(PATH)
        );
        let diagnostics = check_with(&[("content/pages/about.md", page), (PATH, &intro)]);
        assert_eq!(
            found(&diagnostics),
            [
                (Code::BrokenLink, "content/pages/about.md:4:71".to_string()),
                (
                    Code::BrokenAnchor,
                    "content/pages/about.md:4:16".to_string()
                ),
            ]
        );
        let anchor = diagnostics.iter().find(|d| d.code == Code::BrokenAnchor);
        assert_eq!(
            anchor.and_then(|d| d.help.as_deref()),
            Some(
                "`content/paths/getting-started/_index.md` has no headings: link to it without `#nowhere`"
            )
        );
    }
}
