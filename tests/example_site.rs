//! Builds the example site in `content/` and checks pages and figures against the seed
//! documents.

mod common;
use common::copy_dir;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use iopsite::BuildOptions;
use iopsite::model::Status;

const NBSP: &str = "\u{a0}";

fn as_of() -> BuildOptions {
    BuildOptions {
        as_of: Some(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()),
        ..Default::default()
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the example site once into a temporary folder.
fn built() -> (tempfile::TempDir, iopsite::Outcome) {
    let out = tempfile::tempdir().unwrap();
    let outcome = iopsite::build(&repo(), Some(&out.path().join("site")), &as_of())
        .unwrap_or_else(|e| panic!("{e}: {e:?}"));
    (out, outcome)
}

fn page(out: &Path, path: &str) -> String {
    fs::read_to_string(out.join("site").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn kr(text: &str) -> String {
    format!("{}{NBSP}kr", text.replace(' ', NBSP))
}

/// The `<tr>` rows of an HTML page whose text contains `needle`.
fn rows_with<'a>(html: &'a str, needle: &str) -> Vec<&'a str> {
    html.split("<tr")
        .skip(1)
        .map(|r| r.split("</tr>").next().unwrap_or(""))
        .filter(|r| r.contains(needle))
        .collect()
}

#[test]
fn figures_come_out_as_in_the_documents() {
    let (out, outcome) = built();
    let site = &outcome.site;

    // 002 + the decision in 004: five years, 400 000 + 400 000 + 270 000 each; 2025 only
    // proposed (004 is a proposal).
    let barn = site
        .agreement("malmo-region-skane-roda-korset-barn")
        .unwrap();
    assert_eq!(
        barn.totals.keys().copied().collect::<Vec<_>>(),
        vec![2021, 2022, 2023, 2024, 2025]
    );
    for (year, t) in &barn.totals {
        let decided = (t.public.kronor, t.own.kronor);
        let proposed = (t.proposed_public.kronor, t.proposed_own.kronor);
        if *year == 2025 {
            assert_eq!((decided, proposed), ((0, 0), (800_000, 270_000)));
        } else {
            assert_eq!((decided, proposed), ((800_000, 270_000), (0, 0)));
        }
    }
    // The end is the decided one; 004's extension is only proposed.
    assert_eq!(
        barn.end.map(|e| e.to_string()).as_deref(),
        Some("2024-12-31")
    );
    assert_eq!(
        barn.proposed_end.map(|e| e.to_string()).as_deref(),
        Some("2025-12-31")
    );
    let html = page(
        out.path(),
        "agreements/malmo-region-skane-roda-korset-barn.html",
    );
    let row_2025 = rows_with(&html, "scope=\"row\">2025");
    assert!(
        row_2025.iter().any(|r| r.contains(&kr("1 070 000"))),
        "no 2025 row with 1 070 000 kr in {row_2025:?}"
    );

    // 000: 650 000 kr a year, 2023-07-01 to 2026-12-31, eight named goals.
    let kupan = site.agreement("kalmar-roda-korset-kupan").unwrap();
    assert!(kupan.totals.values().all(|t| t.public.kronor == 650_000));
    assert_eq!(
        kupan
            .agreement
            .goals
            .iter()
            .map(|g| g.goal)
            .collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5, 10, 12, 16]
    );
    let html = page(out.path(), "agreements/kalmar-roda-korset-kupan.html");
    assert!(
        html.contains(&kr("650 000")) && html.contains("2023-07-01") && html.contains("2026-12-31")
    );
    for goal in [1, 2, 3, 4, 5, 10, 12, 16] {
        assert!(
            html.contains(&format!("goals/{goal}.html")),
            "goal {goal} not linked"
        );
    }

    // 001: the amount is not published: shown as such, never as 0 kr, and left out of sums.
    let stadsmission = site.agreement("kalmar-stadsmission").unwrap();
    assert!(
        stadsmission
            .totals
            .values()
            .all(|t| t.public.kronor == 0 && t.public.unpublished == 1)
    );
    let html = page(out.path(), "agreements/kalmar-stadsmission.html");
    assert!(
        html.contains("inte publicerat") || html.contains("ej publicerat"),
        "001 page does not say the amount is unpublished"
    );
    assert!(
        !html.contains(&format!(">{}<", kr("0"))),
        "001 page shows 0 kr"
    );

    // 003: 500 000 from each of two units of Kalmar kommun, 2025–2027; goals 3, 5, 10, 16.
    let jouren = site.agreement("kalmar-kvinnojouren").unwrap();
    assert_eq!(
        jouren.totals.keys().copied().collect::<Vec<_>>(),
        vec![2025, 2026, 2027]
    );
    assert!(jouren.totals.values().all(|t| t.public.kronor == 1_000_000));
    let units: Vec<_> = jouren
        .agreement
        .funding
        .iter()
        .filter(|l| l.year == 2025)
        .map(|l| (l.unit.clone().unwrap_or_default(), l.amount))
        .collect();
    assert_eq!(units.len(), 2);
    assert_eq!(
        jouren
            .agreement
            .goals
            .iter()
            .map(|g| g.goal)
            .collect::<Vec<_>>(),
        vec![3, 5, 10, 16]
    );
}

#[test]
fn statuses_and_reports_as_of_the_build_date() {
    let (out, outcome) = built();
    let site = &outcome.site;
    let status = |id: &str| site.agreement(id).unwrap().status;
    assert_eq!(status("malmo-region-skane-roda-korset-barn"), Status::Ended);
    assert_eq!(status("kalmar-stadsmission"), Status::EndingSoon); // ends 2026-11-30
    assert_eq!(status("kalmar-kvinnojouren"), Status::Active);
    assert_eq!(status("kalmar-roda-korset-kupan"), Status::EndingSoon);
    // 000 has no report for 2025: the page says so.
    let html = page(out.path(), "agreements/kalmar-roda-korset-kupan.html");
    assert!(html.contains("2025"));
    let kupan = site.agreement("kalmar-roda-korset-kupan").unwrap();
    assert!(
        kupan
            .reports
            .iter()
            .any(|(y, s)| *y == 2025 && *s == iopsite::model::site::ReportState::Missing)
    );
}

#[test]
fn organisations_are_recognised_across_agreements() {
    let (out, outcome) = built();
    let kalmar: Vec<_> = outcome
        .site
        .organisations
        .iter()
        .filter(|o| o.name == "Kalmar kommun")
        .collect();
    assert_eq!(kalmar.len(), 1, "Kalmar kommun should be one organisation");
    assert_eq!(kalmar[0].agreement_count(), 3);
    let html = page(out.path(), &format!("organisations/{}.html", kalmar[0].id));
    for id in [
        "kalmar-roda-korset-kupan",
        "kalmar-stadsmission",
        "kalmar-kvinnojouren",
    ] {
        assert!(
            html.contains(&format!("agreements/{id}.html")),
            "{id} missing on Kalmar kommun's page"
        );
    }
}

#[test]
fn every_page_exists_and_every_internal_link_resolves() {
    let (out, outcome) = built();
    let root = out.path().join("site");
    let site = &outcome.site;
    let mut expected = vec![
        "index.html".to_string(),
        "agreements.html".into(),
        "organisations.html".into(),
        "goals.html".into(),
        "funding.html".into(),
        "404.html".into(),
    ];
    expected.extend(
        site.agreements
            .iter()
            .map(|a| format!("agreements/{}.html", a.agreement.id)),
    );
    expected.extend(
        site.reports
            .iter()
            .map(|r| format!("reports/{}.html", r.id)),
    );
    expected.extend(
        site.organisations
            .iter()
            .map(|o| format!("organisations/{}.html", o.id)),
    );
    expected.extend((1..=17).map(|g| format!("goals/{g}.html")));
    expected.extend([
        "pages/about.html".into(),
        "pages/tillganglighetsredogorelse.html".into(),
    ]);
    expected.extend(
        [
            "data/agreements.csv",
            "data/agreements.json",
            "data/funding.csv",
            "data/funding.json",
            "feed.xml",
            "sitemap.xml",
        ]
        .map(String::from),
    );
    // The five seed documents, from content/files/, byte for byte.
    assert_eq!(site.attachments.len(), 5);
    for file in &site.attachments {
        let path = format!("files/{}", file.name);
        let source = fs::read(repo().join("content").join(&path)).unwrap();
        assert!(
            fs::read(root.join(&path)).ok() == Some(source),
            "{path} differs"
        );
        expected.push(path);
    }
    for path in &expected {
        assert!(root.join(path).is_file(), "{path} was not written");
    }
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("html") || path.ends_with("404.html") {
            continue;
        }
        let html = fs::read_to_string(path).unwrap();
        assert!(
            html.contains("<html lang=\"sv\""),
            "{} lacks lang=sv",
            path.display()
        );
        assert_eq!(
            html.matches("<h1").count(),
            1,
            "{} must have exactly one h1",
            path.display()
        );
        for link in links(&html) {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
                || link.starts_with('#')
            {
                continue;
            }
            assert!(
                !link.starts_with('/'),
                "{}: absolute internal link {link}",
                path.display()
            );
            let target = link.split(['#', '?']).next().unwrap();
            let resolved = path.parent().unwrap().join(target);
            assert!(resolved.exists(), "{}: broken link {link}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

/// Values of href= and src= attributes.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for part in html.split(attr).skip(1) {
            if let Some(end) = part.find('"') {
                out.push(part[..end].replace("&amp;", "&"));
            }
        }
    }
    out
}

#[test]
fn two_builds_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    iopsite::build(&repo(), Some(&a.path().join("o")), &as_of()).unwrap();
    iopsite::build(&repo(), Some(&b.path().join("o")), &as_of()).unwrap();
    let read = |dir: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(dir).unwrap().to_path_buf(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    };
    let (ta, tb) = (read(&a.path().join("o")), read(&b.path().join("o")));
    assert!(ta.len() > 40);
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(
            bytes == &tb[path],
            "{} differs between builds",
            path.display()
        );
    }
}

#[test]
fn contact_details_are_private_unless_the_site_publishes_them() {
    let (out, _) = built();
    // 002 lists a phone number for Region Skåne's contact person.
    let html = page(
        out.path(),
        "agreements/malmo-region-skane-roda-korset-barn.html",
    );
    assert!(html.contains("Bim Soerich"), "contact names are public");
    assert!(
        !html.contains("675 31 27"),
        "phone published although site.yaml says not to"
    );

    let copy = example_with_setting(
        "publish_contact_details: false",
        "publish_contact_details: true",
    );
    let html = fs::read_to_string(
        copy.path()
            .join("output/agreements/malmo-region-skane-roda-korset-barn.html"),
    )
    .unwrap();
    assert!(html.contains("675 31 27"));
}

#[test]
fn english_interface() {
    let copy = example_with_setting("language: sv", "language: en");
    let html = fs::read_to_string(
        copy.path()
            .join("output/agreements/malmo-region-skane-roda-korset-barn.html"),
    )
    .unwrap();
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains(&format!("SEK{NBSP}1,070,000")));
}

#[test]
fn a_site_template_overrides_the_builtin_one() {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("content"), &copy.path().join("content"));
    let templates = copy.path().join("themes/default/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("page.html"),
        "<!doctype html><html lang=\"{{ site.lang }}\"><h1>EGEN {{ page.title }}</h1></html>",
    )
    .unwrap();
    iopsite::build(copy.path(), None, &as_of()).unwrap();
    let html = fs::read_to_string(copy.path().join("output/pages/about.html")).unwrap();
    assert!(html.contains("<h1>EGEN Om webbplatsen</h1>"), "{html}");
}

#[test]
fn open_data_leaves_unpublished_amounts_empty() {
    let (out, _) = built();
    let csv = page(out.path(), "data/funding.csv");
    let header = csv.lines().next().unwrap();
    assert_eq!(
        header,
        "agreement,agreement_name,year,last_year,amount_for,funder,funder_org_number,funder_org_id,unit,kind,decision_status,currency,amount,amount_status,note"
    );
    assert!(
        csv.lines().any(
            |l| l.starts_with("kalmar-stadsmission,Kalmar Stadsmission,2024,")
                && l.contains(",decided,SEK,,unpublished,")
        ),
        "{csv}"
    );
    assert!(csv.lines().any(|l| l.starts_with("malmo-region-skane-roda-korset-barn,Röda Korsets barnverksamhet i Malmö,2025,2025,each_year,Svenska Röda Korset,802002-8711,SE-ON-8020028711,,own_contribution,proposed,SEK,270000,known,")), "{csv}");
}

/// Builds a copy of the example site whose site.yaml has `from` replaced by `to`.
fn example_with_setting(from: &str, to: &str) -> tempfile::TempDir {
    example_with_edit("site.yaml", from, to)
}

/// A built copy of the example site with `from` replaced by `to` in `content/FILE`.
fn example_with_edit(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("content"), &copy.path().join("content"));
    let path = copy.path().join("content").join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    fs::write(&path, text.replace(from, to)).unwrap();
    iopsite::build(copy.path(), None, &as_of()).unwrap_or_else(|e| panic!("{e}: {e:?}"));
    copy
}

#[test]
fn goal_targets_show_on_the_agreement_and_goal_pages() {
    let copy = example_with_edit(
        "agreements/kalmar-kvinnojouren.yaml",
        "  - goal: 5\n    basis: named\n",
        "  - goal: 5\n    basis: named\n    targets: [\"5.2\", 5.a]\n",
    );
    let out = copy.path().join("output");
    let agreement = fs::read_to_string(out.join("agreements/kalmar-kvinnojouren.html")).unwrap();
    assert!(
        agreement.contains("Delmål: 5.2, 5.a"),
        "no targets on the agreement page"
    );
    let goal = fs::read_to_string(out.join("goals/5.html")).unwrap();
    assert!(
        goal.contains("Delmål 5.2, 5.a"),
        "no targets on the goal page"
    );
}

/// The `<text>` contents of the first SVG element with `class` on a page.
fn chart<'a>(html: &'a str, class: &str) -> &'a str {
    let start = html
        .find(&format!("<svg class=\"chart-svg {class}\""))
        .unwrap_or_else(|| panic!("no {class} chart"));
    let end = start + html[start..].find("</svg>").unwrap();
    &html[start..end]
}

fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .map(|t| {
            let body = &t[t.find('>').unwrap() + 1..];
            body[..body.find("</text>").unwrap()].trim().to_string()
        })
        .collect()
}

fn desc(svg: &str) -> &str {
    let start = svg.find("<desc").unwrap();
    let body = &svg[start + svg[start..].find('>').unwrap() + 1..];
    &body[..body.find("</desc>").unwrap()]
}

#[test]
fn charts_show_the_figures_of_the_documents() {
    let (out, outcome) = built();
    // 002 with 004's proposed extension: five years, 1 070 000 kr each.
    let barn = page(
        out.path(),
        "agreements/malmo-region-skane-roda-korset-barn.html",
    );
    let wide = chart(&barn, "chart-wide");
    let labels = texts(wide);
    for year in 2021..=2025 {
        assert!(
            labels.contains(&year.to_string()),
            "{year} missing: {labels:?}"
        );
    }
    assert!(!labels.contains(&"2020".to_string()) && !labels.contains(&"2026".to_string()));
    assert_eq!(
        labels
            .iter()
            .filter(|l| *l == &format!("1,07{NBSP}mn{NBSP}kr"))
            .count(),
        5,
        "{labels:?}"
    );
    assert_eq!(
        desc(wide),
        format!(
            "2021–2024: totalt {}, {} varje år. Uppdelat på Region Skåne, Hälso- och sjukvårdsnämnden, Malmö stad, Arbetsmarknads- och socialnämnden, Svenska Röda Korset (egen insats). Pengarna för 2025 ({}) är bara föreslagna, inte beslutade; de staplarna visas som konturer.",
            kr("4 280 000"),
            kr("1 070 000"),
            kr("1 070 000")
        )
    );
    // The own contribution is hatched: drawn with lines, not one filled block.
    assert!(wide.contains("<polyline"));

    // 001: every amount unpublished; the chart says so instead of drawing zeros.
    let mission = page(out.path(), "agreements/kalmar-stadsmission.html");
    let wide = chart(&mission, "chart-wide");
    assert!(texts(wide).contains(&"Beloppen: ej publicerat".to_string()));
    assert_eq!(desc(wide), "2023–2026: ej publicerat.");
    assert!(
        !texts(wide).iter().any(|t| t.ends_with("kr")),
        "an amount is drawn"
    );

    // A statistic in three reports gets a line chart.
    let line = chart(&mission, "chart-compact");
    assert!(desc(line).starts_with("Utdelade matkassar per vecka: 90 matkassar år 2023"));

    // Home, funding overview, goal pages.
    let home = page(out.path(), "index.html");
    assert!(desc(chart(&home, "chart-wide")).contains("Uppdelat på"));
    let funding = page(out.path(), "funding.html");
    assert_eq!(funding.matches("<figure class=\"chart\">").count(), 3);
    let goal = page(out.path(), "goals/5.html");
    assert!(desc(chart(&goal, "chart-wide")).starts_with("20"));
    assert!(
        outcome.rendered.charts.count >= 20,
        "{} charts",
        outcome.rendered.charts.count
    );
}

/// Every chart has a title and a description it points to, and a table with the same
/// numbers follows it before the next heading.
#[test]
fn every_chart_has_a_title_a_description_and_a_table() {
    let (out, _) = built();
    let mut charts = 0;
    for entry in walkdir::WalkDir::new(out.path().join("site")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = fs::read_to_string(entry.path()).unwrap();
        for (at, _) in html.match_indices("<figure class=\"chart\">") {
            charts += 1;
            let figure = &html[at..at + html[at..].find("</figure>").unwrap()];
            let svgs = figure.matches("<svg ").count();
            assert!(svgs >= 1, "{}: empty chart figure", entry.path().display());
            assert_eq!(figure.matches("role=\"img\"").count(), svgs);
            assert_eq!(figure.matches("<title id=").count(), svgs);
            assert_eq!(figure.matches("<desc id=").count(), svgs);
            let after = &html[at + figure.len()..];
            let next_heading = after.find("<h2").unwrap_or(after.len());
            let next_heading = next_heading.min(after.find("<h3").unwrap_or(after.len()));
            assert!(
                after[..next_heading].contains("<table"),
                "{}: a chart without a table after it",
                entry.path().display()
            );
        }
    }
    assert!(charts >= 20, "{charts} charts");
}

/// `serve` renders one file at a time from a prepared site: every file a build writes must
/// come out the same that way, and paths the build does not write must not exist.
#[test]
fn a_prepared_site_renders_each_built_file_alike() {
    let collect = iopsite::plan::Collect::default();
    iopsite::render_into(&repo(), &as_of(), &collect, &()).unwrap_or_else(|e| panic!("{e}"));
    let files = collect.into_files();
    let prepared = iopsite::prepare(&repo(), &as_of(), &()).unwrap_or_else(|e| panic!("{e}"));
    assert!(files.len() > 40);
    for file in &files {
        assert!(prepared.has_path(&file.path), "{}", file.path);
        let bytes = prepared.render_path(&file.path).expect(&file.path);
        assert!(bytes == Ok(file.bytes.clone()), "{} differs", file.path);
    }
    for path in [
        "",
        "reports",
        "reports/",
        "reports/no-such-report.html",
        "templates/report.html",
        "static/style.css",
        "i18n/sv.yaml",
        "site.yaml",
    ] {
        assert!(!prepared.has_path(path), "{path}");
        assert!(prepared.render_path(path).is_none(), "{path}");
    }
}

/// `serve` keeps parsed files between rebuilds: with the cache, every edit is seen and every
/// result (pages and problems) is what a run without it gives.
#[test]
fn a_parse_cache_changes_no_result() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("content"), &dir.path().join("content"));
    let site = dir.path();
    let report = site.join("content/reports/kalmar-stadsmission-2024.md");
    let agreement = site.join("content/agreements/kalmar-stadsmission.yaml");
    let page = "reports/kalmar-stadsmission-2024.html";
    let mut cache = iopsite::load::ParseCache::default();
    let same_as_fresh = |cache: &mut iopsite::load::ParseCache| {
        let cached = iopsite::prepare_cached(site, &as_of(), &(), cache);
        let fresh = iopsite::prepare(site, &as_of(), &());
        match (cached, fresh) {
            (Ok(cached), Ok(fresh)) => {
                let html = cached.render_path(page).unwrap().unwrap();
                assert!(html == fresh.render_path(page).unwrap().unwrap());
                Ok(String::from_utf8(html).unwrap())
            }
            (Err(cached), Err(fresh)) => {
                assert_eq!(format!("{cached:?}"), format!("{fresh:?}"));
                Err(cached)
            }
            (cached, fresh) => panic!("{:?} vs {:?}", cached.err(), fresh.err()),
        }
    };
    same_as_fresh(&mut cache).unwrap();
    same_as_fresh(&mut cache).unwrap();

    let text = fs::read_to_string(&report).unwrap();
    fs::write(&report, format!("{text}\nEn mening till.\n")).unwrap();
    assert!(
        same_as_fresh(&mut cache)
            .unwrap()
            .contains("En mening till.")
    );

    let yaml = fs::read_to_string(&agreement).unwrap();
    fs::write(&agreement, yaml.replacen("title: ", "title: [", 1)).unwrap();
    // Reported on every run, not only the first after the edit.
    assert!(same_as_fresh(&mut cache).is_err());
    assert!(same_as_fresh(&mut cache).is_err());
    fs::write(&agreement, &yaml).unwrap();
    fs::write(&report, &text).unwrap();
    assert!(
        !same_as_fresh(&mut cache)
            .unwrap()
            .contains("En mening till.")
    );
}
