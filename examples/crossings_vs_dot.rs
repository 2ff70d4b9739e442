//! Edge crossings of our layout against Graphviz dot on the same graph, with
//! one cluster per stage. Needs `dot` on PATH (apt-get install graphviz).
//!
//! cargo run --release --example crossings_vs_dot -- diagrams/*/*.mlsd
//!
//! Crossings are counted by `mlsd::layout::crossings` on both drawings (dot's
//! splines flattened): proper intersections of two edges' polylines, not
//! counting points at a component both edges end at. Prints a Markdown table.

use mlsd::geometry::{ComponentBox, EdgePath, Geometry};
use mlsd::layout::{LayoutOptions, component_size, crossings, layout};
use mlsd::model::Model;
use mlsd::vocab::Direction;
use petgraph::visit::EdgeRef;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

fn dot_source(model: &Model, direction: Direction) -> String {
    let mut s = String::from("digraph G {\n");
    let _ = writeln!(
        s,
        "  rankdir={};\n  node [shape=box, fixedsize=true];",
        if direction == Direction::Right {
            "LR"
        } else {
            "TB"
        }
    );
    let node = |n: petgraph::graph::NodeIndex| {
        let c = &model.graph[n];
        let (w, h) = component_size(c);
        format!(
            "    n{} [label=\"{}\", width={:.3}, height={:.3}];\n",
            n.index(),
            c.label.replace('"', "'"),
            w / 72.0,
            h / 72.0
        )
    };
    for (i, st) in model.stages.iter().enumerate() {
        let _ = writeln!(
            s,
            "  subgraph cluster_{i} {{\n    label=\"{}\";",
            st.label.replace('"', "'")
        );
        for &n in &st.components {
            s.push_str(&node(n));
        }
        s.push_str("  }\n");
    }
    for n in model
        .graph
        .node_indices()
        .filter(|&n| model.graph[n].stage.is_none())
    {
        s.push_str(&node(n));
    }
    for e in model.graph.edge_references() {
        let label = e
            .weight()
            .label
            .as_deref()
            .map(|l| format!(" [label=\"{}\"]", l.replace('"', "'")))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  n{} -> n{}{label};",
            e.source().index(),
            e.target().index()
        );
    }
    s.push_str("}\n");
    s
}

fn run_dot(model: &Model, direction: Direction) -> Geometry {
    let mut child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("dot on PATH (apt-get install graphviz)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot_source(model, direction).as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("dot json");
    let mut nodes = vec![[0.0; 4]; model.graph.node_count()];
    let mut gvid_to_node = std::collections::BTreeMap::new();
    for o in json["objects"].as_array().unwrap() {
        let name = o["name"].as_str().unwrap_or("");
        let Some(idx) = name.strip_prefix('n').and_then(|i| i.parse::<usize>().ok()) else {
            continue;
        };
        if o.get("pos").is_none() {
            continue;
        }
        let pos: Vec<f64> = o["pos"]
            .as_str()
            .unwrap()
            .split(',')
            .map(|v| v.parse().unwrap())
            .collect();
        let w: f64 = o["width"].as_str().unwrap().parse::<f64>().unwrap() * 72.0;
        let h: f64 = o["height"].as_str().unwrap().parse::<f64>().unwrap() * 72.0;
        nodes[idx] = [
            pos[0] - w / 2.0,
            pos[1] - h / 2.0,
            pos[0] + w / 2.0,
            pos[1] + h / 2.0,
        ];
        gvid_to_node.insert(o["_gvid"].as_u64().unwrap(), idx);
    }
    let mut edges = Vec::new();
    for e in json["edges"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
        let (t, h) = (
            gvid_to_node[&e["tail"].as_u64().unwrap()],
            gvid_to_node[&e["head"].as_u64().unwrap()],
        );
        let mut line = Vec::new();
        for op in e["_draw_"].as_array().unwrap() {
            if op["op"] == "b" {
                let pts: Vec<[f64; 2]> = op["points"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| [p[0].as_f64().unwrap(), p[1].as_f64().unwrap()])
                    .collect();
                line.push(pts[0]);
                for c in pts[1..].chunks(3) {
                    if c.len() < 3 {
                        break;
                    }
                    let p0 = *line.last().unwrap();
                    for k in 1..=16 {
                        let t = k as f64 / 16.0;
                        let u = 1.0 - t;
                        let f = |i: usize| {
                            u * u * u * p0[i]
                                + 3.0 * u * u * t * c[0][i]
                                + 3.0 * u * t * t * c[1][i]
                                + t * t * t * c[2][i]
                        };
                        line.push([f(0), f(1)]);
                    }
                }
            }
        }
        let id = |i: usize| model.graph[petgraph::graph::NodeIndex::new(i)].id.clone();
        edges.push(EdgePath {
            from: id(t),
            to: id(h),
            points: line,
            label: None,
        });
    }
    let components = nodes
        .iter()
        .enumerate()
        .map(|(i, b)| ComponentBox {
            id: model.graph[petgraph::graph::NodeIndex::new(i)].id.clone(),
            stage: None,
            x: b[0],
            y: b[1],
            w: b[2] - b[0],
            h: b[3] - b[1],
        })
        .collect();
    Geometry {
        width: 0.0,
        height: 0.0,
        stages: Vec::new(),
        components,
        edges,
    }
}

fn ours(model: &Model, direction: Direction) -> Geometry {
    layout(
        model,
        &LayoutOptions {
            direction: Some(direction),
            ..Default::default()
        },
    )
    .unwrap()
}

fn main() {
    println!("| diagram | components | flows | direction | mlsd crossings | dot crossings |");
    println!("|---|---|---|---|---|---|");
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable file");
        let doc = mlsd::analyze_str(&path, &text);
        for &direction in Direction::ALL {
            let (m, d) = (
                crossings(&ours(&doc.model, direction)),
                crossings(&run_dot(&doc.model, direction)),
            );
            println!(
                "| {path} | {} | {} | {} | {m} | {d} |",
                doc.model.graph.node_count(),
                doc.model.graph.edge_count(),
                direction.as_str()
            );
        }
    }
}
