//! Property tests of `mlsd fmt`: idempotent, and it changes spacing only:
//! the formatted text lowers to the same model, with the same diagnostics
//! and the same comments, as the original.

use mlsd::syntax::{self, Item, Line};
use proptest::prelude::*;

/// Deterministic generator of messy-but-valid `.mlsd` text from a seed.
struct Gen {
    state: u64,
}

impl Gen {
    fn next(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    /// Whitespace where the grammar requires some.
    fn ws(&mut self) -> &'static str {
        [" ", "  ", "\t", " \t "][self.below(4)]
    }
    /// Whitespace where the grammar allows none.
    fn ows(&mut self) -> &'static str {
        ["", " ", "  ", "\t"][self.below(4)]
    }
    fn string(&mut self) -> String {
        let pieces = [
            "a",
            "Feature store",
            "#not a comment",
            "quote\"d",
            "back\\slash",
            "ünï",
            "->",
            "[x]",
            "两",
            " ",
            "line\nbreak",
            "",
        ];
        let n = 1 + self.below(3);
        let s: String = (0..n).map(|_| self.pick(&pieces)).collect();
        syntax::quote(&s)
    }
    fn id(&mut self) -> String {
        let pool = [
            "a",
            "b",
            "c",
            "fs",
            "two-tower",
            "feature_store",
            "stage",
            "task",
            "title",
            "aka",
            "as",
            "x1",
        ];
        self.pick(&pool).to_string()
    }
    fn comment(&mut self) -> String {
        let bodies = [
            "# note",
            "#",
            "# stage x { }",
            "# \"quoted\" -> arrow",
            "## double",
        ];
        self.pick(&bodies).to_string()
    }
    fn attrs(&mut self) -> String {
        if self.below(3) > 0 {
            return String::new();
        }
        let choices = [
            "online",
            "offline",
            "optional",
            "batch",
            "weight 2",
            "weight 0.5",
            "note \"n\"",
            "custom",
        ];
        let n = self.below(3);
        let parts: Vec<String> = (0..n).map(|_| self.pick(&choices).to_string()).collect();
        let sep = format!("{},{}", self.ows(), self.ows());
        format!(
            "{}[{}{}{}]",
            self.ows(),
            self.ows(),
            parts.join(&sep),
            self.ows()
        )
    }
    fn component(&mut self, ids: &mut Vec<String>) -> String {
        let id = format!("{}{}", self.id(), ids.len());
        ids.push(id.clone());
        let kinds = [
            "store", "job", "model", "service", "index", "stream", "log", "client",
        ];
        let mut line = format!("{id}{}:{}{}", self.ows(), self.ows(), self.pick(&kinds));
        if self.below(2) == 0 {
            line += &format!("{}{}", self.ws(), self.string());
        }
        if self.below(3) == 0 {
            let n = 1 + self.below(3);
            let aliases: Vec<String> = (0..n)
                .map(|_| {
                    if self.below(2) == 0 {
                        self.id()
                    } else {
                        self.string()
                    }
                })
                .collect();
            let sep = format!("{},{}", self.ows(), self.ows());
            line += &format!("{}aka{}{}", self.ws(), self.ws(), aliases.join(&sep));
        }
        line + &self.attrs()
    }
    fn edge(&mut self, ids: &[String]) -> Option<String> {
        if ids.is_empty() {
            return None;
        }
        let hops = 2 + self.below(2);
        let groups: Vec<String> = (0..hops)
            .map(|_| {
                let n = 1 + self.below(2);
                let names: Vec<&str> = (0..n)
                    .map(|_| ids[self.below(ids.len())].as_str())
                    .collect();
                names.join(&format!("{},{}", self.ows(), self.ows()))
            })
            .collect();
        let mut line = groups.join(&format!("{}->{}", self.ows(), self.ows()));
        if self.below(3) == 0 {
            line += &format!("{}:{}{}", self.ows(), self.ows(), self.string());
        }
        Some(line + &self.attrs())
    }
    fn trailer(&mut self) -> String {
        let mut t = String::new();
        if self.below(4) == 0 {
            t += self.ws();
            t += &self.comment();
        } else if self.below(3) == 0 {
            t += self.ows();
        }
        t
    }
    fn diagram(&mut self) -> String {
        let nl = if self.below(5) == 0 { "\r\n" } else { "\n" };
        let mut lines: Vec<String> = Vec::new();
        let mut ids = Vec::new();
        let stmts = 3 + self.below(20);
        for _ in 0..stmts {
            let indent = if self.below(4) == 0 { self.ws() } else { "" };
            let body = match self.below(12) {
                0 => format!("title{}{}", self.ws(), self.string()),
                1 => format!(
                    "task{}{}{}",
                    self.ws(),
                    self.pick(&["ranking", "classification", "rank"]),
                    if self.below(2) == 0 {
                        format!("{}{}", self.ws(), self.string())
                    } else {
                        String::new()
                    }
                ),
                2 => format!(
                    "metrics{}{}{}{}",
                    self.ws(),
                    self.pick(&["offline", "online"]),
                    self.ws(),
                    self.string()
                ),
                3 => format!(
                    "{}{}{}",
                    self.pick(&["allow", "warn", "deny"]),
                    self.ws(),
                    self.pick(&["serving.*", "monitoring.missing", "*"])
                ),
                4 => self.comment(),
                5 => String::new(),
                6 => {
                    let name = self.pick(&["data", "features", "serving", "misc", "model_dev"]);
                    let mut head = format!("stage{}{}", self.ws(), name);
                    if self.below(2) == 0 {
                        head += &format!("{}{}", self.ws(), self.string());
                    }
                    if self.below(3) == 0 {
                        head += &format!(
                            "{}as{}{}",
                            self.ws(),
                            self.ws(),
                            self.pick(&["training", "serving", "bogus"])
                        );
                    }
                    head += &format!("{}{{{}", self.ows(), self.trailer());
                    lines.push(format!("{indent}{head}"));
                    for _ in 0..self.below(5) {
                        let inner = match self.below(5) {
                            0 => self.comment(),
                            1 => String::new(),
                            2 => self.edge(&ids).unwrap_or_default(),
                            _ => self.component(&mut ids),
                        };
                        let t = if inner.is_empty() || inner.starts_with('#') {
                            String::new()
                        } else {
                            self.trailer()
                        };
                        lines.push(format!("{}{inner}{t}", self.ws()));
                    }
                    format!("}}{}", self.trailer())
                }
                7 | 8 => self.edge(&ids).unwrap_or_default(),
                _ => self.component(&mut ids),
            };
            let t = if body.is_empty() || body.starts_with('#') || body.starts_with('}') {
                String::new()
            } else {
                self.trailer()
            };
            lines.push(format!("{indent}{body}{t}"));
        }
        lines.join(nl) + if self.below(2) == 0 { nl } else { "" }
    }
}

fn comments(lines: &[Line], out: &mut Vec<String>) {
    for l in lines {
        if let Some(Item::Stage(s)) = &l.item {
            out.extend(s.head_comment.iter().map(|c| c.text.clone()));
            comments(&s.lines, out);
        }
        out.extend(l.comment.iter().map(|c| c.text.clone()));
    }
}

fn summary(text: &str) -> (serde_json::Value, Vec<String>, Vec<String>) {
    let doc = mlsd::analyze_str("x", text);
    let mut cs = Vec::new();
    comments(&doc.syntax.lines, &mut cs);
    let codes = doc.diagnostics.iter().map(|d| d.code.clone()).collect();
    (doc.model.to_json(), codes, cs)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn fmt_is_idempotent_and_preserves_meaning(seed in 1u64..u64::MAX) {
        let src = Gen { state: seed }.diagram();
        let (file, diags) = syntax::parse(&src);
        let syntax_errors: Vec<_> = diags.iter().filter(|d| d.code.starts_with("syntax.")).collect();
        prop_assert!(syntax_errors.is_empty(), "generator made invalid text:\n{}\n{:#?}", src, syntax_errors);
        let once = mlsd::formatter::format(&file).expect("valid file formats");
        let (file2, _) = syntax::parse(&once);
        let twice = mlsd::formatter::format(&file2).expect("formatted file formats");
        prop_assert_eq!(&once, &twice, "not idempotent for:\n{}", src);
        prop_assert_eq!(summary(&src), summary(&once), "meaning changed for:\n{}\n--- formatted:\n{}", src, once);
    }
}

#[test]
fn generator_exercises_the_grammar() {
    // Guard against a generator that only makes trivial files: across a few
    // seeds it must produce stages, flows, aliases, attributes and comments.
    let all: String = (1..40u64)
        .map(|s| Gen { state: s * 7919 }.diagram())
        .collect();
    for needle in ["stage ", "->", " aka ", "[", "#", "\r\n", "metrics", "\\\""] {
        assert!(all.contains(needle), "generator never produced {needle:?}");
    }
    let doc = mlsd::analyze_str("x", &Gen { state: 12345 }.diagram());
    assert!(doc.syntax.lines.len() > 3);
}
