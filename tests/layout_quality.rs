//! Quality of the default layout engine on every bundled diagram and on
//! generated ones: no overlaps, disjoint stage boxes holding exactly their
//! components and title, edges clear of components, labels clear of
//! everything, finite in-canvas coordinates, deterministic output, and a
//! page-friendly aspect ratio for the references.

use mlsd::geometry::Geometry;
use mlsd::layout::{LayoutOptions, STAGE_PADDING, layout, stage_title_band};
use mlsd::text;
use mlsd::vocab::Direction;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    /// Interiors intersect (touching borders is fine).
    fn overlaps(&self, o: &Rect) -> bool {
        const E: f64 = 0.01;
        self.x + E < o.x + o.w
            && o.x + E < self.x + self.w
            && self.y + E < o.y + o.h
            && o.y + E < self.y + self.h
    }
    fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x - 0.01
            && o.y >= self.y - 0.01
            && o.x + o.w <= self.x + self.w + 0.01
            && o.y + o.h <= self.y + self.h + 0.01
    }
    /// Whether the segment a–b passes through the interior (shrunk by 0.5 px).
    fn cut_by(&self, a: [f64; 2], b: [f64; 2]) -> bool {
        let (x0, y0, x1, y1) = (
            self.x + 0.5,
            self.y + 0.5,
            self.x + self.w - 0.5,
            self.y + self.h - 0.5,
        );
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [
            (-dx, a[0] - x0),
            (dx, x1 - a[0]),
            (-dy, a[1] - y0),
            (dy, y1 - a[1]),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        t0 < t1
    }
}

fn title_rect(s: &mlsd::geometry::StageBox) -> Rect {
    let w = text::width(&s.label, text::STAGE_TITLE_FONT_SIZE) + 2.0 * STAGE_PADDING;
    Rect {
        x: s.x,
        y: s.y,
        w,
        h: stage_title_band(),
    }
}

/// Every property the issue asks of a layout; returns the problems found.
fn problems(g: &Geometry) -> Vec<String> {
    let mut out = Vec::new();
    let comps: Vec<Rect> = g
        .components
        .iter()
        .map(|c| Rect {
            x: c.x,
            y: c.y,
            w: c.w,
            h: c.h,
        })
        .collect();
    let stages: Vec<Rect> = g
        .stages
        .iter()
        .map(|s| Rect {
            x: s.x,
            y: s.y,
            w: s.w,
            h: s.h,
        })
        .collect();
    let titles: Vec<Rect> = g.stages.iter().map(title_rect).collect();
    let labels: Vec<(usize, Rect)> = g
        .edges
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            e.label.as_ref().map(|l| {
                (
                    i,
                    Rect {
                        x: l.x,
                        y: l.y,
                        w: l.w,
                        h: l.h,
                    },
                )
            })
        })
        .collect();
    let canvas = Rect {
        x: 0.0,
        y: 0.0,
        w: g.width,
        h: g.height,
    };
    let mut finite = vec![g.width, g.height];
    for r in comps
        .iter()
        .chain(&stages)
        .chain(labels.iter().map(|(_, r)| r))
    {
        finite.extend([r.x, r.y, r.w, r.h]);
        if !canvas.contains(r) {
            out.push(format!("box outside the canvas: {r:?}"));
        }
    }
    for e in &g.edges {
        for p in &e.points {
            finite.extend(p);
            if p[0] < 0.0 || p[1] < 0.0 || p[0] > g.width || p[1] > g.height {
                out.push(format!(
                    "edge {}->{} point outside the canvas: {p:?}",
                    e.from, e.to
                ));
            }
        }
    }
    if finite.iter().any(|v| !v.is_finite()) {
        out.push("non-finite coordinate".into());
    }
    for i in 0..comps.len() {
        for j in i + 1..comps.len() {
            if comps[i].overlaps(&comps[j]) {
                out.push(format!(
                    "components {} and {} overlap",
                    g.components[i].id, g.components[j].id
                ));
            }
        }
    }
    for (i, s) in g.stages.iter().enumerate() {
        for j in i + 1..stages.len() {
            if stages[i].overlaps(&stages[j]) {
                out.push(format!("stages {} and {} overlap", s.id, g.stages[j].id));
            }
        }
        if !stages[i].contains(&titles[i]) {
            out.push(format!("stage {} does not hold its title", s.id));
        }
        for (c, r) in g.components.iter().zip(&comps) {
            let member = c.stage.as_deref() == Some(s.id.as_str());
            if member && !stages[i].contains(r) {
                out.push(format!(
                    "stage {} does not contain its component {}",
                    s.id, c.id
                ));
            }
            if !member && stages[i].overlaps(r) {
                out.push(format!(
                    "stage {} overlaps foreign component {}",
                    s.id, c.id
                ));
            }
            if titles[i].overlaps(r) {
                out.push(format!("component {} overlaps the title of {}", c.id, s.id));
            }
        }
    }
    for e in &g.edges {
        if e.points.len() < 2 {
            out.push(format!(
                "edge {}->{} has fewer than two points",
                e.from, e.to
            ));
        }
        for seg in e.points.windows(2) {
            for (c, r) in g.components.iter().zip(&comps) {
                if c.id != e.from && c.id != e.to && r.cut_by(seg[0], seg[1]) {
                    out.push(format!("edge {}->{} passes through {}", e.from, e.to, c.id));
                }
            }
        }
    }
    for (k, &(i, l)) in labels.iter().enumerate() {
        let e = &g.edges[i];
        for (c, r) in g.components.iter().zip(&comps) {
            if l.overlaps(r) {
                out.push(format!(
                    "label of {}->{} overlaps component {}",
                    e.from, e.to, c.id
                ));
            }
        }
        for (s, t) in g.stages.iter().zip(&titles) {
            if l.overlaps(t) {
                out.push(format!(
                    "label of {}->{} overlaps the title of {}",
                    e.from, e.to, s.id
                ));
            }
        }
        for &(j, m) in &labels[k + 1..] {
            if l.overlaps(&m) {
                out.push(format!(
                    "labels of {}->{} and {}->{} overlap",
                    e.from, e.to, g.edges[j].from, g.edges[j].to
                ));
            }
        }
    }
    out
}

fn references() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/diagrams")).unwrap() {
        let dir = dir.unwrap().path();
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for f in entries {
                let f = f.unwrap().path();
                if f.extension().is_some_and(|x| x == "mlsd") {
                    files.push(f);
                }
            }
        }
    }
    files.sort();
    assert!(!files.is_empty());
    files
}

fn check(name: &str, src: &str, direction: Option<Direction>) -> Geometry {
    let doc = mlsd::analyze_str(name, src);
    let opts = LayoutOptions {
        direction,
        ..Default::default()
    };
    let g = layout(&doc.model, &opts).unwrap_or_else(|e| panic!("{name}: {e}"));
    let found = problems(&g);
    assert!(
        found.is_empty(),
        "{name} ({direction:?}): {} problems, first: {:#?}",
        found.len(),
        &found[..found.len().min(8)]
    );
    assert_eq!(g.components.len(), doc.model.graph.node_count());
    assert_eq!(g.edges.len(), doc.model.graph.edge_count());
    let again = layout(&doc.model, &opts).unwrap();
    assert_eq!(
        serde_json::to_string(&g).unwrap(),
        serde_json::to_string(&again).unwrap(),
        "{name}: output differs between runs"
    );
    g
}

#[test]
fn references_lay_out_cleanly_in_both_directions() {
    for path in references() {
        let src = std::fs::read_to_string(&path).unwrap();
        let name = path.display().to_string();
        let g = check(&name, &src, None);
        let aspect = g.width.max(g.height) / g.width.min(g.height);
        assert!(
            aspect <= 3.0,
            "{name}: aspect {aspect:.2} ({} x {})",
            g.width,
            g.height
        );
        for d in [Direction::Right, Direction::Down] {
            check(&name, &src, Some(d));
        }
    }
}

#[test]
fn generated_diagrams_lay_out_cleanly() {
    for (n, seed) in [(10, 1), (25, 2), (60, 3), (120, 4), (250, 5), (500, 6)] {
        let src = mlsd::synth::diagram(n, n * 3 / 2, seed);
        check(&format!("synth {n}/{seed}"), &src, None);
    }
    check(
        "synth down",
        &mlsd::synth::diagram(80, 120, 9),
        Some(Direction::Down),
    );
}

#[test]
fn diagrams_without_stages_and_odd_shapes() {
    let cases = [
        ("empty", String::new()),
        ("one", "a: service \"A\"\n".to_string()),
        ("no stages", "a: service \"A\"\nb: model \"B\"\nc: store \"C\"\na -> b -> c -> a: \"loop\"\na -> c: \"skip\"\n".to_string()),
        ("multi-line label", "stage data {\n a: store \"Line one\\nline two\"\n}\nb: client \"B\"\nb -> a: \"x\\ny\"\na -> b\n".to_string()),
    ];
    for (name, src) in cases {
        check(name, &src, None);
        check(name, &src, Some(Direction::Down));
    }
}

#[test]
fn deep_ladders_and_long_chains_finish() {
    // A ladder: two long chains with rungs and crossing braces between them,
    // plus a long chain with back edges; path enumeration would explode here.
    let mut src = String::from("stage data {\n");
    let n = 400;
    for i in 0..n {
        src.push_str(&format!("  a{i}: job \"A{i}\"\n  b{i}: job \"B{i}\"\n"));
    }
    src.push_str("}\nstage serving {\n");
    for i in 0..n {
        src.push_str(&format!("  c{i}: service \"C{i}\"\n"));
    }
    src.push_str("}\n");
    for i in 0..n - 1 {
        src.push_str(&format!(
            "a{i} -> a{}\nb{i} -> b{}\na{i} -> b{}\nb{i} -> a{}\nc{i} -> c{}\n",
            i + 1,
            i + 1,
            i + 1,
            i + 1,
            i + 1
        ));
        if i % 10 == 0 {
            src.push_str(&format!("c{} -> c{i}: \"back\"\n", i + 1));
        }
    }
    src.push_str(&format!("a{} -> c0\nc{} -> a0\n", n - 1, n - 1));
    let doc = mlsd::analyze_str("ladder", &src);
    assert!(!doc.has_errors());
    let g = layout(&doc.model, &LayoutOptions::default()).unwrap();
    assert_eq!(g.components.len(), 3 * n);
    assert!(g.width.is_finite() && g.height.is_finite());
}

#[test]
fn the_checks_catch_broken_geometry() {
    let doc = mlsd::analyze_str(
        "t",
        "stage data {\n a: store \"A\"\n b: job \"B\"\n}\nc: client \"C\"\nc -> a: \"in\"\na -> b: \"x\"\n",
    );
    let good = layout(&doc.model, &LayoutOptions::default()).unwrap();
    assert!(problems(&good).is_empty());
    // Move c onto a: overlap, foreign component in a stage, edges through it.
    let mut bad = good.clone();
    bad.components[2].x = bad.components[0].x;
    bad.components[2].y = bad.components[0].y;
    let found = problems(&bad).join("\n");
    assert!(found.contains("overlap"), "{found}");
    // A label moved onto a component, and an edge cut across the stage.
    let mut bad = good.clone();
    let a = bad.components[0].clone();
    if let Some(l) = bad.edges[1].label.as_mut() {
        l.x = a.x;
        l.y = a.y;
    }
    let b = bad.components[1].clone();
    bad.edges[0].points = vec![
        [b.x - 5.0, b.y + b.h / 2.0],
        [b.x + b.w + 5.0, b.y + b.h / 2.0],
    ];
    let found = problems(&bad).join("\n");
    assert!(
        found.contains("label of a->b overlaps component a"),
        "{found}"
    );
    assert!(found.contains("edge c->a passes through b"), "{found}");
    let mut bad = good;
    bad.width = f64::NAN;
    assert!(!problems(&bad).is_empty());
}
