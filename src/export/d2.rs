//! D2: stages become containers, kinds the closest D2 shape. Keys and labels
//! are double-quoted strings with `\"`, `\\` and `\$` escaped, so D2 neither
//! splits them nor substitutes variables in them.

use super::{flows, grouped};
use crate::model::{Component, Model};
use crate::render::theme::LIGHT;
use crate::vocab::{Direction, Kind};
use std::fmt::Write as _;

pub fn export(model: &Model) -> String {
    let mut out = String::new();
    let dir = match model.direction {
        Direction::Right => "right",
        Direction::Down => "down",
    };
    let _ = writeln!(out, "direction: {dir}");
    if let Some(t) = &model.title {
        // A text shape near the top is D2's diagram title; its key cannot
        // clash with a component because ids never contain spaces.
        let _ = writeln!(
            out,
            "\"mlsd title\": {} {{\n  shape: text\n  near: top-center\n  style.font-size: 24\n  style.bold: true\n}}",
            quote(t)
        );
    }
    let (loose, stages) = grouped(model);
    for n in loose {
        node(&mut out, "", &model.graph[n], model.step_of(n));
    }
    for s in stages {
        let c = LIGHT.step(s.step);
        let _ = writeln!(out, "{}: {} {{", quote(&s.id), quote(&s.label));
        let _ = writeln!(
            out,
            "  style.fill: \"{}\"\n  style.stroke: \"{}\"\n  style.font-color: \"{}\"",
            c.stage_fill, c.stage_stroke, c.title
        );
        for &n in &s.components {
            node(&mut out, "  ", &model.graph[n], s.step);
        }
        out.push_str("}\n");
    }
    for (a, b, f) in flows(model) {
        let _ = write!(out, "{} -> {}", path(model, a), path(model, b));
        if let Some(l) = &f.label {
            let _ = write!(out, ": {}", quote(l));
        }
        if f.attrs.offline || f.attrs.batch {
            out.push_str(" {style.stroke-dash: 4}");
        }
        out.push('\n');
    }
    out
}

fn node(out: &mut String, indent: &str, c: &Component, step: Option<crate::vocab::Step>) {
    let colors = LIGHT.step(step);
    let _ = writeln!(out, "{indent}{}: {} {{", quote(&c.id), quote(&c.label));
    let _ = writeln!(out, "{indent}  shape: {}", shape(c.kind));
    let _ = writeln!(
        out,
        "{indent}  style.fill: \"{}\"\n{indent}  style.stroke: \"{}\"",
        colors.fill, colors.stroke
    );
    if c.kind == Kind::Model {
        let _ = writeln!(out, "{indent}  style.stroke-width: 3");
    }
    if c.attrs.optional || c.kind == Kind::External {
        let _ = writeln!(out, "{indent}  style.stroke-dash: 4");
    }
    let _ = writeln!(out, "{indent}}}");
}

/// A component's full key: `"stage"."id"` inside a stage.
fn path(model: &Model, c: &Component) -> String {
    match c.stage {
        Some(s) => format!("{}.{}", quote(&model.stages[s].id), quote(&c.id)),
        None => quote(&c.id),
    }
}

/// The closest D2 shape for a kind.
fn shape(kind: Kind) -> &'static str {
    match kind {
        Kind::Client | Kind::Human => "person",
        Kind::Source => "parallelogram",
        Kind::Store | Kind::Cache => "cylinder",
        Kind::Log => "page",
        Kind::Stream => "queue",
        Kind::Dataset => "document",
        Kind::Index => "stored_data",
        Kind::Registry => "package",
        Kind::Job => "hexagon",
        Kind::Experiment => "diamond",
        Kind::Model | Kind::Service | Kind::Monitor => "rectangle",
        Kind::External => "cloud",
    }
}

/// A D2 double-quoted string.
fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '$' => q.push_str("\\$"),
            '\n' => q.push_str("\\n"),
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
    fn quoting_escapes_quotes_backslashes_and_substitutions() {
        assert_eq!(quote(r#"a "b" \ ${x}"#), r#""a \"b\" \\ \${x}""#);
        assert_eq!(quote("x\ny"), r#""x\ny""#);
    }

    #[test]
    fn stages_are_containers_and_edges_use_full_keys() {
        let doc = crate::analyze_str("t", super::super::fixtures::ALL_KINDS);
        assert!(!doc.has_errors(), "{:#?}", doc.diagnostics);
        let out = export(&doc.model);
        assert!(out.contains("\"data\": \"Data\" {\n"));
        assert!(out.contains("  \"db\": \"Store\\nsecond line\" {\n    shape: cylinder\n"));
        assert!(out.contains("\"viewer\" -> \"serving\".\"api\": "));
        assert!(out.contains("\"vendor\" -> \"data\".\"ds\" {style.stroke-dash: 4}"));
    }
}
