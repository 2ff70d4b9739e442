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
        let rows = rows::cut(&input, &order, &ranks);
        let mut layered = chains::build(&input, &order, &ranks, &rows, &reversed);
        order::reduce_crossings(&mut layered);
        let placed = position::place(&input, &order, &ranks, &rows, &layered);
        Ok(route::geometry(&input, &rows, &layered, &placed))
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
fn snap(v: f64) -> f64 {
    let r = (v * 2.0).round() / 2.0;
    if r == 0.0 { 0.0 } else { r }
}
