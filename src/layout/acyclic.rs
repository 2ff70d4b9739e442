//! Cycle breaking. Stages (and components outside stages) are put in one
//! order, framework steps first: a flow into an earlier step is a feedback
//! edge and is the one reversed. Inside a stage a depth-first search from its
//! entry components reverses the back edges. Linear in the graph size, apart
//! from the ordered sets (log factor).

use super::prepare::Input;
use std::collections::BTreeSet;

/// A run of components that occupies its own range of layers: one stage, or
/// consecutive components outside any stage.
pub(super) struct Group {
    pub stage: Option<usize>,
    pub nodes: Vec<usize>,
}

pub(super) struct GroupOrder {
    /// Groups in flow order.
    pub groups: Vec<Group>,
    /// Position in `groups` of each node's group.
    pub group_of: Vec<usize>,
    /// A topological position of each node within its group (after
    /// reversing the group's back edges).
    pub topo: Vec<usize>,
}

/// Orders stage and singleton units, then merges neighbouring singletons.
pub(super) fn group_order(input: &Input) -> GroupOrder {
    let n = input.nodes.len();
    // Units: one per stage with components, one per component outside stages.
    let mut unit_of = vec![usize::MAX; n];
    let mut units: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
    let mut stage_unit = vec![usize::MAX; input.stages.len()];
    for (i, node) in input.nodes.iter().enumerate() {
        match node.stage {
            Some(s) => {
                if stage_unit[s] == usize::MAX {
                    stage_unit[s] = units.len();
                    units.push((Some(s), Vec::new()));
                }
                unit_of[i] = stage_unit[s];
                units[stage_unit[s]].1.push(i);
            }
            None => {
                unit_of[i] = units.len();
                units.push((None, vec![i]));
            }
        }
    }
    let m = units.len();
    let key: Vec<Option<u8>> = units.iter().map(|(_, ns)| input.nodes[ns[0]].key).collect();
    // Arcs between units, minus the feedback arcs into earlier steps.
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); m];
    let mut indeg = vec![0usize; m];
    for e in &input.edges {
        let (a, b) = (unit_of[e.from], unit_of[e.to]);
        if a == b {
            continue;
        }
        if let (Some(ka), Some(kb)) = (key[a], key[b])
            && kb < ka
        {
            continue;
        }
        succ[a].push(b);
        indeg[b] += 1;
    }
    // Kahn's algorithm with priorities; when every remaining unit waits on a
    // cycle, the earliest-keyed (then first-declared) one goes next.
    let mut eff: Vec<u16> = key.iter().map(|k| k.map_or(0, u16::from)).collect();
    let static_key = |u: usize| key[u].map_or(u16::MAX, u16::from);
    let mut ready: BTreeSet<(u16, usize)> = BTreeSet::new();
    let mut stuck: BTreeSet<(u16, usize)> = (0..m).map(|u| (static_key(u), u)).collect();
    for u in 0..m {
        if indeg[u] == 0 {
            ready.insert((eff[u], u));
        }
    }
    let mut placed = vec![false; m];
    let mut sequence = Vec::with_capacity(m);
    while sequence.len() < m {
        let u = match ready.pop_first() {
            Some((_, u)) => u,
            None => loop {
                let (_, u) = stuck.pop_first().expect("an unplaced unit remains");
                if !placed[u] {
                    break u;
                }
            },
        };
        if placed[u] {
            continue;
        }
        placed[u] = true;
        stuck.remove(&(static_key(u), u));
        sequence.push(u);
        for &v in &succ[u] {
            if placed[v] {
                continue;
            }
            if key[v].is_none() && eff[v] < eff[u] {
                eff[v] = eff[u];
            }
            indeg[v] -= 1;
            if indeg[v] == 0 {
                ready.insert((eff[v], v));
            }
        }
    }
    // Merge runs of singletons outside stages into one group each.
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of = vec![0; n];
    let mut topo = vec![0; n];
    for u in sequence {
        let (stage, nodes) = &units[u];
        let merge = stage.is_none() && groups.last().is_some_and(|g| g.stage.is_none());
        if !merge {
            groups.push(Group {
                stage: *stage,
                nodes: Vec::new(),
            });
        }
        let g = groups.len() - 1;
        for &v in nodes {
            group_of[v] = g;
            if stage.is_none() {
                topo[v] = groups[g].nodes.len();
            }
            groups[g].nodes.push(v);
        }
    }
    // Depth-first order inside each stage group.
    let mut internal: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut has_pred = vec![false; n];
    for e in &input.edges {
        if group_of[e.from] == group_of[e.to] {
            internal[e.from].push(e.to);
            has_pred[e.to] = true;
        }
    }
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    for g in groups.iter().filter(|g| g.stage.is_some()) {
        let mut roots = g.nodes.clone();
        roots.sort_by_key(|&v| (has_pred[v], v));
        let mut post = Vec::with_capacity(g.nodes.len());
        for r in roots {
            if state[r] != 0 {
                continue;
            }
            let mut stack = vec![(r, 0usize)];
            state[r] = 1;
            while let Some(&mut (v, ref mut next)) = stack.last_mut() {
                if let Some(&w) = internal[v].get(*next) {
                    *next += 1;
                    if state[w] == 0 {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                } else {
                    state[v] = 2;
                    post.push(v);
                    stack.pop();
                }
            }
        }
        for (i, &v) in post.iter().rev().enumerate() {
            topo[v] = i;
        }
    }
    GroupOrder {
        groups,
        group_of,
        topo,
    }
}

/// For each edge, whether it runs against the order and is drawn reversed.
pub(super) fn reversed_edges(input: &Input, order: &GroupOrder) -> Vec<bool> {
    input
        .edges
        .iter()
        .map(|e| {
            let (ga, gb) = (order.group_of[e.from], order.group_of[e.to]);
            ga > gb || (ga == gb && order.topo[e.from] > order.topo[e.to])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::prepare::prepare;
    use crate::vocab::Direction;

    fn order_of(src: &str) -> (Input, GroupOrder, Vec<bool>) {
        let doc = crate::analyze_str("t", src);
        let input = prepare(&doc.model, Direction::Right).unwrap();
        let order = group_order(&input);
        let rev = reversed_edges(&input, &order);
        (input, order, rev)
    }

    #[test]
    fn feedback_into_earlier_steps_is_reversed() {
        let (input, order, rev) = order_of(
            "u: client \"U\"\nstage serving {\n s: service \"S\"\n}\nstage data {\n d: log \"D\"\n}\n\
             stage training {\n t: job \"T\"\n}\nu -> s -> d -> t -> s\n",
        );
        let stages: Vec<_> = order.groups.iter().map(|g| g.stage).collect();
        // Client first, then data, training, serving in framework order.
        assert_eq!(stages, vec![None, Some(1), Some(2), Some(0)]);
        let reversed: Vec<_> = input
            .edges
            .iter()
            .zip(&rev)
            .filter(|(_, r)| **r)
            .map(|(e, _)| {
                (
                    input.nodes[e.from].id.as_str(),
                    input.nodes[e.to].id.as_str(),
                )
            })
            .collect();
        assert_eq!(reversed, vec![("s", "d")]);
    }

    #[test]
    fn cycles_inside_a_stage_lose_one_edge() {
        let (_, _, rev) = order_of(
            "stage serving {\n a: service \"A\"\n b: model \"B\"\n c: service \"C\"\n}\na -> b -> c -> a\n",
        );
        assert_eq!(rev.iter().filter(|r| **r).count(), 1);
        assert!(rev[2], "c -> a closes the loop from the entry a");
    }

    #[test]
    fn components_outside_stages_share_a_group() {
        let (_, order, rev) =
            order_of("a: service \"A\"\nb: service \"B\"\nc: service \"C\"\na -> b -> c -> a\n");
        assert_eq!(order.groups.len(), 1);
        assert_eq!(rev.iter().filter(|r| **r).count(), 1);
    }
}
