"""Reads every .ics file of a built site with an independent parser
(icalendar + recurring-ical-events) and compares the occurrences it expands
with telemachy's own schedule.

Usage: check_feeds.py SITE_DIR EXPECTED_JSON

EXPECTED_JSON holds "sessions", mapping each session UID to its occurrences
as [start_utc, end_utc, status] with times as YYYYMMDDTHHMMSSZ; optionally
"feed_sessions", mapping the path of a feed (relative to SITE_DIR) to the
occurrences its own sessions hold where they differ from "sessions" (a
learner's feed leaves out the days they are away); optionally "due",
mapping the UID of each all-day event of an owner's due-date feed to its
[start_date, end_date] as YYYYMMDD; and optionally "feeds", mapping the
path of every feed (relative to SITE_DIR) to
the number of VEVENTs it holds and checks of its text: [uid, property, op,
value], where uid "" means the calendar itself and op is "equals" or
"contains" (every event of the UID) or "some-contains" (at least one).
Exits non-zero and prints every difference when the two disagree.
"""

import json
import pathlib
import sys
from datetime import datetime, timezone

import icalendar
import recurring_ical_events

# RFC 7986's NAME and the common X-WR-CALNAME are TEXT; icalendar would
# otherwise hand back their escaped form.
icalendar.TypesFactory.types_map["name"] = "text"
icalendar.TypesFactory.types_map["x-wr-calname"] = "text"


def is_day(value):
    return not isinstance(value, datetime)


def utc(value):
    if not isinstance(value, datetime):
        raise ValueError(f"all-day value {value!r}")
    if value.tzinfo is None:
        raise ValueError(f"floating time {value!r}")
    return value.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def text_problems(calendar, spec):
    """How the feed's events and text differ from its spec."""
    problems = []
    events = calendar.walk("VEVENT")
    if len(events) != spec["events"]:
        problems.append(f"{len(events)} VEVENT(s), expected {spec['events']}")
    for uid, name, op, want in spec["checks"]:
        if uid == "":
            holders = [calendar]
        else:
            holders = [e for e in events if str(e["UID"]) == uid]
        if not holders:
            problems.append(f"no event {uid} for {name}")
            continue
        values = [None if h.get(name) is None else str(h.get(name)) for h in holders]
        if op == "equals":
            good = all(v == want for v in values)
        elif op == "contains":
            good = all(v is not None and want in v for v in values)
        else:
            good = any(v is not None and want in v for v in values)
        if not good:
            problems.append(f"{uid or 'calendar'}: {name} {op} {want!r}, found {values!r}")
    return problems


def main():
    site = pathlib.Path(sys.argv[1])
    expected_file = json.loads(pathlib.Path(sys.argv[2]).read_text())
    expected = expected_file["sessions"]
    per_feed = expected_file.get("feed_sessions", {})
    due = expected_file.get("due", {})
    due_found = set()
    specs = expected_file.get("feeds")
    problems = []
    feeds = sorted(site.rglob("*.ics"))
    if not feeds:
        problems.append(f"no feeds under {site}")
    for path in feeds:
        try:
            calendar = icalendar.Calendar.from_ical(path.read_bytes())
        except ValueError as error:
            problems.append(f"{path}: does not parse: {error}")
            continue
        key = path.relative_to(site).as_posix()
        own = per_feed.get(key, {})
        if specs is not None:
            spec = specs.get(key)
            if spec is None:
                problems.append(f"{path}: a feed that was not expected")
            else:
                problems.extend(f"{path}: {p}" for p in text_problems(calendar, spec))
        found = {}
        for event in recurring_ical_events.of(calendar).between(
            datetime(1990, 1, 1, tzinfo=timezone.utc),
            datetime(2100, 1, 1, tzinfo=timezone.utc),
        ):
            uid = str(event["UID"])
            if is_day(event["DTSTART"].dt):
                days = [event["DTSTART"].dt.strftime("%Y%m%d"), event["DTEND"].dt.strftime("%Y%m%d")]
                if due.get(uid) != days:
                    problems.append(f"{path}: all-day event {uid} on {days}, expected {due.get(uid)}")
                due_found.add(uid)
                continue
            status = str(event.get("STATUS", "CONFIRMED"))
            found.setdefault(uid, []).append(
                [utc(event["DTSTART"].dt), utc(event["DTEND"].dt), status]
            )
        for uid, occurrences in found.items():
            ours = own.get(uid, expected.get(uid))
            if ours is None:
                problems.append(f"{path}: unknown UID {uid}")
                continue
            if sorted(occurrences) != sorted(ours):
                problems.append(
                    f"{path}: {uid}: parser expands {sorted(occurrences)}, "
                    f"schedule has {sorted(ours)}"
                )
        uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
        missing = uids - set(found) - due_found
        if missing:
            problems.append(f"{path}: events without occurrences: {sorted(missing)}")
    problems.extend(f"due event {uid} is in no feed" for uid in sorted(set(due) - due_found))
    if specs is not None:
        written = {path.relative_to(site).as_posix() for path in feeds}
        problems.extend(f"{site / p}: expected, not written" for p in sorted(set(specs) - written))
    for problem in problems:
        print(problem)
    print(f"{len(feeds)} feed(s) checked, {len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
