//! How alike an answer component and a reference component are, from 0 to 1.
//!
//! Names decide (label, id and `aka` aliases, compared as normalised words,
//! through the thesaurus, through acronyms, and with typo tolerance); kind and
//! framework step adjust. A pair whose names share nothing scores 0 whatever
//! its kind, so two "store" boxes never match for being stores. A refinement
//! round then lets matched neighbours raise a pair's score.

use super::normalise::{self, Word};
use super::thesaurus::{Membership, Thesaurus};
use crate::model::Model;
use crate::vocab::{Kind, Step};
use petgraph::Direction::{Incoming, Outgoing};
use petgraph::graph::NodeIndex;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Below this name similarity a pair has nothing in common.
pub const NAME_FLOOR: f64 = 0.35;
/// Components of unrelated kinds (a job and a store) need names at least this
/// alike: sharing "feature" does not make "Feature extraction" a feature store.
pub const UNRELATED_KIND_FLOOR: f64 = 0.7;
/// Share of the combined score that comes from names; the rest is kind and step.
const NAME_SHARE: f64 = 0.8;
const KIND_SHARE: f64 = 0.1;
const STEP_SHARE: f64 = 0.1;
/// How much fully matched neighbourhoods add in the refinement round.
const STRUCTURE_BONUS: f64 = 0.1;

/// Which name of a component: its label weighs most, aliases a little less,
/// ids less again (`users` may be the id of "User and author data").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRole {
    Label,
    Alias,
    Id,
    /// What a label says in parentheses: "Event stream (Kafka)".
    Qualifier,
    /// One of the jobs a label joins: "Blend + re-rank" (a merged box).
    Part,
}

impl NameRole {
    fn factor(self) -> f64 {
        match self {
            NameRole::Label => 1.0,
            NameRole::Alias | NameRole::Qualifier => 0.95,
            NameRole::Id => 0.85,
            NameRole::Part => 0.9,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Name {
    pub role: NameRole,
    pub words: Vec<Word>,
    pub canonical: String,
    /// Hash of `canonical`, to rule out equality cheaply.
    key: u64,
    pub concepts: Vec<Membership>,
    /// Initials of a multi-word name ("cg" for "candidate generation").
    pub initials: Option<String>,
    /// Opposite words it says (`Thesaurus::poles`).
    pub poles: u64,
}

impl Name {
    pub fn new(text: &str, role: NameRole, thesaurus: &Thesaurus) -> Name {
        let words = normalise::words(text);
        let canonical = words
            .iter()
            .map(|w| w.stem.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let concepts = thesaurus.concepts_of(&words);
        let poles = thesaurus.poles(&words);
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            canonical.hash(&mut h);
            h.finish()
        };
        let initials = (words.len() >= 2).then(|| {
            words
                .iter()
                .filter_map(|w| w.raw.chars().next())
                .collect::<String>()
        });
        Name {
            role,
            words,
            canonical,
            key,
            concepts,
            initials,
            poles,
        }
    }
}

/// A component prepared for comparison.
#[derive(Debug, Clone)]
pub struct Profile {
    pub node: NodeIndex,
    pub id: String,
    pub label: String,
    pub kind: Kind,
    /// The step of the component's stage as named; see `Side::infer_steps` for unnamed ones.
    pub step: Option<Step>,
    pub stage: Option<usize>,
    pub weight: f64,
    pub optional: bool,
    pub names: Vec<Name>,
    /// The opposite words its labels say (`Thesaurus::poles`), which hold
    /// for all its names.
    pub poles: u64,
}

/// One side of a comparison: components in a canonical order (so the order
/// they were written in cannot change a result) with sorted adjacency.
#[derive(Debug, Clone)]
pub struct Side {
    pub profiles: Vec<Profile>,
    /// Distinct words of all names (by spelling); `Word::id` indexes it.
    pub vocabulary: Vec<Word>,
    pub out: Vec<Vec<usize>>,
    pub inc: Vec<Vec<usize>>,
    /// Stage count of the model, for grouping.
    pub stage_count: usize,
}

impl Side {
    /// Whether the side draws a flow from component `a` to `b`.
    pub fn has_flow(&self, a: usize, b: usize) -> bool {
        self.out[a].binary_search(&b).is_ok()
    }

    pub fn new(model: &Model, thesaurus: &Thesaurus) -> Side {
        let mut profiles: Vec<Profile> = model
            .graph
            .node_indices()
            .map(|n| {
                let c = &model.graph[n];
                // "Encoder service (ViT)": people put qualifiers and product
                // names in parentheses. The label is the text outside them
                // (the whole label too, for labels that match as written);
                // what is inside is a qualifier (see `names_similarity`).
                let split = parenthesised(&c.label);
                let mut names = vec![Name::new(&c.label, NameRole::Label, thesaurus)];
                if let Some((outside, inside)) = &split {
                    names[0].role = NameRole::Qualifier;
                    names.push(Name::new(outside, NameRole::Label, thesaurus));
                    names.push(Name::new(inside, NameRole::Qualifier, thesaurus));
                }
                // "Blend + re-rank", "Dashboards & alerts": one box named
                // for two jobs, each job a name of its own, so the box can
                // be matched to either and the merge seen.
                let plain = split.as_ref().map_or(c.label.as_str(), |(o, _)| o.as_str());
                let parts = jobs(plain);
                if parts.len() >= 2 {
                    names.extend(
                        parts
                            .iter()
                            .map(|p| Name::new(p, NameRole::Part, thesaurus)),
                    );
                }
                if normalise::canonical(&c.id) != names[0].canonical {
                    names.push(Name::new(&c.id, NameRole::Id, thesaurus));
                }
                names.extend(
                    c.aliases
                        .iter()
                        .map(|a| Name::new(a, NameRole::Alias, thesaurus)),
                );
                // In prose, CamelCase is a product's name ("BigQuery",
                // "DynamoDB"), which references and the thesaurus write as
                // one word; ids stay split ("featureStore").
                let prose: Vec<(String, NameRole)> = [(c.label.as_str(), names[0].role)]
                    .into_iter()
                    .chain(split.iter().flat_map(|(o, i)| {
                        [
                            (o.as_str(), NameRole::Label),
                            (i.as_str(), NameRole::Qualifier),
                        ]
                    }))
                    .chain(c.aliases.iter().map(|a| (a.as_str(), NameRole::Alias)))
                    .filter(|(text, _)| {
                        normalise::split_words(text) != normalise::split_words(&text.to_lowercase())
                    })
                    .map(|(text, role)| (text.to_lowercase(), role))
                    .collect();
                names.extend(
                    prose
                        .iter()
                        .map(|(text, role)| Name::new(text, *role, thesaurus)),
                );
                names.retain(|n| !n.words.is_empty());
                // "Feature store (offline)" says offline as plainly as
                // "Offline feature store".
                let poles = names
                    .iter()
                    .filter(|n| {
                        matches!(
                            n.role,
                            NameRole::Label | NameRole::Part | NameRole::Qualifier
                        )
                    })
                    .fold(0, |p, n| p | n.poles);
                Profile {
                    node: n,
                    id: c.id.clone(),
                    label: c.label.clone(),
                    kind: c.kind,
                    step: model.step_of(n),
                    stage: c.stage,
                    weight: c.attrs.weight,
                    optional: c.attrs.optional,
                    names,
                    poles,
                }
            })
            .collect();
        profiles.sort_by(|a, b| {
            let key = |p: &Profile| (p.names.first().map(|n| n.canonical.clone()), p.id.clone());
            key(a).cmp(&key(b))
        });
        // Only looked up, never iterated: ids follow first occurrence.
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut vocabulary = Vec::new();
        for word in profiles
            .iter_mut()
            .flat_map(|p| p.names.iter_mut())
            .flat_map(|n| n.words.iter_mut())
        {
            word.id = *ids.entry(word.raw.clone()).or_insert_with(|| {
                vocabulary.push(word.clone());
                vocabulary.len() as u32 - 1
            });
        }
        let mut position = vec![0; model.graph.node_count()];
        for (i, p) in profiles.iter().enumerate() {
            position[p.node.index()] = i;
        }
        let neighbours = |dir| -> Vec<Vec<usize>> {
            profiles
                .iter()
                .map(|p| {
                    let mut v: Vec<usize> = model
                        .graph
                        .neighbors_directed(p.node, dir)
                        .map(|n| position[n.index()])
                        .collect();
                    v.sort_unstable();
                    v.dedup();
                    v
                })
                .collect()
        };
        let out = neighbours(Outgoing);
        let inc = neighbours(Incoming);
        Side {
            profiles,
            vocabulary,
            out,
            inc,
            stage_count: model.stages.len(),
        }
    }

    pub fn len(&self) -> usize {
        self.profiles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }
}

/// A label split into the text outside and inside its parentheses, if it has any.
fn parenthesised(label: &str) -> Option<(String, String)> {
    let open = label.find('(')?;
    let close = open + label[open..].find(')')?;
    let inside = label[open + 1..close].to_string();
    let outside = format!("{} {}", &label[..open], &label[close + 1..])
        .trim()
        .to_string();
    (!inside.trim().is_empty() && !outside.trim().is_empty()).then_some((outside, inside))
}

/// Similarity of two words: 1 when their stems agree, else a typo score
/// (≥ 0.8) for long enough words, else 0.
fn word_similarity(a: &Word, b: &Word) -> f64 {
    if a.stem == b.stem || a.raw == b.raw {
        return 1.0;
    }
    let (la, lb) = (a.raw.len(), b.raw.len());
    if la < 5 || lb < 5 || la.abs_diff(lb) > 2 {
        return 0.0;
    }
    // A similarity of 0.8 allows one edit per 5 characters, and each edit
    // changes at most two entries of the set of characters used.
    let edits = la.max(lb) / 5;
    if (a.letters ^ b.letters).count_ones() as usize > 2 * edits {
        return 0.0;
    }
    // Optimal string alignment (edits plus adjacent transpositions): the
    // typos people make, at a fraction of full Damerau–Levenshtein's cost.
    let similarity = |x: &str, y: &str| {
        let longest = x.chars().count().max(y.chars().count()).max(1);
        1.0 - strsim::osa_distance(x, y) as f64 / longest as f64
    };
    let s = similarity(&a.raw, &b.raw).max(similarity(&a.stem, &b.stem));
    if s >= 0.8 { s } else { 0.0 }
}

/// Overlap of two word lists, with typo tolerance: the mean of the weighted
/// Dice coefficient and the overlap coefficient, so "Detection service" is
/// close to "Harmful content detection service" without "User" becoming
/// "User and author data". A matched pair counts with the lighter of its two
/// weights on both sides, so a typo of a generic word ("servcie") weighs as
/// the word it stands for.
fn word_overlap(a: &[Word], b: &[Word], similar: &impl Fn(&Word, &Word) -> f64) -> f64 {
    // Names are short; stay on the stack for up to 16 words.
    let mut weight_b = [0.0f64; 16];
    let mut used = [false; 16];
    if b.len() > 16 {
        return word_overlap_long(a, b, similar);
    }
    for (w, x) in weight_b.iter_mut().zip(b) {
        *w = x.weight;
    }
    let mut shared = 0.0;
    let mut total_a = 0.0;
    for wa in a {
        let mut best = (0.0, usize::MAX);
        for (j, wb) in b.iter().enumerate() {
            if used[j] {
                continue;
            }
            let s = similar(wa, wb);
            if s > best.0 {
                best = (s, j);
            }
        }
        if best.1 == usize::MAX {
            total_a += wa.weight;
        } else {
            let w = wa.weight.min(b[best.1].weight);
            used[best.1] = true;
            weight_b[best.1] = w;
            total_a += w;
            shared += best.0 * w;
        }
    }
    let total_b: f64 = weight_b[..b.len()].iter().sum();
    if total_a <= 0.0 || total_b <= 0.0 {
        return 0.0;
    }
    let dice = 2.0 * shared / (total_a + total_b);
    // At least one specific word's weight, so a name of generic words alone
    // ("Service") is not "contained" in every service.
    let overlap = shared / total_a.min(total_b).max(1.0);
    ((dice + overlap) / 2.0).min(1.0)
}

/// `word_overlap` for names of more than 16 words: only the first 16 words of `b` count.
#[cold]
fn word_overlap_long(a: &[Word], b: &[Word], similar: &impl Fn(&Word, &Word) -> f64) -> f64 {
    word_overlap(a, &b[..16], similar)
}

/// Each answer word's similarity to every word of a reference's vocabulary,
/// remembered across the answers graded against that reference (a batch
/// repeats the same few hundred words).
#[derive(Debug, Default)]
pub struct WordCache {
    rows: Mutex<HashMap<String, Arc<[f32]>>>,
}

impl WordCache {
    fn row(&self, word: &Word, reference: &Side) -> Arc<[f32]> {
        let cached = self
            .rows
            .lock()
            .map(|rows| rows.get(&word.raw).cloned())
            .unwrap_or(None);
        if let Some(row) = cached {
            return row;
        }
        let row: Arc<[f32]> = reference
            .vocabulary
            .iter()
            .map(|r| word_similarity(word, r) as f32)
            .collect();
        if let Ok(mut rows) = self.rows.lock() {
            rows.insert(word.raw.clone(), Arc::clone(&row));
        }
        row
    }
}

/// Word similarities between an answer's and a reference's vocabularies.
pub struct WordTable {
    rows: Vec<Arc<[f32]>>,
}

impl WordTable {
    pub fn new(answer: &Side, reference: &Side, cache: &WordCache) -> WordTable {
        WordTable {
            rows: answer
                .vocabulary
                .iter()
                .map(|a| cache.row(a, reference))
                .collect(),
        }
    }

    fn get(&self, a: &Word, r: &Word) -> f64 {
        f64::from(self.rows[a.id as usize][r.id as usize])
    }
}

fn concept_similarity(a: &[Membership], b: &[Membership]) -> f64 {
    let mut best: f64 = 0.0;
    for ma in a {
        for mb in b.iter().filter(|mb| mb.concept == ma.concept) {
            let cover = ma.coverage.min(mb.coverage);
            best = best.max(0.5 + 0.4 * cover * cover);
        }
    }
    best
}

/// Similarity of two names, 0..=1.
pub fn name_similarity(a: &Name, b: &Name) -> f64 {
    name_similarity_with(a, b, &word_similarity)
}

fn name_similarity_with(a: &Name, b: &Name, similar: &impl Fn(&Word, &Word) -> f64) -> f64 {
    if a.key == b.key && a.canonical == b.canonical {
        return 1.0;
    }
    let mut s = word_overlap(&a.words, &b.words, similar);
    s = s.max(concept_similarity(&a.concepts, &b.concepts));
    // "CG" for "candidate generation", "FS" for "feature store".
    let acronym = |short: &Name, long: &Name| {
        short.words.len() == 1
            && (2..=4).contains(&short.words[0].raw.len())
            && long.initials.as_deref() == Some(short.words[0].raw.as_str())
    };
    if acronym(a, b) || acronym(b, a) {
        s = s.max(0.85);
    }
    s
}

/// Best similarity over all names of two components; labels count fully,
/// ids and aliases a little less, so a component's own label wins a tie
/// against another component's alias.
pub fn names_similarity(a: &Profile, r: &Profile, words: &WordTable) -> f64 {
    let similar = |x: &Word, y: &Word| words.get(x, y);
    // Best over the answer's plain names, and over its qualifiers.
    let (mut plain, mut qualified): (f64, f64) = (0.0, 0.0);
    for na in &a.names {
        let best = if na.role == NameRole::Qualifier {
            &mut qualified
        } else {
            &mut plain
        };
        for nr in &r.names {
            let factor = na.role.factor() * nr.role.factor();
            if factor <= *best {
                continue;
            }
            *best = best.max(name_similarity_with(na, nr, &similar) * factor);
        }
    }
    // A product name in parentheses confirms a match the label supports; it
    // does not override a label that says otherwise: "New uploads (Kafka)"
    // is not the reference's "Click stream" aka kafka.
    let s = plain.max(qualified.min(plain + QUALIFIER_LEAD));
    // What the labels say holds for every name: an answer's "Offline
    // feature store" with id `feature_store` is still not the reference's
    // "Online feature store" aka "feature store".
    if super::thesaurus::opposed(a.poles, r.poles) {
        s.min(OPPOSITE_CAP)
    } else {
        s
    }
}

/// Names saying opposite words (`!opposite` in the thesaurus) are at most this alike.
pub const OPPOSITE_CAP: f64 = 0.5;

/// How far a qualifier can lift a name's similarity above its label's.
pub const QUALIFIER_LEAD: f64 = 0.4;

/// 1 for the same kind, 0.5 for kinds people use for the same box.
pub fn kind_similarity(a: Kind, b: Kind) -> f64 {
    use Kind::*;
    if a == b {
        return 1.0;
    }
    const RELATED: &[(Kind, Kind)] = &[
        (Store, Cache),
        (Store, Index),
        (Store, Source),
        (Store, Dataset),
        (Store, Log),
        (Store, Registry),
        (Log, Stream),
        (Source, Log),
        (Model, Service),
        (Model, Job),
        (Job, Service),
        (Index, Service),
        (Monitor, Service),
        (Experiment, Service),
        (Experiment, Job),
        (Human, Job),
        (Client, External),
        (Source, External),
    ];
    if RELATED.contains(&(a, b)) || RELATED.contains(&(b, a)) {
        0.5
    } else {
        0.0
    }
}

/// 1 for the same step (or neither has one), 0.5 when one side does not say, else 0.
pub fn step_similarity(a: Option<Step>, b: Option<Step>) -> f64 {
    match (a, b) {
        (a, b) if a == b => 1.0,
        (None, _) | (_, None) => 0.5,
        _ => 0.0,
    }
}

/// A dense answer × reference matrix of scores.
#[derive(Debug, Clone)]
pub struct Matrix {
    pub rows: usize,
    pub cols: usize,
    pub data: Vec<f64>,
}

impl Matrix {
    pub fn new(rows: usize, cols: usize) -> Matrix {
        Matrix {
            rows,
            cols,
            data: vec![0.0; rows * cols],
        }
    }
    pub fn get(&self, r: usize, c: usize) -> f64 {
        self.data[r * self.cols + c]
    }
    pub fn set(&mut self, r: usize, c: usize, v: f64) {
        self.data[r * self.cols + c] = v;
    }
}

/// What a component's names could share with another's, to skip pairs that
/// share nothing: specific words (as bits over the reference vocabulary;
/// generic words only for names made of nothing else), concepts, and whether a
/// name could be an acronym of the other's. Names sharing only generic words
/// while both have specific ones do not match.
struct Reach {
    words: Vec<u64>,
    concepts: Vec<usize>,
    acronym: bool,
}

impl Reach {
    fn new(p: &Profile, vocabulary: usize, word_bits: impl Fn(&Word, &mut [u64])) -> Reach {
        let mut words = vec![0u64; vocabulary.div_ceil(64)];
        let mut concepts = Vec::new();
        let mut acronym = false;
        for n in &p.names {
            let all_generic = n.words.iter().all(|w| w.weight < 1.0);
            for w in n.words.iter().filter(|w| all_generic || w.weight >= 1.0) {
                word_bits(w, &mut words);
            }
            concepts.extend(n.concepts.iter().map(|m| m.concept));
            acronym |= n.initials.is_some()
                || (n.words.len() == 1 && (2..=4).contains(&n.words[0].raw.len()));
        }
        concepts.sort_unstable();
        concepts.dedup();
        Reach {
            words,
            concepts,
            acronym,
        }
    }

    fn meets(&self, other: &Reach) -> bool {
        (self.acronym && other.acronym)
            || self.words.iter().zip(&other.words).any(|(a, b)| a & b != 0)
            || self
                .concepts
                .iter()
                .any(|c| other.concepts.binary_search(c).is_ok())
    }
}

pub fn name_matrix(answer: &Side, reference: &Side, cache: &WordCache) -> Matrix {
    let words = WordTable::new(answer, reference, cache);
    let n = reference.vocabulary.len();
    let answer_reach: Vec<Reach> = answer
        .profiles
        .iter()
        .map(|p| {
            Reach::new(p, n, |w, bits| {
                for (k, s) in words.rows[w.id as usize].iter().enumerate() {
                    // A generic answer word reaches only generic-only names' words.
                    if *s > 0.0 && (w.weight >= 1.0 || reference.vocabulary[k].weight < 1.0) {
                        bits[k / 64] |= 1 << (k % 64);
                    }
                }
            })
        })
        .collect();
    let reference_reach: Vec<Reach> = reference
        .profiles
        .iter()
        .map(|p| Reach::new(p, n, |w, bits| bits[w.id as usize / 64] |= 1 << (w.id % 64)))
        .collect();
    let mut m = Matrix::new(answer.len(), reference.len());
    for (i, a) in answer.profiles.iter().enumerate() {
        for (j, r) in reference.profiles.iter().enumerate() {
            if answer_reach[i].meets(&reference_reach[j]) {
                m.set(i, j, names_similarity(a, r, &words));
            }
        }
    }
    m
}

/// Steps for answer components whose stage names no step: the step most of
/// the stage's members' best reference matches are in. Stages are compared
/// by what they group, not by what they are called.
pub fn infer_steps(answer: &Side, reference: &Side, names: &Matrix) -> Vec<Option<Step>> {
    let mut votes: Vec<Vec<(Step, usize)>> = vec![Vec::new(); answer.stage_count];
    for (i, a) in answer.profiles.iter().enumerate() {
        let (Some(stage), None) = (a.stage, a.step) else {
            continue;
        };
        let best = (0..reference.len())
            .filter(|&j| names.get(i, j) >= 0.6)
            .max_by(|&x, &y| names.get(i, x).total_cmp(&names.get(i, y)).then(y.cmp(&x)));
        if let Some(step) = best.and_then(|j| reference.profiles[j].step) {
            match votes[stage].iter_mut().find(|(s, _)| *s == step) {
                Some(v) => v.1 += 1,
                None => votes[stage].push((step, 1)),
            }
        }
    }
    let winner: Vec<Option<Step>> = votes
        .iter()
        .map(|v| {
            v.iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(s, _)| *s)
        })
        .collect();
    answer
        .profiles
        .iter()
        .map(|a| a.step.or_else(|| a.stage.and_then(|s| winner[s])))
        .collect()
}

/// The jobs a label joins with `+`, `&`, ` and ` or ` / `.
fn jobs(label: &str) -> Vec<&str> {
    label
        .split(['+', '&'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" / "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Two clients are alike whatever they are called ("Pinner", "Guest",
/// "Viewer"): the kind says what the box is, the name only who.
pub const CLIENT_NAME_FLOOR: f64 = 0.7;

/// Names, kind and step combined.
pub fn combined_matrix(answer: &Side, reference: &Side, names: &Matrix) -> Matrix {
    let steps = infer_steps(answer, reference, names);
    let mut m = Matrix::new(answer.len(), reference.len());
    for (i, a) in answer.profiles.iter().enumerate() {
        for (j, r) in reference.profiles.iter().enumerate() {
            let mut n = names.get(i, j);
            if a.kind == Kind::Client && r.kind == Kind::Client {
                n = n.max(CLIENT_NAME_FLOOR);
            }
            let kind = kind_similarity(a.kind, r.kind);
            if n < NAME_FLOOR || (kind == 0.0 && n < UNRELATED_KIND_FLOOR) {
                continue;
            }
            let s =
                NAME_SHARE * n + KIND_SHARE * kind + STEP_SHARE * step_similarity(steps[i], r.step);
            m.set(i, j, s);
        }
    }
    m
}

/// Raises each pair's score by the share of the reference component's
/// neighbours (same direction) whose current match is a neighbour of the
/// answer component. Pairs with no name in common stay at 0.
pub fn refine(
    answer: &Side,
    reference: &Side,
    scores: &Matrix,
    matched: &[Option<usize>],
) -> Matrix {
    // matched[j] = answer index matched to reference j.
    let mut m = scores.clone();
    for j in 0..reference.len() {
        let degree = reference.out[j].len() + reference.inc[j].len();
        if degree == 0 {
            continue;
        }
        for i in 0..answer.len() {
            let s = scores.get(i, j);
            if s <= 0.0 {
                continue;
            }
            let support = reference.out[j]
                .iter()
                .filter(|&&rj| matched[rj].is_some_and(|ai| answer.has_flow(i, ai)))
                .count()
                + reference.inc[j]
                    .iter()
                    .filter(|&&rj| matched[rj].is_some_and(|ai| answer.has_flow(ai, i)))
                    .count();
            let bonus = STRUCTURE_BONUS * support as f64 / degree as f64;
            m.set(i, j, (s + bonus).min(1.0));
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Name {
        Name::new(s, NameRole::Label, Thesaurus::builtin())
    }

    fn sim(a: &str, b: &str) -> f64 {
        name_similarity(&name(a), &name(b))
    }

    #[test]
    fn a_product_in_parentheses_confirms_but_does_not_override_the_label() {
        let t = Thesaurus::builtin();
        let model = |src: &str| crate::analyze_str("t.mlsd", src).model;
        let reference = Side::new(&model("s: stream \"Click stream\" aka kafka\n"), t);
        let answer = Side::new(
            &model(
                "a: stream \"New uploads (Kafka)\"\nb: stream \"Click events (Kafka)\"\nc: stream \"Kafka\"\n",
            ),
            t,
        );
        let words = WordTable::new(&answer, &reference, &WordCache::default());
        let sim = |label: &str| {
            let p = answer.profiles.iter().find(|p| p.label == label).unwrap();
            names_similarity(p, &reference.profiles[0], &words)
        };
        assert!(
            sim("New uploads (Kafka)") <= QUALIFIER_LEAD + 1e-9,
            "{}",
            sim("New uploads (Kafka)")
        );
        assert!(sim("Kafka") >= 0.9, "{}", sim("Kafka"));
        assert!(sim("Click events (Kafka)") > sim("New uploads (Kafka)") + 0.2);
    }

    #[test]
    fn normalised_names_are_equal() {
        assert_eq!(sim("feature_store", "Feature Stores"), 1.0);
        assert_eq!(sim("rankingModel", "ranking-model"), 1.0);
    }

    #[test]
    fn parentheses_split_a_label_into_two_names() {
        assert_eq!(
            parenthesised("Encoder service (ViT)"),
            Some(("Encoder service".to_string(), "ViT".to_string()))
        );
        assert_eq!(parenthesised("Ranker"), None);
        assert_eq!(parenthesised("(x)"), None);
        assert_eq!(parenthesised("a (b"), None);
    }

    #[test]
    fn synonyms_typos_and_acronyms_match() {
        assert!(sim("Vector DB", "ANN index") >= 0.85);
        assert!(sim("FAISS", "ANN index") >= 0.85);
        assert!(sim("Recomendation servcie", "Recommendation service") >= 0.8);
        assert!(sim("CG", "Candidate generation") >= 0.8);
        assert!(sim("Kafka", "Event stream") >= 0.85);
    }

    #[test]
    fn generic_words_do_not_match_across_concepts() {
        assert!(sim("Ranking service", "Embedding service") < NAME_FLOOR);
        assert!(sim("Feature store", "Model store") < 0.5);
        assert!(sim("Service", "Prediction service") < NAME_FLOOR);
        assert!(sim("Data lake", "Data validation") < 0.5);
    }

    #[test]
    fn kinds_and_steps() {
        assert_eq!(kind_similarity(Kind::Store, Kind::Cache), 0.5);
        assert_eq!(kind_similarity(Kind::Human, Kind::Index), 0.0);
        assert_eq!(step_similarity(None, None), 1.0);
        assert_eq!(step_similarity(Some(Step::Data), None), 0.5);
        assert_eq!(step_similarity(Some(Step::Data), Some(Step::Serving)), 0.0);
    }
}
