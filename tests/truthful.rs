//! Pages and data files say exactly what the content knows: unknown and unpublished money
//! apart and never 0, periods known only to the year, outcomes that ended or judged an
//! agreement, proposed money apart from decided money, reports followed only from a year,
//! and the content's language marked on an English site.
//!
//! `tests/fixtures/truthful` holds four made-up but realistic agreements, one per case; the
//! example site in `content/` gives the figures of the seed documents.

mod common;
use common::{copy_dir, fixtures};

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use iopsite::BuildOptions;
use iopsite::model::Status;

const NBSP: &str = "\u{a0}";

fn options(as_of: (i32, u32, u32)) -> BuildOptions {
    BuildOptions {
        as_of: NaiveDate::from_ymd_opt(as_of.0, as_of.1, as_of.2),
        ..Default::default()
    }
}

/// Builds `site` into a temporary folder as of `as_of`.
fn build(site: &Path, as_of: (i32, u32, u32)) -> (tempfile::TempDir, iopsite::Outcome) {
    let out = tempfile::tempdir().unwrap();
    let outcome = iopsite::build(site, Some(&out.path().join("site")), &options(as_of))
        .unwrap_or_else(|e| panic!("{e}: {e:?}"));
    (out, outcome)
}

fn truthful() -> (tempfile::TempDir, iopsite::Outcome) {
    build(&fixtures().join("truthful"), (2026, 11, 29))
}

fn read(out: &Path, path: &str) -> String {
    fs::read_to_string(out.join("site").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The text of an HTML page: tags out (a space for each tag but the inline ones), entities
/// for `&`, `<`, `>` and quotes back, spaces (including no-break spaces) collapsed.
fn text(html: &str) -> String {
    const INLINE: [&str; 5] = ["time", "a", "span", "abbr", "strong"];
    let mut out = String::new();
    let mut tag: Option<String> = None;
    for c in html.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(name), '>') => {
                let name = name.trim_start_matches('/');
                let name = name.split([' ', '/']).next().unwrap_or("");
                if !INLINE.contains(&name) {
                    out.push(' ');
                }
                tag = None;
            }
            (Some(name), c) => name.push(c),
            (None, c) => out.push(c),
        }
    }
    let out = out
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace(NBSP, " ");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The record of `id` in `data/agreements.json`.
fn agreement_json(out: &Path, id: &str) -> serde_json::Value {
    let all: Vec<serde_json::Value> =
        serde_json::from_str(&read(out, "data/agreements.json")).unwrap();
    all.into_iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no record {id}"))
}

/// The rows of `data/*.csv` as maps from header to cell.
fn csv_rows(out: &Path, path: &str) -> Vec<std::collections::BTreeMap<String, String>> {
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
fn an_unknown_amount_is_unknown_everywhere_and_sums_say_at_least() {
    let (out, outcome) = truthful();
    let page = text(&read(out.path(), "agreements/laxhjalp-okant-belopp.html"));
    assert!(
        page.contains("Offentliga medel totalt 300 000 kr + okänt"),
        "{page}"
    );
    assert!(page.contains("okänt"), "{page}");
    assert!(
        !page.contains("ej publicerat"),
        "unknown called unpublished: {page}"
    );
    // The funding note is on the page.
    assert!(page.contains("Nyhetsartikeln säger att finansieringen fortsätter"));

    let json = agreement_json(out.path(), "laxhjalp-okant-belopp");
    assert_eq!(json["public_total"], serde_json::Value::Null);
    assert_eq!(json["public_total_at_least"], 300_000);
    assert_eq!(json["has_unknown_amounts"], true);
    assert_eq!(json["has_unpublished_amounts"], false);

    let rows = csv_rows(out.path(), "data/funding.csv");
    let row_2025 = rows
        .iter()
        .find(|r| r["agreement"] == "laxhjalp-okant-belopp" && r["year"] == "2025")
        .unwrap();
    assert_eq!(row_2025["amount"], "");
    assert_eq!(row_2025["amount_status"], "unknown");
    assert!(row_2025["note"].starts_with("Nyhetsartikeln"));

    let entry = outcome.site.agreement("laxhjalp-okant-belopp").unwrap();
    assert_eq!(entry.total().public.kronor, 300_000);
    assert_eq!(entry.total().public.unknown, 1);
    assert_eq!(entry.missing_reports().collect::<Vec<_>>(), vec![2025]);

    // A report received in a month known only as a month says just that.
    let report = read(out.path(), "reports/laxhjalp-okant-belopp-2024.html");
    assert!(
        report.contains("<time datetime=\"2025-03\">2025-03</time>"),
        "{report}"
    );
}

#[test]
fn a_period_known_by_years_is_shown_as_known() {
    let (out, outcome) = truthful();
    let page = text(&read(out.path(), "agreements/motesplats-ungefar.html"));
    assert!(page.contains("Avtalstid 2018 – 2020, ungefär"), "{page}");
    assert!(
        page.contains("Källan anger datumen ungefärligt"),
        "no word that the dates are approximate: {page}"
    );
    // One sum for the three years, shown as such and counted once.
    assert!(
        page.contains("2018–2020 för åren tillsammans 1 500 000 kr"),
        "{page}"
    );
    assert!(
        page.contains("Offentliga medel totalt 1 500 000 kr"),
        "{page}"
    );
    // Reports are followed from 2021, after the period: no year is "not received".
    assert!(!page.contains("har inte kommit in"), "{page}");

    let json = agreement_json(out.path(), "motesplats-ungefar");
    assert_eq!(json["start"], "2018");
    assert_eq!(json["end"], "2020");
    assert_eq!(json["dates_approximate"], true);
    assert_eq!(json["public_total"], 1_500_000);
    let rows = csv_rows(out.path(), "data/funding.csv");
    let line = rows
        .iter()
        .find(|r| r["agreement"] == "motesplats-ungefar")
        .unwrap();
    assert_eq!(
        (
            line["year"].as_str(),
            line["last_year"].as_str(),
            line["amount_for"].as_str(),
            line["amount"].as_str()
        ),
        ("2018", "2020", "all_years", "1500000")
    );

    // Each year's share is unknown: no year claims the whole sum or 0.
    let entry = outcome.site.agreement("motesplats-ungefar").unwrap();
    for t in entry.totals.values() {
        assert_eq!((t.public.kronor, t.public.unknown), (0, 1));
    }
}

#[test]
fn status_is_said_only_when_the_known_dates_decide_it() {
    let site = fixtures().join("truthful");
    // Within 2020 the end (known only as "2020") may or may not have passed.
    let (out, outcome) = build(&site, (2020, 6, 30));
    let entry = outcome.site.agreement("motesplats-ungefar").unwrap();
    assert_eq!(entry.status, Status::Unclear);
    let page = text(&read(out.path(), "agreements/motesplats-ungefar.html"));
    assert!(page.contains("Status: Oklar"), "{page}");
    assert!(page.contains("Slutdatumet är bara känt till månaden eller året"));
    // In 2019 it certainly runs; after 2020 it has certainly ended.
    let (_, outcome) = build(&site, (2019, 6, 30));
    assert_eq!(
        outcome.site.agreement("motesplats-ungefar").unwrap().status,
        Status::Active
    );
    let (_, outcome) = build(&site, (2021, 1, 1));
    assert_eq!(
        outcome.site.agreement("motesplats-ungefar").unwrap().status,
        Status::Ended
    );
}

#[test]
fn an_agreement_ended_early_says_so_everywhere() {
    let (out, outcome) = truthful();
    let id = "kvinnojour-avslutad-i-fortid";
    let entry = outcome.site.agreement(id).unwrap();
    assert_eq!(entry.status, Status::Ended);
    // Reports are due up to the year it ended, not for 2024 and 2025.
    assert_eq!(
        entry.missing_reports().collect::<Vec<_>>(),
        vec![2022, 2023]
    );

    let page = text(&read(out.path(), &format!("agreements/{id}.html")));
    assert!(page.contains("Status: Avslutad i förtid"), "{page}");
    assert!(page.contains("2023-06 Avslutad i förtid"), "{page}");
    assert!(page.contains("SN 2023/112"));
    for list in ["agreements.html", "organisations/backa-kvinnojour.html"] {
        let html = text(&read(out.path(), list));
        assert!(
            html.contains("Bäcka kvinnojour") && html.contains("Avslutad i förtid"),
            "{list}: {html}"
        );
    }
    let json = agreement_json(out.path(), id);
    assert_eq!(json["status"], "ended");
    assert_eq!(json["ended_by"], "ended_early");
    assert_eq!(json["outcomes"][0]["kind"], "ended_early");
    assert_eq!(json["outcomes"][0]["date"], "2023-06");
    assert_eq!(json["outcomes"][0]["by"], "Socialnämnden i Bäcka kommun");
    assert_eq!(json["outcomes"][0]["case"], "SN 2023/112");
    let row = csv_rows(out.path(), "data/agreements.csv")
        .into_iter()
        .find(|r| r["id"] == id)
        .unwrap();
    assert_eq!(
        row["outcomes"],
        "ended_early 2023-06 (Socialnämnden i Bäcka kommun, SN 2023/112)"
    );
    let feed = read(out.path(), "feed.xml");
    assert!(
        feed.contains("Bäcka kvinnojour – Avslutad i förtid (Socialnämnden i Bäcka kommun)")
            && feed.contains(&format!("agreements/{id}.html#outcome-1")),
        "{feed}"
    );
}

#[test]
fn an_agreement_judged_unlawful_says_so_everywhere() {
    let (out, _) = truthful();
    let id = "idrott-olaglig";
    let html = read(out.path(), &format!("agreements/{id}.html"));
    let page = text(&html);
    // Terminated after the judgement; the judgement has its own badge.
    assert!(
        page.contains("Status: Uppsagd Olaglig enligt dom"),
        "{page}"
    );
    assert!(page.contains("Förvaltningsrätten i Exempelstad"));
    assert!(page.contains("Avgift 150 000 kr"), "{page}");
    assert!(html.contains("href=\"https://example.org/domar/upphandlingsskadeavgift-dalby\""));
    let list = text(&read(out.path(), "agreements.html"));
    assert!(list.contains("Uppsagd Olaglig enligt dom"), "{list}");
    let org = text(&read(out.path(), "organisations/dalby-idrottsallians.html"));
    assert!(org.contains("Olaglig enligt dom"), "{org}");

    let json = agreement_json(out.path(), id);
    assert_eq!(json["judged_unlawful"], true);
    assert_eq!(json["ended_by"], "terminated");
    let rows = csv_rows(out.path(), "data/agreements.csv");
    let row = rows.iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(row["judged_unlawful"], "true");
    assert!(
        row["outcomes"]
            .contains("judged_unlawful 2022-11-15 (Förvaltningsrätten i Exempelstad, 4321-22)")
    );
    let feed = read(out.path(), "feed.xml");
    assert!(
        feed.contains("Sommarlovsaktiviteter i Dalby – Olaglig enligt dom"),
        "{feed}"
    );
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_example_site_keeps_unknown_and_proposed_apart() {
    let (out, outcome) = build(&repo(), (2026, 11, 23));

    // 001: the amount is withheld: no 0 anywhere, null with a flag in the data.
    let json = agreement_json(out.path(), "kalmar-stadsmission");
    assert_eq!(json["public_total"], serde_json::Value::Null);
    assert_eq!(json["public_total_at_least"], serde_json::Value::Null);
    assert_eq!(json["has_unpublished_amounts"], true);
    let page = text(&read(out.path(), "agreements/kalmar-stadsmission.html"));
    assert!(
        page.contains("Offentliga medel totalt ej publicerat"),
        "{page}"
    );

    // 004 is a proposal: its 2025 money is proposed, apart from the decided 2021–2024.
    let barn = outcome
        .site
        .agreement("malmo-region-skane-roda-korset-barn")
        .unwrap();
    let t2025 = barn.totals[&2025];
    assert_eq!(
        (
            t2025.public.kronor,
            t2025.proposed_public.kronor,
            t2025.proposed_own.kronor
        ),
        (0, 800_000, 270_000)
    );
    assert_eq!(barn.total().public.kronor, 3_200_000);
    let json = agreement_json(out.path(), "malmo-region-skane-roda-korset-barn");
    assert_eq!(json["public_total"], 3_200_000);
    assert_eq!(json["proposed_public_total"], 800_000);
    // The end is the decided one; the proposal's end is given as proposed.
    assert_eq!(json["end"], "2024-12-31");
    assert_eq!(json["proposed_end"], "2025-12-31");
    let html = read(
        out.path(),
        "agreements/malmo-region-skane-roda-korset-barn.html",
    );
    let page = text(&html);
    assert!(page.contains("2025 Förslag"), "{page}");
    assert!(
        page.contains("+ 800 000 kr föreslaget, ej beslutat"),
        "{page}"
    );
    assert!(
        page.contains(
            "Avtalstid 2021-01-01 – 2024-12-31 (förlängning till 2025-12-31 föreslagen, ej beslutad)"
        ),
        "{page}"
    );
    assert!(
        page.contains("Föreslaget, ej beslutat 400 000 kr 400 000 kr 270 000 kr"),
        "{page}"
    );
    let rows = csv_rows(out.path(), "data/funding.csv");
    assert!(
        rows.iter()
            .filter(|r| r["agreement"] == "malmo-region-skane-roda-korset-barn")
            .all(|r| (r["year"] == "2025") == (r["decision_status"] == "proposed"))
    );
    // The chart draws 2025 as an outline and says why.
    assert!(
        html.contains("bara föreslagna, inte beslutade"),
        "no chart note"
    );

    // 003: the funding note is on the page.
    let page = text(&read(out.path(), "agreements/kalmar-kvinnojouren.html"));
    assert!(
        page.contains("Hälften av ersättningen på 1 000 000 kronor per år."),
        "{page}"
    );
}

#[test]
fn swedish_content_on_an_english_site_is_marked_swedish() {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("content"), &copy.path().join("content"));
    let site_yaml = copy.path().join("content/site.yaml");
    let text = fs::read_to_string(&site_yaml).unwrap();
    fs::write(
        &site_yaml,
        text.replace("language: sv", "language: en\ncontent_language: sv"),
    )
    .unwrap();
    let (out, _) = build(copy.path(), (2026, 11, 23));
    let html = read(out.path(), "agreements/kalmar-kvinnojouren.html");
    assert!(html.contains("<html lang=\"en\""));
    assert!(
        html.contains("<div class=\"summary prose\" lang=\"sv\">"),
        "summary not marked"
    );
    assert!(html.contains("<h1 lang=\"sv\">"), "title not marked");
    let report = read(out.path(), "reports/kalmar-kvinnojouren-2025.html");
    assert!(report.contains("<div class=\"prose report-body\" lang=\"sv\">"));
    // Agreement names in lists are Swedish too.
    let list = read(out.path(), "agreements.html");
    assert!(
        list.contains("href=\"agreements/kalmar-kvinnojouren.html\" lang=\"sv\">"),
        "names in the list not marked"
    );
    // A Swedish site with Swedish content marks nothing extra.
    let (out, _) = build(&repo(), (2026, 11, 23));
    let html = read(out.path(), "agreements/kalmar-kvinnojouren.html");
    assert!(
        !html.contains("<div class=\"summary prose\" lang="),
        "content marked on a Swedish site"
    );
}

#[test]
fn an_unknown_end_is_said_and_never_decides_the_status() {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("truthful"), copy.path());
    let path = copy
        .path()
        .join("content/agreements/laxhjalp-okant-belopp.yaml");
    let yaml = fs::read_to_string(&path).unwrap();
    fs::write(&path, yaml.replace("end: 2025-12-31", "end: unknown")).unwrap();
    let (out, outcome) = build(copy.path(), (2026, 11, 29));
    let entry = outcome.site.agreement("laxhjalp-okant-belopp").unwrap();
    assert_eq!(entry.status, Status::Unclear);
    // The years run to the last year with money or a report.
    assert_eq!(entry.years, vec![2024, 2025]);
    let page = text(&read(out.path(), "agreements/laxhjalp-okant-belopp.html"));
    assert!(
        page.contains("Avtalstid 2024-01-01 – slutdatum okänt"),
        "{page}"
    );
    assert!(page.contains("Slutdatumet är inte känt"), "{page}");
    let json = agreement_json(out.path(), "laxhjalp-okant-belopp");
    assert_eq!(json["end"], serde_json::Value::Null);
    assert_eq!(json["status"], "unclear");
}
