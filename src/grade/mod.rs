//! Grading: how close an answer design is to a reference answer, and what it
//! misses, the way a fair interviewer would say it.
//!
//! `Model` (answer) + `Reference` → `Grade`. Components are matched by an
//! optimal assignment over name/kind/step similarity refined by structure
//! ([`similarity`], [`matching`]); flows are scored through that mapping
//! ([`flows`]); framing and metrics are compared directly; [`report`] turns
//! it all into a 0–100 score with a breakdown and feedback.

pub mod flows;
pub mod matching;
pub mod normalise;
pub mod picture;
pub mod relevance;
pub mod report;
pub mod similarity;
pub mod thesaurus;

use crate::model::Model;
use crate::vocab::Kind;
pub use report::{Grade, Part, RuleFinding};
use similarity::Side;
use thesaurus::Thesaurus;

/// A reference answer prepared once for grading many answers.
#[derive(Debug)]
pub struct Reference {
    /// What reports call it (title, else file name).
    pub name: String,
    pub model: Model,
    side: Side,
    flows: Vec<(usize, usize, f64, bool)>,
    words: similarity::WordCache,
    /// Rules that fire on the reference (only `GAP_RULES` matter).
    broken: Vec<String>,
    stems: std::collections::BTreeSet<String>,
}

impl Reference {
    pub fn new(name: impl Into<String>, model: Model) -> Reference {
        let side = Side::new(&model, Thesaurus::builtin());
        let flows = flows::reference_flows(&model, &side);
        let broken = rule_findings(&model).into_iter().map(|f| f.code).collect();
        let stems = relevance::stems(&model, &side);
        Reference {
            name: name.into(),
            model,
            side,
            flows,
            words: similarity::WordCache::default(),
            broken,
            stems,
        }
    }
}

/// Grades an answer against one reference.
pub fn grade(answer: &Model, reference: &Reference) -> Grade {
    grade_with(answer, reference, rule_findings(answer))
}

/// The framework requirements a design is graded on beyond its parts: a
/// monitoring stage, a retraining trigger from monitoring to training, a
/// training path for every model, online features on the request path, and
/// logs fed back into training. When the reference keeps one and the answer
/// breaks it, the score is scaled (`GAP_FACTOR`). Only these five: they are
/// paths through the design, which no single part scores; the other rules
/// mostly restate a missing component, which its part already scores.
pub const GAP_RULES: [&str; 5] = [
    "monitoring.missing",
    "monitoring.no-retraining",
    "training.no-path",
    "serving.no-online-features",
    "operations.no-feedback-loop",
];

fn grade_with(answer: &Model, reference: &Reference, findings: Vec<RuleFinding>) -> Grade {
    let thesaurus = Thesaurus::builtin();
    let side = Side::new(answer, thesaurus);
    let names = similarity::name_matrix(&side, &reference.side, &reference.words);
    let first = similarity::combined_matrix(&side, &reference.side, &names);
    let provisional = matching::assign(&first);
    let refined = similarity::refine(&side, &reference.side, &first, &provisional);
    let by_reference = matching::assign(&refined);
    // One box standing for two (or two for one) must be the same sort of box
    // and say so in its name.
    let kinds_fit = |i: usize, j: usize| {
        similarity::kind_similarity(side.profiles[i].kind, reference.side.profiles[j].kind) >= 0.5
    };
    let r = &reference.side;
    // Answer `i`, wired to `primary`, stands between it and the match of one
    // of reference `j`'s neighbours on that neighbour's flow with `j`: it
    // does part of `j`'s job ("Embedding job" → "Index builder" for one
    // "Indexing pipeline" fed by the image store).
    let carries = |i: usize, j: usize, primary: usize| {
        let matched = |n: usize| by_reference[n].filter(|&a| a != i && a != primary);
        let upstream = r.inc[j].iter().filter_map(|&n| matched(n)).any(|a| {
            side.has_flow(a, i) && side.has_flow(i, primary) && !side.has_flow(a, primary)
        });
        let downstream = r.out[j].iter().filter_map(|&n| matched(n)).any(|a| {
            side.has_flow(primary, i) && side.has_flow(i, a) && !side.has_flow(primary, a)
        });
        upstream || downstream
    };
    let mut mapping = matching::map(
        &refined,
        &by_reference,
        matching::Fit {
            merge: |i, j| kinds_fit(i, j) && names.get(i, j) >= matching::SPLIT_MERGE_NAME_FLOOR,
            split: |i, j, primary| {
                if !kinds_fit(i, j) {
                    return None;
                }
                let adjacent = side.has_flow(i, primary) || side.has_flow(primary, i);
                let floor = if adjacent {
                    matching::SPLIT_ADJACENT_NAME_FLOOR
                } else {
                    matching::SPLIT_MERGE_NAME_FLOOR
                };
                let by_name = (names.get(i, j) >= floor).then_some(matching::SPLIT_MERGE_THRESHOLD);
                let by_place = (adjacent
                    && names.get(i, j) >= matching::SPLIT_CARRIER_NAME_FLOOR
                    && carries(i, j, primary)
                    && relevance::familiar(&side.profiles[i], &reference.stems)
                        >= matching::SPLIT_CARRIER_FAMILIAR)
                    .then_some(matching::MATCH_THRESHOLD);
                by_place.or(by_name)
            },
        },
    );
    matching::merge_models_into_services(
        &mut mapping,
        &refined,
        &r.inc,
        |j| r.profiles[j].kind == Kind::Model,
        |i| side.profiles[i].kind == Kind::Service,
    );
    matching::place_by_structure(
        &mut mapping,
        (&side.inc, &side.out),
        (&r.inc, &r.out),
        |i, j| similarity::kind_similarity(side.profiles[i].kind, r.profiles[j].kind) >= 0.5,
    );
    let flows = flows::check(&reference.flows, &mapping, &side);
    // One finding per broken rule, the first by message.
    let mut gaps: Vec<RuleFinding> = findings
        .iter()
        .filter(|f| GAP_RULES.contains(&f.code.as_str()) && !reference.broken.contains(&f.code))
        .cloned()
        .collect();
    gaps.dedup_by(|a, b| a.code == b.code);
    let scaling = report::Scaling {
        gaps,
        relevance: relevance::relevance(&relevance::stems(answer, &side), &reference.stems),
    };
    report::build(answer, &side, reference, &mapping, &flows, &names, &scaling)
        .with_findings(findings)
}

/// Grades an answer against several variants of a reference and keeps the
/// best (the first on a tie). `None` when there are no references.
pub fn grade_best(answer: &Model, references: &[Reference]) -> Option<Grade> {
    let findings = rule_findings(answer);
    let mut best: Option<Grade> = None;
    for r in references {
        let g = grade_with(answer, r, findings.clone());
        if best.as_ref().is_none_or(|b| g.score > b.score) {
            best = Some(g);
        }
    }
    best
}

/// The framework rules' findings on an answer (`mlsd::check`, with the
/// answer's own `allow|warn|deny` lines), for the report. They explain
/// weaknesses but do not change the score, which already counts what is missing.
/// Sorted by code and message rather than position, so the order a file is
/// written in does not change a grade.
pub fn rule_findings(answer: &Model) -> Vec<RuleFinding> {
    let mut findings: Vec<RuleFinding> = crate::check::run(answer, &[])
        .into_iter()
        .map(|d| RuleFinding {
            code: d.code,
            severity: d.severity.as_str().to_string(),
            message: d.message,
        })
        .collect();
    findings.sort_by(|a, b| (&a.code, &a.message).cmp(&(&b.code, &b.message)));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(src: &str) -> Model {
        let doc = crate::analyze_str("t.mlsd", src);
        assert!(!doc.has_errors(), "{:#?}", doc.diagnostics);
        doc.model
    }

    const REF: &str = "task ranking \"rank items\"\nmetrics offline \"mAP\"\nmetrics online \"CTR\"\nu: client \"User\"\nstage data {\n  logs: log \"Interaction logs\"\n}\nstage features {\n  fs: store \"Feature store\" aka feast\n}\nstage serving {\n  ann: index \"ANN index\" aka \"vector index\"\n  ranker: model \"Ranking model\" [weight 2]\n  drift: monitor \"Drift detection\" [optional]\n}\nu -> ann -> ranker -> u\nfs -> ranker\nranker -> logs\nlogs -> fs\n";

    #[test]
    fn the_first_deduction_keeps_the_ends_and_the_order() {
        use report::{FIRST_DEDUCTION, FIRST_DEDUCTION_FADE, calibrated};
        assert_eq!(calibrated(100.0), 100.0);
        assert_eq!(calibrated(0.0), 0.0);
        // Increasing, at least as steeply as the fade allows, and never
        // above the coverage.
        let floor = 1.0 - FIRST_DEDUCTION / FIRST_DEDUCTION_FADE;
        let mut last = calibrated(0.0);
        for i in 1..=10_000 {
            let c = i as f64 / 100.0;
            let s = calibrated(c);
            assert!(s > last, "{c}: {s} after {last}");
            assert!(
                (s - last) >= floor * 0.01 - 1e-9,
                "{c}: slope {}",
                (s - last) / 0.01
            );
            assert!(s <= c);
            last = s;
        }
        assert_eq!(
            calibrated(100.0 - FIRST_DEDUCTION_FADE),
            100.0 - FIRST_DEDUCTION_FADE
        );
        // Four points lost: the deduction has all but phased in.
        let lost = 4.0;
        let deduction = (100.0 - lost) - calibrated(100.0 - lost);
        assert!(deduction > 0.95 * FIRST_DEDUCTION * (1.0 - lost / FIRST_DEDUCTION_FADE));
    }

    #[test]
    fn reference_against_itself_scores_100() {
        let r = Reference::new("r", model(REF));
        let g = grade(&model(REF), &r);
        assert_eq!(g.score, 100.0, "{g:#?}");
        assert!(g.feedback.is_empty(), "{:?}", g.feedback);
    }

    #[test]
    fn synonyms_chains_and_missing_parts_are_explained() {
        let r = Reference::new("r", model(REF));
        let answer = "task ranking\nmetrics online \"click-through rate\"\nu: client \"User\"\nvdb: store \"Vector DB\"\nrk: model \"Ranker\"\ncache: cache \"Cache\"\nfs: store \"FS\"\nu -> vdb -> rk -> u\nfs -> cache -> rk\n";
        let g = grade(&model(answer), &r);
        assert!(g.score > 30.0 && g.score < 90.0, "{}", g.score);
        let text = g.feedback.join("\n");
        assert!(text.contains("'Vector DB' matched 'ANN index'"), "{text}");
        assert!(
            text.contains("'Feature store → Ranking model' found only via 'Cache'"),
            "{text}"
        );
        assert!(
            text.contains("missing component 'Interaction logs'"),
            "{text}"
        );
        assert!(
            !text.contains("Drift detection"),
            "optional parts are not asked for: {text}"
        );
        assert!(
            text.contains("name 1 offline metric(s) fitting the task; the reference uses 'mAP'"),
            "{text}"
        );
    }

    #[test]
    fn metrics_worded_differently_earn_partial_credit() {
        let reference = "task detection\nmetrics offline \"mAP\", \"recall at fixed precision\"\n\
                         u: client\napi: service\nu -> api\n";
        let r = Reference::new("r", model(reference));
        let credits = |metrics: &str| -> Vec<f64> {
            let answer = format!(
                "task detection\nmetrics offline {metrics}\nu: client\napi: service\nu -> api\n"
            );
            grade(&model(&answer), &r)
                .metrics
                .iter()
                .map(|m| m.credit)
                .collect()
        };
        assert_eq!(credits("\"mean average precision\""), [1.0, 0.0]);
        // One word, not "m" and "ap"; the number is a parameter.
        assert_eq!(credits("\"mAP@0.5\""), [1.0, 0.0]);
        let near = credits("\"recall at fixed threshold\"");
        assert!(near[0] == 0.0 && near[1] > 0.5 && near[1] < 1.0, "{near:?}");
        assert_eq!(credits("\"recall at 99% precision\"")[1], 1.0);
        assert_eq!(credits("\"latency\""), [0.0, 0.0]);
    }

    #[test]
    fn product_names_in_camel_case_are_one_word() {
        let reference =
            "u: client\nlake: store \"Data warehouse\" aka bigquery, dynamodb\nu -> lake\n";
        let r = Reference::new("r", model(reference));
        for label in ["BigQuery", "DynamoDB"] {
            let answer = format!("u: client\nw: store \"{label}\"\nu -> w\n");
            let g = grade(&model(&answer), &r);
            assert_eq!(g.score, 100.0, "{label}: {:?}", g.feedback);
        }
    }

    const LOOP_REF: &str = "u: client \"User\"\nstage serving {\n  api: service \"Recommendation service\"\n  cg: model \"Candidate generation\"\n  ranker: model \"Ranking model\"\n}\nstage data {\n  logs: log \"Interaction logs\"\n}\nstage training {\n  train: job \"Model training\"\n}\nu -> api -> cg -> ranker\napi -> logs -> train -> ranker\n";

    #[test]
    fn a_service_stands_for_one_model_it_calls() {
        let r = Reference::new("r", model(LOOP_REF));
        let answer = "u: client \"User\"\nstage serving {\n  svc: service \"Recommendation service\"\n}\nstage data {\n  logs: log \"Interaction logs\"\n}\nstage training {\n  train: job \"Model training\"\n}\nu -> svc -> logs -> train\n";
        let g = grade(&model(answer), &r);
        let merged: Vec<&str> = g
            .components
            .iter()
            .filter(|c| c.how == report::How::Merged)
            .map(|c| c.reference.label.as_str())
            .collect();
        // Only the model the service calls directly, and only one.
        assert_eq!(merged, ["Candidate generation"], "{:#?}", g.components);
        let text = g.feedback.join("\n");
        assert!(
            text.contains("'Recommendation service' stands for 'Candidate generation' too"),
            "{text}"
        );
        assert!(text.contains("missing component 'Ranking model'"), "{text}");
    }

    #[test]
    fn framework_rules_the_reference_keeps_scale_the_score() {
        let r = Reference::new("r", model(LOOP_REF));
        let with = grade(&model(LOOP_REF), &r);
        assert!(with.gaps.is_empty(), "{:?}", with.gaps);
        assert_eq!(with.gap_factor, 1.0);
        // Same parts, but the logs no longer reach training.
        let cut = LOOP_REF.replace(
            "api -> logs -> train -> ranker",
            "api -> logs\ntrain -> ranker",
        );
        let without = grade(&model(&cut), &r);
        let codes: Vec<&str> = without.gaps.iter().map(|g| g.code.as_str()).collect();
        assert!(codes.contains(&"operations.no-feedback-loop"), "{codes:?}");
        assert!(
            codes
                .iter()
                .all(|c| !c.starts_with("structure.") && !c.starts_with("framing.")),
            "{codes:?}"
        );
        let factor = report::GAP_FACTOR.powi(codes.len() as i32);
        assert!((without.gap_factor - factor).abs() < 1e-4);
        assert!(
            without.feedback.iter().any(|f| f.ends_with(
                "(operations.no-feedback-loop): the reference keeps this framework rule"
            )),
            "{:?}",
            without.feedback
        );
        assert!(
            without.coverage <= with.coverage * factor,
            "{} vs {}",
            without.coverage,
            with.coverage
        );
        // A rule the reference breaks too is no gap.
        let open = Reference::new("open", model(&cut));
        assert!(grade(&model(&cut), &open).gaps.is_empty());
    }

    const SEARCH_REF: &str = "u: client \"User\"\nstage serving {\n  api: service \"Search service\"\n  ann: index \"ANN index\"\n  inverted: index \"Inverted index\"\n  fusion: service \"Score fusion\"\n  rerank: service \"Re-ranking\"\n}\nu -> api -> ann, inverted\nann, inverted -> fusion -> rerank -> api -> u\n";

    fn entry<'g>(g: &'g Grade, reference_id: &str) -> &'g report::ComponentResult {
        g.components
            .iter()
            .find(|c| c.reference.id == reference_id)
            .unwrap()
    }

    fn how(g: &Grade, reference_id: &str) -> report::How {
        entry(g, reference_id).how
    }

    #[test]
    fn a_box_named_for_two_jobs_is_a_merge() {
        let r = Reference::new("r", model(SEARCH_REF));
        let answer = "u: client \"User\"\nstage serving {\n  api: service \"Search service\"\n  ann: index \"ANN index\"\n  inverted: index \"Inverted index\"\n  br: service \"Blend + re-rank\"\n}\nu -> api -> ann, inverted\nann, inverted -> br -> api -> u\n";
        let g = grade(&model(answer), &r);
        let hows = [how(&g, "fusion"), how(&g, "rerank")];
        assert!(
            hows.contains(&report::How::Merged) && !hows.contains(&report::How::Missing),
            "{hows:?}"
        );
        assert!(g.extras.is_empty());
        assert!(g.score < 100.0);
    }

    #[test]
    fn a_weak_match_beside_a_stronger_one_is_its_other_half() {
        let r = Reference::new("r", model(SEARCH_REF));
        // The search service drawn as gateway + orchestrator, fusion and
        // re-ranking as one box. The assignment alone would pair the
        // orchestrator with the leftover "Score fusion".
        let answer = "u: client \"User\"\nstage serving {\n  gw: service \"Search API gateway\"\n  \
                      orch: service \"Search orchestrator\"\n  ann: index \"ANN index\"\n  \
                      inverted: index \"Inverted index\"\n  br: service \"Blend + re-rank\"\n}\n\
                      u -> gw -> orch -> ann, inverted\nann, inverted -> br -> gw -> u\n";
        let g = grade(&model(answer), &r);
        let api = g
            .components
            .iter()
            .find(|c| c.reference.id == "api")
            .unwrap();
        assert_eq!(api.how, report::How::Split, "{:#?}", g.components);
        let parts: Vec<&str> = api.answer.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(parts, ["gw", "orch"]);
        assert_eq!(how(&g, "fusion"), report::How::Merged);
        assert!(g.extras.is_empty(), "{:?}", g.extras);
    }

    const INDEXING_REF: &str = "stage data {\n  videos: store \"Video store\"\n}\n\
        stage indexing as serving {\n  indexer: job \"Video indexing pipeline\"\n  \
        ann: index \"Video embedding index\" aka \"ANN index\"\n}\n\
        stage serving {\n  api: service \"Search service\"\n}\nu: client \"User\"\n\
        videos -> indexer -> ann\nu -> api -> ann\napi -> u\n";

    #[test]
    fn a_box_taking_over_a_components_flow_is_a_part_of_it() {
        let r = Reference::new("r", model(INDEXING_REF));
        // The indexing pipeline as two jobs: "Index writer" shares little of
        // its name, but stands between the encoder and the index on the
        // pipeline's own flow, in the design's words.
        let answer = INDEXING_REF
            .replace(
                "indexer: job \"Video indexing pipeline\"",
                "encode: job \"Video embedding job\"\n  writer: job \"Index writer: upsert embeddings into the ANN index\"",
            )
            .replace("videos -> indexer -> ann", "videos -> encode -> writer -> ann");
        let g = grade(&model(&answer), &r);
        let c = entry(&g, "indexer");
        assert_eq!(c.how, report::How::Split, "{:#?}", g.components);
        let mut parts: Vec<&str> = c.answer.iter().map(|n| n.id.as_str()).collect();
        parts.sort();
        assert_eq!(parts, ["encode", "writer"]);
        // Words the reference never uses make it an extra in the way.
        let foreign = answer.replace(
            "Index writer: upsert embeddings into the ANN index",
            "Kubernetes sidecar proxy",
        );
        let g = grade(&model(&foreign), &r);
        assert_ne!(
            how(&g, "indexer"),
            report::How::Split,
            "{:#?}",
            g.components
        );
        assert_eq!(g.extras.len(), 1, "{:?}", g.extras);
        // And so does sitting off the component's flows.
        let aside = answer.replace(
            "videos -> encode -> writer -> ann",
            "videos -> encode -> ann\nencode -> writer",
        );
        let g = grade(&model(&aside), &r);
        assert_eq!(g.extras.len(), 1, "{:#?}", g.components);
    }

    #[test]
    fn a_qualifier_saying_offline_keeps_a_box_from_the_online_store() {
        let reference = "u: client\nstage features {\n  off: store \"Offline feature store\" aka \"feature store\"\n  \
                         on: store \"Online feature store\" aka \"feature store\"\n}\n\
                         stage serving {\n  api: service \"Ranking service\"\n}\nu -> api\noff -> api\non -> api\n";
        let r = Reference::new("r", model(reference));
        let answer = "u: client\nstage features {\n  fs: store \"Feature store (offline)\"\n}\n\
                      stage serving {\n  api: service \"Ranking service\"\n}\nu -> api\nfs -> api\n";
        let g = grade(&model(answer), &r);
        assert_eq!(how(&g, "off"), report::How::Synonym, "{:#?}", g.components);
        assert_eq!(how(&g, "on"), report::How::Missing, "{:#?}", g.components);
    }

    #[test]
    fn a_renamed_box_in_the_same_place_stands_in_for_partial_credit() {
        let r = Reference::new("r", model(SEARCH_REF));
        // "Mixer" shares no name with "Score fusion", but sits where it is.
        let answer = SEARCH_REF
            .replace("\"Score fusion\"", "\"Mixer\"")
            .replace("fusion", "mixer");
        let g = grade(&model(&answer), &r);
        let c = entry(&g, "fusion");
        assert_eq!(c.how, report::How::Placed, "{c:?}");
        assert_eq!(c.credit, report::PLACED_CREDIT, "all 3 neighbours found");
        assert!(g.extras.is_empty(), "{:?}", g.extras);
        assert!(
            g.feedback
                .iter()
                .any(|f| f.starts_with("'Mixer' sits where 'Score fusion' is")),
            "{:?}",
            g.feedback
        );
        // Connected elsewhere, it stays an extra.
        let elsewhere = "u: client \"User\"\nstage serving {\n  api: service \"Search service\"\n  ann: index \"ANN index\"\n  inverted: index \"Inverted index\"\n  mixer: service \"Mixer\"\n  rerank: service \"Re-ranking\"\n}\nu -> api -> ann, inverted\nann, inverted -> rerank -> api -> u\nu -> mixer\n";
        let g = grade(&model(elsewhere), &r);
        assert_eq!(how(&g, "fusion"), report::How::Missing);
        assert_eq!(g.extras.len(), 1);
    }

    #[test]
    fn clients_match_whatever_they_are_called() {
        let r = Reference::new("r", model(SEARCH_REF));
        let answer = SEARCH_REF.replace("\"User\"", "\"Pinner (iOS)\"");
        let g = grade(&model(&answer), &r);
        assert_ne!(how(&g, "u"), report::How::Missing);
        assert!(g.extras.is_empty());
    }

    #[test]
    fn best_variant_wins() {
        let a = model(REF);
        let weak = Reference::new("weak", model("x: job \"Something else\"\n"));
        let strong = Reference::new("strong", model(REF));
        let g = grade_best(&a, &[weak, strong]).unwrap();
        assert_eq!(g.reference, "strong");
        assert!(grade_best(&a, &[]).is_none());
    }

    #[test]
    fn rule_findings_come_from_the_checker() {
        let shallow = model("u: client \"User\"\nm: model \"Ranker\"\nu -> m -> u\n");
        let findings = rule_findings(&shallow);
        assert!(!findings.is_empty());
        assert!(
            findings
                .iter()
                .all(|f| crate::check::rule(&f.code).is_some()),
            "{findings:?}"
        );
    }

    #[test]
    fn findings_pass_through() {
        let r = Reference::new("r", model(REF));
        let g = grade(&model(REF), &r).with_findings(vec![RuleFinding {
            code: "serving.no-registry".into(),
            severity: "warning".into(),
            message: "serving models come from no registry".into(),
        }]);
        assert_eq!(g.findings.len(), 1);
        assert!(report::render_text(&g, "a.mlsd").contains("serving.no-registry"));
    }
}
