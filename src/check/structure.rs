//! Structure and framing: the design has the framework's parts, every
//! component is connected and fed, and the ML task is stated.

use super::{Facts, Rule};
use crate::diag::{Diagnostic, Severity};
use crate::vocab::{Kind, Step};
use petgraph::Direction::{Incoming, Outgoing};

pub(super) const MISSING_STAGE: Rule = Rule {
    id: "structure.missing-stage",
    severity: Severity::Warning,
    summary: "the design has data, training and serving stages",
    rationale: "Every ML system design answer walks the framework: where the data comes from, how a model \
                is trained on it, and how predictions are served. A diagram without one of these stages \
                leaves a whole part of the answer unsaid.",
    bad: "stage serving {\n  api: service \"Prediction API\"\n}\n",
    good: "stage data {\n  logs: log \"Interaction logs\"\n}\nstage training {\n  train: job \"Training job\"\n}\n\
           stage serving {\n  api: service \"Prediction API\"\n}\nlogs -> train -> api\n",
    check: missing_stage,
};

fn missing_stage(f: &Facts) -> Vec<Diagnostic> {
    [
        (
            Step::Data,
            "where the data comes from: sources, logs, storage",
        ),
        (
            Step::Training,
            "how the model is trained: dataset, training job, registry",
        ),
        (
            Step::Serving,
            "how predictions reach users: services, models, indexes",
        ),
    ]
    .into_iter()
    .filter(|(step, _)| !f.has_step(*step))
    .map(|(step, what)| {
        MISSING_STAGE
            .finding(
                format!("the design has no {} stage", step.as_str()),
                f.anchor,
            )
            .with_help(format!(
                "add `stage {} {{ … }}` showing {what}",
                step.as_str()
            ))
    })
    .collect()
}

pub(super) const ORPHAN: Rule = Rule {
    id: "structure.orphan",
    severity: Severity::Warning,
    summary: "every component takes part in a flow",
    rationale: "A component with no flows does nothing in the design. Either the flow that uses it is \
                missing, or it does not belong in the diagram.",
    bad: "user: client \"User\"\napi: service \"API\"\ncache: cache \"Result cache\"\nuser -> api\n",
    good: "user: client \"User\"\napi: service \"API\"\ncache: cache \"Result cache\"\nuser -> api -> cache\n",
    check: orphan,
};

fn orphan(f: &Facts) -> Vec<Diagnostic> {
    f.nodes()
        .filter(|&n| f.degree(n, Incoming) + f.degree(n, Outgoing) == 0)
        .map(|n| {
            ORPHAN
                .finding(format!("`{}` has no flows", f.id(n)), f.span(n))
                .with_help(format!("connect it (`a -> {}`), or remove it", f.id(n)))
        })
        .collect()
}

pub(super) const UNREACHABLE: Rule = Rule {
    id: "structure.unreachable",
    severity: Severity::Warning,
    summary: "every component is reachable from a client or a data source",
    rationale: "Everything in an ML system is driven by requests or by data. A component that no path \
                from a client, source, human or stored data reaches has no input in the design, so it \
                cannot be doing what its label says.",
    bad: "user: client \"User\"\napi: service \"API\"\nfeatures: job \"Feature job\"\nfs: store \"Feature store\" [online]\n\
          user -> api\nfeatures -> fs -> api\n",
    good: "user: client \"User\"\napi: service \"API\"\nlogs: log \"Event logs\"\nfeatures: job \"Feature job\"\n\
           fs: store \"Feature store\" [online]\nuser -> api\nlogs -> features -> fs -> api\n",
    check: unreachable,
};

fn unreachable(f: &Facts) -> Vec<Diagnostic> {
    let roots = f.nodes().filter(|&n| {
        matches!(
            f.kind(n),
            Kind::Client | Kind::Source | Kind::External | Kind::Human
        ) || f.is_data(n) && f.degree(n, Incoming) == 0
    });
    let reached = f.reach(roots, |_, _| true, Outgoing);
    f.nodes()
        .filter(|&n| !reached[n.index()])
        .filter(|&n| f.degree(n, Incoming) + f.degree(n, Outgoing) > 0)
        // A model with no input is framing.model-io's finding.
        .filter(|&n| !(f.kind(n) == Kind::Model && f.degree(n, Incoming) == 0))
        .map(|n| {
            UNREACHABLE
                .finding(
                    format!(
                        "`{}` is not reachable from any client or data source",
                        f.id(n)
                    ),
                    f.span(n),
                )
                .with_help(format!(
                    "draw the flow that feeds it, e.g. `logs -> {}`",
                    f.id(n)
                ))
        })
        .collect()
}

pub(super) const DEAD_END: Rule = Rule {
    id: "structure.dead-end",
    severity: Severity::Warning,
    summary: "jobs, streams, datasets and indexes pass their output on",
    rationale: "A job, stream, dataset or index exists to feed something. When its output flows nowhere, \
                the consumer is missing from the diagram (or the component is). Flows to undeclared \
                components are `ref.unknown-component` errors; this rule finds outputs that stop short.",
    bad: "logs: log \"Logs\"\netl: job \"Feature pipeline\"\nlogs -> etl\n",
    good: "logs: log \"Logs\"\netl: job \"Feature pipeline\"\nfs: store \"Feature store\"\nlogs -> etl -> fs\n",
    check: dead_end,
};

fn dead_end(f: &Facts) -> Vec<Diagnostic> {
    f.nodes()
        .filter(|&n| {
            matches!(
                f.kind(n),
                Kind::Job | Kind::Stream | Kind::Dataset | Kind::Index
            )
        })
        .filter(|&n| f.degree(n, Incoming) > 0 && f.degree(n, Outgoing) == 0)
        .map(|n| {
            DEAD_END
                .finding(
                    format!(
                        "the output of {} `{}` goes nowhere",
                        f.kind(n).as_str(),
                        f.id(n)
                    ),
                    f.span(n),
                )
                .with_help(format!(
                    "draw what reads it, e.g. `{} -> consumer`",
                    f.id(n)
                ))
        })
        .collect()
}

pub(super) const NO_TASK: Rule = Rule {
    id: "framing.no-task",
    severity: Severity::Warning,
    summary: "the design states its ML task",
    rationale: "Framing the business goal as an ML task (ranking, classification, detection…) decides \
                the model, the labels and the metrics. Interviewers expect it stated before any box is \
                drawn.",
    bad: "user: client \"User\"\napi: service \"API\"\nuser -> api\n",
    good: "task ranking \"order videos by P(watch)\"\nuser: client \"User\"\napi: service \"API\"\nuser -> api\n",
    check: no_task,
};

fn no_task(f: &Facts) -> Vec<Diagnostic> {
    if !f.model.tasks.is_empty() {
        return Vec::new();
    }
    vec![
        NO_TASK
            .finding("the design states no ML task", f.anchor)
            .with_help("add e.g. `task ranking \"order items by P(click)\"` near the top"),
    ]
}

pub(super) const NO_OBJECTIVE: Rule = Rule {
    id: "framing.no-objective",
    severity: Severity::Info,
    summary: "each task says what the model predicts",
    rationale: "`task ranking` names a task type; the objective (\"P(watch) for a (user, video) pair\") \
                says what the model's input and output are, which is what ties the ML task to the \
                business goal.",
    bad: "task ranking\nuser: client\n",
    good: "task ranking \"P(watch) for a (user, video) pair\"\nuser: client\n",
    check: no_objective,
};

fn no_objective(f: &Facts) -> Vec<Diagnostic> {
    f.model
        .tasks
        .iter()
        .filter(|t| t.objective.is_none())
        .map(|t| {
            NO_OBJECTIVE
                .finding(
                    format!("the {} task has no objective", t.kind.as_str()),
                    t.span,
                )
                .with_help(format!(
                    "say what is predicted for what: `task {} \"P(click) for (user, item)\"`",
                    t.kind.as_str()
                ))
        })
        .collect()
}

pub(super) const MODEL_IO: Rule = Rule {
    id: "framing.model-io",
    severity: Severity::Warning,
    summary: "every model has an input and an output",
    rationale: "A model is only defined by what goes in (features, a query, candidates) and what comes \
                out (scores, embeddings, a ranked list). A model with no incoming or no outgoing flow \
                leaves one of them unsaid.",
    bad: "user: client \"User\"\napi: service \"API\"\nranker: model \"Ranker\"\nuser -> api -> ranker\n",
    good: "user: client \"User\"\napi: service \"API\"\nranker: model \"Ranker\"\nuser -> api -> ranker -> api\n",
    check: model_io,
};

fn model_io(f: &Facts) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for n in f.nodes().filter(|&n| f.kind(n) == Kind::Model) {
        let (inputs, outputs) = (f.degree(n, Incoming), f.degree(n, Outgoing));
        if inputs + outputs == 0 {
            continue;
        }
        if inputs == 0 {
            out.push(
                MODEL_IO
                    .finding(format!("model `{}` has no input", f.id(n)), f.span(n))
                    .with_help("draw what it reads: features, a query, candidates"),
            );
        }
        if outputs == 0 {
            out.push(
                MODEL_IO
                    .finding(format!("model `{}` has no output", f.id(n)), f.span(n))
                    .with_help("draw where its predictions go: a service, a store, the user"),
            );
        }
    }
    out
}
