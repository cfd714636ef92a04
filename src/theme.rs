//! The theme's templates compiled, once per build: `check` reports what
//! keeps them from compiling, and `render` renders every page with them.
//! Tera is set up here, with template errors turned into diagnostics that
//! point at the template file and line.
//!
//! The theme's catalog of the program's language is made here too, and
//! given to the templates as the `t` function (see [`catalog`]).
//!
//! Autoescaping stays on for every `.html` and `.xml` template: every string
//! from `data/` is escaped. Rendered Markdown is passed with `| safe`
//! because content/ is trusted author content.

pub mod catalog;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use tera::{Context, ErrorKind, Tera};

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::load::theme::Theme;
pub use catalog::Catalog;

/// The compiled templates of a theme.
#[derive(Debug)]
pub struct Templates {
    tera: Tera,
    origins: HashMap<String, PathBuf>,
    catalog: Arc<Catalog>,
}

impl Templates {
    /// Parses every template of the theme, with `catalog` as its words,
    /// or says where the first problem is.
    pub fn new(theme: &Theme, catalog: Catalog) -> Result<Templates, Box<Diagnostic>> {
        let catalog = Arc::new(catalog);
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        tera.set_escape_fn(escape);
        tera.register_function("t", catalog::Translate(Arc::clone(&catalog)));
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
            Ok(()) => Ok(Templates {
                tera,
                origins,
                catalog,
            }),
            Err(error) => Err(Box::new(diagnose(&error, &origins, None))),
        }
    }

    /// The catalog the templates speak.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Renders one template into a buffer of `size` bytes to start with (a
    /// page grown from Tera's small guess is copied several times).
    pub fn render(
        &self,
        name: &str,
        context: &Context,
        size: usize,
    ) -> Result<String, Box<Diagnostic>> {
        let mut out = Vec::with_capacity(size);
        self.tera
            .render_to(name, context, &mut out)
            .map_err(|error| Box::new(diagnose(&error, &self.origins, Some(name))))?;
        String::from_utf8(out).map_err(|e| {
            Box::new(Diagnostic::new(
                crate::diagnostic::Code::TemplateError,
                format!("template `{name}` wrote bytes that are not UTF-8: {e}"),
            ))
        })
    }
}

/// Escapes `text` for HTML exactly as Tera's own escaping does (`&`, `<`,
/// `>`, `"` and `'`), but writes each run of plain text at once: Tera's
/// writes byte by byte, and a large site's navigation makes that a fifth of
/// a full render.
fn escape(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    let mut plain = 0;
    for (i, byte) in bytes.iter().enumerate() {
        let entity: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[plain..i])?;
        out.write_all(entity)?;
        plain = i + 1;
    }
    out.write_all(&bytes[plain..])
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

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str, escape: tera::EscapeFn) -> Vec<u8> {
        let mut out = Vec::new();
        escape(text, &mut out).unwrap();
        out
    }

    #[test]
    fn escaping_writes_what_teras_own_escaping_writes() {
        for text in [
            "",
            "plain",
            "&",
            "<a href=\"x\">'it's'</a> & more",
            "ends with <",
            "Ünïcode — “quotes” & <tags>",
            "&&<<>>\"\"''",
        ] {
            assert_eq!(
                escaped(text, escape),
                escaped(text, tera::escape_html),
                "{text}"
            );
        }
    }
}
