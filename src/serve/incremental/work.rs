//! An update under way: what is left to render, step by step, and how
//! long each stage took.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use crate::render::Site;
use crate::serve::deps::Output;

/// The outputs one edit changed.
#[derive(Debug, Default)]
pub struct Update {
    /// Every file rendered again, with its bytes (some may be unchanged).
    pub written: BTreeMap<String, Vec<u8>>,
    /// Files that no longer exist.
    pub removed: BTreeSet<String>,
    /// Whether every output was rendered.
    pub full: bool,
    /// Whether the whole program was loaded and checked again, rather than
    /// the edited module or settings alone.
    pub reloaded: bool,
    /// Wall time of the rebuild.
    pub elapsed: Duration,
}

impl Update {
    /// Brings `site` up to date.
    pub fn apply(self, site: &mut Site) {
        for path in &self.removed {
            site.remove(path);
        }
        for (path, bytes) in self.written {
            site.insert(path, bytes);
        }
    }
}

/// About how long one step of an update renders: short enough that a page
/// asked for meanwhile waits little, long enough that steps cost little.
pub(super) const STEP: Duration = Duration::from_millis(20);

/// Pages in an update's first step when none is asked for; later steps
/// take as many as the last ones rendered in [`STEP`]. (A path page of a
/// large program costs as much as fifty module pages.)
pub(super) const FIRST_BATCH: usize = 16;

/// An update under way: what is left to render, for
/// [`Engine::step`](super::Engine::step).
#[derive(Debug)]
pub struct Work {
    /// Pages left, by job index.
    pub(super) pages: BTreeSet<usize>,
    /// The outputs that are not pages, rendered after every page.
    pub(super) rest: BTreeSet<Output>,
    /// Rendered already, to be handed out by the next step.
    pub(super) ready: Option<Update>,
    /// Whether a rendered page's search-index entry changed.
    pub(super) index_changed: bool,
    /// Pages in the next step.
    pub(super) batch: usize,
    /// Whether the last step is done.
    pub(super) finished: bool,
    /// Whether every output is rendered.
    pub(super) full: bool,
    /// Whether the whole program was loaded and checked again.
    pub(super) reloaded: bool,
    /// When the edit was taken in, and how long each stage took.
    pub(super) clock: Clock,
}

impl Work {
    pub(super) fn of(outputs: BTreeSet<Output>) -> Work {
        let (pages, rest): (BTreeSet<Output>, BTreeSet<Output>) = outputs
            .into_iter()
            .partition(|o| matches!(o, Output::Page(_)));
        Work {
            pages: pages
                .into_iter()
                .filter_map(|o| match o {
                    Output::Page(index) => Some(index),
                    _ => None,
                })
                .collect(),
            rest,
            ready: None,
            index_changed: false,
            batch: FIRST_BATCH,
            finished: false,
            full: false,
            reloaded: false,
            clock: Clock::new(Instant::now()),
        }
    }

    pub(super) fn ready(update: Update) -> Work {
        Work {
            pages: BTreeSet::new(),
            rest: BTreeSet::new(),
            full: update.full,
            reloaded: update.reloaded,
            ready: Some(update),
            index_changed: false,
            batch: FIRST_BATCH,
            finished: true,
            clock: Clock::new(Instant::now()),
        }
    }

    /// Sizes the next step from the last: `pages` took `took`.
    pub(super) fn pace(&mut self, pages: usize, took: Duration) {
        let per_page = took.as_secs_f64() / pages.max(1) as f64;
        let fits = (STEP.as_secs_f64() / per_page.max(1e-6)) as usize;
        self.batch = fits.clamp(1, 1024);
    }

    /// Whether every step is done.
    pub fn is_done(&self) -> bool {
        self.ready.is_none() && self.finished
    }

    /// Whether every output is rendered.
    pub fn full(&self) -> bool {
        self.full
    }

    /// Time since the edit was taken in.
    pub fn elapsed(&self) -> Duration {
        self.clock.started.elapsed()
    }

    /// How long each stage of the update took so far, in order.
    pub fn stages(&self) -> &[(&'static str, Duration)] {
        &self.clock.stages
    }
}

/// The time each stage of an update took; a stage named again adds up.
#[derive(Debug)]
pub(super) struct Clock {
    pub(super) started: Instant,
    /// The end of the last stage timed by [`Clock::lap`].
    pub(super) mark: Instant,
    pub(super) stages: Vec<(&'static str, Duration)>,
}

impl Clock {
    pub(super) fn new(started: Instant) -> Clock {
        Clock {
            started,
            mark: started,
            stages: Vec::new(),
        }
    }

    /// The stage `name` ends now: it took the time since the last one.
    pub(super) fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.add(name, now - self.mark);
        self.mark = now;
    }

    /// The stage `name` took `took` more.
    pub(super) fn add(&mut self, name: &'static str, took: Duration) {
        match self.stages.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += took,
            None => self.stages.push((name, took)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_takes_as_many_pages_as_the_last_ones_rendered_in_its_time() {
        let mut work = Work::of(BTreeSet::new());
        assert_eq!(work.batch, FIRST_BATCH);
        // 16 pages in 40 ms: 2.5 ms a page, 8 in a 20 ms step.
        work.pace(16, Duration::from_millis(40));
        assert_eq!(work.batch, 8);
        // Far slower than a step: still one page at a time.
        work.pace(1, Duration::from_secs(1));
        assert_eq!(work.batch, 1);
        // Pages that cost nothing measurable: a bounded step.
        work.pace(4, Duration::ZERO);
        assert_eq!(work.batch, 1024);
    }
}
