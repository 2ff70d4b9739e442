//! Routing and output. Each edge piece becomes a polyline: straight through
//! every layer at its item's anchor, diagonal only in the gaps between
//! layers (which hold no components), attached to spread-out ports on the
//! component sides. Edges between rows run down the gap after the layer they
//! leave from, along the channel below the row, and down the gap before the
//! layer they enter, each on its own track. Flow coordinates are then mapped
//! to the page.

use super::chains::{ItemKind, LABEL_OFFSET, Layered};
use super::position::{Placed, Span2, TRACK};
use super::prepare::Input;
use super::rows::{LAYER_GAP, Rows};
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
/// Channels with up to this many routes get the neighbour-swap pass.
const SWAP_LIMIT: usize = 200;

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
    // Rows snake: odd rows run against the flow, mirrored about the longest
    // row, so an edge into the next row usually drops straight down.
    let longest = placed.row_length.iter().fold(0.0, |a: f64, &b| a.max(b));
    let flip = Flip { longest };
    let row_of = |item: usize| rows.row_of_layer[g.items[item].layer];
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

    let detours = detours(rows, g, placed, &out_ports, flip);

    let mut edges = Vec::with_capacity(input.edges.len());
    for (e, pieces) in g.chains.iter().enumerate() {
        let mut points: Vec<[f64; 2]> = Vec::new();
        for (k, piece) in pieces.iter().enumerate() {
            if k == 1 {
                let d = &detours[e];
                let exit_c = points.last().map_or(0.0, |p| p[1]);
                points.push([d.x_down, exit_c]);
                points.push([d.x_down, d.t1]);
                if let Some((far, t2)) = d.via {
                    points.push([far, d.t1]);
                    points.push([far, t2]);
                    points.push([d.x_in, t2]);
                } else {
                    points.push([d.x_in, d.t1]);
                }
                points.push([d.x_in, placed.anchor[piece[0]]]);
            }
            let r = row_of(piece[0]);
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
                            points.push([flip.x(r, b.r + b.r_len), p]);
                            points.push([flip.x(r, le), p]);
                        }
                        if j == last_index && (j > 0 || k == 1) {
                            let p = port(&in_ports[v], piece[j - 1]);
                            points.push([flip.x(r, ls), p]);
                            points.push([flip.x(r, b.r), p]);
                        }
                    }
                    ItemKind::Dummy | ItemKind::Label => {
                        points.push([flip.x(r, ls), placed.anchor[item]]);
                        points.push([flip.x(r, le), placed.anchor[item]]);
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
                flip.span(
                    row_of(item),
                    Span2 {
                        r: mid - label.rank_size / 2.0,
                        c: placed.anchor[item] + LABEL_OFFSET,
                        r_len: label.rank_size,
                        c_len: label.cross_size,
                    },
                ),
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
    let boxes: Vec<_> = (0..node_count)
        .map(|v| page_box(flip.span(row_of(v), node_box(v))))
        .collect();
    let stage_boxes: Vec<_> = placed
        .stage_boxes
        .iter()
        .zip(&placed.stage_row)
        .map(|(b, &r)| b.map(|b| page_box(flip.span(r, b))))
        .collect();
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

/// The route of an edge between rows: down a gap (or past the row's end) at
/// `x_down` to track `t1` in the channel below its row, across to `x_in`,
/// down a gap (or before the row's start) into the target row. With rows
/// between, it detours via a far-left gutter track to `t2` above the target
/// row.
#[derive(Default, Clone)]
struct Detour {
    x_down: f64,
    t1: f64,
    via: Option<(f64, f64)>,
    x_in: f64,
}

/// Where a vertical run sits: a gap after a layer, past a row's end, or
/// before a row's start.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Gap(usize),
    RowEnd(usize),
    RowStart(usize),
}

/// Assigns tracks so parallel runs cross as little as possible: in a slot,
/// the run that joins its row lower sits nearer the far side of the gap; in
/// a channel, leftmost descents take the upper tracks.
fn detours(
    rows: &Rows,
    g: &Layered,
    placed: &Placed,
    out_ports: &[Vec<(usize, f64)>],
    flip: Flip,
) -> Vec<Detour> {
    let mut detours = vec![Detour::default(); g.chains.len()];
    // (slot, cross where the run joins the row, edge, is_exit)
    let mut runs: Vec<(Slot, f64, usize, bool)> = Vec::new();
    let mut crossing = Vec::new();
    for (e, pieces) in g.chains.iter().enumerate() {
        if pieces.len() != 2 {
            continue;
        }
        crossing.push(e);
        let exit = *pieces[0].last().expect("piece");
        let lx = g.items[exit].layer;
        let (slot, c) = match g.items[exit].kind {
            ItemKind::Node(v) => {
                let p = out_ports[v]
                    .iter()
                    .find(|p| p.0 == EXIT)
                    .map_or(0.0, |p| p.1);
                (Slot::RowEnd(rows.row_of_layer[lx]), p)
            }
            _ => (Slot::Gap(lx), placed.anchor[exit]),
        };
        runs.push((slot, c, e, true));
        let entry = pieces[1][0];
        let ly = g.items[entry].layer;
        let rb = rows.row_of_layer[ly];
        let slot = if ly > rows.start[rb] {
            Slot::Gap(ly - 1)
        } else {
            Slot::RowStart(rb)
        };
        runs.push((slot, placed.anchor[entry], e, false));
    }
    runs.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| match a.0 {
                Slot::RowStart(_) => a.1.total_cmp(&b.1),
                _ => b.1.total_cmp(&a.1),
            })
            .then(a.2.cmp(&b.2))
    });
    let mut k = 0;
    for i in 0..runs.len() {
        k = if i > 0 && runs[i - 1].0 == runs[i].0 {
            k + 1
        } else {
            0
        };
        let (slot, _, e, exit) = runs[i];
        let x = match slot {
            Slot::Gap(l) => flip.x(
                rows.row_of_layer[l],
                placed.gap_start[l] + LAYER_GAP / 2.0 + k as f64 * TRACK,
            ),
            Slot::RowEnd(r) => flip.x(r, placed.row_length[r] + GUTTER + k as f64 * TRACK),
            Slot::RowStart(r) => flip.x(r, -GUTTER - k as f64 * TRACK),
        };
        if exit {
            detours[e].x_down = x;
        } else {
            detours[e].x_in = x;
        }
    }
    // Channel tracks. A route descends into its track at `down` and leaves
    // it downwards at `up`; putting P above Q costs a crossing when Q's
    // descent lies within P's run, and one when P's departure lies within
    // Q's run. Start from descents left to right, then swap neighbours
    // while that lowers the cost (bounded passes).
    let row_of = |item: usize| rows.row_of_layer[g.items[item].layer];
    let mut far = 0;
    let mut channels: Vec<Vec<(f64, f64, usize, bool)>> = vec![Vec::new(); rows.start.len()];
    for &e in &crossing {
        let (ra, rb) = (row_of(g.chains[e][0][0]), row_of(g.chains[e][1][0]));
        let d = &mut detours[e];
        if rb > ra + 1 {
            far += 1;
            let x = -GUTTER - (crossing.len() + far) as f64 * TRACK;
            d.via = Some((x, 0.0));
            channels[ra + 1].push((d.x_down, x, e, true));
            channels[rb].push((x, d.x_in, e, false));
        } else {
            channels[ra + 1].push((d.x_down, d.x_in, e, true));
        }
    }
    let within = |x: f64, a: f64, b: f64| x > a.min(b) && x < a.max(b);
    let cost = |p: &(f64, f64, usize, bool), q: &(f64, f64, usize, bool)| {
        usize::from(within(q.0, p.0, p.1)) + usize::from(within(p.1, q.0, q.1))
    };
    for (r, routes) in channels.iter_mut().enumerate() {
        routes.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
        if routes.len() <= SWAP_LIMIT {
            for _ in 0..routes.len() {
                let mut swapped = false;
                for i in 1..routes.len() {
                    if cost(&routes[i], &routes[i - 1]) < cost(&routes[i - 1], &routes[i]) {
                        routes.swap(i - 1, i);
                        swapped = true;
                    }
                }
                if !swapped {
                    break;
                }
            }
        }
        for (k, &(_, _, e, first)) in routes.iter().enumerate() {
            let t = placed.channel[r].0 + (k + 1) as f64 * TRACK;
            if first {
                detours[e].t1 = t;
            } else if let Some(via) = detours[e].via.as_mut() {
                via.1 = t;
            }
        }
    }
    detours
}

/// Rows alternate direction: odd rows are mirrored about the longest row.
#[derive(Clone, Copy)]
struct Flip {
    longest: f64,
}

impl Flip {
    fn x(self, row: usize, x: f64) -> f64 {
        if row % 2 == 1 { self.longest - x } else { x }
    }

    fn span(self, row: usize, b: Span2) -> Span2 {
        if row % 2 == 1 {
            Span2 {
                r: self.longest - b.r - b.r_len,
                ..b
            }
        } else {
            b
        }
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
