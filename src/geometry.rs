//! The layout's output: plain positioned boxes and polylines. Layout engines
//! produce it, `mlsd layout` prints it as JSON, and renderers draw exactly it.
//! Coordinates are pixels; (x, y) is a box's top-left corner.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Geometry {
    pub width: f64,
    pub height: f64,
    pub stages: Vec<StageBox>,
    pub components: Vec<ComponentBox>,
    pub edges: Vec<EdgePath>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageBox {
    pub id: String,
    pub label: String,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentBox {
    pub id: String,
    /// The stage id, or null for a component outside any stage.
    pub stage: Option<String>,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgePath {
    pub from: String,
    pub to: String,
    /// The path as drawn, as a polyline (curves flattened to within 1 px).
    pub points: Vec<[f64; 2]>,
    pub label: Option<LabelBox>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelBox {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}
