//! Inputs the fuzzing found slow (quadratic) stay fast: each must finish well within a
//! generous bound on a loaded machine (they took 23 s and 1.3 s before the fixes).

use std::time::{Duration, Instant};

fn read(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/fuzz/regressions/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn within<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    assert!(started.elapsed() < limit, "took {:?}", started.elapsed());
    out
}

#[test]
fn many_equal_headings() {
    // 4,000 lines of `#` give 4,000 headings with the same id base.
    let text = read("report_markdown/slow-repeated-headings.md");
    let html = within(Duration::from_secs(3), || {
        iopsite::single::render_report(&text)
    })
    .unwrap();
    assert!(html.contains("id=\"avsnitt-4000\""));
}

#[test]
fn thousands_of_problems_in_one_file() {
    let text = read("agreement_yaml/slow-many-diagnostics.yaml");
    let diags = within(Duration::from_secs(3), || {
        iopsite::single::check_agreement(&text)
    });
    assert!(diags.error_count() > 2000);
}
