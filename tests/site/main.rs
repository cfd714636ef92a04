//! The built site as its readers see it: the real binary builds copies of
//! the demo program in temporary directories, and these tests read what it
//! wrote — what a public build may show (SPEC §6), that a failed build
//! leaves the previous site alone, that every link lands, what the
//! progress figures and charts say, and how the main pages look.
//!
//! One test binary, so the demo is built once per audience and every test
//! that only reads a build shares it: building is most of the time spent.

#![cfg(test)]

mod actions;
mod atomic;
#[path = "../common/mod.rs"]
mod common;
mod language;
mod languages;
mod links;
mod matches;
mod metrics;
mod output_dir;
mod pauses;
mod preferences;
mod privacy;
mod snapshots;
mod support;
