//! Layout: model → [`Geometry`]. Engines sit behind one trait; the default,
//! [`Engine::Stages`], is our own layered (Sugiyama) pipeline with stage
//! boxes, one file per phase:
//!
//! `prepare` (sizes, groups) → `acyclic` (group order, reversed edges) →
//! `rank` (layers) → `rows` (wrapping for the aspect ratio) → `chains`
//! (dummy and label items) → `order` (crossing reduction) → `position`
//! (coordinates, stage boxes) → `route` (polylines, label boxes, geometry).
//!
//! Each stage occupies its own contiguous range of layers, so stage boxes are
//! disjoint by construction and every layer is stage-contiguous; long stage
//! sequences wrap into rows, and edges between rows run in gutters around them.
//! [`Engine::LayoutRs`] wraps the `layout-rs` crate for flat layouts.

mod acyclic;
mod chains;
mod layout_rs;
mod order;
mod position;
mod prepare;
mod rank;
mod route;
mod rows;

use crate::geometry::Geometry;
use crate::model::{Component, Model};
use crate::text;
use crate::vocab::{Direction, Kind};
use std::fmt;

/// Padding between a component's label and its border, px.
pub const COMPONENT_PADDING: f64 = 10.0;
/// The smallest component box, px.
pub const MIN_COMPONENT_WIDTH: f64 = 110.0;
pub const MIN_COMPONENT_HEIGHT: f64 = 44.0;
/// Space between a stage box border and the components inside it, px.
pub const STAGE_PADDING: f64 = 14.0;
/// The page aspect ratio (long side / short side) the stage engine keeps to
/// when wrapping allows it.
pub const MAX_ASPECT: f64 = 3.0;
/// Diagrams up to this many components may be laid out several times to
/// find rows that keep the aspect ratio.
const RETRY_LIMIT: usize = 300;
/// Diagrams up to this many components compare row arrangements by their
/// actual crossings.
const COMPARE_LIMIT: usize = 60;
/// How many row arrangements within 3:1 a small diagram compares by
/// crossings. Each is a full layout plus a quadratic crossing count; 2 lowers
/// crossings on some references (video-recommendation 63 → 43) but doubles
/// the time, past the 1 ms budget for a 30-component diagram, so 1 for now.
const COMPARE_TRIES: usize = 1;
/// Padding around an edge label's text inside its box, px.
pub const LABEL_PADDING: f64 = 3.0;

/// Height of the band at the top of every stage box that holds its title, px.
/// Nothing but the title (and edge lines) is placed in it.
pub fn stage_title_band() -> f64 {
    (text::line_height(text::STAGE_TITLE_FONT_SIZE) + 10.0).ceil()
}

/// Which layout engine to run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Engine {
    /// Our layered engine with stage boxes.
    #[default]
    Stages,
    /// The `layout-rs` crate: flat, no stage boxes, size-limited.
    LayoutRs,
}

impl Engine {
    pub const ALL: &'static [Engine] = &[Engine::Stages, Engine::LayoutRs];

    /// The CLI name.
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Stages => "stages",
            Engine::LayoutRs => "layout-rs",
        }
    }

    pub fn from_name(name: &str) -> Option<Engine> {
        Engine::ALL.iter().copied().find(|e| e.as_str() == name)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayoutOptions {
    /// Main flow direction; `None` uses the model's `direction`.
    pub direction: Option<Direction>,
    pub engine: Engine,
}

impl LayoutOptions {
    fn direction_for(&self, model: &Model) -> Direction {
        self.direction.unwrap_or(model.direction)
    }
}

/// Why a layout could not be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutError {
    pub message: String,
}

impl LayoutError {
    fn new(message: impl Into<String>) -> LayoutError {
        LayoutError {
            message: message.into(),
        }
    }
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LayoutError {}

/// A layout engine: model and options in, geometry out.
pub trait LayoutEngine {
    fn name(&self) -> &'static str;
    fn layout(&self, model: &Model, opts: &LayoutOptions) -> Result<Geometry, LayoutError>;
}

/// The default engine: layered layout with stage boxes.
pub struct StageEngine;

impl LayoutEngine for StageEngine {
    fn name(&self) -> &'static str {
        Engine::Stages.as_str()
    }

    fn layout(&self, model: &Model, opts: &LayoutOptions) -> Result<Geometry, LayoutError> {
        let direction = opts.direction_for(model);
        let input = prepare::prepare(model, direction)?;
        let order = acyclic::group_order(&input);
        let reversed = acyclic::reversed_edges(&input, &order);
        let ranks = rank::assign(&input, &order, &reversed);
        // Row cuts come best-first by estimate. Small diagrams try several
        // and keep the one with the fewest crossings within 3:1; larger ones
        // keep the first within 3:1 (each try costs a full layout).
        let small = input.nodes.len() <= COMPARE_LIMIT && COMPARE_TRIES > 1;
        let tries = if input.nodes.len() <= RETRY_LIMIT {
            rows::MAX_CANDIDATES
        } else {
            1
        };
        let mut fitting = 0;
        let mut best: Option<((bool, usize, f64), Geometry)> = None;
        for rows in rows::candidates(&input, &order, &ranks)
            .into_iter()
            .take(tries)
        {
            let mut layered = chains::build(&input, &order, &ranks, &rows, &reversed);
            order::reduce_crossings(&mut layered);
            let placed = position::place(&input, &order, &ranks, &rows, &layered);
            let geometry = route::geometry(&input, &rows, &layered, &placed);
            let aspect = if geometry.width > 0.0 && geometry.height > 0.0 {
                (geometry.width / geometry.height).max(geometry.height / geometry.width)
            } else {
                1.0
            };
            let fits = aspect <= MAX_ASPECT;
            if fits && !small {
                return Ok(geometry);
            }
            fitting += usize::from(fits);
            let cost = if fits { crossings(&geometry) } else { 0 };
            let score = (!fits, cost, aspect);
            let better = best.as_ref().is_none_or(|(b, _)| {
                (score.0, score.1)
                    .cmp(&(b.0, b.1))
                    .then(score.2.total_cmp(&b.2))
                    .is_lt()
            });
            if better {
                best = Some((score, geometry));
            }
            if fitting == COMPARE_TRIES {
                break;
            }
        }
        best.map(|(_, g)| g)
            .ok_or_else(|| LayoutError::new("no row arrangement was found"))
    }
}

/// The `layout-rs` crate as a flat engine (no stage boxes).
pub use layout_rs::{LAYOUT_RS_MAX_COMPONENTS, LayoutRsEngine};

/// The engine object for an [`Engine`].
pub fn engine(which: Engine) -> &'static dyn LayoutEngine {
    match which {
        Engine::Stages => &StageEngine,
        Engine::LayoutRs => &LayoutRsEngine,
    }
}

/// Lays out a model with the engine the options name.
pub fn layout(model: &Model, opts: &LayoutOptions) -> Result<Geometry, LayoutError> {
    engine(opts.engine).layout(model, opts)
}

/// The box size of a component: its label plus padding, plus room for the
/// kind's shape (cylinder caps for stores, an icon beside the text for people).
pub fn component_size(c: &Component) -> (f64, f64) {
    let (tw, th) = text::measure(&c.label, text::COMPONENT_FONT_SIZE);
    let (extra_w, extra_h) = match c.kind {
        Kind::Store | Kind::Cache | Kind::Dataset => (0.0, 14.0),
        Kind::Client | Kind::Human => (26.0, 0.0),
        Kind::Stream | Kind::Log => (12.0, 0.0),
        _ => (0.0, 0.0),
    };
    let w = (tw + 2.0 * COMPONENT_PADDING + extra_w).max(MIN_COMPONENT_WIDTH);
    let h = (th + 2.0 * COMPONENT_PADDING + extra_h).max(MIN_COMPONENT_HEIGHT);
    (w.ceil(), h.ceil())
}

/// The box size of an edge label.
pub fn label_size(label: &str) -> (f64, f64) {
    let (tw, th) = text::measure(label, text::EDGE_LABEL_FONT_SIZE);
    (
        (tw + 2.0 * LABEL_PADDING).ceil(),
        (th + 2.0 * LABEL_PADDING).ceil(),
    )
}

/// Rounds a coordinate to the 0.5 px grid so JSON output is stable.
pub(crate) fn snap(v: f64) -> f64 {
    let r = (v * 2.0).round() / 2.0;
    if r == 0.0 { 0.0 } else { r }
}

/// Edge crossings in a drawing: proper intersections between segments of
/// different edges, not counting points within 3 px of a component both
/// edges end at. Quadratic in the number of segments; for tests, tools and
/// small diagrams.
pub fn crossings(g: &Geometry) -> usize {
    let boxes: std::collections::BTreeMap<&str, [f64; 4]> = g
        .components
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                [c.x - 3.0, c.y - 3.0, c.x + c.w + 3.0, c.y + c.h + 3.0],
            )
        })
        .collect();
    let near = |p: [f64; 2], id: &str| {
        boxes
            .get(id)
            .is_some_and(|b| p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3])
    };
    let mut count = 0;
    for (i, a) in g.edges.iter().enumerate() {
        for b in &g.edges[i + 1..] {
            let shared: Vec<&str> = [a.from.as_str(), a.to.as_str()]
                .into_iter()
                .filter(|n| *n == b.from || *n == b.to)
                .collect();
            for s in a.points.windows(2) {
                for t in b.points.windows(2) {
                    if let Some(p) = intersection(s[0], s[1], t[0], t[1])
                        && !shared.iter().any(|n| near(p, n))
                    {
                        count += 1;
                    }
                }
            }
        }
    }
    count
}

/// The proper intersection point of segments a–b and c–d, if any.
fn intersection(a: [f64; 2], b: [f64; 2], c: [f64; 2], d: [f64; 2]) -> Option<[f64; 2]> {
    let r = [b[0] - a[0], b[1] - a[1]];
    let s = [d[0] - c[0], d[1] - c[1]];
    let den = r[0] * s[1] - r[1] * s[0];
    if den.abs() < 1e-12 {
        return None;
    }
    let t = ((c[0] - a[0]) * s[1] - (c[1] - a[1]) * s[0]) / den;
    let u = ((c[0] - a[0]) * r[1] - (c[1] - a[1]) * r[0]) / den;
    const E: f64 = 1e-9;
    (t > E && t < 1.0 - E && u > E && u < 1.0 - E).then(|| [a[0] + t * r[0], a[1] + t * r[1]])
}
