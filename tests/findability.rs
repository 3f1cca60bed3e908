//! Lists a reader can get through at any size: the agreement, organisation and goal lists
//! are split into pages that link to each other and together hold every row once, in
//! Swedish alphabetical order; the home page and the funding overview show the largest
//! funders one by one and the rest as one "others" row whose figures add up.

#[expect(
    dead_code,
    reason = "the example's `main` and argument parsing are not used here"
)]
#[path = "../examples/corpus.rs"]
mod corpus;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use iopsite::BuildOptions;

/// A generated site of 250 agreements, built once for all the tests; its output folder.
fn built_site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE.get_or_init(|| built(250)).1
}

/// A generated site of `agreements` agreements, built; returns the folder and the output.
fn built(agreements: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let options = corpus::Options {
        agreements,
        seed: 5,
    };
    corpus::generate(dir.path(), &options).expect("the corpus is written");
    let out = dir.path().join("output");
    iopsite::build(dir.path(), Some(&out), &BuildOptions::default())
        .unwrap_or_else(|e| panic!("{e}: {e:#?}"));
    (dir, out)
}

fn read(out: &Path, path: &str) -> String {
    fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The text between each `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(start) {
        let after = &rest[i + start.len()..];
        let Some(j) = after.find(end) else { break };
        found.push(&after[..j]);
        rest = &after[j..];
    }
    found
}

/// The agreement names of a list page's table, in order: the row headers' link texts.
fn row_names(html: &str) -> Vec<String> {
    between(html, "<th scope=\"row\"><a href=\"", "</a></th>")
        .into_iter()
        .map(|cell| cell[cell.find('>').expect("link text") + 1..].to_string())
        .map(|name| name.replace("&amp;", "&"))
        .collect()
}

/// The page links of a page's pager, as paths from the site root.
fn pager_links(html: &str, root: &str) -> Vec<String> {
    between(html, "<nav class=\"pager\"", "</nav>")
        .into_iter()
        .flat_map(|nav| between(nav, "href=\"", "\""))
        .map(|href| href.strip_prefix(root).expect("relative link").to_string())
        .collect()
}

/// Where a name's first letter is in the Swedish alphabet: a–z (accents on other letters
/// do not count: é is e), then å, ä, ö.
fn swedish_letter(name: &str) -> usize {
    let first = name
        .chars()
        .find(|c| c.is_alphanumeric())
        .expect("a name has a letter");
    let lower: String = first.to_lowercase().collect();
    let order = "0123456789abcdefghijklmnopqrstuvwxyzåäö";
    let folded = match lower.as_str() {
        "é" | "è" => "e",
        "ü" => "y",
        other => other,
    };
    order
        .find(folded)
        .map(|i| order[..i].chars().count())
        .unwrap_or_else(|| panic!("{name}: first letter {first} not in the alphabet"))
}

#[test]
fn the_agreement_list_is_split_into_linked_pages_in_swedish_order() {
    let out = built_site();
    let first = read(out, "agreements.html");
    assert!(
        first.contains("Sida 1 av 3: 1–100 av 250"),
        "no page status"
    );
    assert!(first.contains("<title>Överenskommelser, sida 1 av 3"));
    // Every page links to the others, and every link leads to a page that exists.
    let mut names = Vec::new();
    for (n, path) in ["agreements.html", "agreements-2.html", "agreements-3.html"]
        .iter()
        .enumerate()
    {
        let html = read(out, path);
        let links: BTreeSet<String> = pager_links(&html, "").into_iter().collect();
        for link in &links {
            assert!(out.join(link).is_file(), "{path} links to {link}");
        }
        for other in ["agreements.html", "agreements-2.html", "agreements-3.html"] {
            assert!(links.contains(other), "{path} does not link to {other}");
        }
        assert!(
            html.contains(&format!(
                "aria-current=\"page\"><span class=\"visually-hidden\">Sida </span>{}<",
                n + 1
            )),
            "{path} does not mark itself as the current page"
        );
        names.extend(row_names(&html));
    }
    assert!(!out.join("agreements-4.html").exists());
    assert_eq!(names.len(), 250);
    let agreements: Vec<serde_json::Value> =
        serde_json::from_str(&read(out, "data/agreements.json")).expect("agreements.json");
    let expected: BTreeSet<String> = agreements
        .iter()
        .map(|a| {
            a["short_title"]
                .as_str()
                .or(a["title"].as_str())
                .expect("a name")
                .to_string()
        })
        .collect();
    let listed: BTreeSet<String> = names.iter().cloned().collect();
    assert_eq!(listed, expected, "the pages together list every agreement");
    for pair in names.windows(2) {
        assert!(
            swedish_letter(&pair[0]) <= swedish_letter(&pair[1]),
            "{:?} before {:?} is not Swedish alphabetical order",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn goal_and_organisation_lists_are_split_too() {
    let out = built_site();
    // The organisations: 100 a page, every page reachable from the first.
    let first = read(out, "organisations.html");
    let links = pager_links(&first, "");
    assert!(
        links.contains(&"organisations-2.html".to_string()),
        "{links:?}"
    );
    // A goal's agreements: pages in the goal's folder, linking back to the goal's page.
    let goals: Vec<u8> = (1..=17)
        .filter(|n| out.join(format!("goals/{n}/page-2.html")).is_file())
        .collect();
    assert!(!goals.is_empty(), "no goal has more than 100 agreements");
    for n in goals {
        let html = read(out, &format!("goals/{n}/page-2.html"));
        assert!(
            pager_links(&html, "../../").contains(&format!("goals/{n}.html")),
            "goal {n}'s second page does not link to its first"
        );
        for link in pager_links(&html, "../../") {
            assert!(out.join(&link).is_file(), "goal {n} links to {link}");
        }
    }
}

/// Decided public money per funder over all years, from the open data.
fn given_by_funder(out: &Path) -> BTreeMap<String, i64> {
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&read(out, "data/funding.json")).expect("funding.json");
    let mut given = BTreeMap::new();
    for row in rows {
        if row["kind"] == "public" && row["decision_status"] == "decided" {
            *given
                .entry(row["funder"].as_str().expect("funder").to_string())
                .or_insert(0) += row["amount"].as_i64().unwrap_or(0);
        }
    }
    given
}

#[test]
fn the_home_page_shows_the_largest_funders_and_the_rest_together() {
    let out = built_site();
    let given = given_by_funder(out);
    assert!(
        given.len() > 9,
        "the corpus has only {} funders",
        given.len()
    );
    let home = read(out, "index.html");
    let others = format!("Övriga ({} finansiärer)", given.len() - 8);
    assert!(home.contains(&others), "no {others:?} row");
    // The chart's legend names eight funders and the others: nine series, no colour twice.
    let desc = between(&home, "<desc id=\"funder-chart-desc\">", "</desc>")[0];
    let mut largest: Vec<(&String, &i64)> = given.iter().collect();
    largest.sort_by(|a, b| b.1.cmp(a.1));
    for (name, _) in &largest[..8] {
        assert!(
            desc.contains(name.as_str()),
            "{name} is not in the chart: {desc}"
        );
    }
    for (name, _) in &largest[9..] {
        assert!(
            !desc.contains(&format!(" {name},")),
            "{name} is drawn on its own"
        );
    }
    let fills: BTreeSet<&str> = between(&home, "<rect x=\"", "/>")
        .into_iter()
        .filter(|r| r.contains("width=\"14\" height=\"14\""))
        .flat_map(|r| between(r, "fill=\"", "\""))
        .collect();
    assert_eq!(fills.len(), 9, "legend colours: {fills:?}");
}

#[test]
fn the_funding_overview_keeps_to_the_largest_with_the_rest_summed() {
    let out = built_site();
    let html = read(out, "funding.html");
    let given = given_by_funder(out);
    let table = between(
        &html,
        "<caption>Offentliga medel per finansiär och år</caption>",
        "</table>",
    )[0];
    let rows = table.matches("<th scope=\"row\">").count();
    assert_eq!(rows, 21, "twenty funders and the others");
    let others = format!("Övriga ({} finansiärer)", given.len() - 20);
    assert!(table.contains(&others), "no {others:?}");
    // The others' total is what the funders not shown gave, as the open data adds it up.
    let mut amounts: Vec<i64> = given.values().copied().collect();
    amounts.sort_unstable_by(|a, b| b.cmp(a));
    let rest: i64 = amounts[20..].iter().sum();
    let row = &table[table.find(&others).expect("others row")..];
    // A cell may carry its column's name (`data-label`, for phones) before its `>`.
    let total_cell = between(row, "<td class=\"num\"", "</td>")
        .into_iter()
        .nth(count_years(&html))
        .expect("the others' total");
    let total_cell = &total_cell[total_cell.find('>').expect("cell") + 1..];
    let digits: String = total_cell.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(digits, rest.to_string(), "others total {total_cell:?}");
}

/// How many year columns the funder table has.
fn count_years(html: &str) -> usize {
    let table = between(
        html,
        "<caption>Offentliga medel per finansiär och år</caption>",
        "</thead>",
    )[0];
    table.matches("<th scope=\"col\" class=\"num\">").count() - 1
}

#[path = "common/mod.rs"]
mod common;

/// The truthful fixture site (four agreements) with `rows_per_page` set to `rows`.
fn truthful_with_rows(rows: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    common::copy_dir(&common::fixtures().join("truthful"), dir.path());
    let site_yaml = dir.path().join("content/site.yaml");
    let mut text = fs::read_to_string(&site_yaml).expect("site.yaml");
    text.push_str(&format!("rows_per_page: {rows}\n"));
    fs::write(&site_yaml, text).expect("write site.yaml");
    dir
}

#[test]
fn rows_per_page_splits_the_lists_where_the_site_says() {
    let dir = truthful_with_rows("3");
    let out = dir.path().join("output");
    iopsite::build(dir.path(), Some(&out), &BuildOptions::default())
        .unwrap_or_else(|e| panic!("{e}: {e:#?}"));
    let second = read(&out, "agreements-2.html");
    assert!(
        second.contains("Sida 2 av 2: 4–4 av 4"),
        "no status on page 2"
    );
    assert_eq!(row_names(&second).len(), 1);
    assert!(!out.join("agreements-3.html").exists());
}

#[test]
fn rows_per_page_out_of_range_is_an_error_at_its_line() {
    let dir = truthful_with_rows("0");
    let diagnostics = match iopsite::check(dir.path(), &BuildOptions::default()) {
        Err(iopsite::Failure::Content(diagnostics)) => diagnostics,
        other => panic!("0 rows a page is not refused: {:?}", other.map(|_| ())),
    };
    let shown = common::show(&diagnostics);
    assert!(shown.contains("rows a page is not possible"), "{shown}");
    let line = fs::read_to_string(dir.path().join("content/site.yaml"))
        .expect("site.yaml")
        .lines()
        .count();
    assert!(
        shown.contains(&format!("site.yaml:{line}:")),
        "the error does not point at line {line}: {shown}"
    );
}
