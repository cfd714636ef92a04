//! Mentors, cohorts, learners, pairs and sessions, laid out so that every
//! check passes.
//!
//! Cohorts start on Mondays spread over the year before `today` and last
//! `weeks` weeks; earlier cohorts have finished (their learners graduated or,
//! a few, withdrew just before the end), later ones are under way. Each
//! learner has one mentor, each mentor three learners of one cohort, and
//! every meeting of a mentor sits in a slot no other meeting of theirs uses:
//!
//! | hour (cohort's zone) | what |
//! |---|---|
//! | 08:00–08:45 | mentor circle, every four weeks |
//! | 09:00 + mentee slot (0–2) | the pair's weekly 1:1 series |
//! | 12:00–13:00 | cohort group session, weekly |
//! | 14:00 + mentee slot | kickoff 1:1, midpoint check-in, end reflection |
//! | 17:00–18:00 | office hours, weekly |
//!
//! A learner's dates, with `D` the cohort's first day and `E` its last:
//! intake `D-14..D-18`, matching `D-9..D-11`, pair start and onboarding `D`,
//! charter agreed `D+1`, kickoff `D+2`, active `D+3`, weekly 1:1s from the
//! second week, midpoint check-in in the middle of `D..E-1` and midpoint
//! review the day after, transition two weeks before the end, reflection
//! `E-3`, graduation `E-1` (withdrawal `E-2`). Only dates before `today`
//! are written to journeys and progress; meetings from `today` on are
//! scheduled, earlier ones held.

use std::fmt::Write as _;
use std::io;

use chrono::{Datelike, Duration, NaiveDate};

use super::curriculum::{FIRST_MILESTONE, PathPlan};
use super::text::{
    AVAILABILITY, BLOCKERS, EXPERTISE, GOALS, MENTOR_HOPES, TIMEZONES, WITHDRAWAL_REASONS, person,
    quoted, slug,
};
use super::{Files, Options, Rng, Summary};

/// Learners a mentor takes on (their capacity is one more).
const MENTEES_PER_MENTOR: usize = 3;

/// Shortest cohort, in weeks.
const MIN_WEEKS: usize = 12;

/// Weeks over which cohort starts are spread.
const SPREAD_WEEKS: usize = 50;

/// One-offs every learner has: kickoff, midpoint check-in, end reflection.
const ONE_OFFS_PER_LEARNER: usize = 3;

/// Writes mentors, cohorts, learners, pairs and sessions.
pub fn write(files: &mut Files, paths: &[PathPlan], options: &Options) -> io::Result<Summary> {
    let sizes = options.sizes;
    let cohort_count = sizes.cohorts.max(1);
    let plan = Plan::new(sizes.learners, sizes.sessions, cohort_count);
    let latest = monday_on_or_before(options.today - Duration::days(7));

    let mut summary = Summary {
        cohorts: cohort_count,
        learners: sizes.learners,
        pairs: sizes.learners,
        ..Summary::default()
    };
    let mut mentors_yaml = String::from(
        "# Mentors: one facilitator per cohort, then the mentors of its learners.\nmentors:\n",
    );
    let mut cohorts_yaml = String::from("cohorts:\n");
    let mut pairs_yaml = String::new();
    let mut next_learner = 0;
    let mut next_mentor = 0;

    for c in 0..cohort_count {
        let weeks_back = if cohort_count == 1 {
            0
        } else {
            (cohort_count - 1 - c) * SPREAD_WEEKS / (cohort_count - 1)
        };
        let start = latest - Duration::weeks(weeks_back as i64);
        let learners =
            sizes.learners / cohort_count + usize::from(c < sizes.learners % cohort_count);
        let cohort = Cohort {
            key: format!("cohort-{:03}", c + 1),
            path: &paths[c % paths.len()],
            start,
            end: start + Duration::days(7 * plan.weeks as i64 - 3),
            timezone: TIMEZONES[c % TIMEZONES.len()],
            today: options.today,
        };

        // Mentors: the facilitator, then one per three learners.
        let mut rng = Rng::new(options.seed, 0x4641_4349_0000 + c as u64);
        let name = person(&mut rng);
        let facilitator = format!("facilitator-{:03}-{}", c + 1, slug(&name));
        mentor_record(
            &mut mentors_yaml,
            &facilitator,
            &name,
            &cohort,
            &mut rng,
            true,
        );
        let mut mentors = Vec::new();
        for _ in 0..learners.div_ceil(MENTEES_PER_MENTOR) {
            next_mentor += 1;
            let mut rng = Rng::new(options.seed, 0x4D45_4E54_0000 + next_mentor as u64);
            let name = person(&mut rng);
            let id = format!("mentor-{next_mentor:05}-{}", slug(&name));
            mentor_record(&mut mentors_yaml, &id, &name, &cohort, &mut rng, false);
            mentors.push(id);
        }
        summary.mentors += 1 + mentors.len();

        let _ = write!(
            cohorts_yaml,
            "  - id: {}\n    title: {}\n    path: {}\n    start: {}\n    end: {}\n    \
             facilitator: {facilitator}\n    timezone: {}\n    description: {}\n",
            cohort.key,
            quoted(&format!(
                "Cohort {} ({})",
                c + 1,
                cohort.start.format("%B %Y")
            )),
            cohort.path.key,
            cohort.start,
            cohort.end,
            cohort.timezone,
            quoted(&format!(
                "{} weeks on {}, meeting in {}.",
                plan.weeks, cohort.path.key, cohort.timezone
            )),
        );

        let mut sessions_yaml = format!(
            "# Sessions of {}: each pair's meetings, then the group sessions, office hours and mentor circle.\nsessions:\n",
            cohort.key
        );
        let mut learner_ids = Vec::with_capacity(learners);
        for j in 0..learners {
            let index = next_learner + j;
            let mut rng = Rng::new(options.seed, 0x4C45_4152_0000_0000 + index as u64);
            let name = person(&mut rng);
            let id = format!("{}-{:05}", slug(&name), index + 1);
            let learner = Learner {
                index,
                id,
                name,
                goal: rng.pick(GOALS),
                mentor: &mentors[j / MENTEES_PER_MENTOR],
                slot: (j % MENTEES_PER_MENTOR) as u32,
                weekly: plan.weekly_for(index),
                cohort: &cohort,
            };
            files.write(
                &format!("data/learners/{}.yaml", learner.id),
                &learner.file(&mut rng),
            )?;
            learner.pair(&mut pairs_yaml, &mut rng);
            let (records, meetings) = learner.sessions(&mut sessions_yaml);
            summary.sessions += records;
            summary.occurrences += meetings;
            learner_ids.push(learner.id);
        }
        next_learner += learners;

        let (records, meetings) = cohort.shared_sessions(
            &mut sessions_yaml,
            &plan,
            &facilitator,
            &mentors,
            &learner_ids,
        );
        summary.sessions += records;
        summary.occurrences += meetings;
        files.write(
            &format!("data/sessions/{}.yaml", cohort.key),
            &sessions_yaml,
        )?;
    }

    files.write("data/mentors.yaml", &mentors_yaml)?;
    files.write("data/cohorts.yaml", &cohorts_yaml)?;
    let pairs_list = if pairs_yaml.is_empty() { " []\n" } else { "\n" };
    files.write(
        "data/pairs.yaml",
        &format!(
            "# Mentor–learner pairs and the expectations they agreed.\npairs:{pairs_list}{pairs_yaml}"
        ),
    )?;
    Ok(summary)
}

/// How long cohorts run and how many weekly 1:1s each learner gets, so the
/// total number of meetings comes out at the requested count.
struct Plan {
    weeks: usize,
    weekly_base: usize,
    weekly_extra: usize,
}

impl Plan {
    fn new(learners: usize, meetings: usize, cohorts: usize) -> Plan {
        let left_for_weekly = |weeks: usize| {
            meetings
                .saturating_sub(cohorts * shared_meetings(weeks) + ONE_OFFS_PER_LEARNER * learners)
        };
        let per_learner = |left: usize| left.div_ceil(learners.max(1));
        // A series of n meetings, one of them maybe skipped, needs n + 3 weeks.
        let mut weeks = MIN_WEEKS.max(per_learner(left_for_weekly(MIN_WEEKS)) + 3);
        let left = left_for_weekly(weeks);
        weeks = weeks.max(per_learner(left) + 3);
        let left = left_for_weekly(weeks);
        Plan {
            weeks,
            weekly_base: left / learners.max(1),
            weekly_extra: left % learners.max(1),
        }
    }

    /// Weekly 1:1 meetings of the learner with this global index.
    fn weekly_for(&self, index: usize) -> usize {
        self.weekly_base + usize::from(index < self.weekly_extra)
    }
}

/// Meetings of a cohort's group sessions, office hours and mentor circle.
fn shared_meetings(weeks: usize) -> usize {
    2 * (weeks - 1) + circle_meetings(weeks)
}

/// The mentor circle meets every four weeks from the first Friday.
fn circle_meetings(weeks: usize) -> usize {
    (7 * weeks - 7) / 28 + 1
}

fn monday_on_or_before(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

struct Cohort<'a> {
    key: String,
    path: &'a PathPlan,
    start: NaiveDate,
    end: NaiveDate,
    timezone: &'static str,
    today: NaiveDate,
}

impl Cohort<'_> {
    fn day(&self, offset: i64) -> NaiveDate {
        self.start + Duration::days(offset)
    }

    /// Group sessions, office hours and the mentor circle.
    fn shared_sessions(
        &self,
        out: &mut String,
        plan: &Plan,
        facilitator: &str,
        mentors: &[String],
        learners: &[String],
    ) -> (usize, usize) {
        let facilitator = [facilitator.to_string()];
        let mut circle: Vec<String> = facilitator.to_vec();
        circle.extend(mentors.iter().cloned());
        let series = [
            Meeting {
                id: format!("{}-group", self.key),
                kind: "group",
                title: "Cohort group session".into(),
                hour: 12,
                minutes: 60,
                mentors: &facilitator,
                learners,
                module: self.path.modules.first().map(String::as_str),
                place: Place::Room("Community room"),
                first: self.day(3),
                every_weeks: 1,
                span: plan.weeks - 1,
                ..Meeting::new(self)
            },
            Meeting {
                id: format!("{}-office-hours", self.key),
                kind: "office-hours",
                title: "Office hours".into(),
                hour: 17,
                minutes: 60,
                mentors: &facilitator,
                place: Place::Link(format!(
                    "https://meet.example.org/{}-office-hours",
                    self.key
                )),
                first: self.day(1),
                every_weeks: 1,
                span: plan.weeks - 1,
                until: true,
                ..Meeting::new(self)
            },
            Meeting {
                id: format!("{}-mentor-circle", self.key),
                kind: "mentor-circle",
                title: "Mentor circle".into(),
                hour: 8,
                minutes: 45,
                mentors: &circle,
                place: Place::Link(format!("https://meet.example.org/{}-circle", self.key)),
                first: self.day(4),
                every_weeks: 4,
                span: circle_meetings(plan.weeks),
                ..Meeting::new(self)
            },
        ];
        series.iter().fold((0, 0), |(records, meetings), m| {
            let (r, n) = m.write(out);
            (records + r, meetings + n)
        })
    }
}

fn mentor_record(
    out: &mut String,
    id: &str,
    name: &str,
    cohort: &Cohort<'_>,
    rng: &mut Rng,
    facilitator: bool,
) {
    let first = rng.range(0, EXPERTISE.len() - 1);
    let second = (first + rng.range(1, EXPERTISE.len() - 1)) % EXPERTISE.len();
    let (mentees, hours, tiers, bio) = if facilitator {
        (
            1,
            6,
            "[group, office-hours]",
            "Runs the cohort's group sessions and office hours.",
        )
    } else {
        (
            MENTEES_PER_MENTOR + 1,
            rng.range(8, 12),
            "[coaching, async-review]",
            "Works in industry and mentors a few learners each cohort.",
        )
    };
    let _ = write!(
        out,
        r#"  - id: {id}
    name: {name}
    email: {id}@example.org
    timezone: {timezone}
    bio: {bio}
    expertise: [{first}, {second}]
    languages: [en]
    capacity:
      mentees: {mentees}
      hours_per_week: {hours}
    tiers: {tiers}
    public_profile: {public}
"#,
        name = quoted(name),
        timezone = cohort.timezone,
        bio = quoted(bio),
        first = EXPERTISE[first],
        second = EXPERTISE[second],
        public = rng.chance(60),
    );
}

struct Learner<'a> {
    index: usize,
    id: String,
    name: String,
    /// What the learner wants; also the goal of the pair's charter.
    goal: &'static str,
    mentor: &'a str,
    slot: u32,
    weekly: usize,
    cohort: &'a Cohort<'a>,
}

/// Key dates of a learner's time in the program.
struct Dates {
    intake: NaiveDate,
    matching: NaiveDate,
    agreed: NaiveDate,
    kickoff: NaiveDate,
    active: NaiveDate,
    midpoint: NaiveDate,
    review: NaiveDate,
    transition: NaiveDate,
    reflection: NaiveDate,
    planned_end: NaiveDate,
    /// Graduation or withdrawal, when it lies before `today`.
    finish: Option<NaiveDate>,
}

impl Learner<'_> {
    fn dates(&self) -> Dates {
        let c = self.cohort;
        let planned_end = c.end - Duration::days(1);
        let midpoint = c.start + Duration::days((planned_end - c.start).num_days() / 2);
        let review = midpoint + Duration::days(1);
        let finish = if self.withdraws() {
            c.end - Duration::days(2)
        } else {
            planned_end
        };
        Dates {
            intake: c.day(-14 - (self.index % 5) as i64),
            matching: c.day(-9 - (self.index % 3) as i64),
            agreed: c.day(1),
            kickoff: c.day(2),
            active: c.day(3),
            midpoint,
            review,
            transition: (review + Duration::days(1)).max(c.end - Duration::days(14)),
            reflection: c.end - Duration::days(3),
            planned_end,
            finish: (planned_end < c.today).then_some(finish),
        }
    }

    /// About one learner in forty of a finished cohort leaves just before the end.
    fn withdraws(&self) -> bool {
        self.index % 40 == 17 && self.cohort.end - Duration::days(1) < self.cohort.today
    }

    fn past(&self, day: NaiveDate) -> bool {
        day < self.cohort.today
    }

    fn file(&self, rng: &mut Rng) -> String {
        let d = self.dates();
        let c = self.cohort;
        let mut out = String::with_capacity(2048);
        let first_skill = rng.range(0, EXPERTISE.len() - 1);
        let second_skill = (first_skill + rng.range(1, EXPERTISE.len() - 1)) % EXPERTISE.len();
        let confidence = rng.range(1, 3);
        let _ = write!(
            out,
            r#"# Private unless `consent` says otherwise.
id: {id}
name: {name}
email: {id}@example.org
cohort: {cohort}
path: {path}
intake:
  date: {intake}
  goal: {goal}
  baseline:
    {first_skill}: {first_level}
    {second_skill}: {second_level}
  confidence: {confidence}
  blockers: [{blocker}]
  availability: [{availability}]
preferences:
  - kind: language
    value: en
    hard: true
  - kind: mode
    value: video
consent:
  public_profile: {public}
  listed_in_cohort: {listed}
"#,
            id = self.id,
            name = quoted(&self.name),
            cohort = c.key,
            path = c.path.key,
            intake = d.intake,
            goal = quoted(self.goal),
            first_skill = EXPERTISE[first_skill],
            first_level = rng.range(0, 3),
            second_skill = EXPERTISE[second_skill],
            second_level = rng.range(0, 3),
            blocker = quoted(rng.pick(BLOCKERS)),
            availability = quoted(rng.pick(AVAILABILITY)),
            public = rng.chance(30),
            listed = rng.chance(50),
        );

        let last_stage = if self.withdraws() {
            "withdrawn"
        } else {
            "graduated"
        };
        let stages = [
            ("intake", Some(d.intake)),
            ("matching", Some(d.matching)),
            ("onboarding", Some(c.start)),
            ("active", Some(d.active)),
            ("midpoint-review", Some(d.review)),
            ("transition", Some(d.transition)),
            (last_stage, d.finish),
        ];
        out.push_str("journey:\n");
        for (stage, date) in stages {
            if let Some(date) = date.filter(|&day| self.past(day)) {
                let _ = write!(out, "  - stage: {stage}\n    date: {date}\n");
            }
        }

        // Modules in path order, each started once the one before is done.
        let horizon = d
            .finish
            .unwrap_or(c.today - Duration::days(1))
            .min(c.today - Duration::days(1));
        let pace = if self.index.is_multiple_of(3) { 21 } else { 14 };
        let mut modules = String::new();
        for (k, module) in c.path.modules.iter().enumerate() {
            let started = d.active + Duration::days(pace * k as i64);
            if started > horizon {
                break;
            }
            let _ = write!(modules, "  - module: {module}\n    started: {started}\n");
            let milestone = started + Duration::days(4);
            if milestone <= horizon {
                let _ = write!(
                    modules,
                    "    milestones:\n      - id: {FIRST_MILESTONE}\n        date: {milestone}\n"
                );
            }
            let completed = started + Duration::days(pace - 2);
            if completed <= horizon {
                let _ = write!(
                    modules,
                    "    completed: {completed}\n    competence: {}\n    artifact:\n      \
                     date: {completed}\n      link: https://git.example.org/{}/{module}\n    \
                     confidence: {}\n",
                    completed - Duration::days(1),
                    self.id,
                    rng.range(3, 5),
                );
            }
        }
        if !modules.is_empty() {
            out.push_str("modules:\n");
            out.push_str(&modules);
        }

        let _ = write!(
            out,
            "confidence:\n  - date: {}\n    value: {confidence}\n",
            d.intake
        );
        if self.past(d.review) {
            let _ = write!(
                out,
                "  - date: {}\n    value: {}\n",
                d.review,
                confidence + 1
            );
        }
        match d.finish {
            Some(finish) if self.withdraws() => {
                let _ = write!(
                    out,
                    "status: withdrawn\nstatus_date: {finish}\nstatus_reason: {}\n",
                    quoted(rng.pick(WITHDRAWAL_REASONS))
                );
            }
            Some(finish) => {
                let _ = write!(
                    out,
                    "  - date: {finish}\n    value: {}\noutcomes:\n  - outcome: {}\n    \
                     date: {finish}\n    evidence: \"Project reviewed at the end reflection.\"\n\
                     status: graduated\nstatus_date: {finish}\n",
                    confidence + 2,
                    c.path.outcome,
                );
            }
            None => out.push_str("status: active\n"),
        }
        out
    }

    fn pair_id(&self) -> String {
        format!("pair-{:05}", self.index + 1)
    }

    fn pair(&self, out: &mut String, rng: &mut Rng) {
        let d = self.dates();
        let c = self.cohort;
        let _ = write!(
            out,
            "  - id: {}\n    mentor: {}\n    learner: {}\n    start: {}\n    planned_end: {}\n",
            self.pair_id(),
            self.mentor,
            self.id,
            c.start,
            d.planned_end
        );
        match d.finish {
            Some(finish) => {
                let reason = if self.withdraws() {
                    "withdrawn"
                } else {
                    "completed"
                };
                let _ = write!(
                    out,
                    "    end: {finish}\n    end_reason: {reason}\n    phase: closed\n"
                );
            }
            None if self.past(d.transition) => out.push_str("    phase: transition\n"),
            None => out.push_str("    phase: working\n"),
        }
        let _ = write!(
            out,
            r#"    agreed: {agreed}
    midpoint: {midpoint}
    midpoint_facilitator: coordinator
    expectations:
      goals: {goals}
      offer: "Weekly review of the learner's work and help choosing next steps."
      limits: "45 minutes a week; no help outside the path's topics."
      cadence: "Weekly, 45 minutes."
      modes: [video]
      channels: [e-mail]
      response_time: "Within two working days."
      rescheduling: "Message the other at least a day before."
      notice_hours: {notice}
      success:
        - "The artifact of each module is handed in."
      success_outcomes: [{outcome}]
      check_in_questions:
        - "What went well since we last met?"
        - "What is in your way?"
    mentor_hopes_to_learn: {hopes}
"#,
            agreed = d.agreed,
            midpoint = d.midpoint,
            goals = quoted(self.goal),
            notice = rng.pick(&[12, 24, 48]),
            outcome = c.path.outcome,
            hopes = quoted(rng.pick(MENTOR_HOPES)),
        );
    }

    /// The pair's kickoff, weekly series, midpoint check-in and reflection.
    fn sessions(&self, out: &mut String) -> (usize, usize) {
        let d = self.dates();
        let c = self.cohort;
        let pair = self.pair_id();
        let mentors = [self.mentor.to_string()];
        let learners = [self.id.clone()];
        let link = format!("https://meet.example.org/{pair}");
        let module = c.path.modules.first().map(String::as_str);
        let one_off = |suffix: &str, kind: &'static str, title: &str, day: NaiveDate| Meeting {
            id: format!("{pair}-{suffix}"),
            kind,
            title: title.into(),
            hour: 14 + self.slot,
            minutes: 45,
            mentors: &mentors,
            learners: &learners,
            place: Place::Link(link.clone()),
            first: day,
            rated: self.past(day).then_some(self.id.as_str()),
            ..Meeting::new(c)
        };
        let first_weekly = c.day(7 + (self.index % 4) as i64);
        let weekly_day = |k: usize| first_weekly + Duration::weeks(k as i64);
        // Some series leave out their third date; it must lie in the past so
        // it never starts the scheduled part of a split series.
        let skip = (self.index % 5 == 2 && self.weekly >= 3 && self.past(weekly_day(2)))
            .then(|| weekly_day(2));
        let cancel = (self.index % 7 == 3 && self.weekly >= 2 && self.past(weekly_day(1)))
            .then(|| weekly_day(1));
        let meetings = [
            one_off(
                "kickoff",
                "one-to-one",
                "First meeting and charter",
                d.kickoff,
            ),
            Meeting {
                hour: 9 + self.slot,
                module,
                first: first_weekly,
                every_weeks: 1,
                span: self.weekly + usize::from(skip.is_some()),
                skip,
                cancel,
                request: (self.index % 3 == 1).then_some(self.id.as_str()),
                until: self.index.is_multiple_of(2),
                rated: None,
                ..one_off("weekly", "one-to-one", "Weekly review", first_weekly)
            },
            one_off("midpoint", "midpoint", "Midpoint check-in", d.midpoint),
            one_off("reflection", "reflection", "End reflection", d.reflection),
        ];
        meetings.iter().fold((0, 0), |(records, total), m| {
            let (r, n) = m.write(out);
            (records + r, total + n)
        })
    }
}

/// Where a meeting happens.
enum Place {
    Link(String),
    Room(&'static str),
}

/// A one-off (`span` 1) or a series, written as one record, or as two when
/// `today` falls inside it: the held part and the scheduled rest.
struct Meeting<'a> {
    id: String,
    kind: &'static str,
    title: String,
    cohort: &'a str,
    today: NaiveDate,
    hour: u32,
    minutes: u32,
    mentors: &'a [String],
    learners: &'a [String],
    module: Option<&'a str>,
    place: Place,
    first: NaiveDate,
    every_weeks: u32,
    /// Series dates, skipped ones included; 1 for a one-off.
    span: usize,
    skip: Option<NaiveDate>,
    cancel: Option<NaiveDate>,
    /// A learner whose attendance and ratings are recorded (one-offs).
    rated: Option<&'a str>,
    /// A learner who asked a follow-up question after the first meeting.
    request: Option<&'a str>,
    /// End the held part with `until` rather than `count`.
    until: bool,
}

impl<'a> Meeting<'a> {
    fn new(cohort: &'a Cohort<'a>) -> Meeting<'a> {
        Meeting {
            id: String::new(),
            kind: "one-to-one",
            title: String::new(),
            cohort: &cohort.key,
            today: cohort.today,
            hour: 9,
            minutes: 45,
            mentors: &[],
            learners: &[],
            module: None,
            place: Place::Room("Library"),
            first: cohort.start,
            every_weeks: 0,
            span: 1,
            skip: None,
            cancel: None,
            rated: None,
            request: None,
            until: false,
        }
    }

    /// Writes the record(s); returns how many records and meetings.
    fn write(&self, out: &mut String) -> (usize, usize) {
        if self.span == 0 {
            return (0, 0);
        }
        let dates: Vec<NaiveDate> = (0..self.span)
            .map(|k| self.first + Duration::weeks(i64::from(self.every_weeks) * k as i64))
            .collect();
        let held = dates.iter().take_while(|&&d| d < self.today).count();
        let mut records = 0;
        let mut meetings = 0;
        let (held_dates, scheduled_dates) = dates.split_at(held);
        let upcoming = if held == 0 {
            self.id.clone()
        } else {
            format!("{}-upcoming", self.id)
        };
        for (part, part_dates, id) in [
            (Part::Held, held_dates, &self.id),
            (Part::Scheduled, scheduled_dates, &upcoming),
        ] {
            if !part_dates.is_empty() {
                records += 1;
                meetings += self.record(out, id, part, part_dates);
            }
        }
        (records, meetings)
    }

    fn record(&self, out: &mut String, id: &str, part: Part, dates: &[NaiveDate]) -> usize {
        let first = dates[0];
        let status = match part {
            Part::Held => "completed",
            Part::Scheduled => "scheduled",
        };
        let _ = write!(
            out,
            "  - id: {id}\n    kind: {}\n    title: {}\n    cohort: {}\n    start: {first}T{:02}:00\n    \
             duration_minutes: {}\n",
            self.kind,
            quoted(&self.title),
            self.cohort,
            self.hour,
            self.minutes,
        );
        let _ = writeln!(out, "    mentors: [{}]", self.mentors.join(", "));
        if !self.learners.is_empty() {
            let _ = writeln!(out, "    learners: [{}]", self.learners.join(", "));
        }
        if let Some(module) = self.module {
            let _ = writeln!(out, "    module: {module}");
        }
        match &self.place {
            Place::Link(link) => {
                let _ = writeln!(out, "    link: {link}");
            }
            Place::Room(room) => {
                let _ = writeln!(out, "    location: {}", quoted(room));
            }
        }
        let _ = writeln!(out, "    status: {status}");
        if let (Part::Held, Some(learner)) = (part, self.rated) {
            let _ = write!(
                out,
                "    attendance:\n      - learner: {learner}\n        attended: true\n        \
                 rating_before: 3\n        rating_after: 4\n"
            );
        }
        let skip = self.skip.filter(|d| dates.contains(d));
        if self.span > 1 {
            let end = if self.until && part == Part::Held {
                format!("until: {}", dates[dates.len() - 1])
            } else {
                format!("count: {}", dates.len())
            };
            let _ = write!(
                out,
                "    recurrence:\n      every_weeks: {}\n      {end}\n",
                self.every_weeks
            );
            if let Some(skip) = skip {
                let _ = writeln!(out, "      skip: [{skip}]");
            }
        }
        if let Some(cancel) = self
            .cancel
            .filter(|d| part == Part::Held && dates.contains(d))
        {
            let _ = write!(
                out,
                "    occurrences:\n      - date: {cancel}\n        status: cancelled\n        \
                 cancellation:\n          at: {}T09:00\n          by: learner\n          \
                 reason: Unwell\n",
                cancel - Duration::days(1)
            );
        }
        if let (Part::Held, Some(learner)) = (part, self.request) {
            let _ = write!(
                out,
                "    requests:\n      - kind: follow-up\n        learner: {learner}\n        \
                 asked: {first}T20:00\n        answered: {}T10:00\n",
                first + Duration::days(1)
            );
        }
        dates.len() - usize::from(skip.is_some())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Held,
    Scheduled,
}
