//! Public bodies: a page per municipality, region and agency with its units, its figures
//! the sums of its own funding rows, its own data files, and an index in Swedish
//! alphabetical order.

mod common;
use common::{copy_dir, fixtures};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use iopsite::BuildOptions;
use iopsite::model::Site;
use iopsite::model::bodies::Unit;
use serde_json::Value;

const NBSP: &str = "\u{a0}";

fn as_of() -> BuildOptions {
    BuildOptions {
        as_of: Some(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()),
        ..Default::default()
    }
}

/// Builds the site in `dir` into a temporary folder; the output is `out/site`.
fn build(dir: &Path) -> (tempfile::TempDir, iopsite::Outcome) {
    let out = tempfile::tempdir().unwrap();
    let outcome = iopsite::build(dir, Some(&out.path().join("site")), &as_of())
        .unwrap_or_else(|e| panic!("{e}: {e:?}"));
    (out, outcome)
}

fn example() -> (tempfile::TempDir, iopsite::Outcome) {
    build(&PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

fn read(out: &Path, path: &str) -> String {
    fs::read_to_string(out.join("site").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(out: &Path, path: &str) -> Vec<Value> {
    serde_json::from_str(&read(out, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Whole kronor as the Swedish pages write them: `1 070 000 kr` with no-break spaces.
fn kr(kronor: i64) -> String {
    let digits = kronor.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(NBSP);
        }
        grouped.push(c);
    }
    let sign = if kronor < 0 { "-" } else { "" };
    format!("{sign}{grouped}{NBSP}kr")
}

/// The first cell after the row header `<th scope="row">{year}</th>`: the year's total.
fn year_total(html: &str, year: i64) -> &str {
    // The cell may carry a `data-label` (its column's name, for phones) before its `>`.
    let head = format!("<th scope=\"row\">{year}</th>\n<td class=\"num\"");
    let at = html
        .find(&head)
        .unwrap_or_else(|| panic!("no row for {year}"))
        + head.len();
    let at = at + html[at..].find('>').unwrap() + 1;
    &html[at..at + html[at..].find("</td>").unwrap()]
}

/// The value of the fact `label` of a page's facts list.
fn fact<'a>(html: &'a str, label: &str) -> &'a str {
    let head = format!("<dt>{label}</dt><dd>");
    let at = html
        .find(&head)
        .unwrap_or_else(|| panic!("no fact {label}"))
        + head.len();
    &html[at..at + html[at..].find("</dd>").unwrap()]
}

/// Whether a party written with `number` (empty: none) and `name` is the organisation with
/// `org_number` and `org_name`: the same number, or, without a number, the same name.
fn is_org(number: &str, name: &str, org_number: Option<&str>, org_name: &str) -> bool {
    if number.is_empty() {
        name.to_lowercase() == org_name.to_lowercase()
    } else {
        Some(number) == org_number
    }
}

/// Whether a funding record is given by the organisation.
fn given_by(row: &Value, number: Option<&str>, name: &str) -> bool {
    is_org(
        row["funder_org_number"].as_str().unwrap_or(""),
        row["funder"].as_str().unwrap(),
        number,
        name,
    )
}

/// Decided known money per year (lines for one year) and in all (every line), from funding
/// rows.
fn sums(rows: &[&Value]) -> (BTreeMap<i64, i64>, i64) {
    let mut by_year = BTreeMap::new();
    let mut total = 0;
    for row in rows {
        if row["decision_status"] != "decided" {
            continue;
        }
        // Amounts not published or not known are left out: the page says "at least".
        let Some(amount) = row["amount"].as_i64() else {
            continue;
        };
        total += amount;
        if row["amount_for"] == "each_year" {
            for year in row["year"].as_i64().unwrap()..=row["last_year"].as_i64().unwrap() {
                *by_year.entry(year).or_insert(0) += amount;
            }
        }
    }
    (by_year, total)
}

/// The unit a funding record goes through: its own, else the funder party's.
fn unit_of(site: &Site, row: &Value) -> Option<String> {
    if let Some(unit) = row["unit"].as_str() {
        return Some(unit.to_lowercase());
    }
    let entry = site.agreement(row["agreement"].as_str().unwrap()).unwrap();
    let party = entry
        .agreement
        .parties
        .iter()
        .find(|p| p.name == row["funder"].as_str().unwrap())
        .unwrap();
    party.unit.as_deref().map(str::to_lowercase)
}

/// Checks every public body of a built site: its page, figures and data files, and its
/// units' pages, figures and data files, against the site-wide data files. Returns how many
/// units there are.
fn check_bodies(out: &Path, site: &Site) -> usize {
    let funding = json(out, "data/funding.json");
    let agreements = json(out, "data/agreements.json");
    let mut units = 0;
    for body in &site.bodies {
        let org = &site[body.org];
        let number = org.org_number.as_ref().map(ToString::to_string);
        let page = read(out, &format!("organisations/{}.html", org.id));
        assert!(
            page.contains("public-bodies.html"),
            "{}: breadcrumb",
            org.id
        );
        // Its funding rows, and the figures on its page.
        let rows: Vec<&Value> = funding
            .iter()
            .filter(|r| given_by(r, number.as_deref(), &org.name))
            .collect();
        check_figures(&page, &rows, &org.id);
        // Its own data files hold exactly its rows.
        let data = format!("data/organisations/{}", org.id);
        let expected: Vec<Value> = rows.iter().map(|r| (*r).clone()).collect();
        assert_eq!(
            json(out, &format!("{data}/funding.json")),
            expected,
            "{data}"
        );
        let csv = read(out, &format!("{data}/funding.csv"));
        assert_eq!(
            csv.lines().count(),
            rows.len() + 1,
            "{data}: header and rows"
        );
        let expected: Vec<Value> = agreements
            .iter()
            .filter(|a| {
                a["parties"].as_array().unwrap().iter().any(|p| {
                    let n = p["org_number"].as_str().unwrap_or("");
                    let name = p["name"].as_str().unwrap();
                    is_org(n, name, number.as_deref(), &org.name)
                })
            })
            .cloned()
            .collect();
        assert_eq!(
            json(out, &format!("{data}/agreements.json")),
            expected,
            "{data}"
        );
        for unit in &body.units {
            units += 1;
            let path = format!("organisations/{}/units/{}.html", org.id, unit.id);
            assert!(
                page.contains(&format!("href=\"../{path}\"")),
                "{path} linked"
            );
            let unit_rows: Vec<&Value> = rows
                .iter()
                .filter(|r| unit_of(site, r).as_deref() == Some(&unit.name.to_lowercase()))
                .copied()
                .collect();
            check_unit(out, site, &path, unit, &unit_rows);
        }
    }
    units
}

/// The total and the money per year on a body's or unit's page are those of `rows`.
fn check_figures(page: &str, rows: &[&Value], what: &str) {
    let (by_year, total) = sums(rows);
    if rows
        .iter()
        .any(|r| r["decision_status"] == "decided" && r["amount"].is_i64())
    {
        let given = fact(page, "Ger");
        assert!(
            given.contains(&kr(total)),
            "{what}: {} in {given}",
            kr(total)
        );
    }
    for (year, kronor) in &by_year {
        let row = year_total(page, *year);
        assert!(
            row.contains(&kr(*kronor)),
            "{what} {year}: {} in {row}",
            kr(*kronor)
        );
    }
}

/// A unit's page links back to its body and shows the money of `rows`; its data files hold
/// its agreements and exactly `rows`.
fn check_unit(out: &Path, site: &Site, path: &str, unit: &Unit, rows: &[&Value]) {
    let page = read(out, path);
    let body = path.split("/units/").next().unwrap();
    assert!(
        page.contains(&format!("href=\"../../../{body}.html\"")),
        "{path}: back"
    );
    check_figures(&page, rows, path);
    let data = format!("data/{}", path.trim_end_matches(".html"));
    let expected: Vec<Value> = rows.iter().map(|r| (*r).clone()).collect();
    assert_eq!(
        json(out, &format!("{data}/funding.json")),
        expected,
        "{data}"
    );
    let ids: Vec<String> = json(out, &format!("{data}/agreements.json"))
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    // The data file keeps the site-wide file's order, by id.
    let mut expected: Vec<String> = unit
        .agreements
        .iter()
        .map(|&a| site[a].agreement.id.clone())
        .collect();
    expected.sort();
    assert_eq!(ids, expected, "{data}: agreements.json");
    for r in rows {
        assert!(
            ids.iter().any(|id| id == r["agreement"].as_str().unwrap()),
            "{path}"
        );
    }
}

#[test]
fn the_example_bodies_have_pages_units_figures_and_their_own_rows() {
    let (out, outcome) = example();
    let site = &outcome.site;
    assert!(
        site.bodies.len() >= 3,
        "Kalmar kommun, Malmö stad, Region Skåne"
    );
    assert!(
        check_bodies(out.path(), site) >= 3,
        "the example's boards and departments"
    );
    // Malmö stad's board, as the agreement names it, has a page of its own.
    let malmo = read(out.path(), "organisations/malmo-stad.html");
    assert!(malmo.contains(
        "href=\"../organisations/malmo-stad/units/arbetsmarknads-och-socialnamnden.html\">Arbetsmarknads- och socialnämnden</a>"
    ));
}

#[test]
fn fixture_bodies_count_decided_money_through_their_units() {
    let (out, outcome) = build(&fixtures().join("bodies"));
    let site = &outcome.site;
    check_bodies(out.path(), site);
    let ale = read(out.path(), "organisations/ale-kommun.html");
    // A unit written in another case is the same unit; a line without one counts towards
    // the party's unit.
    assert_eq!(ale.matches("/units/").count(), 2, "two units of Ale");
    // Åre gives through its board in one agreement and through no named unit in another.
    let are = read(out.path(), "organisations/are-kommun.html");
    assert!(are.contains("<th scope=\"row\">Ingen enhet angiven</th>"));
    assert!(are.contains("<th scope=\"col\" class=\"num\">Ingen enhet angiven</th>"));
    // Zinkgruvan names no unit, and its proposed 2025 is not counted.
    let zinkgruvan = read(out.path(), "organisations/zinkgruvans-kommun.html");
    assert!(!zinkgruvan.contains("/units/"));
    assert!(!zinkgruvan.contains("<th scope=\"row\">2025</th>"));
}

/// The positions of `needles` in `haystack`, each found.
fn positions(haystack: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| haystack.find(n).unwrap_or_else(|| panic!("{n} missing")))
        .collect()
}

#[test]
fn the_index_groups_bodies_and_orders_them_in_swedish() {
    let (out, _) = build(&fixtures().join("bodies"));
    let index = read(out.path(), "public-bodies.html");
    // Groups in order: municipalities, regions, agencies, the rest.
    let groups = positions(
        &index,
        &[
            "id=\"municipalities\">Kommuner",
            "id=\"regions\">Regioner",
            "id=\"agencies\">Statliga myndigheter",
            "id=\"other\">Andra offentliga aktörer",
        ],
    );
    assert!(groups.is_sorted(), "{groups:?}");
    // Within municipalities: Z before Å, Ä, Ö.
    let names = positions(
        &index,
        &[
            ">Ale kommun</a>",
            ">Zinkgruvans kommun</a>",
            ">Åre kommun</a>",
            ">Älvdalens kommun</a>",
            ">Örebro kommun</a>",
            ">Region Östergötland</a>",
            ">Statens skolverk</a>",
            ">Läxhjälpsförbundet</a>",
        ],
    );
    assert!(names.is_sorted(), "{names:?}");
    // A jump list of the letters that occur, each to its anchor.
    for key in ["a", "z", "aa", "ae", "oe"] {
        let anchor = format!("letter-municipalities-{key}");
        assert!(index.contains(&format!("href=\"#{anchor}\"")), "{anchor}");
        assert!(index.contains(&format!("id=\"{anchor}\"")), "{anchor}");
    }
    assert!(!index.contains("letter-municipalities-b\""));
    assert!(index.contains("public-bodies.html\" aria-current=\"page\""));
}

#[test]
fn a_body_with_many_agreements_has_pages_that_link_to_each_other() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("bodies"), dir.path());
    for i in 0..105 {
        let text = format!(
            "title: Överenskommelse nummer {i}\nform: iop\nsummary: En av många.\nsources:\n  - title: Avtalet\nparties:\n  - name: Ale kommun\n    kind: public\n    org_number: 212000-1447\n    unit: Kultur- och fritidsnämnden\n  - name: Förening {i}\n    kind: nonprofit\nperiod:\n  start: 2024-01-01\n  end: 2024-12-31\nfunding:\n  - years: 2024\n    funder: Ale kommun\n    amount: 1000\n"
        );
        fs::write(
            dir.path()
                .join(format!("content/agreements/many-{i:03}.yaml")),
            text,
        )
        .unwrap();
    }
    let (out, outcome) = build(dir.path());
    let out = out.path();
    let first = read(out, "organisations/ale-kommun.html");
    let second = read(out, "organisations/ale-kommun/page-2.html");
    assert!(first.contains("href=\"../organisations/ale-kommun/page-2.html\""));
    assert!(second.contains("href=\"../../organisations/ale-kommun.html\""));
    assert!(second.contains("<title>Ale kommun, sida 2 av 2"));
    // 107 agreements: 100 on the first page, 7 on the second.
    assert_eq!(
        first
            .matches("<th scope=\"row\"><a href=\"../agreements/")
            .count(),
        100
    );
    assert_eq!(
        second
            .matches("<th scope=\"row\"><a href=\"../../agreements/")
            .count(),
        7
    );
    assert!(
        !out.join("site/organisations/ale-kommun/page-3.html")
            .exists()
    );
    let ale = outcome
        .site
        .organisations
        .iter()
        .find(|o| o.id == "ale-kommun")
        .unwrap();
    assert_eq!(ale.agreement_count(), 107);
    let unit = "organisations/ale-kommun/units/kultur-och-fritidsnamnden";
    let unit_first = read(out, &format!("{unit}.html"));
    let unit_second = read(out, &format!("{unit}/page-2.html"));
    assert!(unit_first.contains(&format!("href=\"../../../{unit}/page-2.html\"")));
    assert!(unit_second.contains(&format!("href=\"../../../../{unit}.html\"")));
}

/// Every file under `dir` by its relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e.path().strip_prefix(dir).unwrap().display().to_string();
            (path, fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn bodies_come_out_the_same_every_build() {
    let (a, _) = build(&fixtures().join("bodies"));
    let (b, _) = build(&fixtures().join("bodies"));
    let (a, b) = (files(&a.path().join("site")), files(&b.path().join("site")));
    assert!(a.keys().any(|p| p.starts_with("data/organisations/")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{path} differs");
    }
}
