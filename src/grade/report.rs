//! The grade: score, breakdown by framework part, the full mapping, and
//! feedback in the reference's words. Also its text, JSON and CSV forms.

use super::Reference;
use super::flows::{FlowCheck, Found};
use super::matching::{Cover, MATCH_THRESHOLD, Mapping};
use super::similarity::{Matrix, Name, NameRole, Side, name_similarity};
use super::thesaurus::Thesaurus;
use crate::model::{Metric, Model};
use crate::vocab::{Kind, Phase, Step, TaskKind};
use serde::Serialize;
use std::fmt::Write as _;

/// Parts of the framework the score is broken down by, with their weights
/// (points out of 100). Parts the reference says nothing about are dropped
/// and the rest scaled up to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Framing,
    Metrics,
    Data,
    Features,
    Training,
    Evaluation,
    Serving,
    Monitoring,
    Connections,
}

impl Part {
    pub const ALL: [Part; 9] = [
        Part::Framing,
        Part::Metrics,
        Part::Data,
        Part::Features,
        Part::Training,
        Part::Evaluation,
        Part::Serving,
        Part::Monitoring,
        Part::Connections,
    ];

    /// Points of the parts not made of components; component parts share
    /// `COMPONENT_POINTS` by what the reference puts in them.
    pub fn fixed_weight(self) -> Option<f64> {
        match self {
            Part::Framing => Some(5.0),
            Part::Metrics => Some(10.0),
            Part::Connections => Some(20.0),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Part::Framing => "framing",
            Part::Metrics => "metrics",
            Part::Data => "data",
            Part::Features => "features",
            Part::Training => "training",
            Part::Evaluation => "evaluation",
            Part::Serving => "serving",
            Part::Monitoring => "monitoring",
            Part::Connections => "connections",
        }
    }

    /// The part a reference component counts towards: its stage's step, else its kind.
    fn of(step: Option<Step>, kind: Kind) -> Part {
        match step {
            Some(Step::Data) => Part::Data,
            Some(Step::Features) => Part::Features,
            Some(Step::Training) => Part::Training,
            Some(Step::Evaluation) => Part::Evaluation,
            Some(Step::Monitoring) => Part::Monitoring,
            Some(Step::Serving | Step::Requirements | Step::Framing) => Part::Serving,
            None => match kind {
                Kind::Source | Kind::Store | Kind::Log | Kind::Stream | Kind::Dataset => Part::Data,
                Kind::Human => Part::Data,
                Kind::Job | Kind::Registry => Part::Training,
                Kind::Experiment => Part::Evaluation,
                Kind::Monitor => Part::Monitoring,
                Kind::Client
                | Kind::Model
                | Kind::Service
                | Kind::Index
                | Kind::Cache
                | Kind::External => Part::Serving,
            },
        }
    }
}

/// Extra components beyond this many cost `EXTRAS_EACH` points each, up to
/// `EXTRAS_MAX_PENALTY`: a few boxes the reference leaves out (auth, a load
/// balancer) are normal, a design padded with unrelated systems is not.
pub const EXTRAS_FREE: usize = 3;
pub const EXTRAS_EACH: f64 = 2.0;
pub const EXTRAS_MAX_PENALTY: f64 = 12.0;
/// A match this similar earns full credit; weaker matches earn 0.5–1.
pub const FULL_CREDIT: f64 = 0.8;
/// A merged component (one answer box doing its job and another's) earns
/// this share of its credit, and the component the box matched the rest:
/// one box earns one component's credit.
pub const MERGED_SHARE: f64 = 0.25;
/// A component drawn as several boxes earns this share: its job is there,
/// but split where the reference keeps it whole.
pub const SPLIT_SHARE: f64 = 0.5;
/// Points the component parts share (the rest: framing, metrics, connections).
pub const COMPONENT_POINTS: f64 = 70.0;
/// Monitoring is worth at least this, however few boxes the reference gives it.
pub const MONITORING_MIN_POINTS: f64 = 5.0;
/// A component's importance is its `weight` to this power: the weight-2
/// boxes a case hinges on (the ANN index of a search case) cost more than
/// two plain boxes when missing.
pub const IMPORTANCE_EXPONENT: f64 = 1.5;

/// An answer component standing in by structure alone (`Cover::Placed`)
/// earns this times the share of the reference component's flows found
/// around it: the design is right there, the name does not say so.
pub const PLACED_CREDIT: f64 = 0.75;
/// Metric named under the other phase (offline vs online).
pub const WRONG_PHASE_CREDIT: f64 = 0.75;
/// Matching metrics per phase that cover the phase fully (or all the reference names, if fewer).
pub const METRICS_PER_PHASE: usize = 2;
/// Each framework requirement (`grade::GAP_RULES`) the reference keeps and
/// the answer breaks multiplies the score by this: such a gap costs more
/// than the boxes and flows it lacks. A factor, not a credit, so a design
/// for another case gains nothing from keeping rules of its own.
pub const GAP_FACTOR: f64 = 0.95;
/// Leaving anything out costs up to this many points beyond the coverage it
/// loses. Coverage is linear in the reference's parts, so on a reference of
/// 25 boxes a design without its feedback loop keeps about 85 of 100 and a
/// complete one with two jobs in one box about 96; an interviewer marks both
/// lower (the rubric in tests/grading, and raters who scored 130 of its
/// answers blind, in docs/grading.md).
pub const FIRST_DEDUCTION: f64 = 8.0;
/// The first deduction phases in over about this much coverage lost, so
/// differences at the level of one reversed flow cost a point or two, not 8.
pub const FIRST_DEDUCTION_ONSET: f64 = 1.0;
/// ...and phases out linearly as coverage falls to 100 minus this: a design
/// missing half the reference is scored by its coverage alone.
pub const FIRST_DEDUCTION_FADE: f64 = 50.0;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartScore {
    pub part: Part,
    /// Points this part is worth in this grade (weights rescaled to 100).
    pub weight: f64,
    /// 0–1.
    pub score: f64,
    pub points: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum How {
    /// Same name.
    Exact,
    /// Matched fully under another name (synonym, alias, typo).
    Synonym,
    /// Matched, but weakly: partial credit.
    Partial,
    /// Several answer components together stand for it.
    Split,
    /// One answer component stands for it and another reference component.
    Merged,
    /// Another name in the same place (its neighbours match): partial credit.
    Placed,
    Missing,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComponentResult {
    pub reference: Named,
    pub part: Part,
    pub answer: Vec<Named>,
    pub how: How,
    pub similarity: f64,
    pub credit: f64,
    pub weight: f64,
    pub optional: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FlowHow {
    Direct,
    Reversed,
    Chain,
    Collapsed,
    Missing,
}

#[derive(Debug, Clone, Serialize)]
pub struct FlowResult {
    pub from: Named,
    pub to: Named,
    pub how: FlowHow,
    /// Answer components the flow passes through, for `chain`.
    pub via: Vec<Named>,
    pub credit: f64,
    pub weight: f64,
    pub optional: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricResult {
    pub phase: Phase,
    pub reference: String,
    pub answer: Option<String>,
    pub credit: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskResult {
    pub reference: TaskKind,
    pub answer: Option<TaskKind>,
    pub credit: f64,
}

/// A finding of the rule checker on the answer (see `grade::rule_findings`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleFinding {
    pub code: String,
    pub severity: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Grade {
    /// The reference (variant) graded against.
    pub reference: String,
    /// 0–100, one decimal: `coverage` less the first deduction (`calibrated`).
    pub score: f64,
    /// 0–100, one decimal: the parts' points, scaled by framework gaps and
    /// relevance, less the extras penalty.
    pub coverage: f64,
    pub parts: Vec<PartScore>,
    pub extras_penalty: f64,
    pub components: Vec<ComponentResult>,
    pub extras: Vec<Named>,
    pub flows: Vec<FlowResult>,
    /// Framework rules the reference keeps and the answer breaks, one
    /// finding per rule; each multiplies the score by `GAP_FACTOR`.
    pub gaps: Vec<RuleFinding>,
    pub gap_factor: f64,
    /// Whether the answer is about the reference's problem; `None` when it
    /// has too few case-specific words to tell.
    pub relevance: Option<super::relevance::Relevance>,
    pub tasks: Vec<TaskResult>,
    pub metrics: Vec<MetricResult>,
    pub findings: Vec<RuleFinding>,
    pub feedback: Vec<String>,
}

impl Grade {
    pub fn with_findings(mut self, findings: Vec<RuleFinding>) -> Grade {
        self.findings = findings;
        self
    }
}

/// The score for a coverage: less the first deduction (`FIRST_DEDUCTION`),
/// which phases in over the first points lost and out toward the bottom.
/// Increasing (slope at least 1 - FIRST_DEDUCTION / FIRST_DEDUCTION_FADE),
/// so it never reorders answers; 100 and 0 stay where they are.
pub fn calibrated(coverage: f64) -> f64 {
    let lost = (100.0 - coverage).clamp(0.0, 100.0);
    let onset = 1.0 - (-lost / FIRST_DEDUCTION_ONSET).exp();
    let fade = (1.0 - lost / FIRST_DEDUCTION_FADE).max(0.0);
    (coverage - FIRST_DEDUCTION * onset * fade).clamp(0.0, 100.0)
}

fn importance(weight: f64) -> f64 {
    weight.powf(IMPORTANCE_EXPONENT)
}

fn credit_for(similarity: f64) -> f64 {
    if similarity >= FULL_CREDIT {
        1.0
    } else {
        0.5 + 0.5 * ((similarity - MATCH_THRESHOLD) / (FULL_CREDIT - MATCH_THRESHOLD)).max(0.0)
    }
}

fn named(side: &Side, i: usize) -> Named {
    Named {
        id: side.profiles[i].id.clone(),
        label: side.profiles[i].label.clone(),
    }
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// Weighted mean; optional items only count when present.
#[derive(Default, Clone, Copy)]
struct Tally {
    earned: f64,
    possible: f64,
}

impl Tally {
    fn add(&mut self, credit: f64, weight: f64, optional: bool) {
        if optional && credit <= 0.0 {
            return;
        }
        self.earned += credit * weight;
        self.possible += weight;
    }
}

/// What scales the score beyond its parts.
pub struct Scaling {
    /// Framework rules the reference keeps and the answer breaks.
    pub gaps: Vec<RuleFinding>,
    pub relevance: Option<super::relevance::Relevance>,
}

pub(super) fn build(
    answer: &Model,
    answer_side: &Side,
    reference: &Reference,
    mapping: &Mapping,
    flows: &[FlowCheck],
    names: &Matrix,
    scaling: &Scaling,
) -> Grade {
    let ref_side = &reference.side;
    let gaps = &scaling.gaps;
    let mut feedback = Vec::new();
    let mut tallies = [Tally::default(); 9];
    let slot = |p: Part| Part::ALL.iter().position(|q| *q == p).expect("part listed");

    // Components. A box standing for two earns one component's credit, split
    // between them: the rest of it goes to the component it matched.
    let doubled = mapping.merged_answers();
    let shared = |answer: &usize| {
        if doubled.contains(answer) {
            1.0 - MERGED_SHARE
        } else {
            1.0
        }
    };
    let mut components = Vec::new();
    for (j, cover) in mapping.covers.iter().enumerate() {
        let r = &ref_side.profiles[j];
        let part = Part::of(r.step, r.kind);
        let (how, similarity, credit) = match cover {
            Cover::Matched { answer, similarity } => {
                let c = credit_for(*similarity);
                let how = if c < 1.0 {
                    How::Partial
                } else if names.get(*answer, j) >= 1.0 {
                    How::Exact
                } else {
                    How::Synonym
                };
                // The merge's own feedback line says why the credit is shared.
                (how, *similarity, c * shared(answer))
            }
            Cover::Split {
                answer, similarity, ..
            } => (
                How::Split,
                *similarity,
                SPLIT_SHARE * credit_for(*similarity) * shared(answer),
            ),
            Cover::Merged { similarity, .. } => (
                How::Merged,
                *similarity,
                MERGED_SHARE * credit_for(*similarity),
            ),
            Cover::Placed { support, .. } => (How::Placed, *support, PLACED_CREDIT * support),
            Cover::Missing => (How::Missing, 0.0, 0.0),
        };
        tallies[slot(part)].add(credit, importance(r.weight), r.optional);
        let answers: Vec<Named> = cover
            .answers()
            .iter()
            .map(|&i| named(answer_side, i))
            .collect();
        let quoted = |v: &[Named]| {
            v.iter()
                .map(|n| format!("'{}'", n.label))
                .collect::<Vec<_>>()
                .join(" and ")
        };
        match how {
            How::Exact => {}
            How::Synonym => feedback.push(format!("'{}' matched '{}'", answers[0].label, r.label)),
            How::Partial => feedback.push(format!(
                "'{}' partly matched '{}' (partial credit)",
                answers[0].label, r.label
            )),
            How::Split => feedback.push(format!(
                "{} together stand for '{}'",
                quoted(&answers),
                r.label
            )),
            How::Merged => feedback.push(format!(
                "'{}' stands for '{}' too (merged: partial credit)",
                answers[0].label, r.label
            )),
            How::Placed => feedback.push(format!(
                "'{}' sits where '{}' is, connected the same way (partial credit: name it)",
                answers[0].label, r.label
            )),
            How::Missing if !r.optional => feedback.push(format!(
                "missing component '{}' ({})",
                r.label,
                part.as_str()
            )),
            How::Missing => {}
        }
        components.push(ComponentResult {
            reference: named(ref_side, j),
            part,
            answer: answers,
            how,
            similarity: round(similarity, 3),
            credit: round(credit, 3),
            weight: r.weight,
            optional: r.optional,
        });
    }

    // Flows.
    let mut flow_results = Vec::new();
    for f in flows {
        let credit = f.credit();
        tallies[slot(Part::Connections)].add(credit, f.weight, f.optional);
        let (from, to) = (named(ref_side, f.from), named(ref_side, f.to));
        let arrow = format!("'{} → {}'", from.label, to.label);
        let (how, via) = match &f.found {
            Found::Direct => (FlowHow::Direct, Vec::new()),
            Found::Reversed => {
                feedback.push(format!(
                    "{arrow} is drawn the other way round (partial credit)"
                ));
                (FlowHow::Reversed, Vec::new())
            }
            Found::Chain(via) => {
                let via: Vec<Named> = via.iter().map(|&i| named(answer_side, i)).collect();
                feedback.push(format!(
                    "{arrow} found only via {}",
                    via.iter()
                        .map(|n| format!("'{}'", n.label))
                        .collect::<Vec<_>>()
                        .join(" → ")
                ));
                (FlowHow::Chain, via)
            }
            Found::Collapsed => (FlowHow::Collapsed, Vec::new()),
            Found::Missing => {
                if !f.optional {
                    feedback.push(format!("missing flow {arrow}"));
                }
                (FlowHow::Missing, Vec::new())
            }
        };
        flow_results.push(FlowResult {
            from,
            to,
            how,
            via,
            credit: round(credit, 3),
            weight: f.weight,
            optional: f.optional,
        });
    }

    for g in gaps {
        feedback.push(format!(
            "{} ({}): the reference keeps this framework rule",
            g.message, g.code
        ));
    }

    // Framing and metrics.
    let tasks = grade_tasks(answer, &reference.model, &mut feedback);
    for t in &tasks {
        tallies[slot(Part::Framing)].add(t.credit, 1.0, false);
    }
    let metrics = grade_metrics(&answer.metrics, &reference.model.metrics, &mut feedback);
    for phase in [Phase::Offline, Phase::Online] {
        let of_phase: Vec<&MetricResult> = metrics.iter().filter(|m| m.phase == phase).collect();
        if of_phase.is_empty() {
            continue;
        }
        let need = of_phase.len().min(METRICS_PER_PHASE) as f64;
        let earned = of_phase.iter().map(|m| m.credit).sum::<f64>();
        let credit = (earned / need).min(1.0);
        if credit < 1.0 {
            let missing: Vec<String> = of_phase
                .iter()
                .filter(|m| m.credit < 1.0)
                .map(|m| format!("'{}'", m.reference))
                .collect();
            feedback.push(format!(
                "name {} {} metric(s) fitting the task; the reference uses {}",
                (need - earned).ceil().max(1.0),
                phase.as_str(),
                missing.join(", ")
            ));
        }
        tallies[slot(Part::Metrics)].add(credit, 1.0, false);
    }

    // Extras.
    let extras: Vec<Named> = mapping
        .extras
        .iter()
        .map(|&i| named(answer_side, i))
        .collect();
    for e in &extras {
        feedback.push(format!(
            "extra component '{}': the reference does without it",
            e.label
        ));
    }
    let extras_penalty =
        (extras.len().saturating_sub(EXTRAS_FREE) as f64 * EXTRAS_EACH).min(EXTRAS_MAX_PENALTY);

    // Component parts share their points by the importance of the required
    // components in them, so a box costs the same whichever part it is in.
    let mut importance_in = [0.0f64; 9];
    for r in ref_side.profiles.iter().filter(|r| !r.optional) {
        importance_in[slot(Part::of(r.step, r.kind))] += importance(r.weight);
    }
    let all_components: f64 = importance_in.iter().sum();
    let base = |k: usize| match Part::ALL[k].fixed_weight() {
        Some(w) => w,
        None => {
            let w = COMPONENT_POINTS * importance_in[k] / all_components;
            // Monitoring is a step the framework asks of every design,
            // however few boxes the reference gives it.
            if Part::ALL[k] == Part::Monitoring {
                w.max(MONITORING_MIN_POINTS)
            } else {
                w
            }
        }
    };
    let total_weight: f64 = (0..9)
        .filter(|&k| tallies[k].possible > 0.0)
        .map(base)
        .sum();
    let parts: Vec<PartScore> = (0..9)
        .filter(|&k| tallies[k].possible > 0.0)
        .map(|k| {
            let (part, t) = (Part::ALL[k], &tallies[k]);
            let weight = 100.0 * base(k) / total_weight;
            let score = t.earned / t.possible;
            PartScore {
                part,
                weight: round(weight, 2),
                score: round(score, 3),
                points: round(weight * score, 2),
            }
        })
        .collect();
    let raw: f64 = (0..9)
        .filter(|&k| tallies[k].possible > 0.0)
        .map(|k| 100.0 * base(k) / total_weight * tallies[k].earned / tallies[k].possible)
        .sum();
    let gap_factor = round(GAP_FACTOR.powi(gaps.len() as i32), 4);
    let relevance_factor = scaling.relevance.as_ref().map_or(1.0, |r| r.factor);
    if let Some(r) = scaling.relevance.as_ref().filter(|r| r.factor < 1.0) {
        feedback.push(format!(
            "this reads like another problem: few of its case-specific words ({}) are the reference's",
            r.foreign
                .iter()
                .take(6)
                .map(|w| format!("'{w}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let coverage = (raw * gap_factor * relevance_factor - extras_penalty).clamp(0.0, 100.0);
    Grade {
        reference: reference.name.clone(),
        score: round(calibrated(coverage), 1),
        coverage: round(coverage, 1),
        parts,
        extras_penalty,
        components,
        extras,
        flows: flow_results,
        gaps: gaps.to_vec(),
        gap_factor,
        relevance: scaling.relevance.clone(),
        tasks,
        metrics,
        findings: Vec::new(),
        feedback,
    }
}

fn related_tasks(a: TaskKind, b: TaskKind) -> bool {
    use TaskKind::*;
    const RELATED: &[(TaskKind, TaskKind)] = &[
        (Ranking, Retrieval),
        (Ranking, Classification),
        (Classification, Detection),
        (Classification, Regression),
        (Detection, Segmentation),
        (LinkPrediction, Ranking),
        (LinkPrediction, Classification),
        (Retrieval, Clustering),
    ];
    RELATED.contains(&(a, b)) || RELATED.contains(&(b, a))
}

fn grade_tasks(answer: &Model, reference: &Model, feedback: &mut Vec<String>) -> Vec<TaskResult> {
    reference
        .tasks
        .iter()
        .map(|rt| {
            let best = answer
                .tasks
                .iter()
                .map(|at| {
                    let mut c: f64 = if at.kind == rt.kind {
                        1.0
                    } else if related_tasks(at.kind, rt.kind) {
                        0.5
                    } else {
                        0.0
                    };
                    if rt.objective.is_some() && at.objective.is_none() {
                        c *= 0.8;
                    }
                    (c, at.kind)
                })
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            let (credit, kind) = match best {
                Some((c, k)) => (c, Some(k)),
                None => (0.0, None),
            };
            match kind {
                None => feedback.push(format!(
                    "no task stated: the reference frames this as {}",
                    rt.kind.as_str()
                )),
                Some(k) if k != rt.kind => feedback.push(format!(
                    "framed as {} where the reference frames it as {}",
                    k.as_str(),
                    rt.kind.as_str()
                )),
                Some(_) if credit < 1.0 => feedback
                    .push("state the objective of the task (what is predicted, for whom)".into()),
                Some(_) => {}
            }
            TaskResult {
                reference: rt.kind,
                answer: kind,
                credit: round(credit, 3),
            }
        })
        .collect()
}

fn grade_metrics(
    answer: &[Metric],
    reference: &[Metric],
    feedback: &mut Vec<String>,
) -> Vec<MetricResult> {
    let thesaurus = Thesaurus::builtin();
    let prepared: Vec<(Phase, &str, Name)> = answer
        .iter()
        .map(|m| {
            (
                m.phase,
                m.name.as_str(),
                Name::new(&m.name, NameRole::Label, thesaurus),
            )
        })
        .collect();
    reference
        .iter()
        .map(|rm| {
            let rn = Name::new(&rm.name, NameRole::Label, thesaurus);
            // Metrics are short phrases people word freely ("recall at 99%
            // precision" for "recall at fixed precision"): near names earn
            // partial credit, as components do.
            let best = prepared
                .iter()
                .filter_map(|(phase, name, n)| {
                    let similarity = name_similarity(n, &rn);
                    if similarity < MATCH_THRESHOLD {
                        return None;
                    }
                    let c = credit_for(similarity)
                        * if *phase == rm.phase {
                            1.0
                        } else {
                            WRONG_PHASE_CREDIT
                        };
                    Some((c, *name))
                })
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)));
            if best.is_some_and(|(c, _)| c < 1.0) {
                feedback.push(format!(
                    "'{}' is an {} metric in the reference",
                    rm.name,
                    rm.phase.as_str()
                ));
            }
            MetricResult {
                phase: rm.phase,
                reference: rm.name.clone(),
                answer: best.map(|(_, n)| n.to_string()),
                credit: best.map_or(0.0, |(c, _)| c),
            }
        })
        .collect()
}

/// For people: the score, the breakdown, then the feedback.
pub fn render_text(g: &Grade, answer_name: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{answer_name}: {:.1}/100 against {}",
        g.score, g.reference
    );
    let parts: Vec<String> = g
        .parts
        .iter()
        .map(|p| format!("{} {:.1}/{:.1}", p.part.as_str(), p.points, p.weight))
        .collect();
    let _ = writeln!(out, "  {}", parts.join(" · "));
    if g.coverage != g.score {
        let _ = writeln!(
            out,
            "  coverage {:.1}, less {:.1}: the first deduction for anything missing or partial",
            g.coverage,
            g.coverage - g.score
        );
    }
    if !g.gaps.is_empty() {
        let _ = writeln!(
            out,
            "  framework gaps: ×{} ({} rule(s) the reference keeps)",
            g.gap_factor,
            g.gaps.len()
        );
    }
    if let Some(r) = g.relevance.as_ref().filter(|r| r.factor < 1.0) {
        let _ = writeln!(out, "  another problem: ×{}", r.factor);
    }
    if g.extras_penalty > 0.0 {
        let _ = writeln!(out, "  extras: -{}", g.extras_penalty);
    }
    for f in &g.feedback {
        let _ = writeln!(out, "  - {f}");
    }
    for f in &g.findings {
        let _ = writeln!(out, "  rule {} ({}): {}", f.code, f.severity, f.message);
    }
    out
}

/// CSV header matching `csv_row`.
pub fn csv_header() -> String {
    let mut cols = vec!["answer".to_string(), "reference".into(), "score".into()];
    cols.extend(Part::ALL.iter().map(|p| p.as_str().to_string()));
    cols.extend([
        "missing_components".into(),
        "missing_flows".into(),
        "extras".into(),
    ]);
    cols.join(",")
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One row per answer; a part the reference does not cover is left empty.
pub fn csv_row(g: &Grade, answer_name: &str) -> String {
    let mut cols = vec![
        csv_field(answer_name),
        csv_field(&g.reference),
        format!("{:.1}", g.score),
    ];
    for p in Part::ALL {
        cols.push(
            g.parts
                .iter()
                .find(|s| s.part == p)
                .map(|s| format!("{:.3}", s.score))
                .unwrap_or_default(),
        );
    }
    let missing = g
        .components
        .iter()
        .filter(|c| c.how == How::Missing && !c.optional)
        .count();
    let missing_flows = g
        .flows
        .iter()
        .filter(|f| f.how == FlowHow::Missing && !f.optional)
        .count();
    cols.extend([
        missing.to_string(),
        missing_flows.to_string(),
        g.extras.len().to_string(),
    ]);
    cols.join(",")
}
