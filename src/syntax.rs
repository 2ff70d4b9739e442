//! Text → syntax tree. Every node keeps its byte span; comments and blank
//! lines are kept too, so the formatter can reprint a file without losing
//! anything.
//!
//! Parsing never fails as a whole: a line that does not parse becomes
//! [`Item::Invalid`] plus a diagnostic, and parsing goes on with the next line.

use crate::diag::{Diagnostic, Span};
use pest::Parser as _;
use pest::iterators::Pair;
use pest_derive::Parser;

#[derive(Parser)]
#[grammar = "../grammar/mlsd.pest"]
struct Grammar;

/// An identifier as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// A string literal, unescaped.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

/// A `# ...` comment, including the `#`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct File {
    pub lines: Vec<Line>,
}

/// One source line: an item, a comment, both, or neither (a blank line).
/// For a stage, `comment` is the one after its closing `}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub item: Option<Item>,
    pub comment: Option<Comment>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Title(Text),
    Direction(Name),
    Task {
        kind: Name,
        objective: Option<Text>,
    },
    Metrics {
        phase: Name,
        names: Vec<Text>,
    },
    /// `allow|warn|deny RULE-PATTERN`
    Lint {
        level: Name,
        pattern: Name,
    },
    Component(ComponentDecl),
    Edge(EdgeDecl),
    Stage(StageDecl),
    /// A line that did not parse; its diagnostic was reported.
    Invalid(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ComponentDecl {
    pub id: Name,
    pub kind: Name,
    pub label: Option<Text>,
    pub aliases: Vec<Text>,
    pub attrs: Vec<Attr>,
    pub span: Span,
}

/// `a, b -> c -> d: "label" [attrs]`: `hops` holds each endpoint group.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeDecl {
    pub hops: Vec<Vec<Name>>,
    pub label: Option<Text>,
    pub attrs: Vec<Attr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StageDecl {
    pub name: Name,
    pub label: Option<Text>,
    pub step: Option<Name>,
    pub head_comment: Option<Comment>,
    pub lines: Vec<Line>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attr {
    pub name: Name,
    pub value: Option<Value>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Kept as written so formatting does not change `2.50` to `2.5`.
    Number(Name),
    Text(Text),
    Name(Name),
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Number(n) | Value::Name(n) => n.span,
            Value::Text(t) => t.span,
        }
    }
}

/// Bad lines explained per file; past this, a file is likely not .mlsd at
/// all and more messages would only bury the first ones.
pub const MAX_SYNTAX_ERRORS: usize = 200;

/// Parses a whole file. Always returns a tree; syntax errors come back as
/// diagnostics, one per bad line.
pub fn parse(src: &str) -> (File, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let pairs = match Grammar::parse(Rule::file, src) {
        Ok(pairs) => pairs,
        Err(err) => {
            // The `junk` fallbacks make every line parse, so this is only
            // reachable through a grammar bug; report it rather than panic.
            let at = error_offset(&err);
            diags.push(Diagnostic::error(
                "syntax.error",
                "this file could not be parsed",
                Span::new(at, at),
            ));
            return (File::default(), diags);
        }
    };
    let mut file = File::default();
    let top = pairs.into_iter().next().map(|f| f.into_inner());
    for pair in top
        .into_iter()
        .flatten()
        .filter(|p| p.as_rule() == Rule::top_line)
    {
        file.lines.push(lower_line(pair, src, &mut diags, false));
    }
    (file, diags)
}

fn lower_line(pair: Pair<Rule>, src: &str, diags: &mut Vec<Diagnostic>, in_stage: bool) -> Line {
    let span = Span::from(pair.as_span());
    let mut line = Line {
        item: None,
        comment: None,
        span,
    };
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::comment => line.comment = Some(comment(&p)),
            Rule::junk | Rule::stage_junk => {
                // Parsing reports nothing but bad lines, so this counts them.
                match diags.len().cmp(&MAX_SYNTAX_ERRORS) {
                    std::cmp::Ordering::Less => diags.push(explain_junk(&p, src, in_stage)),
                    std::cmp::Ordering::Equal => diags.push(
                        Diagnostic::error(
                            "syntax.too-many-errors",
                            format!("more than {MAX_SYNTAX_ERRORS} lines do not parse; not reporting the rest"),
                            Span::from(p.as_span()),
                        )
                        .with_help("is this an .mlsd file? Fix the errors above first"),
                    ),
                    std::cmp::Ordering::Greater => {}
                }
                line.item = Some(Item::Invalid(p.as_str().to_string()));
            }
            _ => line.item = Some(item(p, src, diags)),
        }
    }
    line
}

fn item(p: Pair<Rule>, src: &str, diags: &mut Vec<Diagnostic>) -> Item {
    let rule = p.as_rule();
    let mut inner = p.into_inner().filter(|p| !is_keyword(p.as_rule()));
    match rule {
        Rule::title => Item::Title(text(&inner.next().expect("title has a string"))),
        Rule::direction => Item::Direction(name(&inner.next().expect("direction has a value"))),
        Rule::task => Item::Task {
            kind: name(&inner.next().expect("task has a kind")),
            objective: inner.next().map(|p| text(&p)),
        },
        Rule::metrics => Item::Metrics {
            phase: name(&inner.next().expect("metrics has a phase")),
            names: inner.map(|p| text(&p)).collect(),
        },
        Rule::lint => Item::Lint {
            level: name(&inner.next().expect("lint has a level")),
            pattern: name(&inner.next().expect("lint has a pattern")),
        },
        Rule::component => Item::Component(component(inner)),
        Rule::edge => Item::Edge(edge(inner)),
        Rule::stage => Item::Stage(stage(inner, src, diags)),
        other => unreachable!("grammar produced {other:?} as a statement"),
    }
}

fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::kw_stage
            | Rule::kw_as
            | Rule::kw_aka
            | Rule::kw_title
            | Rule::kw_direction
            | Rule::kw_task
            | Rule::kw_metrics
    )
}

fn component<'a>(mut inner: impl Iterator<Item = Pair<'a, Rule>>) -> ComponentDecl {
    let id = name(&inner.next().expect("component has an id"));
    let kind = name(&inner.next().expect("component has a kind"));
    let mut decl = ComponentDecl {
        span: id.span,
        id,
        kind,
        label: None,
        aliases: Vec::new(),
        attrs: Vec::new(),
    };
    for p in inner {
        decl.span = decl.span.to(p.as_span().into());
        match p.as_rule() {
            Rule::string => decl.label = Some(text(&p)),
            Rule::aliases => {
                decl.aliases = p
                    .into_inner()
                    .filter(|p| !is_keyword(p.as_rule()))
                    .map(|p| match p.as_rule() {
                        Rule::string => text(&p),
                        _ => Text {
                            value: p.as_str().to_string(),
                            span: p.as_span().into(),
                        },
                    })
                    .collect()
            }
            Rule::attributes => decl.attrs = attributes(p),
            other => unreachable!("unexpected {other:?} in component"),
        }
    }
    decl
}

fn edge<'a>(inner: impl Iterator<Item = Pair<'a, Rule>>) -> EdgeDecl {
    let mut decl = EdgeDecl {
        hops: Vec::new(),
        label: None,
        attrs: Vec::new(),
        span: Span::default(),
    };
    let mut first = true;
    for p in inner {
        let s: Span = p.as_span().into();
        decl.span = if first { s } else { decl.span.to(s) };
        first = false;
        match p.as_rule() {
            Rule::endpoints => decl.hops.push(p.into_inner().map(|p| name(&p)).collect()),
            Rule::edge_label => {
                decl.label = Some(text(&p.into_inner().next().expect("label has a string")))
            }
            Rule::attributes => decl.attrs = attributes(p),
            other => unreachable!("unexpected {other:?} in edge"),
        }
    }
    decl
}

fn stage<'a>(
    inner: impl Iterator<Item = Pair<'a, Rule>>,
    src: &str,
    diags: &mut Vec<Diagnostic>,
) -> StageDecl {
    let mut decl: Option<StageDecl> = None;
    for p in inner {
        match p.as_rule() {
            Rule::ident if decl.is_none() => {
                let n = name(&p);
                decl = Some(StageDecl {
                    span: n.span,
                    name: n,
                    label: None,
                    step: None,
                    head_comment: None,
                    lines: Vec::new(),
                });
            }
            Rule::string => decl.as_mut().expect("stage named first").label = Some(text(&p)),
            Rule::stage_step => {
                let step = p.into_inner().find(|p| p.as_rule() == Rule::ident);
                decl.as_mut().expect("stage named first").step = step.map(|p| name(&p));
            }
            Rule::comment => {
                decl.as_mut().expect("stage named first").head_comment = Some(comment(&p))
            }
            Rule::stage_line => {
                let line = lower_line(p, src, diags, true);
                decl.as_mut().expect("stage named first").lines.push(line);
            }
            Rule::inline_item => {
                let span = Span::from(p.as_span());
                let inner = p.into_inner().next().expect("inline item has a statement");
                let line = Line {
                    item: Some(item(inner, src, diags)),
                    comment: None,
                    span,
                };
                decl.as_mut().expect("stage named first").lines.push(line);
            }
            other => unreachable!("unexpected {other:?} in stage"),
        }
    }
    decl.expect("grammar guarantees a stage name")
}

fn attributes(p: Pair<Rule>) -> Vec<Attr> {
    p.into_inner()
        .map(|a| {
            let span = a.as_span().into();
            let mut inner = a.into_inner();
            let n = name(&inner.next().expect("attribute has a name"));
            let value = inner.next().map(|v| match v.as_rule() {
                Rule::number => Value::Number(name(&v)),
                Rule::string => Value::Text(text(&v)),
                _ => Value::Name(name(&v)),
            });
            Attr {
                name: n,
                value,
                span,
            }
        })
        .collect()
}

fn name(p: &Pair<Rule>) -> Name {
    Name {
        text: p.as_str().to_string(),
        span: p.as_span().into(),
    }
}

fn comment(p: &Pair<Rule>) -> Comment {
    Comment {
        text: p.as_str().trim_end().to_string(),
        span: p.as_span().into(),
    }
}

fn text(p: &Pair<Rule>) -> Text {
    let raw = p.as_str();
    let inner = raw
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(raw);
    Text {
        value: unescape(inner),
        span: p.as_span().into(),
    }
}

fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Quotes a string for `.mlsd` source, escaping what `unescape` reverses.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// True if `s` can be written bare where the grammar takes an identifier.
pub fn is_ident(s: &str) -> bool {
    let mut chars = s.chars().peekable();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    while let Some(c) = chars.next() {
        let ok = c.is_ascii_alphanumeric()
            || c == '_'
            || (c == '-' && chars.peek().is_some_and(|&n| n != '>'));
        if !ok {
            return false;
        }
    }
    true
}

fn error_offset(err: &pest::error::Error<Rule>) -> usize {
    match err.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
}

/// Says in plain words why a line did not parse, by parsing it again with
/// the strict rule for its context and reading what was expected.
fn explain_junk(p: &Pair<Rule>, src: &str, in_stage: bool) -> Diagnostic {
    let line = p.as_str();
    let base = p.as_span().start();
    let trimmed = line.trim_start();
    let first_word: String = trimmed
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();

    if first_word == "stage" {
        return explain_stage_line(line, base, src, in_stage);
    }
    if trimmed.starts_with('}') {
        let at = base + (line.len() - trimmed.len());
        return Diagnostic::error(
            "syntax.unmatched-brace",
            "`}` without an open stage",
            Span::new(at, at + 1),
        )
        .with_label("nothing to close here")
        .with_help("remove it, or open a stage with `stage NAME {`");
    }

    let lead = line.len() - trimmed.len();
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    if words.len() >= 2 && crate::vocab::Kind::from_name(words[0]).is_some() && is_ident(words[1]) {
        let at =
            base + lead + words[0].len() + trimmed[words[0].len()..].find(words[1]).unwrap_or(0);
        let span = Span::new(at, at + words[1].len());
        return Diagnostic::error(
            "syntax.error",
            format!("unexpected `{}`; a component starts with its id", words[1]),
            span,
        )
        .with_label("expected `:` after the id")
        .with_help(format!(
            "write the id first, then the kind: `{}: {} ...`",
            words[1], words[0]
        ));
    }
    if let Some(i) = line.find("<-") {
        let at = base + i;
        return Diagnostic::error(
            "syntax.error",
            "unexpected `<-`; flows are written with `->`",
            Span::new(at, at + 2),
        )
        .with_label("not an arrow")
        .with_help("flows point left to right: write `b -> a` instead of `a <- b`");
    }

    let rule = if in_stage {
        Rule::strict_stage
    } else {
        Rule::strict_top
    };
    let (offset, expected) = match Grammar::parse(rule, line) {
        Err(err) => (error_offset(&err).min(line.len()), expected_words(&err)),
        Ok(_) => (0, Vec::new()),
    };
    let rest = &line[offset..];
    let at = base + offset;
    let span = Span::new(at, at + token_len(rest));
    if rest.starts_with('"') && rest.matches('"').count() % 2 == 1 {
        return Diagnostic::error("syntax.unclosed-string", "this string is never closed", Span::new(at, at + 1))
            .with_label("opened here")
            .with_help("close it with `\"` on the same line; strings cannot span lines (write `\\n` for a line break)");
    }
    if rest.trim().is_empty() && line.matches('[').count() > line.matches(']').count() {
        let open = base + line.rfind('[').unwrap_or(0);
        return Diagnostic::error(
            "syntax.error",
            "this attribute list is never closed",
            Span::new(open, open + 1),
        )
        .with_label("opened here")
        .with_help("close it with `]`: `[online, weight 2]`");
    }
    if offset == lead {
        // Nothing on the line matched: say what is wrong with its start
        // rather than listing every statement the line could have been.
        let after = trimmed[first_word.len()..].trim_start();
        if !first_word.is_empty() && !after.is_empty() {
            let at = base + (line.len() - after.len());
            let tok = found_token(after);
            return Diagnostic::error(
                "syntax.error",
                format!("unexpected {tok} after `{first_word}`"),
                Span::new(at, at + token_len(after)),
            )
            .with_label("expected `:` (a component) or `->` (a flow)")
            .with_help("a component is `id: kind \"label\"`; a flow is `a -> b`");
        }
        if trimmed.starts_with(|c: char| !c.is_ascii() && c.is_alphabetic()) {
            return Diagnostic::error("syntax.error", "ids are ASCII", span)
                .with_label("not an ASCII letter")
                .with_help("start ids with a letter or `_`, then letters, digits, `_` or `-`; put any text in the quoted label");
        }
        if first_word.is_empty() {
            let tok = found_token(trimmed);
            return Diagnostic::error("syntax.error", format!("a statement cannot start with {tok}"), span)
                .with_label("not understood")
                .with_help(if in_stage {
                    "inside a stage, write components `id: kind \"label\"` or flows `a -> b`"
                } else {
                    "a line holds a statement (title, direction, task, metrics, allow/warn/deny), a component `id: kind \"label\"`, a flow `a -> b`, a stage, or a `# comment`"
                });
        }
    }
    let found = found_token(rest);
    let mut message = format!("unexpected {found}");
    if !expected.is_empty() {
        message.push_str(&format!("; expected {}", join_or(&expected)));
    }
    let help = if let Some(form) = statement_form(&first_word) {
        form
    } else if in_stage && first_word.is_empty() {
        "inside a stage, write components `id: kind \"label\"` or flows `a -> b`"
    } else if line.contains("->") {
        "a flow is `a -> b`, `a, b -> c` or `a -> b: \"label\"`"
    } else if line[first_word.len()..].trim_start().starts_with(':') || in_stage {
        "a component is `id: kind \"label\"`, optionally followed by `aka alias, ...` and `[attributes]`"
    } else {
        "a line holds a statement (title, direction, task, metrics, allow/warn/deny), a component `id: kind \"label\"`, a flow `a -> b`, a stage, or a `# comment`"
    };
    Diagnostic::error("syntax.error", message, span).with_help(help)
}

/// The shape of a keyword statement, for help lines.
fn statement_form(keyword: &str) -> Option<&'static str> {
    Some(match keyword {
        "title" => "write `title \"Text\"`",
        "direction" => "write `direction right` or `direction down`",
        "task" => "write `task TYPE \"objective\"`, e.g. `task ranking \"P(click)\"`",
        "metrics" => "write `metrics offline \"name\", \"name\"` or `metrics online \"name\"`",
        "allow" | "warn" | "deny" => {
            "write e.g. `allow serving.offline-store-read` (`*` is a wildcard)"
        }
        _ => return None,
    })
}

fn explain_stage_line(line: &str, base: usize, src: &str, in_stage: bool) -> Diagnostic {
    let lead = line.len() - line.trim_start().len();
    let head = Span::new(base + lead, base + line.trim_end().len());
    if in_stage {
        return Diagnostic::error("syntax.nested-stage", "stages cannot be nested", head)
            .with_help("close the enclosing stage with `}` before this one");
    }
    match Grammar::parse(Rule::strict_stage_head, line) {
        Ok(_) => {
            // The header is fine, so the block is what is wrong: it is not
            // closed before the next stage or the end of the file. If the
            // next stage header is indented, it was meant to nest.
            let after = (base + line.len()).min(src.len());
            let mut offset = after;
            for next in src[after..].split_inclusive('\n') {
                let t = next.trim_start();
                if t.starts_with('}') {
                    break;
                }
                let is_head = t.starts_with("stage ")
                    && Grammar::parse(Rule::strict_stage_head, next.trim_end()).is_ok();
                if is_head && next.len() - t.len() > lead {
                    let inner_lead = offset + next.len() - t.len();
                    let outer = line.split_whitespace().nth(1).unwrap_or("");
                    return Diagnostic::error(
                        "syntax.nested-stage",
                        "stages cannot be nested",
                        Span::new(inner_lead, offset + next.trim_end().len()),
                    )
                    .with_label(format!("inside stage `{outer}`"))
                    .with_help(format!("close `{outer}` with `}}` before this stage, or move these components into `{outer}`"));
                }
                if is_head {
                    break;
                }
                offset += next.len();
            }
            let next_stage = src[after..]
                .lines()
                .any(|l| l.trim_start().starts_with("stage "));
            let help = if next_stage {
                "add a line with `}` before the next stage"
            } else {
                "add a line with `}` after the stage's last component"
            };
            Diagnostic::error("syntax.unclosed-stage", "this stage is never closed", head)
                .with_label("opened here")
                .with_help(help)
        }
        Err(err) => {
            let offset = error_offset(&err).min(line.len());
            let expected = expected_words(&err);
            let found = found_token(&line[offset..]);
            let at = base + offset;
            let mut message = format!("unexpected {found} in stage header");
            if !expected.is_empty() {
                message.push_str(&format!("; expected {}", join_or(&expected)));
            }
            Diagnostic::error("syntax.error", message, Span::new(at, at + token_len(&line[offset..])))
                .with_help("a stage starts with `stage NAME [\"Label\"] [as STEP] {` and ends with `}` on its own line")
        }
    }
}

fn expected_words(err: &pest::error::Error<Rule>) -> Vec<&'static str> {
    let mut words: Vec<&'static str> = match &err.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            positives.iter().filter_map(|r| describe(*r)).collect()
        }
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    words.sort_unstable();
    words.dedup();
    words
}

/// Grammar rules in the words a user knows; internal rules stay silent.
fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::ident => "a name",
        Rule::string | Rule::string_inner => "a quoted string",
        Rule::EOI => "end of line",
        Rule::comment => "a comment",
        Rule::aliases | Rule::kw_aka => "`aka`",
        Rule::attributes => "`[attributes]`",
        Rule::attribute => "an attribute",
        Rule::edge_label => "`: \"label\"`",
        Rule::endpoints => "a component id",
        Rule::stage_step | Rule::kw_as => "`as STEP`",
        Rule::rule_pattern => "a rule id",
        Rule::number => "a number",
        Rule::component => "a component",
        Rule::edge => "an edge",
        Rule::title | Rule::kw_title => "`title`",
        Rule::direction | Rule::kw_direction => "`direction`",
        Rule::task | Rule::kw_task => "`task`",
        Rule::metrics | Rule::kw_metrics => "`metrics`",
        Rule::lint | Rule::lint_level => "`allow`, `warn` or `deny`",
        _ => return None,
    })
}

fn found_token(rest: &str) -> String {
    let rest = rest.trim_end_matches(['\r', '\n']);
    if rest.is_empty() {
        return "end of line".to_string();
    }
    let tok: String = if rest.starts_with("->") || rest.starts_with("<-") {
        rest[..2].to_string()
    } else if rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
        rest.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
            .collect()
    } else {
        rest.chars().next().map(String::from).unwrap_or_default()
    };
    format!("`{tok}`")
}

fn token_len(rest: &str) -> usize {
    let rest = rest.trim_end_matches(['\r', '\n']);
    if rest.starts_with("->") || rest.starts_with("<-") {
        2
    } else if rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
        rest.char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '-'))
            .map(|(i, _)| i)
            .unwrap_or(rest.len())
    } else {
        rest.chars().next().map(char::len_utf8).unwrap_or(0)
    }
}

fn join_or(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(src: &str) -> File {
        let (file, diags) = parse(src);
        assert!(diags.is_empty(), "unexpected diagnostics: {diags:#?}");
        file
    }

    #[test]
    fn parses_the_language_tour() {
        let src = r#"# Video recommendation
title "Video recommendation"
direction right

task ranking "P(watch)"
metrics offline "precision@k", "mAP"
allow serving.*

user: client "Viewer"
stage data "Data" as data { # raw data
  logs: store "Interaction logs"
  events: stream "Event stream" aka kafka, "message queue" [online, weight 2]
  logs -> events
} # end of data
user -> logs, events -> user: "feedback" [optional]
"#;
        let file = ok(src);
        let items: Vec<_> = file.lines.iter().filter_map(|l| l.item.as_ref()).collect();
        assert_eq!(items.len(), 8);
        let Item::Stage(stage) = items[6] else {
            panic!("expected a stage, got {:?}", items[6])
        };
        assert_eq!(stage.name.text, "data");
        assert_eq!(stage.label.as_ref().unwrap().value, "Data");
        assert_eq!(stage.step.as_ref().unwrap().text, "data");
        assert_eq!(stage.head_comment.as_ref().unwrap().text, "# raw data");
        let comps: Vec<_> = stage
            .lines
            .iter()
            .filter_map(|l| match &l.item {
                Some(Item::Component(c)) => Some(c),
                _ => None,
            })
            .collect();
        assert_eq!(
            comps[1]
                .aliases
                .iter()
                .map(|a| a.value.as_str())
                .collect::<Vec<_>>(),
            ["kafka", "message queue"]
        );
        assert_eq!(comps[1].attrs.len(), 2);
        let Item::Edge(edge) = items[7] else { panic!() };
        assert_eq!(edge.hops.len(), 3);
        assert_eq!(edge.hops[1].len(), 2);
        assert_eq!(edge.label.as_ref().unwrap().value, "feedback");
        assert_eq!(
            &src[edge.span.start..edge.span.end],
            "user -> logs, events -> user: \"feedback\" [optional]"
        );
    }

    #[test]
    fn one_line_stages() {
        let file = ok("stage s { a: store \"A\"; b: job; a -> b }\nstage e {}\n");
        let Some(Item::Stage(s)) = &file.lines[0].item else {
            panic!()
        };
        assert_eq!(s.lines.len(), 3);
        assert!(matches!(s.lines[2].item, Some(Item::Edge(_))));
        let Some(Item::Stage(e)) = &file.lines[1].item else {
            panic!()
        };
        assert!(e.lines.is_empty());
    }

    #[test]
    fn keywords_can_be_component_ids() {
        let file = ok("title: store \"T\"\ntask -> title\n");
        assert!(matches!(file.lines[0].item, Some(Item::Component(_))));
        assert!(matches!(file.lines[1].item, Some(Item::Edge(_))));
    }

    #[test]
    fn hyphenated_ids_do_not_eat_arrows() {
        let file = ok("a-b->c\n");
        let Some(Item::Edge(e)) = &file.lines[0].item else {
            panic!()
        };
        assert_eq!(e.hops[0][0].text, "a-b");
        assert_eq!(e.hops[1][0].text, "c");
    }

    #[test]
    fn every_bad_line_is_reported() {
        let (file, diags) = parse("a: store \"A\"\na ->\nb <- a\n???\nc: job \"C\"\n");
        assert_eq!(diags.len(), 3, "{diags:#?}");
        assert!(
            diags[0].message.contains("expected a name"),
            "{}",
            diags[0].message
        );
        assert!(diags[1].help.as_deref().unwrap().contains("left to right"));
        assert!(matches!(file.lines[4].item, Some(Item::Component(_))));
    }

    #[test]
    fn unclosed_and_nested_stages() {
        let (_, diags) = parse("stage a {\n  x: store\nstage b {\n  y: job\n}\n");
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert_eq!(diags[0].code, "syntax.unclosed-stage");
        let (_, diags) = parse("stage a {\n}\n}\n");
        assert_eq!(diags[0].code, "syntax.unmatched-brace");
    }

    #[test]
    fn strings_round_trip_through_quote() {
        for s in [
            "plain",
            "with \"quotes\"",
            "back\\slash",
            "two\nlines",
            "<script>&]]>",
        ] {
            let file = ok(&format!("title {}\n", quote(s)));
            let Some(Item::Title(t)) = &file.lines[0].item else {
                panic!()
            };
            assert_eq!(t.value, s);
        }
    }

    #[test]
    fn ident_check_matches_grammar() {
        for s in ["a", "a-b", "a_b2", "_x"] {
            assert!(is_ident(s), "{s}");
        }
        for s in ["", "1a", "a b", "a->b", "é"] {
            assert!(!is_ident(s), "{s}");
        }
    }
}
