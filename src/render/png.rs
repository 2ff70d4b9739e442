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
    let (w, h) = (w as u32, h as u32);
    encode_strips(&tree, w, h, scale as f32, strip_rows(w)).map_err(err)
}

/// Rows per strip: about 2 MiB of RGBA, so the whole picture (50 MB at the
/// default scale) is never allocated at once; zeroing and faulting in that
/// buffer was a third of a PNG render. Every strip re-walks the whole tree,
/// so thinner strips cost more (128 KiB strips: 3× slower than 2 MiB).
fn strip_rows(width: u32) -> u32 {
    const STRIP_BYTES: u32 = 2 << 20;
    STRIP_BYTES / (width.max(1) * 4).clamp(1, STRIP_BYTES)
}

/// Rasterises the picture in horizontal strips on one thread while this
/// thread PNG-encodes the finished ones, so the two halves of the work
/// overlap. Each strip renders the whole tree translated and tiny-skia clips
/// it to the strip. Strip height depends only on the width, so the output is
/// deterministic; it can differ from one full-size render on the edge pixels
/// of a curve that a strip edge cuts (tiny-skia approximates the chopped
/// curve with other line segments): on the references, under 0.02% of the
/// pixels, by at most 56 of 255 levels.
fn encode_strips(
    tree: &usvg::Tree,
    w: u32,
    h: u32,
    scale: f32,
    rows: u32,
) -> Result<Vec<u8>, String> {
    use std::sync::mpsc::sync_channel;
    let rows = rows.max(1);
    let (full_tx, full_rx) = sync_channel::<tiny_skia::Pixmap>(2);
    let (empty_tx, empty_rx) = sync_channel::<tiny_skia::Pixmap>(3);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut y = 0;
            while y < h {
                let sh = rows.min(h - y);
                let mut strip = match empty_rx.try_recv() {
                    Ok(mut p) if p.height() == sh => {
                        p.fill(tiny_skia::Color::TRANSPARENT);
                        p
                    }
                    _ => match tiny_skia::Pixmap::new(w, sh) {
                        Some(p) => p,
                        None => return,
                    },
                };
                let t = tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, 0.0, -(y as f32));
                resvg::render(tree, t, &mut strip.as_mut());
                if full_tx.send(strip).is_err() {
                    return; // the encoder failed and hung up
                }
                y += sh;
            }
        });
        // The receivers move into `encode`, so an encoding error drops them
        // and unblocks the rasteriser before the scope waits for it.
        encode(full_rx, empty_tx, w, h, rows)
    })
}

/// PNG-encodes strips as they arrive, handing each buffer back for reuse.
fn encode(
    strips: std::sync::mpsc::Receiver<tiny_skia::Pixmap>,
    reuse: std::sync::mpsc::SyncSender<tiny_skia::Pixmap>,
    w: u32,
    h: u32,
    rows: u32,
) -> Result<Vec<u8>, String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot encode PNG: {e}");
    let row_bytes = w as usize * 4;
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    // One fixed filter instead of the default per-row adaptive choice, which
    // tries all five and was a fifth of a PNG render. Paeth gives files as
    // small as adaptive on our diagrams (Up and Sub: 1.7× larger, none: 30×).
    enc.set_filter(png::Filter::Paeth);
    let mut writer = enc.write_header().map_err(|e| fail(&e))?;
    let mut stream = writer
        .stream_writer_with_size(row_bytes * rows as usize)
        .map_err(|e| fail(&e))?;
    let mut written = 0;
    let mut straight = Vec::new();
    for strip in strips.iter() {
        std::io::Write::write_all(&mut stream, straight_alpha(strip.data(), &mut straight))
            .map_err(|e| fail(&e))?;
        written += strip.height();
        let _ = reuse.try_send(strip);
    }
    if written != h {
        return Err(format!("cannot allocate a {w}×{rows} picture strip"));
    }
    stream.finish().map_err(|e| fail(&e))?;
    drop(writer);
    Ok(out)
}

/// The strip's pixels as straight (not premultiplied) RGBA, which PNG wants.
/// Premultiplied and straight alpha agree where pixels are opaque, which they
/// all are under our background; only convert when they are not.
fn straight_alpha<'a>(data: &'a [u8], buf: &'a mut Vec<u8>) -> &'a [u8] {
    // AND of all pixels two at a time: no early exit, so it vectorises (a
    // per-pixel `all` was 4% of a PNG render).
    const ALPHAS: u64 = 0xFF00_0000_FF00_0000;
    let words = data.chunks_exact(8);
    let tail_opaque = words.remainder().get(3).is_none_or(|&a| a == 255);
    let opaque = tail_opaque
        && words.fold(ALPHAS, |acc, w| {
            acc & u64::from_le_bytes(w.try_into().unwrap_or([0; 8]))
        }) & ALPHAS
            == ALPHAS;
    if opaque {
        return data;
    }
    buf.clear();
    buf.extend(data.chunks_exact(4).flat_map(|p| {
        let c = tiny_skia::PremultipliedColorU8::from_rgba(p[0], p[1], p[2], p[3])
            .map_or(tiny_skia::ColorU8::from_rgba(0, 0, 0, 0), |c| {
                c.demultiply()
            });
        [c.red(), c.green(), c.blue(), c.alpha()]
    }));
    buf
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
    fn strips_match_one_full_size_render_up_to_curve_antialiasing() {
        // Anti-aliased curves, text and a translucent shape cross the strip
        // edges; thin odd-height strips put a boundary through each of them.
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="60" height="90" font-family="sans-serif"><rect width="60" height="90" fill="#fff"/><circle cx="30" cy="30" r="21.3" fill="#36c" fill-opacity="0.6"/><path d="M2 2 L58 87" stroke="#000" stroke-width="1.7"/><text x="4" y="70" font-size="13">Qg</text></svg>"##;
        let opts = usvg::Options {
            fontdb: fontdb(),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(svg, &opts).unwrap();
        let mut full = tiny_skia::Pixmap::new(90, 135).unwrap();
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(1.5, 1.5),
            &mut full.as_mut(),
        );
        for rows in [1, 2, 3, 7, 64, 135, 500] {
            let png = encode_strips(&tree, 90, 135, 1.5, rows).unwrap();
            let got = decode(&png);
            assert_eq!((got.width(), got.height()), (90, 135));
            // Edge pixels of curves cut by a strip edge may differ; a strip
            // drawn at the wrong offset or missing would differ by up to 255
            // over whole rows.
            let (mut differing, mut worst) = (0, 0);
            for (a, b) in got.data().chunks(4).zip(full.data().chunks(4)) {
                let most = a.iter().zip(b).map(|(x, y)| x.abs_diff(*y)).max();
                worst = worst.max(most.unwrap_or(0));
                differing += usize::from(a != b);
            }
            assert!(worst <= 64, "{rows}-row strips: a pixel differs by {worst}");
            assert!(
                differing * 40 < 90 * 135,
                "{rows}-row strips: {differing} differ"
            );
            if rows >= 135 {
                assert_eq!(differing, 0, "one strip is one full-size render");
            }
        }
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
