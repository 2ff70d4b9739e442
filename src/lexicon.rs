//! The words people use for ML design concepts, in one place.
//!
//! Rules reason over kinds, steps, attributes and paths first. Where they
//! must read names (is this component an A/B test? a re-ranker?), they ask
//! this module, and so will the grader. A concept is a list of phrases
//! matched as whole words against a component's id, label and aliases after
//! normalising (lower case; anything but letters and digits splits words, so
//! `re-ranking`, `re_ranking` and `Re Ranking` read the same). A phrase word
//! ending in `*` matches any word it begins (`rerank*` → `reranker`).

use crate::model::Component;
use crate::vocab::TaskKind;
use std::sync::OnceLock;

/// An ML design concept a rule may need to recognise by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Concept {
    /// A/B tests, shadow and canary deployments, interleaving, bandits.
    OnlineTest,
    /// Re-ranking or post-processing of a ranked list.
    ReRanking,
    /// Candidate generation / retrieval before ranking.
    CandidateGeneration,
    /// Encoders and embedding services.
    Encoder,
    /// Pipelines that build or refresh an index.
    Indexing,
    /// Labels and where they come from.
    Labels,
    /// Training, fine-tuning, learning jobs.
    Training,
    /// Offline evaluation and validation gates.
    Evaluation,
    /// Retraining triggers and schedules.
    Retraining,
    /// Logs of requests, predictions and interactions.
    Logging,
    /// Feedback from users, reports and reviews.
    Feedback,
    /// ML monitoring: drift, data quality, model quality.
    Drift,
    /// Batch prediction and precomputed results.
    BatchPrediction,
    /// Feature stores.
    FeatureStore,
}

impl Concept {
    pub const ALL: &'static [Concept] = &[
        Concept::OnlineTest,
        Concept::ReRanking,
        Concept::CandidateGeneration,
        Concept::Encoder,
        Concept::Indexing,
        Concept::Labels,
        Concept::Training,
        Concept::Evaluation,
        Concept::Retraining,
        Concept::Logging,
        Concept::Feedback,
        Concept::Drift,
        Concept::BatchPrediction,
        Concept::FeatureStore,
    ];

    /// The phrases that name this concept.
    pub fn phrases(self) -> &'static [&'static str] {
        match self {
            Concept::OnlineTest => &[
                "a b",
                "ab",
                "ab test*",
                "split test*",
                "online experiment*",
                "experimentation",
                "shadow*",
                "dark launch*",
                "canary",
                "canaries",
                "staged rollout*",
                "interleav*",
                "bandit*",
            ],
            Concept::ReRanking => &[
                "rerank*",
                "re rank*",
                "post process*",
                "postprocess*",
                "business rule*",
                "filter*",
                "diversif*",
                "dedup*",
                "de dup*",
                "blend*",
                "fairness",
                "nms",
                "non max suppression",
            ],
            Concept::CandidateGeneration => &[
                "candidate*",
                "retriev*",
                "recall",
                "matching",
                "sourcing",
                "first stage",
                "two tower",
                "ann",
            ],
            Concept::Encoder => &[
                "encod*",
                "embed*",
                "two tower",
                "dual encoder",
                "bi encoder",
                "tower",
            ],
            Concept::Indexing => &[
                "index build*",
                "indexer*",
                "indexing",
                "index refresh*",
                "index pipeline*",
                "build index",
            ],
            Concept::Labels => &[
                "label*",
                "annotat*",
                "ground truth",
                "human review*",
                "review queue",
                "reviewer*",
                "moderat*",
                "natural label*",
                "click*",
                "interaction*",
                "engagement*",
                "feedback",
                "report*",
                "appeal*",
                "hard negative*",
            ],
            Concept::Training => &[
                "train*",
                "fine tun*",
                "finetun*",
                "learner*",
                "learning job*",
            ],
            Concept::Evaluation => &[
                "evaluat*",
                "eval",
                "evaluator*",
                "validat*",
                "gate",
                "backtest*",
                "offline test*",
            ],
            Concept::Retraining => &[
                "retrain*",
                "re train*",
                "retraining trigger*",
                "continual learning",
                "continuous training",
                "scheduled training",
            ],
            Concept::Logging => &[
                "log",
                "logs",
                "logging",
                "logger*",
                "clickstream*",
                "impression*",
                "event log*",
                "event stream*",
                "user event*",
                "activity",
                "tracking",
            ],
            Concept::Feedback => &[
                "feedback",
                "report*",
                "review*",
                "appeal*",
                "flywheel",
                "hard negative*",
                "survey*",
            ],
            Concept::Drift => &[
                "drift*",
                "ml monitor*",
                "model monitor*",
                "data quality",
                "skew",
                "model quality",
                "accuracy",
                "data validation",
                "anomal*",
            ],
            Concept::BatchPrediction => &[
                "batch predict*",
                "batch inference",
                "batch scor*",
                "offline inference",
                "offline predict*",
                "precomput*",
                "pre comput*",
            ],
            Concept::FeatureStore => &[
                "feature store*",
                "fs",
                "online feature*",
                "feature serving",
                "feature cache",
                "feast",
                "tecton",
            ],
        }
    }
}

/// Lower-cases and splits on anything that is not a letter or digit.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// `text` normalised: lower case, one space between words.
pub fn normalise(text: &str) -> String {
    words(text).join(" ")
}

/// One word of a phrase: exact, or a stem (`rerank*`) matching any word it begins.
#[derive(Debug, Clone, Copy)]
struct Pattern {
    text: &'static str,
    stem: bool,
}

impl Pattern {
    fn matches(self, word: &str) -> bool {
        if self.stem {
            word.starts_with(self.text)
        } else {
            word == self.text
        }
    }
}

fn compile(phrase: &'static str) -> Vec<Pattern> {
    phrase
        .split(' ')
        .map(|w| match w.strip_suffix('*') {
            Some(stem) => Pattern {
                text: stem,
                stem: true,
            },
            None => Pattern {
                text: w,
                stem: false,
            },
        })
        .collect()
}

/// Every concept's phrases, split into patterns once.
fn compiled() -> &'static [Vec<Vec<Pattern>>] {
    static TABLE: OnceLock<Vec<Vec<Vec<Pattern>>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        Concept::ALL
            .iter()
            .map(|c| c.phrases().iter().map(|p| compile(p)).collect())
            .collect()
    })
}

/// Whether the pattern words occur consecutively in `text_words`.
fn occurs(phrase: &[Pattern], text_words: &[String]) -> bool {
    if phrase.is_empty() || phrase.len() > text_words.len() {
        return false;
    }
    text_words
        .windows(phrase.len())
        .any(|window| window.iter().zip(phrase).all(|(w, p)| p.matches(w)))
}

fn phrase_in(phrase: &'static str, text_words: &[String]) -> bool {
    occurs(&compile(phrase), text_words)
}

fn names_concept(concept: Concept, text_words: &[String]) -> bool {
    compiled()[concept as usize]
        .iter()
        .any(|p| occurs(p, text_words))
}

/// The text's clauses, split into words. A phrase never spans a list
/// separator: "Training set (user, event, label)" names no user events.
fn clauses(text: &str) -> impl Iterator<Item = Vec<String>> + '_ {
    text.split([',', ';', ':', '(', ')', '[', ']', '{', '}', '+', '&', '|'])
        .map(words)
        .filter(|w| !w.is_empty())
}

/// Whether a piece of text names a concept.
pub fn names(text: &str, concept: Concept) -> bool {
    clauses(text).any(|w| names_concept(concept, &w))
}

/// The concepts a component's names (id, label, aliases) name, worked out once.
#[derive(Debug, Clone, Default)]
pub struct Names {
    concepts: u32,
}

impl Names {
    pub fn of(component: &Component) -> Names {
        let phrases: Vec<Vec<String>> = [component.id.as_str(), component.label.as_str()]
            .into_iter()
            .chain(component.aliases.iter().map(String::as_str))
            .flat_map(clauses)
            .collect();
        let mut concepts = 0;
        for &c in Concept::ALL {
            if phrases.iter().any(|w| names_concept(c, w)) {
                concepts |= 1 << c as u32;
            }
        }
        Names { concepts }
    }

    /// Whether any one name (id, label or an alias) names the concept.
    pub fn mention(&self, concept: Concept) -> bool {
        self.concepts & (1 << concept as u32) != 0
    }
}

/// Whether a component's id, label or an alias names the concept.
pub fn mentions(component: &Component, concept: Concept) -> bool {
    Names::of(component).mention(concept)
}

/// Offline metrics that fit a task type, as phrases (see [`metric_fits`]);
/// empty when the framework names none.
pub fn offline_metrics(task: TaskKind) -> &'static [&'static str] {
    match task {
        TaskKind::Ranking | TaskKind::Retrieval => &[
            "mrr",
            "mean reciprocal rank",
            "map",
            "mean average precision",
            "ndcg",
            "dcg",
            "recall k",
            "precision k",
            "hit rate",
            "hits k",
            "average rank",
            "mean rank",
        ],
        TaskKind::Classification => &[
            "auc",
            "roc",
            "pr auc",
            "f1",
            "f score",
            "precision",
            "recall",
            "accuracy",
            "log loss",
            "logloss",
            "cross entropy",
            "nce",
            "calibration",
        ],
        TaskKind::Detection => &["map", "iou", "average precision", "ap"],
        TaskKind::Segmentation => &["iou", "miou", "dice", "pixel accuracy"],
        TaskKind::LinkPrediction => &[
            "auc",
            "roc",
            "map",
            "recall k",
            "precision k",
            "hit rate",
            "mrr",
        ],
        TaskKind::Regression => &["mae", "mse", "rmse", "mape", "r2", "r squared"],
        TaskKind::Generation => &["bleu", "rouge", "perplexity", "fid", "cider"],
        TaskKind::Clustering => &["silhouette", "nmi", "ari", "purity"],
    }
}

/// The metric names a strong answer would give for a task, for help text.
pub fn metric_examples(task: TaskKind) -> &'static str {
    match task {
        TaskKind::Ranking | TaskKind::Retrieval => "MRR, mAP, nDCG or recall@k",
        TaskKind::Classification => {
            "PR-AUC, ROC-AUC, F1 or log loss (normalized cross-entropy for CTR)"
        }
        TaskKind::Detection => "mAP over IoU thresholds",
        TaskKind::Segmentation => "mIoU or Dice",
        TaskKind::LinkPrediction => "ROC-AUC, or mAP / recall@k over recommended links",
        TaskKind::Regression => "MAE or RMSE",
        TaskKind::Generation => "BLEU, ROUGE or perplexity",
        TaskKind::Clustering => "silhouette or NMI",
    }
}

/// Whether a metric name fits a task. `@k`, `@10`, `@0.5` all read as `k`,
/// so `recall@10` matches `recall k` and `mAP@IoU` matches `map`.
pub fn metric_fits(task: TaskKind, metric: &str) -> bool {
    let mut text = String::with_capacity(metric.len());
    let mut chars = metric.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '@' {
            while chars
                .peek()
                .is_some_and(|c| c.is_alphanumeric() || *c == '.')
            {
                chars.next();
            }
            text.push_str(" k ");
        } else {
            text.push(c);
        }
    }
    let w = words(&text);
    offline_metrics(task).iter().any(|p| phrase_in(p, &w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_whole_words_and_stems() {
        assert!(names("Re-ranking", Concept::ReRanking));
        assert!(names("reranker", Concept::ReRanking));
        assert!(names("A/B test", Concept::OnlineTest));
        assert!(names("shadow deployment", Concept::OnlineTest));
        assert!(!names("abstract", Concept::OnlineTest));
        assert!(!names("Ranking model", Concept::ReRanking));
        assert!(names("Human labellers", Concept::Labels));
        // A phrase does not run across a list separator.
        assert!(names("User events", Concept::Logging));
        assert!(!names(
            "Training set (user, event, label)",
            Concept::Logging
        ));
        assert!(names("Video embedding indexer", Concept::Indexing));
        assert!(!names("ANN index", Concept::Indexing));
        assert!(names("drift_detection", Concept::Drift));
    }

    #[test]
    fn metrics_fit_their_tasks() {
        assert!(metric_fits(TaskKind::Ranking, "recall@10"));
        assert!(metric_fits(TaskKind::Ranking, "nDCG"));
        assert!(metric_fits(TaskKind::Ranking, "precision@k"));
        assert!(!metric_fits(TaskKind::Ranking, "precision"));
        assert!(!metric_fits(TaskKind::Ranking, "CTR"));
        assert!(metric_fits(TaskKind::Classification, "PR-AUC"));
        assert!(metric_fits(
            TaskKind::Classification,
            "normalized cross-entropy"
        ));
        assert!(metric_fits(TaskKind::Detection, "mAP@0.5:0.95"));
        assert!(!metric_fits(TaskKind::Detection, "latency"));
    }

    #[test]
    fn concept_order_matches_all() {
        for (i, c) in Concept::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i);
        }
        assert!(Concept::ALL.len() <= 32);
    }

    #[test]
    fn normalise_folds_separators_and_case() {
        assert_eq!(normalise("Two_Tower  model-v2"), "two tower model v2");
        assert_eq!(normalise("É Über"), "é über");
    }
}
