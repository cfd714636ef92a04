//! JSON Schemas of the program's files for editors, made from the raw serde
//! types the loader reads them with, so an editor's completion, hover help
//! and squiggles agree with `check`'s structural errors (E002–E004, and the
//! dates, zones and ids of E006, E007 and E010).
//!
//! The schemas follow JSON Schema draft 7, the newest the YAML language
//! server reads. Values YAML holds as strings (dates, local times, zones,
//! ids, reminder offsets) are described by the small types below, which
//! raw fields name with `#[schemars(with = …)]`.

use std::borrow::Cow;
use std::fs;
use std::io;
use std::path::Path;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};

use super::raw;

/// One kind of program file and its schema.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// The schema's file name, e.g. `learner.schema.json`.
    pub file: &'static str,
    /// Where such files live, as globs from the program's root; empty for
    /// Markdown front matter, which the YAML language server does not read.
    pub globs: &'static [&'static str],
    /// The schema's title.
    pub title: &'static str,
    /// The schema's description.
    pub description: &'static str,
    root: fn(SchemaGenerator) -> Schema,
}

impl Kind {
    /// The schema as pretty JSON with a final newline, the same on every run.
    pub fn json(&self) -> String {
        let mut schema = (self.root)(SchemaSettings::draft07().into_generator());
        schema.insert("title".into(), self.title.into());
        schema.insert("description".into(), self.description.into());
        let mut schema = schema.to_value();
        tidy(&mut schema);
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Makes the schema say what the loader reads rather than what the Rust
/// type is, throughout.
///
/// - `"default": null`, which an optional field always has, is removed: an
///   editor would offer to write `null` where leaving the field out is meant.
/// - Plain text also takes a number or `true`/`false`, as the loader reads
///   any scalar but `null` as text (`title: 2026`). Dates, times, zones and
///   ids keep to strings: a number there is always a mistake.
fn tidy(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("default") == Some(&Value::Null) {
                map.remove("default");
            }
            let constrained = ["pattern", "format", "enum", "const"]
                .iter()
                .any(|key| map.contains_key(*key));
            if !constrained {
                let scalar = || ["string", "number", "boolean"].map(Value::from).to_vec();
                match map.get_mut("type") {
                    Some(kind) if *kind == "string" => *kind = Value::Array(scalar()),
                    Some(Value::Array(kinds)) if kinds.first() == Some(&"string".into()) => {
                        kinds.splice(0..1, scalar());
                    }
                    _ => {}
                }
            }
            map.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// Every kind of file a program holds, in the reference's order.
pub const KINDS: &[Kind] = &[
    Kind {
        file: "program.schema.json",
        globs: &["data/program.yaml"],
        title: "Program settings",
        description: "data/program.yaml: the program's settings, outcomes, roles, privacy, targets and journey. See docs/reference.md.",
        root: |g| g.into_root_schema_for::<raw::ProgramFile>(),
    },
    Kind {
        file: "mentors.schema.json",
        globs: &["data/mentors.yaml"],
        title: "Mentors",
        description: "data/mentors.yaml: every mentor, under `mentors`. See docs/reference.md.",
        root: |g| g.into_root_schema_for::<raw::MentorsFile>(),
    },
    Kind {
        file: "cohorts.schema.json",
        globs: &["data/cohorts.yaml"],
        title: "Cohorts",
        description: "data/cohorts.yaml: every cohort, under `cohorts`. See docs/reference.md.",
        root: |g| g.into_root_schema_for::<raw::CohortsFile>(),
    },
    Kind {
        file: "learner.schema.json",
        globs: &["data/learners/**/*.yaml", "data/learners/**/*.yml"],
        title: "Learner",
        description: "data/learners/<id>.yaml: one learner. Everything is private unless `consent` says otherwise. See docs/reference.md.",
        root: |g| g.into_root_schema_for::<raw::Learner>(),
    },
    Kind {
        file: "pairs.schema.json",
        globs: &["data/pairs.yaml"],
        title: "Pairs",
        description: "data/pairs.yaml: mentor–learner pairs and the expectations they agreed, under `pairs`. See docs/reference.md.",
        root: |g| g.into_root_schema_for::<raw::PairsFile>(),
    },
    Kind {
        file: "sessions.schema.json",
        globs: &["data/sessions/**/*.yaml", "data/sessions/**/*.yml"],
        title: "Sessions",
        description: "data/sessions/<name>.yaml: one-off sessions and weekly series, under `sessions`. See docs/reference.md.",
        root: |g| g.into_root_schema_for::<raw::SessionsFile>(),
    },
    Kind {
        file: "path.schema.json",
        globs: &[],
        title: "Path front matter",
        description: "Front matter of content/paths/<path>/_index.md: a learning path. See docs/reference.md.",
        root: |g| g.into_root_schema_for::<raw::PathFrontMatter>(),
    },
    Kind {
        file: "module.schema.json",
        globs: &[],
        title: "Module front matter",
        description: "Front matter of content/paths/<path>/<module>.md: a curriculum module. See docs/reference.md.",
        root: |g| g.into_root_schema_for::<raw::ModuleFrontMatter>(),
    },
    Kind {
        file: "page.schema.json",
        globs: &[],
        title: "Page front matter",
        description: "Front matter of content/pages/<page>.md: a free page. See docs/reference.md.",
        root: |g| g.into_root_schema_for::<raw::PageFrontMatter>(),
    },
];

/// Writes every kind's schema into `dir` (made if missing); returns how
/// many files were written.
pub fn write_all(dir: &Path) -> io::Result<usize> {
    fs::create_dir_all(dir)?;
    for kind in KINDS {
        fs::write(dir.join(kind.file), kind.json())?;
    }
    Ok(KINDS.len())
}

/// The YAML language server's `yaml.schemas` setting: each schema under
/// `schema_dir` (relative to the editor's workspace, the program's root)
/// mapped to the data files it describes.
pub fn yaml_schemas(schema_dir: &str) -> Value {
    let mut map = Map::new();
    for kind in KINDS.iter().filter(|kind| !kind.globs.is_empty()) {
        let globs = kind
            .globs
            .iter()
            .map(|glob| format!("**/{glob}").into())
            .collect();
        map.insert(format!("./{schema_dir}/{}", kind.file), Value::Array(globs));
    }
    Value::Object(map)
}

/// A `.vscode/settings.json` that gives the data files their schemas.
pub fn editor_settings(schema_dir: &str) -> String {
    let settings = json!({ "yaml.schemas": yaml_schemas(schema_dir) });
    let mut text = serde_json::to_string_pretty(&settings).unwrap_or_default();
    text.push('\n');
    text
}

/// A date written `YYYY-MM-DD`.
pub(super) struct Date;

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "description": "A date, YYYY-MM-DD.",
            "examples": ["2026-04-15"],
        })
    }
}

/// A local date and time, in the zone that applies.
pub(super) struct LocalTime;

impl JsonSchema for LocalTime {
    fn schema_name() -> Cow<'static, str> {
        "LocalTime".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^\s*\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?\s*$",
            "description": "A local date and time, YYYY-MM-DDTHH:MM, in the time zone that applies.",
            "examples": ["2026-04-15T18:30"],
        })
    }
}

/// An IANA time zone name.
pub(super) struct Zone;

impl JsonSchema for Zone {
    fn schema_name() -> Cow<'static, str> {
        "Zone".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^\s*[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*\s*$",
            "description": "An IANA time zone name, e.g. Europe/Berlin or America/New_York.",
            "examples": ["Europe/Berlin", "America/New_York", "UTC"],
        })
    }
}

/// A record's stable id.
pub(super) struct Id;

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[a-z0-9][a-z0-9-]*$",
            "description": "A stable id: lowercase letters, digits and `-`, not starting with `-`.",
        })
    }
}

/// How long before a session a reminder goes off.
pub(super) struct Offset;

impl JsonSchema for Offset {
    fn schema_name() -> Cow<'static, str> {
        "Offset".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^\s*\d+\s*[mhdw]\s*$",
            "description": "A reminder offset: a number and m (minutes), h (hours), d (days) or w (weeks), e.g. 1d.",
            "examples": ["1d", "2h", "15m"],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_name_is_distinct_and_ends_in_schema_json() {
        let mut names: Vec<&str> = KINDS.iter().map(|kind| kind.file).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), KINDS.len());
        assert!(names.iter().all(|name| name.ends_with(".schema.json")));
    }

    #[test]
    fn a_learner_schema_denies_unknown_fields_and_requires_what_serde_does() {
        let learner = KINDS
            .iter()
            .find(|kind| kind.file == "learner.schema.json")
            .map(Kind::json)
            .unwrap_or_default();
        let schema: Value = serde_json::from_str(&learner).unwrap_or_default();
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(
            schema["required"],
            json!(["id", "name", "cohort", "path", "intake"])
        );
        assert_eq!(
            schema["properties"]["id"]["allOf"][0]["$ref"],
            "#/definitions/Id"
        );
        assert_eq!(
            schema["definitions"]["Id"]["pattern"],
            "^[a-z0-9][a-z0-9-]*$"
        );
        assert_eq!(
            schema["properties"]["name"]["type"],
            json!(["string", "number", "boolean"])
        );
        assert_eq!(
            schema["properties"]["pronouns"]["type"],
            json!(["string", "number", "boolean", "null"])
        );
        assert_eq!(
            schema["properties"]["cohort"]["description"],
            "The learner's cohort, by id."
        );
    }
}
