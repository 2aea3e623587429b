//! Prints how long checking a large report takes (10,000 characters of text,
//! 20 teams), against a baseline measured in the same run: cloning the report.
//! Budget (issue 11): p95 of one check at most 100 µs.
//!
//!   cargo run --release -p torikumi-core --example bench_rules

use std::hint::black_box;
use std::time::{Duration, Instant};

use torikumi_core::sample::large_report;
use torikumi_core::{check, Config, Context, Report};

const BUDGET: Duration = Duration::from_micros(100);
const RUNS: usize = 2_000;

fn chars(r: &Report) -> usize {
    let rows = r.teams.iter().chain(&r.activities).map(|t| t.content.chars().count()).sum::<usize>();
    rows + [&r.sections.main_work, &r.sections.issues, &r.sections.plans].iter().map(|s| s.chars().count()).sum::<usize>()
}

fn percentiles(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    (samples[samples.len() / 2], samples[samples.len() * 95 / 100])
}

fn measure(mut f: impl FnMut()) -> (Duration, Duration) {
    for _ in 0..100 {
        f();
    }
    percentiles(
        (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let report = large_report();
    let config = Config::default();
    let ctx = Context { config: &config, current_fiscal_year: 2026 };
    let (clone50, clone95) = measure(|| drop(black_box(black_box(&report).clone())));
    let (check50, check95) = measure(|| drop(black_box(check(black_box(&report), &ctx))));
    println!("large report: {} characters of text, {} teams, {} findings", chars(&report), report.teams.len(), check(&report, &ctx).len());
    println!("baseline clone: p50 {:?}  p95 {:?}", clone50, clone95);
    println!("rules check:    p50 {:?}  p95 {:?}  ({:.1}x clone at p50)", check50, check95, check50.as_secs_f64() / clone50.as_secs_f64());
    if check95 <= BUDGET {
        println!("within budget: p95 <= {:?}", BUDGET);
    } else {
        println!("OVER BUDGET: p95 {:?} > {:?}", check95, BUDGET);
        std::process::exit(1);
    }
}
