//! A shape per component kind, drawn inside the component's box. Each shape
//! is SVG path data: an outline (filled and stroked in the step colour),
//! optional detail lines (stroked only), an optional mark (filled with the
//! stroke colour) and an optional glyph on the mark (background colour).

use super::num;
use crate::vocab::Kind;

#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub outline: String,
    pub lines: Option<String>,
    pub mark: Option<String>,
    pub glyph: Option<String>,
    /// Where the label's centre goes; shapes with caps or stacks shift it.
    pub label_center: (f64, f64),
    /// Stroke width of the outline.
    pub stroke_width: f64,
    /// Dash pattern of the outline, for kinds outside the system.
    pub dash: Option<&'static str>,
}

/// The shape of `kind` filling the box (x, y, w, h).
pub fn shape(kind: Kind, x: f64, y: f64, w: f64, h: f64) -> Shape {
    let (cx, cy) = (x + w / 2.0, y + h / 2.0);
    let mut s = Shape {
        outline: rounded_rect(x, y, w, h, 6.0),
        lines: None,
        mark: None,
        glyph: None,
        label_center: (cx, cy),
        stroke_width: 1.5,
        dash: None,
    };
    match kind {
        Kind::Service => {}
        Kind::Model => {
            s.outline = rounded_rect(x, y, w, h, 10.0);
            s.lines = Some(rounded_rect(x + 3.5, y + 3.5, w - 7.0, h - 7.0, 7.0));
            s.stroke_width = 2.0;
        }
        Kind::Store | Kind::Cache => {
            let ry = (h * 0.14).clamp(3.0, 8.0);
            let rx = w / 2.0;
            s.outline = format!(
                "M{},{}A{},{} 0 0 1 {},{}V{}A{},{} 0 0 1 {},{}Z",
                num(x),
                num(y + ry),
                num(rx),
                num(ry),
                num(x + w),
                num(y + ry),
                num(y + h - ry),
                num(rx),
                num(ry),
                num(x),
                num(y + h - ry),
            );
            let rim = |yy: f64| {
                format!(
                    "M{},{}A{},{} 0 0 0 {},{}",
                    num(x),
                    num(yy),
                    num(rx),
                    num(ry),
                    num(x + w),
                    num(yy)
                )
            };
            s.lines = Some(if kind == Kind::Cache {
                // A second rim: a faster, smaller store.
                format!("{}{}", rim(y + ry), rim(y + ry + 4.0))
            } else {
                rim(y + ry)
            });
            s.label_center.1 += ry / 2.0;
        }
        Kind::Log => {
            // A wavy bottom that still passes through the bottom-centre, where
            // vertical edges attach.
            let a = (h * 0.12).clamp(2.0, 6.0);
            s.outline = format!(
                "M{},{}H{}V{}C{},{} {},{} {},{}S{},{} {},{}Z",
                num(x),
                num(y),
                num(x + w),
                num(y + h - a),
                num(x + w * 0.8),
                num(y + h - 2.0 * a),
                num(x + w * 0.62),
                num(y + h),
                num(cx),
                num(y + h),
                num(x + w * 0.2),
                num(y + h + a),
                num(x),
                num(y + h - a),
            );
            s.label_center.1 -= a / 2.0;
        }
        Kind::Stream => {
            let rx = (w * 0.06).clamp(4.0, 10.0);
            let ry = h / 2.0;
            s.outline = format!(
                "M{},{}H{}A{},{} 0 0 1 {},{}H{}A{},{} 0 0 1 {},{}Z",
                num(x + rx),
                num(y),
                num(x + w - rx),
                num(rx),
                num(ry),
                num(x + w - rx),
                num(y + h),
                num(x + rx),
                num(rx),
                num(ry),
                num(x + rx),
                num(y),
            );
            s.lines = Some(format!(
                "M{},{}A{},{} 0 0 0 {},{}",
                num(x + w - rx),
                num(y),
                num(rx),
                num(ry),
                num(x + w - rx),
                num(y + h)
            ));
            s.label_center.0 -= rx / 2.0;
        }
        Kind::Dataset => {
            let o = 4.0;
            s.outline = rounded_rect(x, y + o, w - o, h - o, 3.0);
            s.lines = Some(format!(
                "M{},{}V{}H{}V{}H{}",
                num(x + o),
                num(y + o),
                num(y),
                num(x + w),
                num(y + h - o),
                num(x + w - o),
            ));
            s.label_center = (cx - o / 2.0, cy + o / 2.0);
        }
        Kind::Job => {
            let i = (h * 0.3).min(12.0);
            s.outline = format!(
                "M{},{}H{}L{},{}L{},{}H{}L{},{}Z",
                num(x + i),
                num(y),
                num(x + w - i),
                num(x + w),
                num(cy),
                num(x + w - i),
                num(y + h),
                num(x + i),
                num(x),
                num(cy),
            );
        }
        Kind::Source => {
            // Slanted so the side midpoints, where edges attach, lie on the box.
            let k = (w * 0.08).min(10.0) / 2.0;
            s.outline = format!(
                "M{},{}H{}L{},{}H{}Z",
                num(x + k),
                num(y),
                num(x + w + k),
                num(x + w - k),
                num(y + h),
                num(x - k),
            );
        }
        Kind::Index => {
            s.outline = rounded_rect(x, y, w, h, 3.0);
            let lx = x + 4.0;
            s.lines = Some(
                [-5.0, 0.0, 5.0]
                    .iter()
                    .map(|d| format!("M{},{}h5", num(lx), num(cy + d)))
                    .collect(),
            );
        }
        Kind::Registry => {
            s.outline = rounded_rect(x, y, w, h, 2.0);
            s.lines = Some(format!(
                "M{},{}V{}M{},{}V{}",
                num(x + 5.0),
                num(y),
                num(y + h),
                num(x + w - 5.0),
                num(y),
                num(y + h)
            ));
        }
        Kind::Experiment => {
            let c = (h / 4.0).min(8.0);
            s.outline = format!(
                "M{},{}H{}L{},{}V{}L{},{}H{}L{},{}V{}Z",
                num(x + c),
                num(y),
                num(x + w - c),
                num(x + w),
                num(y + c),
                num(y + h - c),
                num(x + w - c),
                num(y + h),
                num(x + c),
                num(x),
                num(y + h - c),
                num(y + c),
            );
        }
        Kind::Monitor => {
            let r = 4.0;
            s.outline = rounded_rect(x, y, w, h, r);
            s.mark = Some(format!(
                "M{},{}V{}A{r},{r} 0 0 1 {},{}H{}A{r},{r} 0 0 1 {},{}V{}Z",
                num(x),
                num(y + 5.0),
                num(y + r),
                num(x + r),
                num(y),
                num(x + w - r),
                num(x + w),
                num(y + r),
                num(y + 5.0),
            ));
            s.label_center.1 += 2.0;
        }
        Kind::Client | Kind::Human => {
            let r = if kind == Kind::Client { h / 2.0 } else { 6.0 };
            s.outline = rounded_rect(x, y, w, h, r);
            // A person badge on the top edge, clear of the centred label.
            let (bx, by) = (x + r.max(12.0), y);
            s.mark = Some(circle(bx, by, 8.0));
            s.glyph = Some(format!(
                "{}M{},{}a4.6,3.6 0 0 1 9.2,0Z",
                circle(bx, by - 2.2, 2.4),
                num(bx - 4.6),
                num(by + 5.0),
            ));
        }
        Kind::External => {
            s.outline = rounded_rect(x, y, w, h, 0.0);
            s.dash = Some("5 3");
        }
    }
    s
}

fn circle(cx: f64, cy: f64, r: f64) -> String {
    format!(
        "M{},{}a{r},{r} 0 1 0 {},0a{r},{r} 0 1 0 {},0Z",
        num(cx - r),
        num(cy),
        num(2.0 * r),
        num(-2.0 * r),
    )
}

/// A rectangle with corner radius `r` (clamped to fit), as path data.
pub fn rounded_rect(x: f64, y: f64, w: f64, h: f64, r: f64) -> String {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    if r == 0.0 {
        return format!("M{},{}h{}v{}h{}Z", num(x), num(y), num(w), num(h), num(-w));
    }
    let rr = num(r);
    format!(
        "M{},{}H{}A{rr},{rr} 0 0 1 {},{}V{}A{rr},{rr} 0 0 1 {},{}H{}A{rr},{rr} 0 0 1 {},{}V{}A{rr},{rr} 0 0 1 {},{}Z",
        num(x + r),
        num(y),
        num(x + w - r),
        num(x + w),
        num(y + r),
        num(y + h - r),
        num(x + w - r),
        num(y + h),
        num(x + r),
        num(x),
        num(y + h - r),
        num(y + r),
        num(x + r),
        num(y),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_shape_inside_its_box() {
        let mut outlines = Vec::new();
        for &k in Kind::ALL {
            let s = shape(k, 10.0, 20.0, 120.0, 40.0);
            let (lx, ly) = s.label_center;
            assert!(
                (60.0..=80.0).contains(&lx) && (30.0..=50.0).contains(&ly),
                "{k:?}"
            );
            assert!(
                s.outline.starts_with('M') && s.outline.ends_with('Z'),
                "{k:?}"
            );
            outlines.push(s.outline);
        }
        // Most kinds differ in outline; the rest differ in details.
        outlines.sort();
        outlines.dedup();
        assert!(outlines.len() >= 10, "{}", outlines.len());
        let store = shape(Kind::Store, 0.0, 0.0, 100.0, 40.0);
        let cache = shape(Kind::Cache, 0.0, 0.0, 100.0, 40.0);
        assert_eq!(store.outline, cache.outline);
        assert_ne!(store.lines, cache.lines);
        assert!(shape(Kind::Client, 0.0, 0.0, 100.0, 40.0).mark.is_some());
        assert_eq!(shape(Kind::External, 0.0, 0.0, 9.0, 9.0).dash, Some("5 3"));
    }

    #[test]
    fn tiny_boxes_still_give_finite_paths() {
        for &k in Kind::ALL {
            let s = shape(k, 0.0, 0.0, 0.0, 0.0);
            assert!(
                !s.outline.contains("NaN") && !s.outline.contains("inf"),
                "{k:?}"
            );
        }
    }
}
