//! Text measurement with the bundled font (DejaVu Sans), shared by layout and
//! rendering so that boxes fit their labels exactly as drawn, on any machine.

use std::sync::OnceLock;

/// The font every label is measured and (for PNG) drawn with.
pub static FONT_BYTES: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// The family name SVG output asks for first, then generic fallbacks.
pub const FONT_FAMILY: &str = "'DejaVu Sans', Verdana, 'Helvetica Neue', Arial, sans-serif";

/// Font sizes in px, shared so layout measures what the renderer draws.
pub const COMPONENT_FONT_SIZE: f64 = 14.0;
pub const EDGE_LABEL_FONT_SIZE: f64 = 12.0;
pub const STAGE_TITLE_FONT_SIZE: f64 = 14.0;

struct Metrics {
    units_per_em: f64,
    /// Advance widths for code points below 0x250 (Latin), in font units.
    latin: Vec<u16>,
    /// Advance used for anything the font lacks or beyond the table.
    fallback: u16,
    line_height: f64,
}

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let face = ttf_parser::Face::parse(FONT_BYTES, 0).expect("bundled font parses");
        let advance = |c: char| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .unwrap_or(0)
        };
        let fallback = advance('M');
        let latin = (0u32..0x250)
            .map(|u| {
                char::from_u32(u)
                    .map(advance)
                    .filter(|&a| a > 0)
                    .unwrap_or(fallback)
            })
            .collect();
        let upem = f64::from(face.units_per_em());
        let line_height = f64::from(face.ascender() - face.descender() + face.line_gap()) / upem;
        Metrics {
            units_per_em: upem,
            latin,
            fallback,
            line_height,
        }
    })
}

/// Width in pixels of one line of `text` at `size` px.
pub fn width(text: &str, size: f64) -> f64 {
    let m = metrics();
    let units: u64 = text
        .chars()
        .map(|c| u64::from(*m.latin.get(c as usize).unwrap_or(&m.fallback)))
        .sum();
    units as f64 / m.units_per_em * size
}

/// Line height in pixels at `size` px.
pub fn line_height(size: f64) -> f64 {
    metrics().line_height * size
}

/// Width and height of possibly multi-line text (lines split on `\n`).
pub fn measure(text: &str, size: f64) -> (f64, f64) {
    let lines: Vec<&str> = text.split('\n').collect();
    let w = lines.iter().map(|l| width(l, size)).fold(0.0, f64::max);
    (w, lines.len() as f64 * line_height(size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_font() {
        // DejaVu Sans: 'i' is much narrower than 'W'; widths scale with size.
        assert!(width("iiii", 12.0) < width("WWWW", 12.0) / 2.0);
        assert!((width("abc", 24.0) - 2.0 * width("abc", 12.0)).abs() < 1e-9);
        assert_eq!(width("", 12.0), 0.0);
        let (w, h) = measure("ab\nabcd", 10.0);
        assert!((w - width("abcd", 10.0)).abs() < 1e-9);
        assert!((h - 2.0 * line_height(10.0)).abs() < 1e-9);
        // Characters outside the table still take space.
        assert!(width("漢字", 12.0) > 0.0);
    }
}
