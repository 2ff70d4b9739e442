//! `mlsd layout` as users run it.

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

fn mlsd(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mlsd"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

const REFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/diagrams/video-recommendation/reference.mlsd"
);

#[test]
fn prints_geometry_json_deterministically() {
    let out = mlsd(&["layout", REFERENCE], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let g: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["width", "height", "stages", "components", "edges"] {
        assert!(g.get(key).is_some(), "missing {key}");
    }
    let gateway = g["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "gateway")
        .unwrap();
    assert_eq!(gateway["stage"], "serving");
    let viewer = g["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "viewer")
        .unwrap();
    assert!(viewer["stage"].is_null());
    assert!(
        g["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["label"]["text"] == "impressions")
    );
    assert_eq!(mlsd(&["layout", REFERENCE], None).stdout, out.stdout);
}

#[test]
fn direction_and_engine_options() {
    let right = mlsd(&["layout", REFERENCE, "--direction", "right"], None);
    let down = mlsd(&["layout", REFERENCE, "--direction", "down"], None);
    assert_eq!(down.status.code(), Some(0));
    assert_ne!(right.stdout, down.stdout);
    let flat = mlsd(&["layout", REFERENCE, "--engine", "layout-rs"], None);
    assert_eq!(
        flat.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&flat.stderr)
    );
    let g: serde_json::Value = serde_json::from_slice(&flat.stdout).unwrap();
    assert_eq!(g["stages"], serde_json::json!([]));
    assert!(!g["components"].as_array().unwrap().is_empty());
    let bad = mlsd(&["layout", REFERENCE, "--engine", "elk"], None);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn errors_and_missing_files() {
    let out = mlsd(&["layout", "-"], Some("a: service \"A\"\na -> nowhere\n"));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere"));
    let out = mlsd(&["layout", "/no/such/file.mlsd"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn layout_rs_refuses_large_diagrams() {
    let big = mlsd::synth::diagram(400, 600, 1);
    let out = mlsd(&["layout", "-", "--engine", "layout-rs"], Some(&big));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("limited to 300"));
}
