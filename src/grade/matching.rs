//! Which answer component stands for which reference component: an optimal
//! one-to-one assignment (Hungarian algorithm) over the similarity matrix,
//! then splits (two answer boxes for one reference box) and merges (one
//! answer box standing for two reference boxes), which earn partial credit.

use super::similarity::Matrix;
use pathfinding::kuhn_munkres::kuhn_munkres;

/// Pairs scoring below this stay unmatched.
pub const MATCH_THRESHOLD: f64 = 0.55;
/// A split or merge needs a stronger resemblance than a one-to-one match.
pub const SPLIT_MERGE_THRESHOLD: f64 = 0.7;
/// ...and names at least this alike (structure alone does not make a merge).
pub const SPLIT_MERGE_NAME_FLOOR: f64 = 0.75;
/// A box wired straight to the box it helps ("Filtering" → "Diversity"
/// for one "Re-ranking") may be a part of it with names only this alike:
/// the flow between them says they share the job.
pub const SPLIT_ADJACENT_NAME_FLOOR: f64 = 0.65;
/// A box that takes over some of a component's flows, wired to the box
/// matched to it, is a part of it with names only this alike, and with a
/// one-to-one match's similarity (`MATCH_THRESHOLD`): where it sits says
/// what it does. It must also speak the design's language: at least this
/// share of its label's words occur in the reference, or it is an extra in
/// the way ("GraphQL federation gateway" in front of the search service).
pub const SPLIT_CARRIER_NAME_FLOOR: f64 = 0.4;
pub const SPLIT_CARRIER_FAMILIAR: f64 = 0.5;
/// A weak one-to-one match gives way when its answer box resembles a
/// neighbour's component by this much more: "Search orchestrator" beside
/// "API gateway" is the other half of the search service, not a poor
/// "Score fusion" left over by the assignment.
pub const RELEASE_MARGIN: f64 = 0.1;
/// Similarities are scaled to integers for the assignment.
const SCALE: f64 = 10_000.0;

/// The best one-to-one assignment: `by_reference[j]` is the answer index matched to reference `j`.
pub fn assign(scores: &Matrix) -> Vec<Option<usize>> {
    let mut by_reference = vec![None; scores.cols];
    if scores.rows == 0 || scores.cols == 0 {
        return by_reference;
    }
    // A pair is worth its margin above the threshold, so one strong match
    // outweighs two barely acceptable ones.
    let weight = |i: usize, j: usize| {
        let s = scores.get(i, j);
        if s >= MATCH_THRESHOLD {
            ((s - MATCH_THRESHOLD + 0.01) * SCALE).round() as i64
        } else {
            0
        }
    };
    // kuhn_munkres needs rows ≤ columns.
    if scores.rows <= scores.cols {
        let m =
            pathfinding::matrix::Matrix::from_fn(scores.rows, scores.cols, |(i, j)| weight(i, j));
        let (_, cols) = kuhn_munkres(&m);
        for (i, &j) in cols.iter().enumerate() {
            if weight(i, j) > 0 {
                by_reference[j] = Some(i);
            }
        }
    } else {
        let m =
            pathfinding::matrix::Matrix::from_fn(scores.cols, scores.rows, |(j, i)| weight(i, j));
        let (_, rows) = kuhn_munkres(&m);
        for (j, &i) in rows.iter().enumerate() {
            if weight(i, j) > 0 {
                by_reference[j] = Some(i);
            }
        }
    }
    by_reference
}

/// How a reference component is covered by the answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Cover {
    /// One answer component, with the pair's similarity.
    Matched {
        answer: usize,
        similarity: f64,
    },
    /// Matched, and further answer components are parts of it.
    Split {
        answer: usize,
        parts: Vec<usize>,
        similarity: f64,
    },
    /// An answer component matched to another reference component also stands for this one.
    Merged {
        answer: usize,
        similarity: f64,
    },
    /// An answer component with another name in the same place: most of
    /// the reference component's neighbours are matched to its neighbours.
    Placed {
        answer: usize,
        /// Share of the reference component's flows found around it.
        support: f64,
    },
    Missing,
}

impl Cover {
    /// Every answer component standing for the reference component.
    pub fn answers(&self) -> Vec<usize> {
        match self {
            Cover::Matched { answer, .. }
            | Cover::Merged { answer, .. }
            | Cover::Placed { answer, .. } => vec![*answer],
            Cover::Split { answer, parts, .. } => {
                let mut v = vec![*answer];
                v.extend(parts);
                v
            }
            Cover::Missing => Vec::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Mapping {
    /// Per reference component.
    pub covers: Vec<Cover>,
    /// Answer components that stand for no reference component.
    pub extras: Vec<usize>,
}

impl Mapping {
    /// Answer components that stand for a second reference component.
    pub fn merged_answers(&self) -> Vec<usize> {
        self.covers
            .iter()
            .filter_map(|c| match c {
                Cover::Merged { answer, .. } => Some(*answer),
                _ => None,
            })
            .collect()
    }
}

/// What a split or merge needs beyond similarity, from the names and kinds
/// the matrix no longer shows.
pub struct Fit<M, S> {
    /// Answer `i` may stand for reference `j` as well as its own match
    /// (one box doing two jobs must be the same sort of box: a "User"
    /// client does not also stand for the "User DB").
    pub merge: M,
    /// How alike answer `i` must be to reference `j`, whose match is
    /// answer `primary`, to count as a part of it; `None`: it may not.
    pub split: S,
}

/// Completes a one-to-one assignment with splits and merges.
pub fn map<M, S>(scores: &Matrix, by_reference: &[Option<usize>], fit: Fit<M, S>) -> Mapping
where
    M: Fn(usize, usize) -> bool,
    S: Fn(usize, usize, usize) -> Option<f64>,
{
    let Fit {
        merge: compatible,
        split: part_of,
    } = fit;
    let mut by_reference = by_reference.to_vec();
    // Weak matches that are really parts of a neighbour's component.
    let releases: Vec<usize> = (0..scores.cols)
        .filter(|&j| {
            let Some(i) = by_reference[j] else {
                return false;
            };
            let own = scores.get(i, j);
            own < super::report::FULL_CREDIT
                // The margin rules out `k == j`; one-to-one rules out `p == i`.
                && (0..scores.cols).any(|k| {
                    let s = scores.get(i, k);
                    s >= own + RELEASE_MARGIN
                        && by_reference[k]
                            .and_then(|p| part_of(i, k, p))
                            .is_some_and(|floor| s >= floor)
                })
        })
        .collect();
    for j in releases {
        by_reference[j] = None;
    }
    let by_reference = &by_reference[..];
    let mut matched_answer = vec![None; scores.rows];
    for (j, a) in by_reference.iter().enumerate() {
        if let Some(i) = a {
            matched_answer[*i] = Some(j);
        }
    }
    let mut covers: Vec<Cover> = by_reference
        .iter()
        .enumerate()
        .map(|(j, a)| match a {
            Some(i) => Cover::Matched {
                answer: *i,
                similarity: scores.get(*i, j),
            },
            None => Cover::Missing,
        })
        .collect();
    // Merges: a missing reference component closely resembling a matched answer component.
    for (j, cover) in covers.iter_mut().enumerate() {
        if *cover != Cover::Missing {
            continue;
        }
        let best = (0..scores.rows)
            .filter(|&i| matched_answer[i].is_some() && compatible(i, j))
            .map(|i| (scores.get(i, j), i))
            .filter(|&(s, _)| s >= SPLIT_MERGE_THRESHOLD)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((similarity, answer)) = best {
            *cover = Cover::Merged { answer, similarity };
        }
    }
    // Splits: an unmatched answer component closely resembling a matched reference component.
    let mut extras = Vec::new();
    for (i, matched) in matched_answer.iter().enumerate() {
        if matched.is_some() {
            continue;
        }
        let best = (0..scores.cols)
            .filter_map(|j| {
                let floor = part_of(i, j, by_reference[j]?)?;
                let s = scores.get(i, j);
                (s >= floor).then_some((s, j))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        match best {
            Some((_, j)) => {
                covers[j] = match std::mem::replace(&mut covers[j], Cover::Missing) {
                    Cover::Matched { answer, similarity } => Cover::Split {
                        answer,
                        parts: vec![i],
                        similarity,
                    },
                    Cover::Split {
                        answer,
                        mut parts,
                        similarity,
                    } => {
                        parts.push(i);
                        Cover::Split {
                            answer,
                            parts,
                            similarity,
                        }
                    }
                    other => other,
                }
            }
            None => extras.push(i),
        }
    }
    Mapping { covers, extras }
}

/// People often draw one box for a service and the model it runs ("Ranking
/// service"). When the answer has no box for a reference model, a service
/// matched to a reference component that calls the model stands for it too
/// (a merge, partial credit). `callers[j]` lists the reference components
/// with a flow into `j`; `is_model(j)` and `is_service(i)` say the kinds. Each
/// service takes at most one model, the one it resembles most, so a lone
/// "Recommendation service" does not stand for a whole model cascade.
pub fn merge_models_into_services(
    mapping: &mut Mapping,
    scores: &Matrix,
    callers: &[Vec<usize>],
    is_model: impl Fn(usize) -> bool,
    is_service: impl Fn(usize) -> bool,
) {
    let mut taken = mapping.merged_answers();
    // (similarity, reference model, answer service), best first.
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (j, cover) in mapping.covers.iter().enumerate() {
        if *cover != Cover::Missing || !is_model(j) {
            continue;
        }
        for &n in &callers[j] {
            let primary = match &mapping.covers[n] {
                Cover::Matched { answer, .. } | Cover::Split { answer, .. } => *answer,
                _ => continue,
            };
            if is_service(primary) {
                candidates.push((scores.get(primary, j), j, primary));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (similarity, j, i) in candidates {
        if mapping.covers[j] == Cover::Missing && !taken.contains(&i) {
            mapping.covers[j] = Cover::Merged {
                answer: i,
                similarity,
            };
            taken.push(i);
        }
    }
}

/// A stand-in needs at least this many of the reference component's
/// neighbours found around it...
pub const PLACED_MIN_SUPPORT: usize = 2;
/// ...and this share of them.
pub const PLACED_MIN_SHARE: f64 = 0.5;

/// People rename boxes freely ("Suggestions API" for "PYMK service"): when a
/// reference component is missing and an extra answer component of a
/// related kind sits where it would, connected the same way to the
/// components matched to its neighbours, the extra stands in for it. Names
/// cannot say this; only the structure can, so it needs several neighbours
/// and most of them. `inc`/`out` are each side's sorted adjacency lists;
/// `related(i, j)` says whether the kinds fit. Best supported pairs first.
pub fn place_by_structure(
    mapping: &mut Mapping,
    answer: (&[Vec<usize>], &[Vec<usize>]),
    reference: (&[Vec<usize>], &[Vec<usize>]),
    related: impl Fn(usize, usize) -> bool,
) {
    let (a_inc, a_out) = answer;
    let (r_inc, r_out) = reference;
    // Reference component → the answer components standing for it.
    let stands: Vec<Vec<usize>> = mapping.covers.iter().map(Cover::answers).collect();
    let around = |i: usize, j: usize| -> usize {
        let found = |r_adj: &[usize], a_adj: &[usize]| {
            r_adj
                .iter()
                .filter(|&&n| stands[n].iter().any(|a| a_adj.binary_search(a).is_ok()))
                .count()
        };
        found(&r_out[j], &a_out[i]) + found(&r_inc[j], &a_inc[i])
    };
    // (share, support, reference, answer)
    let mut candidates: Vec<(f64, usize, usize, usize)> = Vec::new();
    for (j, cover) in mapping.covers.iter().enumerate() {
        let degree = r_inc[j].len() + r_out[j].len();
        if *cover != Cover::Missing || degree < PLACED_MIN_SUPPORT {
            continue;
        }
        for &i in &mapping.extras {
            let support = around(i, j);
            let share = support as f64 / degree as f64;
            if support >= PLACED_MIN_SUPPORT && share >= PLACED_MIN_SHARE && related(i, j) {
                candidates.push((share, support, j, i));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    for (share, _, j, i) in candidates {
        if mapping.covers[j] == Cover::Missing && mapping.extras.contains(&i) {
            mapping.covers[j] = Cover::Placed {
                answer: i,
                support: share,
            };
            mapping.extras.retain(|&e| e != i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type AnyMerge = fn(usize, usize) -> bool;
    type AnySplit = fn(usize, usize, usize) -> Option<f64>;

    fn anything() -> Fit<AnyMerge, AnySplit> {
        Fit {
            merge: |_, _| true,
            split: |_, _, _| Some(SPLIT_MERGE_THRESHOLD),
        }
    }

    fn matrix(rows: &[&[f64]]) -> Matrix {
        let mut m = Matrix::new(rows.len(), rows[0].len());
        for (i, r) in rows.iter().enumerate() {
            for (j, v) in r.iter().enumerate() {
                m.set(i, j, *v);
            }
        }
        m
    }

    #[test]
    fn assignment_is_optimal_not_greedy() {
        // Greedy would take (0,0)=0.9 and leave answer 1 with 0.
        let m = matrix(&[&[0.9, 0.85], &[0.8, 0.0]]);
        assert_eq!(assign(&m), vec![Some(1), Some(0)]);
    }

    #[test]
    fn weak_pairs_stay_unmatched_in_either_orientation() {
        let m = matrix(&[&[0.3, 0.9, 0.0]]);
        assert_eq!(assign(&m), vec![None, Some(0), None]);
        let m = matrix(&[&[0.3], &[0.4], &[0.95]]);
        assert_eq!(assign(&m), vec![Some(2)]);
        assert_eq!(assign(&Matrix::new(0, 3)), vec![None, None, None]);
    }

    #[test]
    fn splits_merges_and_extras() {
        // Reference: 0 and 1 both resemble answer 0; answer 1 resembles reference 2 as does answer 2.
        let m = matrix(&[
            &[0.9, 0.75, 0.0],
            &[0.0, 0.0, 0.9],
            &[0.0, 0.0, 0.8],
            &[0.1, 0.0, 0.0],
        ]);
        let by_ref = assign(&m);
        let mapping = map(&m, &by_ref, anything());
        assert_eq!(
            mapping.covers[0],
            Cover::Matched {
                answer: 0,
                similarity: 0.9
            }
        );
        assert_eq!(
            mapping.covers[1],
            Cover::Merged {
                answer: 0,
                similarity: 0.75
            }
        );
        assert_eq!(mapping.covers[2].answers(), vec![1, 2]);
        assert_eq!(mapping.extras, vec![3]);
        let fits = |i, j| (i, j) != (0, 1) && (i, j) != (2, 2);
        let strict = map(
            &m,
            &by_ref,
            Fit {
                merge: fits,
                split: |i, j, _| fits(i, j).then_some(SPLIT_MERGE_THRESHOLD),
            },
        );
        assert_eq!(strict.covers[1], Cover::Missing);
        assert_eq!(strict.extras, vec![2, 3]);
    }

    #[test]
    fn a_weak_match_gives_way_to_the_component_it_is_part_of() {
        // Answer 1 fits reference 0 (answer 0's) far better than the
        // leftover reference 1 the assignment gives it.
        let m = matrix(&[&[0.95, 0.0], &[0.8, 0.6]]);
        let by_ref = assign(&m);
        assert_eq!(by_ref, vec![Some(0), Some(1)]);
        let mapping = map(&m, &by_ref, anything());
        assert_eq!(mapping.covers[0].answers(), vec![0, 1]);
        assert_eq!(mapping.covers[1], Cover::Missing);
        // Not when it may not be a part of it, nor when its own match is good.
        let kept = map(
            &m,
            &by_ref,
            Fit {
                merge: |_, _| true,
                split: |_, _, _| None,
            },
        );
        assert_eq!(kept.covers[1].answers(), vec![1]);
        let good = matrix(&[&[0.95, 0.0], &[0.95, 0.82]]);
        let strong = map(&good, &assign(&good), anything());
        assert_eq!(strong.covers[1].answers(), vec![1]);
    }
}
