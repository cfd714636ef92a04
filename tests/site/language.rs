//! The program's language decides how dates, times and numbers are
//! written: the demo built in French writes French dates, a 24-hour clock
//! and decimal commas, while machine-readable values stay as they were.

use crate::support::{Demo, public_site, read_tree, text};

#[test]
fn the_demo_in_french_writes_french_dates_times_and_decimal_commas() {
    let demo = Demo::new();
    demo.edit("data/program.yaml", "language: en", "language: fr");
    let out = demo.dir().join("public");
    let run = demo.build(&out, "public", None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("W018"), "{}", run.stderr);
    let site = read_tree(&out);

    let spring = text(&site, "cohorts/2026-spring-data/index.html");
    assert!(
        spring.contains("6 avril 2026 – 25 septembre 2026"),
        "{spring}"
    );
    // The text is French; the datetime attribute stays ISO 8601.
    assert!(
        spring
            .contains(r#"<time datetime="2026-04-08T18:00+01:00">mer. 8 avr. 2026, 18:00</time>"#),
        "{spring}"
    );
    let winter = text(&site, "cohorts/2026-winter-teaching/index.html");
    assert!(
        winter.contains("96,7\u{a0}% (59 of 61 sessions)"),
        "{winter}"
    );
    assert!(winter.contains("(target 85\u{a0}%)"), "{winter}");
    assert!(!winter.contains("96.7%"), "{winter}");

    // Feeds: the words of names, descriptions and categories are the
    // theme's, in French; every machine-readable line is as the English
    // build's.
    let english = public_site();
    for feed in [
        "calendar/program.ics",
        "calendar/cohorts/2026-spring-data.ics",
    ] {
        let french = machine_lines(text(&site, feed));
        assert!(french.iter().any(|l| l.starts_with("DTSTART")), "{feed}");
        assert_eq!(
            french,
            machine_lines(text(english, feed)),
            "{feed}: a machine-readable line differs between the English and the French build"
        );
    }
}

/// The unfolded lines of a feed, without the properties that hold words
/// for people (names, descriptions, categories).
fn machine_lines(feed: &str) -> Vec<String> {
    const WORDS: [&str; 6] = [
        "SUMMARY",
        "DESCRIPTION",
        "NAME",
        "X-WR-CALNAME",
        "X-WR-CALDESC",
        "CATEGORIES",
    ];
    feed.replace("\r\n ", "")
        .split("\r\n")
        .filter(|line| {
            let name = line.split([':', ';']).next().unwrap_or("");
            !WORDS.contains(&name)
        })
        .map(str::to_owned)
        .collect()
}
