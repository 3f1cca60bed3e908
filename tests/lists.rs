//! The lists behind sorting and filtering tables in the browser: `lists/agreement-filters.js`
//! and `lists/agreements.js` of the example site.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use iopsite::BuildOptions;
use serde_json::Value;

fn options() -> BuildOptions {
    BuildOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        ..Default::default()
    }
}

/// Builds the example site into `out`.
fn build(out: &Path) -> iopsite::Outcome {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    iopsite::build(&repo, Some(out), &options()).unwrap_or_else(|e| panic!("{e}: {e:?}"))
}

/// The JSON that `iopRows.NAME(…);` hands over.
fn unwrap_call(text: &str, name: &str) -> Value {
    let inner = text
        .strip_prefix(&format!("iopRows.{name}("))
        .and_then(|rest| rest.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("not a call of iopRows.{name}: {text:.80}"));
    serde_json::from_str(inner).unwrap_or_else(|e| panic!("{e}: {inner:.200}"))
}

#[test]
fn the_lists_hold_every_agreement_once_and_are_the_same_each_build() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let outcome = build(&a);
    build(&b);
    let site = &outcome.site;
    let ids: BTreeSet<&str> = site
        .agreements
        .iter()
        .map(|e| e.agreement.id.as_str())
        .collect();

    for path in ["lists/agreement-filters.js", "lists/agreements.js"] {
        let first = fs::read(a.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(first, fs::read(b.join(path)).unwrap(), "{path} differs");
    }

    let rows = unwrap_call(
        &fs::read_to_string(a.join("lists/agreements.js")).unwrap(),
        "load",
    );
    let listed: Vec<&str> = rows["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["i"].as_str().unwrap())
        .collect();
    assert_eq!(listed.len(), ids.len(), "{listed:?}");
    assert_eq!(listed.iter().copied().collect::<BTreeSet<_>>(), ids);
    // Each row's organisations are places in the list of organisations.
    let orgs = rows["orgs"].as_array().unwrap().len();
    for row in rows["rows"].as_array().unwrap() {
        for o in row["o"].as_array().unwrap() {
            assert!(o.as_u64().unwrap() < orgs as u64, "{row}");
        }
    }
    // The decided end counts, not a proposed extension: 002 ends 2024, 004 only proposes 2025.
    let barn = &rows["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["i"] == "malmo-region-skane-roda-korset-barn")
        .unwrap();
    assert_eq!(barn["y"], serde_json::json!([2021, 2024]));
    assert_eq!(barn["p"]["p"], "2025-12-31");

    let filters = unwrap_call(
        &fs::read_to_string(a.join("lists/agreement-filters.js")).unwrap(),
        "filters",
    );
    assert_eq!(filters["total"], ids.len());
    let bodies: Vec<&str> = filters["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b[1].as_str().unwrap())
        .collect();
    // Swedish order, and only public bodies.
    assert_eq!(bodies, ["Kalmar kommun", "Malmö stad", "Region Skåne"]);
    assert_eq!(filters["years"], serde_json::json!([2021, 2027]));
}

#[test]
fn the_table_rows_carry_what_the_filter_reads() {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path());
    let html = fs::read_to_string(dir.path().join("agreements.html")).unwrap();
    assert!(html.contains(r#"<table class="data-table agreement-table sortable stack""#));
    assert!(html.contains(r#"<form class="table-filter" hidden"#));
    assert!(html.contains(r#"data-rows-src="lists/agreements.js""#));
    assert!(html.contains(
        r#"<tr data-bodies="organisations/region-skane.html organisations/malmo-stad.html " data-goals="3 10 " data-status="ended" data-years="2021 2024">"#
    ));
    // Home has the table, without a filter that loads every agreement.
    let home = fs::read_to_string(dir.path().join("index.html")).unwrap();
    assert!(!home.contains("data-rows-src"));
    assert!(home.contains(r#"<script src="tables.js" defer></script>"#));
}
