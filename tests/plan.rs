//! The output plan is the one list of the site's files: a build writes what it names, the
//! preview makes each of them the same way, the sitemap lists its pages, and a theme can
//! replace the templates of the feed and the sitemap but not a file the site makes.

mod common;
use common::minimal_site;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use iopsite::BuildOptions;

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn options() -> BuildOptions {
    BuildOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        ..Default::default()
    }
}

/// Every file a build of the example site writes, made again one at a time by path (as the
/// preview makes them), is the same file.
#[test]
fn each_file_made_alone_is_the_file_the_build_writes() {
    let collect = iopsite::plan::Collect::default();
    iopsite::render_into(&example(), &options(), &collect, &()).expect("example builds");
    let files = collect.into_files();
    let prepared = iopsite::prepare(&example(), &options(), &()).expect("example prepares");
    assert_eq!(files.len(), prepared.plan.entries().len());
    assert!(files.len() > 40, "only {} files", files.len());
    for file in &files {
        assert!(
            prepared.has_path(&file.path),
            "{} not in the plan",
            file.path
        );
        let made = prepared.render_path(&file.path);
        let made = made.unwrap_or_else(|| panic!("{} cannot be made alone", file.path));
        assert!(
            made.as_ref().ok() == Some(&file.bytes),
            "{} differs",
            file.path
        );
    }
    assert!(prepared.render_path("agreements/no-such.html").is_none());
}

/// The `<loc>`s of a sitemap.
fn locations(sitemap: &str) -> BTreeSet<String> {
    sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split("</loc>").next())
        .map(str::to_string)
        .collect()
}

/// The sitemap lists every HTML page a build writes but the 404 page: a new kind of page
/// cannot be left out of it by forgetting a second list.
#[test]
fn the_sitemap_lists_every_page_of_the_build() {
    let collect = iopsite::plan::Collect::default();
    let outcome =
        iopsite::render_into(&example(), &options(), &collect, &()).expect("example builds");
    let base = outcome.site.config.base_url.clone();
    let files = collect.into_files();
    let sitemap = files
        .iter()
        .find(|f| f.path == "sitemap.xml")
        .expect("sitemap");
    let listed = locations(&String::from_utf8_lossy(&sitemap.bytes));
    let pages: BTreeSet<String> = files
        .iter()
        .filter(|f| f.path.ends_with(".html") && f.path != "404.html")
        .map(|f| format!("{base}{}", f.path))
        .collect();
    assert_eq!(listed, pages);
    assert_eq!(pages.len(), outcome.rendered.pages - 1);
}

fn build(site: &Path, out: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_iopsite"))
        .args([
            "build",
            site.to_str().unwrap(),
            "--as-of",
            "2026-11-23",
            "--quiet",
            "-o",
        ])
        .arg(out)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run iopsite")
}

/// A site's own `feed.xml` and `sitemap.xml` templates replace the built-in ones.
#[test]
fn a_theme_overrides_the_feed_and_sitemap_templates() {
    let site = minimal_site();
    let templates = site.path().join("themes/default/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("sitemap.xml"),
        "<pages>{% for url in sitemap.urls %}<p>{{ url | escape_xml }}</p>{% endfor %}</pages>\n",
    )
    .unwrap();
    fs::write(
        templates.join("feed.xml"),
        "<feed>{% for e in feed.entries %}<e d=\"{{ e.updated }}\">{{ e.title | escape_xml }}</e>{% endfor %}</feed>\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = build(site.path(), &out.path().join("site"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let sitemap = fs::read_to_string(out.path().join("site/sitemap.xml")).unwrap();
    assert!(sitemap.starts_with("<pages><p>"), "{sitemap}");
    assert!(sitemap.contains("index.html</p>"), "{sitemap}");
    let feed = fs::read_to_string(out.path().join("site/feed.xml")).unwrap();
    assert!(feed.starts_with("<feed>"), "{feed}");
}

/// A theme file with the path of a file the site makes stops the build, naming the theme
/// file; nothing is written.
#[test]
fn a_theme_file_cannot_replace_a_file_the_site_makes() {
    let site = minimal_site();
    let statics = site.path().join("themes/default/static/data");
    fs::create_dir_all(&statics).unwrap();
    fs::write(statics.join("funding.csv"), "made by hand\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = build(site.path(), &out.path().join("site"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("static/data/funding.csv"), "{stderr}");
    assert!(stderr.contains("`data/funding.csv`"), "{stderr}");
    assert!(!out.path().join("site").exists());
}

/// Every `href="…"` and `src="…"` value of an HTML page.
fn links(html: &str) -> Vec<&str> {
    [" href=\"", " src=\""]
        .iter()
        .flat_map(|attr| html.split(attr).skip(1))
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

/// The 404 page is served at any depth and from any host (www or not, http or https, a
/// staging host, the preview): its links are path-absolute from `base_url`'s path and name no
/// host, which the pages' CSP (`'self'`) would block anywhere but `base_url`'s own.
#[test]
fn the_404_page_links_from_the_site_path_on_any_host() {
    let out = tempfile::tempdir().unwrap();
    let output = build(&example(), &out.path().join("site"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = fs::read_to_string(out.path().join("site/404.html")).unwrap();
    assert!(
        page.contains("<link rel=\"stylesheet\" href=\"/iop/style.css\">"),
        "{page}"
    );
    let found = links(&page);
    assert!(found.len() > 10, "{found:?}");
    for link in found.iter().filter(|l| !l.starts_with('#')) {
        assert!(!link.contains("example.org"), "{link} names the host");
        assert!(link.starts_with("/iop/"), "{link} is not path-absolute");
    }
    // Other pages still link relatively and name the host only in the canonical link.
    let home = fs::read_to_string(out.path().join("site/index.html")).unwrap();
    assert!(home.contains("<link rel=\"stylesheet\" href=\"style.css\">"));
    assert!(home.contains("<link rel=\"canonical\" href=\"https://example.org/iop/index.html\">"));

    // A site at the root of its host links from `/`.
    let collect = iopsite::plan::Collect::default();
    let at_root = BuildOptions {
        base_url: Some("https://example.org".into()),
        ..options()
    };
    iopsite::render_into(&example(), &at_root, &collect, &()).expect("example builds");
    let files = collect.into_files();
    let page = files.iter().find(|f| f.path == "404.html").expect("404");
    let page = String::from_utf8_lossy(&page.bytes);
    assert!(page.contains("<link rel=\"stylesheet\" href=\"/style.css\">"));
    for link in links(&page).iter().filter(|l| !l.starts_with('#')) {
        assert!(link.starts_with('/') && !link.starts_with("//"), "{link}");
    }
}
