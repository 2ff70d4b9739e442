//! Model + Geometry → pictures. The renderer draws exactly the geometry the
//! layout produced (no re-layout); the model supplies kinds, steps, labels
//! and titles. SVG is the primary output; PNG rasterises that SVG with resvg
//! and the bundled font, so it looks the same on every machine.

mod png;
pub mod shapes;
mod svg;
pub mod theme;

pub use self::png::{MAX_PNG_PIXELS, png_from_svg};
pub use self::svg::svg;
pub use theme::Theme;

use crate::geometry::Geometry;
use crate::model::Model;

/// Why a picture could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    pub message: String,
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RenderError {}

/// Renders to PNG at `scale` (1 = one pixel per layout unit). `Theme::Auto`
/// has no viewer preference to follow in a raster image and renders light.
pub fn png(
    model: &Model,
    geometry: &Geometry,
    theme: Theme,
    scale: f64,
) -> Result<Vec<u8>, RenderError> {
    png_from_svg(&svg(model, geometry, theme), scale)
}

/// A coordinate as SVG text: at most two decimals, no `-0`, finite.
pub(crate) fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_string();
    }
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 {
        return "0".to_string();
    }
    let s = format!("{r:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::num;

    #[test]
    fn numbers_are_short_and_finite() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(1.0 / 3.0), "0.33");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(-2.25), "-2.25");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(f64::INFINITY), "0");
        assert_eq!(num(100.0), "100");
    }
}
