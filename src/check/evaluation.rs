//! Evaluation: metrics are named and fit the task, an offline gate stands
//! between training and serving, and an online test runs against serving.

use super::{Facts, Rule};
use crate::diag::{Diagnostic, Severity};
use crate::lexicon::{self, Concept};
use crate::vocab::{Kind, Phase, Step};
use petgraph::Direction::{Incoming, Outgoing};

fn no_metrics(f: &Facts, phase: Phase, rule: &Rule, example: &str) -> Vec<Diagnostic> {
    if f.model.metrics.iter().any(|m| m.phase == phase) {
        return Vec::new();
    }
    let span = f
        .model
        .metrics
        .first()
        .map(|m| m.span)
        .or(f.model.tasks.first().map(|t| t.span))
        .unwrap_or(f.anchor);
    vec![
        rule.finding(format!("no {} metrics are named", phase.as_str()), span)
            .with_help(format!("add `metrics {} {example}`", phase.as_str())),
    ]
}

pub(super) const NO_OFFLINE_METRICS: Rule = Rule {
    id: "evaluation.no-offline-metrics",
    severity: Severity::Warning,
    summary: "offline metrics are named",
    rationale: "Offline metrics, measured on held-out data, decide whether a new model is good enough to \
                test on users. An answer that names none cannot say how models are compared.",
    bad: "task ranking \"P(click)\"\nmetrics online \"CTR\"\n",
    good: "task ranking \"P(click)\"\nmetrics offline \"nDCG\", \"recall@k\"\nmetrics online \"CTR\"\n",
    check: |f| {
        no_metrics(
            f,
            Phase::Offline,
            &NO_OFFLINE_METRICS,
            "\"nDCG\", \"recall@k\"",
        )
    },
};

pub(super) const NO_ONLINE_METRICS: Rule = Rule {
    id: "evaluation.no-online-metrics",
    severity: Severity::Warning,
    summary: "online metrics tied to the business goal are named",
    rationale: "Offline gains do not always move the business. Online metrics (CTR, watch time, \
                conversions, reports) measured in production are what an A/B test decides on.",
    bad: "task ranking \"P(click)\"\nmetrics offline \"nDCG\"\n",
    good: "task ranking \"P(click)\"\nmetrics offline \"nDCG\"\nmetrics online \"CTR\", \"watch time\"\n",
    check: |f| {
        no_metrics(
            f,
            Phase::Online,
            &NO_ONLINE_METRICS,
            "\"CTR\", \"watch time\"",
        )
    },
};

pub(super) const METRIC_MISMATCH: Rule = Rule {
    id: "evaluation.metric-mismatch",
    severity: Severity::Warning,
    summary: "offline metrics fit the task (ranking: MRR/mAP/nDCG/recall@k; classification: PR/ROC-AUC, F1, log loss; detection: mAP@IoU)",
    rationale: "Each task type has metrics that measure what it optimises: ranking quality for ranking \
                and retrieval, threshold-free separability (PR-AUC, ROC-AUC) or calibrated loss for \
                classification and CTR prediction, mAP over IoU thresholds for detection. Naming only \
                metrics from another family (accuracy for a ranker) is a classic weak answer.",
    bad: "task ranking \"P(click)\"\nmetrics offline \"accuracy\"\n",
    good: "task ranking \"P(click)\"\nmetrics offline \"accuracy\", \"nDCG@10\"\n",
    check: metric_mismatch,
};

fn metric_mismatch(f: &Facts) -> Vec<Diagnostic> {
    let offline: Vec<&str> = f
        .model
        .metrics
        .iter()
        .filter(|m| m.phase == Phase::Offline)
        .map(|m| m.name.as_str())
        .collect();
    if offline.is_empty() {
        return Vec::new();
    }
    f.model
        .tasks
        .iter()
        .filter(|t| !offline.iter().any(|m| lexicon::metric_fits(t.kind, m)))
        .map(|t| {
            METRIC_MISMATCH
                .finding(
                    format!("no offline metric fits the {} task", t.kind.as_str()),
                    t.span,
                )
                .with_help(format!(
                    "add {} to `metrics offline`",
                    lexicon::metric_examples(t.kind)
                ))
        })
        .collect()
}

pub(super) const NO_OFFLINE_GATE: Rule = Rule {
    id: "evaluation.no-offline-gate",
    severity: Severity::Warning,
    summary: "offline evaluation gates deployment: no path from training to serving skips it",
    rationale: "A retrained model must beat the current one on offline metrics before it serves anyone. \
                If a path runs from a training job to a serving model without passing an evaluation \
                step, a bad model can ship.",
    bad: "user: client \"User\"\nlogs: log \"Logs\"\ntrain: job \"Training\"\nreg: registry \"Model registry\"\n\
          stage serving {\n  ranker: model \"Ranker\"\n}\nlogs -> train -> reg -> ranker\nuser -> ranker -> user\n",
    good: "user: client \"User\"\nlogs: log \"Logs\"\ntrain: job \"Training\"\neval: job \"Offline evaluation\"\n\
           reg: registry \"Model registry\"\nstage serving {\n  ranker: model \"Ranker\"\n}\n\
           logs -> train -> eval -> reg -> ranker\nuser -> ranker -> user\n",
    check: no_offline_gate,
};

fn no_offline_gate(f: &Facts) -> Vec<Diagnostic> {
    let ungated = f.reach(
        f.nodes().filter(|&n| f.training(n)),
        |_, to| !f.evaluation(to),
        Outgoing,
    );
    f.nodes()
        .filter(|&n| f.serving_model(n) && ungated[n.index()])
        .map(|n| {
            NO_OFFLINE_GATE
                .finding(
                    format!("`{}` can be deployed without an offline evaluation", f.id(n)),
                    f.span(n),
                )
                .with_help(
                    "put an evaluation job between training and the registry: `train -> eval -> registry`",
                )
        })
        .collect()
}

pub(super) const NO_ONLINE_TEST: Rule = Rule {
    id: "evaluation.no-online-test",
    severity: Severity::Warning,
    summary: "an online test (A/B test, shadow deployment, canary, interleaving, bandit) exists",
    rationale: "Offline metrics are a proxy. The framework's last evaluation step is an online test on \
                live traffic that measures the online metrics before a full rollout.",
    bad: "metrics online \"CTR\"\nuser: client \"User\"\napi: service \"API\"\nuser -> api\n",
    good: "metrics online \"CTR\"\nuser: client \"User\"\napi: service \"API\"\nab: experiment \"A/B test\"\n\
           user -> api\nab -> api: \"traffic split\"\n",
    check: no_online_test,
};

fn no_online_test(f: &Facts) -> Vec<Diagnostic> {
    if f.nodes()
        .any(|n| f.kind(n) == Kind::Experiment || f.mentions(n, Concept::OnlineTest))
    {
        return Vec::new();
    }
    let span = f
        .model
        .metrics
        .iter()
        .find(|m| m.phase == Phase::Online)
        .map_or(f.anchor, |m| m.span);
    vec![
        NO_ONLINE_TEST
            .finding("the design has no online test", span)
            .with_help("add `ab: experiment \"A/B test\"` and draw it splitting traffic to the serving path"),
    ]
}

pub(super) const TEST_DETACHED: Rule = Rule {
    id: "evaluation.test-detached",
    severity: Severity::Warning,
    summary: "each experiment is connected to the serving path",
    rationale: "An A/B test, shadow or canary deployment works by routing live traffic (or, in a batch \
                design, new inputs of the serving pipeline) between model versions. An experiment drawn \
                without a flow to or from the serving path tests nothing.",
    bad: "user: client \"User\"\nlogs: log \"Logs\"\nab: experiment \"A/B test\"\nstage serving {\n  \
          api: service \"API\"\n}\nuser -> api -> logs -> ab\n",
    good: "user: client \"User\"\nlogs: log \"Logs\"\nab: experiment \"A/B test\"\nstage serving {\n  \
           api: service \"API\"\n}\nuser -> api -> logs -> ab\nab -> api: \"traffic split\"\n",
    check: test_detached,
};

fn test_detached(f: &Facts) -> Vec<Diagnostic> {
    let g = &f.model.graph;
    f.nodes()
        // An experiment with no flows at all is structure.orphan's finding.
        .filter(|&n| {
            f.kind(n) == Kind::Experiment && f.degree(n, Incoming) + f.degree(n, Outgoing) > 0
        })
        .filter(|&n| {
            !g.neighbors_directed(n, Outgoing)
                .chain(g.neighbors_directed(n, Incoming))
                .any(|m| {
                    // Batch designs serve from a pipeline in the serving stage.
                    f.online(m) && f.kind(m) != Kind::Experiment
                        || f.model.step_of(m) == Some(Step::Serving)
                        || f.kind(m) == Kind::Client
                })
        })
        .map(|n| {
            TEST_DETACHED
                .finding(
                    format!(
                        "experiment `{}` is not connected to the serving path",
                        f.id(n)
                    ),
                    f.span(n),
                )
                .with_help(format!(
                    "draw how it routes traffic: `{} -> api: \"traffic split\"`",
                    f.id(n)
                ))
        })
        .collect()
}
