//! The Atom feed is valid Atom and worth following: read back as XML, it has the head Atom
//! requires (id, title, updated, author, a self link) and entries with id, title, updated,
//! link, category and summary; ids are unique, dates RFC 3339; every kind of entry (new
//! agreement, decision, outcome, ending soon, report) comes out of the example site or the
//! `truthful` fixture; every title names its agreement; nothing is dated after the build date;
//! and the ending-soon entry is dated the very day the agreement's status turns ending soon.

mod common;
use common::fixtures;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};
use iopsite::BuildOptions;

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The kinds of entry, as `<category term>`.
const KINDS: [&str; 5] = ["agreement", "decision", "outcome", "ending_soon", "report"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// Builds `site` as of `as_of` into a temporary folder; the folder and the site in it.
fn build(site: &Path, as_of: NaiveDate) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().expect("temporary folder");
    let dir = out.path().join("site");
    let options = BuildOptions {
        as_of: Some(as_of),
        ..Default::default()
    };
    iopsite::build(site, Some(&dir), &options).unwrap_or_else(|e| panic!("{e}: {e:?}"));
    (out, dir)
}

/// One entry as read from the feed.
#[derive(Debug)]
struct Entry {
    id: String,
    title: String,
    updated: NaiveDate,
    link: String,
    kind: String,
    summary: String,
}

/// The feed's head as read: id, title, updated, author name, self link.
#[derive(Debug)]
struct Head {
    id: String,
    title: String,
    updated: NaiveDate,
    author: String,
    self_link: String,
}

/// The text of the one Atom child `name` of `node`.
fn child_text(node: roxmltree::Node, name: &str) -> String {
    let found: Vec<_> = node
        .children()
        .filter(|c| c.has_tag_name((ATOM, name)))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "<{}> has {} <{name}>",
        node.tag_name().name(),
        found.len()
    );
    found[0].text().unwrap_or("").to_string()
}

/// An RFC 3339 date-time, as its date in UTC.
fn rfc3339(text: &str) -> NaiveDate {
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("`{text}` is not RFC 3339: {e}"))
        .date_naive()
}

/// The `href` of the child `<link rel="REL">` of `node` (`rel` left out means alternate).
fn link(node: roxmltree::Node, rel: &str) -> Option<String> {
    node.children()
        .filter(|c| c.has_tag_name((ATOM, "link")))
        .find(|c| c.attribute("rel").unwrap_or("alternate") == rel)
        .and_then(|c| c.attribute("href"))
        .map(str::to_string)
}

/// Parses `feed.xml` of a built site, checking Atom's required elements on the way.
fn read_feed(site: &Path) -> (Head, Vec<Entry>) {
    let xml = fs::read_to_string(site.join("feed.xml")).expect("feed.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("not XML: {e}"));
    let feed = doc.root_element();
    assert!(
        feed.has_tag_name((ATOM, "feed")),
        "the root is not an Atom feed"
    );
    let author = feed
        .children()
        .find(|c| c.has_tag_name((ATOM, "author")))
        .expect("the feed has an <author>");
    let head = Head {
        id: child_text(feed, "id"),
        title: child_text(feed, "title"),
        updated: rfc3339(&child_text(feed, "updated")),
        author: child_text(author, "name"),
        self_link: link(feed, "self").expect("the feed links to itself"),
    };
    let entries = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|e| {
            let categories: Vec<_> = e
                .children()
                .filter(|c| c.has_tag_name((ATOM, "category")))
                .filter_map(|c| c.attribute("term"))
                .collect();
            assert_eq!(categories.len(), 1, "one category per entry");
            Entry {
                id: child_text(e, "id"),
                title: child_text(e, "title"),
                updated: rfc3339(&child_text(e, "updated")),
                link: link(e, "alternate").expect("an entry links to its page"),
                kind: categories[0].to_string(),
                summary: child_text(e, "summary"),
            }
        })
        .collect();
    (head, entries)
}

/// `(id, short name)` of every agreement of a built site, from its data file.
fn agreement_names(site: &Path) -> Vec<(String, String)> {
    let text = fs::read_to_string(site.join("data/agreements.json")).expect("agreements.json");
    let list: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    list.as_array()
        .expect("a list")
        .iter()
        .map(|a| {
            let name = a["short_title"].as_str().or(a["title"].as_str());
            let id = a["id"].as_str().expect("an id").to_string();
            (id, name.expect("a name").to_string())
        })
        .collect()
}

/// The status a built site gives agreement `id` in its data file.
fn status(site: &Path, id: &str) -> String {
    let text = fs::read_to_string(site.join("data/agreements.json")).expect("agreements.json");
    let list: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    list.as_array()
        .expect("a list")
        .iter()
        .find(|a| a["id"] == id)
        .and_then(|a| a["status"].as_str())
        .unwrap_or_else(|| panic!("no agreement {id}"))
        .to_string()
}

fn example(as_of: NaiveDate) -> (tempfile::TempDir, PathBuf) {
    build(&repo(), as_of)
}

fn truthful() -> (tempfile::TempDir, PathBuf) {
    build(&fixtures().join("truthful"), date(2026, 11, 29))
}

/// Checks what every feed must be; returns its entries.
fn check_valid(site: &Path, as_of: NaiveDate) -> Vec<Entry> {
    let (head, entries) = read_feed(site);
    assert!(head.id.starts_with("https://"), "feed id {}", head.id);
    assert!(
        !head.title.is_empty() && !head.author.is_empty(),
        "{head:?}"
    );
    assert!(head.self_link.ends_with("feed.xml"), "{head:?}");
    assert!(!entries.is_empty(), "no entries");
    assert!(entries.len() <= iopsite::views::feed::FEED_ENTRIES);
    assert_eq!(
        head.updated, entries[0].updated,
        "updated is the newest entry's"
    );
    let mut ids = BTreeSet::new();
    for e in &entries {
        assert!(ids.insert(e.id.as_str()), "the id {} is not unique", e.id);
        assert!(KINDS.contains(&e.kind.as_str()), "kind {}", e.kind);
        assert!(
            e.link.starts_with(&head.id),
            "{} is not on the site",
            e.link
        );
        assert!(!e.title.is_empty() && !e.summary.trim().is_empty(), "{e:?}");
        assert!(e.updated <= as_of, "{e:?} is dated after {as_of}");
    }
    assert!(
        entries.windows(2).all(|w| w[0].updated >= w[1].updated),
        "not newest first"
    );
    entries
}

#[test]
fn the_feed_is_valid_atom_with_every_kind_of_entry() {
    let as_of = date(2026, 11, 23);
    let (_a, site) = example(as_of);
    let (_b, fixture) = truthful();
    let mut kinds: BTreeSet<String> = check_valid(&site, as_of)
        .into_iter()
        .map(|e| e.kind)
        .collect();
    kinds.extend(
        check_valid(&fixture, date(2026, 11, 29))
            .into_iter()
            .map(|e| e.kind),
    );
    let want: BTreeSet<String> = KINDS.iter().map(|k| k.to_string()).collect();
    assert_eq!(kinds, want);
}

#[test]
fn every_title_names_its_agreement() {
    let as_of = date(2026, 11, 23);
    for (_dir, site) in [example(as_of), truthful()] {
        let names = agreement_names(&site);
        for e in check_valid(&site, as_of.max(date(2026, 11, 29))) {
            // An agreement's page, or a report's (`reports/AGREEMENT-YEAR.html`).
            let page = e.link.split('#').next().unwrap_or_default();
            let (_, name) = names
                .iter()
                .find(|(id, _)| {
                    page.ends_with(&format!("agreements/{id}.html"))
                        || page
                            .rsplit('/')
                            .next()
                            .and_then(|f| f.strip_prefix(id.as_str()))
                            .is_some_and(|rest| {
                                rest.strip_prefix('-')
                                    .and_then(|r| r.strip_suffix(".html"))
                                    .is_some_and(|y| y.parse::<i32>().is_ok())
                            })
                })
                .unwrap_or_else(|| panic!("{} is no agreement's or report's page", e.link));
            assert!(
                e.title.contains(name.as_str()),
                "`{}` lacks `{name}`",
                e.title
            );
        }
    }
}

#[test]
fn the_example_feed_says_what_happened() {
    let (_dir, site) = example(date(2026, 11, 23));
    let (_, entries) = read_feed(&site);
    let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
    for want in [
        "Ny överenskommelse – Kalmar Stadsmission",
        "Årsberättelse 2025 – Kalmar Stadsmission",
        "Röda Korsets barnverksamhet i Malmö – föreslaget: förlängning till 2025-12-31 (Arbetsmarknads- och socialnämnden, Malmö stad)",
        "Upphör snart – Röda Korsets barnverksamhet i Malmö (slutar 2024-12-31)",
    ] {
        assert!(titles.contains(&want), "no `{want}` in {titles:#?}");
    }
    // A decision's entry leads to the decision on the agreement's page.
    let decision = entries
        .iter()
        .find(|e| e.kind == "decision")
        .expect("a decision");
    assert!(decision.link.contains("#decision-"), "{decision:?}");
    assert!(decision.summary.contains("förlängning"), "{decision:?}");
}

#[test]
fn nothing_is_dated_after_the_build_date() {
    // Before the Malmö proposal (2024-06-20) and every 2024 report.
    let as_of = date(2024, 6, 1);
    let (_dir, site) = example(as_of);
    let entries = check_valid(&site, as_of);
    assert!(entries.iter().all(|e| e.kind != "decision"), "{entries:#?}");
    assert!(
        entries.iter().all(|e| !e.title.contains("2024 –")),
        "{entries:#?}"
    );
}

#[test]
fn ending_soon_is_dated_the_day_the_status_turns() {
    // Röda Korsets barnverksamhet i Malmö ends 2024-12-31 (the extension is only proposed);
    // nine months before, on 2024-03-31, it is ending soon.
    let id = "malmo-region-skane-roda-korset-barn";
    let title = "Upphör snart – Röda Korsets barnverksamhet i Malmö (slutar 2024-12-31)";
    let (_a, day_before) = example(date(2024, 3, 30));
    assert_eq!(status(&day_before, id), "active");
    let (_, entries) = read_feed(&day_before);
    assert!(entries.iter().all(|e| e.title != title), "{entries:#?}");
    let (_b, on_the_day) = example(date(2024, 3, 31));
    assert_eq!(status(&on_the_day, id), "ending_soon");
    let (_, entries) = read_feed(&on_the_day);
    let entry = entries
        .iter()
        .find(|e| e.title == title)
        .expect("an ending-soon entry");
    assert_eq!(
        (entry.kind.as_str(), entry.updated),
        ("ending_soon", date(2024, 3, 31))
    );
}

#[test]
fn an_outcome_has_its_own_entry() {
    let (_dir, site) = truthful();
    let (_, entries) = read_feed(&site);
    let outcome = entries
        .iter()
        .find(|e| e.title == "Bäcka kvinnojour – Avslutad i förtid (Socialnämnden i Bäcka kommun)")
        .expect("the outcome's entry");
    assert_eq!(outcome.kind, "outcome");
    assert_eq!(outcome.updated, date(2023, 6, 1));
    assert!(outcome.link.ends_with("#outcome-1") && outcome.id == outcome.link);
    assert!(outcome.summary.contains("30 juni 2023"), "{outcome:?}");
}
