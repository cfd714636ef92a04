//! A hit traced back to the source text it came from, so the report points
//! at the line to change.

use super::*;

/// Where each leak's text is written in the program's sources, best guess
/// first: the curriculum, the theme and the published data files before
/// the files of learners and pairs, which are not published. The
/// definition of a person (`name:`, `email:`, `goal:`, `id:` in data) is
/// not a source of a leak, and an id is looked for only in the curriculum
/// and the theme: the data names everyone by id.
pub(super) fn trace<'l>(
    texts: &[&str],
    leaks: impl Iterator<Item = &'l Leak>,
    guard: &Guard<'_>,
    checked: &Checked,
) -> Vec<Vec<Location>> {
    let leaks: Vec<&Leak> = leaks.collect();
    let mut found: Vec<Vec<(u8, Location)>> = vec![Vec::new(); texts.len()];
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        .build(texts)
    else {
        return found.into_iter().map(|_| Vec::new()).collect();
    };
    for (file, text) in source_texts(checked) {
        let rank = source_rank(&file);
        let Ok(matches) = automaton.try_find_overlapping_iter(text.as_bytes()) else {
            continue;
        };
        for m in matches {
            let i = m.pattern().as_usize();
            let exact = match leaks[i] {
                Leak::Email(_) => true,
                Leak::Personal(_) => text.get(m.start()..m.end()) == Some(texts[i]),
            };
            let is_id = matches!(guard.person_of(leaks[i]), Some((_, Some(Field::Id))));
            if !exact
                || !whole_word(&text, m.start(), m.end())
                || (is_id && file.starts_with("data"))
            {
                continue;
            }
            if own_record(guard, leaks[i], &file, checked) {
                continue;
            }
            let (line, column, line_text) = line_and_column(&text, m.start());
            if file.starts_with("data") && (defines_someone(line_text) || commented(line_text)) {
                continue;
            }
            let len = texts[i].chars().count() as u32;
            found[i].push((rank, Location::at(file.clone(), line, column, len)));
        }
    }
    found
        .into_iter()
        .map(|mut places| {
            places.sort();
            places.dedup();
            places.into_iter().map(|(_, l)| l).collect()
        })
        .collect()
}

/// The program's texts a page can quote: every file a record was read
/// from, and the program's own templates.
fn source_texts(checked: &Checked) -> Vec<(PathBuf, String)> {
    let program = &checked.program;
    let mut files = BTreeSet::new();
    files.extend(program.learners.iter().map(|l| l.pos.file));
    files.extend(program.mentors.iter().map(|m| m.pos.file));
    files.extend(program.cohorts.iter().map(|c| c.pos.file));
    files.extend(program.sessions.iter().map(|s| s.pos.file));
    files.extend(program.pairs.iter().map(|p| p.pos.file));
    files.extend(program.outcomes.iter().map(|o| o.pos.file));
    files.extend(program.journey.stages.iter().map(|s| s.pos.file));
    files.extend(program.paths.iter().map(|p| p.file));
    files.extend(program.modules.iter().map(|m| m.file));
    files.extend(program.pages.iter().map(|p| p.file));
    let mut texts: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|f| program.files.path(f).to_path_buf())
        .filter_map(|path| checked.sources.get(&path).map(|text| (path, text)))
        .collect();
    texts.extend(
        checked
            .theme
            .templates
            .iter()
            .filter(|t| !t.built_in)
            .map(|t| (t.origin.clone(), t.text.clone())),
    );
    texts
}

fn source_rank(file: &Path) -> u8 {
    if file.starts_with("data/learners") || file.starts_with("data/pairs.yaml") {
        2
    } else if file.starts_with("data") {
        1
    } else {
        0
    }
}

/// Whether `file` is the learner's own file, for a leak of a learner: what
/// it says of them is their record, which no public page quotes.
fn own_record(guard: &Guard<'_>, leak: &Leak, file: &Path, checked: &Checked) -> bool {
    match guard.person_of(leak) {
        Some((Person::Learner(id), _)) => {
            let program = &checked.program;
            program.files.path(program.learner(id).pos.file) == file
        }
        _ => false,
    }
}

/// Whether a YAML line is a comment, which no page shows.
fn commented(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// Whether a YAML line is a person's own field: the place a name or address
/// is recorded, not where it is quoted.
pub(super) fn defines_someone(line: &str) -> bool {
    let key = line
        .trim_start()
        .trim_start_matches("- ")
        .split(':')
        .next()
        .unwrap_or_default()
        .trim();
    matches!(key, "name" | "email" | "goal" | "id")
}

/// The 1-based line and character column of byte `at`, and the line.
pub(super) fn line_and_column(text: &str, at: usize) -> (u32, u32, &str) {
    let before = text.get(..at).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() as u32 + 1;
    let column = text.get(line_start..at).unwrap_or_default().chars().count() as u32 + 1;
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (
        line,
        column,
        text.get(line_start..line_end).unwrap_or_default(),
    )
}
