//! What the site may show: strings public through someone, the slugs of
//! published records, and the capability pages each about one person.

use super::*;

/// Names, goals and ids that are public through someone: a public mentor, a
/// learner with a public profile, a role's holder. Searching for them would
/// report a namesake's consented profile as a leak.
pub(super) fn public_strings(program: &Program) -> BTreeSet<String> {
    let mut public = BTreeSet::new();
    for learner in program.learners.iter().filter(|l| l.consent.public_profile) {
        public.insert(learner.name.trim().to_string());
        public.insert(learner.key.clone());
        public.extend(learner.intake.goal.iter().map(|g| g.trim().to_string()));
    }
    for mentor in program.mentors.iter().filter(|m| m.public_profile) {
        public.insert(mentor.name.trim().to_string());
        public.insert(mentor.key.clone());
    }
    public.extend(program.roles.iter().filter_map(|r| r.person.clone()));
    public
}

/// The ids of records the site publishes under their id (URLs, anchors): an
/// id of someone that is also one of these cannot be told apart from it.
pub(super) fn public_slugs(program: &Program) -> BTreeSet<&str> {
    let mut slugs: BTreeSet<&str> = BTreeSet::new();
    slugs.extend(program.paths.iter().map(|p| p.key.as_str()));
    slugs.extend(program.modules.iter().map(|m| m.key.as_str()));
    slugs.extend(program.pages.iter().map(|p| p.key.as_str()));
    slugs.extend(program.cohorts.iter().map(|c| c.key.as_str()));
    slugs.extend(program.outcomes.iter().map(|o| o.key.as_str()));
    slugs.extend(program.journey.stages.iter().map(|s| s.key.as_str()));
    slugs.extend(program.roles.iter().map(|r| r.key.as_str()));
    slugs.extend(program.sessions.iter().map(|s| s.key.as_str()));
    for module in &program.modules {
        slugs.extend(module.milestones.iter().map(|m| m.key.as_str()));
        slugs.extend(module.checkpoints.iter().map(|c| c.key.as_str()));
    }
    slugs
}

/// Each capability directory of the site and the learners it is about: a
/// learner's page and feed are theirs, a charter its pair's learner's, a
/// mentor's feed every learner of the sessions they lead.
pub(super) fn personal_dirs(
    program: &Program,
    secret: &Secret,
) -> BTreeMap<String, BTreeSet<LearnerId>> {
    let mut dirs: BTreeMap<String, BTreeSet<LearnerId>> = BTreeMap::new();
    let mut about = |kind: &str, key: &str, learners: &mut dyn Iterator<Item = LearnerId>| {
        dirs.entry(format!("p/{}/", secret.token(kind, key)))
            .or_default()
            .extend(learners);
    };
    for (id, learner) in program.learners_with_ids() {
        about(
            capability::LEARNER_PAGE,
            &learner.key,
            &mut std::iter::once(id),
        );
        about(
            capability::LEARNER_FEED,
            &learner.key,
            &mut std::iter::once(id),
        );
    }
    for pair in &program.pairs {
        about(
            capability::CHARTER,
            &pair.key,
            &mut std::iter::once(pair.learner),
        );
    }
    let mut led: Vec<BTreeSet<LearnerId>> = vec![BTreeSet::new(); program.mentors.len()];
    for session in &program.sessions {
        for mentor in &session.mentors {
            if let Some(set) = led.get_mut(mentor.index()) {
                set.extend(session.learners.iter().copied());
            }
        }
    }
    for (mentor, learners) in program.mentors.iter().zip(led) {
        about(
            capability::MENTOR_FEED,
            &mentor.key,
            &mut learners.into_iter(),
        );
    }
    dirs
}

/// `p/<token>/` of a file under a capability directory.
pub(super) fn capability_dir(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("p/")?;
    let slash = rest.find('/')?;
    path.get(..slash + 3)
}
