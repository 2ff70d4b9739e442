//! Crossing reduction: barycenter sweeps down and up the layers, keeping the
//! best order seen, counted with the Barth–Jünger–Mutzel accumulator tree.
//! Each sweep is O(E log V); the number of sweeps is bounded.

use super::chains::Layered;

const MAX_ROUNDS: usize = 12;
const PATIENCE: usize = 3;

pub(super) fn reduce_crossings(g: &mut Layered) {
    let mut pos = vec![0usize; g.items.len()];
    renumber(g, &mut pos);
    let mut best = crossings(g, &pos);
    let mut best_layers = g.layers.clone();
    let mut stale = 0;
    for round in 0..MAX_ROUNDS {
        if best == 0 {
            break;
        }
        sweep(g, &mut pos, round % 2 == 0);
        let now = crossings(g, &pos);
        if now < best {
            best = now;
            best_layers.clone_from(&g.layers);
            stale = 0;
        } else {
            stale += 1;
            if stale >= PATIENCE {
                break;
            }
        }
    }
    g.layers = best_layers;
}

fn renumber(g: &Layered, pos: &mut [usize]) {
    for layer in &g.layers {
        for (i, &item) in layer.iter().enumerate() {
            pos[item] = i;
        }
    }
}

/// One pass down (each layer ordered by its upper neighbours) and one up.
fn sweep(g: &mut Layered, pos: &mut [usize], down_first: bool) {
    let count = g.layers.len();
    let mut keyed: Vec<(f64, usize, usize)> = Vec::new();
    for pass in 0..2 {
        let downward = (pass == 0) == down_first;
        let sequence: Vec<usize> = if downward {
            (1..count).collect()
        } else {
            (0..count.saturating_sub(1)).rev().collect()
        };
        for l in sequence {
            keyed.clear();
            for &item in &g.layers[l] {
                let nbrs = if downward {
                    g.up.of(item)
                } else {
                    g.down.of(item)
                };
                let key = if nbrs.is_empty() {
                    pos[item] as f64
                } else {
                    nbrs.iter().map(|&n| pos[n] as f64).sum::<f64>() / nbrs.len() as f64
                };
                // Items joining the row below (above) keep to the end (start)
                // of the layer, so their runs down the gaps cross less.
                let key = key + f64::from(g.pull[item]) * 1e9;
                keyed.push((key, pos[item], item));
            }
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            for (i, &(_, _, item)) in keyed.iter().enumerate() {
                g.layers[l][i] = item;
                pos[item] = i;
            }
        }
    }
}

/// Total number of crossings between all pairs of adjacent layers.
pub(super) fn crossings(g: &Layered, pos: &[usize]) -> u64 {
    let mut total = 0;
    let mut targets: Vec<usize> = Vec::new();
    let mut scratch: Vec<usize> = Vec::new();
    for l in 0..g.layers.len().saturating_sub(1) {
        targets.clear();
        for &item in &g.layers[l] {
            scratch.clear();
            scratch.extend(g.down.of(item).iter().map(|&n| pos[n]));
            scratch.sort_unstable();
            targets.extend_from_slice(&scratch);
        }
        total += bilayer_crossings(&targets, g.layers[l + 1].len());
    }
    total
}

/// Barth–Jünger–Mutzel: `targets` are the lower ends of the edges sorted by
/// (upper end, lower end); crossings are the inversions, counted in an
/// accumulator tree over the `width` lower positions.
pub(super) fn bilayer_crossings(targets: &[usize], width: usize) -> u64 {
    if targets.len() < 2 {
        return 0;
    }
    let mut first = 1;
    while first < width {
        first *= 2;
    }
    let mut tree = vec![0u64; 2 * first - 1];
    let first = first - 1;
    let mut count = 0;
    for &t in targets {
        let mut index = t + first;
        tree[index] += 1;
        while index > 0 {
            if index % 2 == 1 {
                count += tree[index + 1];
            }
            index = (index - 1) / 2;
            tree[index] += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::bilayer_crossings;

    fn brute(targets: &[usize]) -> u64 {
        let mut c = 0;
        for i in 0..targets.len() {
            for j in i + 1..targets.len() {
                if targets[j] < targets[i] {
                    c += 1;
                }
            }
        }
        c
    }

    #[test]
    fn accumulator_tree_counts_inversions() {
        let cases: &[&[usize]] = &[
            &[],
            &[0],
            &[1, 0],
            &[0, 1, 2],
            &[2, 1, 0],
            &[3, 0, 2, 1, 4, 0],
        ];
        for t in cases {
            assert_eq!(bilayer_crossings(t, 5), brute(t), "{t:?}");
        }
        let big: Vec<usize> = (0..200).map(|i| (i * 7919) % 97).collect();
        assert_eq!(bilayer_crossings(&big, 97), brute(&big));
    }
}
