//! Coordinates. Along the flow, layers are packed with gaps, stage padding
//! and title room at group boundaries. Across it, each layer is placed by
//! weighted isotonic regression (pool-adjacent-violators, linear per layer)
//! towards the mean of its neighbours, sweeping down and up a fixed number of
//! times: long edges straighten and components centre on what they connect
//! to, while the order and minimum separations are kept exactly. Then stage
//! boxes are measured and rows stacked.

use super::acyclic::GroupOrder;
use super::chains::{ItemKind, Layered};
use super::prepare::Input;
use super::rank::Ranks;
use super::rows::{LAYER_GAP, NODE_GAP, Rows};
use super::{STAGE_PADDING, stage_title_band};
use crate::text;
use crate::vocab::Direction;

/// Gap next to dummies and labels in a layer, px.
const THIN_GAP: f64 = 12.0;
/// Distance between parallel lines in gutters and channels, px.
pub(super) const TRACK: f64 = 10.0;
/// Minimum space between rows, px.
const ROW_GAP: f64 = 36.0;
const SWEEPS: usize = 8;

/// An axis-aligned box in flow coordinates: `r` along the flow, `c` across.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span2 {
    pub r: f64,
    pub c: f64,
    pub r_len: f64,
    pub c_len: f64,
}

pub(super) struct Placed {
    /// Cross coordinate of each item's anchor (where lines attach).
    pub anchor: Vec<f64>,
    pub layer_start: Vec<f64>,
    pub layer_end: Vec<f64>,
    /// Where the gap after each layer starts (after any stage box end).
    pub gap_start: Vec<f64>,
    /// Stage boxes by model stage index (None for stages without components).
    pub stage_boxes: Vec<Option<Span2>>,
    /// The row of each stage box.
    pub stage_row: Vec<usize>,
    /// Each row's flow length.
    pub row_length: Vec<f64>,
    /// Channel before each row (its cross start and extent); row 0 has none.
    pub channel: Vec<(f64, f64)>,
}

pub(super) fn place(
    input: &Input,
    order: &GroupOrder,
    ranks: &Ranks,
    rows: &Rows,
    g: &Layered,
) -> Placed {
    let title = stage_title_band();
    let title_width = |s: usize| {
        text::width(&input.stages[s].1, text::STAGE_TITLE_FONT_SIZE) + 2.0 * STAGE_PADDING
    };
    // Along the flow.
    let layers = g.layers.len();
    let mut first_of = vec![usize::MAX; layers];
    let mut last_of = vec![usize::MAX; layers];
    for (gi, group) in order.groups.iter().enumerate() {
        if group.stage.is_some() {
            first_of[ranks.group_first[gi]] = gi;
            last_of[ranks.group_last[gi]] = gi;
        }
    }
    // Edges between rows run down a gap between layers: widen those gaps.
    let mut verticals = vec![0usize; layers];
    for pieces in g.chains.iter().filter(|p| p.len() == 2) {
        if let [_, exit] = pieces[0][..] {
            verticals[g.items[exit].layer] += 1;
        }
        let entry = g.items[pieces[1][0]].layer;
        if entry > rows.start[rows.row_of_layer[entry]] {
            verticals[entry - 1] += 1;
        }
    }
    let mut gap_start = vec![0.0; layers];
    let mut layer_start = vec![0.0; layers];
    let mut layer_end = vec![0.0; layers];
    let mut box_rank = vec![(0.0, 0.0); order.groups.len()];
    let mut row_length = vec![0.0; rows.start.len()];
    for (r, length) in row_length.iter_mut().enumerate() {
        let mut cursor = 0.0;
        let (lo, hi) = (rows.start[r], rows.end(r, layers));
        for l in lo..hi {
            if first_of[l] != usize::MAX {
                box_rank[first_of[l]].0 = cursor;
                cursor += STAGE_PADDING;
                // Title room at the physical top: the start of the flow, or
                // its end in the mirrored (odd) rows.
                if input.direction == Direction::Down && r % 2 == 0 {
                    cursor += title;
                }
            }
            let size = g.layers[l]
                .iter()
                .map(|&i| g.items[i].rank_size)
                .fold(0.0, f64::max);
            layer_start[l] = cursor;
            layer_end[l] = cursor + size;
            cursor += size;
            if last_of[l] != usize::MAX {
                let gi = last_of[l];
                let mut end = cursor + STAGE_PADDING;
                if input.direction == Direction::Down && r % 2 == 1 {
                    end += title;
                }
                if input.direction == Direction::Right {
                    let s = order.groups[gi].stage.expect("stage group");
                    end = end.max(box_rank[gi].0 + title_width(s));
                }
                box_rank[gi].1 = end;
                cursor = end;
            }
            gap_start[l] = cursor;
            if l + 1 < hi {
                cursor += LAYER_GAP + verticals[l] as f64 * TRACK;
            }
        }
        *length = cursor;
    }

    // Across the flow.
    let n = g.items.len();
    let mut anchor = vec![0.0; n];
    let mut seps: Vec<Vec<f64>> = Vec::with_capacity(layers);
    for layer in &g.layers {
        let mut s = Vec::with_capacity(layer.len());
        let mut at = 0.0;
        for (k, &i) in layer.iter().enumerate() {
            if k > 0 {
                let prev = &g.items[layer[k - 1]];
                let item = &g.items[i];
                let gap = match (prev.kind, item.kind) {
                    (ItemKind::Node(_), ItemKind::Node(_)) => NODE_GAP,
                    _ => THIN_GAP,
                };
                let sep = prev.cross_size - prev.anchor + gap + item.anchor;
                s.push(sep);
                at += sep;
            }
            anchor[i] = at;
        }
        seps.push(s);
    }
    let mut desired: Vec<(f64, f64)> = Vec::new();
    for sweep in 0..SWEEPS {
        let down = sweep % 2 == 0;
        let both = sweep + 1 == SWEEPS;
        let sequence: Vec<usize> = if down {
            (0..layers).collect()
        } else {
            (0..layers).rev().collect()
        };
        for l in sequence {
            desired.clear();
            for &i in &g.layers[l] {
                let mut sum = 0.0;
                let mut count = 0usize;
                let sides: &[bool] = if both {
                    &[true, false]
                } else if down {
                    &[true]
                } else {
                    &[false]
                };
                for &upward in sides {
                    let nbrs = if upward { g.up.of(i) } else { g.down.of(i) };
                    for &m in nbrs {
                        sum += anchor[m];
                        count += 1;
                    }
                }
                let thin = !matches!(g.items[i].kind, ItemKind::Node(_));
                let (d, w) = if count == 0 {
                    (anchor[i], 0.05)
                } else {
                    (
                        sum / count as f64,
                        count as f64 * if thin { 4.0 } else { 1.0 },
                    )
                };
                desired.push((d, w));
            }
            isotonic(&g.layers[l], &seps[l], &desired, &mut anchor);
        }
    }

    // Stage boxes (before row shifts) hold every item in their layers, so
    // labels and bends inside a stage stay clear of its title band.
    let mut group_at = vec![usize::MAX; layers];
    for gi in 0..order.groups.len() {
        for slot in &mut group_at[ranks.group_first[gi]..=ranks.group_last[gi]] {
            *slot = gi;
        }
    }
    let mut lo_c = vec![f64::INFINITY; order.groups.len()];
    let mut hi_c = vec![f64::NEG_INFINITY; order.groups.len()];
    for (i, item) in g.items.iter().enumerate() {
        let gi = group_at[item.layer];
        if gi == usize::MAX {
            continue;
        }
        let start = anchor[i] - item.anchor;
        lo_c[gi] = lo_c[gi].min(start);
        hi_c[gi] = hi_c[gi].max(start + item.cross_size);
    }
    let mut stage_boxes: Vec<Option<Span2>> = vec![None; input.stages.len()];
    let mut stage_row = vec![0; input.stages.len()];
    for (gi, group) in order.groups.iter().enumerate() {
        let Some(s) = group.stage else { continue };
        let mut c = lo_c[gi] - STAGE_PADDING;
        let mut c_len = hi_c[gi] - lo_c[gi] + 2.0 * STAGE_PADDING;
        match input.direction {
            Direction::Right => {
                c -= title;
                c_len += title;
            }
            Direction::Down => c_len = c_len.max(title_width(s)),
        }
        let (r0, r1) = box_rank[gi];
        stage_row[s] = rows.row_of_layer[ranks.group_first[gi]];
        stage_boxes[s] = Some(Span2 {
            r: r0,
            c,
            r_len: r1 - r0,
            c_len,
        });
    }

    // Stack rows, leaving a channel before each for edges entering it.
    let row_count = rows.start.len();
    let mut row_lo = vec![f64::INFINITY; row_count];
    let mut row_hi = vec![f64::NEG_INFINITY; row_count];
    for (i, item) in g.items.iter().enumerate() {
        let r = rows.row_of_layer[item.layer];
        let start = anchor[i] - item.anchor;
        row_lo[r] = row_lo[r].min(start);
        row_hi[r] = row_hi[r].max(start + item.cross_size);
    }
    for (gi, group) in order.groups.iter().enumerate() {
        if let Some(b) = group.stage.and_then(|s| stage_boxes[s]) {
            let r = rows.row_of_layer[ranks.group_first[gi]];
            row_lo[r] = row_lo[r].min(b.c);
            row_hi[r] = row_hi[r].max(b.c + b.c_len);
        }
    }
    // Tracks in the channel before row r: edges leaving row r - 1, and
    // edges from further up entering row r.
    let mut entering = vec![0usize; row_count];
    for pieces in g.chains.iter().filter(|p| p.len() == 2) {
        let from = rows.row_of_layer[g.items[pieces[0][0]].layer];
        let to = rows.row_of_layer[g.items[pieces[1][0]].layer];
        entering[from + 1] += 1;
        if to > from + 1 {
            entering[to] += 1;
        }
    }
    let mut shift = vec![0.0; row_count];
    let mut channel = vec![(0.0, 0.0); row_count];
    let mut cursor = 0.0;
    for r in 0..row_count {
        if !row_lo[r].is_finite() {
            row_lo[r] = 0.0;
            row_hi[r] = 0.0;
        }
        if r > 0 {
            let height = ROW_GAP.max((entering[r] + 1) as f64 * TRACK);
            channel[r] = (cursor, height);
            cursor += height;
        }
        shift[r] = cursor - row_lo[r];
        cursor += row_hi[r] - row_lo[r];
    }
    for (i, item) in g.items.iter().enumerate() {
        anchor[i] += shift[rows.row_of_layer[item.layer]];
    }
    for (gi, group) in order.groups.iter().enumerate() {
        if let Some(b) = group.stage.and_then(|s| stage_boxes[s].as_mut()) {
            b.c += shift[rows.row_of_layer[ranks.group_first[gi]]];
        }
    }
    Placed {
        anchor,
        layer_start,
        layer_end,
        gap_start,
        stage_boxes,
        stage_row,
        row_length,
        channel,
    }
}

/// Places one layer: anchors as close as possible (weighted least squares)
/// to `desired`, in order, with `seps[k]` between items k and k + 1.
fn isotonic(layer: &[usize], seps: &[f64], desired: &[(f64, f64)], anchor: &mut [f64]) {
    // Blocks of pooled items: (weighted sum, weight, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(layer.len());
    let mut offset = 0.0;
    for (k, &(d, w)) in desired.iter().enumerate() {
        if k > 0 {
            offset += seps[k - 1];
        }
        blocks.push(((d - offset) * w, w, 1));
        while blocks.len() > 1 {
            let (s1, w1, _) = blocks[blocks.len() - 1];
            let (s0, w0, _) = blocks[blocks.len() - 2];
            if s0 / w0 <= s1 / w1 {
                break;
            }
            let (_, _, c1) = blocks.pop().expect("two blocks");
            let last = blocks.last_mut().expect("one block");
            *last = (s0 + s1, w0 + w1, last.2 + c1);
        }
    }
    let mut k = 0;
    let mut offset = 0.0;
    for (sum, weight, count) in blocks {
        let y = sum / weight;
        for _ in 0..count {
            if k > 0 {
                offset += seps[k - 1];
            }
            anchor[layer[k]] = y + offset;
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::isotonic;

    #[test]
    fn isotonic_keeps_order_and_separation() {
        let layer = [0, 1, 2];
        let mut anchor = vec![0.0; 3];
        // All three want 10; separations of 5 force them apart around it.
        isotonic(&layer, &[5.0, 5.0], &[(10.0, 1.0); 3], &mut anchor);
        assert_eq!(anchor, vec![5.0, 10.0, 15.0]);
        // Already separated wishes are met exactly.
        isotonic(
            &layer,
            &[5.0, 5.0],
            &[(0.0, 1.0), (20.0, 1.0), (40.0, 1.0)],
            &mut anchor,
        );
        assert_eq!(anchor, vec![0.0, 20.0, 40.0]);
    }
}
