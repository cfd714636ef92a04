//! A string as files write it: the escaped forms a page may use, feeds
//! unfolded, whole words, and e-mail addresses outside code and outside
//! domains reserved for examples.

/// The ways a page may write a text: as is, escaped for HTML or XML by
/// the templates (`&#39;`), by Markdown (quotes left alone) or by XML
/// (`&apos;`), and escaped for JSON.
pub(super) fn forms_of(text: &str) -> Vec<String> {
    let entity = |quote: &'static str, apostrophe: Option<&'static str>| {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match (c, apostrophe) {
                ('&', _) => out.push_str("&amp;"),
                ('<', _) => out.push_str("&lt;"),
                ('>', _) => out.push_str("&gt;"),
                ('"', _) => out.push_str(quote),
                ('\'', Some(a)) => out.push_str(a),
                _ => out.push(c),
            }
        }
        out
    };
    let json = serde_json::to_string(text).unwrap_or_default();
    let mut forms = vec![
        text.to_string(),
        entity("&quot;", Some("&#39;")),
        entity("&quot;", Some("&apos;")),
        entity("&quot;", Some("&#x27;")),
        entity("\"", None),
        json.get(1..json.len().saturating_sub(1))
            .unwrap_or_default()
            .to_string(),
    ];
    forms.sort();
    forms.dedup();
    forms.retain(|f| !f.is_empty());
    forms
}

/// A feed as its reader sees the text: lines unfolded and TEXT escapes
/// undone, so a name folded across two lines or with an escaped comma is
/// still one string.
pub(super) fn ics_plain(feed: &str) -> String {
    let unfolded = feed.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = String::with_capacity(unfolded.len());
    let mut chars = unfolded.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Whether `text[start..end]` stands as whole words: not preceded or
/// followed by a letter, digit, `_` or `-` where it itself begins or ends
/// with one (so `Ann` is not found in `Annual`, nor `ana-lima` in
/// `ana-lima-2`).
pub(super) fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let (Some(inner), Some(before), Some(after)) =
        (text.get(start..end), text.get(..start), text.get(end..))
    else {
        return false;
    };
    let open = inner.chars().next().is_some_and(is_word);
    let close = inner.chars().next_back().is_some_and(is_word);
    let joined_before = open && before.chars().next_back().is_some_and(is_word);
    let joined_after = close && after.chars().next().is_some_and(is_word);
    !(joined_before || joined_after)
}

fn local_part(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn domain_part(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

/// The e-mail address whose `@` is at byte `at`, as a byte range, if the
/// text around it has the shape of one: a local part, and a domain of two
/// or more labels ending in letters.
pub(super) fn address_around(text: &str, at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut start = at;
    while start > 0 && at - start < 64 && local_part(bytes[start - 1]) {
        start -= 1;
    }
    while start < at && bytes[start] == b'.' {
        start += 1;
    }
    let mut end = at + 1;
    while end < bytes.len() && end - at < 256 && domain_part(bytes[end]) {
        end += 1;
    }
    while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
        end -= 1;
    }
    let domain = text.get(at + 1..end)?;
    let labels: Vec<&str> = domain.split('.').collect();
    let tld = labels.last()?;
    let shaped = start < at
        && labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic());
    shaped.then_some((start, end))
}

/// The addresses written in a text, lower-cased.
pub(super) fn addresses_in(text: &str) -> Vec<String> {
    text.match_indices('@')
        .filter_map(|(at, _)| address_around(text, at))
        .map(|(s, e)| text[s..e].to_lowercase())
        .collect()
}

/// Domains reserved for documentation and tests (RFC 2606, RFC 6761): no
/// one's mailbox.
pub(super) fn reserved_domain(address: &str) -> bool {
    let domain = address.rsplit('@').next().unwrap_or_default();
    let tld = domain.rsplit('.').next().unwrap_or_default();
    matches!(tld, "example" | "test" | "invalid" | "localhost")
        || ["example.com", "example.net", "example.org"]
            .iter()
            .any(|d| domain == *d || domain.ends_with(&format!(".{d}")))
}

/// Whether byte `at` of an HTML page is inside a `<code>` element.
pub(super) fn inside_code(html: &str, at: usize) -> bool {
    let before = html.get(..at).unwrap_or_default();
    match (before.rfind("<code"), before.rfind("</code>")) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}
