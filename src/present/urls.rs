//! Where each page lives in the output, relative to the site root. Templates put the page's
//! `root` prefix (`""` or `"../"`) in front, so every internal link is relative.

pub fn agreement(id: &str) -> String {
    format!("agreements/{id}.html")
}

/// The agreement's own data file, next to its page.
pub fn agreement_data(id: &str) -> String {
    format!("agreements/{id}.json")
}

pub fn report(id: &str) -> String {
    format!("reports/{id}.html")
}

pub fn organisation(id: &str) -> String {
    format!("organisations/{id}.html")
}

/// The index of public bodies.
pub fn public_bodies() -> String {
    "public-bodies.html".to_string()
}

/// The page of unit `unit` of the public body whose organisation id is `body`.
pub fn unit(body: &str, unit: &str) -> String {
    format!("organisations/{body}/units/{unit}.html")
}

/// Where a public body's own data file `file` (e.g. `funding.csv`) is, or its unit's.
pub fn body_data(body: &str, unit: Option<&str>, file: &str) -> String {
    match unit {
        Some(unit) => format!("data/organisations/{body}/units/{unit}/{file}"),
        None => format!("data/organisations/{body}/{file}"),
    }
}

pub fn goal(number: u8) -> String {
    format!("goals/{number}.html")
}

pub fn page(id: &str) -> String {
    format!("pages/{id}.html")
}

/// Where an attachment (a file under `content/files/`, named by its path there) is published.
/// Unlike the pages' ids, its name may hold any character: link to it with [`href`].
pub fn file(name: &str) -> String {
    format!("files/{name}")
}

/// `path` as a link: every byte but letters, digits, `-._~` and `/` percent-encoded, so a
/// file name with spaces, `#`, `?` or `å` links to itself.
pub fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The relative prefix from a page at `path` back to the site root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The path of `base_url` as a path-absolute link prefix (`https://example.org/iop/` gives
/// `/iop/`, a bare host gives `/`). A page served at any depth and under any host (www or
/// not, http or https, a staging host, the preview) links from it: an absolute link to
/// `base_url`'s own host would be a request the pages' CSP (`'self'`) blocks elsewhere.
pub fn site_path(base_url: &str) -> String {
    let rest = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let mut path = rest.find('/').map_or("/", |i| &rest[i..]).to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    path
}

#[cfg(test)]
mod tests {
    #[test]
    fn site_paths() {
        assert_eq!(super::site_path("https://example.org/iop/"), "/iop/");
        assert_eq!(super::site_path("https://example.org/"), "/");
        assert_eq!(super::site_path("https://example.org"), "/");
        assert_eq!(super::site_path("http://127.0.0.1:8000/a/b/"), "/a/b/");
        assert_eq!(super::site_path("https://example.org/iop"), "/iop/");
        assert_eq!(super::site_path("https://example.org?x=/y/"), "/");
    }

    #[test]
    fn roots() {
        assert_eq!(super::root_of("index.html"), "");
        assert_eq!(super::root_of("agreements/x.html"), "../");
    }

    #[test]
    fn file_links_are_encoded() {
        assert_eq!(super::file("2024/Beslut 1.pdf"), "files/2024/Beslut 1.pdf");
        assert_eq!(
            super::href("files/2024/Beslut #1 å?.pdf"),
            "files/2024/Beslut%20%231%20%C3%A5%3F.pdf"
        );
        assert_eq!(super::href("files/a-b_c.~1.txt"), "files/a-b_c.~1.txt");
    }
}
