//! Serving: models come from a registry, the request path reads online data
//! only, indexes are built, ranked lists are re-ranked, batch predictions
//! are read.

use super::{Facts, Rule};
use crate::diag::{Diagnostic, Severity};
use crate::lexicon::Concept;
use crate::vocab::{Kind, Step, TaskKind};
use petgraph::Direction::{Incoming, Outgoing};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

pub(super) const NO_REGISTRY: Rule = Rule {
    id: "serving.no-registry",
    severity: Severity::Warning,
    summary: "serving models are loaded from a model registry",
    rationale: "Deploying straight from a training job leaves no versioned artifact to roll back to, \
                compare in an A/B test, or audit. Strong answers put a model registry between training \
                and serving.",
    bad: "user: client \"User\"\nlogs: log \"Logs\"\ntrain: job \"Training\"\nstage serving {\n  \
          ranker: model \"Ranker\"\n}\nlogs -> train -> ranker\nuser -> ranker -> user\n",
    good: "user: client \"User\"\nlogs: log \"Logs\"\ntrain: job \"Training\"\nreg: registry \"Model registry\"\n\
           stage serving {\n  ranker: model \"Ranker\"\n}\nlogs -> train -> reg -> ranker\nuser -> ranker -> user\n",
    check: no_registry,
};

fn no_registry(f: &Facts) -> Vec<Diagnostic> {
    let registries = f.nodes().filter(|&n| f.kind(n) == Kind::Registry);
    let loaded = f.reach(
        registries,
        |from, _| {
            !(f.online(from) && matches!(f.kind(from), Kind::Model | Kind::Index | Kind::Cache))
        },
        Outgoing,
    );
    f.nodes()
        .filter(|&n| f.serving_model(n) && !loaded[n.index()])
        .map(|n| {
            NO_REGISTRY
                .finding(
                    format!("serving model `{}` is not loaded from a model registry", f.id(n)),
                    f.span(n),
                )
                .with_help(format!(
                    "add `registry: registry \"Model registry\"` and draw `train -> registry -> {}`",
                    f.id(n)
                ))
        })
        .collect()
}

pub(super) const OFFLINE_STORE_READ: Rule = Rule {
    id: "serving.offline-store-read",
    severity: Severity::Error,
    summary: "the request path never reads a store marked [offline]",
    rationale: "Offline stores (warehouses, lakes, the offline feature store) answer in seconds to \
                minutes; a request has milliseconds. Online serving reads features from an online store \
                or a stream, kept fresh from the offline data by a feature pipeline.",
    bad: "user: client \"User\"\nwh: store \"Warehouse\" [offline]\nstage serving {\n  api: service \"API\"\n}\n\
          user -> api -> user\nwh -> api: \"user features\"\n",
    good: "user: client \"User\"\nwh: store \"Warehouse\" [offline]\netl: job \"Feature pipeline\"\n\
           fs: store \"Online feature store\" [online]\nstage serving {\n  api: service \"API\"\n}\n\
           user -> api -> user\nwh -> etl -> fs -> api: \"user features\"\n",
    check: offline_store_read,
};

fn offline_store_read(f: &Facts) -> Vec<Diagnostic> {
    let g = &f.model.graph;
    g.edge_references()
        .filter(|e| g[e.source()].attrs.offline && f.online(e.target()))
        .map(|e| {
            OFFLINE_STORE_READ
                .finding(
                    format!(
                        "`{}` serves requests but reads the offline store `{}`",
                        f.id(e.target()),
                        f.id(e.source())
                    ),
                    e.weight().span,
                )
                .with_label("offline read on the request path")
                .with_help(format!(
                    "copy what `{}` needs into an online store (`[online]`, e.g. Redis) with a feature job, and read that",
                    f.id(e.target())
                ))
        })
        .collect()
}

pub(super) const NO_ONLINE_FEATURES: Rule = Rule {
    id: "serving.no-online-features",
    severity: Severity::Warning,
    summary: "features computed for the model reach the request path through an online store or stream",
    rationale: "When the design has a feature pipeline, the serving model needs the same features at \
                request time: from a store marked [online], a cache, or a stream. Otherwise training \
                and serving see different inputs (training/serving skew), or serving has none.",
    bad: "user: client \"User\"\nlogs: log \"Logs\"\nstage features {\n  etl: job \"Feature pipeline\"\n  \
          fs: store \"Feature store\" [offline]\n}\nstage serving {\n  ranker: model \"Ranker\"\n}\n\
          logs -> etl -> fs\nuser -> ranker -> user\n",
    good: "user: client \"User\"\nlogs: log \"Logs\"\nstage features {\n  etl: job \"Feature pipeline\"\n  \
           fs: store \"Feature store\" [offline]\n  online_fs: store \"Online feature store\" [online]\n}\n\
           stage serving {\n  ranker: model \"Ranker\"\n}\nlogs -> etl -> fs, online_fs\nonline_fs -> ranker\n\
           user -> ranker -> user\n",
    check: no_online_features,
};

fn no_online_features(f: &Facts) -> Vec<Diagnostic> {
    let Some(first_model) = f.nodes().find(|&n| f.kind(n) == Kind::Model && f.online(n)) else {
        return Vec::new();
    };
    let has_features =
        f.has_step(Step::Features) || f.nodes().any(|n| f.mentions(n, Concept::FeatureStore));
    if !has_features {
        return Vec::new();
    }
    let g = &f.model.graph;
    let feeds_online = |n: NodeIndex| {
        let c = &g[n];
        match c.kind {
            Kind::Cache | Kind::Stream => true,
            Kind::Store => {
                c.attrs.online || !c.attrs.offline && f.mentions(n, Concept::FeatureStore)
            }
            Kind::Job | Kind::Service => f.model.step_of(n) == Some(Step::Features),
            _ => false,
        }
    };
    // A cache or stream counts when it feeds a model or holds features: a
    // "Feed cache" in front of the API caches results, not features.
    let served = g.edge_references().any(|e| {
        let (from, to) = (e.source(), e.target());
        f.online(to)
            && feeds_online(from)
            && (!matches!(g[from].kind, Kind::Cache | Kind::Stream)
                || g[to].kind == Kind::Model
                || f.mentions(from, Concept::FeatureStore))
    });
    if served {
        return Vec::new();
    }
    let span = f.stage_span(Step::Features).unwrap_or(f.span(first_model));
    vec![
        NO_ONLINE_FEATURES
            .finding("no online features reach the request path", span)
            .with_help(format!(
                "draw an online store (`[online]`) or a stream filled by the feature pipeline, read by `{}`",
                f.id(first_model)
            )),
    ]
}

pub(super) const INDEX_NOT_BUILT: Rule = Rule {
    id: "serving.index-not-built",
    severity: Severity::Warning,
    summary: "every index is fed by an indexing path (an encoder or job → index), not only by queries",
    rationale: "An ANN index answers queries over item embeddings that something must compute and load: \
                an indexing pipeline that runs the item encoder over the catalogue and new items. Without \
                it the index is empty; without a refresh it goes stale when the encoder changes.",
    bad: "user: client \"User\"\nstage serving {\n  api: service \"API\"\n  enc: model \"Query encoder\"\n  \
          ann: index \"ANN index\"\n}\nuser -> api -> enc -> ann -> api\n",
    good: "user: client \"User\"\nitems: source \"Item catalogue\"\nindexer: job \"Item embedding indexer\"\n\
           stage serving {\n  api: service \"API\"\n  enc: model \"Query encoder\"\n  ann: index \"ANN index\"\n}\n\
           user -> api -> enc -> ann -> api\nitems -> indexer -> ann\n",
    check: index_not_built,
};

fn index_not_built(f: &Facts) -> Vec<Diagnostic> {
    let g = &f.model.graph;
    f.nodes()
        .filter(|&n| f.kind(n) == Kind::Index)
        .filter(|&n| {
            !g.neighbors_directed(n, Incoming).any(|p| {
                !f.online(p) || f.mentions(p, Concept::Indexing) || f.kind(p) == Kind::Job
            })
        })
        .map(|n| {
            INDEX_NOT_BUILT
                .finding(
                    format!("index `{}` is not fed by an indexing pipeline", f.id(n)),
                    f.span(n),
                )
                .with_help(format!(
                    "draw how items get in: `items -> indexer -> {}` (the indexer runs the item encoder)",
                    f.id(n)
                ))
        })
        .collect()
}

pub(super) const NO_RERANK: Rule = Rule {
    id: "serving.no-rerank",
    severity: Severity::Warning,
    summary: "for ranking and retrieval tasks, the ranked list passes a re-ranking step",
    rationale: "A model's ranked list is not what users should see: strong answers add re-ranking for \
                business rules, filtering (unsafe, seen, private items), de-duplication, freshness and \
                diversity after the ranker.",
    bad: "task ranking \"P(click)\"\nuser: client \"User\"\nstage serving {\n  api: service \"API\"\n  \
          ranker: model \"Ranker\"\n}\nuser -> api -> ranker -> api -> user\n",
    good: "task ranking \"P(click)\"\nuser: client \"User\"\nstage serving {\n  api: service \"API\"\n  \
           ranker: model \"Ranker\"\n  rerank: service \"Re-ranking\" aka \"business rules\"\n}\n\
           user -> api -> ranker -> rerank -> api -> user\n",
    check: no_rerank,
};

fn no_rerank(f: &Facts) -> Vec<Diagnostic> {
    let Some(task) = f
        .model
        .tasks
        .iter()
        .find(|t| matches!(t.kind, TaskKind::Ranking | TaskKind::Retrieval))
    else {
        return Vec::new();
    };
    let models = f
        .nodes()
        .filter(|&n| f.kind(n) == Kind::Model && f.online(n));
    let after = f.reach(models, |_, to| f.online(to), Outgoing);
    let mut any_model = false;
    for n in f.nodes() {
        if after[n.index()] {
            any_model = true;
            if f.mentions(n, Concept::ReRanking) {
                return Vec::new();
            }
        }
    }
    if !any_model {
        return Vec::new();
    }
    vec![
        NO_RERANK
            .finding(
                format!("the {} list is returned without re-ranking", task.kind.as_str()),
                task.span,
            )
            .with_help(
                "add a re-ranking step after the ranker on the serving path: filters, de-duplication, \
                 freshness, diversity, business rules",
            ),
    ]
}

pub(super) const NO_CANDIDATES: Rule = Rule {
    id: "serving.no-candidate-generation",
    severity: Severity::Info,
    summary: "for ranking over a large corpus, candidate generation comes before the ranking model",
    rationale: "A heavy ranking model cannot score millions of items within a request's latency budget. \
                Strong answers put a cheap candidate generation stage first (two-tower + ANN index, \
                popular or trending lists, rules) that narrows the corpus to hundreds, then rank those. \
                Small corpora can skip it, hence info.",
    bad: "task ranking \"P(click)\"\nuser: client \"User\"\nstage serving {\n  api: service \"API\"\n  \
          ranker: model \"Ranker\"\n}\nuser -> api -> ranker -> api -> user\n",
    good: "task ranking \"P(click)\"\nuser: client \"User\"\nstage serving {\n  api: service \"API\"\n  \
           cands: service \"Candidate generation\"\n  ranker: model \"Ranker\"\n}\n\
           user -> api -> cands -> ranker -> api -> user\n",
    check: no_candidates,
};

fn no_candidates(f: &Facts) -> Vec<Diagnostic> {
    if !f.model.tasks.iter().any(|t| t.kind == TaskKind::Ranking) {
        return Vec::new();
    }
    let rankers: Vec<NodeIndex> = f
        .nodes()
        .filter(|&n| {
            f.kind(n) == Kind::Model && f.online(n) && !f.mentions(n, Concept::CandidateGeneration)
        })
        .collect();
    if rankers.is_empty() {
        return Vec::new();
    }
    // Anything upstream of a serving model on the request path counts.
    let upstream = f.reach(rankers.iter().copied(), |_, to| f.online(to), Incoming);
    let found = f.nodes().any(|n| {
        upstream[n.index()]
            && (f.kind(n) == Kind::Index || f.mentions(n, Concept::CandidateGeneration))
    });
    if found {
        return Vec::new();
    }
    vec![
        NO_CANDIDATES
            .finding(
                "the ranking model scores the whole corpus",
                f.span(rankers[0]),
            )
            .with_help(format!(
                "put candidate generation (two-tower + ANN index, popular, rules) before `{}`",
                f.id(rankers[0])
            )),
    ]
}

pub(super) const BATCH_UNREAD: Rule = Rule {
    id: "serving.batch-unread",
    severity: Severity::Warning,
    summary: "batch prediction writes a store that serving reads",
    rationale: "Precomputing predictions (recommendations, friend suggestions, scores) only helps if \
                they land in a store the request path reads: a key-value store or cache keyed by user or \
                item. Otherwise the batch output never reaches users.",
    bad: "user: client \"User\"\ngraph: store \"Graph snapshot\"\npreds: store \"Precomputed results\"\n\
          stage serving {\n  scorer: model \"Batch scoring\" [batch]\n  api: service \"Suggestions API\"\n}\n\
          graph -> scorer -> preds\nuser -> api -> user\n",
    good: "user: client \"User\"\ngraph: store \"Graph snapshot\"\npreds: store \"Precomputed results\"\n\
           stage serving {\n  scorer: model \"Batch scoring\" [batch]\n  api: service \"Suggestions API\"\n}\n\
           graph -> scorer -> preds -> api\nuser -> api -> user\n",
    check: batch_unread,
};

fn batch_unread(f: &Facts) -> Vec<Diagnostic> {
    let g = &f.model.graph;
    let is_batch = |n: NodeIndex| {
        let c = &g[n];
        match c.kind {
            Kind::Model => {
                c.attrs.batch
                    || f.model.step_of(n) == Some(Step::Serving) && !f.online(n)
                    || f.mentions(n, Concept::BatchPrediction)
            }
            Kind::Job | Kind::Service => {
                f.model.step_of(n) == Some(Step::Serving) && !f.online(n)
                    || f.mentions(n, Concept::BatchPrediction)
            }
            _ => false,
        }
    };
    let read_at_serving = f.nodes().filter(|&n| {
        matches!(f.kind(n), Kind::Store | Kind::Cache | Kind::Index)
            && g.neighbors_directed(n, Outgoing)
                .any(|r| f.online(r) || f.kind(r) == Kind::Client)
    });
    let delivers = f.reach(
        read_at_serving,
        |_, to| !f.online(to) && f.kind(to) != Kind::Client,
        Incoming,
    );
    f.nodes()
        .filter(|&n| is_batch(n) && !delivers[n.index()])
        .map(|n| {
            BATCH_UNREAD
                .finding(
                    format!("batch predictions of `{}` reach no store that serving reads", f.id(n)),
                    f.span(n),
                )
                .with_help(format!(
                    "draw `{} -> results_store -> service`: a key-value store or cache the request path reads",
                    f.id(n)
                ))
        })
        .collect()
}
