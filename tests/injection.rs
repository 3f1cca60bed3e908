//! Content that tries to inject script, links or template code into the site must come out
//! as text. `tests/fixtures/injection/` is a site whose every string is an attack: `<script>`,
//! `</title><script>`, event-handler attributes, `javascript:`, `data:` and `vbscript:` links
//! (in Markdown, raw HTML, autolinks, reference links, entity-encoded schemes, images),
//! attribute break-outs with `"`, and Tera syntax (`{{ site.title }}`, `{% if %}`).
//!
//! The site is built with the real binary and every written file is read back:
//! - HTML: no `<script>` but the theme's own two and one JSON-LD data block on agreement and
//!   organisation pages (valid JSON holding the attacks as data, with no `<` to end it), nor
//!   other active elements, no `javascript:` or
//!   `data:` in a URL attribute, no `on…` attribute, no inline `style`, template syntax shown
//!   literally, `<title>` holding the escaped text, and every page carrying the
//!   Content-Security-Policy meta tag;
//! - `data/*.csv` and `data/*.json`: the strings exactly as written (data, not HTML);
//! - `feed.xml` and `sitemap.xml`: escaped XML.

mod common;
use common::{copy_dir, fixtures};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const AS_OF: &str = "2026-11-23";

/// The policy every page must carry, as `<meta http-equiv="Content-Security-Policy">`.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

// The strings of the fixture, exactly as the YAML and Markdown say.
const SITE_TITLE: &str = "IOP </title><script>alert('site')</script> & Co";
const AGREEMENT_TITLE: &str =
    "Avtal </title><script>alert('title')</script> {{ site.title }} {% if true %}X{% endif %}";
const SHORT_TITLE: &str = "Kort <script>alert('short')</script>";
const REPORT_TITLE: &str =
    "Rapport </title><script>alert('report')</script> {{ site.title }} {% if true %}X{% endif %}";
const PAGE_TITLE: &str =
    "Sida </title><script>alert('page')</script> {{ site.title }} {% if true %}X{% endif %}";
const PUBLIC_PARTY: &str = "Kommunen <script>alert('party')</script>";
const NONPROFIT_PARTY: &str = "Föreningen \" onmouseover=\"alert('party2')";
const FUNDING_UNIT: &str = "<script>alert('funding-unit')</script>";
const TEMPLATE_VARIABLE: &str = "{{ site.title }}";
const TEMPLATE_TAG: &str = "{% if true %}X{% endif %}";
/// The attachment the fixture's source names (`file:`), a folder and a file under
/// `content/files/`. Made by the test: Windows forbids `"`, `<` and `>` in file names, so it
/// cannot be checked in.
const ATTACHMENT: &str = "\"><script>alert('file')</script>";

/// Copies `tests/fixtures/NAME` to a temporary folder and builds it with the real binary.
fn built(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixtures().join(name), dir.path());
    if name == "injection" {
        let attachment = dir.path().join("content/files").join(ATTACHMENT);
        fs::create_dir_all(attachment.parent().expect("a folder")).expect("attachment folder");
        fs::write(&attachment, "<script>alert('file body')</script>").expect("attachment");
    }
    let output = Command::new(env!("CARGO_BIN_EXE_iopsite"))
        .args(["build", dir.path().to_str().unwrap(), "--as-of", AS_OF])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run iopsite");
    assert_eq!(
        output.status.code(),
        Some(0),
        "building {name} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    dir
}

/// Every file under `dir` with the given extension (relative path → text).
fn files_with(dir: &Path, extension: &str) -> BTreeMap<PathBuf, String> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk output");
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == extension) {
            let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
            let text = fs::read_to_string(entry.path()).expect("output is UTF-8");
            files.insert(rel, text);
        }
    }
    files
}

fn html_files(site: &Path) -> BTreeMap<PathBuf, String> {
    let files = files_with(&site.join("output"), "html");
    assert!(files.len() > 20, "too few pages: {:?}", files.keys());
    files
}

// --- a small HTML reader ------------------------------------------------------------------
//
// The output is escaped HTML, so every raw `<` starts markup. This reader splits a page into
// tags (name and attributes, values decoded) and text, which is all the checks need.

#[derive(Debug)]
struct Tag {
    name: String,
    /// `(name, decoded value)`; a value-less attribute has an empty value.
    attrs: Vec<(String, String)>,
    closing: bool,
}

enum Piece {
    Tag(Tag),
    Text(String),
}

/// Decodes the character references the renderer may write.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn parse_html(html: &str) -> Vec<Piece> {
    let bytes = html.as_bytes();
    let mut pieces = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if text_start < i {
            pieces.push(Piece::Text(decode(&html[text_start..i])));
        }
        if html[i..].starts_with("<!--") {
            let end = html[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
            i = end;
            text_start = i;
            continue;
        }
        if html[i..].starts_with("<!") {
            let end = html[i..].find('>').map_or(bytes.len(), |e| i + e + 1);
            i = end;
            text_start = i;
            continue;
        }
        i += 1;
        let closing = bytes.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && bytes[i] != b'>'
            && bytes[i] != b'/'
        {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                i += 1;
                break;
            }
            let attr_start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let attr = html[attr_start..i].to_ascii_lowercase();
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = html[i + 1..]
                            .find(q as char)
                            .map_or(bytes.len(), |e| i + 1 + e);
                        value = decode(&html[i + 1..end]);
                        i = end + 1;
                    }
                    _ => {
                        let start = i;
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                        value = decode(&html[start..i]);
                    }
                }
            }
            attrs.push((attr, value));
        }
        pieces.push(Piece::Tag(Tag {
            name,
            attrs,
            closing,
        }));
        text_start = i;
    }
    if text_start < bytes.len() {
        pieces.push(Piece::Text(decode(&html[text_start..])));
    }
    pieces
}

fn tags(html: &str) -> impl Iterator<Item = Tag> {
    parse_html(html).into_iter().filter_map(|p| match p {
        Piece::Tag(t) => Some(t),
        Piece::Text(_) => None,
    })
}

/// The page's text as a reader sees it: tags removed, references decoded, `<title>` and the
/// rest alike.
fn visible_text(html: &str) -> String {
    parse_html(html)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Text(t) => Some(t),
            Piece::Tag(_) => None,
        })
        .collect()
}

/// The decoded text of the first `<NAME>` element, and how many such elements there are.
fn element_text(html: &str, name: &str) -> (Option<String>, usize) {
    let mut count = 0;
    let mut first = None;
    let mut inside: Option<String> = None;
    for piece in parse_html(html) {
        match piece {
            Piece::Tag(t) if t.name == name && !t.closing => {
                count += 1;
                inside = Some(String::new());
            }
            Piece::Tag(t) if t.name == name && t.closing => {
                if let Some(text) = inside.take()
                    && first.is_none()
                {
                    first = Some(text);
                }
            }
            Piece::Tag(_) => {}
            Piece::Text(text) => {
                if let Some(inside) = inside.as_mut() {
                    inside.push_str(&text);
                }
            }
        }
    }
    (first, count)
}

/// A URL as a browser would judge its scheme: without whitespace and control characters,
/// lower case.
fn normalised_url(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase()
}

/// Attributes that hold a URL a browser may follow or load.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "xlink:href",
    "ping",
];

/// Elements that run code, load other documents or change where links go.
const ACTIVE_ELEMENTS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "style",
    "math", "input", "button", "textarea", "select", "template", "noscript",
];

/// What an inline chart may hold: shapes, text and its title and description; no links,
/// `<use>`, `<image>`, `<foreignObject>` or animation.
const CHART_ELEMENTS: &[&str] = &[
    "svg", "title", "desc", "defs", "pattern", "rect", "line", "polyline", "path", "circle", "text",
];

fn report(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// --- the checks ---------------------------------------------------------------------------

/// The theme's own scripts, loaded by every page from the site root (`../` repeated, or
/// the path of the site's address, `/iop/`, on the 404 page).
const THEME_SCRIPTS: &[&str] = &["search.js", "tables.js"];

/// Whether `tag` is one the theme itself writes: its two scripts (a `src` and `defer`, no
/// body), the search box and the agreement filter form, each with exactly its own attributes.
/// Content can make none of them: every other check here shows content stays text.
fn theme_element(tag: &Tag) -> bool {
    let attrs: Vec<(&str, &str)> = tag
        .attrs
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let attr = |name: &str| attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    if tag.closing {
        return ["script", "form", "select", "button"].contains(&tag.name.as_str());
    }
    match tag.name.as_str() {
        // The JSON-LD data block: not run, whatever the CSP; its content is checked apart.
        "script" if attrs == [("type", "application/ld+json")] => true,
        "script" => {
            attrs.len() == 2
                && attr("defer") == Some("")
                && attr("src").is_some_and(|src| {
                    THEME_SCRIPTS.iter().any(|file| {
                        src.strip_suffix(file).is_some_and(|root| {
                            root == "/iop/" || root.split_terminator('/').all(|part| part == "..")
                        })
                    })
                })
        }
        "input" => {
            attr("id") == Some("site-search-input") && attr("class") == Some("search-input")
                || attrs
                    == [
                        ("type", "search"),
                        ("name", "text"),
                        ("autocomplete", "off"),
                    ]
        }
        "form" => attr("class") == Some("table-filter") && attr("action").is_none(),
        "select" => {
            attrs.len() == 1
                && attr("name").is_some_and(|n| ["body", "goal", "status", "year"].contains(&n))
        }
        "button" => attrs == [("type", "reset"), ("class", "filter-clear")],
        _ => false,
    }
}

#[test]
fn no_page_has_a_script_or_other_active_element() {
    let site = built("injection");
    let mut problems = Vec::new();
    for (path, html) in html_files(site.path()) {
        let scripts = html.to_lowercase().matches("<script").count() - json_ld(&html).len();
        if scripts != THEME_SCRIPTS.len() {
            problems.push(format!(
                "{}: contains `<script` {scripts} times, not just the theme's {}",
                path.display(),
                THEME_SCRIPTS.len()
            ));
        }
        let mut in_chart = false;
        for tag in tags(&html) {
            if ACTIVE_ELEMENTS.contains(&tag.name.as_str()) && !theme_element(&tag) {
                problems.push(format!("{}: <{}> element", path.display(), tag.name));
            }
            if tag.name == "svg" && !tag.closing {
                let class = tag.attrs.iter().find(|(n, _)| n == "class");
                let role = tag.attrs.iter().find(|(n, _)| n == "role");
                if !class.is_some_and(|(_, v)| v.starts_with("chart-svg "))
                    || role.is_none_or(|(_, v)| v != "img")
                {
                    problems.push(format!("{}: an <svg> that is not a chart", path.display()));
                }
                in_chart = true;
            } else if tag.name == "svg" {
                in_chart = false;
            } else if in_chart && !CHART_ELEMENTS.contains(&tag.name.as_str()) {
                problems.push(format!("{}: <{}> inside a chart", path.display(), tag.name));
            }
            if tag.name == "meta"
                && tag
                    .attrs
                    .iter()
                    .any(|(n, v)| n == "http-equiv" && v.eq_ignore_ascii_case("refresh"))
            {
                problems.push(format!("{}: <meta http-equiv=refresh>", path.display()));
            }
        }
    }
    report(&problems);
}

/// The opening tag of the one data block a page may have.
const JSON_LD_OPEN: &str = "<script type=\"application/ld+json\">";

/// The raw text of every JSON-LD block of a page: from its opening tag to the first
/// `</script>` after it, where an HTML parser ends it whatever it holds.
fn json_ld(html: &str) -> Vec<&str> {
    html.match_indices(JSON_LD_OPEN)
        .map(|(at, _)| {
            let body = &html[at + JSON_LD_OPEN.len()..];
            &body[..body.find("</script>").unwrap_or(body.len())]
        })
        .collect()
}

/// Every string in a JSON value.
fn json_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

#[test]
fn json_ld_holds_the_attacks_as_data_only() {
    let site = built("injection");
    let mut problems = Vec::new();
    let mut strings = BTreeMap::new();
    for (path, html) in html_files(site.path()) {
        let page = path.to_string_lossy().replace('\\', "/");
        let blocks = json_ld(&html);
        // One on each agreement's and organisation's page; none on lists and other pages.
        // (Further pages of an organisation and a body's units are in its folder: at most one.)
        let under = ["agreements/", "organisations/"]
            .iter()
            .find_map(|dir| page.strip_prefix(dir));
        let fits = match under {
            Some(rest) if !rest.contains('/') => blocks.len() == 1,
            Some(_) => blocks.len() <= 1,
            None => blocks.is_empty(),
        };
        if !fits {
            problems.push(format!("{page}: {} JSON-LD blocks", blocks.len()));
        }
        for block in blocks {
            // Nothing in it can end the element or open a comment: `<` is written `\u003c`.
            if block.contains('<') || block.contains('>') || block.contains('&') {
                problems.push(format!("{page}: raw `<`, `>` or `&` in JSON-LD: {block}"));
            }
            match serde_json::from_str::<serde_json::Value>(block) {
                Ok(value) => {
                    let mut all = Vec::new();
                    json_strings(&value, &mut all);
                    strings.insert(page.clone(), all);
                }
                Err(e) => problems.push(format!("{page}: JSON-LD is not JSON ({e}): {block}")),
            }
        }
    }
    let expected: &[(&str, &[&str])] = &[
        (
            "agreements/inject.html",
            &[
                AGREEMENT_TITLE,
                SHORT_TITLE,
                PUBLIC_PARTY,
                NONPROFIT_PARTY,
                "<script>alert('dnr')</script>",
            ],
        ),
        (
            "organisations/kommunen-script-alert-party-script.html",
            &[PUBLIC_PARTY],
        ),
    ];
    for (page, wanted) in expected {
        let found = strings.get(*page).cloned().unwrap_or_default();
        for want in *wanted {
            if !found.iter().any(|s| s == want) {
                problems.push(format!("{page}: the JSON-LD lacks the string `{want}`"));
            }
        }
    }
    report(&problems);
}

#[test]
fn no_url_attribute_has_a_script_or_data_scheme() {
    let site = built("injection");
    let mut problems = Vec::new();
    let mut urls = 0;
    for (path, html) in html_files(site.path()) {
        for tag in tags(&html) {
            for (name, value) in &tag.attrs {
                if !URL_ATTRIBUTES.contains(&name.as_str()) {
                    continue;
                }
                urls += 1;
                let url = normalised_url(value);
                for scheme in ["javascript:", "data:", "vbscript:"] {
                    if url.contains(scheme) {
                        problems.push(format!(
                            "{}: <{} {name}=\"{value}\">",
                            path.display(),
                            tag.name
                        ));
                    }
                }
            }
        }
    }
    assert!(urls > 100, "the reader found only {urls} URL attributes");
    report(&problems);
}

#[test]
fn no_element_has_an_event_handler_or_inline_style() {
    let site = built("injection");
    let mut problems = Vec::new();
    let mut attributes = 0;
    for (path, html) in html_files(site.path()) {
        for tag in tags(&html) {
            for (name, value) in &tag.attrs {
                attributes += 1;
                if name.starts_with("on") {
                    problems.push(format!(
                        "{}: <{} {name}=\"{value}\">",
                        path.display(),
                        tag.name
                    ));
                }
                // The Content-Security-Policy forbids inline styles; one would be ignored.
                if name == "style" {
                    problems.push(format!(
                        "{}: <{} style=\"{value}\"> (blocked by the CSP)",
                        path.display(),
                        tag.name
                    ));
                }
            }
        }
    }
    assert!(
        attributes > 1000,
        "the reader found only {attributes} attributes"
    );
    report(&problems);
}

#[test]
fn attacks_are_shown_as_text() {
    // The strings are not dropped either: the reader sees exactly what the author wrote.
    let site = built("injection");
    let out = site.path().join("output");
    let read = |p: &str| fs::read_to_string(out.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let expected: &[(&str, &[&str])] = &[
        (
            "agreements/inject.html",
            &[
                AGREEMENT_TITLE,
                PUBLIC_PARTY,
                NONPROFIT_PARTY,
                "<script>alert('summary')</script>",
                "<img src=x onerror=alert('summary')>",
                "<script>alert('activity')</script> {{ site.title }} {% if true %}X{% endif %}",
                "\" onmouseover=\"alert('volume')",
                "<script>alert('dnr')</script>",
                "<script>alert('source')</script> {{ site.title }}",
                "<b onmouseover=alert('contact')>Anna</b>",
                "anna@example.org\" onmouseover=\"alert('email')",
                "<script>alert('decision-body')</script>",
                "<script>alert('goal')</script>",
                "<style>body{display:none}</style>",
            ],
        ),
        (
            "reports/inject-2024.html",
            &[
                REPORT_TITLE,
                "<script>alert('statistic')</script> {{ site.title }}",
                "<img src=x onerror=alert('statistic-unit')>",
                "Rubrik <script>alert('heading')</script>",
                "<script>alert('body')</script>",
                "<img src=x onerror=alert(1)>",
                "<a href=\"javascript:alert(1)\">a</a>",
                "<div onmouseover=\"alert(1)\">div</div>",
                "Mall: {{ site.title }} och {% if true %}X{% endif %}",
                "<script>alert('cell')</script>",
                "Fotnot <script>alert('footnote')</script>",
            ],
        ),
        (
            "pages/inject.html",
            &[PAGE_TITLE, "<script>alert('page-body')</script>"],
        ),
        (
            "index.html",
            &[
                SITE_TITLE,
                "<script>alert('notice')</script> {{ site.title }} {% if true %}X{% endif %}",
                "<img src=x onerror=alert('publisher')>",
            ],
        ),
    ];
    let mut problems = Vec::new();
    for (page, strings) in expected {
        let text = visible_text(&read(page));
        for s in *strings {
            if !text.contains(s) {
                problems.push(format!("{page}: the text `{s}` is not shown"));
            }
        }
    }
    report(&problems);
}

#[test]
fn template_syntax_in_content_is_shown_not_run() {
    let site = built("injection");
    let out = site.path().join("output");
    let mut problems = Vec::new();
    for page in [
        "agreements/inject.html",
        "reports/inject-2024.html",
        "pages/inject.html",
        "index.html",
    ] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        let text = visible_text(&html);
        for syntax in [TEMPLATE_VARIABLE, TEMPLATE_TAG] {
            if !text.contains(syntax) {
                problems.push(format!("{page}: `{syntax}` is not shown literally"));
            }
        }
        // Evaluated, `{{ site.title }}` would put the site's title right after these words.
        for evaluated in [
            format!("Avtal </title><script>alert('title')</script> {SITE_TITLE}"),
            format!("Mall: {SITE_TITLE}"),
            format!("Mall: {TEMPLATE_VARIABLE} och X"),
        ] {
            if text.contains(&evaluated) {
                problems.push(format!(
                    "{page}: template syntax was evaluated: `{evaluated}`"
                ));
            }
        }
    }
    // The page headings hold the titles exactly as written.
    for (page, title) in [
        ("agreements/inject.html", AGREEMENT_TITLE),
        ("reports/inject-2024.html", REPORT_TITLE),
        ("pages/inject.html", PAGE_TITLE),
    ] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        let (h1, count) = element_text(&html, "h1");
        if count != 1 || h1.as_deref() != Some(title) {
            problems.push(format!(
                "{page}: expected one <h1> `{title}`, found {count}: {h1:?}"
            ));
        }
    }
    report(&problems);
}

#[test]
fn the_title_element_holds_the_escaped_text() {
    let site = built("injection");
    let mut problems = Vec::new();
    let expected: BTreeMap<&str, String> = [
        ("index.html", SITE_TITLE.to_string()),
        (
            "agreements/inject.html",
            format!("{AGREEMENT_TITLE} – {SITE_TITLE}"),
        ),
        (
            "reports/inject-2024.html",
            format!("{REPORT_TITLE} – {SITE_TITLE}"),
        ),
        ("pages/inject.html", format!("{PAGE_TITLE} – {SITE_TITLE}")),
    ]
    .into_iter()
    .collect();
    for (path, html) in html_files(site.path()) {
        let page = path.to_string_lossy().replace('\\', "/");
        // Raw `<title>`/`</title>` occur once each in the head: the injected ones are
        // escaped. (Charts in the body have titles of their own.)
        let html = &html[..html.find("</head>").unwrap_or(html.len())];
        let opens = html.matches("<title>").count();
        let closes = html.matches("</title>").count();
        if opens != 1 || closes != 1 {
            problems.push(format!(
                "{page}: {opens} `<title>` and {closes} `</title>` in the HTML"
            ));
            continue;
        }
        let start = html.find("<title>").unwrap() + "<title>".len();
        let end = html.find("</title>").unwrap();
        let raw = &html[start..end];
        if raw.contains('<') || raw.contains('>') {
            problems.push(format!("{page}: unescaped `<` or `>` in <title>: {raw}"));
        }
        let text = decode(raw);
        if !text.contains(SITE_TITLE) {
            problems.push(format!("{page}: <title> lacks the site title: {text}"));
        }
        if let Some(want) = expected.get(page.as_str())
            && text != *want
        {
            problems.push(format!("{page}: <title> is `{text}`, expected `{want}`"));
        }
    }
    report(&problems);
}

#[test]
fn data_files_hold_the_strings_unchanged() {
    let site = built("injection");
    let data = site.path().join("output/data");
    let mut problems = Vec::new();

    // CSV: parse it and look for the exact field values.
    let csv_fields = |name: &str| -> Vec<String> {
        let mut reader = csv::Reader::from_path(data.join(name)).expect("read CSV");
        let mut fields: Vec<String> = reader
            .headers()
            .expect("CSV header")
            .iter()
            .map(str::to_string)
            .collect();
        for record in reader.records() {
            fields.extend(record.expect("CSV record").iter().map(str::to_string));
        }
        fields
    };
    let agreements = csv_fields("agreements.csv");
    for want in [AGREEMENT_TITLE, SHORT_TITLE] {
        if !agreements.iter().any(|f| f == want) {
            problems.push(format!("agreements.csv: no field `{want}`"));
        }
    }
    for want in [PUBLIC_PARTY, NONPROFIT_PARTY] {
        if !agreements.iter().any(|f| f.contains(want)) {
            problems.push(format!("agreements.csv: `{want}` missing"));
        }
    }
    let funding = csv_fields("funding.csv");
    for want in [PUBLIC_PARTY, FUNDING_UNIT] {
        if !funding.iter().any(|f| f == want) {
            problems.push(format!("funding.csv: no field `{want}`"));
        }
    }
    for (name, fields) in [("agreements.csv", &agreements), ("funding.csv", &funding)] {
        if fields
            .iter()
            .any(|f| f.contains("&lt;") || f.contains("&amp;"))
        {
            problems.push(format!("{name}: HTML-escaped text in a data file"));
        }
    }

    // JSON: parse it and collect every string.
    for (name, wanted) in [
        (
            "agreements.json",
            &[AGREEMENT_TITLE, SHORT_TITLE, PUBLIC_PARTY, NONPROFIT_PARTY][..],
        ),
        ("funding.json", &[PUBLIC_PARTY, FUNDING_UNIT][..]),
    ] {
        let text = fs::read_to_string(data.join(name)).expect("read JSON");
        let value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"));
        let mut all = Vec::new();
        json_strings(&value, &mut all);
        for want in wanted {
            if !all.iter().any(|s| s == want || s.contains(want)) {
                problems.push(format!("{name}: `{want}` missing"));
            }
        }
        if all
            .iter()
            .any(|s| s.contains("&lt;") || s.contains("&amp;"))
        {
            problems.push(format!("{name}: HTML-escaped text in a data file"));
        }
    }
    report(&problems);
}

#[test]
fn feed_and_sitemap_are_escaped_xml() {
    let site = built("injection");
    let out = site.path().join("output");
    let mut problems = Vec::new();
    for name in ["feed.xml", "sitemap.xml"] {
        let xml = fs::read_to_string(out.join(name)).expect("read XML");
        let lower = xml.to_lowercase();
        if lower.contains("<script") {
            problems.push(format!("{name}: raw `<script`"));
        }
        // Every `<` starts a known XML construct.
        for (at, _) in xml.match_indices('<') {
            let rest = &xml[at + 1..];
            let name_ok = rest.starts_with('?')
                || rest.starts_with('/')
                || rest.starts_with("!--")
                || rest.starts_with(|c: char| c.is_ascii_alphabetic());
            let tag: String = rest
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == ':')
                .collect();
            if !name_ok
                || matches!(
                    tag.as_str(),
                    "script" | "img" | "svg" | "iframe" | "a" | "b" | "div"
                )
            {
                problems.push(format!("{name}: unexpected markup at byte {at}: <{tag}"));
            }
        }
    }
    let feed = fs::read_to_string(out.join("feed.xml")).unwrap();
    if !feed.contains("&lt;script&gt;") {
        problems.push("feed.xml: the titles' `<script>` should appear escaped".into());
    }
    if !decode(&feed).contains(REPORT_TITLE) {
        problems.push(format!(
            "feed.xml: the report title `{REPORT_TITLE}` is missing"
        ));
    }
    report(&problems);
}

/// Every page carries the policy once, in `<head>`, before anything it governs.
fn assert_csp_on_every_page(site: &Path) {
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">");
    let mut problems = Vec::new();
    for (path, html) in html_files(site) {
        let page = path.display();
        let Some(at) = html.find(&meta) else {
            problems.push(format!("{page}: no CSP meta tag"));
            continue;
        };
        if html.matches("Content-Security-Policy").count() != 1 {
            problems.push(format!("{page}: more than one CSP"));
        }
        let head_start = html.find("<head>").unwrap_or(usize::MAX);
        let head_end = html.find("</head>").unwrap_or(0);
        if !(head_start < at && at < head_end) {
            problems.push(format!("{page}: the CSP is not inside <head>"));
        }
        if let Some(link) = html.find("<link")
            && link < at
        {
            problems.push(format!("{page}: a <link> comes before the CSP"));
        }
    }
    report(&problems);
}

#[test]
fn every_page_has_the_content_security_policy() {
    assert_csp_on_every_page(built("injection").path());
    assert_csp_on_every_page(built("minimal").path());
}

#[test]
fn the_html_reader_finds_what_it_should() {
    // The checks above are only as good as this reader.
    let html = r#"<!DOCTYPE html><p class="a" onclick='x()' hidden>T &lt;script&gt; &amp; &#39;q&#x27;</p><img src=javascript:alert(1)><a href="&#106;avascript:x">"#;
    let tags: Vec<Tag> = tags(html).collect();
    assert_eq!(tags[0].name, "p");
    assert_eq!(
        tags[0].attrs,
        [
            ("class".to_string(), "a".to_string()),
            ("onclick".to_string(), "x()".to_string()),
            ("hidden".to_string(), String::new())
        ]
    );
    assert!(tags[1].closing && tags[1].name == "p");
    assert_eq!(tags[2].attrs[0].1, "javascript:alert(1)");
    assert_eq!(normalised_url(&tags[3].attrs[0].1), "javascript:x");
    assert_eq!(visible_text(html), "T <script> & 'q'");
}
