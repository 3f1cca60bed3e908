//! `data/360giving.json`: one grant per agreement and public funder with decided money, its
//! amount the funder's decided money as the funding file gives it, co-funders pointing at each
//! other, unknown totals left out rather than understated, goals as SDG classifications.

mod common;
use common::{copy_dir, fixtures};

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use iopsite::BuildOptions;
use serde_json::Value;

const MALMO: &str = "malmo-region-skane-roda-korset-barn";

fn as_of() -> BuildOptions {
    BuildOptions {
        as_of: Some(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()),
        ..Default::default()
    }
}

/// A built site: its output folder (kept alive) and the model it was built from.
struct Built {
    out: tempfile::TempDir,
    outcome: iopsite::Outcome,
}

impl Built {
    fn read(&self, path: &str) -> Vec<u8> {
        fs::read(self.out.path().join("site").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn json(&self, path: &str) -> Value {
        serde_json::from_slice(&self.read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn grants(&self) -> Vec<Value> {
        let package = self.json("data/360giving.json");
        package["grants"]
            .as_array()
            .expect("grants is a list")
            .clone()
    }

    fn prefix(&self) -> &str {
        &self.outcome.site.config.grant_id_prefix
    }
}

fn build(dir: &Path) -> Built {
    let out = tempfile::tempdir().unwrap();
    let outcome = iopsite::build(dir, Some(&out.path().join("site")), &as_of())
        .unwrap_or_else(|e| panic!("{e}: {e:?}"));
    Built { out, outcome }
}

fn example() -> Built {
    build(&PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// The grants of agreement `id`: those whose page is the agreement's.
fn grants_of<'a>(grants: &'a [Value], id: &str) -> Vec<&'a Value> {
    let page = format!("/agreements/{id}.html");
    grants
        .iter()
        .filter(|g| g["url"].as_str().is_some_and(|u| u.ends_with(&page)))
        .collect()
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

/// The funder's organisation id of a grant.
fn funder_id(grant: &Value) -> &str {
    let funders = grant["fundingOrganization"].as_array().unwrap();
    assert_eq!(funders.len(), 1, "one funder per grant: {grant}");
    str_of(&funders[0]["id"])
}

/// The rows of `data/funding.json` of one agreement and funder (by organisation number).
fn funding_rows<'a>(rows: &'a [Value], agreement: &str, org_number: &str) -> Vec<&'a Value> {
    rows.iter()
        .filter(|r| r["agreement"] == agreement && r["funder_org_number"] == org_number)
        .collect()
}

#[test]
fn malmo_gives_one_grant_per_public_funder_of_its_decided_money() {
    let site = example();
    let grants = site.grants();
    let malmo = grants_of(&grants, MALMO);
    let entry = site
        .outcome
        .site
        .agreement(MALMO)
        .expect("the Malmö agreement");
    let public: Vec<String> = entry
        .agreement
        .parties
        .iter()
        .filter(|p| p.kind == iopsite::model::types::PartyKind::Public)
        .map(|p| p.org_number.as_ref().expect("numbered").to_string())
        .collect();
    assert_eq!(public.len(), 2, "Region Skåne and Malmö stad");
    assert_eq!(malmo.len(), 2, "one grant per public funder: {malmo:?}");

    let funding = site.json("data/funding.json");
    let rows = funding.as_array().unwrap();
    for number in &public {
        let org_id = format!("SE-ON-{}", number.replace('-', ""));
        let grant = malmo
            .iter()
            .find(|g| funder_id(g) == org_id)
            .unwrap_or_else(|| panic!("no grant funded by {org_id}"));
        let lines = funding_rows(rows, MALMO, number);
        let decided: Vec<_> = lines
            .iter()
            .filter(|r| r["decision_status"] == "decided" && r["kind"] == "public")
            .collect();
        assert!(decided.iter().all(|r| r["amount_status"] == "known"));
        let decided_total: i64 = decided.iter().map(|r| r["amount"].as_i64().unwrap()).sum();
        let proposed: i64 = lines
            .iter()
            .filter(|r| r["decision_status"] == "proposed")
            .map(|r| r["amount"].as_i64().unwrap())
            .sum();
        assert!(proposed > 0, "the 2025 proposal gives {number} money");
        assert_eq!(grant["amountAwarded"].as_i64(), Some(decided_total));
        assert_eq!(grant["currency"], "SEK");
        // The proposed extension to 2025 is not decided: it is not in the planned end either.
        assert_eq!(grant["plannedDates"][0]["endDate"], "2024-12-31");
        assert_eq!(
            grant["id"],
            format!("{}-{MALMO}-{}", site.prefix(), number.replace('-', ""))
        );
        assert_eq!(
            grant["recipientOrganization"][0]["id"], "SE-ON-8020028711",
            "Svenska Röda Korset"
        );
    }

    let (a, b) = (malmo[0], malmo[1]);
    assert_eq!(a["relatedActivity"], Value::from(vec![b["id"].clone()]));
    assert_eq!(b["relatedActivity"], Value::from(vec![a["id"].clone()]));
    for (grant, other) in [(a, b), (b, a)] {
        let other_name = str_of(&other["fundingOrganization"][0]["name"]);
        let description = str_of(&grant["description"]);
        assert!(
            description.contains("finansieras även av")
                && description.ends_with(&format!("{other_name}.")),
            "the description names the co-funder: {description}"
        );
    }
}

#[test]
fn every_grant_id_has_the_site_prefix_and_no_two_are_equal() {
    for site in [example(), build(&fixtures().join("truthful"))] {
        let grants = site.grants();
        assert!(!grants.is_empty());
        let prefix = format!("{}-", site.prefix());
        let ids: BTreeSet<&str> = grants.iter().map(|g| str_of(&g["id"])).collect();
        assert_eq!(ids.len(), grants.len(), "ids are unique");
        for id in &ids {
            assert!(id.starts_with(&prefix), "{id} starts with {prefix}");
        }
        for org in grants.iter().flat_map(|g| {
            let funders = g["fundingOrganization"].as_array().unwrap();
            let recipients = g["recipientOrganization"].as_array().unwrap();
            funders.iter().chain(recipients)
        }) {
            let id = str_of(&org["id"]);
            let se_on = id
                .strip_prefix("SE-ON-")
                .is_some_and(|d| d.len() == 10 && d.bytes().all(|b| b.is_ascii_digit()));
            assert!(se_on || id.starts_with(&format!("{prefix}org-")), "{id}");
        }
    }
}

#[test]
fn a_grant_whose_total_is_not_known_is_left_out() {
    // The example: Kalmar Stadsmission's amount is not published ("Se bilaga").
    let site = example();
    let grants = site.grants();
    assert!(grants_of(&grants, "kalmar-stadsmission").is_empty());
    assert_eq!(grants_of(&grants, "kalmar-roda-korset-kupan").len(), 1);
    assert_eq!(grants_of(&grants, "kalmar-kvinnojouren").len(), 1);

    // The truthful fixture: 2024 is known, 2025 is not; a lower bound is not the award.
    let truthful = build(&fixtures().join("truthful"));
    let grants = truthful.grants();
    assert!(grants_of(&grants, "laxhjalp-okant-belopp").is_empty());
    // A sum for several years together, known, is a grant; its dates as rough as known.
    let approximate = grants_of(&grants, "motesplats-ungefar");
    assert_eq!(approximate.len(), 1);
    assert_eq!(approximate[0]["amountAwarded"], 1_500_000);
    assert_eq!(approximate[0]["plannedDates"][0]["startDate"], "2018");
    assert_eq!(approximate[0]["plannedDates"][0]["endDate"], "2020");
    assert_eq!(approximate[0]["awardDate"], "2018-01-01");
}

/// A site of one agreement with three public parties: one known funder, one with an
/// unpublished year, one with only proposed money; signatures dated.
fn co_funded_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("minimal"), dir.path());
    let content = dir.path().join("content");
    fs::remove_dir_all(content.join("reports")).unwrap();
    fs::remove_file(content.join("agreements/base.yaml")).unwrap();
    fs::write(content.join("agreements/samfinansierad.yaml"), CO_FUNDED).unwrap();
    dir
}

const CO_FUNDED: &str = "\
title: Överenskommelse om en samfinansierad mötesplats
summary: Testkommunen och Testregionen finansierar tillsammans Testföreningens mötesplats.
sources:
  - title: Överenskommelsen
parties:
  - name: Testkommunen
    kind: public
    org_number: 212000-0746
    signatories:
      - name: Anna Andersson
        date: 2023-11-20
  - name: Testregionen
    kind: public
    org_number: 232100-0255
    signatories:
      - name: Bo Berg
        date: 2023-12-05
  - name: Grannkommunen
    kind: public
  - name: Testföreningen
    kind: nonprofit
    org_number: 832401-8780
    signatories:
      - name: Cilla Ek
        date: 2023-12
period:
  start: 2024-01-01
  end: 2025-12-31
funding:
  - years: 2024-2025
    funder: Testkommunen
    amount: 100000
  - years: 2024
    funder: Testregionen
    amount: 50000
  - years: 2025
    funder: Testregionen
    amount: unpublished
decisions:
  - date: 2024-05-01
    body: Grannkommunens socialnämnd
    status: proposed
    summary: Förslag om bidrag för 2025.
    funding:
      - years: 2025
        funder: Grannkommunen
        amount: 30000
goals:
  - goal: 4
    basis: assessed
";

#[test]
fn unpublished_and_proposed_money_make_no_grant_and_no_link() {
    let dir = co_funded_site();
    let site = build(dir.path());
    let grants = site.grants();
    assert_eq!(
        grants.len(),
        1,
        "only Testkommunen's total is known: {grants:?}"
    );
    let grant = &grants[0];
    assert_eq!(funder_id(grant), "SE-ON-2120000746");
    assert_eq!(grant["amountAwarded"], 200_000);
    // No id of a grant that is not in the file; the text still tells of the co-funder.
    assert_eq!(grant["relatedActivity"], Value::Array(Vec::new()));
    let description = str_of(&grant["description"]);
    assert!(
        description.ends_with("finansieras även av: Testregionen."),
        "{description}"
    );
    // The agreement holds from the last signature, which is the date of the award.
    assert_eq!(grant["awardDate"], "2023-12-05");
    assert_eq!(grant["iopsite:awardDateIs"], "signed");
    assert_eq!(grant["plannedDates"][0]["duration"], 24);
}

#[test]
fn without_a_dated_signature_the_award_date_is_the_start() {
    let site = example();
    for grant in site.grants() {
        let url = str_of(&grant["url"]);
        let id = url
            .rsplit('/')
            .next()
            .and_then(|f| f.strip_suffix(".html"))
            .unwrap();
        let entry = site.outcome.site.agreement(id).unwrap();
        assert!(entry.signed().is_none(), "the example dates no signature");
        assert_eq!(grant["iopsite:awardDateIs"], "start");
        assert_eq!(
            grant["awardDate"],
            entry.agreement.period.start.first.to_string()
        );
    }
}

#[test]
fn goals_become_sdg_classifications() {
    let site = example();
    let agreements = site.json("data/agreements.json");
    let goals_of: BTreeMap<&str, String> = agreements
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let goals: Vec<String> = a["goals"]
                .as_array()
                .unwrap()
                .iter()
                .map(ToString::to_string)
                .collect();
            (str_of(&a["id"]), goals.join("; "))
        })
        .collect();
    let strings = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/sv.yaml"),
    )
    .unwrap();
    let grants = site.grants();
    assert!(!grants.is_empty());
    for grant in &grants {
        let page = str_of(&grant["url"]);
        let id = &page[page.rfind('/').unwrap() + 1..page.len() - ".html".len()];
        let classifications = grant["classifications"].as_array().unwrap();
        let codes: Vec<&str> = classifications.iter().map(|c| str_of(&c["code"])).collect();
        assert_eq!(codes.join("; "), goals_of[id], "{id}");
        for c in classifications {
            let code = str_of(&c["code"]);
            assert_eq!(c["url"], format!("http://metadata.un.org/sdg/{code}"));
            assert_eq!(c["vocabulary"], "http://metadata.un.org/sdg");
            let line = format!("goal_{code}: \"{}\"", str_of(&c["title"]));
            assert!(strings.contains(&line), "the theme's name of goal {code}");
        }
    }
}

#[test]
fn the_package_is_the_same_from_build_to_build() {
    let (first, second) = (example(), example());
    assert_eq!(
        first.read("data/360giving.json"),
        second.read("data/360giving.json")
    );
    let package = first.json("data/360giving.json");
    assert_eq!(package["version"], "1.4");
    assert_eq!(package["license"], first.outcome.site.config.license.url());
    let ids: Vec<&str> = package["grants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| str_of(&g["id"]))
        .collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "grants in id order");
}
