//! A bare debug drawing of a layout (boxes, lines, label boxes), for looking
//! at the geometry while developing; `mlsd render` is the real renderer.
//!
//! cargo run --example layout_svg -- FILE [right|down] [stages|layout-rs] > out.svg

use mlsd::layout::{Engine, LayoutOptions, layout, stage_title_band};
use mlsd::vocab::Direction;
use std::fmt::Write as _;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: layout_svg FILE [right|down] [stages|layout-rs]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path).expect("readable file");
    let doc = mlsd::analyze_str(path, &text);
    let opts = LayoutOptions {
        direction: args.get(2).and_then(|d| Direction::from_name(d)),
        engine: args
            .get(3)
            .and_then(|e| Engine::from_name(e))
            .unwrap_or_default(),
    };
    let g = layout(&doc.model, &opts).expect("layout");
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" font-family="DejaVu Sans" ><rect width="100%" height="100%" fill="white"/>"#,
        g.width, g.height
    );
    for b in &g.stages {
        let _ = writeln!(
            s,
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#eef3ff" stroke="#88a"/><text x="{}" y="{}" font-size="14" font-weight="bold">{}</text>"##,
            b.x,
            b.y,
            b.w,
            b.h,
            b.x + 8.0,
            b.y + stage_title_band() - 9.0,
            b.label
        );
    }
    for c in &g.components {
        let label = &doc.model.graph[doc.model.find(&c.id).expect("id")].label;
        let _ = writeln!(
            s,
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="#fff" stroke="#333"/><text x="{}" y="{}" font-size="14" text-anchor="middle" dominant-baseline="middle">{}</text>"##,
            c.x,
            c.y,
            c.w,
            c.h,
            c.x + c.w / 2.0,
            c.y + c.h / 2.0,
            label
        );
    }
    for e in &g.edges {
        let pts: Vec<String> = e
            .points
            .iter()
            .map(|p| format!("{},{}", p[0], p[1]))
            .collect();
        let _ = writeln!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#555" stroke-width="1.3"/>"##,
            pts.join(" ")
        );
        if let Some(&[x, y]) = e.points.last() {
            let _ = writeln!(s, r##"<circle cx="{x}" cy="{y}" r="3" fill="#c00"/>"##);
        }
        if let Some(l) = &e.label {
            let _ = writeln!(
                s,
                r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#ffd" stroke="#cc8" stroke-width="0.5"/><text x="{}" y="{}" font-size="12" text-anchor="middle" dominant-baseline="middle">{}</text>"##,
                l.x,
                l.y,
                l.w,
                l.h,
                l.x + l.w / 2.0,
                l.y + l.h / 2.0,
                l.text
            );
        }
    }
    s.push_str("</svg>\n");
    print!("{s}");
}
