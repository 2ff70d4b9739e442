//! Geometry → SVG text with the `svg` crate.
//!
//! Document order is fixed: diagram `<title>` and `<desc>`, styles and
//! markers, background, heading, then one `<g class="stage">` per stage, one
//! `<g class="component">` per component and one `<g class="edge">` per edge,
//! each with its own `<title>`. Only ids (identifiers by the grammar) and our
//! own constants go into attributes; every user-written string goes into a
//! text node, which the `svg` crate escapes (`&`, `<`, `>`), after characters
//! XML cannot carry are replaced.

use super::num;
use super::shapes::{Shape, shape};
use super::theme::{DARK, Palette, Theme, repaint_css, step_class};
use crate::geometry::{ComponentBox, EdgePath, Geometry, StageBox};
use crate::model::{Component, Model};
use crate::text::{
    COMPONENT_FONT_SIZE, EDGE_LABEL_FONT_SIZE, FONT_BYTES, FONT_FAMILY, STAGE_TITLE_FONT_SIZE,
    line_height,
};
use crate::vocab::{Kind, Step};
use ::svg::Document;
use ::svg::Node as _;
use ::svg::node::Text as TextNode;
use ::svg::node::element::{
    Definitions, Description, Element, Group, Marker, Path, Rectangle, Style, TSpan, Title,
};
use std::sync::OnceLock;

/// Heading band above the diagram when the model has a title.
const HEADING_FONT_SIZE: f64 = 18.0;
const HEADING_HEIGHT: f64 = 40.0;
const HEADING_X: f64 = 16.0;
/// Stage titles sit inside the stage box, left-aligned and centred in the
/// title band the layout reserves at its top.
const STAGE_TITLE_PAD_X: f64 = 10.0;
/// Corner radius for bends in edge polylines.
const BEND_RADIUS: f64 = 6.0;

/// Renders the geometry as a self-contained SVG document.
pub fn svg(model: &Model, geometry: &Geometry, theme: Theme) -> String {
    let p = theme.base();
    let title = model.title.as_deref().map(clean);
    let heading = if title.is_some() { HEADING_HEIGHT } else { 0.0 };
    let title_w = title.as_deref().map_or(0.0, |t| {
        crate::text::width(t, HEADING_FONT_SIZE) + 2.0 * HEADING_X
    });
    let width = finite(geometry.width).max(title_w).max(1.0);
    let height = finite(geometry.height) + heading;

    let mut doc = Document::new()
        .set("width", num(width))
        .set("height", num(height))
        .set("viewBox", format!("0 0 {} {}", num(width), num(height)))
        .set("role", "img")
        .set("aria-labelledby", "mlsd-title mlsd-desc")
        .set("class", format!("mlsd theme-{}", theme.as_str()))
        .set("font-family", FONT_FAMILY)
        .add(Title::new(title.clone().unwrap_or_else(|| "Diagram".into())).set("id", "mlsd-title"))
        .add(
            Description::new()
                .set("id", "mlsd-desc")
                .add(TextNode::new(describe(model))),
        );
    if theme == Theme::Auto {
        doc = doc.add(Style::new(format!(
            "@media (prefers-color-scheme: dark){{{}}}",
            repaint_css(&DARK)
        )));
    }
    doc = doc
        .add(
            Definitions::new().add(
                Marker::new()
                    .set("id", "mlsd-arrow")
                    .set("viewBox", "0 0 10 8")
                    .set("refX", 9)
                    .set("refY", 4)
                    .set("markerWidth", 10)
                    .set("markerHeight", 8)
                    .set("markerUnits", "userSpaceOnUse")
                    .set("orient", "auto")
                    .add(
                        Path::new()
                            .set("class", "arrowhead")
                            .set("fill", p.edge)
                            .set("d", "M0,0L10,4L0,8Z"),
                    ),
            ),
        )
        .add(
            Rectangle::new()
                .set("class", "bg")
                .set("fill", p.background)
                .set("width", num(width))
                .set("height", num(height)),
        );
    if let Some(t) = title {
        doc = doc.add(
            text(&t)
                .set("class", "title")
                .set("fill", p.text)
                .set("x", num(HEADING_X))
                .set(
                    "y",
                    num(HEADING_HEIGHT / 2.0 + ascent(HEADING_FONT_SIZE) / 2.0 - 2.0),
                )
                .set("font-size", num(HEADING_FONT_SIZE))
                .set("font-weight", "bold"),
        );
    }
    let mut body = Group::new().set("class", "diagram");
    if heading > 0.0 {
        body = body.set("transform", format!("translate(0 {})", num(heading)));
    }
    for s in &geometry.stages {
        body = body.add(stage(model, s, p));
    }
    for c in &geometry.components {
        body = body.add(component(model, c, p));
    }
    for e in &geometry.edges {
        body = body.add(edge(model, e, p));
    }
    doc = doc.add(body);
    let mut out = String::with_capacity(64 * 1024);
    write_node(&mut out, &doc);
    out.push('\n');
    out
}

/// Serialises a node exactly as the `svg` crate's `Display` does (attributes
/// sorted by name, `&<>"'` escaped, a newline before each non-text child), but
/// into one buffer: the crate's `Display` allocated three strings per
/// attribute to escape it and was half of a whole `mlsd render`.
fn write_node(out: &mut String, node: &dyn ::svg::Node) {
    let Some(attributes) = node.get_attributes() else {
        // Text, comments and blobs: few and short; the crate writes them.
        use std::fmt::Write as _;
        let _ = write!(out, "{node}");
        return;
    };
    let name = node.get_name();
    out.push('<');
    out.push_str(name);
    let mut sorted: Vec<(&String, &::svg::node::Value)> = attributes.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (key, value) in sorted {
        out.push(' ');
        out.push_str(key);
        out.push_str("=\"");
        escape_into(out, value);
        out.push('"');
    }
    let children = node.get_children().map_or(&[][..], |c| c.as_slice());
    if children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    // The crate prints "bareable" elements (`text`, `style`, …) in alternate
    // mode, which puts their text on its own line.
    let bareable = node.is_bareable();
    let mut bare = false;
    for child in children {
        bare = child.is_bare() && !bareable;
        if !bare {
            out.push('\n');
        }
        write_node(out, child.as_ref());
    }
    if !bare {
        out.push('\n');
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// The crate's attribute escaping (`&<>"'`), without allocating.
fn escape_into(out: &mut String, value: &str) {
    let mut rest = value;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&apos;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

fn stage(model: &Model, s: &StageBox, p: &Palette) -> Group {
    let found = model.stages.iter().find(|st| st.id == s.id);
    let step = found.and_then(|st| st.step);
    let label = clean(found.map_or(s.label.as_str(), |st| st.label.as_str()));
    let colors = p.step(step);
    let class = step_class(step);
    let tooltip = match step {
        Some(st) => format!("Stage {label} ({} step)", st.as_str()),
        None => format!("Stage {label}"),
    };
    Group::new()
        .set("class", "stage")
        .set("data-id", s.id.as_str())
        .add(Title::new(tooltip))
        .add(
            Rectangle::new()
                .set("class", format!("stage-box {class}"))
                .set("fill", colors.stage_fill)
                .set("stroke", colors.stage_stroke)
                .set("stroke-width", 1.5)
                .set("x", num(s.x))
                .set("y", num(s.y))
                .set("width", num(s.w.max(0.0)))
                .set("height", num(s.h.max(0.0)))
                .set("rx", 10),
        )
        .add(
            text(&label)
                .set("class", format!("stage-title {class}"))
                .set("fill", colors.title)
                .set("x", num(s.x + STAGE_TITLE_PAD_X))
                .set("y", num(s.y + stage_title_baseline()))
                .set("font-size", num(STAGE_TITLE_FONT_SIZE))
                .set("font-weight", "bold"),
        )
}

fn component(model: &Model, c: &ComponentBox, p: &Palette) -> Group {
    let node = model.find(&c.id);
    let comp: Option<&Component> = node.map(|n| model.component(n));
    let kind = comp.map_or(Kind::External, |c| c.kind);
    let step: Option<Step> = node.and_then(|n| model.step_of(n));
    let label = clean(comp.map_or(c.id.as_str(), |c| c.label.as_str()));
    let colors = p.step(step);
    let class = step_class(step);
    let sh: Shape = shape(kind, c.x, c.y, c.w.max(0.0), c.h.max(0.0));
    let optional = comp.is_some_and(|c| c.attrs.optional);

    let mut tooltip = format!("{} ({}", label.replace('\n', " "), kind.as_str());
    if let Some(st) = comp.and_then(|c| c.stage) {
        tooltip.push_str(&format!(", in {}", clean(&model.stages[st].label)));
    }
    if optional {
        tooltip.push_str(", optional");
    }
    tooltip.push(')');

    let mut outline = Path::new()
        .set("class", format!("shape {class}"))
        .set("fill", colors.fill)
        .set("stroke", colors.stroke)
        .set("stroke-width", num(sh.stroke_width))
        .set("d", sh.outline);
    if let Some(dash) = sh.dash.or(optional.then_some("6 4")) {
        outline = outline.set("stroke-dasharray", dash);
    }
    let mut g = Group::new()
        .set("class", "component")
        .set("data-id", c.id.as_str())
        .set("data-kind", kind.as_str())
        .add(Title::new(tooltip))
        .add(outline);
    if let Some(stage) = &c.stage {
        g = g.set("data-stage", stage.as_str());
    }
    if let Some(d) = sh.lines {
        g = g.add(
            Path::new()
                .set("class", format!("line {class}"))
                .set("fill", "none")
                .set("stroke", colors.stroke)
                .set("stroke-width", 1.2)
                .set("d", d),
        );
    }
    if let Some(d) = sh.mark {
        g = g.add(
            Path::new()
                .set("class", format!("mark {class}"))
                .set("fill", colors.stroke)
                .set("stroke", colors.stroke)
                .set("d", d),
        );
    }
    if let Some(d) = sh.glyph {
        g = g.add(
            Path::new()
                .set("class", "bg")
                .set("fill", p.background)
                .set("d", d),
        );
    }
    g.add(centered_text(
        &label,
        sh.label_center,
        COMPONENT_FONT_SIZE,
        "label",
        p.text,
    ))
}

fn edge(model: &Model, e: &EdgePath, p: &Palette) -> Group {
    let name = |id: &str| {
        model
            .find(id)
            .map_or_else(|| id.to_string(), |n| clean(&model.component(n).label))
    };
    let flow = match (model.find(&e.from), model.find(&e.to)) {
        (Some(a), Some(b)) => model.graph.find_edge(a, b).map(|ix| &model.graph[ix]),
        _ => None,
    };
    let label = e.label.as_ref().map(|l| clean(&l.text));
    let mut tooltip = format!("{} → {}", name(&e.from), name(&e.to));
    if let Some(l) = &label {
        tooltip.push_str(&format!(": {}", l.replace('\n', " ")));
    }
    let mut line = Path::new()
        .set("class", "edge-line")
        .set("fill", "none")
        .set("stroke", p.edge)
        .set("stroke-width", 1.5)
        .set("stroke-linejoin", "round")
        .set("marker-end", "url(#mlsd-arrow)")
        .set("d", polyline(&e.points));
    // Offline and batch flows are dashed: they do not run per request.
    if flow.is_some_and(|f| f.attrs.offline || f.attrs.batch) {
        line = line.set("stroke-dasharray", "6 4");
    }
    let mut g = Group::new()
        .set("class", "edge")
        .set("data-from", e.from.as_str())
        .set("data-to", e.to.as_str())
        .add(Title::new(tooltip))
        .add(line);
    if let (Some(lb), Some(text)) = (&e.label, label) {
        g = g
            .add(
                Rectangle::new()
                    .set("class", "edge-label-bg")
                    .set("fill", p.label_fill)
                    .set("fill-opacity", 0.92)
                    .set("stroke", p.edge)
                    .set("stroke-opacity", 0.35)
                    .set("x", num(lb.x))
                    .set("y", num(lb.y))
                    .set("width", num(lb.w.max(0.0)))
                    .set("height", num(lb.h.max(0.0)))
                    .set("rx", 4),
            )
            .add(centered_text(
                &text,
                (lb.x + lb.w / 2.0, lb.y + lb.h / 2.0),
                EDGE_LABEL_FONT_SIZE,
                "edge-label",
                p.muted,
            ));
    }
    g
}

/// Text centred on `center`, one `<tspan>` per line for multi-line labels.
fn centered_text(content: &str, center: (f64, f64), size: f64, class: &str, fill: &str) -> Element {
    let lines: Vec<&str> = content.split('\n').collect();
    let lh = line_height(size);
    let top = center.1 - lines.len() as f64 * lh / 2.0;
    let baseline = |i: usize| top + i as f64 * lh + (lh - em_height(size)) / 2.0 + ascent(size);
    let base = |t: Element| {
        t.set("class", class)
            .set("fill", fill)
            .set("font-size", num(size))
            .set("text-anchor", "middle")
    };
    if lines.len() == 1 {
        return base(text(content))
            .set("x", num(center.0))
            .set("y", num(baseline(0)));
    }
    lines.iter().enumerate().fold(base(text("")), |t, (i, l)| {
        t.add(
            TSpan::new(*l)
                .set("x", num(center.0))
                .set("y", num(baseline(i))),
        )
    })
}

/// A `<text>` element. The `svg` crate's own `Text` wraps its content in
/// newlines, which would become part of the text in the DOM.
fn text(content: &str) -> Element {
    let mut e = Element::new("text");
    if !content.is_empty() {
        e.append(TextNode::new(content));
    }
    e
}

/// Builder-style attributes for a plain `Element`.
trait With {
    fn set(self, name: &str, value: impl Into<::svg::node::Value>) -> Self;
    fn add(self, node: impl ::svg::Node) -> Self;
}

impl With for Element {
    fn set(mut self, name: &str, value: impl Into<::svg::node::Value>) -> Self {
        self.assign(name, value);
        self
    }

    fn add(mut self, node: impl ::svg::Node) -> Self {
        self.append(node);
        self
    }
}

/// Path data for a polyline, with bends rounded off.
fn polyline(points: &[[f64; 2]]) -> String {
    let pts: Vec<[f64; 2]> = points
        .iter()
        .map(|&[x, y]| [finite(x), finite(y)])
        .collect();
    let Some(first) = pts.first() else {
        return "M0,0".to_string();
    };
    let mut d = format!("M{},{}", num(first[0]), num(first[1]));
    for i in 1..pts.len() {
        let b = pts[i];
        if i + 1 < pts.len() {
            let (a, c) = (pts[i - 1], pts[i + 1]);
            let (la, lc) = (dist(a, b), dist(b, c));
            let r = BEND_RADIUS.min(la / 2.0).min(lc / 2.0);
            if r > 0.5 {
                let p1 = [b[0] + (a[0] - b[0]) * r / la, b[1] + (a[1] - b[1]) * r / la];
                let p2 = [b[0] + (c[0] - b[0]) * r / lc, b[1] + (c[1] - b[1]) * r / lc];
                d.push_str(&format!(
                    "L{},{}Q{},{} {},{}",
                    num(p1[0]),
                    num(p1[1]),
                    num(b[0]),
                    num(b[1]),
                    num(p2[0]),
                    num(p2[1])
                ));
                continue;
            }
        }
        d.push_str(&format!("L{},{}", num(b[0]), num(b[1])));
    }
    d
}

fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

fn finite(v: f64) -> f64 {
    if v.is_finite() { v } else { 0.0 }
}

/// One sentence for screen readers: what the diagram contains.
fn describe(model: &Model) -> String {
    let mut s = format!(
        "ML system design diagram: {} components",
        model.graph.node_count()
    );
    if !model.stages.is_empty() {
        let names: Vec<String> = model.stages.iter().map(|st| clean(&st.label)).collect();
        s.push_str(&format!(
            " in {} stages ({})",
            model.stages.len(),
            names.join(", ")
        ));
    }
    let flows = model.graph.edge_count();
    s.push_str(&format!(
        ", {flows} flow{}.",
        if flows == 1 { "" } else { "s" }
    ));
    for t in &model.tasks {
        s.push_str(&format!(" Task: {}", t.kind.as_str()));
        if let Some(o) = &t.objective {
            s.push_str(&format!(", {}", clean(o)));
        }
        s.push('.');
    }
    for phase in [crate::vocab::Phase::Offline, crate::vocab::Phase::Online] {
        let names: Vec<String> = model
            .metrics
            .iter()
            .filter(|m| m.phase == phase)
            .map(|m| clean(&m.name))
            .collect();
        if !names.is_empty() {
            s.push_str(&format!(
                " {} metrics: {}.",
                phase.as_str(),
                names.join(", ")
            ));
        }
    }
    s
}

/// Replaces characters XML 1.0 cannot carry (control characters other than
/// tab, newline and carriage return; U+FFFE, U+FFFF) with U+FFFD.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            _ => c,
        })
        .collect()
}

struct FontBox {
    ascent: f64,
    descent: f64,
}

fn font_box() -> &'static FontBox {
    static BOX: OnceLock<FontBox> = OnceLock::new();
    BOX.get_or_init(|| {
        let face = ttf_parser::Face::parse(FONT_BYTES, 0).expect("bundled font parses");
        let upem = f64::from(face.units_per_em());
        FontBox {
            ascent: f64::from(face.ascender()) / upem,
            descent: -f64::from(face.descender()) / upem,
        }
    })
}

/// Offset of the stage title's baseline from the stage box's top.
fn stage_title_baseline() -> f64 {
    let band = crate::layout::stage_title_band();
    (band - em_height(STAGE_TITLE_FONT_SIZE)) / 2.0 + ascent(STAGE_TITLE_FONT_SIZE)
}

fn ascent(size: f64) -> f64 {
    font_box().ascent * size
}

fn em_height(size: f64) -> f64 {
    (font_box().ascent + font_box().descent) * size
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::LabelBox;

    fn model(src: &str) -> Model {
        let doc = crate::analyze_str("t.mlsd", src);
        assert!(!doc.has_errors(), "{:#?}", doc.diagnostics);
        doc.model
    }

    fn cbox(id: &str, stage: Option<&str>, x: f64, y: f64) -> ComponentBox {
        ComponentBox {
            id: id.into(),
            stage: stage.map(Into::into),
            x,
            y,
            w: 120.0,
            h: 40.0,
        }
    }

    fn small() -> (Model, Geometry) {
        let m = model(
            "title \"Tiny\"\nstage data {\n  logs: log \"Logs\"\n}\nstage serving {\n  api: service \"API\"\n}\nlogs -> api: \"reads\"\n",
        );
        let g = Geometry {
            width: 400.0,
            height: 140.0,
            stages: vec![
                StageBox {
                    id: "data".into(),
                    label: "Data".into(),
                    x: 10.0,
                    y: 10.0,
                    w: 160.0,
                    h: 100.0,
                },
                StageBox {
                    id: "serving".into(),
                    label: "Serving".into(),
                    x: 220.0,
                    y: 10.0,
                    w: 160.0,
                    h: 100.0,
                },
            ],
            components: vec![
                cbox("logs", Some("data"), 30.0, 50.0),
                cbox("api", Some("serving"), 240.0, 50.0),
            ],
            edges: vec![EdgePath {
                from: "logs".into(),
                to: "api".into(),
                points: vec![[150.0, 70.0], [195.0, 70.0], [195.0, 72.0], [240.0, 72.0]],
                label: Some(LabelBox {
                    text: "reads".into(),
                    x: 175.0,
                    y: 60.0,
                    w: 40.0,
                    h: 18.0,
                }),
            }],
        };
        (m, g)
    }

    #[test]
    fn groups_come_in_document_order_with_titles() {
        let (m, g) = small();
        let out = svg(&m, &g, Theme::Light);
        let doc = roxmltree::Document::parse(&out).expect("well-formed");
        let classes: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("g"))
            .filter_map(|n| n.attribute("class"))
            .filter(|c| ["stage", "component", "edge"].contains(c))
            .collect();
        assert_eq!(
            classes,
            ["stage", "stage", "component", "component", "edge"]
        );
        let comp = doc
            .descendants()
            .find(|n| {
                n.attribute("data-id") == Some("logs") && n.attribute("class") == Some("component")
            })
            .unwrap();
        assert_eq!(comp.attribute("data-kind"), Some("log"));
        assert_eq!(comp.attribute("data-stage"), Some("data"));
        let first = comp.first_element_child().unwrap();
        assert!(first.has_tag_name("title"));
        assert_eq!(first.text(), Some("Logs (log, in Data)"));
        let root = doc.root_element();
        assert_eq!(root.first_element_child().unwrap().text(), Some("Tiny"));
        let desc = root.children().find(|n| n.has_tag_name("desc")).unwrap();
        assert!(
            desc.text()
                .unwrap()
                .contains("2 components in 2 stages (Data, Serving), 1 flow.")
        );
        let edge = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("edge"))
            .unwrap();
        assert_eq!(edge.attribute("data-from"), Some("logs"));
        assert_eq!(edge.attribute("data-to"), Some("api"));
        assert!(out.contains("marker-end=\"url(#mlsd-arrow)\""));
    }

    #[test]
    fn hostile_labels_stay_text() {
        let m = model(
            "title \"<script>alert(1)</script>\"\na: service \"x]]>y & \\\"q\\\" <b>\"\nb: store \"<!--\"\na -> b: \"</text><script>\"\n",
        );
        let g = Geometry {
            width: 300.0,
            height: 100.0,
            stages: vec![],
            components: vec![cbox("a", None, 0.0, 0.0), cbox("b", None, 150.0, 0.0)],
            edges: vec![EdgePath {
                from: "a".into(),
                to: "b".into(),
                points: vec![[120.0, 20.0], [150.0, 20.0]],
                label: Some(LabelBox {
                    text: "</text><script>".into(),
                    x: 100.0,
                    y: 30.0,
                    w: 80.0,
                    h: 16.0,
                }),
            }],
        };
        for theme in Theme::ALL {
            let out = svg(&m, &g, *theme);
            let doc = roxmltree::Document::parse(&out).expect("well-formed");
            assert!(
                !doc.descendants()
                    .any(|n| n.has_tag_name("script") || n.has_tag_name("b"))
            );
            let texts: Vec<String> = doc
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .map(|n| n.text().unwrap_or("").to_string())
                .collect();
            assert!(
                texts.contains(&"<script>alert(1)</script>".to_string()),
                "{texts:?}"
            );
            assert!(
                texts.contains(&"x]]>y & \"q\" <b>".to_string()),
                "{texts:?}"
            );
            assert!(texts.contains(&"<!--".to_string()));
            assert!(texts.contains(&"</text><script>".to_string()));
            assert!(!out.contains("<script"));
        }
    }

    #[test]
    fn small_diagram_snapshot() {
        let (m, g) = small();
        insta::assert_snapshot!("small_light", svg(&m, &g, Theme::Light));
        insta::assert_snapshot!("small_auto", svg(&m, &g, Theme::Auto));
    }

    #[test]
    fn control_characters_are_replaced() {
        assert_eq!(clean("a\u{1}b\nc\u{ffff}"), "a\u{fffd}b\nc\u{fffd}");
    }

    #[test]
    fn output_is_deterministic_and_themed() {
        let (m, g) = small();
        let light = svg(&m, &g, Theme::Light);
        assert_eq!(light, svg(&m, &g, Theme::Light));
        let dark = svg(&m, &g, Theme::Dark);
        let auto = svg(&m, &g, Theme::Auto);
        assert!(light.contains("fill=\"#ffffff\"") && !light.contains("<style"));
        assert!(
            dark.contains(DARK.background) && !dark.contains(super::super::theme::LIGHT.background)
        );
        assert!(auto.contains("@media (prefers-color-scheme: dark)"));
        assert!(auto.contains(".step-serving.shape{fill:#143d26"));
        // Step colours reach the shapes.
        assert!(light.contains("class=\"shape step-data\""));
        assert!(light.contains("class=\"shape step-serving\""));
    }

    #[test]
    fn multi_line_labels_get_one_tspan_per_line() {
        let m = model("a: model \"Two\\nlines\"\n");
        let g = Geometry {
            width: 200.0,
            height: 80.0,
            stages: vec![],
            components: vec![cbox("a", None, 0.0, 0.0)],
            edges: vec![],
        };
        let out = svg(&m, &g, Theme::Light);
        let doc = roxmltree::Document::parse(&out).unwrap();
        let spans: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("tspan"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(spans, ["Two", "lines"]);
    }

    #[test]
    fn bends_are_rounded_and_degenerate_paths_survive() {
        assert_eq!(polyline(&[]), "M0,0");
        assert_eq!(polyline(&[[0.0, 0.0], [10.0, 0.0]]), "M0,0L10,0");
        let d = polyline(&[[0.0, 0.0], [20.0, 0.0], [20.0, 20.0]]);
        assert_eq!(d, "M0,0L14,0Q20,0 20,6L20,20");
        assert_eq!(polyline(&[[f64::NAN, 1.0]]), "M0,1");
    }
}
