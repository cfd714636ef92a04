//! Tera set up from a theme, with template errors turned into diagnostics
//! that point at the template file and line.
//!
//! Autoescaping stays on for every `.html` and `.xml` template: every string
//! from `data/` is escaped. Rendered Markdown is passed with `| safe`
//! because content/ is trusted author content.

use std::collections::HashMap;
use std::path::PathBuf;

use tera::{Context, ErrorKind, Tera};

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::load::theme::Theme;

/// The compiled templates of a theme.
#[derive(Debug)]
pub struct Templates {
    tera: Tera,
    origins: HashMap<String, PathBuf>,
}

impl Templates {
    /// Parses every template of the theme.
    pub fn new(theme: &Theme) -> Result<Templates, Box<Diagnostic>> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let origins: HashMap<String, PathBuf> = theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), t.origin.clone()))
            .collect();
        let sources = theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.text.as_str()));
        match tera.add_raw_templates(sources) {
            Ok(()) => Ok(Templates { tera, origins }),
            Err(error) => Err(Box::new(diagnose(&error, &origins, None))),
        }
    }

    /// Renders one template.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Box<Diagnostic>> {
        self.tera
            .render(name, context)
            .map_err(|error| Box::new(diagnose(&error, &self.origins, Some(name))))
    }
}

fn diagnose(
    error: &tera::Error,
    origins: &HashMap<String, PathBuf>,
    rendering: Option<&str>,
) -> Diagnostic {
    let place = |name: &str| {
        origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("themes/<theme>/templates/{name}")))
    };
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let file = if report.filename().is_empty() {
                rendering.map(place).unwrap_or_default()
            } else {
                place(report.filename())
            };
            let len = if span.start_line == span.end_line {
                (span.end_col.saturating_sub(span.start_col)).max(1)
            } else {
                1
            };
            let help = if report.message().starts_with("Unknown tag") {
                "a tag above may be left open (`{% if %}` needs `{% endif %}`, `{% for %}` needs `{% endfor %}`); or delete the override to use the built-in template"
            } else {
                "fix the template, or delete the override to use the built-in template"
            };
            Diagnostic::new(Code::TemplateError, report.message().to_string())
                .at(Location::at(
                    file,
                    span.start_line as u32,
                    span.start_col as u32 + 1,
                    len as u32,
                ))
                .help(help)
        }
        other => {
            let at = rendering
                .map(|name| Location::file(place(name)))
                .unwrap_or_else(|| Location::file("themes"));
            Diagnostic::new(Code::TemplateError, other.to_string())
                .at(at)
                .help("check the theme's templates: names, `extends` and `include`")
        }
    }
}
