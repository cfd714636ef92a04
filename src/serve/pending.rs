//! The site files an update has yet to write, while it writes them in
//! steps: the pages open in a browser go first, and a request for a file
//! not yet written waits for it rather than getting the old one.
//!
//! A template or program edit renders every page again; at 10,000 modules
//! that takes most of a second. Rendering the pages someone is looking at
//! (or asks for) first puts the edit on screen in milliseconds, and no
//! request is ever answered from a file the update has not reached.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// What requests and the update loop share.
#[derive(Debug, Default)]
pub struct Pending {
    state: Mutex<State>,
    written: Condvar,
}

#[derive(Debug, Default)]
struct State {
    /// Files the update under way has yet to write.
    unwritten: BTreeSet<String>,
    /// Of those, the ones a request waits for.
    asked: BTreeSet<String>,
    /// The page each open live-reload stream shows, by stream.
    open: BTreeMap<u64, String>,
    next_stream: u64,
}

impl Pending {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// An update starts that will write `files`.
    pub fn start(&self, files: BTreeSet<String>) {
        let mut state = self.lock();
        state.unwritten = files;
        state.asked.clear();
    }

    /// `files` are written (or removed).
    pub fn written<'a>(&self, files: impl IntoIterator<Item = &'a String>) {
        let mut state = self.lock();
        for file in files {
            state.unwritten.remove(file);
            state.asked.remove(file);
        }
        self.written.notify_all();
    }

    /// The update is over, done or failed: nothing is waited for any more.
    pub fn finish(&self) {
        let mut state = self.lock();
        state.unwritten.clear();
        state.asked.clear();
        self.written.notify_all();
    }

    /// The unwritten files someone waits for or has open, to write first.
    pub fn wanted(&self) -> BTreeSet<String> {
        let state = self.lock();
        let open = state.open.values().filter(|f| state.unwritten.contains(*f));
        state.asked.iter().chain(open).cloned().collect()
    }

    /// Waits, at most `limit`, until `file` is written when the update
    /// under way has yet to write it.
    pub fn wait_for(&self, file: &str, limit: Duration) {
        let deadline = Instant::now() + limit;
        let mut state = self.lock();
        if !state.unwritten.contains(file) {
            return;
        }
        state.asked.insert(file.to_string());
        while state.unwritten.contains(file) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            state = self
                .written
                .wait_timeout(state, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// A live-reload stream shows `file`, until the returned guard is
    /// dropped.
    pub fn open(&self, file: String) -> Open<'_> {
        let mut state = self.lock();
        let stream = state.next_stream;
        state.next_stream += 1;
        state.open.insert(stream, file);
        Open {
            pending: self,
            stream,
        }
    }
}

/// A page open in a browser; closed when dropped.
#[derive(Debug)]
pub struct Open<'a> {
    pending: &'a Pending,
    stream: u64,
}

impl Drop for Open<'_> {
    fn drop(&mut self) {
        self.pending.lock().open.remove(&self.stream);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn files(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn open_and_asked_pages_come_first_while_unwritten() {
        let pending = Pending::default();
        let _open = pending.open("a/index.html".into());
        let _other = pending.open("elsewhere/index.html".into());
        pending.start(files(&["a/index.html", "b/index.html", "c/index.html"]));
        assert_eq!(pending.wanted(), files(&["a/index.html"]));
        pending.written(&files(&["a/index.html"]));
        assert!(pending.wanted().is_empty());
    }

    #[test]
    fn a_request_for_an_unwritten_file_waits_until_it_is_written() {
        let pending = Arc::new(Pending::default());
        pending.start(files(&["b/index.html"]));
        let waiter = {
            let pending = Arc::clone(&pending);
            std::thread::spawn(move || {
                let started = Instant::now();
                pending.wait_for("b/index.html", Duration::from_secs(30));
                started.elapsed()
            })
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while pending.wanted().is_empty() {
            assert!(Instant::now() < deadline, "the request never asked");
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(pending.wanted(), files(&["b/index.html"]));
        pending.written(&files(&["b/index.html"]));
        let waited = waiter.join().unwrap_or_else(|_| panic!("waiter panicked"));
        assert!(waited < Duration::from_secs(30), "woken, not timed out");
    }

    #[test]
    fn a_written_or_unknown_file_is_not_waited_for() {
        let pending = Pending::default();
        pending.start(files(&["b/index.html"]));
        let started = Instant::now();
        pending.wait_for("a/index.html", Duration::from_secs(30));
        pending.finish();
        pending.wait_for("b/index.html", Duration::from_secs(30));
        assert!(started.elapsed() < Duration::from_secs(30));
        assert!(pending.wanted().is_empty());
    }
}
