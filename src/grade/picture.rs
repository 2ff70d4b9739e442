//! The reference diagram coloured by a grade: matched parts green, partly
//! matched amber, missing red and dashed, with the answer's extras listed
//! under the drawing. Drawn by the renderer; the grade only adds a style
//! sheet keyed on the renderer's `data-id` / `data-from` / `data-to`
//! attributes and a list of extras.

use super::report::{FlowHow, Grade, How};
use crate::layout::{LayoutOptions, layout};
use crate::model::Model;
use crate::render::{self, Theme};
use std::fmt::Write as _;

const MATCHED: (&str, &str) = ("#dcfce7", "#16a34a");
const PARTIAL: (&str, &str) = ("#fef3c7", "#d97706");
const MISSING: (&str, &str) = ("#fee2e2", "#dc2626");
const LINE_HEIGHT: f64 = 20.0;

/// Escapes text for XML content and attribute values.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An SVG of `reference` coloured by `grade`. Errors if the reference cannot be laid out.
pub fn svg(grade: &Grade, reference: &Model) -> Result<String, String> {
    let geometry = layout(reference, &LayoutOptions::default()).map_err(|e| e.message)?;
    let base = render::svg(reference, &geometry, Theme::Light);
    let mut css = String::from("<style>\n");
    for c in &grade.components {
        let (fill, stroke) = match c.how {
            How::Exact | How::Synonym => MATCHED,
            How::Partial | How::Split | How::Merged | How::Placed => PARTIAL,
            How::Missing => MISSING,
        };
        let dash = if c.how == How::Missing {
            "stroke-dasharray:6 4;"
        } else {
            ""
        };
        let _ = writeln!(
            css,
            "g.component[data-id=\"{}\"] .shape {{fill:{fill};stroke:{stroke};stroke-width:2;{dash}}}",
            escape(&c.reference.id)
        );
    }
    for f in &grade.flows {
        let (_, stroke) = match f.how {
            FlowHow::Direct => MATCHED,
            FlowHow::Missing => MISSING,
            _ => PARTIAL,
        };
        let dash = if f.how == FlowHow::Missing {
            "stroke-dasharray:6 4;"
        } else {
            ""
        };
        let _ = writeln!(
            css,
            "g.edge[data-from=\"{}\"][data-to=\"{}\"] path {{stroke:{stroke};{dash}}}",
            escape(&f.from.id),
            escape(&f.to.id)
        );
    }
    css.push_str("</style>\n");

    // Room under the drawing for a legend and the extras.
    let lines = 1 + usize::from(!grade.extras.is_empty()) + grade.extras.len();
    let (width, height) = size(&base).ok_or("renderer output has no size")?;
    let new_height = height + 16.0 + LINE_HEIGHT * lines as f64;
    let mut notes = String::from("<g class=\"grade-notes\" font-size=\"14\" fill=\"#1f2937\">\n");
    let mut y = height + LINE_HEIGHT;
    let _ = writeln!(
        notes,
        "<text x=\"16\" y=\"{y}\">Score {:.1}/100 · green: matched · amber: partly matched · red, dashed: missing</text>",
        grade.score
    );
    if !grade.extras.is_empty() {
        y += LINE_HEIGHT;
        let _ = writeln!(
            notes,
            "<text x=\"16\" y=\"{y}\" font-weight=\"bold\">Extras in the answer (not in the reference):</text>"
        );
        for e in &grade.extras {
            y += LINE_HEIGHT;
            let _ = writeln!(
                notes,
                "<text x=\"32\" y=\"{y}\">{}</text>",
                escape(&e.label)
            );
        }
    }
    notes.push_str("</g>\n");

    let old_h = format!("height=\"{height}\"");
    let new_h = format!("height=\"{new_height}\"");
    let out = base
        .replacen(
            &format!("viewBox=\"0 0 {width} {height}\""),
            &format!("viewBox=\"0 0 {width} {new_height}\""),
            1,
        )
        .replace(&old_h, &new_h);
    let defs_end = out.find("</defs>").map_or(0, |i| i + "</defs>\n".len());
    let close = out.rfind("</svg>").ok_or("renderer output has no </svg>")?;
    let mut result = String::with_capacity(out.len() + css.len() + notes.len());
    result.push_str(&out[..defs_end]);
    result.push_str(&css);
    result.push_str(&out[defs_end..close]);
    result.push_str(&notes);
    result.push_str(&out[close..]);
    Ok(result)
}

/// Width and height from the root element's viewBox.
fn size(svg: &str) -> Option<(String, f64)> {
    let start = svg.find("viewBox=\"0 0 ")? + "viewBox=\"0 0 ".len();
    let rest = &svg[start..];
    let end = rest.find('"')?;
    let mut parts = rest[..end].split(' ');
    let width = parts.next()?.to_string();
    let height = parts.next()?.parse().ok()?;
    Some((width, height))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grade::{Reference, grade};

    #[test]
    fn colours_matched_and_missing_parts_and_lists_extras() {
        let src = "u: client \"User\"\nstage serving {\n  ann: index \"ANN index\"\n  ranker: model \"Ranking model\"\n}\nu -> ann -> ranker -> u\n";
        let reference = crate::analyze_str("r.mlsd", src).model;
        let answer = crate::analyze_str(
            "a.mlsd",
            "u: client \"User\"\nvdb: index \"Vector DB\"\ncdn: external \"CDN\"\nu -> vdb\n",
        )
        .model;
        let g = grade(&answer, &Reference::new("r", reference.clone()));
        let svg = svg(&g, &reference).unwrap();
        assert!(
            svg.contains("g.component[data-id=\"ann\"] .shape {fill:#dcfce7"),
            "{svg}"
        );
        assert!(svg.contains("g.component[data-id=\"ranker\"] .shape {fill:#fee2e2"));
        assert!(svg.contains("g.edge[data-from=\"ann\"][data-to=\"ranker\"] path {stroke:#dc2626"));
        assert!(svg.contains(">CDN</text>"));
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let root = doc.root_element();
        let (_, h) = size(&svg).unwrap();
        assert_eq!(root.attribute("height").unwrap().parse::<f64>().unwrap(), h);
    }
}
