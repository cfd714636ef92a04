//! Who takes part in what: each learner's sessions and pairs, indexed once
//! for every page that shows a learner.

use crate::model::{LearnerId, Pair, Program, SessionId};

/// Each learner's sessions and pairs, found once for all learner pages so
/// that a page does not scan every session of the program.
#[derive(Debug, PartialEq)]
pub struct People {
    /// Per learner, the sessions naming them, in session order.
    sessions: Vec<Vec<SessionId>>,
    /// Per learner, their pairs, in file order.
    pairs: Vec<Vec<usize>>,
}

impl People {
    /// Indexes `program`.
    pub fn new(program: &Program) -> People {
        let mut people = People {
            sessions: vec![Vec::new(); program.learners.len()],
            pairs: vec![Vec::new(); program.learners.len()],
        };
        for (id, session) in program.sessions_with_ids() {
            for learner in &session.learners {
                if let Some(list) = people.sessions.get_mut(learner.index()) {
                    list.push(id);
                }
            }
        }
        for (i, pair) in program.pairs.iter().enumerate() {
            if let Some(list) = people.pairs.get_mut(pair.learner.index()) {
                list.push(i);
            }
        }
        people
    }

    /// The pairs of learner `id`, in file order.
    pub fn pairs<'p>(&self, program: &'p Program, id: LearnerId) -> impl Iterator<Item = &'p Pair> {
        let list = self.pairs.get(id.index()).map_or(&[][..], Vec::as_slice);
        list.iter().map(move |&i| &program.pairs[i])
    }

    /// The sessions naming learner `id`, in session order.
    pub fn sessions(&self, id: LearnerId) -> &[SessionId] {
        self.sessions.get(id.index()).map_or(&[][..], Vec::as_slice)
    }
}
