//! Facts computed once from the model for the stages after it.
//!
//! `occurrences` expands recurring sessions into concrete meetings, in local
//! time and as instants, correct across daylight-saving changes; `links`
//! reads the headings and links of Markdown bodies and resolves internal
//! links, for the checks and the renderer alike; `metrics` computes the
//! progress figures of every cohort as of a day; `presence` says when each
//! learner takes part and each pair is on hold; `journey` the deadlines of
//! learners' stages and of pairs, which `actions` lists by who must act.

pub mod actions;
pub mod history;
pub mod html;
pub mod journey;
pub mod links;
pub mod metrics;
pub mod occurrences;
pub mod presence;
