//! mlsd: ML system design diagrams as code.
//!
//! The pipeline runs one way: text ([`source`]) → syntax tree with spans
//! ([`syntax`]) → semantic model on a petgraph graph ([`model`]) → outputs.
//! Diagnostics from every stage are [`diag::Diagnostic`] values, rendered in
//! one place. See ARCHITECTURE.md for the map.

pub mod cases;
pub mod check;
pub mod diag;
pub mod export;
pub mod formatter;
pub mod geometry;
pub mod grade;
pub mod layout;
pub mod lexicon;
pub mod model;
pub mod output;
pub mod render;
pub mod source;
pub mod syntax;
pub mod synth;
pub mod text;
pub mod vocab;

use diag::Diagnostic;
use model::Model;
use source::SourceFile;

/// A source file taken through parsing and lowering.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: SourceFile,
    pub syntax: syntax::File,
    pub model: Model,
    /// Syntax and lowering diagnostics, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses and lowers a source file. Never panics on any input text.
pub fn analyze(source: SourceFile) -> Document {
    let (syntax, mut diagnostics) = syntax::parse(&source.text);
    let (model, more) = model::lower(&syntax);
    diagnostics.extend(more);
    diag::sort(&mut diagnostics);
    Document {
        source,
        syntax,
        model,
        diagnostics,
    }
}

/// Convenience for tests and benchmarks: analyze a string.
pub fn analyze_str(name: &str, text: &str) -> Document {
    analyze(SourceFile::new(name, text))
}
