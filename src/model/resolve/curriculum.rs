//! Modules, learning paths and pages.

use super::*;

/// Resolves one module file against the key tables of its program.
pub(super) fn module(
    cx: &mut Cx,
    m: &RawModule,
    module_keys: &Table,
    path_keys: &Table,
    outcome_keys: &Table,
) -> Module {
    let f = &m.front;
    let path = path_keys.get(&m.path_dir).map(PathId);
    let prerequisites = f
        .prerequisites
        .iter()
        .filter_map(|p| {
            module_keys
                .find(cx, m.file, p)
                .map(|id| (ModuleId(id), cx.pos(m.file, p)))
        })
        .collect();
    let outcomes = f
        .outcomes
        .iter()
        .filter_map(|o| outcome_keys.find(cx, m.file, o).map(OutcomeId))
        .collect();
    for milestone in &f.milestones {
        cx.id(m.file, &milestone.id);
    }
    for checkpoint in &f.checkpoints {
        cx.id(m.file, &checkpoint.id);
    }
    Module {
        key: m.id.clone(),
        title: f.title.clone(),
        summary: f.summary.clone(),
        path,
        stage: f.stage,
        pillar: f.pillar,
        prerequisites,
        effort_hours: f.effort_hours.value,
        outcomes,
        milestones: f
            .milestones
            .iter()
            .map(|x| Milestone {
                key: x.id.value.clone(),
                title: x.title.clone(),
            })
            .collect(),
        checkpoints: f
            .checkpoints
            .iter()
            .map(|x| Checkpoint {
                key: x.id.value.clone(),
                title: x.title.clone(),
                competence: x.competence,
                pos: cx.pos(m.file, &x.id),
            })
            .collect(),
        artifact: f.artifact.as_ref().map(|a| Artifact {
            title: a.title.clone(),
            description: a.description.clone(),
        }),
        reflection: f.reflection.clone(),
        body: m.body.clone(),
        body_line: m.body_line,
        file: m.file,
    }
}

/// The learning paths, with their modules in order.
pub(super) fn paths(
    cx: &mut Cx,
    paths: &[RawPath],
    module_keys: &Table,
    outcome_keys: &Table,
) -> Vec<LearningPath> {
    paths
        .iter()
        .map(|p| {
            let mark = cx.begin();
            let modules = p
                .front
                .modules
                .iter()
                .filter_map(|m| module_keys.find(cx, p.file, m).map(ModuleId))
                .collect();
            if cx.lost_since(mark) {
                // A module left out of the list may be any the typo was
                // near: none of them is reported as on no path.
                cx.leave_out(Kind::Path, [p.id.clone()]);
            }
            LearningPath {
                key: p.id.clone(),
                title: p.front.title.clone(),
                outcome: outcome_keys
                    .find(cx, p.file, &p.front.outcome)
                    .map(OutcomeId),
                summary: p.front.summary.clone(),
                modules,
                body: p.body.clone(),
                body_line: p.body_line,
                file: p.file,
            }
        })
        .collect()
}

/// The program's own pages.
pub(super) fn pages(cx: &mut Cx, pages: &[RawPage]) -> Vec<Page> {
    let page_keys = Table::build_plain(
        cx,
        Kind::Page,
        pages.iter().map(|p| (p.file, p.id.as_str())),
    );
    drop(page_keys);
    pages
        .iter()
        .map(|p| Page {
            key: p.id.clone(),
            title: p.front.title.clone(),
            summary: p.front.summary.clone(),
            body: p.body.clone(),
            body_line: p.body_line,
            file: p.file,
        })
        .collect()
}
