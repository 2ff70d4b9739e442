//! Layout speed: the bundled reference (about 30 components) and generated
//! diagrams of 100 to 10,000 components with 1.5 flows per component.
//! Run: cargo bench --bench layout -- --warm-up-time 1 --measurement-time 3

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mlsd::layout::{LayoutOptions, layout};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let reference = include_str!("../diagrams/video-recommendation/reference.mlsd");
    let doc = mlsd::analyze_str("reference", reference);
    let opts = LayoutOptions::default();
    c.bench_function("layout/reference-video-recommendation", |b| {
        b.iter(|| layout(black_box(&doc.model), &opts).unwrap())
    });
    let mut group = c.benchmark_group("layout/synthetic");
    group.sample_size(10);
    for n in [100usize, 1_000, 5_000, 10_000] {
        let doc = mlsd::analyze_str("synth", &mlsd::synth::diagram(n, n * 3 / 2, 42));
        group.bench_with_input(BenchmarkId::from_parameter(n), &doc.model, |b, m| {
            b.iter(|| layout(black_box(m), &opts).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
