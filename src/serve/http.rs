//! Turning a request path into one of the files the site has, and nothing else.
//!
//! Nothing is read from disk: a path is served only if it is exactly the name of a file a
//! build would write. (The usual guard of a server of files, canonicalising and checking the
//! prefix, is for reading from disk; an exact lookup among the site's own names is stricter.) Every check here errs on the side of a 404: the generated site only has
//! plain names (letters, digits, `-`, `.`, `_` and `/`), so anything unusual in a request is
//! not a page.

use std::path::Path;

/// What a request path comes to.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the site, by its path relative to the output folder (`reports/x.html`).
    File(String),
    /// Send the browser here instead (a folder without its `/`, or `/` outside the base path).
    Redirect(String),
    /// One of the server's own files under `BASE/__iopsite/` (the part after that prefix,
    /// without the query).
    Internal(String),
    /// Nothing to serve: answer with the site's 404 page.
    NotFound,
}

/// The folder prefix of the server's own endpoints, under the base path.
pub const INTERNAL: &str = "__iopsite/";

/// Checks and normalises `--base-path`: always starts and ends with `/`, only plain segments.
pub fn normalise_base_path(text: &str) -> Result<String, String> {
    let trimmed = text.trim().trim_matches('/');
    if trimmed.is_empty() {
        return Ok("/".into());
    }
    for segment in trimmed.split('/') {
        let plain = segment
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'));
        if segment.is_empty() || segment == "." || segment == ".." || !plain {
            return Err(format!(
                "--base-path `{text}` must be a plain path such as /iop/ (letters, digits, - _ . ~ and /)"
            ));
        }
    }
    Ok(format!("/{trimmed}/"))
}

/// Resolves the request target `url` (path and optional query, as sent) for a site served
/// under `base` (from [`normalise_base_path`]); `has_file` says whether the site has a file
/// at a path relative to its root. A folder URL ending in `/` is its `index.html`; one
/// without the `/` is sent there, if the folder has an `index.html`.
pub fn resolve(has_file: impl Fn(&str) -> bool, base: &str, url: &str) -> Resolved {
    let raw = url.split(['?', '#']).next().unwrap_or("");
    if !raw.starts_with('/') {
        return Resolved::NotFound;
    }
    let rel = match raw.strip_prefix(base) {
        Some(rel) => rel,
        None if raw == "/" || format!("{raw}/") == base => return Resolved::Redirect(base.into()),
        None => return Resolved::NotFound,
    };
    if let Some(name) = rel.strip_prefix(INTERNAL) {
        return Resolved::Internal(name.into());
    }
    let Some(rel) = decode_path(rel) else {
        return Resolved::NotFound;
    };
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return if has_file(&index) {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if has_file(&rel) {
        Resolved::File(rel)
    } else if has_file(&format!("{rel}/index.html")) {
        Resolved::Redirect(format!("{raw}/"))
    } else {
        Resolved::NotFound
    }
}

/// Percent-decodes a path relative to the site root once and refuses anything that could
/// leave it or that no generated file is named like: encoded `/` or `\`, `\`, NUL and other
/// control characters, `:`, empty, `.`, `..` or hidden segments, invalid escapes or UTF-8.
pub fn decode_path(rel: &str) -> Option<String> {
    let lower = rel.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") {
        return None;
    }
    let bytes = rel.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    if decoded
        .chars()
        .any(|c| c == '\\' || c == ':' || c.is_control())
    {
        return None;
    }
    // A trailing `/` (a folder) leaves one empty last segment; every other must be a name.
    let body = decoded.strip_suffix('/').unwrap_or(&decoded);
    if !body.is_empty() && body.split('/').any(|s| s.is_empty() || s.starts_with('.')) {
        return None;
    }
    if decoded.starts_with('/') {
        return None;
    }
    Some(decoded)
}

/// The `Content-Type` for a file name, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "rdf" => "application/rdf+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Inserts the live-reload script into an HTML page, just before its last `</body>` (or at
/// the end if it has none). Only the preview server calls this; built files never hold it.
pub fn inject_script(html: &[u8], script_src: &str) -> Vec<u8> {
    let tag = format!("<script src=\"{script_src}\" defer></script>");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files of a small site.
    const FILES: [&str; 4] = [
        "index.html",
        "agreements/a.html",
        "agreements/index.html",
        "style.css",
    ];

    fn resolve(base: &str, url: &str) -> Resolved {
        super::resolve(|path| FILES.contains(&path), base, url)
    }

    fn file(rel: &str) -> Resolved {
        Resolved::File(rel.into())
    }

    #[test]
    fn serves_files_and_folder_indexes() {
        assert_eq!(resolve("/", "/"), file("index.html"));
        assert_eq!(resolve("/", "/index.html?x=1"), file("index.html"));
        assert_eq!(
            resolve("/", "/agreements/a.html"),
            file("agreements/a.html")
        );
        assert_eq!(resolve("/", "/agreements/"), file("agreements/index.html"));
        assert_eq!(
            resolve("/", "/agreements"),
            Resolved::Redirect("/agreements/".into())
        );
        assert_eq!(
            resolve("/", "/agreements/%61.html"),
            file("agreements/a.html")
        );
    }

    #[test]
    fn only_files_of_the_site_and_folders_with_an_index() {
        // A folder with no index of its own: not a page, with or without the slash.
        let has = |path: &str| path == "data/agreements.json";
        assert_eq!(super::resolve(has, "/", "/data/"), Resolved::NotFound);
        assert_eq!(super::resolve(has, "/", "/data"), Resolved::NotFound);
        assert_eq!(
            super::resolve(has, "/", "/data/agreements.json"),
            file("data/agreements.json")
        );
        // No home page: `/` is not found either.
        assert_eq!(super::resolve(has, "/", "/"), Resolved::NotFound);
        // A file name is not a folder.
        assert_eq!(resolve("/", "/index.html/"), Resolved::NotFound);
        assert_eq!(resolve("/", "/style.css/x"), Resolved::NotFound);
    }

    #[test]
    fn base_path_is_stripped_and_required() {
        let base = "/iop/";
        assert_eq!(resolve(base, "/iop/"), file("index.html"));
        assert_eq!(
            resolve(base, "/iop/agreements/a.html"),
            file("agreements/a.html")
        );
        assert_eq!(
            resolve(base, "/iop/agreements/"),
            file("agreements/index.html")
        );
        assert_eq!(
            resolve(base, "/iop/agreements"),
            Resolved::Redirect("/iop/agreements/".into())
        );
        assert_eq!(resolve(base, "/"), Resolved::Redirect("/iop/".into()));
        assert_eq!(resolve(base, "/iop"), Resolved::Redirect("/iop/".into()));
        assert_eq!(resolve(base, "/index.html"), Resolved::NotFound);
        assert_eq!(resolve(base, "/iopx/index.html"), Resolved::NotFound);
        assert_eq!(
            resolve(base, "/iop/__iopsite/poll?since=3"),
            Resolved::Internal("poll".into())
        );
    }

    #[test]
    fn nothing_but_the_sites_files() {
        // The lookup is asked only about plain relative names, whatever the request holds.
        let asked = std::cell::RefCell::new(Vec::new());
        let has = |path: &str| {
            asked.borrow_mut().push(path.to_string());
            true
        };
        for url in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/%2E%2E%2fsecret.txt",
            "/..%2fsecret.txt",
            "/..%2Fsecret.txt",
            "/agreements/..%2f..%2fsecret.txt",
            "/agreements/../../secret.txt",
            "/agreements/%2e%2e/%2e%2e/secret.txt",
            "//etc/passwd",
            "/%2fetc%2fpasswd",
            "/%2Fetc/passwd",
            "/C:%5cWindows",
            "/C:/Windows",
            "/..\\secret.txt",
            "/..%5csecret.txt",
            "/index.html%00",
            "/index.html%00.png",
            "/%",
            "/%zz",
            "/%c0%ae%c0%ae/secret.txt",
            "/./index.html",
            "/agreements//a.html",
            "/.iopsite-output",
            "http://example.org/index.html",
            "*",
            "",
        ] {
            assert_eq!(super::resolve(has, "/", url), Resolved::NotFound, "{url}");
            assert_eq!(resolve("/", url), Resolved::NotFound, "{url}");
        }
        assert_eq!(asked.borrow().len(), 0, "{:?}", asked.borrow());
        // A name the site does not have is not served, whatever is on disk.
        assert_eq!(resolve("/", "/secret.txt"), Resolved::NotFound);
        assert_eq!(resolve("/", "/Index.html"), Resolved::NotFound);
    }

    #[test]
    fn base_paths() {
        assert_eq!(normalise_base_path("/").unwrap(), "/");
        assert_eq!(normalise_base_path("").unwrap(), "/");
        assert_eq!(normalise_base_path("iop").unwrap(), "/iop/");
        assert_eq!(normalise_base_path("/a/b/").unwrap(), "/a/b/");
        for bad in ["/../", "/a//b/", "/a b/", "/%2e/", "/a/./b"] {
            assert!(normalise_base_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn content_types() {
        for (name, ty) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.svg", "image/svg+xml"),
            ("a.json", "application/json"),
            ("a.csv", "text/csv; charset=utf-8"),
            ("a.xml", "application/xml"),
            ("a.woff2", "font/woff2"),
            ("a.PNG", "image/png"),
            ("a", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), ty, "{name}");
        }
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = b"<p></body> x</BODY>\n</html>";
        let out = inject_script(html, "/r.js");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<p></body> x<script src=\"/r.js\" defer></script></BODY>\n</html>"
        );
        assert_eq!(
            inject_script(b"plain", "/r.js"),
            b"plain<script src=\"/r.js\" defer></script>".to_vec()
        );
    }
}
