//! Whether an answer is about the reference's problem at all. ML designs
//! share their infrastructure (data lake, feature store, trainer, registry,
//! dashboards) and their roles (candidate generation, re-ranking), so an ad
//! click design maps box for box onto a people-you-may-know reference. What
//! gives the problem away is vocabulary only a few case studies use: "ad",
//! "auction", "bid" against "friend", "graph", "GNN". Relevance is the share
//! of the answer's case-specific words that the reference uses too.

use super::normalise;
use super::similarity::{NameRole, Profile, Side};
use super::thesaurus::Thesaurus;
use crate::model::Model;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// A word is case-specific when at most this many built-in case studies use it.
pub const SPECIFIC_MAX_CASES: usize = 2;
/// Fewer case-specific words than this say too little to judge.
pub const MIN_SPECIFIC_WORDS: usize = 4;
/// An answer sharing at least `FULL_RELEVANCE` of its case-specific words
/// with the reference is about its problem; at `NO_RELEVANCE` or below it is
/// about another, and its score is scaled by `FLOOR`; between, linearly. On
/// the 347 answers in tests/grading, every answer to another case shares at
/// most 0.154 (a harmful-content design against news-feed, whose posts,
/// feeds and multi-task heads it shares) and every other answer at least
/// 0.25. The ramp was 0 to 0.2 until the fourth blind set's first run, where
/// that answer kept a factor of 0.86 and scored 50.9.
pub const FULL_RELEVANCE: f64 = 0.25;
pub const NO_RELEVANCE: f64 = 0.15;
pub const FLOOR: f64 = 0.4;

/// The stems of every non-generic word a design uses: its components'
/// names (already split and stemmed in `side`), title, task objectives and
/// metric names.
pub fn stems(model: &Model, side: &Side) -> BTreeSet<String> {
    let framing: Vec<&str> = model
        .title
        .iter()
        .map(String::as_str)
        .chain(model.tasks.iter().filter_map(|t| t.objective.as_deref()))
        .chain(model.metrics.iter().map(|m| m.name.as_str()))
        .collect();
    side.vocabulary
        .iter()
        .cloned()
        .chain(framing.into_iter().flat_map(normalise::words))
        .filter(|w| w.weight >= 1.0 && w.stem.len() >= 2)
        .map(|w| w.stem)
        .collect()
}

/// The share of a component's label words (as `stems` counts them) that
/// occur in `reference`; 0 for a label without such words.
pub fn familiar(component: &Profile, reference: &BTreeSet<String>) -> f64 {
    let words: Vec<&str> = component
        .names
        .iter()
        .filter(|n| n.role == NameRole::Label)
        .flat_map(|n| &n.words)
        .filter(|w| w.weight >= 1.0 && w.stem.len() >= 2)
        .map(|w| w.stem.as_str())
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    words.iter().filter(|w| reference.contains(**w)).count() as f64 / words.len() as f64
}

/// In how many built-in case studies (all variants of a case together) each stem occurs.
fn case_counts() -> &'static BTreeMap<String, usize> {
    static COUNTS: OnceLock<BTreeMap<String, usize>> = OnceLock::new();
    COUNTS.get_or_init(|| {
        let mut counts = BTreeMap::new();
        for case in crate::cases::all() {
            let mut words = BTreeSet::new();
            for r in case.references {
                let model = crate::analyze_str(r.path, r.source).model;
                words.extend(stems(&model, &Side::new(&model, Thesaurus::builtin())));
            }
            for w in words {
                *counts.entry(w).or_insert(0) += 1;
            }
        }
        counts
    })
}

/// The answer's case-specific words: used by 1 to `SPECIFIC_MAX_CASES`
/// built-in cases (words no case uses tell nothing about which case it is).
pub fn specific(answer: &BTreeSet<String>) -> Vec<String> {
    let counts = case_counts();
    answer
        .iter()
        .filter(|w| {
            counts
                .get(*w)
                .is_some_and(|&n| (1..=SPECIFIC_MAX_CASES).contains(&n))
        })
        .cloned()
        .collect()
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Relevance {
    /// The answer's case-specific words the reference uses too, and those it does not.
    pub shared: Vec<String>,
    pub foreign: Vec<String>,
    /// What the score was multiplied by.
    pub factor: f64,
}

/// `None` when the answer has too few case-specific words to judge.
pub fn relevance(answer: &BTreeSet<String>, reference: &BTreeSet<String>) -> Option<Relevance> {
    let specific = specific(answer);
    if specific.len() < MIN_SPECIFIC_WORDS {
        return None;
    }
    let (shared, foreign): (Vec<String>, Vec<String>) =
        specific.into_iter().partition(|w| reference.contains(w));
    let share = shared.len() as f64 / (shared.len() + foreign.len()) as f64;
    let ramp = ((share - NO_RELEVANCE) / (FULL_RELEVANCE - NO_RELEVANCE)).clamp(0.0, 1.0);
    let factor = FLOOR + (1.0 - FLOOR) * ramp;
    Some(Relevance {
        shared,
        foreign,
        factor: (factor * 1e4).round() / 1e4,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(src: &str) -> BTreeSet<String> {
        let model = crate::analyze_str("t.mlsd", src).model;
        stems(&model, &Side::new(&model, Thesaurus::builtin()))
    }

    #[test]
    fn a_design_for_another_case_is_told_by_its_words() {
        let pymk = crate::cases::get("people-you-may-know").unwrap();
        let reference = words_of(pymk.references[0].source);
        let ads = words_of(
            "title \"Ad click prediction\"\ntask classification \"P(click) for (user, ad)\"\n\
             metrics offline \"normalized cross-entropy\", \"calibration\"\n\
             a: service \"Ad server\"\nb: model \"pCTR model\"\nc: service \"Auction\" aka bid, advertiser\n\
             d: log \"Impression logs\"\ne: source \"Ads DB\" aka campaigns\na -> b -> c\n",
        );
        let r = relevance(&ads, &reference).expect("enough specific words");
        assert!(r.factor < 0.6, "{r:?}");
        let friends = words_of(
            "title \"People you may know\"\ntask link-prediction \"P(u and v connect)\"\n\
             g: store \"Friendship graph\"\nf: job \"Friends of friends\"\nm: model \"GraphSAGE link scorer\"\n\
             s: cache \"PYMK store\"\ng -> f -> m -> s\n",
        );
        let r = relevance(&friends, &reference).expect("enough specific words");
        assert_eq!(r.factor, 1.0, "{r:?}");
        // Generic infrastructure says nothing about the case.
        let generic = words_of(
            "a: store \"Data lake\"\nb: job \"Training\"\nc: registry \"Model registry\"\na -> b -> c\n",
        );
        assert!(relevance(&generic, &reference).is_none());
    }
}
