//! The program's lookups, on the example program.

use std::path::Path;

use crate::testing::example_with;

#[test]
fn each_module_is_found_by_its_file_and_nothing_else_is() {
    let program = example_with::<&str>(&[]);
    assert!(
        program.modules.len() > 1,
        "the example has one module or none"
    );
    for (id, module) in program.modules_with_ids() {
        assert_eq!(program.module_at(program.files.path(module.file)), Some(id));
    }
    let file = Path::new("content/paths/getting-started/set-up-your-workspace.md");
    let id = program
        .module_at(file)
        .unwrap_or_else(|| panic!("no module at {}", file.display()));
    assert_eq!(program.module(id).key, "set-up-your-workspace");
    for other in [
        "content/paths/getting-started/_index.md",
        "content/pages/about.md",
        "data/program.yaml",
    ] {
        assert_eq!(program.module_at(Path::new(other)), None, "{other}");
    }
}
