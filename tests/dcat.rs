//! The DCAT-AP-SE catalogue `data/catalog.rdf`: read as plain XML, its download links point at
//! files the build made, its licence and language follow `site.yaml`, text from content stays
//! well-formed, and no date is written that the content does not give.

mod common;
use common::{copy_dir, fixtures};

use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use iopsite::BuildOptions;
use iopsite::config::License;

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const DCAT: &str = "http://www.w3.org/ns/dcat#";
const DCT: &str = "http://purl.org/dc/terms/";

fn options() -> BuildOptions {
    BuildOptions {
        as_of: Some(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()),
        ..Default::default()
    }
}

/// Builds the site in `dir`; the output is `out/site`.
fn build(dir: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    iopsite::build(dir, Some(&out.path().join("site")), &options())
        .unwrap_or_else(|e| panic!("{e}: {e:?}"));
    out
}

fn catalog(out: &Path) -> String {
    fs::read_to_string(out.join("site/data/catalog.rdf")).expect("data/catalog.rdf")
}

/// A copy of the minimal site whose `site.yaml` is changed by `edit`.
fn minimal_with(edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("minimal"), dir.path());
    let yaml = dir.path().join("content/site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, edit(text)).unwrap();
    dir
}

/// The `rdf:resource` of every element `ns`+`name`.
fn resources(doc: &roxmltree::Document, ns: &str, name: &str) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name((ns, name)))
        .map(|n| {
            n.attribute((RDF, "resource"))
                .unwrap_or_else(|| panic!("{name} without rdf:resource"))
                .to_string()
        })
        .collect()
}

/// The elements `ns`+`name` directly inside the element whose `rdf:about` ends with `about`.
fn texts_of<'a>(
    doc: &'a roxmltree::Document,
    about: &str,
    ns: &str,
    name: &str,
) -> Vec<(Option<&'a str>, &'a str)> {
    let subject = doc
        .descendants()
        .find(|n| {
            n.attribute((RDF, "about"))
                .is_some_and(|a| a.ends_with(about))
        })
        .unwrap_or_else(|| panic!("no node {about}"));
    subject
        .children()
        .filter(|n| n.has_tag_name((ns, name)))
        .map(|n| {
            let lang = n.attribute(("http://www.w3.org/XML/1998/namespace", "lang"));
            (lang, n.text().unwrap_or(""))
        })
        .collect()
}

#[test]
fn every_download_is_an_absolute_url_of_a_file_the_build_made() {
    let out = build(&PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let text = catalog(out.path());
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let base = "https://example.org/iop/";
    let downloads = resources(&doc, DCAT, "downloadURL");
    assert!(downloads.len() >= 5, "{downloads:?}");
    assert_eq!(downloads, resources(&doc, DCAT, "accessURL"));
    for url in downloads {
        let path = url
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{url} is not under {base}"));
        assert!(
            out.path().join("site").join(path).is_file(),
            "{url}: no such file in the output"
        );
    }
    for name in ["Catalog", "Dataset", "Distribution"] {
        for node in doc.descendants().filter(|n| n.has_tag_name((DCAT, name))) {
            let about = node
                .attribute((RDF, "about"))
                .expect("a URI, not a blank node");
            assert!(
                about.starts_with(&format!("{base}data/catalog.rdf#")),
                "{about}"
            );
        }
    }
}

#[test]
fn the_licence_is_the_one_site_yaml_names() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let yaml = fs::read_to_string(root.join("content/site.yaml")).unwrap();
    let id = yaml
        .lines()
        .find_map(|l| l.strip_prefix("license:"))
        .expect("the example names its licence")
        .trim();
    let expected = License::from_str(id).unwrap().eu_uri();
    let out = build(&root);
    let text = catalog(out.path());
    let doc = roxmltree::Document::parse(&text).unwrap();
    let licences = resources(&doc, DCT, "license");
    assert!(licences.len() > 1);
    assert!(licences.iter().all(|l| l == expected), "{licences:?}");

    let site = minimal_with(|y| y + "license: CC-BY-4.0\n");
    let text = catalog(build(site.path()).path());
    let doc = roxmltree::Document::parse(&text).unwrap();
    let licences = resources(&doc, DCT, "license");
    let by = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0";
    assert!(licences.iter().all(|l| l == by), "{licences:?}");
}

#[test]
fn an_english_site_has_english_titles() {
    let site = minimal_with(|y| y.replace("language: sv", "language: en"));
    let text = catalog(build(site.path()).path());
    let doc = roxmltree::Document::parse(&text).unwrap();
    let titles = texts_of(&doc, "#dataset-agreements", DCT, "title");
    assert_eq!(titles, [(Some("en"), "IOP agreements")]);
    let titles = texts_of(&doc, "#dataset-funding", DCT, "title");
    assert_eq!(titles, [(Some("en"), "Funding of IOP agreements")]);
    assert!(text.contains("http://publications.europa.eu/resource/authority/language/ENG"));
    assert!(!text.contains("xml:lang=\"sv\""), "{text}");
}

#[test]
fn a_hostile_title_stays_well_formed_and_comes_back_unchanged() {
    let title = "A & B <x>\"";
    let site = minimal_with(|y| {
        y.replace(
            "title: IOP i Testkommunen",
            "title: 'A & B <x>\"'\ncontact_email: data@example.org",
        )
    });
    let out = build(site.path());
    let text = catalog(out.path());
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    assert_eq!(
        texts_of(&doc, "#catalog", DCT, "title"),
        [(Some("sv"), title)]
    );
    let email = resources(&doc, "http://www.w3.org/2006/vcard/ns#", "hasEmail");
    assert_eq!(email, ["mailto:data@example.org"]);
    // Built again, the same bytes.
    assert_eq!(catalog(build(site.path()).path()), text);
}

#[test]
fn without_dated_content_there_is_no_modified_date() {
    let site = minimal_with(|y| y);
    let agreement = site.path().join("content/agreements/base.yaml");
    let yaml = fs::read_to_string(&agreement).unwrap();
    fs::write(&agreement, yaml.replace("    date: 2023-12-01\n", "")).unwrap();
    fs::remove_file(site.path().join("content/reports/base-2024.md")).unwrap();
    let text = catalog(build(site.path()).path());
    assert!(!text.contains("modified"), "{text}");

    // The same site with its source dated has the date, and only that one.
    let dated = minimal_with(|y| y);
    let text = catalog(build(dated.path()).path());
    assert!(text.contains(">2025-02-15</dcterms:modified>"), "{text}");
}

#[test]
fn a_publisher_with_an_organisation_number_has_the_dataportal_uri() {
    let site = minimal_with(|y| y + "publisher_org_number: 212000-0746\n");
    let text = catalog(build(site.path()).path());
    let doc = roxmltree::Document::parse(&text).unwrap();
    let publishers = resources(&doc, DCT, "publisher");
    assert!(!publishers.is_empty());
    let uri = "http://dataportal.se/organisation/SE2120000746";
    assert!(publishers.iter().all(|p| p == uri), "{publishers:?}");
    let types = resources(&doc, DCT, "type");
    assert_eq!(types, ["http://purl.org/adms/publishertype/LocalAuthority"]);
    assert_eq!(
        texts_of(&doc, "SE2120000746", "http://xmlns.com/foaf/0.1/", "name"),
        [(None, "Testkommunen")]
    );
}
