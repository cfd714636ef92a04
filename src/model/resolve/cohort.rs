//! Cohorts.

use super::*;

/// The longest a cohort may run; far beyond any real cohort, short enough
/// that its weekly figures stay small.
pub(super) const MAX_COHORT_YEARS: u32 = 10;

/// The cohorts that resolve, and the key table of all of them (a cohort
/// left out is remembered there, so references to it stay quiet).
pub(super) fn cohorts(
    cx: &mut Cx,
    raw: &[Located<raw::Cohort>],
    path_keys: &Table,
    owners: &Owners<'_>,
    default_tz: Tz,
) -> (Vec<Cohort>, Table) {
    let mut cohort_keys = Table::build(cx, Kind::Cohort, raw.iter().map(|c| (c.file, &c.value.id)));
    let mut cohorts = Vec::new();
    for (index, Located { file, value: c }) in raw.iter().enumerate() {
        let path = path_keys.find(cx, *file, &c.path);
        let start = cx.date(*file, &c.start);
        let end = cx.date(*file, &c.end);
        let facilitator = owners.find(cx, *file, &c.facilitator, false);
        let timezone = match &c.timezone {
            Some(tz) => cx.tz(*file, tz),
            None => Some(default_tz),
        };
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            cx.push(
                Diagnostic::new(Code::BadValue, "the cohort ends before it starts")
                    .at(cx.loc(*file, &c.end))
                    .help(format!("the end must be on or after {start}")),
            );
        }
        // The weekly figures and charts of a cohort have a row per week, so
        // a mistyped year (0025 for 2025) would make a build run for minutes.
        if let (Some(start), Some(end)) = (start, end)
            && start
                .checked_add_months(chrono::Months::new(12 * MAX_COHORT_YEARS))
                .is_some_and(|limit| end > limit)
        {
            cx.push(
                Diagnostic::new(
                    Code::BadValue,
                    format!(
                        "the cohort runs from {start} to {end}, more than {MAX_COHORT_YEARS} years"
                    ),
                )
                .at(cx.loc(*file, &c.end))
                .help(
                    "check the years of `start` and `end`; a cohort runs for months, not decades",
                ),
            );
        }
        match (path, start, end, facilitator, timezone) {
            (Some(path), Some(start), Some(end), Some(facilitator), Some(timezone)) => {
                cohort_keys.settle(&c.id.value, Some(cohorts.len() as u32));
                cohorts.push(Cohort {
                    key: c.id.value.clone(),
                    title: c.title.clone(),
                    path: PathId(path),
                    start,
                    end,
                    facilitator,
                    timezone,
                    description: c.description.clone(),
                    pos: cx.pos(*file, &c.id),
                });
            }
            _ => cohort_keys.settle_index(index, None),
        }
    }
    (cohorts, cohort_keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cohort_may_run_for_ten_years_and_no_more() {
        let cohorts = |end: &str| {
            let text = crate::testing::example("data/cohorts.yaml")
                .replace("end: 2026-04-10", &format!("end: {end}"));
            let diagnostics =
                crate::testing::checked_with(&[("data/cohorts.yaml", text)], "2026-04-15");
            diagnostics
                .iter()
                .filter(|d| d.code == Code::BadValue)
                .map(|d| format!("{} {}", crate::testing::at(d), d.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(cohorts("2036-01-12"), Vec::<String>::new());
        assert_eq!(
            cohorts("2036-01-13"),
            [
                "data/cohorts.yaml:6:10 the cohort runs from 2026-01-12 to 2036-01-13, more than 10 years"
            ]
        );
    }
}
