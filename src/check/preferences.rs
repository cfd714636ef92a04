//! Matching preferences: a pair that is going on, or yet to start, keeps
//! every hard preference of its learner (E110). A soft one it breaks is
//! no error; the learner's staff page lists it.
//!
//! What "meets" means for each kind is in [`crate::derive::preferences`].

use chrono::NaiveDate;

use crate::derive::preferences::{self, Unmet};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::gaps::Kind;
use crate::model::{Pair, PreferenceKind, Program};

/// E110 for every hard preference a current pair breaks, each pair of a
/// learner with two mentors on its own.
pub(crate) fn check(program: &Program, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for pair in &program.pairs {
        if !preferences::current(pair, today) {
            continue;
        }
        for unmet in preferences::unmet(program, pair) {
            // A mentor whose zone could not be read is in the program with
            // UTC; E007 already says so.
            let zone_unknown = unmet.kind == PreferenceKind::TimezoneWindow
                && program
                    .gaps
                    .may_hide(Kind::Mentor, &program.mentor(pair.mentor).key);
            if unmet.hard && !zone_unknown {
                out.push(broken(program, pair, &unmet));
            }
        }
    }
    out
}

fn broken(program: &Program, pair: &Pair, unmet: &Unmet<'_>) -> Diagnostic {
    let learner = program.learner(pair.learner);
    let mentor = program.mentor(pair.mentor);
    let code = |text: &str| format!("`{text}`");
    let who = format!("{} ({})", mentor.name, code(&mentor.key));
    let (pos, label, change) = match unmet.kind {
        PreferenceKind::Mode => (
            pair.modes_pos,
            "the modes the pair agreed",
            format!(
                "agree in the charter of pair `{}` to meet by {}",
                pair.key,
                unmet
                    .wanted
                    .iter()
                    .map(|w| code(&w.value))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        ),
        _ => (
            pair.mentor_pos,
            "this mentor",
            format!(
                "choose another mentor for `{}` (a rematch: close `{}` with `end_reason: rematched` and start a new pair)",
                learner.key, pair.key
            ),
        ),
    };
    let otherwise = match unmet.kind {
        PreferenceKind::Expertise => "other expertise will do",
        PreferenceKind::Language => "another language will do",
        PreferenceKind::TimezoneWindow => "a wider difference will do",
        PreferenceKind::Mode => "another mode will do",
    };
    let preference = unmet.wanted.first().map(|w| w.pos).unwrap_or(learner.pos);
    Diagnostic::new(
        Code::HardPreferenceBroken,
        format!(
            "{} ({}) asked only {}; {}",
            learner.name,
            code(&learner.key),
            unmet.wanted_words(code),
            unmet.offer_words(&who, code)
        ),
    )
    .at(program.locate(pos))
    .label(format!("{label} breaks a hard preference"))
    .related(
        program.locate(preference),
        format!("the hard preference of `{}`", learner.key),
    )
    .help(format!(
        "{change}; or, if {otherwise}, write `hard: false` on the preference"
    ))
}
