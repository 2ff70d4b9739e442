//! Operations: serving is logged, outcomes flow back into training data, and
//! monitoring exists, is fed, covers ML metrics and can trigger retraining.

use super::{Facts, Rule};
use crate::diag::{Diagnostic, Severity, Span};
use crate::lexicon::Concept;
use crate::vocab::{Kind, Step};
use petgraph::Direction::Outgoing;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

pub(super) const NO_SERVING_LOGS: Rule = Rule {
    id: "operations.no-serving-logs",
    severity: Severity::Warning,
    summary: "serving logs its requests, predictions and interactions to a log or stream",
    rationale: "What the system served and how users reacted is the raw material for labels, \
                monitoring, debugging and A/B analysis. A serving path that writes nothing down cannot \
                learn or be watched.",
    bad: "user: client \"User\"\nstage serving {\n  api: service \"API\"\n}\nuser -> api -> user\n",
    good: "user: client \"User\"\nlogs: log \"Impression logs\"\nstage serving {\n  api: service \"API\"\n}\n\
           user -> api -> user\napi -> logs: \"impressions\"\n",
    check: no_serving_logs,
};

fn is_log(f: &Facts, n: NodeIndex) -> bool {
    matches!(f.kind(n), Kind::Log | Kind::Stream) || !f.online(n) && f.mentions(n, Concept::Logging)
}

fn no_serving_logs(f: &Facts) -> Vec<Diagnostic> {
    let Some(first) = f.nodes().find(|&n| f.online(n)) else {
        return Vec::new();
    };
    let reached = f.reach(
        f.nodes().filter(|&n| f.online(n)),
        |_, to| f.kind(to) != Kind::Client,
        Outgoing,
    );
    if f.nodes().any(|n| reached[n.index()] && is_log(f, n)) {
        return Vec::new();
    }
    let span = f.stage_span(Step::Serving).unwrap_or(f.span(first));
    vec![
        NO_SERVING_LOGS
            .finding("nothing on the serving path is logged", span)
            .with_help(format!(
                "draw `{} -> logs: \"requests, predictions\"` (a log or an event stream)",
                f.id(first)
            )),
    ]
}

pub(super) const NO_FEEDBACK_LOOP: Rule = Rule {
    id: "operations.no-feedback-loop",
    severity: Severity::Warning,
    summary: "a feedback loop runs from logs, reports or review back to training data",
    rationale: "Models decay as users and items change. Strong designs close the loop: interactions, \
                user reports or human review flow back into the training data, so the next model \
                learns from what the current one served. Interactions that reach training only through \
                a feature store arrive as feature values, not labels, and do not close the loop.",
    bad: "user: client \"User\"\nlogs: log \"Logs\"\nitems: source \"Items\"\ntrain: job \"Training\"\n\
          stage serving {\n  api: service \"API\"\n}\nuser -> api -> user\napi -> logs\nitems -> train -> api\n",
    good: "user: client \"User\"\nlogs: log \"Logs\"\nitems: source \"Items\"\ntrain: job \"Training\"\n\
           stage serving {\n  api: service \"API\"\n}\nuser -> api -> user\napi -> logs\nitems, logs -> train -> api\n",
    check: no_feedback_loop,
};

fn no_feedback_loop(f: &Facts) -> Vec<Diagnostic> {
    let Some(first_training) = f.nodes().find(|&n| f.trains(n)) else {
        return Vec::new();
    };
    // Interactions that reach training only through a feature store arrive
    // as feature values, not labels ("clicks -> lake -> feature store ->
    // dataset"), so the loop may not pass through one.
    let past_features = |to| !f.mentions(to, Concept::FeatureStore);
    // What serving touched, and what users hand over directly (clicks,
    // reports). Not onward from users: "User -> New posts -> Post store ->
    // lake -> Labelled posts" is content coming in, labelled, not feedback,
    // and "… -> User -> …" is the content going out and coming back.
    let mut served = f.reach(
        f.nodes().filter(|&n| f.online(n)),
        |_, to| past_features(to) && f.kind(to) != Kind::Client,
        Outgoing,
    );
    for user in f.nodes().filter(|&n| f.kind(n) == Kind::Client) {
        served[user.index()] = true;
        for n in f.model.graph.neighbors_directed(user, Outgoing) {
            served[n.index()] |= past_features(n);
        }
    }
    let carriers = f.nodes().filter(|&n| {
        served[n.index()]
            // A stream carries feedback only when it says so: "New posts"
            // is content coming in, "Click stream" is users answering.
            && (matches!(f.kind(n), Kind::Log | Kind::Human)
                || f.mentions(n, Concept::Feedback)
                || f.mentions(n, Concept::Labels)
                || f.mentions(n, Concept::Logging))
    });
    // Not back out through a user: "… -> User -> New posts -> … -> training"
    // is content coming in again, not feedback.
    let fed_back = f.reach(
        carriers,
        |_, to| f.kind(to) != Kind::Client && past_features(to),
        Outgoing,
    );
    if f.nodes().any(|n| fed_back[n.index()] && f.trains(n)) {
        return Vec::new();
    }
    vec![
        NO_FEEDBACK_LOOP
            .finding(
                "no feedback from serving reaches the training data",
                f.span(first_training),
            )
            .with_help(format!(
                "draw the loop: `{} -> logs -> {}` (interactions, reports or review become labels)",
                f.nodes().find(|&n| f.online(n)).map_or("api", |n| f.id(n)),
                f.id(first_training)
            )),
    ]
}

/// Components that belong to monitoring: monitors and anything in a monitoring stage.
fn monitoring(f: &Facts) -> Vec<NodeIndex> {
    f.nodes().filter(|&n| f.monitoring(n)).collect()
}

fn monitoring_span(f: &Facts, nodes: &[NodeIndex]) -> Span {
    f.stage_span(Step::Monitoring)
        .or(nodes.first().map(|&n| f.span(n)))
        .unwrap_or(f.anchor)
}

pub(super) const MONITORING_MISSING: Rule = Rule {
    id: "monitoring.missing",
    severity: Severity::Warning,
    summary: "the design has monitoring",
    rationale: "Production ML systems fail quietly: latency creeps up, input data drifts, accuracy \
                decays. The framework's last step is monitoring of operational and ML metrics, with \
                alerts; a design without it stops at launch.",
    bad: "user: client \"User\"\nstage serving {\n  api: service \"API\"\n}\nuser -> api -> user\n",
    good: "user: client \"User\"\nstage serving {\n  api: service \"API\"\n}\nstage monitoring {\n  \
           dash: monitor \"Dashboards and alerts\"\n}\nuser -> api -> user\napi -> dash: \"latency, QPS\"\n",
    check: monitoring_missing,
};

fn monitoring_missing(f: &Facts) -> Vec<Diagnostic> {
    if f.has_step(Step::Monitoring)
        || f.nodes()
            .any(|n| f.monitoring(n) || f.mentions(n, Concept::Drift))
    {
        return Vec::new();
    }
    vec![
        MONITORING_MISSING
            .finding("the design has no monitoring", f.anchor)
            .with_help(
                "add `stage monitoring { dash: monitor \"Dashboards and alerts\" }` fed by serving logs",
            ),
    ]
}

pub(super) const MONITORING_DISCONNECTED: Rule = Rule {
    id: "monitoring.disconnected",
    severity: Severity::Warning,
    summary: "monitoring is fed by the system it watches",
    rationale: "Monitors need data: serving logs, metrics from services, feature statistics. A \
                monitoring stage that nothing flows into is decoration.",
    bad: "user: client \"User\"\nstage serving {\n  api: service \"API\"\n}\nstage monitoring {\n  \
          dash: monitor \"Dashboards\"\n}\nuser -> api -> user\n",
    good: "user: client \"User\"\nstage serving {\n  api: service \"API\"\n}\nstage monitoring {\n  \
           dash: monitor \"Dashboards\"\n}\nuser -> api -> user\napi -> dash\n",
    check: monitoring_disconnected,
};

fn monitoring_disconnected(f: &Facts) -> Vec<Diagnostic> {
    let nodes = monitoring(f);
    if nodes.is_empty() {
        return Vec::new();
    }
    let fed = f
        .model
        .graph
        .edge_references()
        .any(|e| !f.monitoring(e.source()) && f.monitoring(e.target()));
    if fed {
        return Vec::new();
    }
    vec![
        MONITORING_DISCONNECTED
            .finding("nothing flows into monitoring", monitoring_span(f, &nodes))
            .with_help(format!(
                "draw what it watches, e.g. `logs -> {}`",
                f.id(nodes[0])
            )),
    ]
}

pub(super) const NO_RETRAINING: Rule = Rule {
    id: "monitoring.no-retraining",
    severity: Severity::Warning,
    summary: "monitoring reaches training: a retraining trigger",
    rationale: "When monitoring detects drift or decay, something must act on it. Strong designs \
                connect alerts (or a schedule) to retraining, closing the loop from production back to \
                the training pipeline.",
    bad: "logs: log \"Logs\"\ndata: dataset \"Training data\"\ntrain: job \"Training\"\nstage monitoring {\n  \
          dash: monitor \"Drift alerts\"\n}\nlogs -> data -> train\nlogs -> dash\n",
    good: "logs: log \"Logs\"\ndata: dataset \"Training data\"\ntrain: job \"Training\"\nstage monitoring {\n  \
           dash: monitor \"Drift alerts\"\n}\nlogs -> data -> train\nlogs -> dash -> train: \"retrain\"\n",
    check: no_retraining,
};

fn no_retraining(f: &Facts) -> Vec<Diagnostic> {
    let nodes = monitoring(f);
    if nodes.is_empty() {
        return Vec::new();
    }
    let reached = f.reach(nodes.iter().copied(), |_, _| true, Outgoing);
    let trains = |n: NodeIndex| {
        f.training(n) || f.kind(n) == Kind::Dataset || f.model.step_of(n) == Some(Step::Training)
    };
    if f.nodes().any(|n| reached[n.index()] && trains(n)) {
        return Vec::new();
    }
    vec![
        NO_RETRAINING
            .finding(
                "monitoring never triggers retraining",
                monitoring_span(f, &nodes),
            )
            .with_help("draw `alerts -> retrain -> dataset` (a retraining trigger or schedule)"),
    ]
}

pub(super) const NO_ML_MONITORING: Rule = Rule {
    id: "monitoring.no-ml-metrics",
    severity: Severity::Info,
    summary: "monitoring covers ML metrics (drift, data quality, model quality), not only operations",
    rationale: "Latency and error dashboards catch outages; they do not catch a model whose inputs \
                drifted or whose accuracy decayed. Strong answers name ML monitoring next to \
                operational monitoring.",
    bad: "logs: log \"Logs\"\nstage monitoring {\n  dash: monitor \"Latency dashboards\"\n}\nlogs -> dash\n",
    good: "logs: log \"Logs\"\nstage monitoring {\n  dash: monitor \"Latency dashboards\"\n  \
           drift: monitor \"Drift detection\"\n}\nlogs -> dash, drift\n",
    check: no_ml_monitoring,
};

fn no_ml_monitoring(f: &Facts) -> Vec<Diagnostic> {
    let nodes = monitoring(f);
    if nodes.is_empty() || f.nodes().any(|n| f.mentions(n, Concept::Drift)) {
        return Vec::new();
    }
    vec![
        NO_ML_MONITORING
            .finding("monitoring watches no ML metrics", monitoring_span(f, &nodes))
            .with_help("add e.g. `drift: monitor \"Drift detection\" aka \"ML monitoring\"` on features and predictions"),
    ]
}
