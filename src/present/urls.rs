//! Where each page lives in the output, relative to the site root. Templates put the page's
//! `root` prefix (`""` or `"../"`) in front, so every internal link is relative.

pub fn agreement(id: &str) -> String {
    format!("agreements/{id}.html")
}

pub fn report(id: &str) -> String {
    format!("reports/{id}.html")
}

pub fn organisation(id: &str) -> String {
    format!("organisations/{id}.html")
}

pub fn goal(number: u8) -> String {
    format!("goals/{number}.html")
}

pub fn page(id: &str) -> String {
    format!("pages/{id}.html")
}

/// The relative prefix from a page at `path` back to the site root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    #[test]
    fn roots() {
        assert_eq!(super::root_of("index.html"), "");
        assert_eq!(super::root_of("agreements/x.html"), "../");
    }
}
