//! Criterion benchmarks of the large report (20 teams, about 10,000
//! characters): checking it against the rules, writing its exchange file, and
//! reading the file back. Issue 11's budget for checking (≤ 100 µs) is checked
//! by `examples/bench_rules.rs`, which `scripts/bench` runs.
//!
//!   cargo bench -p torikumi-core --features bench --bench large_report

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use torikumi_core::exchange;
use torikumi_core::sample::large_report;
use torikumi_core::{check, Config, Context, Document, Timestamp};

fn large_report_benches(c: &mut Criterion) {
    let mut document = Document::new(Timestamp::from_unix_millis(1_707_526_800_000.0));
    document.report = large_report();
    let config = Config::default();
    let ctx = Context { config: &config, current_fiscal_year: 2026 };
    let json = exchange::to_json(&document);

    c.bench_function("check the large report", |b| b.iter(|| check(black_box(&document.report), &ctx)));
    c.bench_function("write its exchange file", |b| b.iter(|| exchange::to_json(black_box(&document))));
    c.bench_function("read its exchange file", |b| b.iter(|| exchange::from_json(black_box(json.as_bytes()))));
    c.bench_function("baseline: clone the report", |b| b.iter(|| black_box(&document.report).clone()));
}

criterion_group!(benches, large_report_benches);
criterion_main!(benches);
