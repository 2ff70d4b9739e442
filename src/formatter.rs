//! Syntax tree → canonical text (`mlsd fmt`).
//!
//! Canonical form: one statement per line, single spaces between tokens, two
//! spaces of indentation inside stages, one space before a trailing comment,
//! at most one blank line in a row, `\n` line ends and a final newline.
//! Every comment and every statement is kept; only spacing changes.

use crate::syntax::{self, Attr, File, Item, Line, Value, is_ident, quote};
use std::fmt::Write as _;

/// Formats a tree that parsed without syntax errors. Returns None if it
/// holds an invalid line, since reprinting that could lose text.
pub fn format(file: &File) -> Option<String> {
    let mut out = String::new();
    write_lines(&mut out, &file.lines, "")?;
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    Some(out)
}

fn write_lines(out: &mut String, lines: &[Line], indent: &str) -> Option<()> {
    let mut pending_blank = false;
    let mut wrote_any = false;
    for line in lines {
        if line.item.is_none() && line.comment.is_none() {
            pending_blank = wrote_any;
            continue;
        }
        if pending_blank {
            out.push('\n');
            pending_blank = false;
        }
        wrote_any = true;
        out.push_str(indent);
        match &line.item {
            Some(item) => {
                write_item(out, item, indent)?;
                if let Some(c) = &line.comment {
                    out.push(' ');
                    out.push_str(&c.text);
                }
            }
            None => out.push_str(&line.comment.as_ref().expect("checked above").text),
        }
        out.push('\n');
    }
    Some(())
}

fn write_item(out: &mut String, item: &Item, indent: &str) -> Option<()> {
    match item {
        Item::Title(t) => {
            let _ = write!(out, "title {}", quote(&t.value));
        }
        Item::Direction(d) => {
            let _ = write!(out, "direction {}", d.text);
        }
        Item::Task { kind, objective } => {
            let _ = write!(out, "task {}", kind.text);
            if let Some(o) = objective {
                let _ = write!(out, " {}", quote(&o.value));
            }
        }
        Item::Metrics { phase, names } => {
            let names: Vec<String> = names.iter().map(|n| quote(&n.value)).collect();
            let _ = write!(out, "metrics {} {}", phase.text, names.join(", "));
        }
        Item::Lint { level, pattern } => {
            let _ = write!(out, "{} {}", level.text, pattern.text);
        }
        Item::Component(c) => write_component(out, c),
        Item::Edge(e) => write_edge(out, e),
        Item::Stage(s) => {
            let _ = write!(out, "stage {}", s.name.text);
            if let Some(l) = &s.label {
                let _ = write!(out, " {}", quote(&l.value));
            }
            if let Some(step) = &s.step {
                let _ = write!(out, " as {}", step.text);
            }
            out.push_str(" {");
            if let Some(c) = &s.head_comment {
                let _ = write!(out, " {}", c.text);
            }
            out.push('\n');
            write_lines(out, &s.lines, &format!("{indent}  "))?;
            out.push_str(indent);
            out.push('}');
        }
        Item::Invalid(_) => return None,
    }
    Some(())
}

fn write_component(out: &mut String, c: &syntax::ComponentDecl) {
    let _ = write!(out, "{}: {}", c.id.text, c.kind.text);
    if let Some(l) = &c.label {
        let _ = write!(out, " {}", quote(&l.value));
    }
    if !c.aliases.is_empty() {
        let aliases: Vec<String> = c
            .aliases
            .iter()
            .map(|a| {
                if is_ident(&a.value) {
                    a.value.clone()
                } else {
                    quote(&a.value)
                }
            })
            .collect();
        let _ = write!(out, " aka {}", aliases.join(", "));
    }
    write_attrs(out, &c.attrs);
}

fn write_edge(out: &mut String, e: &syntax::EdgeDecl) {
    let hops: Vec<String> = e
        .hops
        .iter()
        .map(|g| {
            g.iter()
                .map(|n| n.text.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect();
    out.push_str(&hops.join(" -> "));
    if let Some(l) = &e.label {
        let _ = write!(out, ": {}", quote(&l.value));
    }
    write_attrs(out, &e.attrs);
}

fn write_attrs(out: &mut String, attrs: &[Attr]) {
    if attrs.is_empty() {
        return;
    }
    let parts: Vec<String> = attrs
        .iter()
        .map(|a| match &a.value {
            None => a.name.text.clone(),
            Some(Value::Number(n)) | Some(Value::Name(n)) => format!("{} {}", a.name.text, n.text),
            Some(Value::Text(t)) => format!("{} {}", a.name.text, quote(&t.value)),
        })
        .collect();
    let _ = write!(out, " [{}]", parts.join(", "));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(src: &str) -> String {
        let (file, diags) = syntax::parse(src);
        assert!(diags.is_empty(), "{diags:#?}");
        format(&file).unwrap()
    }

    #[test]
    fn normalises_spacing_and_keeps_comments() {
        let src = "\n\n# head\ntitle   \"T\"   # the title\n\n\n\nstage data\t\"D\" {   # open\n\n   a :store \"A\"aka x,\"y z\"[online,weight 2]\n# inner\n\n}  # close\na->b,c:\"l\"\n\n";
        let want = "# head\ntitle \"T\" # the title\n\nstage data \"D\" { # open\n  a: store \"A\" aka x, \"y z\" [online, weight 2]\n  # inner\n} # close\na -> b, c: \"l\"\n";
        assert_eq!(fmt(src), want);
        assert_eq!(fmt(want), want);
    }

    #[test]
    fn one_line_stages_open_up() {
        assert_eq!(
            fmt("stage s { a: store;b: job }\n"),
            "stage s {\n  a: store\n  b: job\n}\n"
        );
    }

    #[test]
    fn refuses_invalid_lines() {
        let (file, diags) = syntax::parse("a ->\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(format(&file), None);
    }
}
