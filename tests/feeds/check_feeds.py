"""Reads every .ics file of a built site with an independent parser
(icalendar + recurring-ical-events) and compares the occurrences it expands
with telemachy's own schedule.

Usage: check_feeds.py SITE_DIR EXPECTED_JSON

EXPECTED_JSON maps each session UID to its occurrences as
[start_utc, end_utc, status] with times as YYYYMMDDTHHMMSSZ. Exits non-zero
and prints every difference when the two disagree.
"""

import json
import pathlib
import sys
from datetime import datetime, timezone

import icalendar
import recurring_ical_events


def utc(value):
    if not isinstance(value, datetime):
        raise ValueError(f"all-day value {value!r}")
    if value.tzinfo is None:
        raise ValueError(f"floating time {value!r}")
    return value.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def main():
    site = pathlib.Path(sys.argv[1])
    expected = json.loads(pathlib.Path(sys.argv[2]).read_text())
    problems = []
    feeds = sorted(site.rglob("*.ics"))
    if not feeds:
        problems.append(f"no feeds under {site}")
    for path in feeds:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        found = {}
        for event in recurring_ical_events.of(calendar).between(
            datetime(1990, 1, 1, tzinfo=timezone.utc),
            datetime(2100, 1, 1, tzinfo=timezone.utc),
        ):
            uid = str(event["UID"])
            status = str(event.get("STATUS", "CONFIRMED"))
            found.setdefault(uid, []).append(
                [utc(event["DTSTART"].dt), utc(event["DTEND"].dt), status]
            )
        for uid, occurrences in found.items():
            ours = expected.get(uid)
            if ours is None:
                problems.append(f"{path}: unknown UID {uid}")
                continue
            if sorted(occurrences) != sorted(ours):
                problems.append(
                    f"{path}: {uid}: parser expands {sorted(occurrences)}, "
                    f"schedule has {sorted(ours)}"
                )
        uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
        missing = uids - set(found)
        if missing:
            problems.append(f"{path}: events without occurrences: {sorted(missing)}")
    for problem in problems:
        print(problem)
    print(f"{len(feeds)} feed(s) checked, {len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
