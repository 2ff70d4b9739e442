//! Rendering alone (layout computed once beforehand), per bundled reference:
//! SVG in each theme and PNG at the CLI's default scale.
//! Run: cargo bench --bench render -- --warm-up-time 1 --measurement-time 3

use criterion::{Criterion, criterion_group, criterion_main};
use mlsd::layout::{LayoutOptions, layout};
use mlsd::render::{self, Theme};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn references() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("diagrams/ exists") {
            let p = e.expect("readable").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.file_name().is_some_and(|n| n == "reference.mlsd") {
                out.push(p);
            }
        }
    }
    let mut v = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("diagrams"),
        &mut v,
    );
    v.sort();
    v
}

fn bench(c: &mut Criterion) {
    for path in references() {
        let name = path
            .parent()
            .and_then(|p| p.file_name())
            .map_or("?".into(), |n| n.to_string_lossy().into_owned());
        let text = std::fs::read_to_string(&path).expect("reference reads");
        let doc = mlsd::analyze_str("ref", &text);
        let geometry = layout(&doc.model, &LayoutOptions::default()).expect("reference lays out");
        let mut g = c.benchmark_group(format!("render/{name}"));
        for theme in [Theme::Light, Theme::Auto] {
            g.bench_function(format!("svg-{}", theme.as_str()), |b| {
                b.iter(|| render::svg(black_box(&doc.model), black_box(&geometry), theme))
            });
        }
        g.sample_size(10);
        g.bench_function("png-scale-2", |b| {
            b.iter(|| {
                render::png(
                    black_box(&doc.model),
                    black_box(&geometry),
                    Theme::Light,
                    2.0,
                )
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
