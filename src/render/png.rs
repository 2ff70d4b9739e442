//! SVG → PNG through resvg, with only the bundled font loaded (no system
//! fonts), so a PNG is the same on every machine.

use super::RenderError;
use crate::text::FONT_BYTES;
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// Largest picture we allocate, in pixels (about 160 MB of RGBA).
pub const MAX_PNG_PIXELS: u64 = 40_000_000;

fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT_BYTES.to_vec());
        let family = db
            .faces()
            .next()
            .and_then(|f| f.families.first())
            .map(|(name, _)| name.clone())
            .expect("bundled font has a family name");
        // Generic families in our font-family stack resolve to the bundled font.
        db.set_sans_serif_family(family.clone());
        db.set_serif_family(family.clone());
        db.set_monospace_family(family);
        Arc::new(db)
    })
    .clone()
}

/// Rasterises SVG text at `scale` (1 = one pixel per SVG unit).
pub fn png_from_svg(svg: &str, scale: f64) -> Result<Vec<u8>, RenderError> {
    let err = |m: String| RenderError { message: m };
    if !(scale.is_finite() && scale > 0.0 && scale <= 16.0) {
        return Err(err(format!(
            "scale must be above 0 and at most 16, got {scale}"
        )));
    }
    let opts = usvg::Options {
        fontdb: fontdb(),
        font_family: "DejaVu Sans".to_string(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opts).map_err(|e| err(format!("bad SVG: {e}")))?;
    let size = tree.size();
    let w = (f64::from(size.width()) * scale).ceil().max(1.0);
    let h = (f64::from(size.height()) * scale).ceil().max(1.0);
    if w * h > MAX_PNG_PIXELS as f64 {
        return Err(err(format!(
            "a {w}×{h} PNG is too large (limit {MAX_PNG_PIXELS} pixels); lower --scale"
        )));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w as u32, h as u32)
        .ok_or_else(|| err(format!("cannot allocate a {w}×{h} picture")))?;
    let s = scale as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(s, s),
        &mut pixmap.as_mut(),
    );
    encode(&pixmap).map_err(|e| err(format!("cannot encode PNG: {e}")))
}

/// PNG-encodes with fast compression: at the default scale a reference is
/// ~10 M pixels, and tiny-skia's default-level encoder spends most of the
/// time there (diagrams are flat colour, so the files stay small).
fn encode(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    // Premultiplied and straight alpha agree where pixels are opaque, which
    // they all are under our background; only convert when they are not.
    // AND of all pixels two at a time: no early exit, so it vectorises (a
    // per-pixel `all` was 4% of a PNG render).
    const ALPHAS: u64 = 0xFF00_0000_FF00_0000;
    let words = pixmap.data().chunks_exact(8);
    let tail_opaque = words.remainder().get(3).is_none_or(|&a| a == 255);
    let opaque = tail_opaque
        && words.fold(ALPHAS, |acc, w| {
            acc & u64::from_le_bytes(w.try_into().unwrap_or([0; 8]))
        }) & ALPHAS
            == ALPHAS;
    let converted: Vec<u8>;
    let rgba: &[u8] = if opaque {
        pixmap.data()
    } else {
        converted = pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect();
        &converted
    };
    let mut out = Vec::with_capacity(rgba.len() / 16);
    let mut enc = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    // One fixed filter instead of the default per-row adaptive choice, which
    // tries all five and was a fifth of a PNG render. Paeth gives files as
    // small as adaptive on our diagrams (Up and Sub: 1.7× larger, none: 30×).
    enc.set_filter(png::Filter::Paeth);
    enc.write_header()?.write_image_data(rgba)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" font-family="'DejaVu Sans', sans-serif"><rect width="40" height="20" fill="#ff0000"/><text x="2" y="15" font-size="14" fill="#000000">Hi</text></svg>"##;

    fn decode(png: &[u8]) -> tiny_skia::Pixmap {
        tiny_skia::Pixmap::decode_png(png).expect("valid PNG")
    }

    #[test]
    fn renders_at_scale_with_the_bundled_font() {
        let one = decode(&png_from_svg(SVG, 1.0).unwrap());
        assert_eq!((one.width(), one.height()), (40, 20));
        let two = decode(&png_from_svg(SVG, 2.0).unwrap());
        assert_eq!((two.width(), two.height()), (80, 40));
        let px = one.pixel(39, 0).unwrap();
        assert_eq!((px.red(), px.green(), px.blue()), (255, 0, 0));
        // The text was drawn: some pixels are dark.
        let dark = one
            .pixels()
            .iter()
            .filter(|p| p.red() < 100 && p.green() < 100)
            .count();
        assert!(dark > 10, "{dark} dark pixels: text not drawn");
        assert_eq!(
            png_from_svg(SVG, 1.0).unwrap(),
            png_from_svg(SVG, 1.0).unwrap()
        );
    }

    #[test]
    fn transparent_pixels_keep_straight_alpha() {
        // Widths 3 and 4: the transparent pixel falls in the odd tail and in
        // the paired part of the opacity scan.
        for (w, fill_w) in [(3, 2), (4, 2)] {
            let svg = format!(
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="1"><rect width="1" height="1" fill="#ff0000"/><rect x="1" width="{}" height="1" fill="#ff0000" fill-opacity="0.5"/></svg>"##,
                fill_w - 1
            );
            let img = decode(&png_from_svg(&svg, 1.0).unwrap());
            let solid = img.pixel(0, 0).unwrap();
            assert_eq!((solid.red(), solid.alpha()), (255, 255));
            let half = img.pixel(1, 0).unwrap().demultiply();
            assert!((126..=129).contains(&half.alpha()), "{half:?}");
            assert!(half.red() >= 250, "{half:?}");
            assert_eq!(img.pixel(w - 1, 0).unwrap().alpha(), 0);
        }
    }

    #[test]
    fn rejects_bad_scale_bad_svg_and_huge_pictures() {
        assert!(png_from_svg(SVG, 0.0).is_err());
        assert!(png_from_svg(SVG, f64::NAN).is_err());
        assert!(png_from_svg(SVG, 17.0).is_err());
        assert!(png_from_svg("<svg", 1.0).is_err());
        let huge = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"/>"#;
        let e = png_from_svg(huge, 1.0).unwrap_err();
        assert!(e.message.contains("too large"), "{e}");
    }
}
