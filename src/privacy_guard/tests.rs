use super::trace::{defines_someone, line_and_column};
use super::*;
use crate::testing::{example, example_with};

const ADA: &str = "data/learners/ada-example.yaml";

/// The leaks of a site whose files are `pages`, for the example program
/// with Ada's file changed by `edit`.
fn leaks_in(edit: (&str, &str), pages: &[(&str, &str)], secret: Option<&Secret>) -> Vec<String> {
    let ada = example(ADA).replace(edit.0, edit.1);
    let program = example_with(&[(ADA, ada)]);
    let guard = Guard::new(&program, secret).unwrap_or_else(|d| panic!("{}", d.message));
    let mut site = Site::new();
    for (path, text) in pages {
        site.insert(*path, *text);
    }
    let leaks = guard
        .scan(&site)
        .unwrap_or_else(|d| panic!("{}", d.message));
    leaks
        .iter()
        .flat_map(|(leak, files)| {
            let what = guard.text_of(leak).to_string();
            files.iter().map(move |f| format!("{f}: {what}"))
        })
        .collect()
}

const NO_CHANGE: (&str, &str) = ("", "");

#[test]
fn a_name_is_published_only_where_its_learner_agreed() {
    let pages = [
        ("cohorts/first-cohort/index.html", "<li>Ada Example</li>"),
        ("index.html", "<td>Welcome, Ada Example!</td>"),
        (
            "calendar/program.ics",
            "SUMMARY:Demo by Ada Exa\r\n mple\r\n",
        ),
    ];
    let listed = (
        "public_profile: false",
        "public_profile: false\n  listed_in_cohort: true",
    );
    assert_eq!(
        leaks_in(listed, &pages, None),
        [
            "calendar/program.ics: Ada Example",
            "index.html: Ada Example"
        ],
        "listed in the cohort: on its page only, and found across a folded feed line"
    );
    assert_eq!(leaks_in(NO_CHANGE, &pages, None).len(), 3);
    let public = ("public_profile: false", "public_profile: true");
    assert!(leaks_in(public, &pages, None).is_empty());
}

#[test]
fn the_goal_and_id_are_found_and_a_word_in_a_word_is_not() {
    let pages = [
        (
            "search-index.json",
            "[{\"summary\":\"Build and publish a small data project I can show to employers.\"}]",
        ),
        (
            "pages/a/index.html",
            "<a href=\"/learners/ada-example/\">x</a>",
        ),
        (
            "pages/b/index.html",
            "Adaptive Example-based ada-example-2 Ada Examples",
        ),
    ];
    assert_eq!(
        leaks_in(NO_CHANGE, &pages, None),
        [
            "search-index.json: Build and publish a small data project I can show to employers.",
            "pages/a/index.html: ada-example",
        ]
    );
}

#[test]
fn a_capability_page_shows_its_own_learner_only() {
    let secret = Secret::new("0123456789abcdef0123456789abcdef").unwrap();
    let own = format!(
        "p/{}/index.html",
        secret.token(capability::LEARNER_PAGE, "ada-example")
    );
    let other = format!(
        "p/{}/index.html",
        secret.token(capability::LEARNER_PAGE, "someone")
    );
    let pages = [
        (own.as_str(), "<h1>Ada Example</h1> with Tomás Example"),
        (other.as_str(), "<h1>Ada Example</h1>"),
    ];
    assert_eq!(
        leaks_in(NO_CHANGE, &pages, Some(&secret)),
        [format!("{other}: Ada Example")]
    );
}

#[test]
fn addresses_are_found_unless_public_or_no_ones() {
    let ada = ("consent:", "email: ada@mail.example\nconsent:");
    let pages = [
        (
            "privacy/index.html",
            "Ask coordinator@example.org or <code>git@github.com:x</code>",
        ),
        (
            "pages/a/index.html",
            "<p>Write to someone@gmail.com or help@example.com</p>",
        ),
        (
            "pages/b/index.html",
            "<pre><code>ada@mail.example</code></pre>",
        ),
        (
            "calendar/program.ics",
            "DESCRIPTION:Mail grace@example.org\r\n",
        ),
    ];
    assert_eq!(
        leaks_in(ada, &pages, None),
        [
            "pages/b/index.html: ada@mail.example",
            "calendar/program.ics: grace@example.org",
            "pages/a/index.html: someone@gmail.com",
        ]
    );
}

#[test]
fn names_are_found_as_whole_words_only() {
    let text = "Annual report by Ann, and Ann-Marie; Ann.";
    let at = |needle: &str, from: usize| text[from..].find(needle).map(|i| i + from);
    let first = at("Ann", 0).unwrap_or_default();
    assert!(!whole_word(text, first, first + 3), "inside Annual");
    let second = at("Ann", first + 1).unwrap_or_default();
    assert!(whole_word(text, second, second + 3), "Ann,");
    let third = at("Ann", second + 1).unwrap_or_default();
    assert!(!whole_word(text, third, third + 3), "Ann-Marie");
    let last = text.rfind("Ann").unwrap_or_default();
    assert!(whole_word(text, last, last + 3), "Ann.");
}

#[test]
fn a_goal_ending_in_a_full_stop_is_found_before_anything() {
    let text = "<p>Lead a small piece of work.Next</p>";
    let start = text.find("Lead").unwrap_or_default();
    let end = start + "Lead a small piece of work.".len();
    assert!(whole_word(text, start, end));
}

#[test]
fn a_folded_and_escaped_feed_line_reads_as_one_text() {
    let feed = "SUMMARY:Pairing with Lena Fis\r\n cher\\, Omar\\; and \\\\ more\\nnext\r\n";
    assert_eq!(
        ics_plain(feed),
        "SUMMARY:Pairing with Lena Fischer, Omar; and \\ more\nnext\r\n"
    );
}

#[test]
fn addresses_have_a_local_part_and_a_dotted_domain() {
    let text = "Write to <a href=\"mailto:Ines.Moreau@Mail.example.org\">us</a>, \
                    not @media or user@localhost or deco@2.0; end.";
    assert_eq!(addresses_in(text), ["ines.moreau@mail.example.org"]);
    assert_eq!(addresses_in("(lena@school.ac.uk)."), ["lena@school.ac.uk"]);
    assert!(addresses_in("@property and a@b").is_empty());
}

#[test]
fn reserved_domains_are_nobodys_mailbox() {
    assert!(reserved_domain("help@example.org"));
    assert!(reserved_domain("x@mail.example.com"));
    assert!(reserved_domain("privacy@northbridge.example"));
    assert!(!reserved_domain("lena@examples.org"));
    assert!(!reserved_domain("lena@gmail.com"));
}

#[test]
fn code_is_told_from_text() {
    let html = "<p>a@b.org</p><pre><code>git clone git@github.com:x/y</code></pre><p>c@d.org";
    assert!(!inside_code(html, html.find("a@b").unwrap_or_default() + 1));
    assert!(inside_code(html, html.find("git@").unwrap_or_default() + 3));
    assert!(!inside_code(html, html.find("c@d").unwrap_or_default() + 1));
}

#[test]
fn forms_cover_the_escapes_of_pages_and_data() {
    let forms = forms_of("Liam O'Brien \"Li\"");
    for form in [
        "Liam O'Brien \"Li\"",
        "Liam O&#39;Brien &quot;Li&quot;",
        "Liam O&apos;Brien &quot;Li&quot;",
        "Liam O&#x27;Brien &quot;Li&quot;",
        "Liam O'Brien \\\"Li\\\"",
    ] {
        assert!(forms.iter().any(|f| f == form), "{form} not in {forms:?}");
    }
    assert_eq!(forms_of("Lena Fischer"), ["Lena Fischer"]);
}

#[test]
fn capability_directories_are_the_first_two_segments() {
    assert_eq!(capability_dir("p/abc/index.html"), Some("p/abc/"));
    assert_eq!(capability_dir("p/abc/calendar.ics"), Some("p/abc/"));
    assert_eq!(capability_dir("paths/x/index.html"), None);
    assert_eq!(capability_dir("p/"), None);
}

#[test]
fn definitions_are_told_from_quotations() {
    assert!(defines_someone("name: Lena Fischer"));
    assert!(defines_someone("  - id: lena-fischer"));
    assert!(defines_someone("    email: lena@x.org"));
    assert!(!defines_someone("    title: Pairing with Lena Fischer"));
}

#[test]
fn lines_and_columns_count_characters() {
    let text = "a: 1\ntitle: Café with Lena\n";
    let at = text.find("Lena").unwrap_or_default();
    assert_eq!(line_and_column(text, at), (2, 18, "title: Café with Lena"));
}
