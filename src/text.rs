//! Text helpers every stage may use: the lowest layer, importing nothing
//! from the crate.

/// The closest allowed name, if one is close enough to be a likely typo.
///
/// A name more than twice as long as a candidate (plus a few characters) is
/// no typo of it and is not compared: the comparison takes time in the
/// product of the lengths, and a value may be a megabyte long.
pub(crate) fn suggest<'a>(given: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .filter(|candidate| given.len() <= 2 * candidate.len() + 8)
        .map(|candidate| (strsim::jaro_winkler(given, candidate), *candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// Appends `text` escaped for HTML text and attribute values.
pub(crate) fn escape_html(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..i]);
        let entity = match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        };
        out.push_str(entity);
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_far_longer_than_every_name_is_no_typo() {
        let zones = ["Europe/London", "America/New_York"];
        assert_eq!(suggest("Europe/Londn", &zones), Some("Europe/London"));
        assert_eq!(suggest(&"Europe/Londn".repeat(3), &zones), None);
        assert_eq!(suggest(&"Europe/Londn".repeat(100_000), &zones), None);
    }
}
