//! Data and training: every model is trained on data, and the labels it
//! learns from come from somewhere.

use super::{Facts, Rule};
use crate::diag::{Diagnostic, Severity};
use crate::lexicon::Concept;
use crate::vocab::Kind;
use petgraph::Direction::Outgoing;

pub(super) const NO_TRAINING_PATH: Rule = Rule {
    id: "training.no-path",
    severity: Severity::Error,
    summary: "every model has a training path: data → dataset/features → training job → model",
    rationale: "A model is the output of training on data. If no training job fed by data reaches a \
                model (directly, or through an evaluator and a registry), the design does not say where \
                the model comes from — the core of an ML system design answer. Requests flowing through \
                another serving model do not count: each model needs its own lineage.",
    bad: "user: client \"User\"\nlogs: log \"Watch logs\"\nstage serving {\n  api: service \"API\"\n  \
          ranker: model \"Ranker\"\n}\nuser -> api -> ranker -> api\napi -> logs\n",
    good: "user: client \"User\"\nlogs: log \"Watch logs\"\nstage training {\n  ds: dataset \"Training data\"\n  \
           train: job \"Ranker training\"\n  registry: registry \"Model registry\"\n}\nstage serving {\n  \
           api: service \"API\"\n  ranker: model \"Ranker\"\n}\nuser -> api -> ranker -> api\napi -> logs\n\
           logs -> ds -> train -> registry -> ranker\n",
    check: no_training_path,
};

fn no_training_path(f: &Facts) -> Vec<Diagnostic> {
    let fed = f.reach(f.nodes().filter(|&n| f.is_data(n)), |_, _| true, Outgoing);
    let trained_on_data = f.nodes().filter(|&n| f.training(n) && fed[n.index()]);
    // Lineage does not pass through the request path: a serving model's
    // output is a prediction, not a trained artifact.
    let lineage = f.reach(
        trained_on_data,
        |from, _| {
            !(f.online(from) && matches!(f.kind(from), Kind::Model | Kind::Index | Kind::Cache))
        },
        Outgoing,
    );
    f.nodes()
        .filter(|&n| f.kind(n) == Kind::Model && !lineage[n.index()])
        .map(|n| {
            NO_TRAINING_PATH
                .finding(
                    format!("model `{}` has no training path", f.id(n)),
                    f.span(n),
                )
                .with_label("no training job fed by data reaches it")
                .with_help(format!(
                    "draw where it is trained: `logs -> dataset -> train -> registry -> {}`",
                    f.id(n)
                ))
        })
        .collect()
}

pub(super) const NO_LABEL_ORIGIN: Rule = Rule {
    id: "data.no-label-origin",
    severity: Severity::Warning,
    summary: "training data has a label origin: logs, a stream of interactions, reports or human labellers",
    rationale: "Supervised models learn from labels, and where labels come from (natural labels in \
                interaction logs, user reports, human review) is one of the first things an interviewer \
                asks. A training job that only item metadata reaches has no labels in the design.",
    bad: "videos: source \"Video catalogue\"\ndata: dataset \"Training data\"\ntrain: job \"Training\"\n\
          reg: registry \"Model registry\"\nvideos -> data -> train -> reg\n",
    good: "videos: source \"Video catalogue\"\nlogs: log \"Watch logs\"\ndata: dataset \"Training data\"\n\
           train: job \"Training\"\nreg: registry \"Model registry\"\nvideos, logs -> data -> train -> reg\n",
    check: no_label_origin,
};

fn no_label_origin(f: &Facts) -> Vec<Diagnostic> {
    let origins = f.nodes().filter(|&n| {
        matches!(
            f.kind(n),
            Kind::Log | Kind::Stream | Kind::Human | Kind::Client
        ) || f.mentions(n, Concept::Labels)
            || f.mentions(n, Concept::Feedback)
    });
    let labelled = f.reach(origins, |_, _| true, Outgoing);
    f.nodes()
        .filter(|&n| f.training(n) && !labelled[n.index()])
        .map(|n| {
            NO_LABEL_ORIGIN
                .finding(
                    format!("the training data of `{}` has no label origin", f.id(n)),
                    f.span(n),
                )
                .with_help(
                    "draw where labels come from: interaction logs, user reports, or human labellers \
                     (`labellers: human`) feeding the dataset",
                )
        })
        .collect()
}
