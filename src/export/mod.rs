//! Model → other diagram languages (Graphviz DOT, Mermaid, D2) and JSON.
//! Exports need no layout: the target tool lays the diagram out itself.
//! Stages become clusters / subgraphs / containers, kinds map to the
//! closest shape each language has, and every label is escaped for it.

mod d2;
mod dot;
mod json;
mod mermaid;

use crate::model::Model;

/// A language to export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Dot,
    Mermaid,
    D2,
    Json,
}

impl Target {
    pub const ALL: &'static [Target] = &[Target::Dot, Target::Mermaid, Target::D2, Target::Json];

    pub fn as_str(self) -> &'static str {
        match self {
            Target::Dot => "dot",
            Target::Mermaid => "mermaid",
            Target::D2 => "d2",
            Target::Json => "json",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Target::Dot => "dot",
            Target::Mermaid => "mmd",
            Target::D2 => "d2",
            Target::Json => "json",
        }
    }
}

/// The model as text in `target`'s language, ending in a newline.
pub fn export(model: &Model, target: Target) -> String {
    match target {
        Target::Dot => dot::export(model),
        Target::Mermaid => mermaid::export(model),
        Target::D2 => d2::export(model),
        Target::Json => json::export(model),
    }
}

/// Components outside any stage, then each stage with its components, in
/// declaration order: the nesting every target language wants.
fn grouped(model: &Model) -> (Vec<petgraph::graph::NodeIndex>, Vec<&crate::model::Stage>) {
    let loose = model
        .graph
        .node_indices()
        .filter(|&n| model.graph[n].stage.is_none())
        .collect();
    (loose, model.stages.iter().collect())
}

/// Each flow as (from, to, flow), in declaration order.
fn flows(
    model: &Model,
) -> impl Iterator<
    Item = (
        &crate::model::Component,
        &crate::model::Component,
        &crate::model::Flow,
    ),
> {
    model.graph.edge_indices().map(move |e| {
        let (a, b) = model.graph.edge_endpoints(e).expect("edge exists");
        (&model.graph[a], &model.graph[b], &model.graph[e])
    })
}

#[cfg(test)]
pub(crate) mod fixtures {
    /// Every kind, stages with and without steps, labels that need escaping.
    pub const ALL_KINDS: &str = r#"title "Escapes: \"q\" & <b> \\ # ; ${x}"
direction right
viewer: client "Viewer \"V\""
stage data {
  src: source "Source & <sources>"
  db: store "Store\nsecond line"
  logs: log "Logs # 1; {x}"
  events: stream "Events | stream"
  ds: dataset "Dataset [x]"
}
stage model-dev as training {
  train: job "Train (job)"
  m: model "Model <script>"
  reg: registry "Registry"
}
stage serving {
  api: service "API"
  idx: index "Index"
  cache: cache "Cache"
  end: experiment "A/B"
}
mon: monitor "Monitor"
labeler: human "Labeler"
vendor: external "Vendor `x`"
viewer -> api: "request \"r\" ${x} <br>"
src, db -> logs -> events -> ds -> train -> m -> reg -> api
api -> idx, cache -> api
end -> api: "split; 50% #1"
api -> mon -> labeler -> vendor -> ds [offline]
"#;
}
