//! The assignment of learners to mentors that is best for the whole group:
//! as many learners matched as the rules and capacity allow, and among
//! those assignments the one with the largest total score.
//!
//! It is the Hungarian algorithm of the `pathfinding` crate
//! (`kuhn_munkres`): each mentor is as many columns as they have free
//! places, a forbidden cell weighs far below anything allowed, and columns
//! of weight 0 pad the matrix so every learner has one; a learner on a
//! forbidden or padding column is unmatched.

use pathfinding::prelude::{Matrix, kuhn_munkres};

/// Learners (rows) against mentors (columns): each cell's score in
/// thousandths, or `None` when a rule forbids the pair.
#[derive(Debug, Clone)]
pub struct Problem {
    /// How many learners there are.
    pub learners: usize,
    /// How many places each mentor has free.
    pub places: Vec<u32>,
    /// Row-major, `learners × places.len()`.
    pub scores: Vec<Option<i64>>,
}

impl Problem {
    /// The score of a learner with a mentor, if allowed.
    pub fn score(&self, learner: usize, mentor: usize) -> Option<i64> {
        self.scores[learner * self.places.len() + mentor]
    }
}

/// The mentor of each learner, `None` for a learner left unmatched.
pub fn assign(problem: &Problem) -> Vec<Option<usize>> {
    let learners = problem.learners;
    if learners == 0 || problem.places.is_empty() {
        return vec![None; learners];
    }
    // A learner never needs more places of one mentor than there are
    // learners.
    let slots: Vec<usize> = problem
        .places
        .iter()
        .enumerate()
        .flat_map(|(mentor, places)| std::iter::repeat_n(mentor, (*places as usize).min(learners)))
        .collect();
    let best = problem
        .scores
        .iter()
        .flatten()
        .copied()
        .max()
        .unwrap_or(0)
        .max(0);
    // Matching one more learner must outweigh any difference in scores.
    let bonus = best * learners as i64 + 1;
    let forbidden = -bonus;
    let columns = slots.len().max(learners);
    let mut weights = Matrix::new(learners, columns, 0_i64);
    for learner in 0..learners {
        for (column, mentor) in slots.iter().enumerate() {
            weights[(learner, column)] = match problem.score(learner, *mentor) {
                Some(score) => bonus + score.max(0),
                None => forbidden,
            };
        }
    }
    let (_, columns) = kuhn_munkres(&weights);
    columns
        .into_iter()
        .enumerate()
        .map(|(learner, column)| {
            let mentor = *slots.get(column)?;
            problem.score(learner, mentor).map(|_| mentor)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The best (matched, total score) over every assignment, by trying
    /// them all.
    fn brute_force(problem: &Problem) -> (usize, i64) {
        fn go(problem: &Problem, learner: usize, places: &mut [u32]) -> (usize, i64) {
            if learner == problem.learners {
                return (0, 0);
            }
            let mut best = go(problem, learner + 1, places);
            for mentor in 0..places.len() {
                if let (Some(score), true) = (problem.score(learner, mentor), places[mentor] > 0) {
                    places[mentor] -= 1;
                    let (count, total) = go(problem, learner + 1, places);
                    places[mentor] += 1;
                    best = best.max((count + 1, total + score));
                }
            }
            best
        }
        go(problem, 0, &mut problem.places.clone())
    }

    fn problems() -> impl Strategy<Value = Problem> {
        (0usize..=5, 1usize..=4).prop_flat_map(|(learners, mentors)| {
            (
                proptest::collection::vec(0u32..=2, mentors),
                proptest::collection::vec(
                    // Ties and near-zero scores are where matching one more
                    // learner and scoring more pull apart.
                    proptest::option::weighted(
                        0.7,
                        prop_oneof![Just(0i64), 1i64..=3, 0i64..=20_000],
                    ),
                    learners * mentors,
                ),
            )
                .prop_map(move |(places, scores)| Problem {
                    learners,
                    places,
                    scores,
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn the_assignment_is_optimal_and_keeps_every_rule(problem in problems()) {
            let assigned = assign(&problem);
            prop_assert_eq!(assigned.len(), problem.learners);
            let mut used = vec![0u32; problem.places.len()];
            let mut total = 0;
            for (learner, mentor) in assigned.iter().enumerate() {
                if let Some(mentor) = *mentor {
                    let score = problem.score(learner, mentor);
                    prop_assert!(score.is_some(), "learner {} placed against a rule", learner);
                    total += score.unwrap_or(0);
                    used[mentor] += 1;
                }
            }
            for (mentor, places) in problem.places.iter().enumerate() {
                prop_assert!(used[mentor] <= *places, "mentor {} over capacity", mentor);
            }
            let matched = assigned.iter().flatten().count();
            prop_assert_eq!((matched, total), brute_force(&problem));
        }
    }

    #[test]
    fn the_group_comes_before_the_first_learner() {
        // Learner 0 scores best with mentor 0, but learner 1 can only have
        // mentor 0: the best for both gives learner 0 mentor 1.
        let problem = Problem {
            learners: 2,
            places: vec![1, 1],
            scores: vec![Some(9000), Some(8000), Some(1000), None],
        };
        assert_eq!(assign(&problem), [Some(1), Some(0)]);
    }

    #[test]
    fn a_learner_without_an_allowed_mentor_is_unmatched() {
        // Mentor 1 has no place left; mentor 0 has one, and learner 1
        // scores more with them.
        let problem = Problem {
            learners: 2,
            places: vec![1, 0],
            scores: vec![Some(5000), Some(9000), Some(7000), None],
        };
        assert_eq!(assign(&problem), [None, Some(0)]);
    }

    #[test]
    fn without_mentors_nobody_is_matched() {
        let problem = Problem {
            learners: 2,
            places: vec![],
            scores: vec![],
        };
        assert_eq!(assign(&problem), [None, None]);
    }
}
