//! Graphviz DOT: stages become `cluster_` subgraphs; every id and label is a
//! quoted string, so any text survives.

use super::{flows, grouped};
use crate::model::{Component, Model};
use crate::render::theme::LIGHT;
use crate::vocab::{Direction, Kind};
use std::fmt::Write as _;

pub fn export(model: &Model) -> String {
    let mut out = String::from("digraph \"mlsd\" {\n");
    let rankdir = match model.direction {
        Direction::Right => "LR",
        Direction::Down => "TB",
    };
    let _ = write!(
        out,
        // newrank: dot's default ranking fails ("trouble in init_rank") on
        // some clustered graphs with flows back into earlier clusters.
        "  graph [rankdir={rankdir}, newrank=true, fontname=\"DejaVu Sans\", nodesep=0.4, ranksep=0.6"
    );
    if let Some(t) = &model.title {
        let _ = write!(out, ", label={}, labelloc=t, fontsize=18", quote(t));
    }
    out.push_str("];\n");
    let none = LIGHT.step(None);
    let _ = writeln!(
        out,
        "  node [fontname=\"DejaVu Sans\", fontsize=12, style=filled, fillcolor=\"{}\", color=\"{}\"];",
        none.fill, none.stroke
    );
    let _ = writeln!(
        out,
        "  edge [fontname=\"DejaVu Sans\", fontsize=10, color=\"{}\", fontcolor=\"{}\"];",
        LIGHT.edge, LIGHT.muted
    );
    let (loose, stages) = grouped(model);
    for n in loose {
        node(&mut out, "  ", &model.graph[n], model.step_of(n));
    }
    for s in stages {
        let c = LIGHT.step(s.step);
        let _ = writeln!(out, "  subgraph {} {{", quote(&format!("cluster_{}", s.id)));
        let _ = writeln!(
            out,
            "    graph [label={}, style=\"rounded,filled\", fillcolor=\"{}\", color=\"{}\", fontcolor=\"{}\"];",
            quote(&s.label),
            c.stage_fill,
            c.stage_stroke,
            c.title
        );
        for &n in &s.components {
            node(&mut out, "    ", &model.graph[n], s.step);
        }
        out.push_str("  }\n");
    }
    for (a, b, f) in flows(model) {
        let _ = write!(out, "  {} -> {}", quote(&a.id), quote(&b.id));
        let mut attrs = Vec::new();
        if let Some(l) = &f.label {
            attrs.push(format!("label={}", quote(l)));
        }
        if f.attrs.offline || f.attrs.batch {
            attrs.push("style=dashed".to_string());
        }
        if !attrs.is_empty() {
            let _ = write!(out, " [{}]", attrs.join(", "));
        }
        out.push_str(";\n");
    }
    out.push_str("}\n");
    out
}

fn node(out: &mut String, indent: &str, c: &Component, step: Option<crate::vocab::Step>) {
    let colors = LIGHT.step(step);
    let (shape, style) = shape(c.kind);
    let style = if c.attrs.optional {
        format!("{style},dashed")
    } else {
        style.to_string()
    };
    let _ = writeln!(
        out,
        "{indent}{} [label={}, shape={shape}, style=\"{style}\", fillcolor=\"{}\", color=\"{}\"];",
        quote(&c.id),
        quote(&c.label),
        colors.fill,
        colors.stroke
    );
}

/// The closest Graphviz shape and style for a kind.
fn shape(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Client => ("ellipse", "filled"),
        Kind::Human => ("egg", "filled"),
        Kind::Source => ("parallelogram", "filled"),
        Kind::Store | Kind::Cache => ("cylinder", "filled"),
        Kind::Log => ("note", "filled"),
        Kind::Stream => ("cds", "filled"),
        Kind::Dataset => ("box3d", "filled"),
        Kind::Job => ("hexagon", "filled"),
        Kind::Model => ("box", "rounded,filled,bold"),
        Kind::Service => ("box", "rounded,filled"),
        Kind::Index => ("component", "filled"),
        Kind::Registry => ("folder", "filled"),
        Kind::Experiment => ("octagon", "filled"),
        Kind::Monitor => ("tab", "filled"),
        Kind::External => ("box", "filled,dashed"),
    }
}

/// A DOT quoted string. Backslashes are doubled so Graphviz's own escapes
/// (`\N`, `\G`, `\l`) cannot be triggered; newlines become `\n`.
fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => q.push(' '),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_neutralises_every_special_character() {
        assert_eq!(quote(r#"a "b" \N"#), r#""a \"b\" \\N""#);
        assert_eq!(quote("x\ny\u{1}"), r#""x\ny ""#);
        assert_eq!(quote("<script>"), "\"<script>\"");
    }

    #[test]
    fn stages_become_clusters_and_kinds_shapes() {
        let doc = crate::analyze_str("t", super::super::fixtures::ALL_KINDS);
        assert!(!doc.has_errors(), "{:#?}", doc.diagnostics);
        let out = export(&doc.model);
        assert!(out.contains("subgraph \"cluster_data\" {"));
        assert!(out.contains("subgraph \"cluster_model-dev\" {"));
        assert!(out.contains("\"db\" [label=\"Store\\nsecond line\", shape=cylinder"));
        assert!(out.contains("\"vendor\" -> \"ds\" [style=dashed];"));
        assert!(out.contains("graph [rankdir=LR"));
        assert_eq!(out.matches(" -> ").count(), doc.model.graph.edge_count());
    }
}
