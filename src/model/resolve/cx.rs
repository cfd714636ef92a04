//! The context threaded through resolution, and the checks of single
//! values (ids, dates, zones, ranges) it reports on.

use super::*;

/// The context threaded through resolution: files for locations, the
/// diagnostics found so far, and what is left out.
pub(super) struct Cx {
    pub(super) files: Files,
    pub(super) out: Vec<Diagnostic>,
    /// What files that failed to load and records left out may have held.
    pub(super) gaps: Gaps,
    /// How many values have been left out so far, because they could not
    /// be read or name a record that is not there.
    pub(super) dropped: usize,
    /// The ids those values mention, since the record being resolved began.
    pub(super) mentions: Vec<String>,
}

impl Cx {
    pub(super) fn new(files: Files, gaps: Gaps) -> Cx {
        Cx {
            files,
            out: Vec::new(),
            gaps,
            dropped: 0,
            mentions: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    /// Starts a record: returns a mark for [`Cx::lost_since`].
    pub(super) fn begin(&mut self) -> usize {
        self.mentions.clear();
        self.dropped
    }

    /// Whether a value was left out since `mark`.
    pub(super) fn lost_since(&self, mark: usize) -> bool {
        self.dropped > mark
    }

    /// Notes a value left out, and the ids it mentions.
    pub(super) fn drop_value<S: Into<String>>(&mut self, ids: impl IntoIterator<Item = S>) {
        self.dropped += 1;
        self.mentions.extend(ids.into_iter().map(Into::into));
    }

    /// Notes that a record of `kind`, or part of one, is left out: it
    /// mentions `ids` and whatever its values left out mention.
    pub(super) fn leave_out(&mut self, kind: Kind, ids: impl IntoIterator<Item = String>) {
        let mentions = std::mem::take(&mut self.mentions);
        self.gaps.leave_out(kind, ids.into_iter().chain(mentions));
    }

    pub(super) fn loc<T>(&self, file: FileId, value: &Sp<T>) -> crate::diagnostic::Location {
        self.files.locate(file, value)
    }

    pub(super) fn pos<T>(&self, file: FileId, value: &Sp<T>) -> Pos {
        let location = self.files.locate(file, value);
        Pos {
            file,
            line: location.line,
            column: location.column,
            len: location.len,
        }
    }

    /// Reports an id that is not lowercase letters, digits and `-`.
    pub(super) fn id(&mut self, file: FileId, value: &Sp<String>) -> bool {
        let ok = valid_id(&value.value);
        if !ok {
            self.push(bad_id(self.loc(file, value), &value.value));
        }
        ok
    }

    pub(super) fn date(&mut self, file: FileId, value: &Sp<String>) -> Option<NaiveDate> {
        let parsed = NaiveDate::parse_from_str(value.value.trim(), "%Y-%m-%d").ok();
        if parsed.is_none() {
            self.dropped += 1;
            self.push(
                Diagnostic::new(Code::BadDate, format!("`{}` is not a date", value.value))
                    .at(self.loc(file, value))
                    .help("write dates as YYYY-MM-DD, e.g. 2026-04-15"),
            );
        }
        parsed
    }

    pub(super) fn datetime(&mut self, file: FileId, value: &Sp<String>) -> Option<NaiveDateTime> {
        let text = value.value.trim();
        let parsed = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok());
        if parsed.is_none() {
            self.dropped += 1;
            self.push(
                Diagnostic::new(
                    Code::BadDate,
                    format!("`{}` is not a local date and time", value.value),
                )
                .at(self.loc(file, value))
                .help("write YYYY-MM-DDTHH:MM in the session's time zone, e.g. 2026-04-15T18:30"),
            );
        }
        parsed
    }

    pub(super) fn tz(&mut self, file: FileId, value: &Sp<String>) -> Option<Tz> {
        let name = value.value.trim();
        let problem = match zone::read(name) {
            zone::Reading::Place(tz) => return Some(tz),
            zone::Reading::Link(tz) => {
                self.push(
                    Diagnostic::new(
                        Code::ZoneOldName,
                        format!("`{name}` is an old name for `{}`", tz.name()),
                    )
                    .at(self.loc(file, value))
                    .help(format!(
                        "write `{}`, the name the tz database gives this zone now",
                        tz.name()
                    )),
                );
                return Some(tz);
            }
            zone::Reading::Refused(refusal) => Diagnostic::new(
                Code::UnknownTimezone,
                format!("`{name}` is {}, not the time zone of a place", refusal.what),
            )
            .help(refusal.help()),
            zone::Reading::Unknown(closest) => Diagnostic::new(
                Code::UnknownTimezone,
                format!("`{name}` is not an IANA time zone"),
            )
            .help(match closest {
                Some(tz) => format!("did you mean `{}`?", tz.name()),
                None => {
                    "use an IANA zone name such as `Europe/London` or `America/New_York`".into()
                }
            }),
        };
        self.dropped += 1;
        self.push(problem.at(self.loc(file, value)));
        None
    }

    pub(super) fn in_range(
        &mut self,
        file: FileId,
        value: &Sp<u8>,
        low: u8,
        high: u8,
        what: &str,
    ) -> Option<u8> {
        if (low..=high).contains(&value.value) {
            Some(value.value)
        } else {
            self.dropped += 1;
            self.push(
                Diagnostic::new(
                    Code::BadValue,
                    format!("{what} must be from {low} to {high}"),
                )
                .at(self.loc(file, value))
                .help(format!("write a whole number from {low} to {high}")),
            );
            None
        }
    }

    pub(super) fn positive_f64(&mut self, file: FileId, value: &Sp<f64>, what: &str) {
        if !(value.value.is_finite() && value.value > 0.0) {
            self.push(
                Diagnostic::new(Code::BadValue, format!("{what} must be a positive number"))
                    .at(self.loc(file, value))
                    .help("write a number of hours such as 4 or 2.5"),
            );
        }
    }
}

/// Whether an id is lowercase ASCII letters, digits and `-`, not starting with `-`.
pub(super) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub(super) fn bad_id(at: crate::diagnostic::Location, id: &str) -> Diagnostic {
    let fixed: String = id
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    Diagnostic::new(Code::BadId, format!("`{id}` is not a valid id"))
        .at(at)
        .help(format!(
            "ids use lowercase letters, digits and `-` only, e.g. `{}`",
            fixed.trim_matches('-')
        ))
}

pub(super) fn unresolved(
    at: crate::diagnostic::Location,
    kind: &str,
    key: &str,
    known: &[&str],
    best: Option<&str>,
) -> Diagnostic {
    let help = match best {
        Some(best) => format!("did you mean `{best}`?"),
        None if known.is_empty() => format!("no {kind} is defined yet"),
        None if known.len() <= 8 => format!("known: {}", known.join(", ")),
        None => format!("check the spelling; there are {} of them", known.len()),
    };
    Diagnostic::new(
        Code::UnresolvedReference,
        format!("there is no {kind} `{key}`"),
    )
    .at(at)
    .label(format!("unknown {kind}"))
    .help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_digits_and_dashes() {
        assert!(valid_id("sql-joins-2"));
        assert!(!valid_id("SQL joins"));
        assert!(!valid_id("-lead"));
        assert!(!valid_id(""));
    }
}
