//! The figures' views and exports, and what a public build withholds.

use super::charts_view::*;
use super::*;

fn week(week: u32, numerator: u32, denominator: u32, learners: u32) -> WeekRate {
    WeekRate {
        week,
        rate: Rate {
            numerator,
            denominator,
            learners,
        },
    }
}

#[test]
fn a_week_about_fewer_learners_than_the_minimum_is_withheld_in_public_only() {
    let weeks = [week(1, 9, 10, 5), week(2, 3, 4, 4), week(3, 0, 0, 0)];
    let public = Gate {
        audience: Audience::Public,
        min: 5,
        locale: Locale::ENGLISH,
    };
    let staff = Gate {
        audience: Audience::Staff,
        ..public
    };
    assert_eq!(
        weekly_points(&weeks, public),
        [(1, Some(90.0)), (2, None), (3, None)]
    );
    assert_eq!(
        week_rows(&weeks, public),
        [
            vec!["1", "90", "9", "10"],
            vec!["2", WITHHELD, "", ""],
            vec!["3", "–", "0", "0"],
        ]
    );
    assert_eq!(weekly_points(&weeks, staff)[1], (2, Some(75.0)));
    assert_eq!(week_rows(&weeks, staff)[1], ["2", "75", "3", "4"]);
}

const PUBLIC: Gate = Gate {
    audience: Audience::Public,
    min: 5,
    locale: Locale::ENGLISH,
};

#[test]
fn counts_of_people_and_their_differences_are_none_or_at_least_the_minimum() {
    assert!(PUBLIC.admits(&[0, 5], &[14]));
    assert!(PUBLIC.admits(&[14], &[14]));
    assert!(!PUBLIC.admits(&[3], &[14]), "three people");
    assert!(!PUBLIC.admits(&[12], &[14]), "the two others");
    assert!(!PUBLIC.admits(&[7, 9], &[20]), "the numerator's complement");
    assert!(PUBLIC.admits(&[7, 12], &[20]));
    let staff = Gate {
        audience: Audience::Staff,
        ..PUBLIC
    };
    assert!(staff.admits(&[1, 2], &[3]));
}

#[test]
fn a_share_of_people_goes_whole_or_not_at_all() {
    let share = |numerator, denominator| Rate {
        numerator,
        denominator,
        learners: denominator,
    };
    let (cell, value) = people_share(&share(13, 15), &[16], PUBLIC);
    assert_eq!((cell.text.as_str(), value), (WITHHELD, None));
    let (cell, value) = people_share(&share(5, 12), &[12], PUBLIC);
    assert_eq!(cell.text, "41.7% (5 of 12)");
    assert_eq!((cell.people.as_str(), cell.within.as_str()), ("5 12", "12"));
    assert!(value.is_some());
}

#[test]
fn what_a_split_withholds_adds_up_to_none_or_the_minimum() {
    // 20 learners: 10 active, 7 graduated, 3 paused. The 3 are withheld;
    // shown beside 10 and 20, the 7 would give them away, so it goes too.
    assert_eq!(
        partition(PUBLIC, &[20], &[10, 3, 7, 0]),
        [true, false, false, true]
    );
    // 14: 10 active is within 4 of the whole.
    assert_eq!(
        partition(PUBLIC, &[14], &[10, 2, 0, 2]),
        [false, false, true, false]
    );
}

#[test]
fn the_status_table_shows_counts_of_fewer_than_the_minimum_as_such() {
    let figures = Figures {
        learners: 14,
        statuses: crate::derive::metrics::Statuses {
            active: 10,
            paused: 2,
            graduated: 0,
            withdrawn: 2,
        },
        ..Figures::default()
    };
    let texts: Vec<String> = statuses(&figures, PUBLIC)
        .iter()
        .map(|row| {
            row["value"]["text"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(texts, ["14", WITHHELD, "fewer than 5", "0", "fewer than 5"]);
}

#[test]
fn a_retention_week_is_held_against_the_weeks_before_it() {
    // 20 matched: 20 of 20, 19 of 20 (one left), 14 of 18, 9 of 14.
    let figures = Figures {
        learners: 20,
        retention: vec![
            week(1, 20, 20, 20),
            week(2, 19, 20, 20),
            week(3, 14, 18, 18),
            week(4, 9, 14, 14),
        ],
        ..Figures::default()
    };
    let (points, rows) = retention(&figures, Some(20), PUBLIC);
    let shown: Vec<bool> = points.iter().map(|(_, v)| v.is_some()).collect();
    // Week 3's 18 followed is 2 short of week 1's 20.
    assert_eq!(shown, [true, false, false, true]);
    assert_eq!(rows[3][2].within, "14 20");
}

#[test]
fn shares_name_what_they_count_when_it_is_not_people() {
    let gate = Gate {
        audience: Audience::Public,
        min: 5,
        locale: Locale::ENGLISH,
    };
    let rate = Rate {
        numerator: 59,
        denominator: 62,
        learners: 14,
    };
    assert_eq!(rate_text(&rate, gate), "95.2% (59 of 62)");
    assert_eq!(
        rate_of(&rate, gate, " sessions"),
        "95.2% (59 of 62 sessions)"
    );
    let small = Rate {
        learners: 4,
        ..rate
    };
    assert_eq!(rate_text(&small, gate), "withheld");
}
