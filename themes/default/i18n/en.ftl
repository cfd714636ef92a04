### English: the default theme's words. Every other catalog has the same
### keys (a test holds them to it); a message may use only the variables
### its English original uses. Text is HTML, as in a template: the
### variables are escaped before they are placed.

## Navigation and page frame

nav-home = Home
nav-cohorts = Cohorts
nav-mentors = Mentors
nav-calendar = Calendar
nav-privacy = Privacy
nav-search = Search
nav-report = Check report
nav-actions = Actions
base-skip = Skip to content
base-nav-label = Main
base-staff-banner = Staff view: contains personal data. Do not publish.

## Words several pages share

common-breadcrumb = Breadcrumb
common-path = Path:
common-timezone = Time zone:
common-progress = Progress
common-col-when = When ({ $timezone })
common-col-what = What
common-col-cohort = Cohort
common-col-session = Session
common-col-status = Status
common-col-learners = Learners
common-withheld = withheld
common-feed-address = feed address
common-chart-numbers = { $chart }: the numbers
common-hours = about { $hours } hours
common-whole-program = Whole program
common-local-time = { $time } { $place } time
common-learner-status = { $status ->
    [active] active
    [paused] paused
    [withdrawn] withdrawn
   *[graduated] graduated
  }
common-cohort-state = { $state ->
    [starting-soon] starting soon
    [finished] finished
   *[in-progress] in progress
  }
common-stage = { $stage ->
    [diagnosis] Diagnosis
    [foundations] Foundations
    [practice] Practice
    [feedback] Feedback
   *[application] Application
  }
common-pillar = { $pillar ->
    [formal-training] Formal training
    [stretch-work] On-the-job stretch work
   *[reflective-coaching] Reflective coaching
  }
common-tier = { $tier ->
    [office-hours] office hours
    [coaching] 1:1 coaching
    [async-review] asynchronous review
   *[group] group sessions
  }
common-session-kind = { $kind ->
    [one-to-one] 1:1
    [group] group
    [office-hours] office hours
    [midpoint] midpoint check-in
    [mentor-circle] mentor circle
   *[reflection] reflection
  }
common-session-status = { $status ->
    [scheduled] scheduled
    [held] held
    [cancelled] cancelled
   *[no-show] no-show
  }

## Home page

home-paths = Learning paths
home-path-meta = { $modules } modules · about { $hours } hours
home-path-toward = toward: { $outcome }
home-outcomes = What the program is for
home-upcoming = Upcoming sessions
home-upcoming-caption = Upcoming group sessions, office hours and mentor circles
home-nothing = No group sessions are scheduled after { $today }.
home-subscribe = Subscribe to the calendar

## A learning path

path-leads-to = Leads to: <strong>{ $outcome }</strong>
path-glance = The path at a glance
path-map-caption = { $modules } modules in { $stages } stages, about { $hours } hours in all.
path-after = after
path-map-title = { $path }: modules in order, grouped by stage
path-milestones = Milestones:
path-produce = You will produce:

## A module

module-eyebrow = { $stage } · module { $number } of { $count }
module-effort = Effort:
module-pillar = Pillar:
module-before = Before this:
module-serves = Serves:
module-panel = Milestones and checkpoints
module-milestones = Milestones
module-checkpoints = Checkpoints
module-competence = competence
module-artifact = What you will produce
module-reflect = Reflect
module-pager = Previous and next module
module-updated = Last updated: { $date }
module-updated-none = Last updated: { $history ->
    [uncommitted] not yet committed
   *[unknown] unknown (the program is not in a git repository)
  }

## A cohort
cohort-matches = <a href="{ $url }">Suggested matches</a>: a mentor for each learner of this cohort waiting for one, with the reasons.

cohort-dates = Dates:
cohort-facilitator = Facilitator:
cohort-as-of = Figures as of { $today }.
cohort-compare = Compare all cohorts
cohort-figures-caption = Cohort figures
cohort-key-figures = Key figures
cohort-key-figures-caption = Key progress figures of the cohort
cohort-col-group = Group
cohort-members = Who is in this cohort
cohort-members-consent = Listed with their consent.
cohort-schedule = Schedule
cohort-schedule-caption = Group sessions and office hours of this cohort
cohort-no-schedule = No group sessions are scheduled for this cohort.

## Cohorts compared

cohorts-title = Cohorts compared
cohorts-lead = The same figures for every cohort, side by side, as of { $today }. Sessions are measured against the programme's target of { $target }% held each week.
cohorts-withheld = Figures about fewer than { $min } learners are withheld from the public site.
cohorts-caption = Key figures by cohort

## Mentors

mentors-lead = The people who give their time to this program. Only mentors who chose to be listed appear here.
mentors-expertise = Expertise
mentors-languages = Languages
mentors-offers = Offers
mentors-timezone = Time zone
mentors-none = No mentor has chosen to publish a profile yet.

## Calendar

calendar-title = Calendar
calendar-lead = Group sessions, office hours and mentor circles. Times are in { $timezone }, with a session's own local time beside it where that differs; a subscribed calendar shows them in yours.
calendar-subscribe = Subscribe
calendar-add = add to your calendar
calendar-howto = How to subscribe
calendar-howto-google = <strong>Google Calendar</strong>: Other calendars → From URL, then paste the feed address.
calendar-howto-outlook = <strong>Outlook</strong>: Add calendar → Subscribe from web, then paste the feed address.
calendar-howto-apple = <strong>Apple Calendar</strong>: File → New Calendar Subscription, then paste the feed address.
calendar-refresh = Subscribed calendars update by themselves about every 12 hours.
calendar-upcoming = Upcoming
calendar-upcoming-caption = Upcoming sessions
calendar-nothing = Nothing is scheduled after { $today }.

## Privacy

privacy-lead = What { $site } keeps about the people in it, why, and who can see it.
privacy-collected = What we collect
privacy-why = Why
privacy-who = Who sees it
privacy-retention = How long we keep it
privacy-consent = Your consent decides what is published
privacy-consent-private = Everything about a learner is private unless they agree otherwise.
privacy-consent-listed = With <em>listed in cohort</em>, your name appears in your cohort's list.
privacy-consent-public = With <em>public profile</em>, your name and goal may appear on this site.
privacy-consent-withdraw = You can withdraw consent at any time; the next publication of the site removes what you no longer agree to.
privacy-consent-groups = Figures about a group of fewer than { $min } people are never published, so no chart or number reveals one person.
privacy-consent-email = E-mail addresses are never published.
privacy-contact = Ask, correct or delete
privacy-contact-text = Write to { $contact } to see, correct or delete what we hold about you.

## Calendar feeds: plain text, not HTML (a calendar app shows it as written)

feed-program-title = { $site }: program sessions
feed-program-description = Group sessions, office hours and mentor circles of { $site }.
feed-cohort-title = { $site }: { $cohort }
feed-cohort-description = Group sessions and office hours of { $cohort }.
feed-mentor-title = { $site }: sessions with { $mentor }
feed-mentor-description = Group sessions, office hours and mentor circles with { $mentor }.
feed-learner-title = { $site }: { $learner }'s sessions
feed-learner-description = Every session of { $learner } in { $site }.
feed-schedule-title = { $site }: { $mentor }'s schedule
feed-schedule-description = Every session { $mentor } leads in { $site }, 1:1s included.
feed-due-title = { $site }: due dates for { $owner }
feed-due-description = What { $owner } must do in { $site }, on the day it is due; overdue actions stay on the day they were due.
event-kind = { $kind ->
    [one-to-one] 1:1
    [group] Group session
    [office-hours] Office hours
    [midpoint] Midpoint check-in
    [mentor-circle] Mentor circle
   *[reflection] Reflection
  }
event-agenda = Agenda:
event-agenda-step = { $step ->
    [check-in] Check-in
    [open-questions] Open questions
    [practice] Practice
    [review] Review of last actions
    [case] Case discussion
    [core] Core work
   *[next-step] Next step
  }
event-module = Module: { $module }
event-join = Join online: { $link }

## Search and the missing page

search-label = Search modules and pages
search-button = Search
search-noscript = Search needs JavaScript. Every module is also listed on its <a href="{ $root }">learning path</a>.
# Read by the search script: %n is the number of results, %q the query.
search-found = %n result(s) for “%q”
search-none = Nothing found for “%q”
notfound-title = Page not found
notfound-text = The page you asked for is not here. It may have moved when the curriculum changed.
notfound-links = <a href="{ $root }">Go to the home page</a> or <a href="{ $root }search/">search the site</a>.

## A learner (staff, or a personal page)

learner-status = Status:
learner-mentor = Mentor:
learner-goal = Goal:
learner-charter-with = Charter with { $mentor }
learner-attention = Needs attention
learner-no-session = No session attended for { $days } days (the program's alert is { $limit }).
learner-wishes = Preferences not met
learner-wishes-text = Soft matching preferences that the current mentor does not meet.
learner-pauses = Pauses
learner-pause = with { $mentor }, asked for by { $by ->
    [learner] the learner
    [mentor] the mentor
   *[program] the program
  }
learner-pause-reason = with { $mentor }, asked for by { $by ->
    [learner] the learner
    [mentor] the mentor
   *[program] the program
  }: { $reason }
learner-journey = Journey
learner-modules-caption = Modules started, with dates
learner-col-module = Module
learner-col-started = Started
learner-col-completed = Completed
learner-col-artifact = Artifact
learner-col-confidence = Confidence
learner-no-modules = No module started yet.
learner-sessions = Sessions
learner-sessions-caption = Sessions with this learner
learner-no-sessions = No sessions yet.
learner-feed = Your sessions in your calendar app: <a href="{ $webcal }">subscribe</a> · <a href="{ $https }">feed address</a> (personal: share it with no one).

## Check report and actions (staff)

report-lead = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
  } and { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
  } as of { $today }.
report-actions = <a href="{ $root }actions/">Actions</a> lists who must act on what, and by when.
report-caption = Problems found by the checks
report-col-code = Code
report-col-where = Where
report-col-help = What to do
report-clean = Everything checks out.
report-learners = Learners
report-attention = needs attention
actions-title = Actions
actions-lead = As of { $today }: everything overdue or due by { $horizon }, by who must act.
actions-count = { $total ->
    [one] 1 action
   *[other] { $total } actions
  }, { $overdue } overdue.
actions-owner-count = { $count ->
    [one] 1 action
   *[other] { $count } actions
  }
actions-caption = What { $owner } must do, earliest due first
actions-col-what = What
actions-col-who = Who
actions-col-due = Due
actions-col-source = Where it is written
actions-charter = charter
actions-feed = These due dates in a calendar app: <a href="{ $webcal }">subscribe</a> · <a href="{ $https }">feed address</a> (staff only: share it with no one else).
actions-none = Nothing is overdue or due before { $after }.
actions-matches = suggested mentors

## Suggested matches (staff)

matches-heading = Suggested matches
matches-title = Suggested matches: { $cohort }
matches-lead = { $waiting ->
    [one] As of { $today }, 1 learner of { $cohort } waits in { $stage } for a mentor
   *[other] As of { $today }, { $waiting } learners of { $cohort } wait in { $stage } for a mentor
  }, { $suggested } of them with a suggestion (total score { $total }).
matches-about = The suggestions are made for the cohort as a whole: as many learners matched as the rules and the mentors' free places allow, with the largest total score, so a learner may be suggested their second-best mentor for someone else to be matched too. Free places count each mentor's pairs in every cohort, but only this cohort's learners are placed here: another cohort's page may suggest the same place. telemachy's <code>docs/matching.md</code> explains the score and the rules.
matches-accept-heading = Accepting them
matches-accept-run = Review the suggestions, then in the program's repository run
matches-accept-what = It adds the suggested pairs to <code>data/pairs.yaml</code>, each with its learner's goal as the first answer of its charter, and checks the program, which lists what each new charter still needs. It suggests as of the day it runs: <code>{ $preview }</code> shows what it would add, writing nothing.
matches-since = Waiting since { $since }.
matches-unmatched = No suggestion:
matches-role = { $role ->
    [suggested] Suggested
   *[alternative] Alternative
  }
matches-score = score { $score }
matches-parts-caption = The score of { $mentor } for { $learner }, part by part
matches-col-part = Part
matches-col-points = Points
matches-col-why = Why
matches-points = { $points } of { $of }
matches-part = { $part ->
    [goal] Goal
    [path] Path
    [weakest_skills] Weakest skills
    [expertise] Expertise wished for
    [language] Language
    [waking_overlap] Waking hours in common
    [timezone_window] Time-zone window
    [mode] Meeting mode
   *[other] { $part }
  }
matches-kept-heading = Kept away by a rule
matches-kept-caption = Mentors a rule keeps from { $learner }
matches-col-mentor = Mentor
matches-col-rule = Rule
matches-rule = { $rule ->
    [capacity] No free place
    [earlier_pair] Earlier pair
    [hard_preference] Hard preference
   *[other] { $rule }
  }
matches-nobody = As of { $today }, nobody in { $cohort } waits in { $stage } for a mentor.

## The expectations charter: a document both people sign

charter-title = Mentoring charter
charter-eyebrow = { $site } · mentoring charter
charter-heading = Our mentoring charter
charter-parties = { $mentor } and { $learner }, from { $start }
charter-parties-until = { $mentor } and { $learner }, from { $start } to { $end }
charter-print-hint = To keep a paper copy, use your browser's Print command (Ctrl+P or ⌘P) and choose “Save as PDF” or a printer. The page is laid out for { $paper } paper.
charter-goals = 1. What { $learner } wants to achieve
charter-offer = 2. What { $mentor } can offer
charter-limits = The limits we agree on
charter-how = 3. How we work together
charter-cadence = How often we meet
charter-modes = How we meet
charter-channels = Between meetings
charter-response = How quickly we reply
charter-rescheduling = If we need to move a meeting
charter-notice-hours = We give at least { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
  } notice.
charter-notice-days = We give at least { $days ->
    [one] 1 day
   *[other] { $days } days
  } notice.
charter-success = 4. How we will know it worked
charter-outcomes = This serves the program's outcomes: { $outcomes }.
charter-phases = 5. Our phases
charter-col-phase = Phase
charter-col-dates = Dates
charter-col-purpose = What it is for
charter-phase-name = { $phase ->
    [initial] Initial
    [working] Working
   *[transition] Transition
  }
charter-phase-purpose = { $phase ->
    [initial] Getting to know each other, agreeing this charter and the first goals.
    [working] The main body of work: regular meetings, practice and feedback toward the goals above.
   *[transition] Looking back on what changed, planning what comes next, and closing well.
  }
charter-midpoint = Midpoint check-in:
charter-midpoint-date = { $date }.
charter-midpoint-facilitated = { $date }, facilitated by { $facilitator }.
charter-midpoint-review = We look back at this charter together and change what no longer fits.
charter-paused = Paused:
charter-pause = { $dates }, asked for by { $by ->
    [learner] the learner
    [mentor] the mentor
   *[program] the program
  }
charter-pause-reason = { $dates }, asked for by { $by ->
    [learner] the learner
    [mentor] the mentor
   *[program] the program
  } ({ $reason })
charter-paused-rule = While paused we do not meet, and the days of a pause count against neither of us.
charter-questions = 6. How we start each meeting
charter-ending = 7. If it is not working
charter-ending-text = Either of us may end this mentoring relationship or ask for a different match, at any time and without giving a reason. That is a normal part of mentoring, not a failure: tell { $contact }, who will arrange a rematch or a closing conversation. Nobody will ask either of us to justify it, and it does not affect the learner's place in the program.
charter-data = 8. What the program keeps about us
charter-data-questions = Questions: { $contact }.
charter-hopes = 9. What { $mentor } hopes to learn
charter-agreed = 10. Agreed
charter-agreed-text = We have read this charter together and agree to it.
charter-agreed-on = We have read this charter together and agree to it (agreed on { $date }).
charter-signature = Signature:
charter-date = Date:
charter-signer-learner = { $name } (learner)
charter-signer-mentor = { $name } (mentor)
