//! The `layout-rs` crate as a second, flat engine (`--engine layout-rs`): no
//! stage boxes. The crate panics on some ordinary inputs and slows down
//! sharply with size, so it is guarded: inputs past a size limit are
//! refused, panics become errors, and its drawing calls are captured (it
//! never prints).

use super::{LayoutEngine, LayoutError, LayoutOptions, component_size, label_size, snap};
use crate::geometry::{ComponentBox, EdgePath, Geometry, LabelBox};
use crate::model::Model;
use crate::vocab::Direction;
use layout::core::base::Orientation;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;
use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
use layout::topo::layout::VisualGraph;
use petgraph::visit::EdgeRef;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;

/// The largest diagram handed to layout-rs; its crossing optimiser is cubic
/// (about 1.5 s at 1,000 components), so larger inputs are refused.
pub const LAYOUT_RS_MAX_COMPONENTS: usize = 300;

pub struct LayoutRsEngine;

/// One drawn arrow: its control points, whether layout-rs reversed it, and
/// the edge index it was tagged with.
type Drawn = (Vec<(Point, Point)>, bool, String);

/// Captures the arrows layout-rs draws; everything else is ignored.
#[derive(Default)]
struct Capture {
    arrows: Vec<Drawn>,
}

impl RenderBackend for Capture {
    fn draw_rect(
        &mut self,
        _: Point,
        _: Point,
        _: &StyleAttr,
        _: Option<String>,
        _: Option<ClipHandle>,
    ) {
    }
    fn draw_line(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_circle(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_text(&mut self, _: Point, _: &str, _: &StyleAttr) {}
    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        _dashed: bool,
        head: (bool, bool),
        _look: &StyleAttr,
        properties: Option<String>,
        _text: &str,
    ) {
        // An arrow with its head at the start was reversed by layout-rs.
        let reversed = head.0 && !head.1;
        self.arrows
            .push((path.to_vec(), reversed, properties.unwrap_or_default()));
    }
    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

/// Serialises calls so the silenced panic hook is restored in order.
static GUARD: Mutex<()> = Mutex::new(());

impl LayoutEngine for LayoutRsEngine {
    fn name(&self) -> &'static str {
        super::Engine::LayoutRs.as_str()
    }

    fn layout(&self, model: &Model, opts: &LayoutOptions) -> Result<Geometry, LayoutError> {
        let count = model.graph.node_count();
        if count > LAYOUT_RS_MAX_COMPONENTS {
            return Err(LayoutError::new(format!(
                "layout-rs is limited to {LAYOUT_RS_MAX_COMPONENTS} components (this diagram has {count}); use --engine stages"
            )));
        }
        if count == 0 {
            return Ok(Geometry {
                width: 0.0,
                height: 0.0,
                stages: Vec::new(),
                components: Vec::new(),
                edges: Vec::new(),
            });
        }
        let direction = opts.direction_for(model);
        let _lock = GUARD.lock().unwrap_or_else(|p| p.into_inner());
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let result = catch_unwind(AssertUnwindSafe(|| run(model, direction)));
        std::panic::set_hook(hook);
        match result {
            Ok(g) => g,
            Err(panic) => {
                let why = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown reason".to_string());
                Err(LayoutError::new(format!(
                    "layout-rs failed on this diagram ({why}); use --engine stages"
                )))
            }
        }
    }
}

fn run(model: &Model, direction: Direction) -> Result<Geometry, LayoutError> {
    let orientation = match direction {
        Direction::Right => Orientation::LeftToRight,
        Direction::Down => Orientation::TopToBottom,
    };
    let mut vg = VisualGraph::new(orientation);
    let mut handles = Vec::with_capacity(model.graph.node_count());
    for n in model.graph.node_indices() {
        let c = &model.graph[n];
        let (w, h) = component_size(c);
        let element = Element::create(
            ShapeKind::new_box(&c.label),
            StyleAttr::simple(),
            orientation,
            Point::new(w, h),
        );
        handles.push(vg.add_node(element));
    }
    for e in model.graph.edge_references() {
        let text = e.weight().label.clone().unwrap_or_default();
        let arrow = Arrow::simple_with_properties(&text, e.id().index().to_string());
        vg.add_edge(
            arrow,
            handles[e.source().index()],
            handles[e.target().index()],
        );
    }
    let mut capture = Capture::default();
    vg.do_it(false, false, false, &mut capture);

    let mut components = Vec::with_capacity(handles.len());
    let mut extent = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    let mut grow = |x: f64, y: f64| {
        extent = (
            extent.0.min(x),
            extent.1.min(y),
            extent.2.max(x),
            extent.3.max(y),
        );
    };
    for (n, &h) in model.graph.node_indices().zip(&handles) {
        let (tl, br) = vg.pos(h).bbox(false);
        grow(tl.x, tl.y);
        grow(br.x, br.y);
        let c = &model.graph[n];
        components.push(ComponentBox {
            id: c.id.clone(),
            stage: c.stage.map(|s| model.stages[s].id.clone()),
            x: tl.x,
            y: tl.y,
            w: br.x - tl.x,
            h: br.y - tl.y,
        });
    }
    let mut paths: Vec<Option<Vec<[f64; 2]>>> = vec![None; model.graph.edge_count()];
    for (path, reversed, id) in &capture.arrows {
        let Ok(i) = id.parse::<usize>() else { continue };
        if i >= paths.len() || path.len() < 2 {
            continue;
        }
        let mut points = flatten(path);
        if *reversed {
            points.reverse();
        }
        for p in &points {
            grow(p[0], p[1]);
        }
        paths[i] = Some(points);
    }
    let mut edges = Vec::with_capacity(paths.len());
    for (e, points) in model.graph.edge_references().zip(paths) {
        let points = points
            .ok_or_else(|| LayoutError::new("layout-rs dropped an edge; use --engine stages"))?;
        // layout-rs draws labels over the middle of the line; report that box.
        let label = e.weight().label.as_ref().map(|text| {
            let (w, h) = label_size(text);
            let [mx, my] = midpoint(&points);
            LabelBox {
                text: text.clone(),
                x: mx - w / 2.0,
                y: my - h / 2.0,
                w,
                h,
            }
        });
        if let Some(l) = &label {
            grow(l.x, l.y);
            grow(l.x + l.w, l.y + l.h);
        }
        edges.push(EdgePath {
            from: model.graph[e.source()].id.clone(),
            to: model.graph[e.target()].id.clone(),
            points,
            label,
        });
    }
    let all = [extent.0, extent.1, extent.2, extent.3];
    if all.iter().any(|v| !v.is_finite()) {
        return Err(LayoutError::new(
            "layout-rs produced invalid coordinates; use --engine stages",
        ));
    }
    let margin = 20.0;
    let (dx, dy) = (margin - extent.0, margin - extent.1);
    for c in &mut components {
        c.x = snap(c.x + dx);
        c.y = snap(c.y + dy);
        c.w = snap(c.w);
        c.h = snap(c.h);
    }
    for e in &mut edges {
        for p in &mut e.points {
            *p = [snap(p[0] + dx), snap(p[1] + dy)];
        }
        if let Some(l) = &mut e.label {
            l.x = snap(l.x + dx);
            l.y = snap(l.y + dy);
        }
    }
    Ok(Geometry {
        width: snap(extent.2 - extent.0 + 2.0 * margin),
        height: snap(extent.3 - extent.1 + 2.0 * margin),
        stages: Vec::new(),
        components,
        edges,
    })
}

/// Flattens layout-rs's path (SVG `M C S S…` control points) to a polyline
/// within 1 px, by sampling each cubic densely enough for its size.
fn flatten(path: &[(Point, Point)]) -> Vec<[f64; 2]> {
    let mut out = vec![[path[0].0.x, path[0].0.y]];
    let mut start = path[0].0;
    let mut c1 = path[0].1;
    for (i, &(c2, end)) in path.iter().enumerate().skip(1) {
        if i > 1 {
            // `S`: the first control point mirrors the previous second one.
            let prev_c2 = path[i - 1].0;
            c1 = Point::new(2.0 * start.x - prev_c2.x, 2.0 * start.y - prev_c2.y);
        }
        let hull = start.distance_to(c1) + c1.distance_to(c2) + c2.distance_to(end);
        let steps = ((hull / 4.0).sqrt().ceil() as usize).clamp(1, 64) * 2;
        for s in 1..=steps {
            let t = s as f64 / steps as f64;
            let u = 1.0 - t;
            let x = u * u * u * start.x
                + 3.0 * u * u * t * c1.x
                + 3.0 * u * t * t * c2.x
                + t * t * t * end.x;
            let y = u * u * u * start.y
                + 3.0 * u * u * t * c1.y
                + 3.0 * u * t * t * c2.y
                + t * t * t * end.y;
            out.push([x, y]);
        }
        start = end;
    }
    out
}

/// The point halfway along a polyline.
fn midpoint(points: &[[f64; 2]]) -> [f64; 2] {
    let len = |a: [f64; 2], b: [f64; 2]| ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
    let total: f64 = points.windows(2).map(|w| len(w[0], w[1])).sum();
    let mut left = total / 2.0;
    for w in points.windows(2) {
        let l = len(w[0], w[1]);
        if l >= left && l > 0.0 {
            let t = left / l;
            return [
                w[0][0] + t * (w[1][0] - w[0][0]),
                w[0][1] + t * (w[1][1] - w[0][1]),
            ];
        }
        left -= l;
    }
    points[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards_hold() {
        let empty = crate::analyze_str("e", "");
        let g = LayoutRsEngine
            .layout(&empty.model, &LayoutOptions::default())
            .unwrap();
        assert!(g.components.is_empty());
        let big = crate::analyze_str("b", &crate::synth::diagram(301, 10, 1));
        let err = LayoutRsEngine
            .layout(&big.model, &LayoutOptions::default())
            .unwrap_err();
        assert!(err.message.contains("limited to 300"));
    }

    #[test]
    fn lays_out_flat_with_every_edge() {
        let doc = crate::analyze_str("s", &crate::synth::diagram(30, 40, 3));
        match LayoutRsEngine.layout(&doc.model, &LayoutOptions::default()) {
            Ok(g) => {
                assert!(g.stages.is_empty());
                assert_eq!(g.components.len(), 30);
                assert_eq!(g.edges.len(), doc.model.graph.edge_count());
                assert!(g.edges.iter().all(|e| e.points.len() >= 2));
            }
            // A panic inside layout-rs must come back as an error, not unwind.
            Err(e) => assert!(e.message.contains("layout-rs"), "{e}"),
        }
    }

    #[test]
    fn flattening_follows_the_curve() {
        let p = |x, y| Point::new(x, y);
        let pts = flatten(&[(p(0.0, 0.0), p(0.0, 50.0)), (p(100.0, 50.0), p(100.0, 0.0))]);
        assert_eq!(pts.first(), Some(&[0.0, 0.0]));
        assert_eq!(pts.last(), Some(&[100.0, 0.0]));
        // The cubic peaks at y = 37.5 at t = 0.5.
        let peak = pts.iter().map(|q| q[1]).fold(0.0, f64::max);
        assert!((peak - 37.5).abs() < 1.0, "{peak}");
    }
}
