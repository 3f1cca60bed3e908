//! Attachments: the files under `content/files/` are published as they are at `files/NAME`,
//! whether a source names them or not, and a source's `file:` links to one. A `file:` that
//! names no file there, or leads out of the folder, is an error at the value; a link
//! (symlink) in the folder that leads out of it is refused, not followed.
//!
//! Each case copies `tests/fixtures/minimal` into a fresh temporary folder and changes it.

mod common;
use common::{minimal_site, show};

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use iopsite::diagnostics::Diagnostic;
use iopsite::{BuildOptions, Failure};

const AGREEMENT: &str = "content/agreements/base.yaml";
/// The last line of the fixture's only source; a `file:` added after it is on line 11.
const URL_LINE: &str = "    url: https://example.org/iop/avtal.pdf\n";

fn options() -> BuildOptions {
    BuildOptions {
        as_of: Some(NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date")),
        ..Default::default()
    }
}

/// Adds `file: NAME` to the fixture agreement's source, on line 11 (the value at column 11).
fn name_file(site: &Path, name: &str) {
    let path = site.join(AGREEMENT);
    let text = fs::read_to_string(&path).expect("read the agreement");
    assert!(text.contains(URL_LINE), "the fixture changed");
    let text = text.replace(URL_LINE, &format!("{URL_LINE}    file: {name}\n"));
    fs::write(&path, text).expect("write the agreement");
}

/// Writes `bytes` to `content/files/NAME`, making its folders.
fn put_file(site: &Path, name: &str, bytes: &[u8]) {
    let path = site.join("content/files").join(name);
    fs::create_dir_all(path.parent().expect("a folder")).expect("create the folder");
    fs::write(path, bytes).expect("write the attachment");
}

/// Some bytes of a made-up PDF, not UTF-8, of `len` bytes.
fn pdf_bytes(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    bytes.extend((0..len - bytes.len()).map(|i| (i * 7 % 256) as u8));
    bytes
}

/// Builds the site into a fresh folder; returns the folder.
fn build(site: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temporary folder");
    if let Err(err) = iopsite::build(site, Some(out.path()), &options()) {
        match err {
            Failure::Content(diags) => panic!("build failed:\n{}", show(&diags)),
            other => panic!("build failed: {other}"),
        }
    }
    out
}

fn errors_of(site: &Path) -> Vec<Diagnostic> {
    match iopsite::check(site, &options()) {
        Ok(_) => panic!("check passed, but the content is broken"),
        Err(Failure::Content(diagnostics)) => diagnostics,
        Err(other) => panic!("expected content errors, got {other}"),
    }
}

/// Asserts that `diagnostics` has an error at `path:line:column` saying exactly `message`.
fn assert_error(diagnostics: &[Diagnostic], path: &str, line: usize, column: usize, message: &str) {
    let found = diagnostics.iter().any(|d| {
        d.is_error()
            && d.path == Path::new(path)
            && (d.line, d.column) == (line, column)
            && d.text() == message
    });
    assert!(
        found,
        "expected\n  error: {path}:{line}:{column}: {message}\nbut got\n{}",
        show(diagnostics)
    );
}

#[test]
fn a_named_file_is_published_as_it_is_and_linked_with_its_type_and_size() {
    let site = minimal_site();
    let bytes = pdf_bytes(1_234_567);
    put_file(site.path(), "Avtal 2023 #1.pdf", &bytes);
    // Quoted: in YAML an unquoted ` #` starts a comment.
    name_file(site.path(), "\"Avtal 2023 #1.pdf\"");
    let out = build(site.path());

    let published = fs::read(out.path().join("files/Avtal 2023 #1.pdf")).expect("published");
    assert!(published == bytes, "the published file differs");
    let page = fs::read_to_string(out.path().join("agreements/base.html")).expect("the page");
    // The document is named by its title and linked; its file name is not shown. Its full
    // address is written out for print (hidden on screen).
    let link = "<a href=\"../files/Avtal%202023%20%231.pdf\">Överenskommelse om IOP mellan \
                Testkommunen och Testföreningen</a><span class=\"print-address\"> \
                &lt;https://example.org/iop/files/Avtal%202023%20%231.pdf&gt;</span> \
                <span class=\"source-file\">(PDF, 1,2\u{a0}MB)</span>";
    assert!(
        page.contains(link),
        "no link `{link}` in the sources:\n{page}"
    );

    // The preview makes the file from the same plan, by the path the browser asks for.
    let prepared = iopsite::prepare(site.path(), &options(), &()).expect("prepares");
    assert!(prepared.has_path("files/Avtal 2023 #1.pdf"));
    let served = prepared.render_path("files/Avtal 2023 #1.pdf");
    assert!(served.and_then(Result::ok) == Some(bytes));
}

#[test]
fn the_link_reads_in_the_sites_language_and_files_may_be_in_folders() {
    let site = minimal_site();
    let settings = site.path().join("content/site.yaml");
    let text = fs::read_to_string(&settings).expect("site.yaml");
    fs::write(&settings, text.replace("language: sv", "language: en")).expect("site.yaml");
    put_file(site.path(), "2024/protokoll.docx", &[b'x'; 2_500]);
    name_file(site.path(), "./2024//protokoll.docx");
    let out = build(site.path());

    assert!(out.path().join("files/2024/protokoll.docx").is_file());
    let page = fs::read_to_string(out.path().join("agreements/base.html")).expect("the page");
    let link = "<a href=\"../files/2024/protokoll.docx\">Överenskommelse om IOP mellan \
                Testkommunen och Testföreningen</a><span class=\"print-address\"> \
                &lt;https://example.org/iop/files/2024/protokoll.docx&gt;</span> \
                <span class=\"source-file\">(Word, 2.5\u{a0}kB)</span>";
    assert!(
        page.contains(link),
        "no link `{link}` in the sources:\n{page}"
    );
}

#[test]
fn a_file_no_source_names_is_published_too() {
    let site = minimal_site();
    put_file(
        site.path(),
        "protokoll/2024-03-01.txt",
        "Protokoll\n".as_bytes(),
    );
    put_file(site.path(), ".DS_Store", b"hidden");
    let out = build(site.path());

    let published = fs::read(out.path().join("files/protokoll/2024-03-01.txt")).expect("published");
    assert_eq!(published, b"Protokoll\n");
    assert!(
        !out.path().join("files/.DS_Store").exists(),
        "hidden files are not published"
    );
    let page = fs::read_to_string(out.path().join("agreements/base.html")).expect("the page");
    assert!(
        !page.contains("files/"),
        "an unnamed file is not linked from the agreement"
    );
}

#[test]
fn a_missing_file_is_an_error_at_the_value_naming_where_it_was_looked_for() {
    let site = minimal_site();
    name_file(site.path(), "avtal.pdf");
    let errors = errors_of(site.path());
    assert_error(
        &errors,
        AGREEMENT,
        11,
        11,
        "there is no file `avtal.pdf` in content/files/ (looked for content/files/avtal.pdf); \
         the folder content/files/ does not exist: put the files the sources name there",
    );

    // With the folder, a close name is suggested: another case, or another folder.
    put_file(site.path(), "Avtal.pdf", b"%PDF");
    let errors = errors_of(site.path());
    assert_error(
        &errors,
        AGREEMENT,
        11,
        11,
        "there is no file `avtal.pdf` in content/files/ (looked for content/files/avtal.pdf); \
         did you mean `Avtal.pdf`?",
    );
    let rendered = errors[0].to_string();
    assert!(
        rendered.starts_with("error: content/agreements/base.yaml:11:11: "),
        "{rendered}"
    );
    assert!(
        rendered.contains("11 |     file: avtal.pdf\n"),
        "{rendered}"
    );
}

#[test]
fn a_path_leading_out_of_the_folder_is_refused() {
    for (name, message) in [
        (
            "../site.yaml",
            "`../site.yaml` leads out of content/files/ with `..`; only files inside that folder \
             are published, so put the file there and name it by its path inside it",
        ),
        (
            "a/../../agreements/base.yaml",
            "`a/../../agreements/base.yaml` leads out of content/files/ with `..`; only files \
             inside that folder are published, so put the file there and name it by its path \
             inside it",
        ),
        (
            "/etc/passwd",
            "`/etc/passwd` is an absolute path; name the file by its path inside content/files/, \
             e.g. `avtal.pdf` or `2024/beslut.pdf`",
        ),
    ] {
        let site = minimal_site();
        put_file(site.path(), "avtal.pdf", b"%PDF");
        name_file(site.path(), name);
        assert_error(&errors_of(site.path()), AGREEMENT, 11, 11, message);
    }
}

/// A link in the folder to a file outside it is refused (an error at the link, and at a
/// source naming it), never followed; a link to a file inside the folder is published as a
/// copy of that file.
#[cfg(unix)]
#[test]
fn a_link_leading_out_of_the_folder_is_refused_and_one_inside_is_followed() {
    use std::os::unix::fs::symlink;

    let site = minimal_site();
    let files = site.path().join("content/files");
    put_file(site.path(), "2023/avtal.pdf", b"%PDF avtal");
    symlink("2023/avtal.pdf", files.join("senaste.pdf")).expect("link inside");
    let outside = site.path().join("secret.txt");
    fs::write(&outside, "not for publishing").expect("write outside");
    symlink(&outside, files.join("secret.txt")).expect("link outside");
    name_file(site.path(), "secret.txt");

    let errors = errors_of(site.path());
    assert_error(
        &errors,
        AGREEMENT,
        11,
        11,
        "content/files/secret.txt cannot be published: it is a link to a file outside \
         content/files/",
    );
    let canonical = fs::canonicalize(&outside).expect("canonical");
    assert_error(
        &errors,
        "content/files/secret.txt",
        0,
        0,
        &format!(
            "is a link to a file outside content/files/ ({}); only files inside that folder are \
             published, so copy the file here instead",
            canonical.display()
        ),
    );

    // Without the source naming it, the link is still refused: it would publish the file.
    let text = fs::read_to_string(site.path().join(AGREEMENT)).expect("read");
    let text = text.replace("    file: secret.txt\n", "");
    fs::write(site.path().join(AGREEMENT), text).expect("write");
    let errors = errors_of(site.path());
    assert_eq!(errors.len(), 1, "{}", show(&errors));
    assert_eq!(errors[0].path, Path::new("content/files/secret.txt"));

    fs::remove_file(files.join("secret.txt")).expect("remove the link");
    let out = build(site.path());
    assert_eq!(
        fs::read(out.path().join("files/senaste.pdf")).unwrap(),
        b"%PDF avtal"
    );
    assert!(
        !out.path().join("files/senaste.pdf").is_symlink(),
        "a copy, not a link"
    );
    assert!(!out.path().join("files/secret.txt").exists());
}

#[test]
fn a_theme_file_cannot_replace_an_attachment() {
    let site = minimal_site();
    put_file(site.path(), "avtal.pdf", b"%PDF");
    let theme = site.path().join("themes/default/static/files");
    fs::create_dir_all(&theme).expect("theme folder");
    fs::write(theme.join("avtal.pdf"), "theme").expect("theme file");
    assert_error(
        &errors_of(site.path()),
        "themes/default/static/files/avtal.pdf",
        0,
        0,
        "the site makes a file `files/avtal.pdf` itself; give the theme file another name",
    );
}
