//! Reference flows scored through the component mapping, never by label
//! text: a flow is found when the answer connects the components standing for
//! its ends, directly (full credit), backwards (most), through a chain of
//! other components (credit decaying with each hop), or inside one answer
//! component that merges both ends.

use super::matching::Mapping;
use super::similarity::Side;
use crate::model::Model;
use std::collections::VecDeque;

/// Longest answer chain accepted as standing for one reference flow.
pub const MAX_HOPS: usize = 4;
/// Credit for a chain of h hops is CHAIN_DECAY^(h-1).
pub const CHAIN_DECAY: f64 = 0.7;
/// Request-path and data-path conventions differ (user → API → store vs
/// store → API → user), so a reversed flow keeps most of its credit.
pub const REVERSED_CREDIT: f64 = 0.75;
pub const COLLAPSED_CREDIT: f64 = 0.75;

#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Direct,
    Reversed,
    /// Through these answer components, in order.
    Chain(Vec<usize>),
    /// Both ends are the same answer component.
    Collapsed,
    Missing,
}

#[derive(Debug, Clone)]
pub struct FlowCheck {
    /// Reference component positions (in `Side` order).
    pub from: usize,
    pub to: usize,
    pub weight: f64,
    pub optional: bool,
    pub found: Found,
}

impl FlowCheck {
    pub fn credit(&self) -> f64 {
        match &self.found {
            Found::Direct => 1.0,
            Found::Reversed => REVERSED_CREDIT,
            Found::Chain(via) => CHAIN_DECAY.powi(via.len() as i32),
            Found::Collapsed => COLLAPSED_CREDIT,
            Found::Missing => 0.0,
        }
    }
}

/// The reference's flows as (from, to, weight, optional) over `Side` positions, sorted.
pub fn reference_flows(model: &Model, side: &Side) -> Vec<(usize, usize, f64, bool)> {
    let mut position = vec![0; model.graph.node_count()];
    for (i, p) in side.profiles.iter().enumerate() {
        position[p.node.index()] = i;
    }
    let mut flows: Vec<(usize, usize, f64, bool)> = model
        .graph
        .edge_indices()
        .filter_map(|e| {
            let (a, b) = model.graph.edge_endpoints(e)?;
            let (pa, pb) = (position[a.index()], position[b.index()]);
            let f = &model.graph[e];
            let optional =
                f.attrs.optional || side.profiles[pa].optional || side.profiles[pb].optional;
            Some((pa, pb, f.attrs.weight, optional))
        })
        .collect();
    flows.sort_by_key(|f| (f.0, f.1));
    flows.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    flows
}

/// Scores every reference flow against the answer.
pub fn check(
    flows: &[(usize, usize, f64, bool)],
    mapping: &Mapping,
    answer: &Side,
) -> Vec<FlowCheck> {
    let images: Vec<Vec<usize>> = mapping.covers.iter().map(|c| c.answers()).collect();
    flows
        .iter()
        .map(|&(from, to, weight, optional)| FlowCheck {
            from,
            to,
            weight,
            optional,
            found: find(&images[from], &images[to], answer),
        })
        .collect()
}

fn find(sources: &[usize], targets: &[usize], answer: &Side) -> Found {
    if sources.is_empty() || targets.is_empty() {
        return Found::Missing;
    }
    if sources.iter().any(|s| targets.contains(s)) {
        return Found::Collapsed;
    }
    let linked =
        |a: &[usize], b: &[usize]| a.iter().any(|&x| b.iter().any(|&y| answer.has_flow(x, y)));
    if linked(sources, targets) {
        return Found::Direct;
    }
    if linked(targets, sources) {
        return Found::Reversed;
    }
    // Breadth-first from all sources at once; sorted adjacency makes the path found deterministic.
    let mut parent: Vec<Option<usize>> = vec![None; answer.len()];
    let mut depth: Vec<usize> = vec![usize::MAX; answer.len()];
    let mut queue = VecDeque::new();
    let mut starts = sources.to_vec();
    starts.sort_unstable();
    for &s in &starts {
        depth[s] = 0;
        queue.push_back(s);
    }
    while let Some(x) = queue.pop_front() {
        if depth[x] >= MAX_HOPS {
            continue;
        }
        for &y in &answer.out[x] {
            if depth[y] != usize::MAX {
                continue;
            }
            depth[y] = depth[x] + 1;
            parent[y] = Some(x);
            if targets.contains(&y) {
                let mut via = Vec::new();
                let mut at = x;
                while depth[at] > 0 {
                    via.push(at);
                    at = parent[at].expect("visited nodes have parents");
                }
                via.reverse();
                return Found::Chain(via);
            }
            queue.push_back(y);
        }
    }
    Found::Missing
}
