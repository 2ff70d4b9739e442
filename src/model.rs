//! Syntax tree → semantic model: components, stages and flows in a petgraph
//! graph, plus the framing (tasks, metrics) and lint settings. The checker,
//! layout, renderer and grader all read this model, never the syntax tree.
//!
//! Lowering reports every problem it finds (unknown names, duplicates, empty
//! stages…) and still returns the best model it can, so later stages can run
//! on files with errors if they choose to.

use crate::diag::{Diagnostic, Span, suggest};
use crate::syntax::{self, Attr, Item, Line, Value};
use crate::vocab::{Direction, Kind, Phase, Step, TaskKind};
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Model {
    pub title: Option<String>,
    pub direction: Direction,
    pub tasks: Vec<Task>,
    pub metrics: Vec<Metric>,
    pub stages: Vec<Stage>,
    /// Nodes are components in declaration order; edges are flows.
    pub graph: DiGraph<Component, Flow>,
    pub lints: Vec<LintSetting>,
    ids: HashMap<String, NodeIndex>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    pub kind: TaskKind,
    pub objective: Option<String>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    pub phase: Phase,
    pub name: String,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    pub id: String,
    pub label: String,
    /// None when the name maps to no step and no `as STEP` was given.
    pub step: Option<Step>,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub components: Vec<NodeIndex>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Component {
    pub id: String,
    pub kind: Kind,
    pub label: String,
    pub aliases: Vec<String>,
    pub attrs: Attrs,
    /// Index into `Model::stages`.
    pub stage: Option<usize>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flow {
    pub label: Option<String>,
    pub attrs: Attrs,
    #[serde(skip)]
    pub span: Span,
}

/// Attributes from `[...]` lists. Known ones are fields; others are kept as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attrs {
    pub online: bool,
    pub offline: bool,
    pub batch: bool,
    pub optional: bool,
    /// Grading weight; 1 unless `weight N` is given.
    pub weight: f64,
    pub note: Option<String>,
}

impl Default for Attrs {
    fn default() -> Attrs {
        Attrs {
            online: false,
            offline: false,
            batch: false,
            optional: false,
            weight: 1.0,
            note: None,
        }
    }
}

const KNOWN_ATTRIBUTES: &[&str] = &["online", "offline", "batch", "optional", "weight", "note"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LintLevel {
    Allow,
    Warn,
    Deny,
}

/// An `allow|warn|deny PATTERN` line; the checker applies it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LintSetting {
    pub level: LintLevel,
    pub pattern: String,
    #[serde(skip)]
    pub span: Span,
}

impl Model {
    fn empty() -> Model {
        Model {
            title: None,
            direction: Direction::Down,
            tasks: Vec::new(),
            metrics: Vec::new(),
            stages: Vec::new(),
            graph: DiGraph::new(),
            lints: Vec::new(),
            ids: HashMap::new(),
        }
    }

    /// The node of a component id.
    pub fn find(&self, id: &str) -> Option<NodeIndex> {
        self.ids.get(id).copied()
    }

    pub fn component(&self, n: NodeIndex) -> &Component {
        &self.graph[n]
    }

    /// The framework step of a component's stage, if it has one.
    pub fn step_of(&self, n: NodeIndex) -> Option<Step> {
        self.graph[n].stage.and_then(|s| self.stages[s].step)
    }

    /// A plain, span-free view of the model for JSON export and comparisons.
    pub fn to_json(&self) -> serde_json::Value {
        #[derive(Serialize)]
        struct FlowView<'a> {
            from: &'a str,
            to: &'a str,
            #[serde(flatten)]
            flow: &'a Flow,
        }
        #[derive(Serialize)]
        struct ComponentView<'a> {
            #[serde(flatten)]
            component: &'a Component,
            #[serde(rename = "stage")]
            stage_id: Option<&'a str>,
        }
        let components: Vec<_> = self
            .graph
            .node_weights()
            .map(|c| ComponentView {
                component: c,
                stage_id: c.stage.map(|s| self.stages[s].id.as_str()),
            })
            .collect();
        let flows: Vec<_> = self
            .graph
            .edge_indices()
            .map(|e| {
                let (a, b) = self.graph.edge_endpoints(e).expect("edge exists");
                FlowView {
                    from: &self.graph[a].id,
                    to: &self.graph[b].id,
                    flow: &self.graph[e],
                }
            })
            .collect();
        serde_json::json!({
            "title": self.title,
            "direction": self.direction,
            "tasks": self.tasks,
            "metrics": self.metrics,
            "lints": self.lints,
            "stages": self.stages,
            "components": components,
            "flows": flows,
        })
    }
}

/// Lowers a syntax tree. Diagnostics cover names, kinds, steps and structure;
/// syntax errors were reported by the parser.
pub fn lower(file: &syntax::File) -> (Model, Vec<Diagnostic>) {
    let mut cx = Lowering {
        model: Model::empty(),
        diags: Vec::new(),
        seen_title: None,
        seen_direction: None,
    };
    // Components first, so edges may name components declared further down.
    cx.declare(&file.lines, None);
    cx.connect(&file.lines);
    (cx.model, cx.diags)
}

struct Lowering {
    model: Model,
    diags: Vec<Diagnostic>,
    seen_title: Option<Span>,
    seen_direction: Option<Span>,
}

impl Lowering {
    fn declare(&mut self, lines: &[Line], stage: Option<usize>) {
        for item in lines.iter().filter_map(|l| l.item.as_ref()) {
            match item {
                Item::Title(t) => {
                    if self.seen_title.is_some() {
                        self.duplicate_setting("title", t.span);
                    } else {
                        self.seen_title = Some(t.span);
                        self.model.title = Some(t.value.clone());
                    }
                }
                Item::Direction(d) => {
                    if self.seen_direction.is_some() {
                        self.duplicate_setting("direction", d.span);
                    } else {
                        self.seen_direction = Some(d.span);
                        match Direction::from_name(&d.text) {
                            Some(dir) => self.model.direction = dir,
                            None => {
                                self.unknown("direction", &d.text, d.span, Direction::names(), None)
                            }
                        }
                    }
                }
                Item::Task { kind, objective } => match TaskKind::from_name(&kind.text) {
                    Some(k) => self.model.tasks.push(Task {
                        kind: k,
                        objective: objective.as_ref().map(|o| o.value.clone()),
                        span: kind
                            .span
                            .to(objective.as_ref().map_or(kind.span, |o| o.span)),
                    }),
                    None => {
                        let syn = TaskKind::synonym(&kind.text).map(|k| k.as_str());
                        self.unknown("task type", &kind.text, kind.span, TaskKind::names(), syn)
                    }
                },
                Item::Metrics { phase, names } => match Phase::from_name(&phase.text) {
                    Some(p) => self.model.metrics.extend(names.iter().map(|n| Metric {
                        phase: p,
                        name: n.value.clone(),
                        span: n.span,
                    })),
                    None => self.unknown(
                        "metric phase",
                        &phase.text,
                        phase.span,
                        Phase::names(),
                        None,
                    ),
                },
                Item::Lint { level, pattern } => {
                    let level = match level.text.as_str() {
                        "allow" => LintLevel::Allow,
                        "warn" => LintLevel::Warn,
                        _ => LintLevel::Deny,
                    };
                    self.model.lints.push(LintSetting {
                        level,
                        pattern: pattern.text.clone(),
                        span: pattern.span,
                    });
                }
                Item::Component(c) => self.component(c, stage),
                Item::Stage(s) => self.stage(s),
                Item::Edge(_) | Item::Invalid(_) => {}
            }
        }
    }

    fn stage(&mut self, s: &syntax::StageDecl) {
        if self.model.stages.iter().any(|st| st.id == s.name.text) {
            self.diags.push(
                Diagnostic::error(
                    "decl.duplicate-stage",
                    format!("stage `{}` is declared twice", s.name.text),
                    s.name.span,
                )
                .with_label("second declaration")
                .with_help("merge the two stages, or rename one"),
            );
        }
        let step = match &s.step {
            Some(step) => match Step::synonym(&step.text) {
                Some(st) => Some(st),
                None => {
                    let near = suggest(&step.text, Step::synonym_words())
                        .and_then(Step::synonym)
                        .map(Step::as_str);
                    self.unknown("step", &step.text, step.span, Step::names(), near);
                    None
                }
            },
            None => {
                let st = Step::from_stage_name(&s.name.text);
                if st.is_none() {
                    self.diags.push(
                        Diagnostic::warning(
                            "stage.unknown-step",
                            format!("stage `{}` maps to no framework step", s.name.text),
                            s.name.span,
                        )
                        .with_help(
                            match suggest(&s.name.text, Step::synonym_words())
                                .and_then(Step::synonym)
                            {
                                Some(near) => format!(
                                    "did you mean `{0}`? If the name is right, add `as {0}`",
                                    near.as_str()
                                ),
                                None => format!(
                                    "add `as STEP` with one of: {}",
                                    Step::names().collect::<Vec<_>>().join(", ")
                                ),
                            },
                        ),
                    );
                }
                st
            }
        };
        let label = s
            .label
            .as_ref()
            .map(|l| l.value.clone())
            .unwrap_or_else(|| match (step, Step::from_name(&s.name.text)) {
                (Some(st), Some(_)) => st.title().to_string(),
                _ => s.name.text.clone(),
            });
        let index = self.model.stages.len();
        self.model.stages.push(Stage {
            id: s.name.text.clone(),
            label,
            step,
            span: s.name.span,
            components: Vec::new(),
        });
        self.declare(&s.lines, Some(index));
        if self.model.stages[index].components.is_empty() {
            self.diags.push(
                Diagnostic::error(
                    "stage.empty",
                    format!("stage `{}` has no components", s.name.text),
                    s.name.span,
                )
                .with_help(
                    "declare components inside it (`id: kind \"label\"`), or remove the stage",
                ),
            );
        }
    }

    fn component(&mut self, c: &syntax::ComponentDecl, stage: Option<usize>) {
        let kind = match Kind::from_name(&c.kind.text) {
            Some(k) => k,
            None => {
                let syn = Kind::synonym(&c.kind.text).map(|k| k.as_str());
                self.unknown("kind", &c.kind.text, c.kind.span, Kind::names(), syn);
                Kind::External
            }
        };
        if self.model.ids.contains_key(&c.id.text) {
            self.diags.push(
                Diagnostic::error(
                    "decl.duplicate-id",
                    format!("component `{}` is declared twice", c.id.text),
                    c.id.span,
                )
                .with_label("second declaration")
                .with_help("give each component its own id"),
            );
            return;
        }
        let component = Component {
            id: c.id.text.clone(),
            kind,
            label: c
                .label
                .as_ref()
                .map(|l| l.value.clone())
                .unwrap_or_else(|| c.id.text.clone()),
            aliases: c.aliases.iter().map(|a| a.value.clone()).collect(),
            attrs: self.attrs(&c.attrs),
            stage,
            span: c.span,
        };
        let node = self.model.graph.add_node(component);
        self.model.ids.insert(c.id.text.clone(), node);
        if let Some(s) = stage {
            self.model.stages[s].components.push(node);
        }
    }

    fn attrs(&mut self, attrs: &[Attr]) -> Attrs {
        let mut out = Attrs::default();
        for a in attrs {
            let flag = |cx: &mut Lowering, field: &mut bool| {
                if let Some(v) = &a.value {
                    cx.diags.push(
                        Diagnostic::error(
                            "attr.bad-value",
                            format!("`{}` takes no value", a.name.text),
                            v.span(),
                        )
                        .with_help(format!("write `[{}]`", a.name.text)),
                    );
                }
                *field = true;
            };
            match a.name.text.as_str() {
                "online" => flag(self, &mut out.online),
                "offline" => flag(self, &mut out.offline),
                "batch" => flag(self, &mut out.batch),
                "optional" => flag(self, &mut out.optional),
                "weight" => match &a.value {
                    Some(Value::Number(n))
                        if n.text.parse::<f64>().is_ok_and(|w| w > 0.0 && w <= 100.0) =>
                    {
                        out.weight = n.text.parse().expect("checked above")
                    }
                    _ => self.diags.push(
                        Diagnostic::error(
                            "attr.bad-value",
                            "`weight` needs a number above 0 and at most 100",
                            a.span,
                        )
                        .with_help("write e.g. `[weight 2]`"),
                    ),
                },
                "note" => match &a.value {
                    Some(Value::Text(t)) => out.note = Some(t.value.clone()),
                    _ => self.diags.push(
                        Diagnostic::error("attr.bad-value", "`note` needs a quoted string", a.span)
                            .with_help("write e.g. `[note \"refreshed hourly\"]`"),
                    ),
                },
                other => {
                    let mut d = Diagnostic::warning(
                        "attr.unknown",
                        format!("unknown attribute `{other}` is ignored"),
                        a.name.span,
                    );
                    d = match suggest(other, KNOWN_ATTRIBUTES.iter().copied()) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None => d.with_help(format!(
                            "known attributes: {}",
                            KNOWN_ATTRIBUTES.join(", ")
                        )),
                    };
                    self.diags.push(d);
                }
            }
        }
        if out.online && out.offline {
            if let Some(a) = attrs.iter().find(|a| a.name.text == "offline") {
                self.diags.push(
                    Diagnostic::error(
                        "attr.conflict",
                        "a component cannot be both `online` and `offline`",
                        a.name.span,
                    )
                    .with_help("split it into an online and an offline store"),
                );
            }
        }
        out
    }

    fn connect(&mut self, lines: &[Line]) {
        for item in lines.iter().filter_map(|l| l.item.as_ref()) {
            match item {
                Item::Edge(e) => self.edge(e),
                Item::Stage(s) => self.connect(&s.lines),
                _ => {}
            }
        }
    }

    fn edge(&mut self, e: &syntax::EdgeDecl) {
        let resolved: Vec<Vec<Option<NodeIndex>>> = e
            .hops
            .iter()
            .map(|group| group.iter().map(|n| self.resolve(n)).collect())
            .collect();
        let attrs = self.attrs(&e.attrs);
        let last = resolved.len().saturating_sub(2);
        for (i, pair) in resolved.windows(2).enumerate() {
            for &a in pair[0].iter().flatten() {
                for &b in pair[1].iter().flatten() {
                    if a == b {
                        self.diags.push(
                            Diagnostic::error(
                                "flow.self-loop",
                                format!("`{}` flows into itself", self.model.graph[a].id),
                                e.span,
                            )
                            .with_help("draw the loop through the component that closes it, e.g. `a -> retrain -> a`"),
                        );
                        continue;
                    }
                    if self.model.graph.find_edge(a, b).is_some() {
                        self.diags.push(
                            Diagnostic::warning(
                                "flow.duplicate",
                                format!(
                                    "`{} -> {}` is drawn twice",
                                    self.model.graph[a].id, self.model.graph[b].id
                                ),
                                e.span,
                            )
                            .with_help("remove one of the two edges"),
                        );
                        continue;
                    }
                    let label = if i == last {
                        e.label.as_ref().map(|l| l.value.clone())
                    } else {
                        None
                    };
                    self.model.graph.add_edge(
                        a,
                        b,
                        Flow {
                            label,
                            attrs: attrs.clone(),
                            span: e.span,
                        },
                    );
                }
            }
        }
    }

    fn resolve(&mut self, n: &syntax::Name) -> Option<NodeIndex> {
        if let Some(&node) = self.model.ids.get(&n.text) {
            return Some(node);
        }
        let mut ids: Vec<&str> = self.model.ids.keys().map(String::as_str).collect();
        ids.sort_unstable();
        let help = match suggest(&n.text, ids) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("declare it first: `{}: KIND \"label\"`", n.text),
        };
        self.diags.push(
            Diagnostic::error(
                "ref.unknown-component",
                format!("unknown component `{}`", n.text),
                n.span,
            )
            .with_label("not declared")
            .with_help(help),
        );
        None
    }

    fn unknown<'a>(
        &mut self,
        what: &str,
        word: &str,
        span: Span,
        names: impl Iterator<Item = &'a str>,
        synonym: Option<&'a str>,
    ) {
        let names: Vec<&str> = names.collect();
        let help = match synonym.or_else(|| suggest(word, names.iter().copied())) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("use one of: {}", names.join(", ")),
        };
        let code = format!("decl.unknown-{}", what.replace(' ', "-"));
        self.diags.push(
            Diagnostic::error(code, format!("unknown {what} `{word}`"), span)
                .with_label(format!("not a {what}"))
                .with_help(help),
        );
    }

    fn duplicate_setting(&mut self, what: &str, span: Span) {
        self.diags.push(
            Diagnostic::error(
                format!("decl.duplicate-{what}"),
                format!("`{what}` is set twice"),
                span,
            )
            .with_help(format!("keep one `{what}` line")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower_src(src: &str) -> (Model, Vec<Diagnostic>) {
        let (file, mut diags) = syntax::parse(src);
        let (model, more) = lower(&file);
        diags.extend(more);
        (model, diags)
    }

    #[test]
    fn builds_graph_with_fan_out_and_chain_labels() {
        let (m, d) = lower_src(
            "stage data {\n  a: source \"A\"\n  b: store \"B\" [online]\n}\nc: job\nd: model\na, b -> c -> d: \"x\"\n",
        );
        assert!(d.is_empty(), "{d:#?}");
        assert_eq!(m.graph.node_count(), 4);
        assert_eq!(m.graph.edge_count(), 3);
        let c = m.find("c").unwrap();
        let dn = m.find("d").unwrap();
        let e = m.graph.find_edge(c, dn).unwrap();
        assert_eq!(m.graph[e].label.as_deref(), Some("x"));
        let e = m.graph.find_edge(m.find("a").unwrap(), c).unwrap();
        assert_eq!(m.graph[e].label, None);
        assert_eq!(m.stages[0].step, Some(Step::Data));
        assert_eq!(m.stages[0].label, "Data");
        assert!(m.graph[m.find("b").unwrap()].attrs.online);
        assert_eq!(m.step_of(m.find("a").unwrap()), Some(Step::Data));
        assert_eq!(m.step_of(c), None);
    }

    #[test]
    fn reports_every_name_problem() {
        let (_, d) = lower_src(
            "a: stor \"A\"\na: job\nstage sevring {\n}\nstage x as modle {\n  ranker: model\n}\na -> rankr\ntask rank\n",
        );
        let codes: Vec<&str> = d.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "decl.unknown-kind",
                "decl.duplicate-id",
                "stage.unknown-step",
                "stage.empty",
                "decl.unknown-step",
                "decl.unknown-task-type",
                "ref.unknown-component"
            ]
        );
        assert_eq!(d[0].help.as_deref(), Some("did you mean `store`?"));
        assert_eq!(d[4].help.as_deref(), Some("did you mean `training`?"));
        assert_eq!(d[6].help.as_deref(), Some("did you mean `ranker`?"));
    }

    #[test]
    fn attribute_values_are_checked() {
        let (m, d) = lower_src(
            "a: store [weight 2.5, onlin, note \"n\"]\nb: store [weight x, online, offline]\n",
        );
        assert_eq!(m.graph[m.find("a").unwrap()].attrs.weight, 2.5);
        let codes: Vec<&str> = d.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["attr.unknown", "attr.bad-value", "attr.conflict"]);
        assert_eq!(d[0].help.as_deref(), Some("did you mean `online`?"));
    }
}
