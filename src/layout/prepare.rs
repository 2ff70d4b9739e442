//! The layout's own view of a model: sizes along the rank and cross axes,
//! edges as index pairs, and the grouping that keeps stages together.

use super::{LayoutError, component_size, label_size};
use crate::model::Model;
use crate::vocab::{Direction, Kind};
use petgraph::visit::EdgeRef;

pub(super) struct Node {
    pub id: String,
    /// Index into `Model::stages`.
    pub stage: Option<usize>,
    /// Extent along the flow direction and across it.
    pub rank_size: f64,
    pub cross_size: f64,
    /// Order key for placing its group: the framework step, people first.
    pub key: Option<u8>,
}

pub(super) struct Label {
    pub text: String,
    pub rank_size: f64,
    pub cross_size: f64,
}

pub(super) struct Edge {
    pub from: usize,
    pub to: usize,
    pub label: Option<Label>,
}

pub(super) struct Input {
    pub direction: Direction,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Stage ids and labels, by model stage index.
    pub stages: Vec<(String, String)>,
}

impl Input {
    pub fn along(&self, w: f64, h: f64) -> (f64, f64) {
        match self.direction {
            Direction::Right => (w, h),
            Direction::Down => (h, w),
        }
    }
}

pub(super) fn prepare(model: &Model, direction: Direction) -> Result<Input, LayoutError> {
    let mut input = Input {
        direction,
        nodes: Vec::with_capacity(model.graph.node_count()),
        edges: Vec::with_capacity(model.graph.edge_count()),
        stages: model
            .stages
            .iter()
            .map(|s| (s.id.clone(), s.label.clone()))
            .collect(),
    };
    for n in model.graph.node_indices() {
        let c = &model.graph[n];
        let (w, h) = component_size(c);
        let (rank_size, cross_size) = input.along(w, h);
        if c.stage.is_some_and(|s| s >= model.stages.len()) {
            return Err(LayoutError::new(format!(
                "component `{}` names a stage that does not exist",
                c.id
            )));
        }
        let key = match (c.stage, c.kind) {
            (Some(_), _) => model.step_of(n).map(|s| s as u8 + 1),
            (None, Kind::Client | Kind::Human) => Some(0),
            (None, _) => None,
        };
        input.nodes.push(Node {
            id: c.id.clone(),
            stage: c.stage,
            rank_size,
            cross_size,
            key,
        });
    }
    for e in model.graph.edge_references() {
        let (from, to) = (e.source().index(), e.target().index());
        if from == to {
            return Err(LayoutError::new(format!(
                "`{}` flows into itself; self-loops are not drawn",
                input.nodes[from].id
            )));
        }
        let label = e.weight().label.as_ref().map(|text| {
            let (w, h) = label_size(text);
            let (rank_size, cross_size) = input.along(w, h);
            Label {
                text: text.clone(),
                rank_size,
                cross_size,
            }
        });
        input.edges.push(Edge { from, to, label });
    }
    Ok(input)
}
