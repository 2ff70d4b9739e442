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
    // Integer arithmetic on hundredths: float formatting with a precision
    // takes the slow exact path and showed up as the top cost of a render.
    let hundredths = (v * 100.0).round();
    if hundredths == 0.0 || hundredths.abs() >= 1e15 {
        return if hundredths == 0.0 {
            "0".to_string()
        } else {
            format!("{}", hundredths / 100.0)
        };
    }
    let h = hundredths as i64;
    let (whole, frac) = (h.unsigned_abs() / 100, h.unsigned_abs() % 100);
    // Digits by hand: `format!` here was a tenth of a whole render.
    let mut out = String::with_capacity(24);
    if h < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut n = whole;
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
    if frac != 0 {
        out.push('.');
        out.push(char::from(b'0' + (frac / 10) as u8));
        if frac % 10 != 0 {
            out.push(char::from(b'0' + (frac % 10) as u8));
        }
    }
    out
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
        assert_eq!(num(-3.05), "-3.05");
        assert_eq!(num(1234567.8), "1234567.8");
        assert_eq!(num(0.1), "0.1");
    }
}
