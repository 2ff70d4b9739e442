//! `mlsd check` and `mlsd rules` driven as users run them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn mlsd(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mlsd"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("mlsd runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 output")
}

fn references() -> Vec<PathBuf> {
    let mut found = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("diagrams");
    for case in std::fs::read_dir(&root).expect("diagrams/ exists") {
        let case = case.expect("entry").path();
        if !case.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&case).expect("case dir") {
            let file = file.expect("entry").path();
            if file.extension().is_some_and(|e| e == "mlsd") {
                found.push(file);
            }
        }
    }
    found.sort();
    found
}

fn json(args: &[&str]) -> (serde_json::Value, Output) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = mlsd(&all);
    let v = serde_json::from_slice(&out.stdout).expect("valid JSON");
    (v, out)
}

fn codes(report: &serde_json::Value) -> Vec<(String, String)> {
    report
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_reference_design_has_no_errors() {
    let refs = references();
    assert!(!refs.is_empty());
    for path in refs {
        let p = path.to_str().unwrap();
        let (report, out) = json(&[p]);
        let errors: Vec<_> = codes(&report)
            .into_iter()
            .filter(|(_, s)| s == "error")
            .collect();
        assert!(errors.is_empty(), "{p}: {errors:?}");
        assert_eq!(out.status.code(), Some(0), "{p}");
    }
}

#[test]
fn weak_designs_snapshot() {
    for name in ["weak-feed", "weak-moderation"] {
        let out = mlsd(&["check", &format!("tests/data/{name}.mlsd")]);
        assert_eq!(out.status.code(), Some(1), "{name} has error findings");
        insta::assert_snapshot!(name, stdout(&out));
    }
}

#[test]
fn severity_flags_apply_in_command_line_order() {
    let file = "tests/data/weak-feed.mlsd";
    let (base, _) = json(&[file]);
    let has = |r: &serde_json::Value, code: &str, sev: &str| {
        codes(r).iter().any(|(c, s)| c == code && s == sev)
    };
    assert!(has(&base, "structure.orphan", "warning"));
    assert!(has(&base, "serving.offline-store-read", "error"));

    let (r, out) = json(&["--deny", "warnings", file]);
    assert!(has(&r, "structure.orphan", "error"));
    assert!(!codes(&r).iter().any(|(_, s)| s == "warning"));
    assert_eq!(out.status.code(), Some(1));

    // Later flags win: deny every serving rule, then allow one again.
    let (r, _) = json(&["--deny", "serving.*", "--allow", "serving.no-rerank", file]);
    assert!(!has(&r, "serving.no-rerank", "warning") && !has(&r, "serving.no-rerank", "error"));
    assert!(has(&r, "serving.no-registry", "error"));
    let (r, _) = json(&["--allow", "serving.no-rerank", "--deny", "serving.*", file]);
    assert!(has(&r, "serving.no-rerank", "error"));

    let (r, out) = json(&["--allow", "serving.offline-store-read", file]);
    assert!(
        !codes(&r)
            .iter()
            .any(|(c, _)| c == "serving.offline-store-read")
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(!codes(&r).iter().any(|(_, s)| s == "error"));
}

#[test]
fn severity_lines_in_the_file_are_obeyed_and_checked() {
    let (r, _) = json(&["tests/data/weak-moderation.mlsd"]);
    let c = codes(&r);
    // `deny serving.no-registry` in the file raises it to an error.
    assert!(c.contains(&("serving.no-registry".into(), "error".into())));
    // `allow framing.*` silences the family.
    assert!(!c.iter().any(|(code, _)| code.starts_with("framing.")));
    // A misspelt rule id is reported with a suggestion.
    let d = r
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "lint.unknown-rule")
        .expect("unknown rule reported");
    assert_eq!(d["help"], "did you mean `monitoring.no-ml-metrics`?");
    assert_eq!(d["line"], 9);
}

#[test]
fn unknown_rule_on_the_command_line_is_a_warning_with_a_suggestion() {
    let out = mlsd(&[
        "check",
        "--allow",
        "structure.orphans",
        "diagrams/video-recommendation/reference.mlsd",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out)
            .contains("no rule matches `structure.orphans`; did you mean `structure.orphan`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rules_wait_for_syntax_errors_to_be_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.mlsd");
    std::fs::write(&path, "a: job\na -> b\n").unwrap();
    let out = mlsd(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("error[ref.unknown-component]"));
    assert!(!text.contains("structure.orphan"));
    assert!(text.contains("framework rules not checked until the errors above are fixed"));
    let (r, _) = json(&[path.to_str().unwrap()]);
    let c = codes(&r);
    assert!(c.iter().any(|(code, _)| code == "ref.unknown-component"));
    assert!(!c.iter().any(|(code, _)| code.starts_with("structure.")));
}

#[test]
fn human_output_is_sorted_by_position_with_a_summary() {
    let out = mlsd(&["check", "tests/data/weak-feed.mlsd"]);
    let text = stdout(&out);
    let lines: Vec<usize> = text
        .lines()
        .filter_map(|l| {
            l.trim_start()
                .strip_prefix("--> tests/data/weak-feed.mlsd:")
        })
        .map(|l| l.split(':').next().unwrap().parse().unwrap())
        .collect();
    assert!(lines.len() > 5);
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
    assert!(
        text.trim_end()
            .ends_with("failed: 1 file checked, 1 error, 11 warnings, 2 notes")
    );
}

#[test]
fn sarif_output_is_sarif_2_1_0() {
    let out = mlsd(&["check", "--format", "sarif", "tests/data/weak-feed.mlsd"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "mlsd");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() >= 18);
    let results = run["results"].as_array().unwrap();
    let offline = results
        .iter()
        .find(|r| r["ruleId"] == "serving.offline-store-read")
        .unwrap();
    assert_eq!(offline["level"], "error");
    let region = &offline["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 26);
    assert_eq!(region["startColumn"], 1);
    assert_eq!(
        offline["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "tests/data/weak-feed.mlsd"
    );
    let notes = results.iter().filter(|r| r["level"] == "note").count();
    assert_eq!(notes, 2);
}

#[test]
fn missing_file_is_a_usage_error() {
    let out = mlsd(&["check", "no/such/file.mlsd"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read no/such/file.mlsd"));
}

#[test]
fn rules_lists_and_explains() {
    let out = mlsd(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let list = stdout(&out);
    assert!(list.lines().count() >= 18);
    assert!(list.contains("serving.offline-store-read"));
    assert!(list.contains("error"));

    let out = mlsd(&["rules", "serving.offline-store-read"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("serving.offline-store-read (error)"));
    assert!(text.contains("Bad:") && text.contains("Good:"));
    assert!(text.contains("    wh -> api: \"user features\""));

    let out = mlsd(&["rules", "serving.offline-store-reed"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean `serving.offline-store-read`?"));
}
