//! `mlsd check`: report diagnostics for files.

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Format, Loaded, plural, read};
use mlsd::diag::{self, Diagnostic, Severity};
use mlsd::source::SourceFile;
use std::io::Write as _;
use std::path::PathBuf;

pub fn run(files: &[PathBuf], format: Format) -> u8 {
    let mut io_failed = false;
    let mut reports: Vec<(SourceFile, Vec<Diagnostic>)> = Vec::new();
    for path in files {
        match read(path) {
            Ok(Loaded::Doc(doc)) => reports.push((doc.source, doc.diagnostics)),
            Ok(Loaded::Rejected(r)) => {
                let (file, d) = *r;
                reports.push((file, vec![d]));
            }
            Err(msg) => {
                eprintln!("error: {msg}");
                io_failed = true;
            }
        }
    }
    let all = || {
        reports
            .iter()
            .flat_map(|(f, ds)| ds.iter().map(move |d| (f, d)))
    };
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let located: Vec<_> = all().map(|(f, d)| diag::locate(d, f)).collect();
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&located).expect("diagnostics serialize")
            );
        }
        Format::Human => {
            for (f, d) in all() {
                let _ = writeln!(out, "{}", diag::render_human(d, f));
            }
            let count = |s| all().filter(|(_, d)| d.severity == s).count();
            let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
            let _ = writeln!(
                out,
                "{}: {} checked, {}, {}",
                if errors > 0 { "failed" } else { "ok" },
                plural(reports.len(), "file"),
                plural(errors, "error"),
                plural(warnings, "warning")
            );
        }
    }
    if io_failed {
        EXIT_USAGE
    } else if all().any(|(_, d)| d.is_error()) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
