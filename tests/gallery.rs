//! docs/gallery/ holds every reference rendered by `mlsd render`; this test
//! re-renders each one and fails when a committed SVG is stale or missing.
//! Fix with `scripts/gallery.sh`.

use mlsd::cases;
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `docs/gallery/<id>.svg` for the main reference, `<id>-<variant>.svg` otherwise.
fn svg_name(id: &str, variant: &str) -> String {
    if variant == cases::MAIN {
        format!("{id}.svg")
    } else {
        format!("{id}-{variant}.svg")
    }
}

#[test]
fn gallery_svgs_match_a_fresh_render() {
    let tmp = tempfile::tempdir().unwrap();
    let gallery = std::fs::read_to_string(root().join("docs/gallery.md")).unwrap();
    let mut stale = Vec::new();
    for case in cases::all() {
        for r in case.references {
            let name = svg_name(case.id, r.name);
            assert!(
                gallery.contains(&format!("(gallery/{name})")),
                "docs/gallery.md does not show {name}; run scripts/gallery.sh"
            );
            let fresh = tmp.path().join(&name);
            let out = Command::new(env!("CARGO_BIN_EXE_mlsd"))
                .args(["render", r.path, "-o"])
                .arg(&fresh)
                .current_dir(root())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "mlsd render {}: {}",
                r.path,
                String::from_utf8_lossy(&out.stderr)
            );
            let committed = std::fs::read(root().join("docs/gallery").join(&name)).ok();
            if committed.as_deref() != Some(std::fs::read(&fresh).unwrap().as_slice()) {
                stale.push(name);
            }
        }
    }
    let expected: std::collections::BTreeSet<_> = cases::all()
        .iter()
        .flat_map(|c| c.references.iter().map(|r| svg_name(c.id, r.name)))
        .collect();
    for entry in std::fs::read_dir(root().join("docs/gallery")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            expected.contains(&name),
            "docs/gallery/{name} belongs to no reference"
        );
    }
    assert!(
        stale.is_empty(),
        "stale or missing in docs/gallery/: {stale:?}; run scripts/gallery.sh"
    );
}
