//! docs/rules.md is generated from the rule table; this keeps it current.
//! Regenerate with `UPDATE_DOCS=1 cargo test --test rules_doc` or
//! `mlsd rules --markdown > docs/rules.md`.

#[test]
fn rules_doc_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let expected = mlsd::check::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).expect("write docs/rules.md");
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is stale: run `UPDATE_DOCS=1 cargo test --test rules_doc`"
    );
    for rule in mlsd::check::RULES {
        assert!(actual.contains(&format!("## {}", rule.id)));
    }
}
