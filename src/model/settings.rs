//! Program-wide settings from `data/program.yaml`: the site's title and
//! address, zone, theme, privacy floor, data-use statement and targets.

use chrono_tz::Tz;

use super::Paper;
use crate::diagnostic::Location;
pub use crate::load::raw::{Matching, MatchingWeights};

/// Program-wide settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Program name.
    pub title: String,
    /// One line under the title.
    pub tagline: Option<String>,
    /// Where the site is published: an absolute http(s) URL ending in `/`
    /// (a [`super::web_url::BaseUrl`]), once the program has no E080.
    pub base_url: String,
    /// Content language.
    pub language: String,
    /// Default time zone.
    pub timezone: Tz,
    /// Theme name.
    pub theme: String,
    /// Where the theme is named, when it is.
    pub theme_at: Option<Location>,
    /// Charter paper size.
    pub paper: Paper,
    /// Smallest group an aggregate may be published for.
    pub min_group_size: u32,
    /// The data-use statement.
    pub data_use: DataUse,
    /// Calendar reminders, in minutes before the start.
    pub reminders_minutes: Vec<u32>,
    /// Weekly session completion target, percent.
    pub session_target_percent: f64,
    /// Mentor response target, hours.
    pub response_hours: u32,
    /// Days without a session before a learner is at risk.
    pub no_session_days: u32,
    /// How `telemachy match` weighs its suggestions.
    pub matching: Matching,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            title: String::new(),
            tagline: None,
            base_url: String::new(),
            language: "en".into(),
            timezone: Tz::UTC,
            theme: "default".into(),
            theme_at: None,
            paper: Paper::A4,
            min_group_size: 5,
            data_use: DataUse::default(),
            reminders_minutes: Vec::new(),
            session_target_percent: 85.0,
            response_hours: 48,
            no_session_days: 21,
            matching: Matching::default(),
        }
    }
}

/// The data-use statement.
#[derive(Debug, Clone, Default)]
pub struct DataUse {
    /// What is collected.
    pub collected: Vec<String>,
    /// Why.
    pub purpose: String,
    /// Who sees what.
    pub who_sees: Vec<String>,
    /// How long it is kept.
    pub retention: String,
    /// Whom to ask.
    pub contact: String,
}
