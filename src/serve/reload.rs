//! Live reload: the state open pages follow (which build they show, and
//! the errors of the edit that could not be built), streamed to them as
//! server-sent events, and the small script that listens and draws the
//! diagnostic overlay.
//!
//! The script exists only in `serve`'s responses: [`inject`] adds it to
//! each HTML page as it is sent, never to a file a build writes.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::channel::Sender;
use serde::Serialize;
use tokio::sync::watch;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// Where the script, the event stream and the state are served; no page of
/// a site can live there (`__` is no valid id).
pub const PREFIX: &str = "/__telemachy/";

/// How often an idle stream sends a comment, so a closed page is noticed.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// The state open pages follow.
#[derive(Debug)]
pub struct Live {
    state: watch::Sender<State>,
}

impl Default for Live {
    fn default() -> Live {
        Live {
            state: watch::Sender::new(State::default()),
        }
    }
}

/// A snapshot of the live state.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct State {
    /// Counts successful rebuilds; a page that saw another value reloads.
    pub generation: u64,
    /// The errors of the last edit, while it is not fixed.
    pub errors: Vec<Error>,
}

/// One error as the overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    /// `E043` and so on.
    pub code: String,
    /// `file:line:col`, or the file alone.
    pub location: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Error {
    fn from(diagnostic: &Diagnostic) -> Error {
        Error {
            code: diagnostic.code.as_str().to_string(),
            location: diagnostic
                .location
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
        }
    }
}

impl Live {
    /// The current state.
    pub fn snapshot(&self) -> State {
        self.state.borrow().clone()
    }

    /// A new build is served: pages reload and the overlay clears.
    pub fn rebuilt(&self) {
        self.state.send_modify(|state| {
            state.generation += 1;
            state.errors.clear();
        });
    }

    /// An edit failed: pages keep what they show and draw the overlay.
    pub fn failed(&self, diagnostics: &Diagnostics) {
        let errors = diagnostics
            .sorted()
            .into_iter()
            .filter(|d| d.is_error())
            .map(Error::from)
            .collect();
        self.state.send_modify(|state| state.errors = errors);
    }

    /// Streams the state to one page as server-sent events: once at once,
    /// then at every change, with a comment line every 15 seconds so a
    /// closed page is noticed. Returns when the page goes away.
    ///
    /// A stream is a task waiting on a channel, not a thread: a thousand
    /// open pages cost a thousand small tasks.
    pub async fn stream(&self, out: &mut Sender<Bytes>) {
        let mut changes = self.state.subscribe();
        let mut last = None;
        loop {
            let state = changes.borrow_and_update().clone();
            let message = if last.as_ref() == Some(&state) {
                ": still here\n\n".to_string()
            } else {
                let json = serde_json::to_string(&state).unwrap_or_default();
                format!("event: state\ndata: {json}\n\n")
            };
            if out.send_data(Bytes::from(message)).await.is_err() {
                return;
            }
            last = Some(state);
            if let Ok(Err(_)) = tokio::time::timeout(HEARTBEAT, changes.changed()).await {
                return;
            }
        }
    }
}

/// The page script: follows the event stream, reloads on a new build, and
/// shows the errors over the page. Text goes in with `textContent` only, so
/// a message can never become markup.
pub const SCRIPT: &str = r#"(function () {
  "use strict";
  var seen = null;
  var box = null;
  function overlay(errors) {
    if (box) { box.remove(); box = null; }
    if (!errors.length) { return; }
    box = document.createElement("div");
    box.id = "telemachy-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "margin:0;padding:1rem 1.25rem;background:#2b0b0e;color:#fff;font:14px/1.5 ui-monospace,monospace;" +
      "border-top:4px solid #e5484d;box-shadow:0 -4px 16px rgba(0,0,0,.4)";
    var title = document.createElement("p");
    title.style.cssText = "margin:0 0 .5rem;font-weight:bold";
    title.textContent = "telemachy: the last edit has " + errors.length +
      (errors.length === 1 ? " error" : " errors") + "; this page shows the last good build.";
    box.appendChild(title);
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.25rem";
    errors.forEach(function (e) {
      var item = document.createElement("li");
      var head = document.createElement("strong");
      head.textContent = "error[" + e.code + "]: " + e.message;
      item.appendChild(head);
      if (e.location) {
        var at = document.createElement("div");
        at.textContent = "--> " + e.location;
        item.appendChild(at);
      }
      if (e.help) {
        var help = document.createElement("div");
        help.textContent = "help: " + e.help;
        item.appendChild(help);
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.appendChild(box);
  }
  // The page is named so that, after an edit, it is rendered first.
  var events = new EventSource("/__telemachy/events?page=" +
    encodeURIComponent(location.pathname));
  events.addEventListener("state", function (message) {
    var state = JSON.parse(message.data);
    if (seen !== null && state.generation !== seen) { location.reload(); return; }
    seen = state.generation;
    overlay(state.errors);
  });
})();
"#;

/// The tag that loads [`SCRIPT`].
const TAG: &str = "<script src=\"/__telemachy/live.js\"></script>";

/// `html` with the live-reload script before its last `</body>`, or at the
/// end when it has none.
pub fn inject(html: &[u8]) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Location};

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let page = inject(b"<html><body><p>x</p></body></html>");
        assert_eq!(
            String::from_utf8_lossy(&page),
            format!("<html><body><p>x</p>{TAG}</body></html>")
        );
        assert!(inject(b"plain").ends_with(TAG.as_bytes()));
    }

    #[test]
    fn the_overlay_never_writes_markup() {
        assert!(!SCRIPT.contains("innerHTML"));
        assert!(!SCRIPT.contains("insertAdjacentHTML"));
        assert!(!SCRIPT.contains("document.write"));
    }

    #[test]
    fn a_failure_shows_its_errors_and_a_rebuild_clears_them() {
        let live = Live::default();
        let mut found = Diagnostics::new();
        found.push(
            Diagnostic::new(Code::YamlSyntax, "bad <b>indent</b>").at(Location::at(
                "data/mentors.yaml",
                3,
                5,
                1,
            )),
        );
        found.push(Diagnostic::new(Code::HandoffLate, "only a warning"));
        live.failed(&found);
        let state = live.snapshot();
        assert_eq!(state.generation, 0);
        assert_eq!(state.errors.len(), 1);
        assert_eq!(state.errors[0].location, "data/mentors.yaml:3:5");
        assert_eq!(state.errors[0].message, "bad <b>indent</b>");
        live.rebuilt();
        assert_eq!(
            live.snapshot(),
            State {
                generation: 1,
                errors: Vec::new()
            }
        );
    }
}
