//! The built-in thesaurus of ML system vocabulary (`data/thesaurus.txt`):
//! concepts, each a list of phrases people use for it.
//!
//! Matching is by concept, never by word: a name belongs to a concept when one
//! of the concept's phrases appears in it (stemmed words, in order), and two
//! names meet through the thesaurus only when they share a concept. How much
//! of each name the phrase covers is kept, so "Kafka" is fully an event
//! stream while "Kafka consumer lag alert" only mentions one.

use super::normalise::{self, Word};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("../../data/thesaurus.txt");

#[derive(Debug)]
pub struct Thesaurus {
    /// Concept names, in file order; a concept's index is its id.
    pub concepts: Vec<String>,
    /// (stemmed phrase words, concept id), longest phrases first.
    terms: Vec<(Vec<String>, usize)>,
    /// Term indexes by their first word, so a name is only compared with
    /// phrases that can start at each of its words.
    by_first: BTreeMap<String, Vec<usize>>,
    /// Stemmed word pairs that set two names apart however much else they
    /// share (`!opposite: online ~ offline`).
    opposites: Vec<(String, String)>,
}

/// A concept a name belongs to, and the share of the name's weight its phrase covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Membership {
    pub concept: usize,
    pub coverage: f64,
}

impl Thesaurus {
    /// The thesaurus bundled with mlsd, parsed once.
    pub fn builtin() -> &'static Thesaurus {
        static CELL: OnceLock<Thesaurus> = OnceLock::new();
        CELL.get_or_init(|| Thesaurus::parse(DATA).expect("bundled thesaurus is valid"))
    }

    /// Parses `concept: phrase ~ phrase` lines. Rejects phrases made only of
    /// generic words, which would match across concepts.
    pub fn parse(text: &str) -> Result<Thesaurus, String> {
        let mut concepts = Vec::new();
        let mut terms = Vec::new();
        let mut opposites: Vec<(String, String)> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, phrases) = line
                .split_once(':')
                .ok_or_else(|| format!("line {}: expected `concept: phrase ~ phrase`", n + 1))?;
            if name.trim() == "!opposite" {
                let pair: Vec<Vec<Word>> = phrases.split('~').map(normalise::words).collect();
                match pair.as_slice() {
                    [a, b] if a.len() == 1 && b.len() == 1 => {
                        opposites.push((a[0].stem.clone(), b[0].stem.clone()))
                    }
                    _ => return Err(format!("line {}: expected `!opposite: word ~ word`", n + 1)),
                }
                continue;
            }
            let id = concepts.len();
            concepts.push(name.trim().to_string());
            for phrase in phrases.split('~') {
                let words = normalise::words(phrase);
                if words.is_empty() {
                    return Err(format!("line {}: empty phrase", n + 1));
                }
                if words.iter().all(|w| w.weight < 1.0) {
                    return Err(format!(
                        "line {}: `{}` is only generic words and would over-match",
                        n + 1,
                        phrase.trim()
                    ));
                }
                terms.push((words.into_iter().map(|w| w.stem).collect(), id));
            }
        }
        terms.sort_by(|a: &(Vec<String>, usize), b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
        terms.dedup();
        let mut by_first: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, (phrase, _)) in terms.iter().enumerate() {
            by_first.entry(phrase[0].clone()).or_default().push(i);
        }
        Ok(Thesaurus {
            concepts,
            terms,
            by_first,
            opposites,
        })
    }

    /// Which opposites a name says, two bits a pair (first word, second
    /// word), for `opposed`. Pairs beyond the 32nd are ignored.
    pub fn poles(&self, words: &[Word]) -> u64 {
        let has = |stem: &str| words.iter().any(|w| w.stem == stem);
        self.opposites
            .iter()
            .take(32)
            .enumerate()
            .fold(0, |bits, (k, (x, y))| {
                bits | (has(x) as u64) << (2 * k) | (has(y) as u64) << (2 * k + 1)
            })
    }
    /// The concepts a name belongs to, sorted by concept id. A concept's
    /// coverage is the share of the name's weight covered by any of its
    /// phrases ("monitoring dashboards" is wholly about monitoring).
    pub fn concepts_of(&self, words: &[Word]) -> Vec<Membership> {
        let total: f64 = words.iter().map(|w| w.weight).sum();
        let mut covered: Vec<(usize, Vec<bool>)> = Vec::new();
        if total <= 0.0 {
            return Vec::new();
        }
        for start in 0..words.len() {
            let Some(candidates) = self.by_first.get(&words[start].stem) else {
                continue;
            };
            for &t in candidates {
                let (phrase, concept) = &self.terms[t];
                let Some(window) = words.get(start..start + phrase.len()) else {
                    continue;
                };
                if window.iter().zip(phrase).all(|(w, p)| &w.stem == p) {
                    let mask = match covered.iter_mut().find(|(c, _)| c == concept) {
                        Some((_, m)) => m,
                        None => {
                            covered.push((*concept, vec![false; words.len()]));
                            &mut covered.last_mut().expect("just pushed").1
                        }
                    };
                    mask[start..start + phrase.len()].fill(true);
                }
            }
        }
        let mut out: Vec<Membership> = covered
            .into_iter()
            .map(|(concept, mask)| Membership {
                concept,
                coverage: words
                    .iter()
                    .zip(&mask)
                    .filter(|(_, m)| **m)
                    .map(|(w, _)| w.weight)
                    .sum::<f64>()
                    / total,
            })
            .collect();
        out.sort_by_key(|m| m.concept);
        out
    }

    pub fn concept_id(&self, name: &str) -> Option<usize> {
        self.concepts.iter().position(|c| c == name)
    }
}

/// Whether one name says one word of an opposite pair and the other the
/// other, neither saying both: "Offline feature store" is not the "Online
/// feature store", though the words differ by two letters.
pub fn opposed(a: u64, b: u64) -> bool {
    const FIRST: u64 = 0x5555_5555_5555_5555;
    let only_first = |p: u64| p & FIRST & !(p >> 1);
    let only_second = |p: u64| (p >> 1) & FIRST & !p;
    only_first(a) & only_second(b) != 0 || only_second(a) & only_first(b) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concepts(name: &str) -> Vec<String> {
        let t = Thesaurus::builtin();
        t.concepts_of(&normalise::words(name))
            .iter()
            .map(|m| t.concepts[m.concept].clone())
            .collect()
    }

    #[test]
    fn bundled_file_parses_and_groups_product_names() {
        assert_eq!(concepts("FAISS"), ["ann-index"]);
        assert_eq!(concepts("Vector DB"), ["ann-index"]);
        assert_eq!(concepts("Kafka topic"), ["message-queue"]);
        assert!(concepts("Online feature store (Redis)").contains(&"online-store".to_string()));
        assert!(concepts("Online feature store (Redis)").contains(&"feature-store".to_string()));
    }

    #[test]
    fn generic_words_belong_to_no_concept() {
        for name in ["Service", "Model", "Data store", "Pipeline", "API"] {
            assert!(concepts(name).is_empty(), "{name}: {:?}", concepts(name));
        }
        assert_ne!(concepts("Ranking service"), concepts("Embedding service"));
    }

    #[test]
    fn coverage_is_the_share_of_the_name() {
        let t = Thesaurus::builtin();
        let m = t.concepts_of(&normalise::words("Kafka"));
        assert_eq!(m[0].coverage, 1.0);
        let m = t.concepts_of(&normalise::words("Kafka lag alert"));
        let mq = t.concept_id("message-queue").unwrap();
        let kafka = m.iter().find(|m| m.concept == mq).unwrap();
        assert!(kafka.coverage < 0.5, "{kafka:?}");
    }

    #[test]
    fn phrases_of_only_generic_words_are_rejected() {
        assert!(Thesaurus::parse("x: service ~ foo").is_err());
        assert!(Thesaurus::parse("x foo").is_err());
        assert!(Thesaurus::parse("x: ranking service ~ foo").is_ok());
    }

    #[test]
    fn opposite_words_set_names_apart() {
        let t = Thesaurus::builtin();
        let poles = |text: &str| t.poles(&normalise::words(text));
        assert!(opposed(
            poles("Offline feature store"),
            poles("Online feature store")
        ));
        assert!(opposed(
            poles("Streaming features"),
            poles("Batch features")
        ));
        assert!(!opposed(
            poles("Feature store"),
            poles("Online feature store")
        ));
        assert!(!opposed(
            poles("Online and offline store"),
            poles("Online feature store")
        ));
        assert!(Thesaurus::parse("!opposite: online ~ offline ~ batch\n").is_err());
    }
}
