//! All framework rules on a generated 1,000-component, 1,500-flow diagram.
//! Parsing and lowering happen once, outside the measured loop.
//! Run: cargo bench --bench check -- --warm-up-time 1 --measurement-time 3

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn check(c: &mut Criterion) {
    let text = mlsd::synth::diagram(1000, 1500, 42);
    let doc = mlsd::analyze_str("synth.mlsd", &text);
    assert!(!doc.has_errors());
    let findings = mlsd::check::run(&doc.model, &[]);
    assert!(!findings.is_empty());
    c.bench_function("check 1000 components, 1500 flows", |b| {
        b.iter(|| mlsd::check::run(black_box(&doc.model), &[]))
    });
    let small = mlsd::analyze_str(
        "reference.mlsd",
        include_str!("../diagrams/video-recommendation/reference.mlsd"),
    );
    c.bench_function("check video-recommendation reference", |b| {
        b.iter(|| mlsd::check::run(black_box(&small.model), &[]))
    });
}

criterion_group!(benches, check);
criterion_main!(benches);
