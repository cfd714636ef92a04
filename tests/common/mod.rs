//! What several test crates share: a copy of the demo program.

use std::fs;
use std::path::Path;

/// Copies the demo program's `content/`, `data/` and `themes/` into `root`.
pub fn copy_demo(root: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["content", "data", "themes"] {
        copy_tree(&repo.join(part), &root.join(part));
    }
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    let entries = fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("{}: {e}", from.display()));
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}
