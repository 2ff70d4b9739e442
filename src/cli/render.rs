//! `mlsd render`: lay a diagram out and draw it as SVG or PNG.

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Loaded, display_name, read};
use clap::ValueEnum;
use mlsd::diag;
use mlsd::layout::{Engine, LayoutOptions, layout};
use mlsd::render::{self, Theme};
use mlsd::vocab::Direction;
use mlsd::{Document, output};
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PictureFormat {
    Svg,
    Png,
}

impl PictureFormat {
    fn extension(self) -> &'static str {
        match self {
            PictureFormat::Svg => "svg",
            PictureFormat::Png => "png",
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ThemeArg {
    /// Dark text on white
    Light,
    /// Light text on dark slate
    Dark,
    /// Light, switching to dark where the viewer prefers dark (SVG only; PNG renders light)
    Auto,
}

impl From<ThemeArg> for Theme {
    fn from(t: ThemeArg) -> Theme {
        match t {
            ThemeArg::Light => Theme::Light,
            ThemeArg::Dark => Theme::Dark,
            ThemeArg::Auto => Theme::Auto,
        }
    }
}

pub struct RenderArgs {
    pub file: PathBuf,
    pub output: Option<PathBuf>,
    pub format: Option<PictureFormat>,
    pub theme: Theme,
    pub scale: f64,
    pub direction: Option<Direction>,
    pub engine: Engine,
}

pub fn run(args: &RenderArgs) -> u8 {
    let target = match destination(&args.file, args.output.as_deref(), args.format) {
        Ok(t) => t,
        Err(msg) => {
            eprintln!("error: {msg}");
            return EXIT_USAGE;
        }
    };
    let doc = match load_valid(&args.file) {
        Ok(doc) => doc,
        Err(code) => return code,
    };
    let opts = LayoutOptions {
        direction: args.direction,
        engine: args.engine,
    };
    let geometry = match layout(&doc.model, &opts) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: cannot lay out {}: {e}", display_name(&args.file));
            return EXIT_FINDINGS;
        }
    };
    let bytes = match target.1 {
        PictureFormat::Svg => render::svg(&doc.model, &geometry, args.theme).into_bytes(),
        PictureFormat::Png => match render::png(&doc.model, &geometry, args.theme, args.scale) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_USAGE;
            }
        },
    };
    write_output(target.0.as_deref(), &bytes)
}

/// Where to write (None = stdout) and in which format.
fn destination(
    file: &Path,
    output: Option<&Path>,
    format: Option<PictureFormat>,
) -> Result<(Option<PathBuf>, PictureFormat), String> {
    match output {
        Some(o) if o == Path::new("-") => Ok((None, format.unwrap_or(PictureFormat::Svg))),
        Some(o) => {
            let by_ext = o
                .extension()
                .and_then(|e| e.to_str())
                .and_then(|e| PictureFormat::from_str(e, true).ok());
            match format.or(by_ext) {
                Some(f) => Ok((Some(o.to_path_buf()), f)),
                None => Err(format!(
                    "cannot tell the format of {}: name it .svg or .png, or pass --format",
                    o.display()
                )),
            }
        }
        None if file == Path::new("-") => Ok((None, format.unwrap_or(PictureFormat::Svg))),
        None => {
            let f = format.unwrap_or(PictureFormat::Svg);
            Ok((Some(file.with_extension(f.extension())), f))
        }
    }
}

/// Writes to a file atomically, or to stdout for `None`.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> u8 {
    let result = match path {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes).and_then(|()| out.flush())
        }
        Some(p) => output::write_atomic(p, bytes),
    };
    match result {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let name = path.map_or("standard output".to_string(), |p| p.display().to_string());
            eprintln!("error: cannot write {name}: {e}");
            EXIT_USAGE
        }
    }
}

/// Reads and analyzes a file; on errors prints them and returns the exit code.
pub fn load_valid(file: &Path) -> Result<Box<Document>, u8> {
    match read(file) {
        Ok(Loaded::Doc(doc)) if !doc.has_errors() => Ok(doc),
        Ok(Loaded::Doc(doc)) => {
            for d in doc.diagnostics.iter().filter(|d| d.is_error()) {
                eprintln!("{}", diag::render_human(d, &doc.source));
            }
            eprintln!("error: {} has errors; nothing written", display_name(file));
            Err(EXIT_FINDINGS)
        }
        Ok(Loaded::Rejected(r)) => {
            let (source, d) = *r;
            eprintln!("{}", diag::render_human(&d, &source));
            Err(EXIT_FINDINGS)
        }
        Err(msg) => {
            eprintln!("error: {msg}");
            Err(EXIT_USAGE)
        }
    }
}
