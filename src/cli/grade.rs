//! `mlsd grade`: grade answers against a reference; text, JSON or CSV.

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Loaded, display_name, read};
use clap::ValueEnum;
use mlsd::grade::{self, Grade, Reference, report};
use rayon::prelude::*;
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum)]
pub enum GradeFormat {
    /// Score, breakdown and feedback for people
    Text,
    /// An array with the full mapping and breakdown per answer (docs/grading.md)
    Json,
    /// One row per answer, for batch use
    Csv,
}

pub struct Args {
    pub answers: Vec<PathBuf>,
    pub against: Vec<PathBuf>,
    pub case: Option<String>,
    pub format: GradeFormat,
    pub svg: Option<PathBuf>,
    pub min_score: Option<f64>,
}

/// An answer's outcome: its grade and how many errors its file had, or why it could not be read.
type Outcome = Result<(Grade, usize), String>;

pub fn run(args: Args) -> u8 {
    let references = match load_references(&args) {
        Ok(r) => r,
        Err(msg) => {
            eprintln!("error: {msg}");
            return EXIT_USAGE;
        }
    };
    if args.svg.is_some() && args.answers.len() != 1 {
        eprintln!("error: --svg draws one answer's grade; give one ANSWER");
        return EXIT_USAGE;
    }
    // Parsing and grading dominate; spread answers over cores, keep input order.
    let outcomes: Vec<Outcome> = args
        .answers
        .par_iter()
        .map(|path| grade_one(path, &references))
        .collect();
    print(&args, &outcomes);
    let mut code = EXIT_OK;
    if let (Some(out), Some(Ok((g, _)))) = (&args.svg, outcomes.first()) {
        let reference = references
            .iter()
            .find(|r| r.name == g.reference)
            .expect("a grade names one of its references");
        let written = grade::picture::svg(g, &reference.model).and_then(|svg| {
            mlsd::output::write_atomic(out, svg.as_bytes()).map_err(|e| e.to_string())
        });
        if let Err(msg) = written {
            eprintln!("error: cannot write {}: {msg}", out.display());
            code = EXIT_USAGE;
        }
    }
    for (path, outcome) in args.answers.iter().zip(&outcomes) {
        match outcome {
            Err(msg) => {
                eprintln!("error: {msg}");
                code = EXIT_USAGE;
            }
            Ok((g, errors)) => {
                if *errors > 0 {
                    eprintln!(
                        "warning: {} has {errors} error(s); graded what could be read (run `mlsd check` on it)",
                        display_name(path)
                    );
                }
                if code == EXIT_OK && args.min_score.is_some_and(|n| g.score < n) {
                    code = EXIT_FINDINGS;
                }
            }
        }
    }
    code
}

fn load_references(args: &Args) -> Result<Vec<Reference>, String> {
    if let Some(id) = &args.case {
        let case = mlsd::cases::get(id).ok_or_else(|| match mlsd::cases::suggest(id) {
            Some(s) => format!("no case `{id}`; did you mean `{s}`? (`mlsd cases` lists them)"),
            None => format!("no case `{id}`; `mlsd cases` lists them"),
        })?;
        let several = case.references.len() > 1;
        return case
            .references
            .iter()
            .map(|r| {
                let doc = mlsd::analyze_str(r.path, r.source);
                if doc.has_errors() {
                    return Err(format!("built-in reference {} has errors", r.path));
                }
                let title = doc
                    .model
                    .title
                    .clone()
                    .unwrap_or_else(|| case.id.to_string());
                let name = if several && r.name != mlsd::cases::MAIN && !title.contains(r.name) {
                    format!("{title} ({})", r.name)
                } else {
                    title
                };
                Ok(Reference::new(name, doc.model))
            })
            .collect();
    }
    let several = args.against.len() > 1;
    args.against
        .iter()
        .map(|path| match read(path)? {
            Loaded::Doc(doc) if doc.has_errors() => Err(format!(
                "reference {} has errors; run `mlsd check {}`",
                display_name(path),
                display_name(path)
            )),
            Loaded::Doc(doc) => {
                let name = match (&doc.model.title, several) {
                    (Some(t), false) => t.clone(),
                    _ => display_name(path),
                };
                Ok(Reference::new(name, doc.model))
            }
            Loaded::Rejected(r) => {
                Err(format!("reference {}: {}", display_name(path), r.1.message))
            }
        })
        .collect()
}

fn grade_one(path: &Path, references: &[Reference]) -> Outcome {
    match read(path)? {
        Loaded::Doc(doc) => {
            let errors = doc.diagnostics.iter().filter(|d| d.is_error()).count();
            let g =
                grade::grade_best(&doc.model, references).ok_or("no reference to grade against")?;
            Ok((g, errors))
        }
        Loaded::Rejected(r) => Err(format!("{}: {}", display_name(path), r.1.message)),
    }
}

fn print(args: &Args, outcomes: &[Outcome]) {
    let mut out = std::io::stdout().lock();
    let graded = args
        .answers
        .iter()
        .zip(outcomes)
        .filter_map(|(p, o)| o.as_ref().ok().map(|(g, e)| (display_name(p), g, *e)));
    match args.format {
        GradeFormat::Text => {
            for (name, g, _) in graded {
                let _ = write!(out, "{}", report::render_text(g, &name));
            }
        }
        GradeFormat::Csv => {
            let _ = writeln!(out, "{}", report::csv_header());
            for (name, g, _) in graded {
                let _ = writeln!(out, "{}", report::csv_row(g, &name));
            }
        }
        GradeFormat::Json => {
            let all: Vec<serde_json::Value> = graded
                .map(|(name, g, errors)| {
                    let mut v = serde_json::to_value(g).expect("grades serialize");
                    if let Some(obj) = v.as_object_mut() {
                        obj.insert("answer".into(), name.into());
                        obj.insert("answer_errors".into(), errors.into());
                    }
                    v
                })
                .collect();
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&all).expect("json values serialize")
            );
        }
    }
}
