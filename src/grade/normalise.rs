//! Names as the grader compares them: split into words (case, punctuation,
//! snake_case, camelCase), lower-cased and stemmed, with a weight per word so
//! generic words ("service", "model", "store") count for less than the words
//! that say what a component is.

/// One word of a name: as written (lower-cased) and stemmed.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub raw: String,
    pub stem: String,
    pub weight: f64,
    /// Which characters occur in `raw` (a–z, 0–9, other), to rule out typo
    /// matches without computing an edit distance.
    pub letters: u64,
    /// Index of the word in its side's vocabulary (see `similarity::Side`); 0 until assigned.
    pub id: u32,
}

/// The set of characters in a word as bits: a–z, 0–9, and one bit for anything else.
pub fn letter_set(word: &str) -> u64 {
    word.chars().fold(0, |m, c| {
        m | 1u64
            << match c {
                'a'..='z' => c as u32 - 'a' as u32,
                '0'..='9' => 26 + c as u32 - '0' as u32,
                _ => 63,
            }
    })
}

/// Words that name a kind of box rather than what it does. Alone they must not
/// make two components match, so they weigh little.
const GENERIC: &[&str] = &[
    "service",
    "servic",
    "model",
    "store",
    "system",
    "pipelin",
    "pipeline",
    "job",
    "data",
    "db",
    "database",
    "api",
    "engine",
    "server",
    "serv",
    "platform",
    "layer",
    "module",
    "component",
    "tool",
    "process",
    "the",
    "a",
    "an",
    "of",
    "and",
    "for",
    "to",
    "in",
    "on",
    "with",
    "by",
    "from",
    "app",
    "table",
];

/// Weight of a generic word relative to 1 for a specific one.
pub const GENERIC_WEIGHT: f64 = 0.25;

/// Whether a word (as written or stemmed) is one of the generic words.
pub fn is_generic(word: &str) -> bool {
    // Numbers are parameters ("recall@10", "IoU 0.5:0.95", "top 500"), not what a thing is.
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    static ALL: std::sync::OnceLock<std::collections::BTreeSet<String>> =
        std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        GENERIC
            .iter()
            .flat_map(|g| [g.to_string(), stem(g)])
            .collect()
    })
    .contains(word)
}

/// Splits a name into lower-case words: `featureStore`, `feature_store`,
/// `Feature-Store` and `"feature store"` all give `feature`, `store`.
/// `A/B` and `p@k` keep their letters together (`ab`, `pk`), and so do
/// `mAP` and `nDCG`, since people write them as one token.
pub fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut prev: Option<char> = None;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            let camel_break = match prev {
                // "mAP", "nDCG", "IoU": one lower-case letter sits inside an acronym.
                Some(p) if p.is_lowercase() && c.is_uppercase() => {
                    i >= 2 && chars[i - 2].is_lowercase()
                }
                // "HTTPServer" → "http", "server"
                Some(p) if p.is_uppercase() && c.is_uppercase() => {
                    chars.get(i + 1).is_some_and(|n| n.is_lowercase())
                }
                Some(p) if p.is_alphabetic() != c.is_alphabetic() => {
                    // "s3", "p95" stay whole; "top10k" too: digits glued to letters are names.
                    false
                }
                _ => false,
            };
            if camel_break && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            current.extend(c.to_lowercase());
        } else if matches!(c, '/' | '@' | '&' | '\'')
            && prev.is_some_and(char::is_alphanumeric)
            && current.chars().count() == 1
        {
            // "A/B", "p@k", "W&B": one token; "precision@k", "user/item" are two.
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        prev = Some(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// A light suffix-stripping stemmer for the English of system diagrams:
/// "rankers", "ranking", "ranker" → "rank"; "indexing", "indexer" → "index";
/// "recommendations" → "recommend"; "embeddings" → "embed".
pub fn stem(word: &str) -> String {
    let mut w = word.to_string();
    // Short words and acronyms are left alone ("ads", "ann", "gbdt").
    if w.chars().count() <= 3 || !w.chars().all(|c| c.is_ascii_lowercase()) {
        return w;
    }
    const SUFFIXES: &[(&str, &str)] = &[
        ("ies", "y"),
        ("ations", ""),
        ("ation", ""),
        ("ators", ""),
        ("ator", ""),
        ("ments", ""),
        ("ment", ""),
        ("ings", ""),
        ("ing", ""),
        ("ers", ""),
        ("er", ""),
        ("ed", ""),
        ("es", ""),
        ("ate", ""),
        ("s", ""),
        ("e", ""),
    ];
    for _ in 0..3 {
        let before = w.clone();
        for (suffix, replacement) in SUFFIXES {
            if let Some(base) = w.strip_suffix(suffix) {
                if base.len() < 3 || (*suffix == "s" && base.ends_with('s')) {
                    continue;
                }
                // "user" must not become "us": "-er" needs a longer base.
                if (*suffix == "er" || *suffix == "ers") && base.len() < 4 {
                    continue;
                }
                let mut b = format!("{base}{replacement}");
                // "embedd" → "embed", "blurr" → "blur"
                let bytes = b.as_bytes();
                if replacement.is_empty()
                    && b.len() >= 4
                    && bytes[b.len() - 1] == bytes[b.len() - 2]
                    && !matches!(bytes[b.len() - 1], b's' | b'l')
                {
                    b.pop();
                }
                w = b;
                break;
            }
        }
        if w == before {
            break;
        }
    }
    w
}

/// Abbreviations people write in diagrams, expanded before stemming.
/// Only unambiguous ones in ML system design; multi-word expansions
/// ("fs" → feature store) live in the thesaurus instead.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("svc", "service"),
    ("srv", "service"),
    ("idx", "index"),
    ("reg", "registry"),
    ("usr", "user"),
    ("usrs", "users"),
    ("img", "image"),
    ("imgs", "images"),
    ("emb", "embedding"),
    ("embs", "embeddings"),
    ("evt", "event"),
    ("evts", "events"),
    ("eval", "evaluation"),
    ("msg", "message"),
    ("rec", "recommendation"),
    ("recs", "recommendations"),
    ("reco", "recommendation"),
    ("recsys", "recommendation"),
    ("feat", "feature"),
    ("feats", "features"),
    ("cand", "candidate"),
    ("cands", "candidates"),
    ("gen", "generation"),
    ("repo", "repository"),
    ("pred", "prediction"),
    ("preds", "predictions"),
    ("trn", "training"),
    ("mon", "monitoring"),
    ("rnk", "ranking"),
    ("db", "database"),
    ("dbs", "databases"),
    ("mgmt", "management"),
    ("notif", "notification"),
    ("info", "information"),
];

/// The words of a name, stemmed and weighted.
pub fn words(text: &str) -> Vec<Word> {
    split_words(text)
        .into_iter()
        .map(|raw| {
            let raw = match ABBREVIATIONS.iter().find(|(a, _)| *a == raw) {
                Some((_, full)) => full.to_string(),
                None => raw,
            };
            let stem = stem(&raw);
            let weight = if is_generic(&raw) || is_generic(&stem) {
                GENERIC_WEIGHT
            } else {
                1.0
            };
            let letters = letter_set(&raw);
            Word {
                raw,
                stem,
                weight,
                letters,
                id: 0,
            }
        })
        .collect()
}

/// The canonical form of a name: its stems joined by single spaces.
pub fn canonical(text: &str) -> String {
    words(text)
        .iter()
        .map(|w| w.stem.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_every_case_convention() {
        assert_eq!(split_words("featureStore"), ["feature", "store"]);
        assert_eq!(split_words("feature_store"), ["feature", "store"]);
        assert_eq!(
            split_words("Feature-Store (online)"),
            ["feature", "store", "online"]
        );
        assert_eq!(split_words("HTTPServer"), ["http", "server"]);
        assert_eq!(split_words("A/B test"), ["ab", "test"]);
        assert_eq!(split_words("mAP@IoU 0.5"), ["map", "iou", "0", "5"]);
        assert_eq!(split_words("nDCG@10"), ["ndcg", "10"]);
        assert_eq!(split_words("precision@k, p@k"), ["precision", "k", "pk"]);
        assert_eq!(split_words("user/item pairs"), ["user", "item", "pairs"]);
        assert_eq!(split_words("S3 bucket"), ["s3", "bucket"]);
        assert_eq!(split_words("  "), Vec::<String>::new());
    }

    #[test]
    fn stems_agree_across_word_forms() {
        for group in [
            &["rank", "ranking", "ranker", "rankers"][..],
            &["index", "indexing", "indexer", "indexes"],
            &["embedding", "embeddings", "embedded"],
            &["recommendation", "recommendations", "recommend"],
            &["evaluation", "evaluator", "evaluate"],
            &["filter", "filtering", "filters"],
            &["deployment", "deploy"],
            &["train", "training", "trainer"],
            &["blurring", "blurred", "blur"],
            &["query", "queries"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.iter().all(|s| s == &stems[0]),
                "{group:?} → {stems:?}"
            );
        }
        assert_eq!(stem("user"), "user");
        assert_eq!(stem("ads"), "ads");
        assert_eq!(stem("class"), "class");
    }

    #[test]
    fn generic_words_weigh_less() {
        let w = words("Ranking service");
        assert_eq!(w[0].weight, 1.0);
        assert_eq!(w[1].weight, GENERIC_WEIGHT);
        assert_eq!(canonical("Feature Stores"), "featur stor");
        assert_eq!(canonical("rec svc"), canonical("recommendation service"));
        assert!(is_generic("stor") && is_generic("servic") && !is_generic("ranker"));
    }
}
