//! Routing and output. Each edge piece becomes a polyline: straight through
//! every layer at its item's anchor, diagonal only in the gaps between
//! layers (which hold no components), attached to spread-out ports on the
//! component sides. Edges between rows leave through the far gutter, cross
//! in the channel before the target row and enter from the near gutter, each
//! on its own track. Flow coordinates are then mapped to the page.

use super::chains::{ItemKind, LABEL_OFFSET, Layered};
use super::position::{Placed, Span2, TRACK};
use super::prepare::Input;
use super::rows::Rows;
use super::snap;
use crate::geometry::{ComponentBox, EdgePath, Geometry, LabelBox, StageBox};
use crate::vocab::Direction;

/// Margin around the drawing, px.
const MARGIN: f64 = 20.0;
/// Distance from the rows to the first gutter track, px.
const GUTTER: f64 = 24.0;
/// Largest spacing between ports on one side of a component, px.
const PORT_PITCH: f64 = 14.0;

/// Port key for a piece that leaves its row at this component.
const EXIT: usize = usize::MAX;

pub(super) fn geometry(input: &Input, rows: &Rows, g: &Layered, placed: &Placed) -> Geometry {
    let node_count = input.nodes.len();
    // Node boxes in flow coordinates.
    let node_box = |v: usize| {
        let item = &g.items[v];
        let mid = (placed.layer_start[item.layer] + placed.layer_end[item.layer]) / 2.0;
        Span2 {
            r: mid - item.rank_size / 2.0,
            c: placed.anchor[v] - item.anchor,
            r_len: item.rank_size,
            c_len: item.cross_size,
        }
    };
    // Ports: per node and side, neighbours sorted across the flow.
    let mut out_ports: Vec<Vec<(usize, f64)>> = vec![Vec::new(); node_count];
    let mut in_ports: Vec<Vec<(usize, f64)>> = vec![Vec::new(); node_count];
    for pieces in &g.chains {
        for (k, piece) in pieces.iter().enumerate() {
            let (first, last) = (piece[0], piece[piece.len() - 1]);
            if let ItemKind::Node(v) = g.items[first].kind {
                let (nbr, key) = match piece.get(1) {
                    Some(&n) => (n, placed.anchor[n]),
                    None => (EXIT, f64::INFINITY),
                };
                out_ports[v].push((nbr, key));
            }
            if let ItemKind::Node(v) = g.items[last].kind
                && (piece.len() > 1 || k == 1)
            {
                let n = piece[piece.len() - 2];
                in_ports[v].push((n, placed.anchor[n]));
            }
        }
    }
    let spread = |ports: &mut Vec<(usize, f64)>, v: usize| {
        ports.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        let size = g.items[v].cross_size;
        let k = ports.len() as f64;
        let pitch = PORT_PITCH.min(size * 0.7 / k.max(1.0));
        for (i, p) in ports.iter_mut().enumerate() {
            p.1 = placed.anchor[v] + (i as f64 - (k - 1.0) / 2.0) * pitch;
        }
    };
    for v in 0..node_count {
        spread(&mut out_ports[v], v);
        spread(&mut in_ports[v], v);
    }
    let port =
        |ports: &[(usize, f64)], nbr: usize| ports.iter().find(|p| p.0 == nbr).map_or(0.0, |p| p.1);

    // Gutters: beyond the longest row, and before the rows.
    let longest = placed.row_length.iter().fold(0.0, |a: f64, &b| a.max(b));
    let mut channel_used = vec![0usize; rows.start.len()];
    let mut gutter_used = 0usize;

    let mut edges = Vec::with_capacity(input.edges.len());
    for (e, pieces) in g.chains.iter().enumerate() {
        let mut points: Vec<[f64; 2]> = Vec::new();
        for (k, piece) in pieces.iter().enumerate() {
            if k == 1 {
                // From the end of the first piece to the start of the second.
                let exit_c = points.last().map_or(0.0, |p| p[1]);
                let entry = piece[0];
                let entry_c = placed.anchor[entry];
                let row = rows.row_of_layer[g.items[entry].layer];
                channel_used[row] += 1;
                gutter_used += 1;
                let far = longest + GUTTER + gutter_used as f64 * TRACK;
                let near = -GUTTER - gutter_used as f64 * TRACK;
                let track = placed.channel[row].0 + channel_used[row] as f64 * TRACK;
                points.push([far, exit_c]);
                points.push([far, track]);
                points.push([near, track]);
                points.push([near, entry_c]);
            }
            let last_index = piece.len() - 1;
            for (j, &item) in piece.iter().enumerate() {
                let it = &g.items[item];
                let (ls, le) = (placed.layer_start[it.layer], placed.layer_end[it.layer]);
                match it.kind {
                    ItemKind::Node(v) => {
                        let b = node_box(v);
                        if j == 0 {
                            let nbr = piece.get(1).copied().unwrap_or(EXIT);
                            let p = port(&out_ports[v], nbr);
                            points.push([b.r + b.r_len, p]);
                            points.push([le, p]);
                        }
                        if j == last_index && (j > 0 || k == 1) {
                            let p = port(&in_ports[v], piece[j - 1]);
                            points.push([ls, p]);
                            points.push([b.r, p]);
                        }
                    }
                    ItemKind::Dummy | ItemKind::Label => {
                        points.push([ls, placed.anchor[item]]);
                        points.push([le, placed.anchor[item]]);
                    }
                }
            }
        }
        simplify(&mut points);
        if g.reversed[e] {
            points.reverse();
        }
        let label = input.edges[e].label.as_ref().and_then(|label| {
            let item = pieces
                .iter()
                .flatten()
                .copied()
                .find(|&i| g.items[i].kind == ItemKind::Label)?;
            let layer = g.items[item].layer;
            let mid = (placed.layer_start[layer] + placed.layer_end[layer]) / 2.0;
            Some((
                label.text.clone(),
                Span2 {
                    r: mid - label.rank_size / 2.0,
                    c: placed.anchor[item] + LABEL_OFFSET,
                    r_len: label.rank_size,
                    c_len: label.cross_size,
                },
            ))
        });
        edges.push((e, points, label));
    }

    // Map to the page: flow coordinates (r, c) become (x, y) or (y, x).
    let right = input.direction == Direction::Right;
    let to_page = |r: f64, c: f64| if right { (r, c) } else { (c, r) };
    let page_box = |b: Span2| {
        let (x, y) = to_page(b.r, b.c);
        let (w, h) = if right {
            (b.r_len, b.c_len)
        } else {
            (b.c_len, b.r_len)
        };
        (x, y, w, h)
    };
    let mut min = (f64::INFINITY, f64::INFINITY);
    let mut max = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut grow = |x: f64, y: f64| {
        min = (min.0.min(x), min.1.min(y));
        max = (max.0.max(x), max.1.max(y));
    };
    let boxes: Vec<_> = (0..node_count).map(|v| page_box(node_box(v))).collect();
    let stage_boxes: Vec<_> = placed.stage_boxes.iter().map(|b| b.map(page_box)).collect();
    for &(x, y, w, h) in boxes.iter().chain(stage_boxes.iter().flatten()) {
        grow(x, y);
        grow(x + w, y + h);
    }
    for (_, points, label) in &edges {
        for p in points {
            let (x, y) = to_page(p[0], p[1]);
            grow(x, y);
        }
        if let Some((_, b)) = label {
            let (x, y, w, h) = page_box(*b);
            grow(x, y);
            grow(x + w, y + h);
        }
    }
    if !min.0.is_finite() {
        min = (0.0, 0.0);
        max = (0.0, 0.0);
    }
    let (dx, dy) = (MARGIN - min.0, MARGIN - min.1);
    let at = |x: f64, y: f64| [snap(x + dx), snap(y + dy)];

    Geometry {
        width: snap(max.0 - min.0 + 2.0 * MARGIN),
        height: snap(max.1 - min.1 + 2.0 * MARGIN),
        stages: input
            .stages
            .iter()
            .zip(&stage_boxes)
            .filter_map(|((id, label), b)| {
                let (x, y, w, h) = (*b)?;
                let [x, y] = at(x, y);
                Some(StageBox {
                    id: id.clone(),
                    label: label.clone(),
                    x,
                    y,
                    w: snap(w),
                    h: snap(h),
                })
            })
            .collect(),
        components: input
            .nodes
            .iter()
            .zip(&boxes)
            .map(|(n, &(x, y, w, h))| {
                let [x, y] = at(x, y);
                ComponentBox {
                    id: n.id.clone(),
                    stage: n.stage.map(|s| input.stages[s].0.clone()),
                    x,
                    y,
                    w: snap(w),
                    h: snap(h),
                }
            })
            .collect(),
        edges: edges
            .into_iter()
            .map(|(e, points, label)| {
                let edge = &input.edges[e];
                EdgePath {
                    from: input.nodes[edge.from].id.clone(),
                    to: input.nodes[edge.to].id.clone(),
                    points: points
                        .iter()
                        .map(|p| {
                            let (x, y) = to_page(p[0], p[1]);
                            at(x, y)
                        })
                        .collect(),
                    label: label.map(|(text, b)| {
                        let (x, y, w, h) = page_box(b);
                        let [x, y] = at(x, y);
                        LabelBox {
                            text,
                            x,
                            y,
                            w: snap(w),
                            h: snap(h),
                        }
                    }),
                }
            })
            .collect(),
    }
}

/// Drops repeated points and middle points of straight runs.
fn simplify(points: &mut Vec<[f64; 2]>) {
    points.dedup_by(|b, a| (a[0] - b[0]).abs() < 1e-9 && (a[1] - b[1]).abs() < 1e-9);
    let mut out: Vec<[f64; 2]> = Vec::with_capacity(points.len());
    for &p in points.iter() {
        while out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
            let forward = (b[0] - a[0]) * (p[0] - b[0]) + (b[1] - a[1]) * (p[1] - b[1]) >= 0.0;
            if cross.abs() < 1e-6 && forward {
                out.pop();
            } else {
                break;
            }
        }
        out.push(p);
    }
    *points = out;
}
