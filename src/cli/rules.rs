//! `mlsd rules`: list the framework rules, or explain one.

use super::{EXIT_OK, EXIT_USAGE};
use mlsd::check::{self, RULES};
use mlsd::diag::suggest;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  mlsd rules\n  mlsd rules serving.offline-store-read\n  mlsd rules --markdown > docs/rules.md"
)]
pub struct Args {
    /// The rule to explain, with its rationale and a bad and a good example
    #[arg(value_name = "ID")]
    id: Option<String>,
    /// Print docs/rules.md (every rule, with examples) instead
    #[arg(long, conflicts_with = "id")]
    markdown: bool,
}

pub fn run(args: &Args) -> u8 {
    if args.markdown {
        print!("{}", check::markdown());
        return EXIT_OK;
    }
    let Some(id) = &args.id else {
        print!("{}", check::list());
        return EXIT_OK;
    };
    match check::rule(id) {
        Some(rule) => {
            print!("{}", check::explain(rule));
            EXIT_OK
        }
        None => {
            let hint = suggest(id, RULES.iter().map(|r| r.id))
                .map_or(String::from("`mlsd rules` lists them"), |s| {
                    format!("did you mean `{s}`?")
                });
            eprintln!("error: no rule `{id}`; {hint}");
            EXIT_USAGE
        }
    }
}
