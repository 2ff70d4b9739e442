//! Diagnostics as data, and the one place that turns them into text.
//!
//! Every stage (reading, parsing, lowering, rule checks) reports a
//! [`Diagnostic`] with a byte span; rendering resolves spans to
//! file:line:column and draws the source line with a caret, rustc-style.

use crate::source::SourceFile;
use serde::Serialize;
use std::fmt::Write as _;

/// A byte range in a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<pest::Span<'_>> for Span {
    fn from(s: pest::Span<'_>) -> Span {
        Span::new(s.start(), s.end())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding about a source text.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable hierarchical id, e.g. `ref.unknown-component`.
    pub code: String,
    pub message: String,
    pub span: Span,
    /// Short text printed beside the caret.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: impl Into<String>,
        message: impl Into<String>,
        span: Span,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            code: code.into(),
            message: message.into(),
            span,
            label: None,
            help: None,
        }
    }
    pub fn error(code: impl Into<String>, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, message, span)
    }
    pub fn warning(code: impl Into<String>, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, message, span)
    }
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by position, then severity, then code, so output is
/// stable whatever order the stages reported them in.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.span.start, a.severity, &a.code, &a.message).cmp(&(
            b.span.start,
            b.severity,
            &b.code,
            &b.message,
        ))
    });
}

/// Renders one diagnostic the way rustc does:
///
/// ```text
/// error[ref.unknown-component]: unknown component `rankr`
///  --> video.mlsd:12:9
///    |
/// 12 | user -> rankr
///    |         ^^^^^ not declared
///    |
///    = help: did you mean `ranker`?
/// ```
pub fn render_human(diag: &Diagnostic, file: &SourceFile) -> String {
    let start = file.position(diag.span.start);
    let end = file.position(diag.span.end.max(diag.span.start));
    let line_text = file.line_text(start.line);
    let gutter = start.line.to_string().len();
    let pad = " ".repeat(gutter);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}[{}]: {}",
        diag.severity.as_str(),
        diag.code,
        diag.message
    );
    let _ = writeln!(
        out,
        "{pad}--> {}:{}:{}",
        file.name, start.line, start.column
    );
    let _ = writeln!(out, "{pad} |");
    let shown = visible(line_text);
    let _ = writeln!(out, "{} | {}", start.line, shown.trim_end());
    // The caret spans the diagnostic on its first line; at least one column.
    let line_chars = line_text.chars().count();
    let width = if end.line == start.line {
        end.column.saturating_sub(start.column)
    } else {
        (line_chars + 1).saturating_sub(start.column)
    }
    .max(1);
    let lead = " ".repeat(start.column - 1);
    let carets = "^".repeat(width);
    match &diag.label {
        Some(label) => {
            let _ = writeln!(out, "{pad} | {lead}{carets} {label}");
        }
        None => {
            let _ = writeln!(out, "{pad} | {lead}{carets}");
        }
    }
    if let Some(help) = &diag.help {
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{pad} = help: {help}");
    }
    out
}

/// Tabs would misalign the caret; control characters would garble a terminal.
fn visible(line: &str) -> String {
    line.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A diagnostic with its position resolved, for machine-readable output.
#[derive(Debug, Clone, Serialize)]
pub struct Located {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub severity: Severity,
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

pub fn locate(diag: &Diagnostic, file: &SourceFile) -> Located {
    let start = file.position(diag.span.start);
    let end = file.position(diag.span.end.max(diag.span.start));
    Located {
        file: file.name.clone(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        severity: diag.severity,
        code: diag.code.clone(),
        message: diag.message.clone(),
        help: diag.help.clone(),
    }
}

/// "did you mean `x`?" for the closest candidate, if any is close enough.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_l = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let c_l = c.to_ascii_lowercase();
            // A clear abbreviation (`rank` for `ranking`) counts as one edit.
            let d = if word_l.len() >= 3 && c_l.starts_with(&word_l) && c_l != word_l {
                1
            } else {
                strsim::damerau_levenshtein(&word_l, &c_l)
            };
            (d, c)
        })
        .filter(|&(d, c)| d <= 1.max(c.len().min(word.len()) / 3) && d < c.len())
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_caret_under_span() {
        let file = SourceFile::new("f.mlsd", "a: store \"A\"\nuser -> rankr\n");
        let d = Diagnostic::error(
            "ref.unknown-component",
            "unknown component `rankr`",
            Span::new(21, 26),
        )
        .with_label("not declared")
        .with_help("did you mean `ranker`?");
        let text = render_human(&d, &file);
        assert_eq!(
            text,
            "error[ref.unknown-component]: unknown component `rankr`\n \
             --> f.mlsd:2:9\n  |\n2 | user -> rankr\n  |         ^^^^^ not declared\n  |\n  = help: did you mean `ranker`?\n"
        );
    }

    #[test]
    fn suggestions_are_close_and_deterministic() {
        assert_eq!(
            suggest("stor", ["store", "stream", "source"]),
            Some("store")
        );
        assert_eq!(suggest("rankr", ["ranker", "cands"]), Some("ranker"));
        assert_eq!(suggest("zzzz", ["store", "job"]), None);
        assert_eq!(suggest("ab", ["ab", "abc"]), Some("ab"));
    }
}
