//! `mlsd layout`: print the computed geometry as JSON.

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Loaded, read};
use mlsd::diag;
use mlsd::layout::{Engine, LayoutOptions, layout};
use mlsd::vocab::Direction;
use std::io::Write as _;
use std::path::Path;

pub fn run(file: &Path, direction: Option<Direction>, engine: Engine) -> u8 {
    let doc = match read(file) {
        Ok(Loaded::Doc(doc)) => doc,
        Ok(Loaded::Rejected(r)) => {
            let (source, d) = *r;
            eprintln!("{}", diag::render_human(&d, &source));
            return EXIT_FINDINGS;
        }
        Err(msg) => {
            eprintln!("error: {msg}");
            return EXIT_USAGE;
        }
    };
    if doc.has_errors() {
        for d in doc.diagnostics.iter().filter(|d| d.is_error()) {
            eprintln!("{}", diag::render_human(d, &doc.source));
        }
        return EXIT_FINDINGS;
    }
    match layout(&doc.model, &LayoutOptions { direction, engine }) {
        Ok(geometry) => {
            let json = serde_json::to_string_pretty(&geometry).expect("geometry serializes");
            let _ = writeln!(std::io::stdout().lock(), "{json}");
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_FINDINGS
        }
    }
}
