//! SPEC §6 and §12: a build that fails leaves the previous site exactly as
//! it was, with nothing left beside it. Which output folders are refused is
//! in `output_dir.rs`.

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
