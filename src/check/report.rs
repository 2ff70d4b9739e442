//! A checked file, and its machine-readable forms: mlsd's JSON (schema in
//! docs/check-json.md) and SARIF 2.1.0 for CI systems and editors.

use super::{RULES, Setting};
use crate::Document;
use crate::diag::{self, Diagnostic, Severity};
use crate::source::SourceFile;
use serde::Serialize;
use serde_json::{Value, json};

/// One file's diagnostics: syntax and lowering first, then rule findings when
/// the file had no errors.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub source: SourceFile,
    /// Sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// False when syntax or lowering errors kept the rules from running.
    pub rules_checked: bool,
}

impl FileReport {
    /// Runs the rules on a document unless it has syntax or lowering errors.
    pub fn check(doc: Document, settings: &[Setting]) -> FileReport {
        let rules_checked = !doc.has_errors();
        let mut diagnostics = doc.diagnostics;
        if rules_checked {
            diagnostics.extend(super::run(&doc.model, settings));
        }
        // `--deny warnings` is for CI: it holds the language's own warnings
        // (unknown attributes, duplicate flows…) to the same bar as the rules'.
        let deny_all = settings
            .iter()
            .rev()
            .find(|s| s.pattern == super::WARNINGS)
            .is_some_and(|s| s.level == crate::model::LintLevel::Deny);
        if deny_all {
            for d in &mut diagnostics {
                if d.severity == Severity::Warning {
                    d.severity = Severity::Error;
                }
            }
        }
        diag::sort(&mut diagnostics);
        FileReport {
            source: doc.source,
            diagnostics,
            rules_checked,
        }
    }

    /// A file that could not be analysed at all (binary, too large).
    pub fn rejected(source: SourceFile, diagnostic: Diagnostic) -> FileReport {
        FileReport {
            source,
            diagnostics: vec![diagnostic],
            rules_checked: false,
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Totals over all files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

pub fn summary(reports: &[FileReport]) -> Summary {
    Summary {
        files: reports.len(),
        errors: reports.iter().map(|r| r.count(Severity::Error)).sum(),
        warnings: reports.iter().map(|r| r.count(Severity::Warning)).sum(),
        infos: reports.iter().map(|r| r.count(Severity::Info)).sum(),
    }
}

/// The JSON report documented in docs/check-json.md: one flat array of
/// diagnostics, every file's in command-line order, each sorted by position.
pub fn json(reports: &[FileReport]) -> Vec<diag::Located> {
    reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(|d| diag::locate(d, &r.source)))
        .collect()
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for a file name (SARIF wants URIs, not paths).
fn uri(name: &str) -> String {
    if name == "<stdin>" {
        return "stdin".to_string();
    }
    let mut out = String::new();
    for b in name.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A SARIF 2.1.0 log with one run: the rules as `tool.driver.rules`, every
/// diagnostic as a result. Columns count Unicode code points.
pub fn sarif(reports: &[FileReport]) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.rationale },
                "help": { "text": format!("Bad:\n{}\nGood:\n{}", r.bad, r.good) },
                "defaultConfiguration": { "level": sarif_level(r.severity) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        for d in &r.diagnostics {
            let at = diag::locate(d, &r.source);
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str(&format!(" (help: {help})"));
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&r.source.name) },
                        "region": {
                            "startLine": at.line,
                            "startColumn": at.column,
                            "endLine": at.end_line,
                            "endColumn": at.end_column.max(at.column + usize::from(at.end_line == at.line)),
                        }
                    }
                }],
            });
            if let Some(index) = RULES.iter().position(|rule| rule.id == d.code) {
                result["ruleIndex"] = json!(index);
            }
            results.push(result);
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "mlsd",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(src: &str) -> FileReport {
        FileReport::check(crate::analyze_str("a b.mlsd", src), &[])
    }

    #[test]
    fn rules_are_skipped_when_the_file_has_errors() {
        let bad = report("a: job\nb -> a\n");
        assert!(!bad.rules_checked);
        assert!(
            bad.diagnostics
                .iter()
                .all(|d| d.code == "ref.unknown-component")
        );
        let ok = report("a: job\n");
        assert!(ok.rules_checked);
        assert!(ok.diagnostics.iter().any(|d| d.code == "structure.orphan"));
    }

    #[test]
    fn deny_warnings_covers_language_warnings_too() {
        let src = "a: client [shiny]\nb: service\na -> b\n";
        let plain = report(src);
        assert!(
            plain
                .diagnostics
                .iter()
                .any(|d| d.code == "attr.unknown" && !d.is_error())
        );
        let deny = [Setting {
            level: crate::model::LintLevel::Deny,
            pattern: "warnings".into(),
        }];
        let strict = FileReport::check(crate::analyze_str("a.mlsd", src), &deny);
        assert!(
            strict
                .diagnostics
                .iter()
                .any(|d| d.code == "attr.unknown" && d.is_error())
        );
        assert_eq!(strict.count(Severity::Warning), 0);
    }

    #[test]
    fn json_is_a_flat_array_of_located_diagnostics() {
        let r = report("a: job\n");
        let v = serde_json::to_value(json(std::slice::from_ref(&r))).unwrap();
        let all = v.as_array().unwrap();
        assert_eq!(all.len(), r.diagnostics.len());
        let first = &all[0];
        assert_eq!(first["file"], "a b.mlsd");
        assert_eq!(first["line"], 1);
        assert!(first["code"].as_str().unwrap().contains('.'));
    }

    #[test]
    fn sarif_names_rules_and_locations() {
        let v = sarif(&[report("x: client\na: job\n")]);
        assert_eq!(v["version"], "2.1.0");
        let run = &v["runs"][0];
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            RULES.len()
        );
        let orphan = run["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ruleId"] == "structure.orphan")
            .expect("orphan finding");
        assert_eq!(orphan["level"], "warning");
        let loc = &orphan["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "a%20b.mlsd");
        assert_eq!(loc["region"]["startLine"], 1);
        assert_eq!(loc["region"]["startColumn"], 1);
        let index = orphan["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            run["tool"]["driver"]["rules"][index]["id"],
            "structure.orphan"
        );
    }
}
