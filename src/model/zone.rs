//! Reading a `timezone` value: a place's zone, an old name for one, or a
//! name that only looks like a zone.
//!
//! Every session time is local time in a zone, so the zone must know the
//! daylight-saving rules of the place whose clocks the meeting follows.
//! chrono-tz accepts every name of the tz database, including names kept
//! only for compatibility: `EST` is UTC−05:00 all year, so a New York
//! program written in it drifts by an hour every summer, and `Etc/GMT+5`
//! means UTC−05:00. Those are refused, with the place a coordinator most
//! likely meant. Old or alternative names of a place (`Asia/Calcutta`,
//! `US/Eastern`) still mean the right clock, so they are read as the zone
//! they stand for, with a warning naming it.
//!
//! Which names are old comes from the tz database's own `backward` file,
//! kept verbatim in `zone/backward` from release [`BACKWARD_RELEASE`], the
//! release chrono-tz is built from (a test fails when the two drift apart;
//! replace the file with the `tz/backward` of the chrono-tz sources then).
//! chrono-tz compiles links into zones of their own and keeps no record of
//! which names are links, so the file is read here. Its links of the
//! section "Pre-2013 practice" are the places of `zone.tab` whose clocks
//! now agree with a neighbour's (`Europe/Amsterdam`, `Africa/Accra`): they
//! are current names of places and read as such.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono_tz::Tz;

/// The tz release `zone/backward` was taken from.
pub const BACKWARD_RELEASE: &str = "2025b";

const BACKWARD: &str = include_str!("zone/backward");

/// The heading of the `backward` section whose links are `zone.tab` places.
const PLACES_SECTION: &str = "# Pre-2013 practice";

/// What a `timezone` value names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    /// The zone of a place, or universal time (`UTC`, `Etc/UTC`).
    Place(Tz),
    /// An old or alternative name; the zone is the one it stands for,
    /// under its current name.
    Link(Tz),
    /// A name that is not a place's zone: an abbreviation, a POSIX-style
    /// rule or a fixed offset.
    Refused(Refusal),
    /// No zone has this name; a zone it looks like, if one does.
    Unknown(Option<Tz>),
}

/// Why a name is refused and what to write instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Refusal {
    /// What the name is, e.g. "an abbreviation".
    pub what: String,
    /// Zones of places the writer most likely meant, best first.
    pub meant: Vec<&'static str>,
    /// A remark on the name itself, e.g. that it ignores daylight saving.
    pub note: Option<String>,
}

impl Refusal {
    /// The help line: the places to write instead.
    pub(crate) fn help(&self) -> String {
        let places = match self.meant.as_slice() {
            [] => "named `Area/City`".to_string(),
            [one] => format!("such as `{one}`"),
            [first @ .., last] => format!(
                "such as {} or `{last}`",
                first
                    .iter()
                    .map(|z| format!("`{z}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let mut help = format!("write the zone of the place you mean, {places}");
        if let Some(note) = &self.note {
            help.push_str("; ");
            help.push_str(note);
        }
        help
    }
}

/// Reads a `timezone` value (already trimmed).
pub(crate) fn read(name: &str) -> Reading {
    if name == "UTC" || name == "Etc/UTC" {
        return Reading::Place(Tz::UTC);
    }
    if let Some(refusal) = refusal(name) {
        return Reading::Refused(refusal);
    }
    match name.parse::<Tz>() {
        Ok(tz) => match links().get(name) {
            Some(&current) => Reading::Link(current),
            None => Reading::Place(tz),
        },
        Err(_) => Reading::Unknown(closest(name)),
    }
}

/// A legacy name, abbreviation or offset, and the places it usually means.
struct Legacy {
    name: &'static str,
    what: &'static str,
    meant: &'static [&'static str],
    note: Option<&'static str>,
}

const fn legacy(
    name: &'static str,
    what: &'static str,
    meant: &'static [&'static str],
    note: Option<&'static str>,
) -> Legacy {
    Legacy {
        name,
        what,
        meant,
        note,
    }
}

const ABBREVIATION: &str = "an abbreviation";
const RULE: &str = "a POSIX-style rule";

/// Names that are not places' zones, matched without regard to case. The
/// first block are names the tz database still accepts for compatibility;
/// the rest are common abbreviations it does not know, listed so the help
/// can name the place instead of a lookalike zone. Abbreviations are
/// ambiguous (`IST` is used in India, Ireland and Israel), hence "such as".
#[rustfmt::skip]
const LEGACY: &[Legacy] = &[
    legacy("EST", ABBREVIATION, &["America/New_York"], Some("`EST` stays at UTC−05:00 all year")),
    legacy("MST", ABBREVIATION, &["America/Denver", "America/Phoenix"], Some("`MST` stays at UTC−07:00 all year")),
    legacy("HST", ABBREVIATION, &["Pacific/Honolulu"], None),
    legacy("CET", ABBREVIATION, &["Europe/Berlin", "Europe/Paris"], None),
    legacy("MET", ABBREVIATION, &["Europe/Berlin", "Europe/Paris"], None),
    legacy("EET", ABBREVIATION, &["Europe/Athens", "Europe/Helsinki"], None),
    legacy("WET", ABBREVIATION, &["Europe/Lisbon"], None),
    legacy("EST5EDT", RULE, &["America/New_York"], None),
    legacy("CST6CDT", RULE, &["America/Chicago"], None),
    legacy("MST7MDT", RULE, &["America/Denver"], None),
    legacy("PST8PDT", RULE, &["America/Los_Angeles"], None),
    legacy("GMT", ABBREVIATION, &["Europe/London"], Some("write `UTC` for universal time")),
    legacy("GMT0", ABBREVIATION, &["Europe/London"], Some("write `UTC` for universal time")),
    legacy("GMT+0", ABBREVIATION, &["Europe/London"], Some("write `UTC` for universal time")),
    legacy("GMT-0", ABBREVIATION, &["Europe/London"], Some("write `UTC` for universal time")),
    legacy("Greenwich", ABBREVIATION, &["Europe/London"], Some("write `UTC` for universal time")),
    legacy("Etc/Greenwich", ABBREVIATION, &["Europe/London"], Some("write `UTC` for universal time")),
    legacy("PST", ABBREVIATION, &["America/Los_Angeles"], None),
    legacy("PDT", ABBREVIATION, &["America/Los_Angeles"], None),
    legacy("MDT", ABBREVIATION, &["America/Denver"], None),
    legacy("CST", ABBREVIATION, &["America/Chicago", "Asia/Shanghai"], None),
    legacy("CDT", ABBREVIATION, &["America/Chicago"], None),
    legacy("EDT", ABBREVIATION, &["America/New_York"], None),
    legacy("AKST", ABBREVIATION, &["America/Anchorage"], None),
    legacy("AKDT", ABBREVIATION, &["America/Anchorage"], None),
    legacy("AST", ABBREVIATION, &["America/Halifax", "Asia/Riyadh"], None),
    legacy("ADT", ABBREVIATION, &["America/Halifax"], None),
    legacy("NST", ABBREVIATION, &["America/St_Johns"], None),
    legacy("NDT", ABBREVIATION, &["America/St_Johns"], None),
    legacy("BRT", ABBREVIATION, &["America/Sao_Paulo"], None),
    legacy("ART", ABBREVIATION, &["America/Argentina/Buenos_Aires"], None),
    legacy("BST", ABBREVIATION, &["Europe/London"], None),
    legacy("IST", ABBREVIATION, &["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"], None),
    legacy("WEST", ABBREVIATION, &["Europe/Lisbon"], None),
    legacy("CEST", ABBREVIATION, &["Europe/Berlin", "Europe/Paris"], None),
    legacy("EEST", ABBREVIATION, &["Europe/Athens", "Europe/Helsinki"], None),
    legacy("MSK", ABBREVIATION, &["Europe/Moscow"], None),
    legacy("WAT", ABBREVIATION, &["Africa/Lagos"], None),
    legacy("CAT", ABBREVIATION, &["Africa/Maputo"], None),
    legacy("EAT", ABBREVIATION, &["Africa/Nairobi"], None),
    legacy("SAST", ABBREVIATION, &["Africa/Johannesburg"], None),
    legacy("GST", ABBREVIATION, &["Asia/Dubai"], None),
    legacy("PKT", ABBREVIATION, &["Asia/Karachi"], None),
    legacy("ICT", ABBREVIATION, &["Asia/Bangkok"], None),
    legacy("WIB", ABBREVIATION, &["Asia/Jakarta"], None),
    legacy("SGT", ABBREVIATION, &["Asia/Singapore"], None),
    legacy("HKT", ABBREVIATION, &["Asia/Hong_Kong"], None),
    legacy("PHT", ABBREVIATION, &["Asia/Manila"], None),
    legacy("JST", ABBREVIATION, &["Asia/Tokyo"], None),
    legacy("KST", ABBREVIATION, &["Asia/Seoul"], None),
    legacy("AWST", ABBREVIATION, &["Australia/Perth"], None),
    legacy("ACST", ABBREVIATION, &["Australia/Adelaide", "Australia/Darwin"], None),
    legacy("ACDT", ABBREVIATION, &["Australia/Adelaide"], None),
    legacy("AEST", ABBREVIATION, &["Australia/Sydney", "Australia/Brisbane"], None),
    legacy("AEDT", ABBREVIATION, &["Australia/Sydney"], None),
    legacy("NZST", ABBREVIATION, &["Pacific/Auckland"], None),
    legacy("NZDT", ABBREVIATION, &["Pacific/Auckland"], None),
];

/// A place on each common standard offset, in minutes east of UTC, to
/// suggest for a fixed offset.
const BY_OFFSET: &[(i32, &[&str])] = &[
    (-600, &["Pacific/Honolulu"]),
    (-540, &["America/Anchorage"]),
    (-480, &["America/Los_Angeles"]),
    (-420, &["America/Denver"]),
    (-360, &["America/Chicago", "America/Mexico_City"]),
    (-300, &["America/New_York", "America/Bogota"]),
    (-240, &["America/Halifax", "America/Santiago"]),
    (
        -180,
        &["America/Sao_Paulo", "America/Argentina/Buenos_Aires"],
    ),
    (0, &["Europe/London", "Africa/Abidjan"]),
    (60, &["Europe/Berlin", "Africa/Lagos"]),
    (120, &["Europe/Athens", "Africa/Johannesburg"]),
    (180, &["Europe/Istanbul", "Africa/Nairobi"]),
    (210, &["Asia/Tehran"]),
    (240, &["Asia/Dubai"]),
    (270, &["Asia/Kabul"]),
    (300, &["Asia/Karachi"]),
    (330, &["Asia/Kolkata"]),
    (345, &["Asia/Kathmandu"]),
    (360, &["Asia/Dhaka"]),
    (420, &["Asia/Bangkok", "Asia/Jakarta"]),
    (480, &["Asia/Shanghai", "Asia/Singapore"]),
    (540, &["Asia/Tokyo"]),
    (570, &["Australia/Adelaide"]),
    (600, &["Australia/Sydney"]),
    (720, &["Pacific/Auckland"]),
];

fn refusal(name: &str) -> Option<Refusal> {
    if let Some(entry) = LEGACY.iter().find(|l| l.name.eq_ignore_ascii_case(name)) {
        return Some(Refusal {
            what: entry.what.to_string(),
            meant: entry.meant.to_vec(),
            note: entry.note.map(str::to_string),
        });
    }
    let minutes = offset_minutes(name)?;
    let hhmm = format!(
        "UTC{}{:02}:{:02}",
        if minutes < 0 { '−' } else { '+' },
        minutes.abs() / 60,
        minutes.abs() % 60
    );
    let mut note = format!("`{name}` is {hhmm} all year");
    if minutes == 0 {
        note.push_str("; write `UTC` for universal time");
    }
    if name.starts_with("Etc/GMT") && minutes != 0 {
        note.push_str(" (the tz database writes these offsets with the sign reversed)");
    }
    Some(Refusal {
        what: format!("a fixed offset ({hhmm})"),
        meant: BY_OFFSET
            .iter()
            .find(|(m, _)| *m == minutes)
            .map_or_else(Vec::new, |(_, zones)| zones.to_vec()),
        note: Some(note),
    })
}

/// Minutes east of UTC for an offset written as `+05:30`, `-0500`, `UTC+1`,
/// `GMT-3` or the tz database's `Etc/GMT+5` (which means UTC−05:00).
fn offset_minutes(name: &str) -> Option<i32> {
    let (rest, reversed) = if let Some(rest) = name.strip_prefix("Etc/GMT") {
        if rest.is_empty() || rest == "0" {
            return Some(0);
        }
        (rest, true)
    } else {
        let named = name
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case("UTC") || p.eq_ignore_ascii_case("GMT"));
        (name[if named { 3 } else { 0 }..].trim_start(), false)
    };
    let (sign, digits) = if let Some(d) = rest.strip_prefix('+') {
        (1, d)
    } else if let Some(d) = rest.strip_prefix('-').or_else(|| rest.strip_prefix('−')) {
        (-1, d)
    } else {
        return None;
    };
    if !digits.bytes().all(|b| b.is_ascii_digit() || b == b':') {
        return None;
    }
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() > 2 => digits.split_at(digits.len() - 2),
        None => (digits, "0"),
    };
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || !all_digits(minutes) {
        return None;
    }
    let total = hours.parse::<i32>().ok()? * 60 + minutes.parse::<i32>().ok()?;
    if total > 14 * 60 {
        return None;
    }
    Some(if reversed {
        -sign * total
    } else {
        sign * total
    })
}

/// Old or alternative names → the zone they stand for, from `backward`.
fn links() -> &'static HashMap<&'static str, Tz> {
    static LINKS: OnceLock<HashMap<&'static str, Tz>> = OnceLock::new();
    LINKS.get_or_init(|| {
        let places: Vec<&str> = parse_backward()
            .filter(|l| l.places)
            .map(|l| l.name)
            .collect();
        parse_backward()
            .filter(|l| !l.places && refusal(l.name).is_none())
            .filter_map(|l| {
                // A link to a link is written to its final target, with
                // the intended one in a comment; prefer that one when it
                // is a current name (`Iceland` → `Atlantic/Reykjavik`).
                let current = l
                    .intended
                    .filter(|t| places.contains(t))
                    .unwrap_or(l.target);
                let zone = if current == "Etc/UTC" {
                    Tz::UTC
                } else {
                    current.parse::<Tz>().ok()?
                };
                Some((l.name, zone))
            })
            .collect()
    })
}

/// One `Link` line of `backward`.
#[derive(Debug)]
struct Link {
    target: &'static str,
    name: &'static str,
    /// The target named in a `#=` comment.
    intended: Option<&'static str>,
    /// Whether it is in the section of `zone.tab` places.
    places: bool,
}

fn parse_backward() -> impl Iterator<Item = Link> {
    let mut section = "";
    let mut after_blank = true;
    BACKWARD.lines().filter_map(move |line| {
        let line = line.trim_end();
        if line.is_empty() {
            after_blank = true;
            return None;
        }
        let heading = after_blank && line.starts_with('#') && !line.starts_with("# Link");
        after_blank = false;
        if heading {
            section = line;
            return None;
        }
        let (data, comment) = line.split_once('#').unwrap_or((line, ""));
        let mut fields = data.split_whitespace();
        if fields.next() != Some("Link") {
            return None;
        }
        let target = fields.next()?;
        let name = fields.next()?;
        Some(Link {
            target,
            name,
            intended: comment.strip_prefix('=').map(str::trim),
            places: section.starts_with(PLACES_SECTION),
        })
    })
}

/// The place whose name `name` most likely misspells: the closest name
/// of a place or an old name, the old name read as its current one.
fn closest(name: &str) -> Option<Tz> {
    static NAMES: OnceLock<Vec<(String, Tz)>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        chrono_tz::TZ_VARIANTS
            .iter()
            .filter_map(|tz| match read(tz.name()) {
                Reading::Place(zone) | Reading::Link(zone) => {
                    Some((tz.name().to_ascii_lowercase(), zone))
                }
                _ => None,
            })
            .collect()
    });
    // The longest zone name has 32 characters; a value far longer is no typo.
    if name.len() > 72 {
        return None;
    }
    let given = name.to_ascii_lowercase();
    names
        .iter()
        .map(|(candidate, zone)| (strsim::jaro_winkler(&given, candidate), *zone))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, zone)| zone)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, Offset, TimeZone};

    use super::*;

    fn refused(name: &str) -> Refusal {
        match read(name) {
            Reading::Refused(r) => r,
            other => panic!("{name} was read as {other:?}"),
        }
    }

    #[test]
    fn legacy_names_are_refused_with_the_place_meant() {
        assert_eq!(refused("EST").meant, ["America/New_York"]);
        assert_eq!(refused("EST").what, "an abbreviation");
        assert_eq!(refused("CET").meant, ["Europe/Berlin", "Europe/Paris"]);
        assert_eq!(refused("EST5EDT").meant, ["America/New_York"]);
        assert_eq!(refused("EST5EDT").what, "a POSIX-style rule");
        for name in [
            "MST",
            "HST",
            "EET",
            "MET",
            "WET",
            "CST6CDT",
            "MST7MDT",
            "PST8PDT",
            "GMT",
            "Etc/GMT",
            "Etc/GMT0",
            "Greenwich",
            "cet",
            "PST",
            "CEST",
        ] {
            assert!(!refused(name).meant.is_empty(), "{name}");
        }
        assert_eq!(
            refused("CET").help(),
            "write the zone of the place you mean, such as \
             `Europe/Berlin` or `Europe/Paris`"
        );
    }

    #[test]
    fn fixed_offsets_are_refused_and_etc_signs_read_reversed() {
        let etc = refused("Etc/GMT+5");
        assert_eq!(etc.what, "a fixed offset (UTC−05:00)");
        assert_eq!(etc.meant, ["America/New_York", "America/Bogota"]);
        assert_eq!(refused("Etc/GMT-14").what, "a fixed offset (UTC+14:00)");
        assert_eq!(refused("+05:30").meant, ["Asia/Kolkata"]);
        assert_eq!(refused("UTC+1").what, "a fixed offset (UTC+01:00)");
        assert_eq!(refused("GMT-0300").what, "a fixed offset (UTC−03:00)");
        assert!(matches!(read("+5:30:00"), Reading::Unknown(_)));
        assert!(matches!(read("+é1"), Reading::Unknown(_)));
        assert!(matches!(read("UTC+٣"), Reading::Unknown(_)));
    }

    #[test]
    fn old_names_read_as_the_zone_they_stand_for() {
        for (old, current) in [
            ("Asia/Calcutta", "Asia/Kolkata"),
            ("US/Eastern", "America/New_York"),
            ("Europe/Kiev", "Europe/Kyiv"),
            ("America/Buenos_Aires", "America/Argentina/Buenos_Aires"),
            ("Iceland", "Atlantic/Reykjavik"),
            ("Australia/ACT", "Australia/Sydney"),
            ("Zulu", "UTC"),
        ] {
            match read(old) {
                Reading::Link(zone) => assert_eq!(zone.name(), current, "{old}"),
                other => panic!("{old} was read as {other:?}"),
            }
        }
    }

    #[test]
    fn places_and_universal_time_are_read_as_written() {
        for name in [
            "Europe/Berlin",
            "Asia/Kolkata",
            "America/Sao_Paulo",
            "Europe/Amsterdam",
            "Europe/Stockholm",
            "Africa/Accra",
            "UTC",
        ] {
            assert!(matches!(read(name), Reading::Place(_)), "{name}");
        }
        assert_eq!(read("Etc/UTC"), Reading::Place(Tz::UTC));
    }

    #[test]
    fn a_misspelling_suggests_the_current_name_of_the_place() {
        assert_eq!(
            read("Asia/Calcuta"),
            Reading::Unknown(Some(Tz::Asia__Kolkata))
        );
        assert_eq!(
            read("Europe/Kiev2"),
            Reading::Unknown(Some(Tz::Europe__Kyiv))
        );
        assert_eq!(
            read("europe/berlin"),
            Reading::Unknown(Some(Tz::Europe__Berlin))
        );
        assert_eq!(
            read("Europe/Madird"),
            Reading::Unknown(Some(Tz::Europe__Madrid))
        );
        assert_eq!(read("Mars/Olympus_Mons"), Reading::Unknown(None));
        assert_eq!(read(&"Europe/Londn".repeat(1000)), Reading::Unknown(None));
    }

    #[test]
    fn every_suggestion_is_a_place() {
        let suggested = LEGACY
            .iter()
            .flat_map(|l| l.meant)
            .chain(BY_OFFSET.iter().flat_map(|(_, zones)| *zones));
        for name in suggested {
            assert!(matches!(read(name), Reading::Place(_)), "{name}");
        }
        for zone in links().values() {
            assert!(matches!(read(zone.name()), Reading::Place(_)), "{zone}");
        }
    }

    #[test]
    fn the_link_table_is_the_one_chrono_tz_was_built_from() {
        assert_eq!(
            chrono_tz::IANA_TZDB_VERSION,
            BACKWARD_RELEASE,
            "chrono-tz moved to another tz release: replace src/model/zone/backward \
             with its tz/backward"
        );
        let all: Vec<Link> = parse_backward().collect();
        assert!(all.len() > 200, "{} links", all.len());
        assert!(all.iter().any(|l| l.places && l.name == "Europe/Amsterdam"));
        for link in all {
            let (Ok(name), Ok(target)) = (link.name.parse::<Tz>(), link.target.parse::<Tz>())
            else {
                panic!("chrono-tz does not know {link:?}");
            };
            for year in 1970..2038 {
                for month in [1, 7] {
                    let Some(at) = NaiveDate::from_ymd_opt(year, month, 1)
                        .and_then(|d| d.and_hms_opt(12, 0, 0))
                    else {
                        panic!("{year}-{month}-01 is a date");
                    };
                    assert_eq!(
                        name.offset_from_utc_datetime(&at).fix(),
                        target.offset_from_utc_datetime(&at).fix(),
                        "{link:?} at {at}"
                    );
                }
            }
        }
    }
}
