//! `mlsd cases`: list the built-in case studies, print a prompt or a reference answer.

use super::{EXIT_OK, EXIT_USAGE};
use clap::{Args, Subcommand};
use mlsd::cases::{self, Case};
use std::io::Write as _;

#[derive(Args)]
pub struct CasesArgs {
    #[command(subcommand)]
    action: Option<Action>,
}

#[derive(Subcommand)]
enum Action {
    /// Print a case's prompt, or with --answer its reference design
    #[command(
        after_help = "Examples:\n  mlsd cases show visual-search\n  mlsd cases show news-feed --answer > news-feed.mlsd\n  mlsd cases show similar-listings --answer --variant batch"
    )]
    Show {
        /// Case id, as listed by `mlsd cases`
        id: String,
        /// Print the reference answer (.mlsd) instead of the prompt
        #[arg(long)]
        answer: bool,
        /// Which reference answer, for cases with more than one
        #[arg(long, value_name = "NAME", requires = "answer", default_value = cases::MAIN)]
        variant: String,
    },
}

pub fn run(args: CasesArgs) -> u8 {
    match args.action {
        None => list(),
        Some(Action::Show {
            id,
            answer,
            variant,
        }) => show(&id, answer, &variant),
    }
}

fn list() -> u8 {
    let all = cases::all();
    let width = all.iter().map(|c| c.id.len()).max().unwrap_or(0);
    let mut out = std::io::stdout().lock();
    for case in all {
        let variants: Vec<_> = case.references[1..].iter().map(|r| r.name).collect();
        let extra = if variants.is_empty() {
            String::new()
        } else {
            format!(" (variants: {})", variants.join(", "))
        };
        let _ = writeln!(
            out,
            "{:<width$}  {}{} — {}",
            case.id,
            case.title(),
            extra,
            case.goal().unwrap_or_default()
        );
    }
    let _ = writeln!(
        out,
        "\nmlsd cases show ID prints a prompt; add --answer for the reference design."
    );
    EXIT_OK
}

fn show(id: &str, answer: bool, variant: &str) -> u8 {
    let Some(case) = cases::get(id) else {
        let hint = match cases::suggest(id) {
            Some(s) => format!("did you mean `{s}`? "),
            None => String::new(),
        };
        eprintln!("error: no case `{id}`\n  help: {hint}`mlsd cases` lists them");
        return EXIT_USAGE;
    };
    let text = if answer {
        match case.reference(variant) {
            Some(r) => r.source,
            None => {
                eprintln!(
                    "error: case `{}` has no variant `{variant}`\n  help: its variants are {}",
                    case.id,
                    variant_list(case)
                );
                return EXIT_USAGE;
            }
        }
    } else {
        case.prompt
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    EXIT_OK
}

fn variant_list(case: &Case) -> String {
    let names: Vec<_> = case
        .references
        .iter()
        .map(|r| format!("`{}`", r.name))
        .collect();
    names.join(", ")
}
