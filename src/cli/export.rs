//! `mlsd export`: the diagram in another language (DOT, Mermaid, D2) or JSON.

use super::render::{load_valid, write_output};
use clap::ValueEnum;
use mlsd::export::{Target, export};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum)]
pub enum TargetArg {
    /// Graphviz DOT (`dot -Tsvg`)
    Dot,
    /// Mermaid flowchart
    Mermaid,
    /// D2 (`d2 in.d2 out.svg`)
    D2,
    /// The model as JSON
    Json,
}

impl From<TargetArg> for Target {
    fn from(t: TargetArg) -> Target {
        match t {
            TargetArg::Dot => Target::Dot,
            TargetArg::Mermaid => Target::Mermaid,
            TargetArg::D2 => Target::D2,
            TargetArg::Json => Target::Json,
        }
    }
}

pub fn run(file: &Path, to: Target, output: Option<&PathBuf>) -> u8 {
    let doc = match load_valid(file) {
        Ok(doc) => doc,
        Err(code) => return code,
    };
    let text = export(&doc.model, to);
    let path = output.filter(|o| o.as_path() != Path::new("-"));
    write_output(path.map(PathBuf::as_path), text.as_bytes())
}
