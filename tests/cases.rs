//! The reference library: every case is complete, every reference is a
//! sound design by the framework's own measure, the embedded copies match
//! diagrams/, and `mlsd cases` serves them.

use mlsd::cases::{self, Case, Reference};
use mlsd::diag::Severity;
use mlsd::model::Model;
use mlsd::vocab::{Kind, Phase, Step};
use petgraph::algo::{has_path_connecting, kosaraju_scc};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn mlsd(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mlsd"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run mlsd")
}

fn references() -> impl Iterator<Item = (&'static Case, &'static Reference)> {
    cases::all()
        .iter()
        .flat_map(|c| c.references.iter().map(move |r| (c, r)))
}

fn model_of(r: &Reference) -> Model {
    let doc = mlsd::analyze_str(r.path, r.source);
    let errors: Vec<_> = doc.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{}: {errors:#?}", r.path);
    doc.model
}

#[test]
fn embedded_library_matches_the_diagrams_directory() {
    let mut on_disk = BTreeSet::new();
    for entry in std::fs::read_dir(root().join("diagrams")).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let id = dir.file_name().unwrap().to_str().unwrap().to_string();
        let case = cases::get(&id)
            .unwrap_or_else(|| panic!("diagrams/{id} is not in the library list in src/cases.rs"));
        assert_eq!(
            case.prompt,
            std::fs::read_to_string(dir.join("prompt.md")).unwrap(),
            "{id}: embedded prompt is stale"
        );
        let mut files = BTreeSet::new();
        for file in std::fs::read_dir(&dir).unwrap() {
            let name = file.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".mlsd") {
                files.insert(format!("diagrams/{id}/{name}"));
            }
        }
        let listed: BTreeSet<_> = case.references.iter().map(|r| r.path.to_string()).collect();
        assert_eq!(listed, files, "{id}: reference files differ from the list");
        for r in case.references {
            assert_eq!(
                r.source,
                std::fs::read_to_string(root().join(r.path)).unwrap(),
                "{}: embedded copy is stale",
                r.path
            );
        }
        on_disk.insert(id);
    }
    let listed: BTreeSet<_> = cases::all().iter().map(|c| c.id.to_string()).collect();
    assert_eq!(listed, on_disk);
}

#[test]
fn every_prompt_states_the_clarified_requirements() {
    for case in cases::all() {
        let p = case.prompt;
        assert!(p.starts_with("# "), "{}: prompt needs a # title", case.id);
        for topic in [
            "**Users and scale:**",
            "**Goal:**",
            "**Latency:**",
            "**Data available:**",
        ] {
            assert!(p.contains(topic), "{}: prompt lacks {topic}", case.id);
        }
        assert!(case.goal().is_some(), "{}", case.id);
    }
}

#[test]
fn every_reference_parses_lowers_and_is_formatted() {
    for (_, r) in references() {
        let doc = mlsd::analyze_str(r.path, r.source);
        let errors: Vec<_> = doc.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", r.path);
        let formatted = mlsd::formatter::format(&doc.syntax).expect("formats");
        assert_eq!(formatted, r.source, "{}: run mlsd fmt", r.path);
    }
}

/// The framework rules find no error, and a warning is left only where a
/// comment in the file names its rule and says why.
#[test]
fn every_reference_passes_the_framework_rules() {
    for (_, r) in references() {
        let m = model_of(r);
        for d in mlsd::check::run(&m, &[]) {
            assert!(!d.is_error(), "{}: {} {}", r.path, d.code, d.message);
            if d.severity == Severity::Warning {
                let explained = r
                    .source
                    .lines()
                    .any(|l| l.trim_start().starts_with('#') && l.contains(d.code.as_str()));
                assert!(
                    explained,
                    "{}: warning {} ({}) is not explained in a comment",
                    r.path, d.code, d.message
                );
            }
        }
    }
}

#[test]
fn every_reference_frames_and_measures_the_problem() {
    for (_, r) in references() {
        let m = model_of(r);
        assert!(m.title.is_some(), "{}: no title", r.path);
        assert!(!m.tasks.is_empty(), "{}: no task", r.path);
        for phase in [Phase::Offline, Phase::Online] {
            assert!(
                m.metrics.iter().any(|x| x.phase == phase),
                "{}: no {} metrics",
                r.path,
                phase.as_str()
            );
        }
    }
}

#[test]
fn every_reference_covers_the_framework() {
    for (_, r) in references() {
        let m = model_of(r);
        let n = m.graph.node_count();
        assert!((12..=30).contains(&n), "{}: {n} components", r.path);
        assert!(m.stages.len() >= 5, "{}: {} stages", r.path, m.stages.len());
        let steps: BTreeSet<_> = m.stages.iter().filter_map(|s| s.step).collect();
        for step in [
            Step::Data,
            Step::Training,
            Step::Evaluation,
            Step::Serving,
            Step::Monitoring,
        ] {
            assert!(steps.contains(&step), "{}: no {step:?} stage", r.path);
        }
        let has = |k: Kind| m.graph.node_weights().any(|c| c.kind == k);
        for kind in [Kind::Registry, Kind::Experiment, Kind::Monitor, Kind::Log] {
            assert!(has(kind), "{}: no {} component", r.path, kind.as_str());
        }
    }
}

/// The loop that keeps a model fresh: what serving does is logged, becomes
/// training data, and the retrained model comes back to serving. In the
/// graph, a serving component and a training component share a cycle.
fn closes_feedback_loop(m: &Model) -> bool {
    let in_step = |n, step| m.step_of(n) == Some(step);
    kosaraju_scc(&m.graph).iter().any(|scc| {
        scc.iter().any(|&n| in_step(n, Step::Serving))
            && scc.iter().any(|&n| in_step(n, Step::Training))
    })
}

/// Some monitor has a path to a training component (a retraining trigger).
fn monitoring_reaches_training(m: &Model) -> bool {
    let monitors: Vec<_> = m
        .graph
        .node_indices()
        .filter(|&n| m.graph[n].kind == Kind::Monitor)
        .collect();
    m.graph
        .node_indices()
        .filter(|&n| m.step_of(n) == Some(Step::Training))
        .any(|t| {
            monitors
                .iter()
                .any(|&a| has_path_connecting(&m.graph, a, t, None))
        })
}

#[test]
fn every_reference_closes_the_feedback_loop() {
    for (_, r) in references() {
        assert!(
            closes_feedback_loop(&model_of(r)),
            "{}: no cycle through serving and training",
            r.path
        );
    }
}

#[test]
fn every_reference_connects_monitoring_to_training() {
    for (_, r) in references() {
        assert!(
            monitoring_reaches_training(&model_of(r)),
            "{}: monitoring never reaches training",
            r.path
        );
    }
}

#[test]
fn loop_checks_reject_an_open_pipeline() {
    let open = "stage data {\n  logs: log\n}\nstage training {\n  train: job\n}\nstage serving {\n  api: service\n}\nstage monitoring {\n  dash: monitor\n}\nlogs -> train -> api -> dash\n";
    let m = mlsd::analyze_str("open.mlsd", open).model;
    assert!(!closes_feedback_loop(&m));
    assert!(!monitoring_reaches_training(&m));
    let closed = open.replace("api -> dash", "api -> dash -> logs");
    let m = mlsd::analyze_str("closed.mlsd", &closed).model;
    assert!(closes_feedback_loop(&m));
    assert!(monitoring_reaches_training(&m));
}

#[test]
fn the_binary_checks_every_reference_clean() {
    let paths: Vec<_> = references().map(|(_, r)| r.path).collect();
    let mut args = vec!["check"];
    args.extend(&paths);
    let out = mlsd(&args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains(", 0 errors,"), "{stdout}");
    let mut args = vec!["fmt", "--check"];
    args.extend(&paths);
    assert!(mlsd(&args).status.success());
}

#[test]
fn cases_lists_every_case_with_its_goal() {
    let out = mlsd(&["cases"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    for case in cases::all() {
        let line = stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(case.id))
            .unwrap_or_else(|| panic!("{} not listed:\n{stdout}", case.id));
        assert!(line.contains(case.title()), "{line}");
        assert!(line.contains(&case.goal().unwrap()), "{line}");
    }
    assert!(stdout.contains("(variants: batch)"), "{stdout}");
}

#[test]
fn cases_show_prints_prompt_and_answers() {
    let prompt = std::fs::read_to_string(root().join("diagrams/news-feed/prompt.md")).unwrap();
    let out = mlsd(&["cases", "show", "news-feed"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), prompt);

    let answer = mlsd(&["cases", "show", "news-feed", "--answer"]);
    assert!(answer.status.success());
    assert_eq!(
        String::from_utf8(answer.stdout).unwrap(),
        std::fs::read_to_string(root().join("diagrams/news-feed/reference.mlsd")).unwrap()
    );

    let batch = mlsd(&[
        "cases",
        "show",
        "similar-listings",
        "--answer",
        "--variant",
        "batch",
    ]);
    assert!(batch.status.success());
    assert_eq!(
        String::from_utf8(batch.stdout).unwrap(),
        std::fs::read_to_string(root().join("diagrams/similar-listings/reference-batch.mlsd"))
            .unwrap()
    );
}

#[test]
fn cases_show_rejects_unknown_ids_and_variants() {
    let out = mlsd(&["cases", "show", "news-fed"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no case `news-fed`"), "{stderr}");
    assert!(stderr.contains("did you mean `news-feed`?"), "{stderr}");
    assert!(out.stdout.is_empty());

    let out = mlsd(&["cases", "show", "news-feed", "--answer", "--variant", "x"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no variant `x`"), "{stderr}");
    assert!(stderr.contains("`main`"), "{stderr}");

    // --variant only makes sense with --answer.
    let out = mlsd(&["cases", "show", "news-feed", "--variant", "main"]);
    assert_eq!(out.status.code(), Some(2));
}
