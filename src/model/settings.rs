//! Program-wide settings from `data/program.yaml`: the site's title and
//! address, zone, theme, privacy floor, data-use statement and targets.

use chrono_tz::Tz;

use super::Paper;
use super::language::Conventions;
use crate::diagnostic::Location;

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
    /// Content language, a BCP 47 tag: the theme's catalog speaks it.
    pub language: String,
    /// Where the language is named, when it is.
    pub language_at: Option<Location>,
    /// How pages write dates, times and numbers in that language.
    pub conventions: Conventions,
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
    pub matching: MatchingPolicy,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            title: String::new(),
            tagline: None,
            base_url: String::new(),
            language: "en".into(),
            language_at: None,
            conventions: Conventions::English,
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
            matching: MatchingPolicy::default(),
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

/// The matching policy of `program.yaml` (docs/matching.md).
#[derive(Debug, Clone, PartialEq)]
pub struct MatchingPolicy {
    /// The journey stage whose learners wait for a mentor.
    pub stage: String,
    /// Local hour a waking day starts.
    pub waking_from: u32,
    /// Local hour it ends, after `waking_from`.
    pub waking_until: u32,
    /// Hours a week one pair takes; 0 lets only mentees count.
    pub hours_per_pair: f64,
    /// Points of each part of the score.
    pub weights: MatchingWeights,
}

/// Points of each part of the matching score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchingWeights {
    /// Expertise shares words with the goal.
    pub goal: u32,
    /// Expertise shares words with the path.
    pub path: u32,
    /// Weakest baseline skills covered.
    pub weakest_skills: u32,
    /// Soft expertise preferences met.
    pub expertise: u32,
    /// Soft language preferences met.
    pub language: u32,
    /// Shared waking hours.
    pub waking_overlap: u32,
    /// Soft time-zone-window preferences met.
    pub timezone_window: u32,
    /// Soft mode preferences met.
    pub mode: u32,
}

impl MatchingPolicy {
    /// The policy as written, defaults filled in; the values are checked
    /// by the resolver, which clamps them.
    pub fn from_raw(raw: &crate::load::raw::Matching) -> MatchingPolicy {
        let w = &raw.weights;
        MatchingPolicy {
            stage: raw.stage.clone(),
            waking_from: raw.waking_from.value,
            waking_until: raw.waking_until.value,
            hours_per_pair: raw.hours_per_pair.value,
            weights: MatchingWeights {
                goal: w.goal.value,
                path: w.path.value,
                weakest_skills: w.weakest_skills.value,
                expertise: w.expertise.value,
                language: w.language.value,
                waking_overlap: w.waking_overlap.value,
                timezone_window: w.timezone_window.value,
                mode: w.mode.value,
            },
        }
    }
}

impl Default for MatchingPolicy {
    fn default() -> Self {
        MatchingPolicy::from_raw(&crate::load::raw::Matching::default())
    }
}
