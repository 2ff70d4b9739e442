//! `mlsd check`: syntax, naming and framework-rule findings for files.

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Loaded, plural, read};
use clap::{ArgMatches, ValueEnum};
use mlsd::check::report::{self, FileReport};
use mlsd::check::{Setting, unknown_pattern};
use mlsd::diag;
use mlsd::model::LintLevel;
use std::io::Write as _;
use std::path::PathBuf;

/// Diagnostics shown per file in human output: past this a reader only
/// scrolls, and a pathological file would print megabytes.
const MAX_SHOWN: usize = 100;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  mlsd check design.mlsd\n  mlsd check --deny warnings --allow 'monitoring.*' diagrams/*/*.mlsd\n  cat design.mlsd | mlsd check - --format sarif\n\nSeverity settings apply after the file's own `allow|warn|deny` lines, in command-line order; `*` is a wildcard and `warnings` stands for every rule at warning level. `mlsd rules` lists the rules.\nExit codes: 0 no errors, 1 errors, 2 usage or I/O error."
)]
pub struct Args {
    /// Files to check; `-` reads standard input
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Turn off the rules matching RULE
    #[arg(long, value_name = "RULE")]
    allow: Vec<String>,
    /// Report the rules matching RULE as warnings
    #[arg(long, value_name = "RULE")]
    warn: Vec<String>,
    /// Report the rules matching RULE as errors (`--deny warnings`: every warning, the language's too)
    #[arg(long, value_name = "RULE")]
    deny: Vec<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// rustc-style text with source lines and carets
    Human,
    /// mlsd's JSON report (docs/check-json.md)
    Json,
    /// SARIF 2.1.0, for CI systems and editors
    Sarif,
}

/// The run's severity settings in command-line order, so a later flag
/// overrides an earlier one as it does in the file.
fn settings(args: &Args, matches: Option<&ArgMatches>) -> Vec<Setting> {
    let mut out: Vec<(usize, Setting)> = Vec::new();
    for (name, level, values) in [
        ("allow", LintLevel::Allow, &args.allow),
        ("warn", LintLevel::Warn, &args.warn),
        ("deny", LintLevel::Deny, &args.deny),
    ] {
        let indices: Vec<usize> = matches
            .and_then(|m| m.indices_of(name))
            .map(|i| i.collect())
            .unwrap_or_default();
        for (k, pattern) in values.iter().enumerate() {
            let at = indices.get(k).copied().unwrap_or(usize::MAX);
            out.push((
                at,
                Setting {
                    level,
                    pattern: pattern.clone(),
                },
            ));
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, s)| s).collect()
}

pub fn run(args: &Args, matches: Option<&ArgMatches>) -> u8 {
    let settings = settings(args, matches);
    for s in &settings {
        if let Some(near) = unknown_pattern(&s.pattern) {
            let hint = near.map_or(String::from("; `mlsd rules` lists the rule ids"), |id| {
                format!("; did you mean `{id}`?")
            });
            eprintln!("warning: no rule matches `{}`{hint}", s.pattern);
        }
    }
    let mut io_failed = false;
    let mut reports: Vec<FileReport> = Vec::new();
    for path in &args.files {
        match read(path) {
            Ok(Loaded::Doc(doc)) => reports.push(FileReport::check(*doc, &settings)),
            Ok(Loaded::Rejected(r)) => {
                let (file, d) = *r;
                reports.push(FileReport::rejected(file, d));
            }
            Err(msg) => {
                eprintln!("error: {msg}");
                io_failed = true;
            }
        }
    }
    let summary = report::summary(&reports);
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&report::json(&reports)).expect("report serializes")
            );
        }
        Format::Sarif => {
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&report::sarif(&reports)).expect("report serializes")
            );
        }
        Format::Human => {
            for r in &reports {
                for d in r.diagnostics.iter().take(MAX_SHOWN) {
                    let _ = writeln!(out, "{}", diag::render_human(d, &r.source));
                }
                if r.diagnostics.len() > MAX_SHOWN {
                    let _ = writeln!(
                        out,
                        "note: {}: {} more diagnostics not shown (`--format json` lists all)\n",
                        r.source.name,
                        r.diagnostics.len() - MAX_SHOWN
                    );
                }
                if !r.rules_checked {
                    let _ = writeln!(
                        out,
                        "note: {}: framework rules not checked until the errors above are fixed\n",
                        r.source.name
                    );
                }
            }
            let mut line = format!(
                "{}: {} checked, {}, {}",
                if summary.errors > 0 { "failed" } else { "ok" },
                plural(summary.files, "file"),
                plural(summary.errors, "error"),
                plural(summary.warnings, "warning"),
            );
            if summary.infos > 0 {
                line.push_str(&format!(", {} ", summary.infos));
                line.push_str(if summary.infos == 1 { "note" } else { "notes" });
            }
            let _ = writeln!(out, "{line}");
        }
    }
    if io_failed {
        EXIT_USAGE
    } else if summary.errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
