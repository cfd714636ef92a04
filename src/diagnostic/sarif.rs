//! Diagnostics as one SARIF 2.1.0 log, the OASIS format code-scanning
//! tools read (GitHub's `upload-sarif` among them).
//!
//! One run of one tool; a rule for each code the run reports, with its
//! title and fixed level; a result for each diagnostic with the message and
//! help as its text, its place, and the related places with their notes.
//! Paths are relative to the program root (`%SRCROOT%`) and columns count
//! characters, as everywhere else in telemachy.

use serde::Serialize;

use super::{Code, Diagnostic, Diagnostics, Location, Severity};

/// The schema of the OASIS standard with its first errata.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base every artifact's `uri` is relative to: the program root.
const SOURCE_ROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    /// How `startColumn` and `endColumn` count: characters, not UTF-16.
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    /// The code's name in the catalogue, e.g. `UnresolvedReference`.
    name: String,
    short_description: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<SarifLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
    /// The column after the value's last character, as SARIF counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<u32>,
}

/// Renders the diagnostics, causes first, as one SARIF log (indented JSON
/// and a final line break).
pub fn render_sarif(diagnostics: &Diagnostics) -> serde_json::Result<String> {
    let sorted = diagnostics.sorted();
    let mut codes: Vec<Code> = sorted.iter().map(|d| d.code).collect();
    codes.sort();
    codes.dedup();
    let results = sorted
        .iter()
        .map(|d| result(d, codes.binary_search(&d.code).unwrap_or_default()))
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: env!("CARGO_PKG_NAME"),
                    version: env!("CARGO_PKG_VERSION"),
                    rules: codes.into_iter().map(rule).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut out = serde_json::to_string_pretty(&log)?;
    out.push('\n');
    Ok(out)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn rule(code: Code) -> Rule {
    Rule {
        id: code.as_str(),
        name: format!("{code:?}"),
        short_description: Text {
            text: code.title().to_string(),
        },
        default_configuration: Configuration {
            level: level(code.severity()),
        },
    }
}

fn result(d: &Diagnostic, rule_index: usize) -> SarifResult {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    for (location, note) in &d.related {
        text.push_str(&format!("\nsee {location}: {note}"));
    }
    SarifResult {
        rule_id: d.code.as_str(),
        rule_index,
        level: level(d.severity()),
        message: Text { text },
        locations: d
            .location
            .iter()
            .map(|location| sarif_location(location, None, d.label.as_deref()))
            .collect(),
        related_locations: d
            .related
            .iter()
            .enumerate()
            .map(|(id, (location, note))| sarif_location(location, Some(id + 1), Some(note)))
            .collect(),
    }
}

fn sarif_location(location: &Location, id: Option<usize>, note: Option<&str>) -> SarifLocation {
    let region = (location.line > 0).then(|| {
        let column = (location.column > 0).then_some(location.column);
        Region {
            start_line: location.line,
            start_column: column,
            end_column: column
                .filter(|_| location.len > 0)
                .map(|column| column + location.len),
        }
    });
    SarifLocation {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri(location),
                uri_base_id: SOURCE_ROOT,
            },
            region,
        },
        message: note.map(|text| Text {
            text: text.to_string(),
        }),
    }
}

/// The file as a relative URI reference: `/` separators, and the
/// characters a URI cannot hold as they are percent-encoded.
fn uri(location: &Location) -> String {
    let path = location.file.display().to_string().replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn log(diagnostics: &Diagnostics) -> Value {
        let text = render_sarif(diagnostics).unwrap_or_default();
        serde_json::from_str(&text).unwrap_or_default()
    }

    #[test]
    fn a_diagnostic_becomes_a_result_with_its_rule_places_and_help() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::new(Code::MentorDoubleBooked, "two at once")
                .at(Location::at("data/sessions/b.yaml", 7, 12, 16))
                .label("overlaps `a`")
                .related(Location::at("data/sessions/a.yaml", 4, 12, 16), "`a` here")
                .related(Location::file("data/mentors.yaml"), "the mentor")
                .help("move one"),
        );
        diagnostics.push(
            Diagnostic::new(Code::UnknownField, "unknown field").at(Location::at(
                "data/ünï code.yaml",
                3,
                5,
                4,
            )),
        );
        diagnostics.push(Diagnostic::new(Code::MissingFile, "no program"));
        let log = log(&diagnostics);
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "telemachy");
        assert_eq!(
            run["tool"]["driver"]["rules"],
            json!([
                {"id": "E003", "name": "UnknownField",
                 "shortDescription": {"text": "unknown field"},
                 "defaultConfiguration": {"level": "error"}},
                {"id": "E016", "name": "MissingFile",
                 "shortDescription": {"text": "a required program file is missing"},
                 "defaultConfiguration": {"level": "error"}},
                {"id": "E050", "name": "MentorDoubleBooked",
                 "shortDescription": {"text": "a mentor is in two sessions at once"},
                 "defaultConfiguration": {"level": "error"}},
            ])
        );
        let results = run["results"].as_array().cloned().unwrap_or_default();
        let ids: Vec<(&str, u64)> = results
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap_or_default(),
                    r["ruleIndex"].as_u64().unwrap_or(99),
                )
            })
            .collect();
        // A problem of no file comes first, as in every report.
        assert_eq!(ids, [("E016", 1), ("E003", 0), ("E050", 2)]);
        assert_eq!(results[0].get("locations"), None);
        assert_eq!(
            results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "data/%C3%BCn%C3%AF%20code.yaml"
        );
        assert_eq!(
            results[2],
            json!({
                "ruleId": "E050",
                "ruleIndex": 2,
                "level": "error",
                "message": {"text": "two at once\nhelp: move one\n\
                    see data/sessions/a.yaml:4:12: `a` here\nsee data/mentors.yaml: the mentor"},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": "data/sessions/b.yaml", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 7, "startColumn": 12, "endColumn": 28}
                    },
                    "message": {"text": "overlaps `a`"}
                }],
                "relatedLocations": [
                    {
                        "id": 1,
                        "physicalLocation": {
                            "artifactLocation": {"uri": "data/sessions/a.yaml", "uriBaseId": "%SRCROOT%"},
                            "region": {"startLine": 4, "startColumn": 12, "endColumn": 28}
                        },
                        "message": {"text": "`a` here"}
                    },
                    {
                        "id": 2,
                        "physicalLocation": {
                            "artifactLocation": {"uri": "data/mentors.yaml", "uriBaseId": "%SRCROOT%"}
                        },
                        "message": {"text": "the mentor"}
                    }
                ]
            })
        );
    }

    #[test]
    fn a_warning_has_the_warning_level_and_a_clean_run_no_results() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(Diagnostic::new(Code::LearnerStalled, "stalled"));
        let log = log(&diagnostics);
        assert_eq!(log["runs"][0]["results"][0]["level"], "warning");
        assert_eq!(
            log["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"],
            "warning"
        );
        let clean = self::log(&Diagnostics::new());
        assert_eq!(clean["runs"][0]["results"], json!([]));
        assert_eq!(clean["runs"][0]["tool"]["driver"]["rules"], json!([]));
    }
}
