//! Module bodies: about 900 words of CommonMark with headings, lists, a
//! table, a fenced code block and relative links to other modules that
//! resolve, some of them to a heading every module has.

use std::fmt::Write as _;

use super::Rng;
use super::text::{CODE_LANGUAGES, WORDS, heading, paragraph, sentence};

/// Headings every module body has, so links may point at them.
pub const ANCHORS: &[(&str, &str)] = &[
    ("Learning objectives", "learning-objectives"),
    ("Practice exercise", "practice-exercise"),
    ("Session plan", "session-plan"),
];

/// A module another module may link to: its relative `.md` link from the
/// linking module's directory and its title.
pub struct LinkTarget {
    /// e.g. `module-00012.md` or `../path-02/module-00150.md`.
    pub href: String,
    /// Link text.
    pub title: String,
}

/// The Markdown body of a module; `links` are the modules it points at
/// (at least one).
pub fn body(rng: &mut Rng, links: &[LinkTarget]) -> String {
    let target_words = rng.range(800, 1000);
    let mut link = links.iter().cycle();
    let mut next_link = |rng: &mut Rng| match link.next() {
        Some(target) if rng.chance(40) => {
            let (_, anchor) = rng.pick(ANCHORS);
            format!("[{}]({}#{anchor})", target.title, target.href)
        }
        Some(target) => format!("[{}]({})", target.title, target.href),
        None => "the module before this one".to_string(),
    };
    let mut parts: Vec<String> = Vec::new();
    parts.push(format!(
        "{} Start with {} if this is new to you.",
        paragraph(rng, 3, 6),
        next_link(rng)
    ));
    parts.push(format!("## {}", ANCHORS[0].0));
    parts.push(list(rng, "-", 4, 6, 5, 12));
    parts.push(format!("## {}", heading(rng)));
    parts.push(paragraph(rng, 3, 6));
    parts.push(format!("### {}", heading(rng)));
    parts.push(format!(
        "{} See also {}.",
        paragraph(rng, 3, 6),
        next_link(rng)
    ));
    parts.push(format!("## {}", ANCHORS[1].0));
    parts.push(list(rng, "1.", 3, 5, 6, 14));
    parts.push(code_block(rng));
    parts.push(format!("## {}", ANCHORS[2].0));
    parts.push(table(rng));
    let mut words: usize = parts.iter().map(|p| p.split_whitespace().count()).sum();
    while words + 60 < target_words {
        let section = [
            format!("## {}", heading(rng)),
            paragraph(rng, 3, 6),
            if rng.chance(40) {
                list(rng, "-", 2, 4, 4, 10)
            } else {
                format!("> {}", sentence(rng, 8, 18))
            },
        ];
        words += section
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum::<usize>();
        parts.extend(section);
    }
    parts.push("## Related modules".to_string());
    let related: Vec<String> = (0..links.len().clamp(1, 4))
        .map(|_| format!("- {}", next_link(rng)))
        .collect();
    parts.push(related.join("\n"));
    parts.push(
        "Further reading: [CommonMark](https://commonmark.org/help/) for the syntax used here."
            .to_string(),
    );
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

/// A bullet (`-`) or numbered (`1.`) list.
fn list(
    rng: &mut Rng,
    marker: &str,
    lo: usize,
    hi: usize,
    words_lo: usize,
    words_hi: usize,
) -> String {
    let n = rng.range(lo, hi);
    (0..n)
        .map(|k| {
            let marker = if marker == "-" {
                "-".to_string()
            } else {
                format!("{}.", k + 1)
            };
            format!("{marker} {}", sentence(rng, words_lo, words_hi))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn table(rng: &mut Rng) -> String {
    let mut out =
        String::from("| Week | Activity | Owner | Minutes |\n| ---: | --- | --- | ---: |");
    for week in 1..=rng.range(4, 7) {
        let _ = write!(
            out,
            "\n| {week} | {} {} {} | {} | {} |",
            capitalised(rng.pick(WORDS)),
            rng.pick(WORDS),
            rng.pick(WORDS),
            rng.pick(&["mentor", "learner", "both", "cohort lead"]),
            rng.pick(&[15, 30, 45, 60, 90]),
        );
    }
    out
}

fn code_block(rng: &mut Rng) -> String {
    let language = rng.pick(CODE_LANGUAGES);
    let n = rng.range(8, 16);
    let mut lines: Vec<String> = Vec::new();
    let w = |rng: &mut Rng| rng.pick(WORDS);
    match language {
        "python" => {
            lines.push(format!("def review_{}(learner, cohort):", w(rng)));
            lines.push("    score = 0".into());
            for _ in 0..n - 3 {
                let (a, b, c) = (w(rng), w(rng), w(rng));
                lines.push(format!("    if learner.{a}_{b} > {}:", rng.range(1, 50)));
                lines.push(format!(
                    "        score += cohort.weights.get(\"{c}\", {})",
                    rng.range(1, 9)
                ));
            }
            lines.push("    return {\"learner\": learner.name, \"score\": score}".into());
        }
        "rust" => {
            lines.push(format!(
                "fn plan_{}(cohort: &Cohort) -> Vec<Session> {{",
                w(rng)
            ));
            lines.push("    let mut out = Vec::new();".into());
            for _ in 0..n - 4 {
                let (a, b) = (w(rng), w(rng));
                lines.push(format!(
                    "    if cohort.{a}_count() > {} {{ out.push(Session::new(\"{b}\", {})); }}",
                    rng.range(1, 50),
                    rng.range(15, 90)
                ));
            }
            lines.push("    out.sort_by_key(|s| s.minutes);".into());
            lines.push("    out".into());
            lines.push("}".into());
        }
        "bash" => {
            lines.push("#!/usr/bin/env bash".into());
            lines.push("set -euo pipefail".into());
            for _ in 0..n - 2 {
                let (a, b, c) = (w(rng), w(rng), w(rng));
                lines.push(format!(
                    "grep -c '{a}' notes/{b}-{:02}.md | tee -a {c}.log",
                    rng.range(1, 12)
                ));
            }
        }
        "yaml" => {
            lines.push(format!("cohort: {}-{}", w(rng), rng.range(2020, 2030)));
            lines.push("sessions:".into());
            for week in 1..=n - 2 {
                let (a, b) = (w(rng), w(rng));
                lines.push(format!("  - week: {week}"));
                lines.push(format!("    topic: \"{a} {b}\""));
                lines.push(format!("    minutes: {}", rng.range(15, 90)));
            }
        }
        _ => {
            lines.push(format!(
                "export function summarize{}(sessions) {{",
                capitalised(w(rng))
            ));
            lines.push("  const totals = new Map();".into());
            for _ in 0..n - 4 {
                let a = w(rng);
                lines.push(format!(
                    "  totals.set('{a}', (totals.get('{a}') ?? 0) + sessions.length * {});",
                    rng.range(1, 9)
                ));
            }
            lines.push("  return [...totals.entries()].sort((a, b) => b[1] - a[1]);".into());
            lines.push("}".into());
        }
    }
    format!("```{language}\n{}\n```", lines.join("\n"))
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
