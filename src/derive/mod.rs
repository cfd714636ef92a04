//! Facts computed once from the model for the stages after it.
//!
//! `occurrences` expands recurring sessions into concrete meetings, in local
//! time and as instants, correct across daylight-saving changes.

pub mod occurrences;
