//! One grading: an answer (already parsed) against the video-recommendation
//! reference (prepared once, as `mlsd grade` does for a batch), and the same
//! with parsing the answer included.
//! Run: cargo bench --bench grade -- --warm-up-time 1 --measurement-time 3

use criterion::{Criterion, criterion_group, criterion_main};
use mlsd::grade::{self, Reference};
use std::hint::black_box;

const ANSWER: &str = include_str!("../tests/grading/video-recommendation/typos.mlsd");
const FULL: &str = include_str!("../tests/grading/video-recommendation/synonyms.mlsd");

fn bench(c: &mut Criterion) {
    let case = mlsd::cases::get("video-recommendation").expect("bundled case");
    let source = case.references[0].source;
    let reference = Reference::new(
        "video-recommendation",
        mlsd::analyze_str("ref", source).model,
    );
    let typos = mlsd::analyze_str("typos.mlsd", ANSWER).model;
    let full = mlsd::analyze_str("synonyms.mlsd", FULL).model;
    c.bench_function("grade 20-component answer", |b| {
        b.iter(|| grade::grade(black_box(&typos), &reference))
    });
    c.bench_function("grade 35-component answer", |b| {
        b.iter(|| grade::grade(black_box(&full), &reference))
    });
    c.bench_function("parse + grade 35-component answer", |b| {
        b.iter(|| {
            let doc = mlsd::analyze_str("synonyms.mlsd", black_box(FULL));
            grade::grade(&doc.model, &reference)
        })
    });
    c.bench_function("prepare reference", |b| {
        b.iter(|| Reference::new("r", mlsd::analyze_str("ref", black_box(source)).model))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
