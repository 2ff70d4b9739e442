//! Ranking: every group gets its own consecutive range of ranks, in group
//! order; inside a group, longest path over its internal edges, then sources
//! are pulled next to their successors. Ranks are doubled into layers so that
//! every edge passes at least one odd layer, where labels and bends live.
//! Linear in the graph size.

use super::acyclic::GroupOrder;
use super::prepare::Input;

pub(super) struct Ranks {
    /// Even layer of each node.
    pub layer_of: Vec<usize>,
    /// First and last (even) layer of each group, by group position.
    pub group_first: Vec<usize>,
    pub group_last: Vec<usize>,
    /// Number of layers (odd and even).
    pub layers: usize,
}

pub(super) fn assign(input: &Input, order: &GroupOrder, reversed: &[bool]) -> Ranks {
    let n = input.nodes.len();
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut external_in = vec![false; n];
    let mut external_out = vec![false; n];
    for (e, &rev) in input.edges.iter().zip(reversed) {
        let (a, b) = if rev { (e.to, e.from) } else { (e.from, e.to) };
        if order.group_of[a] == order.group_of[b] {
            succs[a].push(b);
            preds[b].push(a);
        } else {
            external_out[a] = true;
            external_in[b] = true;
        }
    }
    let mut rank = vec![0usize; n];
    let mut layer_of = vec![0; n];
    let mut group_first = Vec::with_capacity(order.groups.len());
    let mut group_last = Vec::with_capacity(order.groups.len());
    let mut offset = 0;
    for g in &order.groups {
        let mut nodes = g.nodes.clone();
        nodes.sort_by_key(|&v| order.topo[v]);
        for &v in &nodes {
            rank[v] = preds[v].iter().map(|&u| rank[u] + 1).max().unwrap_or(0);
        }
        for &v in nodes.iter().rev() {
            if preds[v].is_empty()
                && let Some(r) = succs[v].iter().map(|&w| rank[w]).min()
            {
                rank[v] = r.saturating_sub(1);
            }
        }
        let depth = nodes.iter().map(|&v| rank[v]).max().unwrap_or(0);
        for &v in &nodes {
            if preds[v].is_empty() && succs[v].is_empty() && external_out[v] && !external_in[v] {
                rank[v] = depth;
            }
            layer_of[v] = 2 * (offset + rank[v]);
        }
        group_first.push(2 * offset);
        group_last.push(2 * (offset + depth));
        offset += depth + 1;
    }
    Ranks {
        layer_of,
        group_first,
        group_last,
        layers: (2 * offset).saturating_sub(1),
    }
}
