use super::*;

#[test]
fn escaping_covers_markup_and_quotes() {
    assert_eq!(
        escape(r#"<a href="x">'&'</a>"#),
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
    );
}

#[test]
fn long_titles_are_shortened_on_a_character_boundary() {
    assert_eq!(truncate("Ünïcode title", 5), "Ünïc…");
}

/// The path map of the `telemachy init` example, with files replaced
/// (`(path, text)`), for a site published at the host's root.
fn example_map(changes: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in crate::init::FILES
        .iter()
        .copied()
        .chain(changes.iter().copied())
    {
        let target = dir.path().join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(target, text).unwrap_or_else(|e| panic!("write {path}: {e}"));
    }
    let today = NaiveDate::from_ymd_opt(2026, 4, 15).unwrap_or_default();
    let checked = crate::check_program(dir.path(), today);
    let history = crate::derive::history::History::read(dir.path());
    let options = crate::render::RenderOptions {
        audience: Audience::Public,
        today,
        base_url: "https://example.org/".into(),
        secret: None,
        history: &history,
    };
    let derived = crate::derive::Derived::new(&checked.program, &checked.schedule, today);
    let input = checked
        .input(&derived)
        .unwrap_or_else(|| panic!("{:?}", checked.diagnostics));
    let setting = crate::render::Setting::new(&checked.program, &options);
    let shared = setting.shared(&input, &options, None);
    let (path, _) = checked
        .program
        .paths_with_ids()
        .find(|(_, p)| p.key == "getting-started")
        .unwrap_or_else(|| panic!("no path getting-started"));
    path_map(&shared, path)
}

#[test]
fn the_path_map_is_a_named_group_of_links_that_keeps_its_text_size() {
    let svg = example_map(&[]);
    // A group, not an image: an image's links would be hidden from
    // screen readers while still taking keyboard focus.
    assert!(
        svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="100%" height=""#),
        "{svg}"
    );
    assert!(svg.contains(r#"role="group" aria-labelledby="map-title""#));
    assert!(svg.contains(r#"<title id="map-title">Getting started: modules in order"#));
    for href in [
        "/paths/getting-started/set-up-your-workspace/",
        "/paths/getting-started/your-first-project/",
    ] {
        assert!(
            svg.contains(&format!(r#"<a class="node" href="{href}">"#)),
            "{href} in {svg}"
        );
    }
}

#[test]
fn a_long_module_title_is_shortened_on_the_map_but_named_in_full() {
    let module = "content/paths/getting-started/set-up-your-workspace.md";
    let text = crate::init::FILES
        .iter()
        .find(|(path, _)| *path == module)
        .map(|(_, text)| {
            text.replace(
                "title: Set up your workspace",
                "title: Set up your workspace, your terminal and your version control",
            )
        })
        .unwrap_or_default();
    let svg = example_map(&[(module, &text)]);
    let full = "Set up your workspace, your terminal and your version control";
    assert!(
        svg.contains(&format!(r#"aria-label="{full}"><title>{full}</title>"#)),
        "{svg}"
    );
    assert!(
        svg.contains(">Set up your workspace, your terminal an…</text>"),
        "{svg}"
    );
}

#[test]
fn cohort_state_follows_today() {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
    assert_eq!(
        state_id(d("2026-01-01"), d("2026-02-01"), d("2026-04-15")),
        "finished"
    );
    assert_eq!(
        state_id(d("2026-04-20"), d("2026-09-01"), d("2026-04-15")),
        "starting-soon"
    );
}
