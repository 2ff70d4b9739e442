//! Wrapping: a long run of stages is cut, at group boundaries, into rows
//! placed one after another across the flow (below for `right`, beside for
//! `down`), choosing the number of rows whose estimated page is closest to
//! 3:2 landscape. Edges between rows run through gutters around them.

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

pub(super) fn cut(input: &Input, order: &GroupOrder, ranks: &Ranks) -> Rows {
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
    let total: f64 = along.iter().sum();
    let mut best: Option<(f64, Vec<usize>)> = None;
    for k in 1..=groups.clamp(1, 64) {
        let target = total / k as f64;
        let mut firsts = vec![0];
        let mut cum = 0.0;
        let mut row_along: Vec<f64> = vec![0.0];
        let mut row_across: Vec<f64> = vec![0.0];
        for g in 0..groups {
            if g > 0 && firsts.len() < k && cum + along[g] / 2.0 > target * firsts.len() as f64 {
                firsts.push(g);
                row_along.push(0.0);
                row_across.push(0.0);
            }
            cum += along[g];
            *row_along.last_mut().expect("a row") += along[g];
            let c = row_across.last_mut().expect("a row");
            *c = c.max(across[g]);
        }
        let long = row_along.iter().fold(0.0, |a: f64, &b| a.max(b)) + 80.0;
        let wide = row_across.iter().sum::<f64>() + 60.0 * (firsts.len() - 1) as f64;
        let (w, h) = match input.direction {
            Direction::Right => (long, wide),
            Direction::Down => (wide, long),
        };
        let score = ((w / h).ln() - TARGET_ASPECT.ln()).abs();
        if best.as_ref().is_none_or(|(s, _)| score < *s - 1e-9) {
            best = Some((score, firsts));
        }
    }
    let firsts = best.map(|(_, f)| f).unwrap_or_else(|| vec![0]);
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
