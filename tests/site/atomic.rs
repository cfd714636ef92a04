//! SPEC §6 and §12: a build that fails leaves the previous site exactly as
//! it was, with nothing left beside it, and the tool refuses an output
//! directory that holds the program's sources.

use std::fs;

use crate::support::{Demo, differences, entries, public_site, read_tree};

#[test]
fn a_failed_build_leaves_the_previous_site_exactly_as_it_was() {
    let demo = Demo::new();
    let out = demo.dir().join("public");
    let first = demo.build(&out, "public", None);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let before = read_tree(&out);
    assert!(
        before.contains_key("index.html"),
        "the first build wrote no home page"
    );
    let drift = differences(public_site(), &before);
    assert!(
        drift.is_empty(),
        "two builds of the same program differ:\n{}",
        drift.join("\n")
    );

    demo.edit(
        "data/pairs.yaml",
        "mentor: amara-okafor\n",
        "mentor: amara-okafro\n",
    );
    let second = demo.build(&out, "public", None);
    assert_eq!(second.code, Some(1), "{}", second.stderr);
    assert!(
        second.stderr.contains("amara-okafro") && second.stderr.contains("data/pairs.yaml"),
        "the failure should point at the unknown mentor:\n{}",
        second.stderr
    );
    let changes = differences(&before, &read_tree(&out));
    assert!(
        changes.is_empty(),
        "the failed build changed the site:\n{}",
        changes.join("\n")
    );
    assert_eq!(
        entries(demo.dir()),
        ["program", "public"],
        "the failed build left something beside the site"
    );
}

#[test]
fn an_output_directory_holding_a_program_is_refused() {
    let demo = Demo::new();
    let root = demo.root();
    // A directory with `data/` in it is another program, not a site.
    let other = demo.dir().join("other");
    fs::create_dir_all(other.join("data")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(other.join("data/program.yaml"), "title: Another program\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let before = read_tree(demo.dir());
    let names = entries(demo.dir());
    for out in [root.clone(), demo.dir().to_path_buf(), other] {
        let run = demo.build(&out, "public", None);
        assert_eq!(run.code, Some(2), "--out {}: {}", out.display(), run.stderr);
        assert!(
            run.stderr.contains("refusing"),
            "--out {} should say why it is refused:\n{}",
            out.display(),
            run.stderr
        );
        let changes = differences(&before, &read_tree(demo.dir()));
        assert!(
            changes.is_empty(),
            "--out {} wrote:\n{}",
            out.display(),
            changes.join("\n")
        );
        assert_eq!(entries(demo.dir()), names, "--out {}", out.display());
        assert_eq!(entries(&root), ["content", "data", "themes"]);
    }
}
