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
    check(&example_with(changes))
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
    let setup = example(SETUP).replace("prerequisites: []", "prerequisites: [your-first-project]");
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
