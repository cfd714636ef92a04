//! Modules of two revisions compared: added, removed, and which of their
//! front-matter fields or their text changed.

use super::*;

/// The front-matter fields of a module that differ, by their name in the
/// file.
fn module_fields(base: &Program, old: &Module, head: &Program, new: &Module) -> Vec<&'static str> {
    let keys = |program: &Program, ids: &[crate::model::OutcomeId]| -> Vec<String> {
        ids.iter()
            .map(|id| program.outcomes[id.index()].key.clone())
            .collect()
    };
    let prerequisites = |program: &Program, module: &Module| -> Vec<String> {
        module
            .prerequisites
            .iter()
            .map(|(id, _)| program.module(*id).key.clone())
            .collect()
    };
    let path =
        |program: &Program, module: &Module| module.path.map(|p| program.path(p).key.clone());
    let milestones = |m: &Module| -> Vec<(String, String)> {
        m.milestones
            .iter()
            .map(|s| (s.key.clone(), s.title.clone()))
            .collect()
    };
    let checkpoints = |m: &Module| -> Vec<(String, String, bool)> {
        m.checkpoints
            .iter()
            .map(|c| (c.key.clone(), c.title.clone(), c.competence))
            .collect()
    };
    let artifact = |m: &Module| {
        m.artifact
            .as_ref()
            .map(|a| (a.title.clone(), a.description.clone()))
    };
    [
        ("title", old.title != new.title),
        ("summary", old.summary != new.summary),
        ("path", path(base, old) != path(head, new)),
        ("stage", old.stage != new.stage),
        ("pillar", old.pillar != new.pillar),
        (
            "prerequisites",
            prerequisites(base, old) != prerequisites(head, new),
        ),
        ("effort_hours", old.effort_hours != new.effort_hours),
        (
            "outcomes",
            keys(base, &old.outcomes) != keys(head, &new.outcomes),
        ),
        ("milestones", milestones(old) != milestones(new)),
        ("checkpoints", checkpoints(old) != checkpoints(new)),
        ("artifact", artifact(old) != artifact(new)),
        ("reflection", old.reflection != new.reflection),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect()
}

pub(super) fn modules(base: &Program, head: &Program) -> Vec<ModuleChange> {
    let mut changes = Vec::new();
    for pair in matched(&base.modules, &head.modules, |m| &m.key) {
        match pair {
            (None, Some(new)) => changes.push(ModuleChange::Added {
                module: new.key.clone(),
                title: new.title.clone(),
                path: new.path.map(|p| head.path(p).key.clone()),
            }),
            (Some(old), None) => changes.push(ModuleChange::Removed {
                module: old.key.clone(),
                title: old.title.clone(),
            }),
            (Some(old), Some(new)) => {
                let fields = module_fields(base, old, head, new);
                let text = old.body.trim() != new.body.trim();
                if !fields.is_empty() || text {
                    changes.push(ModuleChange::Changed {
                        module: new.key.clone(),
                        title: new.title.clone(),
                        was: (old.title != new.title).then(|| old.title.clone()),
                        fields,
                        text,
                    });
                }
            }
            (None, None) => {}
        }
    }
    changes
}
