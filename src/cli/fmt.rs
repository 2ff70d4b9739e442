//! `mlsd fmt`: canonical formatting, in place and atomically.

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Loaded, read};
use mlsd::diag;
use std::path::{Path, PathBuf};

pub fn run(files: &[PathBuf], check_only: bool) -> u8 {
    let mut status = EXIT_OK;
    let mut raise = |s: u8| status = status.max(s);
    for path in files {
        let doc = match read(path) {
            Ok(Loaded::Doc(doc)) => doc,
            Ok(Loaded::Rejected(r)) => {
                eprintln!("{}", diag::render_human(&r.1, &r.0));
                raise(EXIT_FINDINGS);
                continue;
            }
            Err(msg) => {
                eprintln!("error: {msg}");
                raise(EXIT_USAGE);
                continue;
            }
        };
        let Some(formatted) = mlsd::formatter::format(&doc.syntax) else {
            for d in doc
                .diagnostics
                .iter()
                .filter(|d| d.code.starts_with("syntax."))
            {
                eprintln!("{}", diag::render_human(d, &doc.source));
            }
            eprintln!(
                "error: {} not formatted: fix the syntax errors first",
                doc.source.name
            );
            raise(EXIT_FINDINGS);
            continue;
        };
        if path == Path::new("-") {
            if check_only {
                if formatted != doc.source.text {
                    println!("{}", doc.source.name);
                    raise(EXIT_FINDINGS);
                }
            } else {
                print!("{formatted}");
            }
            continue;
        }
        if formatted == doc.source.text {
            continue;
        }
        if check_only {
            println!("{}", doc.source.name);
            raise(EXIT_FINDINGS);
        } else if let Err(e) = mlsd::output::write_atomic(path, formatted.as_bytes()) {
            eprintln!("error: cannot write {}: {e}", doc.source.name);
            raise(EXIT_USAGE);
        } else {
            eprintln!("formatted {}", doc.source.name);
        }
    }
    status
}
