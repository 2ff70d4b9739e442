//! The `mlsd` binary driven as a user drives it: exit codes, streams, files.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const REFERENCE: &str = "diagrams/video-recommendation/reference.mlsd";

fn mlsd(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mlsd"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("mlsd runs")
}

fn mlsd_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mlsd"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mlsd runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_clean_file_exits_zero() {
    let o = mlsd(&["check", REFERENCE]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("ok: 1 file checked, 0 errors"));
}

#[test]
fn check_reports_errors_with_location_and_exits_one() {
    let o = mlsd(&["check", "tests/broken/unknown-refs.mlsd"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("--> tests/broken/unknown-refs.mlsd:3:9"),
        "{out}"
    );
    assert!(out.contains("^^^^^ not declared"), "{out}");
    assert!(out.contains("failed: 1 file checked, 3 errors"), "{out}");
}

#[test]
fn check_reports_all_files_and_io_errors_exit_two() {
    let o = mlsd(&[
        "check",
        REFERENCE,
        "no/such/file.mlsd",
        "tests/broken/kinds.mlsd",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read no/such/file.mlsd"));
    assert!(stdout(&o).contains("broken/kinds.mlsd:1:7"));
}

#[test]
fn check_usage_errors_exit_two() {
    assert_eq!(mlsd(&["check"]).status.code(), Some(2));
    assert_eq!(
        mlsd(&["check", "--format", "xml", REFERENCE]).status.code(),
        Some(2)
    );
    assert_eq!(mlsd(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn check_json_lists_diagnostics() {
    let o = mlsd(&["check", "--format", "json", "tests/broken/kinds.mlsd"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    // Schema: docs/check-json.md (a flat array of diagnostics).
    let diagnostics = v.as_array().unwrap();
    let first = &diagnostics[0];
    assert_eq!(first["file"], "tests/broken/kinds.mlsd");
    assert_eq!(first["line"], 1);
    assert_eq!(first["column"], 7);
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "decl.unknown-kind");
    assert_eq!(first["message"], "unknown kind `stor`");
    assert_eq!(diagnostics.len(), 4);
}

#[test]
fn check_reads_stdin() {
    let o = mlsd_stdin(&["check", "-"], b"a: store \"A\"\na -> b\n");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("--> <stdin>:2:6"), "{}", stdout(&o));
}

#[test]
fn check_rejects_binary_with_location() {
    let o = mlsd_stdin(&["check", "-"], b"title \"x\"\nab\x00\x01\x02");
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("input.binary") && out.contains("<stdin>:2:3"),
        "{out}"
    );
}

#[test]
fn help_is_concise_with_examples() {
    for args in [&["--help"][..], &["check", "--help"], &["fmt", "--help"]] {
        let o = mlsd(args);
        assert_eq!(o.status.code(), Some(0));
        let out = stdout(&o);
        assert!(out.contains("Example"), "{args:?}: {out}");
        assert!(out.lines().count() < 40, "{args:?} help is too long");
    }
}

#[test]
fn fmt_rewrites_in_place_and_keeps_comments() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("d.mlsd");
    std::fs::write(
        &p,
        "# keep me\nstage data{   # and me\n a :store \"A\"\n}\n\n\n\na->a2 # edge\na2: job\n",
    )
    .unwrap();
    let o = mlsd(&["fmt", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = std::fs::read_to_string(&p).unwrap();
    assert_eq!(
        got,
        "# keep me\nstage data { # and me\n  a: store \"A\"\n}\n\na -> a2 # edge\na2: job\n"
    );
    let o = mlsd(&["fmt", "--check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn fmt_check_lists_unformatted_files_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("d.mlsd");
    let src = "a:store\n";
    std::fs::write(&p, src).unwrap();
    let o = mlsd(&["fmt", "--check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("d.mlsd"));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), src);
}

#[test]
fn fmt_leaves_files_with_syntax_errors_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.mlsd");
    let src = "a:   store\nb ->\n";
    std::fs::write(&p, src).unwrap();
    let o = mlsd(&["fmt", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("bad.mlsd:2:5"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), src);
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temp files left behind");
}

#[test]
fn fmt_stdin_to_stdout() {
    let o = mlsd_stdin(&["fmt", "-"], b"a:store   \"A\"\n");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "a: store \"A\"\n");
}

#[test]
fn every_bundled_diagram_is_clean_and_formatted() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("diagrams");
    let mut files = Vec::new();
    for case in std::fs::read_dir(&root).unwrap() {
        for f in std::fs::read_dir(case.unwrap().path()).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "mlsd") {
                files.push(f);
            }
        }
    }
    assert!(!files.is_empty());
    for f in files {
        let f = f.to_str().unwrap();
        let o = mlsd(&["fmt", "--check", f]);
        assert_eq!(o.status.code(), Some(0), "{f} is not formatted");
        let text = std::fs::read_to_string(f).unwrap();
        let doc = mlsd::analyze_str(f, &text);
        assert!(!doc.has_errors(), "{f}: {:#?}", doc.diagnostics);
    }
}

#[test]
fn human_output_caps_diagnostics_per_file() {
    let input = "a -> b\n".repeat(300);
    let o = mlsd_stdin(&["check", "-"], input.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(out.matches("error[ref.unknown-component]").count(), 100);
    assert!(out.contains("500 more diagnostics not shown"), "{out}");
    assert!(out.contains("600 errors"), "{out}");
    let o = mlsd_stdin(&["check", "--format", "json", "-"], input.as_bytes());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 600);
}
