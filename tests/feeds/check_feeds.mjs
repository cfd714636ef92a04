// Reads every .ics file of a built site with Mozilla's ical.js and compares
// the occurrences it expands with telemachy's own schedule.
//
// Usage: node check_feeds.mjs ICALJS_DIR SITE_DIR EXPECTED_JSON
//
// ICALJS_DIR is a directory whose node_modules holds ical.js (tests/browser
// after `npm ci`). EXPECTED_JSON holds "sessions", mapping each session UID
// to its occurrences as [start_utc, end_utc, status] with times as
// YYYYMMDDTHHMMSSZ; optionally "feed_sessions", mapping the path of a feed
// (relative to SITE_DIR) to the occurrences its own sessions hold where they
// differ from "sessions" (a learner's feed leaves out the days they are
// away); optionally "due", mapping the UID of each all-day event of an
// owner's due-date feed to its [start_date, end_date] as YYYYMMDD; "empty",
// the feeds that may hold no event; and "feeds", mapping the path of every feed
// (relative to SITE_DIR) to the number of VEVENTs it holds and checks of its
// text: [uid, property, op, value], where uid "" means the calendar itself
// and op is "equals" or "contains" (every event of the UID) or
// "some-contains" (at least one). Prints every difference, then
// `N passed, M failed` (one count per feed), and exits non-zero when
// anything disagrees.

import { readFileSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";

const [icaljsDir, siteDir, expectedPath] = process.argv.slice(2);
if (!icaljsDir || !siteDir || !expectedPath) {
  console.error("usage: node check_feeds.mjs ICALJS_DIR SITE_DIR EXPECTED_JSON");
  process.exit(2);
}

// The script lives outside the Node project, so a bare `import "ical.js"`
// would not find it; load the package's own ES module entry point instead.
const packageDir = join(icaljsDir, "node_modules", "ical.js");
const packageJson = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
const { default: ICAL } = await import(
  pathToFileURL(join(packageDir, packageJson.exports.import)).href
);

// Wider than any program; an expansion that gets past the end is runaway.
const RANGE_START = ICAL.Time.fromDateTimeString("1990-01-01T00:00:00Z");
const RANGE_END = ICAL.Time.fromDateTimeString("2100-01-01T00:00:00Z");
const MAX_OCCURRENCES = 100_000;

const expectedFile = JSON.parse(readFileSync(expectedPath, "utf8"));
const expected = expectedFile.sessions;
const perFeed = expectedFile.feed_sessions ?? {};
const specs = expectedFile.feeds;
const due = expectedFile.due ?? {};
const mayBeEmpty = new Set(expectedFile.empty ?? []);
const dueFound = new Set();

// RFC 7986's NAME and the common X-WR-CALNAME are TEXT; ical.js knows
// neither and would hand back their escaped form.
ICAL.design.icalendar.property["name"] = { defaultType: "text" };
ICAL.design.icalendar.property["x-wr-calname"] = { defaultType: "text" };

function feedsUnder(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...feedsUnder(path));
    } else if (entry.name.endsWith(".ics")) {
      found.push(path);
    }
  }
  return found.sort();
}

function utc(time, what) {
  if (time.isDate) {
    throw new Error(`${what} is an all-day value ${time.toString()}`);
  }
  if (time.zone === ICAL.Timezone.localTimezone) {
    throw new Error(`${what} ${time.toString()} is floating (no zone ical.js knows)`);
  }
  const t = time.convertToZone(ICAL.Timezone.utcTimezone);
  const pad = (n, width = 2) => String(n).padStart(width, "0");
  return `${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}T${pad(t.hour)}${pad(t.minute)}${pad(t.second)}Z`;
}

function statusOf(component) {
  return String(component.getFirstPropertyValue("status") ?? "CONFIRMED");
}

// Every TZID an event refers to must be defined in the same feed: ical.js
// (like many clients) silently treats an unknown zone as floating time.
function undefinedZones(vevent, known) {
  const missing = new Set();
  for (const property of vevent.getAllProperties()) {
    const tzid = property.getParameter("tzid");
    if (tzid && !known.has(tzid)) {
      missing.add(`${property.name.toUpperCase()};TZID=${tzid}`);
    }
  }
  return [...missing];
}

function expand(master, overrides, problems) {
  // Overrides are passed explicitly: left to itself, ical.js relates every
  // RECURRENCE-ID event of the calendar to every master, whatever its UID.
  const event = new ICAL.Event(master, { strictExceptions: true, exceptions: overrides });
  if (!event.isRecurring()) {
    if (overrides.length > 0) {
      problems.push(`overrides of a non-recurring event`);
    }
    return [[utc(event.startDate, "DTSTART"), utc(event.endDate, "DTEND"), statusOf(master)]];
  }
  const occurrences = [];
  const used = new Set();
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (next.compare(RANGE_END) > 0) {
      problems.push(`the recurrence runs past ${RANGE_END.toString()}`);
      break;
    }
    if (occurrences.length >= MAX_OCCURRENCES) {
      problems.push(`more than ${MAX_OCCURRENCES} occurrences`);
      break;
    }
    if (next.compare(RANGE_START) < 0) {
      continue;
    }
    const details = event.getOccurrenceDetails(next);
    if (details.item !== event) {
      used.add(details.item.recurrenceId.toString());
    }
    occurrences.push([
      utc(details.startDate, `DTSTART of ${next.toString()}`),
      utc(details.endDate, `DTEND of ${next.toString()}`),
      statusOf(details.item.component),
    ]);
  }
  for (const id of Object.keys(event.exceptions)) {
    if (!used.has(id)) {
      problems.push(`RECURRENCE-ID ${id} matches no occurrence of the rule`);
    }
  }
  return occurrences;
}

function compare(found, ours) {
  const key = (o) => o.join(" ");
  const theirs = new Map(found.map((o) => [o[0], o]));
  const mine = new Map(ours.map((o) => [o[0], o]));
  const lines = [];
  for (const [start, o] of theirs) {
    const m = mine.get(start);
    if (!m) {
      lines.push(`    only ical.js:  ${key(o)}`);
    } else if (key(m) !== key(o)) {
      lines.push(`    ical.js:       ${key(o)}\n    schedule:      ${key(m)}`);
    }
  }
  for (const [start, m] of mine) {
    if (!theirs.has(start)) {
      lines.push(`    only schedule: ${key(m)}`);
    }
  }
  if (found.length !== theirs.size) {
    lines.push(`    ical.js expands ${found.length - theirs.size} duplicate start(s)`);
  }
  return lines;
}

function textOf(component, name) {
  const value = component.getFirstPropertyValue(name.toLowerCase());
  return value === null || value === undefined ? null : String(value);
}

// How the feed's events and text differ from its spec.
function textProblems(calendar, spec) {
  const problems = [];
  const events = calendar.getAllSubcomponents("vevent");
  if (events.length !== spec.events) {
    problems.push(`${events.length} VEVENT(s), expected ${spec.events}`);
  }
  for (const [uid, name, op, want] of spec.checks) {
    const holders =
      uid === "" ? [calendar] : events.filter((e) => String(e.getFirstPropertyValue("uid")) === uid);
    if (holders.length === 0) {
      problems.push(`no event ${uid} for ${name}`);
      continue;
    }
    const values = holders.map((h) => textOf(h, name));
    const has = (v) => v !== null && v.includes(want);
    const good =
      op === "equals" ? values.every((v) => v === want) : op === "contains" ? values.every(has) : values.some(has);
    if (!good) {
      problems.push(
        `${uid || "calendar"}: ${name} ${op} ${JSON.stringify(want)}, found ${JSON.stringify(values)}`,
      );
    }
  }
  return problems;
}

function checkFeed(path) {
  const problems = [];
  const key = relative(siteDir, path).split(sep).join("/");
  const spec = specs?.[key];
  if (specs && !spec) {
    problems.push("a feed that was not expected");
  }
  // Zones are a process-wide registry in ical.js; start each feed from an
  // empty one so a zone defined by another feed cannot hide a missing one.
  ICAL.TimezoneService.reset();
  let calendar;
  try {
    calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  } catch (error) {
    return [`does not parse: ${error.message}`];
  }
  const known = new Set();
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtimezone);
    known.add(String(vtimezone.getFirstPropertyValue("tzid")));
  }
  const byUid = new Map();
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    const uid = String(vevent.getFirstPropertyValue("uid"));
    for (const zone of undefinedZones(vevent, known)) {
      problems.push(`${uid}: ${zone} has no VTIMEZONE in this feed`);
    }
    const start = vevent.getFirstPropertyValue("dtstart");
    // A date without a time is an all-day event, floating by nature.
    if (start && !start.isDate && start.zone === ICAL.Timezone.localTimezone) {
      problems.push(`${uid}: DTSTART ${start.toString()} is floating`);
    }
    const group = byUid.get(uid) ?? { masters: [], overrides: [] };
    (vevent.hasProperty("recurrence-id") ? group.overrides : group.masters).push(vevent);
    byUid.set(uid, group);
  }
  if (spec) {
    problems.push(...textProblems(calendar, spec));
  }
  const name = relative(siteDir, path).split(sep).join("/");
  if (byUid.size === 0 && spec?.events !== 0 && !mayBeEmpty.has(name)) {
    problems.push("no events");
  }
  for (const [uid, { masters, overrides }] of byUid) {
    if (masters.length !== 1) {
      problems.push(`${uid}: ${masters.length} events without RECURRENCE-ID, expected 1`);
      continue;
    }
    const start = masters[0].getFirstPropertyValue("dtstart");
    if (start?.isDate) {
      const event = new ICAL.Event(masters[0]);
      const day = (t) => `${String(t.year).padStart(4, "0")}${String(t.month).padStart(2, "0")}${String(t.day).padStart(2, "0")}`;
      const days = [day(event.startDate), day(event.endDate)];
      if (JSON.stringify(due[uid]) !== JSON.stringify(days) || event.isRecurring() || overrides.length > 0) {
        problems.push(`${uid}: all-day event on ${days.join("–")}, expected ${JSON.stringify(due[uid])}`);
      }
      dueFound.add(uid);
      continue;
    }
    const ours = perFeed[key]?.[uid] ?? expected[uid];
    if (ours === undefined) {
      problems.push(`${uid}: not a session of the schedule`);
      continue;
    }
    const expansionProblems = [];
    let found;
    try {
      found = expand(masters[0], overrides, expansionProblems);
    } catch (error) {
      problems.push(`${uid}: ${error.message}`);
      continue;
    }
    problems.push(...expansionProblems.map((p) => `${uid}: ${p}`));
    const differences = compare(found, ours);
    if (differences.length > 0) {
      problems.push(`${uid}: ical.js and the schedule disagree\n${differences.join("\n")}`);
    } else if (found.length === 0) {
      problems.push(`${uid}: no occurrences`);
    }
  }
  return problems;
}

const feeds = feedsUnder(siteDir);
let passed = 0;
let failed = 0;
if (feeds.length === 0) {
  console.log(`no feeds under ${siteDir}`);
  failed += 1;
}
const written = new Set(feeds.map((path) => relative(siteDir, path).split(sep).join("/")));
for (const path of Object.keys(specs ?? {})) {
  if (!written.has(path)) {
    console.log(`FAIL ${join(siteDir, path)}\n  expected, not written`);
    failed += 1;
  }
}
for (const path of feeds) {
  const problems = checkFeed(path);
  if (problems.length === 0) {
    passed += 1;
  } else {
    failed += 1;
    console.log(`FAIL ${path}`);
    for (const problem of problems) {
      console.log(`  ${problem}`);
    }
  }
}
for (const uid of Object.keys(due)) {
  if (!dueFound.has(uid)) {
    console.log(`FAIL due event ${uid} is in no feed`);
    failed += 1;
  }
}
console.log(`ical.js ${packageJson.version}: ${feeds.length} feed(s) read`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
