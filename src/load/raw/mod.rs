//! The program's files as written: serde structs that mirror the YAML and
//! front matter one to one, with `Spanned` on every value a later check may
//! point at (ids, references, dates, numbers with limits).
//!
//! Nothing here is resolved or validated beyond its YAML type; `model`
//! turns these into the typed program. `docs/reference.md` documents every
//! field.
//!
//! One file per family of files, as `docs/reference.md` is laid out: the
//! program's settings and journey, people, pairs, sessions and the Markdown
//! front matter. Each is re-exported here, so `raw::Learner` names a record
//! wherever it is declared.

mod content;
mod pairs;
mod people;
mod program;
mod sessions;

use super::schema::{Date, Id, LocalTime, Offset, Zone};
pub use super::span::{At, Sp, unspanned};
pub use content::*;
pub use pairs::*;
pub use people::*;
pub use program::*;
pub use sessions::*;
