//! The theme's words in the program's language: Fluent catalogs, layered,
//! and the `t` function every template calls for the text it prints.
//!
//! A message is looked up in this order, the first layer that has it
//! winning: the program's catalog of its language
//! (`themes/<theme>/i18n/<language>.ftl`), the built-in one of that
//! language, the program's English catalog, the built-in English one. So a
//! program overrides a single message by writing only that message, and a
//! message a translation lacks reads in English rather than not at all.
//!
//! Escaping: catalog text is the theme author's, trusted like the
//! templates' own text, and `t` hands it to Tera as safe; the arguments
//! come from the program's data files, so each is escaped for HTML before
//! Fluent places it. The result is byte for byte what the template printed
//! before with `{{ value }}` between words of its own. Fluent's Unicode
//! isolation marks are off: they would land in the HTML, in attributes and
//! in `<title>`, where they help no reader (the `lang` and `dir` of the
//! page already set the direction) and break every comparison of text.

use std::collections::BTreeSet;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use tera::{Kwargs, State, TeraResult, Value};
use unic_langid::{CharacterDirection, LanguageIdentifier};

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::load::theme::{CatalogSource, Theme};

/// The messages of one language, ready to format.
pub struct Catalog {
    bundle: FluentBundle<FluentResource>,
    language: String,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl Catalog {
    /// The catalog of `language` from the theme's catalogs, and every
    /// problem found in them: a file that does not parse (E072), a message
    /// that uses a variable its English original is never given (E073),
    /// no catalog for the language at all (E074, at `named_at`).
    pub fn new(
        theme: &Theme,
        language: &str,
        named_at: Option<&Location>,
    ) -> (Catalog, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let tag: Option<LanguageIdentifier> = language.parse().ok();
        let chosen = candidates(language, tag.as_ref())
            .into_iter()
            .find(|c| theme.catalogs.iter().any(|s| s.language == *c));
        let chosen = match chosen {
            Some(chosen) => chosen,
            None => {
                problems.push(no_catalog(theme, language, named_at));
                "en".to_string()
            }
        };
        let english = theme
            .catalogs
            .iter()
            .find(|s| s.built_in && s.language == "en");
        let english_vars = english.map(|s| message_variables(&parse(s, &mut Vec::new())));
        let mut layers: Vec<&CatalogSource> = Vec::new();
        let mut wanted = vec![("en", true), ("en", false)];
        if chosen != "en" {
            wanted.extend([(chosen.as_str(), true), (chosen.as_str(), false)]);
        }
        for (language, built_in) in wanted {
            layers.extend(
                theme
                    .catalogs
                    .iter()
                    .filter(|s| s.language == language && s.built_in == built_in),
            );
        }
        let locale = tag.unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![locale]);
        bundle.set_use_isolating(false);
        for source in layers {
            let resource = parse(source, &mut problems);
            if let Some(english) = &english_vars
                && !(source.built_in && source.language == "en")
            {
                unknown_variables(source, &resource, english, &mut problems);
            }
            bundle.add_resource_overriding(resource);
        }
        let catalog = Catalog {
            bundle,
            language: chosen,
        };
        (catalog, problems)
    }

    /// The language whose catalog was chosen (the program's, or the
    /// language part of it, or English when there is none).
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Message `key` formatted with `args`, or why it cannot be.
    pub fn format(&self, key: &str, args: Option<&FluentArgs<'_>>) -> Result<String, String> {
        let pattern = self
            .bundle
            .get_message(key)
            .and_then(|m| m.value())
            .ok_or_else(|| format!("there is no message `{key}` in the theme's catalogs"))?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        match errors.first() {
            Some(error) => Err(format!("message `{key}`: {error}")),
            None => Ok(text.into_owned()),
        }
    }

    /// Message `key` with `args`, for words made outside the templates
    /// (page titles, the path map, calendar feeds). The arguments go in as
    /// given: the caller escapes them for where the words end up (HTML for
    /// the path map; a feed's text is escaped as iCalendar later). Every
    /// key Rust asks for is in the built-in English catalog, under every
    /// other, and E073 keeps a message's variables to English's; so a
    /// message that still cannot be formatted shows its key, where the
    /// tests of the shipped catalogs see it.
    pub fn say(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, value.clone());
        }
        self.format(key, Some(&fluent))
            .unwrap_or_else(|_| key.to_string())
    }
}

/// The writing direction of `language`, `ltr` or `rtl`, from the Unicode
/// data of its language and script (Arabic, Hebrew, Persian, Urdu… are
/// `rtl`), for the page's `dir` attribute.
pub fn direction(language: &str) -> &'static str {
    match language.parse::<LanguageIdentifier>() {
        Ok(tag) if tag.character_direction() == CharacterDirection::RTL => "rtl",
        _ => "ltr",
    }
}

/// The catalog files that may speak `language`, most specific first:
/// `pt-BR`, then `pt`.
fn candidates(language: &str, tag: Option<&LanguageIdentifier>) -> Vec<String> {
    let mut out = vec![language.to_string()];
    if let Some(tag) = tag {
        out.push(tag.to_string());
        out.push(tag.language.as_str().to_string());
    }
    out.dedup();
    out
}

fn no_catalog(theme: &Theme, language: &str, named_at: Option<&Location>) -> Diagnostic {
    let mut known: Vec<&str> = theme.catalogs.iter().map(|s| s.language.as_str()).collect();
    known.sort_unstable();
    known.dedup();
    Diagnostic::new(
        Code::CatalogMissing,
        format!("the theme has no catalog for the language `{language}`"),
    )
    .at(named_at
        .cloned()
        .unwrap_or_else(|| Location::file(crate::load::PROGRAM_FILE)))
    .help(format!(
        "write themes/{}/i18n/{language}.ftl (messages it lacks are shown in English), or set `language` to one of: {}",
        theme.name,
        known.join(", ")
    ))
}

/// The catalog parsed, with a diagnostic for each syntax error; Fluent
/// recovers from them, so the rest of the file is kept.
fn parse(source: &CatalogSource, problems: &mut Vec<Diagnostic>) -> FluentResource {
    match FluentResource::try_new(source.text.clone()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for error in errors {
                // The entry that failed, where Fluent knows it: the error's
                // own place may be the end of the file.
                let at = error.slice.map_or(error.pos.start, |slice| slice.start);
                let (line, column) = line_column(&source.text, at);
                problems.push(
                    Diagnostic::new(
                        Code::CatalogSyntax,
                        format!("the catalog cannot be parsed: {}", error.kind),
                    )
                    .at(Location::at(&source.origin, line, column, 1))
                    .help(
                        "a message is `key = text`; continuation lines are indented, and `{` opens a placeable such as `{ $count }`",
                    ),
                );
            }
            resource
        }
    }
}

/// Each message's variables, by message id.
fn message_variables(
    resource: &FluentResource,
) -> std::collections::HashMap<String, BTreeSet<String>> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            ast::Entry::Message(m) => Some((m.id.name.to_string(), variables_of(m))),
            _ => None,
        })
        .collect()
}

fn variables_of(message: &ast::Message<&str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let patterns = message
        .value
        .iter()
        .chain(message.attributes.iter().map(|a| &a.value));
    for pattern in patterns {
        pattern_variables(pattern, &mut out);
    }
    out
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
            for argument in &arguments.named {
                inline_variables(&argument.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        // A term's arguments are the term's own; a message reference is
        // checked where that message is written.
        _ => {}
    }
}

/// E073 for each variable a message uses that the built-in English
/// message of the same key does not: the templates pass what English
/// uses, so such a variable is never given and the message would not
/// format.
fn unknown_variables(
    source: &CatalogSource,
    resource: &FluentResource,
    english: &std::collections::HashMap<String, BTreeSet<String>>,
    problems: &mut Vec<Diagnostic>,
) {
    for entry in resource.entries() {
        let ast::Entry::Message(message) = entry else {
            continue;
        };
        let Some(known) = english.get(message.id.name) else {
            continue;
        };
        for variable in variables_of(message).difference(known) {
            let (line, column, len) = variable_place(&source.text, message.id.name, variable);
            let given = if known.is_empty() {
                "none".to_string()
            } else {
                known
                    .iter()
                    .map(|v| format!("`${v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            problems.push(
                Diagnostic::new(
                    Code::CatalogVariable,
                    format!(
                        "message `{}` uses `${variable}`, which its template never gives",
                        message.id.name
                    ),
                )
                .at(Location::at(&source.origin, line, column, len))
                .help(format!(
                    "the English message gives {given}; use one of those, or write the words instead"
                )),
            );
        }
    }
}

/// Where `$variable` is first written in message `id` of `text`: after the
/// line that starts the message.
fn variable_place(text: &str, id: &str, variable: &str) -> (u32, u32, u32) {
    let mut start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(id)
            && rest.trim_start().starts_with('=')
        {
            start = offset;
            break;
        }
        offset += line.len();
    }
    let needle = format!("${variable}");
    let found = text[start..]
        .match_indices(&needle)
        .map(|(at, _)| start + at)
        .find(|&at| {
            !text[at + needle.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
        })
        .unwrap_or(start);
    let (line, column) = line_column(text, found);
    (line, column, needle.chars().count() as u32)
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
fn line_column(text: &str, at: usize) -> (u32, u32) {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u32, column as u32)
}

/// The template function `t(key=…, name=value…)`: message `key` of the
/// catalog, with each further argument escaped and given as a Fluent
/// variable (numbers stay numbers, so plurals select on them).
pub(super) struct Translate(pub(super) Arc<Catalog>);

impl tera::Function<TeraResult<Value>> for Translate {
    fn call(&self, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
        let key = kwargs.must_get::<&str>("key")?;
        let mut args = FluentArgs::new();
        for (name, value) in kwargs.iter() {
            let Some(name) = name.as_str() else {
                continue;
            };
            if name == "key" || name.starts_with("__") {
                continue;
            }
            args.set(name.to_string(), fluent_value(value)?);
        }
        self.0
            .format(key, Some(&args))
            .map(|text| Value::safe_string(&text))
            .map_err(tera::Error::message)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

fn fluent_value(value: &Value) -> TeraResult<FluentValue<'static>> {
    if let Some(n) = value.as_i64() {
        return Ok(FluentValue::from(n));
    }
    if value.is_number()
        && let Some(n) = value.as_f64()
    {
        return Ok(FluentValue::from(n));
    }
    let text = match value.as_str() {
        Some(text) => text.to_string(),
        None if value.is_none() => String::new(),
        None => value.to_string(),
    };
    if value.is_safe() {
        return Ok(FluentValue::from(text));
    }
    let mut out = Vec::with_capacity(text.len());
    super::escape(&text, &mut out).map_err(|e| tera::Error::message(e.to_string()))?;
    Ok(FluentValue::from(
        String::from_utf8(out).map_err(|e| tera::Error::message(e.to_string()))?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::theme::DEFAULT_CATALOGS;

    fn theme(own: &[(&str, &str)]) -> Theme {
        let mut theme = Theme {
            name: "default".into(),
            ..Theme::default()
        };
        for (language, text) in own {
            theme.catalogs.push(CatalogSource {
                language: (*language).into(),
                origin: format!("themes/default/i18n/{language}.ftl").into(),
                text: (*text).into(),
                built_in: false,
            });
        }
        for (language, text) in DEFAULT_CATALOGS {
            theme.catalogs.push(CatalogSource {
                language: (*language).into(),
                origin: format!("built-in/{language}.ftl").into(),
                text: (*text).into(),
                built_in: true,
            });
        }
        theme
    }

    fn say(catalog: &Catalog, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, value.clone());
        }
        catalog.format(key, Some(&fluent)).unwrap()
    }

    #[test]
    fn the_shipped_catalogs_have_no_problems() {
        for (language, _) in DEFAULT_CATALOGS {
            let (catalog, problems) = Catalog::new(&theme(&[]), language, None);
            assert!(problems.is_empty(), "{language}: {problems:?}");
            assert_eq!(catalog.language(), *language);
        }
    }

    #[test]
    fn a_programs_message_wins_and_a_missing_one_falls_back_to_english() {
        let own = theme(&[
            ("es", "nav-home = Portada\n"),
            ("xx", "nav-home = Home in xx\n"),
        ]);
        let (es, problems) = Catalog::new(&own, "es", None);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(say(&es, "nav-home", &[]), "Portada");
        assert_eq!(say(&es, "nav-cohorts", &[]), "Cohortes");
        let (xx, problems) = Catalog::new(&own, "xx", None);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(say(&xx, "nav-home", &[]), "Home in xx");
        assert_eq!(say(&xx, "nav-cohorts", &[]), "Cohorts");
    }

    #[test]
    fn a_region_finds_its_languages_catalog() {
        let (catalog, problems) = Catalog::new(&theme(&[]), "es-MX", None);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(catalog.language(), "es");
    }

    #[test]
    fn plurals_follow_the_languages_rules() {
        let count = |n: i64| [("count", FluentValue::from(n))];
        let (en, _) = Catalog::new(&theme(&[]), "en", None);
        let (fr, _) = Catalog::new(&theme(&[]), "fr", None);
        assert_eq!(say(&en, "actions-owner-count", &count(1)), "1 action");
        assert_eq!(say(&en, "actions-owner-count", &count(0)), "0 actions");
        // French counts nought as singular.
        assert_eq!(say(&fr, "actions-owner-count", &count(0)), "0 action");
        assert_eq!(say(&fr, "actions-owner-count", &count(2)), "2 actions");
    }

    #[test]
    fn placed_values_carry_no_isolation_marks() {
        let (en, _) = Catalog::new(&theme(&[]), "en", None);
        let text = say(
            &en,
            "learner-charter-with",
            &[("mentor", FluentValue::from("Siobhan"))],
        );
        assert_eq!(text, "Charter with Siobhan");
    }

    #[test]
    fn problems_point_at_their_line_and_column() {
        let broken = theme(&[
            (
                "en",
                "nav-home = Start\nnav-cohorts = { $count ->\n    [one] Cohort\n",
            ),
            (
                "es",
                "nav-home = Inicio\nhome-nothing = Nada tras { $today } en { $lugar }.\n",
            ),
        ]);
        let (_, problems) = Catalog::new(&broken, "es", None);
        let found: Vec<_> = problems
            .iter()
            .map(|d| {
                let at = d.location.as_ref().unwrap();
                (d.code, at.line, at.column)
            })
            .collect();
        assert_eq!(
            found,
            [(Code::CatalogSyntax, 2, 1), (Code::CatalogVariable, 2, 42)]
        );
        let (_, problems) = Catalog::new(&broken, "de", None);
        assert!(problems.iter().any(|d| d.code == Code::CatalogMissing));
    }

    #[test]
    fn right_to_left_languages_are_known_by_their_tag() {
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(direction("he"), "rtl");
        assert_eq!(direction("fa-IR"), "rtl");
        assert_eq!(direction("en"), "ltr");
        assert_eq!(direction("not a tag"), "ltr");
    }
}
