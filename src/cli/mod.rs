//! The `mlsd` command line: argument parsing and printing only. All work is
//! done by the library; this module maps its results to text and exit codes.
//! Each subcommand lives in its own file.

mod cases;
mod check;
mod export;
mod fmt;
mod grade;
mod layout;
mod render;
mod rules;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use mlsd::diag::Diagnostic;
use mlsd::source::SourceFile;
use mlsd::{Document, analyze};
use std::io::Read as _;
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
    /// Check diagrams: syntax, names, and the ML design framework's rules
    Check(check::Args),
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
    /// Grade answers against a reference: score 0-100, breakdown and feedback
    #[command(
        after_help = "Examples:\n  mlsd grade answer.mlsd --against diagrams/video-recommendation/reference.mlsd\n  mlsd grade answers/*.mlsd --against ref.mlsd --format csv\n  mlsd grade answer.mlsd --against ref-a.mlsd ref-b.mlsd --min-score 60\n\nExit codes: 0 graded, 1 a score below --min-score, 2 usage or I/O error."
    )]
    Grade {
        /// Answer files to grade; `-` reads standard input
        #[arg(required = true, value_name = "ANSWER")]
        answers: Vec<PathBuf>,
        /// Reference file(s); with several variants each answer keeps its best grade
        #[arg(long, num_args = 1.., value_name = "REF", required_unless_present = "case", conflicts_with = "case")]
        against: Vec<PathBuf>,
        /// A built-in reference case, e.g. video-recommendation
        #[arg(long, value_name = "ID")]
        case: Option<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = grade::GradeFormat::Text)]
        format: grade::GradeFormat,
        /// Also draw the reference with matched and missing parts coloured
        #[arg(long, value_name = "OUT.svg")]
        svg: Option<PathBuf>,
        /// Exit 1 if any answer scores below N
        #[arg(long, value_name = "N")]
        min_score: Option<f64>,
    },
    /// List the built-in case studies; print a prompt or its reference answer
    #[command(
        after_help = "Examples:\n  mlsd cases\n  mlsd cases show visual-search\n  mlsd cases show visual-search --answer"
    )]
    Cases(cases::CasesArgs),
    /// Compute the layout and print its geometry as JSON (docs/layout.md)
    #[command(
        after_help = "Examples:\n  mlsd layout design.mlsd\n  mlsd layout design.mlsd --direction down --engine layout-rs"
    )]
    Layout {
        /// The diagram; `-` reads standard input
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Main flow direction [default: the file's `direction`, else down]
        #[arg(long, value_enum)]
        direction: Option<DirectionArg>,
        /// Layout engine: `layout-rs` is flat (no stage boxes) and limited to 300 components
        #[arg(long, value_enum, default_value_t = EngineArg::Stages)]
        engine: EngineArg,
    },
    /// List the framework rules, or explain one with examples
    Rules(rules::Args),
    /// Draw a diagram as SVG or PNG
    #[command(
        after_help = "Examples:\n  mlsd render design.mlsd                      # writes design.svg\n  mlsd render design.mlsd -o design.png --scale 2 --theme dark\n  mlsd render design.mlsd -o - --theme auto > design.svg\n\nThe format follows the output's extension unless --format is given.\nFiles with errors are not rendered (exit 1)."
    )]
    Render {
        /// The diagram; `-` reads standard input
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Output file, `-` for standard output [default: FILE with the format's extension; stdout for `-`]
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Output format [default: from OUT's extension, else svg]
        #[arg(long, value_enum)]
        format: Option<render::PictureFormat>,
        /// Colours; `auto` follows the viewer's light/dark preference (SVG)
        #[arg(long, value_enum, default_value_t = render::ThemeArg::Light)]
        theme: render::ThemeArg,
        /// PNG pixels per layout unit (above 0, at most 16)
        #[arg(long, default_value_t = 2.0)]
        scale: f64,
        /// Main flow direction [default: the file's `direction`, else down]
        #[arg(long, value_enum)]
        direction: Option<DirectionArg>,
        /// Layout engine
        #[arg(long, value_enum, default_value_t = EngineArg::Stages)]
        engine: EngineArg,
    },
    /// Write a diagram as Graphviz DOT, Mermaid, D2 or JSON
    #[command(
        after_help = "Examples:\n  mlsd export design.mlsd --to dot | dot -Tsvg > design.svg\n  mlsd export design.mlsd --to mermaid -o design.mmd\n\nFiles with errors are not exported (exit 1)."
    )]
    Export {
        /// The diagram; `-` reads standard input
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Target language
        #[arg(long, value_enum)]
        to: export::TargetArg,
        /// Output file [default: standard output]
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DirectionArg {
    Right,
    Down,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum EngineArg {
    Stages,
    #[value(name = "layout-rs")]
    LayoutRs,
}

pub fn main() -> ExitCode {
    // Raw matches too: `check` reads the order of its --allow/--warn/--deny flags.
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
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
        Command::Check(args) => check::run(&args, matches.subcommand_matches("check")),
        Command::Fmt { files, check } => fmt::run(&files, check),
        Command::Grade {
            answers,
            against,
            case,
            format,
            svg,
            min_score,
        } => grade::run(grade::Args {
            answers,
            against,
            case,
            format,
            svg,
            min_score,
        }),
        Command::Cases(args) => cases::run(args),
        Command::Layout {
            file,
            direction,
            engine,
        } => layout::run(&file, direction.map(DirectionArg::into), engine.into()),
        Command::Rules(args) => rules::run(&args),
        Command::Render {
            file,
            output,
            format,
            theme,
            scale,
            direction,
            engine,
        } => render::run(&render::RenderArgs {
            file,
            output,
            format,
            theme: theme.into(),
            scale,
            direction: direction.map(DirectionArg::into),
            engine: engine.into(),
        }),
        Command::Export { file, to, output } => export::run(&file, to.into(), output.as_ref()),
    };
    ExitCode::from(code)
}

/// A file read and analyzed, or the reason it could not be.
pub enum Loaded {
    Doc(Box<Document>),
    /// Readable bytes but not acceptable text (binary, too large): a diagnostic.
    Rejected(Box<(SourceFile, Diagnostic)>),
}

pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Reads a file (or stdin for `-`), bounded by the input size limit.
pub fn read(path: &Path) -> Result<Loaded, String> {
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

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl From<DirectionArg> for mlsd::vocab::Direction {
    fn from(d: DirectionArg) -> Self {
        match d {
            DirectionArg::Right => mlsd::vocab::Direction::Right,
            DirectionArg::Down => mlsd::vocab::Direction::Down,
        }
    }
}

impl From<EngineArg> for mlsd::layout::Engine {
    fn from(e: EngineArg) -> Self {
        match e {
            EngineArg::Stages => mlsd::layout::Engine::Stages,
            EngineArg::LayoutRs => mlsd::layout::Engine::LayoutRs,
        }
    }
}
