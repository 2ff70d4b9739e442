//! Wrapping: a long run of stages is cut, at group boundaries, into rows
//! placed one after another across the flow (below for `right`, beside for
//! `down`). Cuts are scored on an estimate of the page: those within 2.6:1
//! that cut the fewest edges come first; the engine keeps the first whose
//! real layout is within 3:1.

use super::acyclic::GroupOrder;
use super::prepare::Input;
use super::rank::Ranks;
use super::{STAGE_PADDING, stage_title_band};
use crate::vocab::Direction;

/// Space between consecutive layers along the flow, px.
pub(super) const LAYER_GAP: f64 = 26.0;
/// Space between items in a layer, px.
pub(super) const NODE_GAP: f64 = 24.0;
/// Aspect ratio (width / height) the wrapping aims for.
const TARGET_ASPECT: f64 = 1.5;
/// Estimated aspect ratios beyond this count as not fitting.
const ESTIMATE_LIMIT: f64 = 2.6;
/// Up to this many groups every set of cuts is scored (2^(n-1) sets).
const EXHAUSTIVE_GROUPS: usize = 12;
/// How many candidates the engine may try.
pub(super) const MAX_CANDIDATES: usize = 12;

pub(super) struct Rows {
    /// First layer of each row; row r spans `start[r]..start[r + 1]`.
    pub start: Vec<usize>,
    pub row_of_layer: Vec<usize>,
}

impl Rows {
    pub fn end(&self, r: usize, layers: usize) -> usize {
        self.start.get(r + 1).copied().unwrap_or(layers)
    }
}

/// Row cuts to try, best first: cuts whose estimated page is within 2.6:1,
/// fewest edges between rows first (an edge spanning d rows counts 2d - 1),
/// then the rest by closeness to 3:2.
pub(super) fn candidates(input: &Input, order: &GroupOrder, ranks: &Ranks) -> Vec<Rows> {
    let groups = order.groups.len();
    // Estimated extent of each group along and across the flow.
    let mut layer_rank = vec![0.0f64; ranks.layers];
    let mut layer_cross = vec![0.0f64; ranks.layers];
    for (v, node) in input.nodes.iter().enumerate() {
        let l = ranks.layer_of[v];
        layer_rank[l] = layer_rank[l].max(node.rank_size);
        layer_cross[l] += node.cross_size + NODE_GAP;
    }
    let title = stage_title_band();
    let mut along = Vec::with_capacity(groups);
    let mut across = Vec::with_capacity(groups);
    for (g, group) in order.groups.iter().enumerate() {
        let layers = ranks.group_first[g]..=ranks.group_last[g];
        let count = layers.clone().count() as f64;
        let mut a: f64 = layers.clone().map(|l| layer_rank[l]).sum::<f64>() + count * LAYER_GAP;
        let mut c = layers.map(|l| layer_cross[l]).fold(0.0, f64::max) * 1.2;
        if group.stage.is_some() {
            a += 2.0 * STAGE_PADDING;
            c += 2.0 * STAGE_PADDING;
            match input.direction {
                Direction::Right => c += title,
                Direction::Down => a += title,
            }
        }
        // The boundary layer with labels and bends before the next group.
        along.push(a + 2.0 * LAYER_GAP + 40.0);
        across.push(c);
    }
    // Candidate cuts: every set of group boundaries when there are few
    // groups, else balanced cuts for each row count.
    let total: f64 = along.iter().sum();
    let mut candidates: Vec<Vec<usize>> = Vec::new();
    if groups <= EXHAUSTIVE_GROUPS {
        for mask in 0u32..(1 << groups.saturating_sub(1)) {
            let mut firsts = vec![0];
            firsts.extend((1..groups).filter(|g| mask & (1 << (g - 1)) != 0));
            candidates.push(firsts);
        }
    } else {
        for k in 1..=groups.min(64) {
            let target = total / k as f64;
            let mut firsts = vec![0];
            let mut cum = 0.0;
            for (g, &a) in along.iter().enumerate() {
                if g > 0 && firsts.len() < k && cum + a / 2.0 > target * firsts.len() as f64 {
                    firsts.push(g);
                }
                cum += a;
            }
            candidates.push(firsts);
        }
    }
    // Edges cut by the rows: pairs of (first, last) group position.
    let spans: Vec<(usize, usize)> = input
        .edges
        .iter()
        .map(|e| {
            let (a, b) = (order.group_of[e.from], order.group_of[e.to]);
            (a.min(b), a.max(b))
        })
        .filter(|(a, b)| a != b)
        .collect();
    let mut scored: Vec<(bool, usize, f64, Vec<usize>)> = candidates
        .into_iter()
        .map(|firsts| {
            let mut row_of_group = vec![0; groups];
            let mut row_along = vec![0.0f64; firsts.len()];
            let mut row_across = vec![0.0f64; firsts.len()];
            let mut r = 0;
            for g in 0..groups {
                if r + 1 < firsts.len() && firsts[r + 1] == g {
                    r += 1;
                }
                row_of_group[g] = r;
                row_along[r] += along[g];
                row_across[r] = row_across[r].max(across[g]);
            }
            let long = row_along.iter().fold(0.0, |a: f64, &b| a.max(b)) + 80.0;
            let wide = row_across.iter().sum::<f64>() + 60.0 * (firsts.len() - 1) as f64;
            let (w, h) = match input.direction {
                Direction::Right => (long, wide),
                Direction::Down => (wide, long),
            };
            let aspect = (w / h).ln() - TARGET_ASPECT.ln();
            let cut: usize = spans
                .iter()
                .map(|&(a, b)| {
                    let d = row_of_group[b] - row_of_group[a];
                    if d == 0 { 0 } else { 2 * d - 1 }
                })
                .sum();
            let fits = (w / h).max(h / w) <= ESTIMATE_LIMIT;
            (!fits, if fits { cut } else { 0 }, aspect.abs(), firsts)
        })
        .collect();
    scored.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.total_cmp(&b.2))
            .then(a.3.len().cmp(&b.3.len()))
    });
    scored
        .into_iter()
        .take(MAX_CANDIDATES)
        .map(|(_, _, _, firsts)| rows_from(&firsts, ranks))
        .collect()
}

fn rows_from(firsts: &[usize], ranks: &Ranks) -> Rows {
    let start: Vec<usize> = firsts
        .iter()
        .map(|&g| ranks.group_first.get(g).map_or(0, |&l| l.saturating_sub(1)))
        .collect();
    let mut row_of_layer = vec![0; ranks.layers];
    for (r, &s) in start.iter().enumerate() {
        for slot in row_of_layer.iter_mut().skip(s) {
            *slot = r;
        }
    }
    Rows {
        start,
        row_of_layer,
    }
}
