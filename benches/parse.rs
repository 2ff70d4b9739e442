//! Parse + lower of generated diagrams (the `mlsd check` front end).
//! Run: cargo bench --bench parse

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn parse_and_lower(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse+lower");
    for (components, edges) in [(30, 45), (1_000, 1_500), (10_000, 15_000)] {
        let text = mlsd::synth::diagram(components, edges, 7);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{components} components, {edges} edges"), |b| {
            b.iter(|| mlsd::analyze_str("bench", black_box(&text)))
        });
    }
    let reference = include_str!("../diagrams/video-recommendation/reference.mlsd");
    group.throughput(Throughput::Bytes(reference.len() as u64));
    group.bench_function("video-recommendation reference", |b| {
        b.iter(|| mlsd::analyze_str("bench", black_box(reference)))
    });
    group.finish();
}

criterion_group!(benches, parse_and_lower);
criterion_main!(benches);
