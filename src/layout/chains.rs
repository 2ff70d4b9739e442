//! The layered graph: components plus one item per layer an edge passes
//! (a dummy, or its label). Every segment then joins adjacent layers, which
//! is what keeps lines out of components. Labels sit in odd layers outside
//! stage boxes unless the edge is internal to one stage; an edge between
//! rows is cut into two short pieces joined through the gap between layers
//! and the channel between rows.

use super::acyclic::GroupOrder;
use super::prepare::Input;
use super::rank::Ranks;
use super::rows::Rows;

/// Gap between an edge line and its label, px.
pub(super) const LABEL_OFFSET: f64 = 4.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ItemKind {
    Node(usize),
    Dummy,
    Label,
}

pub(super) struct Item {
    pub kind: ItemKind,
    pub layer: usize,
    pub rank_size: f64,
    pub cross_size: f64,
    /// Offset from the item's cross start to where lines attach.
    pub anchor: f64,
}

/// Adjacency in compressed rows: neighbours of item i are
/// `list[offset[i]..offset[i + 1]]`.
pub(super) struct Adjacency {
    pub offset: Vec<usize>,
    pub list: Vec<usize>,
}

impl Adjacency {
    fn new(count: usize, pairs: impl Iterator<Item = (usize, usize)> + Clone) -> Adjacency {
        let mut offset = vec![0; count + 1];
        for (a, _) in pairs.clone() {
            offset[a + 1] += 1;
        }
        for i in 0..count {
            offset[i + 1] += offset[i];
        }
        let mut fill = offset.clone();
        let mut list = vec![0; offset[count]];
        for (a, b) in pairs {
            list[fill[a]] = b;
            fill[a] += 1;
        }
        Adjacency { offset, list }
    }

    pub fn of(&self, i: usize) -> &[usize] {
        &self.list[self.offset[i]..self.offset[i + 1]]
    }
}

pub(super) struct Layered {
    pub items: Vec<Item>,
    /// Items of each layer, in order.
    pub layers: Vec<Vec<usize>>,
    /// Neighbours in the previous and the next layer.
    pub up: Adjacency,
    pub down: Adjacency,
    /// Per edge, one or two pieces (two when it changes rows), each a list
    /// of items from its upstream end to its downstream end.
    pub chains: Vec<Vec<Vec<usize>>>,
    pub reversed: Vec<bool>,
    /// Where an item wants to sit in its layer regardless of neighbours:
    /// +1 at the end (it leaves for the row below), -1 at the start (it
    /// arrives from the row above), 0 anywhere.
    pub pull: Vec<i8>,
}

pub(super) fn build(
    input: &Input,
    order: &GroupOrder,
    ranks: &Ranks,
    rows: &Rows,
    reversed: &[bool],
) -> Layered {
    let mut items: Vec<Item> = input
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| Item {
            kind: ItemKind::Node(i),
            layer: ranks.layer_of[i],
            rank_size: n.rank_size,
            cross_size: n.cross_size,
            anchor: n.cross_size / 2.0,
        })
        .collect();
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut chains = Vec::with_capacity(input.edges.len());
    for (edge, &rev) in input.edges.iter().zip(reversed) {
        let (a, b) = if rev {
            (edge.to, edge.from)
        } else {
            (edge.from, edge.to)
        };
        let (la, lb) = (ranks.layer_of[a], ranks.layer_of[b]);
        let (ra, rb) = (rows.row_of_layer[la], rows.row_of_layer[lb]);
        let (ga, gb) = (order.group_of[a], order.group_of[b]);
        let label_layer = if ra != rb {
            // Beside the component it leaves, else where it enters.
            if la + 1 < rows.end(ra, ranks.layers) {
                la + 1
            } else {
                lb - 1
            }
        } else if ga == gb {
            let odd = (lb - la) / 2;
            la + 1 + 2 * ((odd - 1) / 2)
        } else {
            ranks.group_last[ga + (gb - ga - 1) / 2] + 1
        };
        let make = |l: usize, items: &mut Vec<Item>| {
            let id = items.len();
            items.push(match (&edge.label, l == label_layer) {
                (Some(label), true) => Item {
                    kind: ItemKind::Label,
                    layer: l,
                    rank_size: label.rank_size,
                    cross_size: LABEL_OFFSET + label.cross_size,
                    anchor: 0.0,
                },
                _ => Item {
                    kind: ItemKind::Dummy,
                    layer: l,
                    rank_size: 0.0,
                    cross_size: 0.0,
                    anchor: 0.0,
                },
            });
            id
        };
        let mut pieces = Vec::with_capacity(2);
        if ra == rb {
            let mut piece = vec![a];
            for l in la + 1..lb {
                piece.push(make(l, &mut items));
            }
            piece.push(b);
            pieces.push(piece);
        } else {
            // Leave through the next layer (if the row has one) and enter
            // through the layer before the target; the route between runs
            // in the gaps and the channel between rows.
            let mut first = vec![a];
            if la + 1 < rows.end(ra, ranks.layers) {
                first.push(make(la + 1, &mut items));
            }
            let second = vec![make(lb - 1, &mut items), b];
            pieces.push(first);
            pieces.push(second);
        }
        for piece in &pieces {
            segments.extend(piece.windows(2).map(|w| (w[0], w[1])));
        }
        chains.push(pieces);
    }
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); ranks.layers];
    let mut nodes: Vec<usize> = (0..input.nodes.len()).collect();
    nodes.sort_by_key(|&v| (order.group_of[v], order.topo[v]));
    for v in nodes {
        layers[items[v].layer].push(v);
    }
    for (i, item) in items.iter().enumerate().skip(input.nodes.len()) {
        layers[item.layer].push(i);
    }
    let count = items.len();
    let mut pull = vec![0i8; count];
    for pieces in chains.iter().filter(|p| p.len() == 2) {
        if let [_, exit] = pieces[0][..] {
            pull[exit] = 1;
        }
        pull[pieces[1][0]] = -1;
    }
    Layered {
        pull,
        up: Adjacency::new(count, segments.iter().map(|&(a, b)| (b, a))),
        down: Adjacency::new(count, segments.iter().copied()),
        items,
        layers,
        chains,
        reversed: reversed.to_vec(),
    }
}
