//! Word banks and small text builders for generated records, and the one
//! YAML quoting rule every free-text value goes through.

use super::Rng;

/// Words for prose, shared with the peer corpus generator in spirit.
pub const WORDS: &[&str] = &[
    "mentor",
    "learner",
    "cohort",
    "session",
    "feedback",
    "goal",
    "milestone",
    "practice",
    "review",
    "plan",
    "pairing",
    "growth",
    "skill",
    "habit",
    "reflection",
    "question",
    "answer",
    "context",
    "project",
    "team",
    "career",
    "journey",
    "expectation",
    "charter",
    "agreement",
    "schedule",
    "calendar",
    "progress",
    "chart",
    "module",
    "lesson",
    "exercise",
    "outcome",
    "evidence",
    "rubric",
    "portfolio",
    "interview",
    "design",
    "code",
    "test",
    "debug",
    "deploy",
    "release",
    "branch",
    "commit",
    "merge",
    "pattern",
    "principle",
    "example",
    "draft",
    "listen",
    "observe",
    "explain",
    "clarify",
    "summarize",
    "encourage",
    "challenge",
    "support",
    "trust",
    "respect",
    "boundary",
    "commitment",
    "priority",
    "time",
    "energy",
    "focus",
    "balance",
    "rhythm",
    "cadence",
    "weekly",
    "monthly",
    "quarter",
    "sprint",
    "retrospective",
    "checkpoint",
    "graduation",
    "intake",
    "match",
    "onboarding",
    "handoff",
    "owner",
    "partner",
    "community",
    "network",
    "resource",
    "reading",
    "notes",
    "journal",
    "log",
    "metric",
    "signal",
    "baseline",
    "target",
    "stretch",
    "risk",
    "blocker",
    "dependency",
    "decision",
    "tradeoff",
    "constraint",
    "assumption",
    "hypothesis",
    "experiment",
    "iteration",
    "result",
    "summary",
    "insight",
    "story",
    "narrative",
    "scenario",
    "case",
    "study",
    "workshop",
    "demo",
    "presentation",
    "audience",
    "message",
    "clarity",
    "structure",
    "outline",
    "section",
    "chapter",
    "topic",
    "concept",
    "model",
    "framework",
    "tool",
    "technique",
    "method",
    "process",
    "workflow",
    "routine",
    "ritual",
    "agenda",
    "minutes",
    "action",
    "item",
    "follow",
    "through",
    "accountability",
    "ownership",
    "curiosity",
    "confidence",
    "resilience",
    "empathy",
    "patience",
    "humility",
    "courage",
    "candor",
];

/// Adjectives for module titles.
pub const ADJECTIVES: &[&str] = &[
    "practical",
    "focused",
    "clear",
    "honest",
    "steady",
    "early",
    "shared",
    "personal",
    "structured",
    "open",
    "small",
    "simple",
    "careful",
    "deliberate",
    "concrete",
    "visible",
    "regular",
    "flexible",
];

/// Topics for module titles.
pub const TOPICS: &[&str] = &[
    "Building Trust Early",
    "Setting Shared Goals",
    "Giving Useful Feedback",
    "Receiving Feedback Well",
    "Planning a Learning Path",
    "Running Effective Sessions",
    "Tracking Milestones",
    "Writing a Mentorship Charter",
    "Navigating Blockers",
    "Code Review as Teaching",
    "Pair Programming Basics",
    "Career Conversations",
    "Time Management for Learners",
    "Preparing for Interviews",
    "Presenting Your Work",
    "Reflective Journaling",
    "Asking Better Questions",
    "Estimating Work",
    "Debugging Together",
    "Reading Unfamiliar Code",
    "Open Source First Steps",
    "Designing Small Projects",
    "Handling Setbacks",
    "Celebrating Progress",
    "Graduation and Beyond",
    "Cohort Rituals",
    "Remote Mentoring",
    "Accessibility Fundamentals",
    "Testing Habits",
    "Release Practices",
];

/// Given names for people.
pub const GIVEN_NAMES: &[&str] = &[
    "Ada", "Amara", "Ana", "Bea", "Carlos", "Chen", "Dara", "Elif", "Emeka", "Farah", "Grace",
    "Hana", "Ines", "Ivan", "Jae", "Jonas", "Kavya", "Kofi", "Lena", "Luis", "Maya", "Mei",
    "Nadia", "Noor", "Olu", "Omar", "Priya", "Quinn", "Rafael", "Rosa", "Sami", "Sofia", "Tariq",
    "Tomás", "Uma", "Vera", "Wen", "Yara", "Yusuf", "Zoe",
];

/// Family names for people.
pub const FAMILY_NAMES: &[&str] = &[
    "Adeyemi",
    "Almeida",
    "Andersen",
    "Bauer",
    "Bianchi",
    "Chowdhury",
    "Costa",
    "Dubois",
    "Eriksson",
    "Fernández",
    "Garcia",
    "Haddad",
    "Hoang",
    "Ibrahim",
    "Ivanova",
    "Jensen",
    "Kato",
    "Kim",
    "Kowalski",
    "Larsen",
    "Lopez",
    "Mensah",
    "Moreau",
    "Müller",
    "Nakamura",
    "Novak",
    "Okafor",
    "Olsen",
    "Patel",
    "Pereira",
    "Quispe",
    "Rossi",
    "Sato",
    "Schmidt",
    "Silva",
    "Singh",
    "Tanaka",
    "Nguyen",
    "Wright",
    "Zhang",
];

/// Mentor expertise, also the skills of a learner's baseline.
pub const EXPERTISE: &[&str] = &[
    "python",
    "rust",
    "javascript",
    "data-analysis",
    "code-review",
    "testing",
    "career",
    "design",
    "devops",
    "writing",
];

/// What learners want from the program.
pub const GOALS: &[&str] = &[
    "Build and publish a small project I can show to employers.",
    "Move from tutorials to finishing real work on my own.",
    "Get confident reviewing other people's code.",
    "Prepare for my first technical interviews.",
    "Contribute to an open-source project.",
    "Lead a small piece of work at my job.",
];

/// What stands in a learner's way.
pub const BLOCKERS: &[&str] = &[
    "Evenings only",
    "Shared laptop at home",
    "Unsure where to start",
    "Little time during exam season",
    "Nervous about asking questions",
];

/// When learners can meet.
pub const AVAILABILITY: &[&str] = &[
    "Weekday mornings",
    "Tuesday and Thursday evenings",
    "Lunch breaks",
    "Weekend afternoons",
];

/// What mentors hope to learn from their mentees.
pub const MENTOR_HOPES: &[&str] = &[
    "How newcomers read documentation today.",
    "Which tools people starting out reach for, and why.",
    "How to explain my own work more simply.",
];

/// Why a learner left.
pub const WITHDRAWAL_REASONS: &[&str] = &[
    "Started a new job with no time left for the program.",
    "Moved abroad and will rejoin a later cohort.",
    "Family commitments.",
];

/// Languages of code blocks.
pub const CODE_LANGUAGES: &[&str] = &["python", "rust", "bash", "yaml", "javascript"];

/// Time zones cohorts run in; all are clear of daylight-saving gaps at the
/// hours sessions use (08:00–18:00).
pub const TIMEZONES: &[&str] = &[
    "Europe/London",
    "America/New_York",
    "Europe/Berlin",
    "Asia/Tokyo",
    "America/Sao_Paulo",
    "Africa/Nairobi",
    "Asia/Kolkata",
    "Australia/Sydney",
];

/// A YAML double-quoted scalar, so no text can be read as another type or
/// break the document.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A lowercase ASCII id fragment of a name ("Tomás Müller" → "tomas-muller").
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ï' => 'i',
            'ó' | 'ö' | 'ô' => 'o',
            'ú' | 'ü' => 'u',
            'ñ' => 'n',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// A sentence of `lo..=hi` words with occasional inline emphasis or code.
pub fn sentence(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    let mut words: Vec<String> = (0..n).map(|_| (rng.pick(WORDS)).to_string()).collect();
    let roll = rng.range(0, 99);
    let k = rng.range(0, n - 1);
    if roll < 12 {
        words[k] = format!("**{}**", words[k]);
    } else if roll < 22 {
        words[k] = format!("*{}*", words[k]);
    } else if roll < 30 {
        words[k] = format!("`{}_{}`", words[k], rng.range(1, 99));
    }
    let mut text = words.join(" ");
    capitalise(&mut text);
    text.push_str(rng.pick(&[".", ".", ".", "?", "!"]));
    text
}

/// A paragraph of `lo..=hi` sentences.
pub fn paragraph(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    (0..n)
        .map(|_| sentence(rng, 8, 18))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A short heading of two to five words.
pub fn heading(rng: &mut Rng) -> String {
    let n = rng.range(2, 5);
    let mut text = (0..n)
        .map(|_| rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ");
    capitalise(&mut text);
    text
}

/// A person's name.
pub fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(GIVEN_NAMES), rng.pick(FAMILY_NAMES))
}

fn capitalise(text: &mut String) {
    if let Some(first) = text.get(..1) {
        let upper = first.to_ascii_uppercase();
        text.replace_range(..1, &upper);
    }
}
