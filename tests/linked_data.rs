//! The JSON-LD on the pages: each agreement page has one schema.org `MonetaryGrant` block and
//! each organisation page one `GovernmentOrganization` or `NGO` block; they parse as JSON; the
//! `SE-ON` identifiers are the organisation numbers the YAML gives (normalised to ten digits);
//! and an amount appears only when the decided public total is wholly known (an unknown
//! amount is never 0, nor a lower bound).

mod common;
use common::fixtures;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use iopsite::BuildOptions;
use serde_json::Value;

const OPEN: &str = "<script type=\"application/ld+json\">";

fn build(site: &Path, as_of: (i32, u32, u32)) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().expect("temporary folder");
    let dir = out.path().join("site");
    let options = BuildOptions {
        as_of: NaiveDate::from_ymd_opt(as_of.0, as_of.1, as_of.2),
        ..Default::default()
    };
    iopsite::build(site, Some(&dir), &options).unwrap_or_else(|e| panic!("{e}: {e:?}"));
    (out, dir)
}

/// The example site and the `truthful` fixture: their content folders and built output.
fn sites() -> Vec<(PathBuf, tempfile::TempDir, PathBuf)> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let truthful = fixtures().join("truthful");
    let (a, example) = build(&repo, (2026, 11, 23));
    let (b, fixture) = build(&truthful, (2026, 11, 29));
    vec![(repo, a, example), (truthful, b, fixture)]
}

/// The parsed JSON-LD blocks of a page.
fn blocks(page: &Path) -> Vec<Value> {
    let html = fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    html.match_indices(OPEN)
        .map(|(at, _)| {
            let body = &html[at + OPEN.len()..];
            let text = &body[..body.find("</script>").expect("a closed script")];
            serde_json::from_str(text)
                .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {text}", page.display()))
        })
        .collect()
}

/// The one block of a page.
fn block(page: &Path) -> Value {
    let mut all = blocks(page);
    assert_eq!(
        all.len(),
        1,
        "{}: {} JSON-LD blocks",
        page.display(),
        all.len()
    );
    all.remove(0)
}

/// The `.html` files directly in `dir`.
fn pages(dir: &Path) -> Vec<PathBuf> {
    let mut list: Vec<PathBuf> = fs::read_dir(dir)
        .expect("a folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    list.sort();
    list
}

/// The digits of every organisation number in the content's YAML, with the names given to it.
fn yaml_numbers(content: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in fs::read_dir(content.join("content/agreements")).expect("agreements") {
        let text = fs::read_to_string(file.expect("an entry").path()).expect("YAML");
        let yaml: Value = serde_saphyr::from_str(&text).expect("YAML as a value");
        for party in yaml["parties"].as_array().expect("parties") {
            let Some(number) = party["org_number"].as_str() else {
                continue;
            };
            let digits: String = number.chars().filter(char::is_ascii_digit).collect();
            assert_eq!(digits.len(), 10, "{number}");
            let name = party["name"].as_str().expect("a name").to_string();
            names.entry(digits).or_default().insert(name);
        }
    }
    names
}

/// The ten digits of an organisation node's `SE-ON` identifier, checking both its forms.
fn se_on(node: &Value) -> Option<String> {
    let ids = node["identifier"].as_array()?;
    let digits = ids
        .iter()
        .find(|i| i["propertyID"] == "SE-ON")
        .and_then(|i| i["value"].as_str())
        .expect("a PropertyValue with propertyID SE-ON")
        .to_string();
    assert!(
        ids.contains(&Value::String(format!("SE-ON-{digits}"))),
        "{node}: no SE-ON-{digits}"
    );
    Some(digits)
}

#[test]
fn organisation_pages_carry_their_se_on_numbers() {
    for (content, _dir, site) in sites() {
        let names = yaml_numbers(&content);
        let mut seen = BTreeSet::new();
        for page in pages(&site.join("organisations")) {
            let node = block(&page);
            assert_eq!(node["@context"], "https://schema.org");
            let kind = node["@type"].as_str().expect("a type");
            assert!(["GovernmentOrganization", "NGO"].contains(&kind), "{kind}");
            assert!(
                node["url"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("https://"))
            );
            let Some(digits) = se_on(&node) else {
                continue;
            };
            // 2…: public bodies; the others here are associations and foundations.
            assert_eq!(
                kind == "GovernmentOrganization",
                digits.starts_with('2'),
                "{node}"
            );
            let name = node["name"].as_str().expect("a name");
            let known = names
                .get(&digits)
                .unwrap_or_else(|| panic!("{digits} is in no YAML"));
            assert!(
                known.contains(name),
                "{name} is not a name of {digits}: {known:?}"
            );
            seen.insert(digits);
        }
        let all: BTreeSet<String> = names.keys().cloned().collect();
        assert_eq!(
            seen, all,
            "every organisation number has its page's JSON-LD"
        );
    }
}

#[test]
fn agreement_pages_carry_a_monetary_grant() {
    for (content, _dir, site) in sites() {
        let names = yaml_numbers(&content);
        let data = fs::read_to_string(site.join("data/agreements.json")).expect("data");
        let data: Value = serde_json::from_str(&data).expect("JSON");
        for a in data.as_array().expect("a list") {
            let id = a["id"].as_str().expect("an id");
            let grant = block(&site.join(format!("agreements/{id}.html")));
            assert_eq!(grant["@type"], "MonetaryGrant");
            assert_eq!(grant["name"], a["title"]);
            assert_eq!(grant["identifier"][0], id);
            assert!(grant.get("startDate").is_none() && grant.get("endDate").is_none());
            let funders = grant["funder"].as_array().expect("funders");
            assert!(
                funders
                    .iter()
                    .all(|f| f["@type"] == "GovernmentOrganization")
            );
            let recipients = grant["fundedItem"].as_array().expect("recipients");
            assert!(!recipients.is_empty() && recipients.iter().all(|r| r["@type"] == "NGO"));
            // Their numbers are numbers the YAML gives those names (a party without one is
            // recognised by name as the organisation another agreement numbers).
            for node in funders.iter().chain(recipients) {
                if let Some(digits) = se_on(node) {
                    let name = node["name"].as_str().expect("a name");
                    assert!(names[&digits].contains(name), "{id}: {name} {digits}");
                }
            }
            // An amount only when the decided public total is wholly known, and then it.
            // `public_total` is a number only when every amount in it is known (else `null`).
            let known = a["public_total"].is_i64();
            match grant.get("amount") {
                Some(amount) => {
                    assert!(known, "{id}: an amount for a total not wholly known");
                    assert_eq!(amount["currency"], "SEK");
                    assert_eq!(amount["value"], a["public_total"], "{id}");
                }
                None => assert!(!known, "{id}: no amount for a known total"),
            }
        }
    }
}

#[test]
fn an_unknown_amount_has_no_amount() {
    let (_dir, site) = build(&fixtures().join("truthful"), (2026, 11, 29));
    let grant = block(&site.join("agreements/laxhjalp-okant-belopp.html"));
    assert!(grant.get("amount").is_none(), "{grant}");
    // The example's Malmö agreement is wholly known: 800 000 kr a year for 2021–2024.
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (_dir, site) = build(&repo, (2026, 11, 23));
    let grant = block(&site.join("agreements/malmo-region-skane-roda-korset-barn.html"));
    assert_eq!(grant["amount"]["value"], 3_200_000, "{grant}");
}

#[test]
fn other_pages_have_no_json_ld() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (_dir, site) = build(&repo, (2026, 11, 23));
    for page in pages(&site) {
        assert!(blocks(&page).is_empty(), "{}", page.display());
    }
}
