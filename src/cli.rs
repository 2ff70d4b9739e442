//! The `mlsd` command line: argument parsing and printing only. All work is
//! done by the library; this module maps its results to text and exit codes.

use clap::{Parser, Subcommand, ValueEnum};
use mlsd::diag::{self, Diagnostic, Severity};
use mlsd::source::SourceFile;
use mlsd::{Document, analyze};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes: 0 clean, 1 findings (errors, or files that need formatting), 2 usage or I/O errors.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "mlsd",
    version,
    about = "ML system design diagrams as code: check, format, render and grade them",
    after_help = "Examples:\n  mlsd check diagrams/video-recommendation/reference.mlsd\n  mlsd fmt --check diagrams/**/*.mlsd\n\nExit codes: 0 clean, 1 findings, 2 usage or I/O error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check diagrams for syntax and naming errors
    #[command(
        after_help = "Examples:\n  mlsd check design.mlsd\n  cat design.mlsd | mlsd check - --format json"
    )]
    Check {
        /// Files to check; `-` reads standard input
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Rewrite diagrams in canonical layout, keeping every comment
    #[command(
        after_help = "Examples:\n  mlsd fmt design.mlsd\n  mlsd fmt --check diagrams/*/*.mlsd\n  mlsd fmt - < design.mlsd"
    )]
    Fmt {
        /// Files to format in place; `-` formats standard input to standard output
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Change nothing; list files that are not formatted and exit 1 if any
        #[arg(long)]
        check: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// rustc-style text with source lines and carets
    Human,
    /// An array of {file, line, column, end_line, end_column, severity, code, message, help}
    Json,
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() {
                EXIT_USAGE
            } else {
                EXIT_OK
            });
        }
    };
    let code = match cli.command {
        Command::Check { files, format } => check(&files, format),
        Command::Fmt { files, check } => fmt(&files, check),
    };
    ExitCode::from(code)
}

/// A file read and analyzed, or the reason it could not be.
enum Loaded {
    Doc(Box<Document>),
    /// Readable bytes but not acceptable text (binary, too large): a diagnostic.
    Rejected(Box<(SourceFile, Diagnostic)>),
}

fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Reads a file (or stdin for `-`), bounded by the input size limit.
fn read(path: &Path) -> Result<Loaded, String> {
    let limit = mlsd::source::MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let result = if path == Path::new("-") {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    result.map_err(|e| format!("cannot read {}: {}", display_name(path), e))?;
    Ok(match SourceFile::from_bytes(display_name(path), &bytes) {
        Ok(source) => Loaded::Doc(Box::new(analyze(source))),
        Err(rejected) => Loaded::Rejected(rejected),
    })
}

fn check(files: &[PathBuf], format: Format) -> u8 {
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

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn fmt(files: &[PathBuf], check_only: bool) -> u8 {
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
