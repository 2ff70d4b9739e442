//! Snapshot tests of the diagnostics for a corpus of broken inputs
//! (tests/broken/*.mlsd): what a user sees from `mlsd check`.

use mlsd::diag::render_human;

#[test]
fn broken_inputs() {
    insta::glob!("broken/*.mlsd", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let name = format!("broken/{}", path.file_name().unwrap().to_string_lossy());
        let doc = mlsd::analyze_str(&name, &text);
        assert!(doc.has_errors(), "{name} should have errors");
        let rendered: String = doc
            .diagnostics
            .iter()
            .map(|d| render_human(d, &doc.source))
            .collect::<Vec<_>>()
            .join("\n");
        insta::assert_snapshot!(rendered);
    });
}
