//! Mermaid flowchart: stages become `subgraph`s, kinds the closest classic
//! node shape, step colours `classDef`s. Labels are quoted, and every
//! character Mermaid or its HTML labels would interpret is written as a
//! Mermaid entity code (`#34;`), so labels render as typed.

use super::{flows, grouped};
use crate::model::{Component, Model};
use crate::render::theme::{LIGHT, step_class};
use crate::vocab::{Direction, Kind, Step};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Words Mermaid's flowchart grammar reserves; ids equal to one get a suffix.
const RESERVED: &[&str] = &[
    "end",
    "subgraph",
    "graph",
    "flowchart",
    "style",
    "class",
    "classdef",
    "click",
    "call",
    "href",
    "linkstyle",
    "direction",
    "default",
    "interpolate",
    "acctitle",
    "accdescr",
];

pub fn export(model: &Model) -> String {
    let ids = Ids::new(model);
    let mut out = String::new();
    match &model.title {
        // Mermaid runs the front-matter title through its HTML sanitizer and
        // has no escape for it, so a title with markup goes in a comment.
        Some(t) if t.contains(['<', '>', '&']) => {
            let _ = writeln!(out, "%% {}", t.replace(['\n', '\r'], " "));
        }
        Some(t) => {
            let _ = writeln!(out, "---\ntitle: {}\n---", yaml_quote(t));
        }
        None => {}
    }
    let dir = match model.direction {
        Direction::Right => "LR",
        Direction::Down => "TB",
    };
    let _ = writeln!(out, "flowchart {dir}");
    let (loose, stages) = grouped(model);
    for n in loose {
        node(&mut out, "  ", &model.graph[n], &ids);
    }
    for s in stages {
        let _ = writeln!(
            out,
            "  subgraph {}[\"{}\"]",
            ids.stage(&s.id),
            label(&s.label)
        );
        let _ = writeln!(out, "    direction {dir}");
        for &n in &s.components {
            node(&mut out, "    ", &model.graph[n], &ids);
        }
        out.push_str("  end\n");
    }
    for (a, b, f) in flows(model) {
        let arrow = if f.attrs.offline || f.attrs.batch {
            "-.->"
        } else {
            "-->"
        };
        match &f.label {
            Some(l) => {
                let _ = writeln!(
                    out,
                    "  {} {arrow}|\"{}\"| {}",
                    ids.component(&a.id),
                    label(l),
                    ids.component(&b.id)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "  {} {arrow} {}",
                    ids.component(&a.id),
                    ids.component(&b.id)
                );
            }
        }
    }
    // Colours per framework step, for the components and for the stages.
    let mut by_class: BTreeMap<&str, (Option<Step>, Vec<String>)> = BTreeMap::new();
    for n in model.graph.node_indices() {
        let step = model.step_of(n);
        by_class
            .entry(step_class(step))
            .or_insert_with(|| (step, Vec::new()))
            .1
            .push(ids.component(&model.graph[n].id));
    }
    for (class, (step, members)) in &by_class {
        let c = LIGHT.step(*step);
        let name = class.replace('-', "_");
        let _ = writeln!(
            out,
            "  classDef {name} fill:{},stroke:{},color:{}",
            c.fill, c.stroke, LIGHT.text
        );
        let _ = writeln!(out, "  class {} {name}", members.join(","));
    }
    for s in &model.stages {
        let c = LIGHT.step(s.step);
        let _ = writeln!(
            out,
            "  style {} fill:{},stroke:{},color:{}",
            ids.stage(&s.id),
            c.stage_fill,
            c.stage_stroke,
            c.title
        );
    }
    let dashed: Vec<String> = model
        .graph
        .node_weights()
        .filter(|c| c.attrs.optional || c.kind == Kind::External)
        .map(|c| ids.component(&c.id))
        .collect();
    if !dashed.is_empty() {
        out.push_str("  classDef dashed stroke-dasharray:5 3\n");
        let _ = writeln!(out, "  class {} dashed", dashed.join(","));
    }
    out
}

fn node(out: &mut String, indent: &str, c: &Component, ids: &Ids) {
    let (open, close) = shape(c.kind);
    let _ = writeln!(
        out,
        "{indent}{}{open}\"{}\"{close}",
        ids.component(&c.id),
        label(&c.label)
    );
}

/// The closest classic Mermaid shape for a kind, as (opening, closing) brackets.
fn shape(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Client | Kind::Human => ("([", "])"),
        Kind::Source => ("[/", "/]"),
        Kind::Store | Kind::Cache => ("[(", ")]"),
        Kind::Log | Kind::Stream => (">", "]"),
        Kind::Dataset | Kind::Index | Kind::Registry => ("[[", "]]"),
        Kind::Job => ("{{", "}}"),
        Kind::Model => ("(", ")"),
        Kind::Experiment => ("[\\", "/]"),
        Kind::Service | Kind::Monitor | Kind::External => ("[", "]"),
    }
}

/// Text for inside a quoted Mermaid label: entity codes for anything Mermaid
/// or HTML would read, `<br>` for line breaks.
fn label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("<br>"),
            '"' | '#' | '&' | '<' | '>' | '`' | '\\' | '|' | '{' | '}' | '[' | ']' | '(' | ')'
            | ';' => {
                let _ = write!(out, "#{};", c as u32);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A YAML double-quoted scalar for the front-matter title.
fn yaml_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Mermaid node and subgraph ids: the mlsd id with `-` as `_`, made unique
/// and kept clear of reserved words. Components and stages share one space.
struct Ids {
    components: BTreeMap<String, String>,
    stages: BTreeMap<String, String>,
}

impl Ids {
    fn new(model: &Model) -> Ids {
        let mut taken = BTreeSet::new();
        let mut claim = |id: &str| {
            let base = id.replace('-', "_");
            let mut name = base.clone();
            let mut n = 1;
            while taken.contains(&name) || RESERVED.contains(&name.to_ascii_lowercase().as_str()) {
                name = format!("{base}_{n}");
                n += 1;
            }
            taken.insert(name.clone());
            name
        };
        let components = model
            .graph
            .node_weights()
            .map(|c| (c.id.clone(), claim(&c.id)))
            .collect();
        let stages = model
            .stages
            .iter()
            .map(|s| (s.id.clone(), claim(&s.id)))
            .collect();
        Ids { components, stages }
    }

    fn component(&self, id: &str) -> String {
        self.components[id].clone()
    }

    fn stage(&self, id: &str) -> String {
        self.stages[id].clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_use_entity_codes() {
        assert_eq!(label("a \"b\" <c>"), "a #34;b#34; #60;c#62;");
        assert_eq!(label("x\ny"), "x<br>y");
        assert_eq!(label("#1;"), "#35;1#59;");
    }

    #[test]
    fn ids_avoid_reserved_words_and_collisions() {
        let doc = crate::analyze_str(
            "t",
            "end: service\na-b: service\na_b: service\nstage a_b_1 {\n  x: job\n}\nend -> a-b\n",
        );
        assert!(!doc.has_errors(), "{:#?}", doc.diagnostics);
        let out = export(&doc.model);
        assert!(out.contains("  end_1[\"end\"]\n"), "{out}");
        assert!(out.contains("  a_b[\"a-b\"]\n  a_b_1[\"a_b\"]\n"), "{out}");
        assert!(out.contains("subgraph a_b_1_1[\"a_b_1\"]"), "{out}");
        assert!(out.contains("  end_1 --> a_b\n"), "{out}");
    }
}
