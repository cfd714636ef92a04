//! The journey as `program.yaml` defines it: every stage reachable, none a
//! dead end, every handoff owned and limited in time.

use super::*;

/// The journey definition: every stage reachable, none a dead end, every
/// handoff owned and limited in time.
pub(crate) fn definition(program: &Program) -> Vec<Diagnostic> {
    let journey = &program.journey;
    let mut out = Vec::new();
    let Some(first) = journey.stages.first() else {
        return out;
    };
    let outgoing = outgoing_by_stage(journey);
    let reached = reachable(journey, &outgoing);
    let file = program.files.path(first.pos.file).display().to_string();
    // A handoff left out after an error may lead anywhere, or out of the
    // stages it names.
    let gaps = &program.gaps;
    for (index, stage) in journey.stages.iter().enumerate() {
        if !reached.get(index).copied().unwrap_or(true) && !gaps.any(Kind::Handoff) {
            out.push(
                Diagnostic::new(
                    Code::StageUnreachable,
                    format!(
                        "no handoff leads to stage `{}` from the first stage `{}`",
                        stage.key, first.key
                    ),
                )
                .at(program.locate(stage.pos))
                .label("unreachable stage")
                .help(format!(
                    "add a handoff with `to: {}` to `journey.handoffs` in {file}, mark the stage \
                     `exit: true` if learners may leave to it from any stage, or remove it",
                    stage.key
                )),
            );
        }
        if !stage.terminal
            && outgoing.get(index).is_none_or(Vec::is_empty)
            && !gaps.may_hide(Kind::Handoff, &stage.key)
        {
            out.push(
                Diagnostic::new(
                    Code::StageDeadEnd,
                    format!(
                        "stage `{}` is not terminal, but no handoff leads out of it",
                        stage.key
                    ),
                )
                .at(program.locate(stage.pos))
                .label("no way out")
                .help(format!(
                    "add a handoff with `from: {}` to `journey.handoffs` in {file}, or mark the \
                     stage `terminal: true` if learners may stay there for good",
                    stage.key
                )),
            );
        }
    }
    for handoff in &journey.handoffs {
        let from = &program.stage(handoff.from).key;
        let to = &program.stage(handoff.to).key;
        if handoff.owner_pos.is_none() {
            let roles: Vec<String> = program
                .roles
                .iter()
                .map(|r| format!("`{}`", r.key))
                .collect();
            let roles = if roles.is_empty() {
                "a role id".to_string()
            } else {
                format!("a role ({})", roles.join(", "))
            };
            out.push(
                Diagnostic::new(
                    Code::HandoffNoOwner,
                    format!("the handoff from `{from}` to `{to}` has no owner"),
                )
                .at(program.locate(handoff.pos))
                .label("this handoff")
                .help(format!(
                    "add `owner:` naming who moves learners on: {roles}, a mentor id, or \
                     `mentor` for the learner's own mentor"
                )),
            );
        }
        if handoff.limit_days.is_none() {
            out.push(
                Diagnostic::new(
                    Code::HandoffNoLimit,
                    format!("the handoff from `{from}` to `{to}` has no time limit"),
                )
                .at(program.locate(handoff.pos))
                .label("this handoff")
                .help(format!(
                    "add `limit_days:` with the number of days a learner may stay in `{from}` \
                     before this handoff is late"
                )),
            );
        }
    }
    out
}

/// Handoffs leaving each stage, indexed by stage.
pub(super) fn outgoing_by_stage(journey: &Journey) -> Vec<Vec<&Handoff>> {
    let mut outgoing = vec![Vec::new(); journey.stages.len()];
    for handoff in &journey.handoffs {
        if let Some(list) = outgoing.get_mut(handoff.from.index()) {
            list.push(handoff);
        }
    }
    outgoing
}

/// Stages reachable from the first; exit stages can be entered from any
/// stage, so they and whatever follows them count as reached too.
fn reachable(journey: &Journey, outgoing: &[Vec<&Handoff>]) -> Vec<bool> {
    let mut reached = vec![false; journey.stages.len()];
    let mut stack: Vec<usize> = std::iter::once(0)
        .chain(
            journey
                .stages
                .iter()
                .enumerate()
                .filter(|(_, s)| s.exit)
                .map(|(i, _)| i),
        )
        .collect();
    while let Some(index) = stack.pop() {
        match reached.get_mut(index) {
            Some(seen) if !*seen => *seen = true,
            _ => continue,
        }
        for handoff in outgoing.get(index).into_iter().flatten() {
            stack.push(handoff.to.index());
        }
    }
    reached
}
