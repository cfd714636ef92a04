//! Paths and modules under `content/paths/`: about 100 modules a path, each
//! module on exactly one path, prerequisites only on earlier modules of the
//! same path (so no cycle and none later in the path), every module with an
//! artifact, milestones and a competence checkpoint.

use std::fmt::Write as _;
use std::io;

use super::markdown::{self, LinkTarget};
use super::text::{ADJECTIVES, TOPICS, paragraph, quoted, sentence};
use super::{Files, Rng};

/// Modules a path holds at most.
const MODULES_PER_PATH: usize = 100;

/// The example program's outcomes, which paths and modules serve.
const OUTCOMES: &[&str] = &["first-project", "confident-learner", "peer-network"];

/// Stages of a path in order; a module's stage follows its place in the path.
const STAGES: &[&str] = &[
    "diagnosis",
    "foundations",
    "practice",
    "feedback",
    "application",
];

const PILLARS: &[&str] = &["formal-training", "stretch-work", "reflective-coaching"];

/// The milestone every learner reaches first in a module.
pub const FIRST_MILESTONE: &str = "plan-agreed";

/// A path as the people generator needs it.
pub struct PathPlan {
    /// Directory name and id.
    pub key: String,
    /// Module ids in order.
    pub modules: Vec<String>,
    /// The outcome the path leads to.
    pub outcome: &'static str,
}

/// Writes every path and module; returns the paths.
pub fn write(files: &mut Files, modules: usize, seed: u64) -> io::Result<Vec<PathPlan>> {
    let modules = modules.max(1);
    let path_count = modules.div_ceil(MODULES_PER_PATH);
    let plans: Vec<PathPlan> = (0..path_count)
        .map(|p| {
            let first = p * modules / path_count;
            let last = (p + 1) * modules / path_count;
            PathPlan {
                key: format!("path-{:02}", p + 1),
                modules: (first..last)
                    .map(|i| format!("module-{:05}", i + 1))
                    .collect(),
                outcome: OUTCOMES[p % OUTCOMES.len()],
            }
        })
        .collect();
    let titles: Vec<Vec<String>> = plans
        .iter()
        .map(|plan| plan.modules.iter().map(|m| title(seed, m)).collect())
        .collect();

    for (p, plan) in plans.iter().enumerate() {
        let mut rng = Rng::new(seed, 0x5041_5448_0000 + p as u64);
        let mut index = String::new();
        let _ = writeln!(index, "---");
        let _ = writeln!(
            index,
            "title: {}",
            quoted(&format!("{} path", TOPICS[p % TOPICS.len()]))
        );
        let _ = writeln!(index, "outcome: {}", plan.outcome);
        let _ = writeln!(index, "summary: {}", quoted(&sentence(&mut rng, 8, 14)));
        let _ = writeln!(index, "modules:");
        for module in &plan.modules {
            let _ = writeln!(index, "  - {module}");
        }
        let _ = writeln!(index, "---");
        let _ = writeln!(index, "{}", paragraph(&mut rng, 2, 4));
        files.write(&format!("content/paths/{}/_index.md", plan.key), &index)?;

        for (j, key) in plan.modules.iter().enumerate() {
            let links = link_targets(&plans, &titles, p, j, &mut rng);
            let text = module_file(&plans, p, j, &titles[p][j], &links, seed);
            files.write(&format!("content/paths/{}/{key}.md", plan.key), &text)?;
        }
    }
    Ok(plans)
}

fn title(seed: u64, key: &str) -> String {
    let number: u64 = key
        .trim_start_matches("module-")
        .parse()
        .unwrap_or_default();
    let mut rng = Rng::new(seed, 0x5449_544C_0000 + number);
    format!(
        "{} ({} track, part {number})",
        rng.pick(TOPICS),
        rng.pick(ADJECTIVES)
    )
}

/// The previous and next module of the path, one more of the same path and
/// one on another path when there is one.
fn link_targets(
    plans: &[PathPlan],
    titles: &[Vec<String>],
    p: usize,
    j: usize,
    rng: &mut Rng,
) -> Vec<LinkTarget> {
    let plan = &plans[p];
    let here = |k: usize| LinkTarget {
        href: format!("{}.md", plan.modules[k]),
        title: titles[p][k].clone(),
    };
    let mut out = Vec::new();
    if j > 0 {
        out.push(here(j - 1));
    }
    if j + 1 < plan.modules.len() {
        out.push(here(j + 1));
    }
    if plan.modules.len() > 2 {
        let k = rng.range(0, plan.modules.len() - 1);
        if k != j {
            out.push(here(k));
        }
    }
    if plans.len() > 1 {
        let q = (p + 1 + rng.range(0, plans.len() - 2)) % plans.len();
        let k = rng.range(0, plans[q].modules.len() - 1);
        out.push(LinkTarget {
            href: format!("../{}/{}.md", plans[q].key, plans[q].modules[k]),
            title: titles[q][k].clone(),
        });
    }
    out
}

fn module_file(
    plans: &[PathPlan],
    p: usize,
    j: usize,
    title: &str,
    links: &[LinkTarget],
    seed: u64,
) -> String {
    let plan = &plans[p];
    let key = &plan.modules[j];
    let mut rng = Rng::new(
        seed,
        0x4D4F_4455_0000_0000 + (p as u64) * 100_000 + j as u64,
    );
    let mut prerequisites = Vec::new();
    if j > 0 {
        prerequisites.push(plan.modules[j - 1].as_str());
    }
    if j >= 3 && j.is_multiple_of(3) {
        prerequisites.push(plan.modules[j - 3].as_str());
    }
    let stage = STAGES[j * STAGES.len() / plan.modules.len()];
    let pillar = PILLARS[j % PILLARS.len()];
    let mut outcomes = vec![plan.outcome];
    let extra = OUTCOMES[(p + j) % OUTCOMES.len()];
    if extra != plan.outcome {
        outcomes.push(extra);
    }

    let mut out = String::with_capacity(8 * 1024);
    let _ = writeln!(out, "---");
    let _ = writeln!(out, "title: {}", quoted(title));
    let _ = writeln!(out, "summary: {}", quoted(&sentence(&mut rng, 8, 14)));
    let _ = writeln!(out, "stage: {stage}");
    let _ = writeln!(out, "pillar: {pillar}");
    let _ = writeln!(out, "prerequisites: [{}]", prerequisites.join(", "));
    let _ = writeln!(out, "effort_hours: {}", rng.range(2, 12));
    let _ = writeln!(out, "outcomes: [{}]", outcomes.join(", "));
    let _ = writeln!(out, "milestones:");
    let _ = writeln!(out, "  - id: {FIRST_MILESTONE}");
    let _ = writeln!(out, "    title: You and your mentor agree what to build");
    let _ = writeln!(out, "  - id: draft-shared");
    let _ = writeln!(out, "    title: A first draft is shared for review");
    let _ = writeln!(out, "checkpoints:");
    let _ = writeln!(out, "  - id: walkthrough");
    let _ = writeln!(out, "    title: Walk your mentor through the draft");
    let _ = writeln!(out, "  - id: competence-check");
    let _ = writeln!(
        out,
        "    title: {}",
        quoted(&format!("Show competence in {key} without help"))
    );
    let _ = writeln!(out, "    competence: true");
    let _ = writeln!(out, "artifact:");
    let _ = writeln!(
        out,
        "  title: {}",
        quoted(&format!("Portfolio piece for {key}"))
    );
    let _ = writeln!(out, "  description: {}", quoted(&sentence(&mut rng, 8, 14)));
    let _ = writeln!(out, "reflection:");
    let _ = writeln!(out, "  - {}", quoted(&sentence(&mut rng, 6, 12)));
    let _ = writeln!(out, "  - {}", quoted(&sentence(&mut rng, 6, 12)));
    let _ = writeln!(out, "---");
    out.push_str(&markdown::body(&mut rng, links));
    out
}
