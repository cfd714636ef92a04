//! The web addresses a program publishes: its `base_url` (or `--base-url`)
//! and the meeting links of its sessions.
//!
//! Both are written into places where one stray character changes what the
//! file says: a line break in an iCalendar `URL` starts a new property (or a
//! whole new event), in `robots.txt` a new rule; a `javascript:` address on
//! a page runs script when it is followed. So they are read once, here, and
//! only an absolute `http`/`https` URL of printable characters gets through.
//! The rules are few and strict on purpose: a general URL parser (WHATWG's)
//! would quietly drop tabs and line breaks and accept `\` for `/`, which is
//! the leniency this guards against.

use std::fmt;

/// What is wrong with an address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    /// A control character (a line break, a tab, NUL, …) at a 1-based
    /// character position.
    Control(char, usize),
    /// A space or other whitespace at a 1-based character position.
    Whitespace(char, usize),
    /// A character a URL never holds unencoded (`"`, `<`, `>`, `\`, `^`,
    /// `` ` ``, `{`, `|`, `}`) at a 1-based character position.
    Forbidden(char, usize),
    /// The address does not start with `http://` or `https://`.
    NotWeb,
    /// Nothing follows `://`.
    NoHost,
    /// A base URL with a `?query` or `#fragment`, which page paths cannot
    /// follow.
    QueryOrFragment,
    /// A base URL with `user@` (or `user:password@`) before its host.
    Credentials,
}

impl UrlProblem {
    /// What to do about it.
    pub fn help(&self) -> &'static str {
        match self {
            UrlProblem::Control(..) | UrlProblem::Whitespace(..) => {
                "an address is one line without spaces: remove it, or write a space as `%20`"
            }
            UrlProblem::Forbidden(..) => {
                "percent-encode it: `%` and its two hex digits, e.g. `%22` for `\"`"
            }
            UrlProblem::NotWeb | UrlProblem::NoHost => {
                "write an absolute address such as `https://mentoring.example.org/`"
            }
            UrlProblem::QueryOrFragment => {
                "drop the `?…` or `#…`: the site's page paths are added after the base URL"
            }
            UrlProblem::Credentials => {
                "drop the `user@`: a published address must not carry credentials"
            }
        }
    }
}

/// A character as a reader can recognise it: its code point and, for the
/// common invisible ones, its name.
fn describe(c: char) -> String {
    let name = match c {
        '\n' => " (a line feed)",
        '\r' => " (a carriage return)",
        '\t' => " (a tab)",
        '\0' => " (NUL)",
        ' ' => " (a space)",
        '\u{a0}' => " (a no-break space)",
        _ if c.is_control() || c.is_whitespace() => "",
        _ => return format!("`{c}`"),
    };
    format!("U+{:04X}{name}", u32::from(c))
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlProblem::Control(c, at) => {
                write!(
                    f,
                    "holds a control character, {}, at character {at}",
                    describe(*c)
                )
            }
            UrlProblem::Whitespace(c, at) => {
                write!(f, "holds whitespace, {}, at character {at}", describe(*c))
            }
            UrlProblem::Forbidden(c, at) => write!(
                f,
                "holds {}, which a URL never holds unencoded, at character {at}",
                describe(*c)
            ),
            UrlProblem::NotWeb => f.write_str("is not an absolute http:// or https:// address"),
            UrlProblem::NoHost => f.write_str("has no host after `://`"),
            UrlProblem::QueryOrFragment => f.write_str("has a `?query` or `#fragment`"),
            UrlProblem::Credentials => f.write_str("carries a user name before its host"),
        }
    }
}

impl std::error::Error for UrlProblem {}

/// The length of the `http://` or `https://` that starts `value`, in any
/// case.
fn scheme_len(value: &str) -> Option<usize> {
    ["https://", "http://"].into_iter().find_map(|scheme| {
        value
            .get(..scheme.len())
            .filter(|start| start.eq_ignore_ascii_case(scheme))
            .map(|_| scheme.len())
    })
}

/// Checks that `value` is an absolute `http`/`https` URL with a host, made
/// only of characters a URL may hold as they are.
pub fn check_web_url(value: &str) -> Result<(), UrlProblem> {
    for (i, c) in value.chars().enumerate() {
        if c.is_control() {
            return Err(UrlProblem::Control(c, i + 1));
        }
        if c.is_whitespace() {
            return Err(UrlProblem::Whitespace(c, i + 1));
        }
        if matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}') {
            return Err(UrlProblem::Forbidden(c, i + 1));
        }
    }
    let scheme = scheme_len(value).ok_or(UrlProblem::NotWeb)?;
    let host = value[scheme..].split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.starts_with(['@', ':']) {
        return Err(UrlProblem::NoHost);
    }
    Ok(())
}

/// Where a site is published: an absolute `http`/`https` URL without query,
/// fragment or credentials, with a lowercase scheme and a final `/`, so
/// page paths can be appended to it as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Reads a base URL as written in `program.yaml` or on the command line.
    pub fn parse(value: &str) -> Result<BaseUrl, UrlProblem> {
        check_web_url(value)?;
        if value.contains(['?', '#']) {
            return Err(UrlProblem::QueryOrFragment);
        }
        let scheme = scheme_len(value).unwrap_or(0);
        let rest = &value[scheme..];
        let authority = rest.split('/').next().unwrap_or("");
        if authority.contains('@') {
            return Err(UrlProblem::Credentials);
        }
        let mut url = value[..scheme].to_ascii_lowercase();
        url.push_str(rest);
        if !url.ends_with('/') {
            url.push('/');
        }
        Ok(BaseUrl(url))
    }

    /// The URL, ending in `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_base_urls_are_kept_with_a_final_slash() {
        let url = |s| BaseUrl::parse(s).map(|u| u.to_string());
        assert_eq!(
            url("https://mentoring.example.org/"),
            Ok("https://mentoring.example.org/".to_string())
        );
        assert_eq!(
            url("HTTP://example.org:8080/mentoring"),
            Ok("http://example.org:8080/mentoring/".to_string())
        );
        assert_eq!(
            url("https://bücher.example/%C3%A9t%C3%A9/"),
            Ok("https://bücher.example/%C3%A9t%C3%A9/".to_string())
        );
    }

    #[test]
    fn line_breaks_whitespace_and_controls_are_refused_where_they_are() {
        let problem = |s| BaseUrl::parse(s).err();
        assert_eq!(
            problem("https://example.org/\r\nBEGIN:VEVENT"),
            Some(UrlProblem::Control('\r', 21))
        );
        assert_eq!(
            problem("https://example.org/\nDisallow:"),
            Some(UrlProblem::Control('\n', 21))
        );
        assert_eq!(
            problem(" https://example.org/"),
            Some(UrlProblem::Whitespace(' ', 1))
        );
        assert_eq!(
            problem("https://exa\u{a0}mple.org/"),
            Some(UrlProblem::Whitespace('\u{a0}', 12))
        );
        assert_eq!(
            problem("https://example.org/\u{85}"),
            Some(UrlProblem::Control('\u{85}', 21))
        );
        assert_eq!(
            problem("https://example.org/\"><script>"),
            Some(UrlProblem::Forbidden('"', 21))
        );
        let message = UrlProblem::Control('\n', 21).to_string();
        assert!(message.contains("U+000A (a line feed)"), "{message}");
    }

    #[test]
    fn only_absolute_web_addresses_are_base_urls() {
        let problem = |s| BaseUrl::parse(s).err();
        assert_eq!(problem("javascript:alert(1)//"), Some(UrlProblem::NotWeb));
        assert_eq!(problem("JavaScript:alert(1)"), Some(UrlProblem::NotWeb));
        assert_eq!(problem("data:text/html,hi"), Some(UrlProblem::NotWeb));
        assert_eq!(problem("mentoring.example.org"), Some(UrlProblem::NotWeb));
        assert_eq!(problem("/mentoring/"), Some(UrlProblem::NotWeb));
        assert_eq!(problem("//example.org/"), Some(UrlProblem::NotWeb));
        assert_eq!(problem("https://"), Some(UrlProblem::NoHost));
        assert_eq!(problem("https:///path"), Some(UrlProblem::NoHost));
        assert_eq!(
            problem("https://example.org/?a=1"),
            Some(UrlProblem::QueryOrFragment)
        );
        assert_eq!(
            problem("https://example.org/#top"),
            Some(UrlProblem::QueryOrFragment)
        );
        assert_eq!(
            problem("https://user:secret@example.org/"),
            Some(UrlProblem::Credentials)
        );
    }

    #[test]
    fn meeting_links_may_carry_a_query() {
        assert_eq!(
            check_web_url("https://meet.example.org/j/123?pwd=abc#join"),
            Ok(())
        );
        assert_eq!(
            check_web_url("javascript:alert(1)"),
            Err(UrlProblem::NotWeb)
        );
        assert_eq!(
            check_web_url("https://meet.example.org/\nBEGIN:VEVENT"),
            Err(UrlProblem::Control('\n', 26))
        );
    }
}
