//! Lists split into pages of `rows_per_page` rows (site.yaml, default 100), so no page grows
//! with the registry. The
//! first page keeps the list's own address; page `n` of `agreements.html` is
//! `agreements-n.html`, and of a list that is itself in a folder (`goals/5.html`) it is
//! `goals/5/page-n.html`, where no other page's address can be.

use serde::Serialize;

/// How many pages of `size` rows a list of `rows` rows takes: at least one, which then says
/// the list is empty.
pub fn page_count(rows: usize, size: usize) -> usize {
    rows.div_ceil(size.max(1)).max(1)
}

/// The address of page `number` (from 1) of the list whose first page is `first`.
pub fn page_path(first: &str, number: usize) -> String {
    if number <= 1 {
        return first.to_string();
    }
    let stem = first.strip_suffix(".html").unwrap_or(first);
    if stem.contains('/') {
        format!("{stem}/page-{number}.html")
    } else {
        format!("{stem}-{number}.html")
    }
}

/// The rows of page `number` (from 1) of `rows`, `size` a page.
pub fn page_of<T>(rows: &[T], number: usize, size: usize) -> &[T] {
    let start = (number.saturating_sub(1) * size).min(rows.len());
    let end = (start + size).min(rows.len());
    &rows[start..end]
}

/// Where a page is in its list, for the page links and the "page N of M" line.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// This page, from 1.
    pub number: usize,
    pub count: usize,
    /// Rows in the whole list, and the first and last shown here (from 1; 0 when empty).
    pub rows: usize,
    pub first_row: usize,
    pub last_row: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The links shown: the first and last pages, and two on each side of this one;
    /// `None` marks a gap.
    pub links: Vec<Option<PageLink>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

impl Pager {
    /// Page `number` of a list of `rows` rows, `size` a page, whose first page is `first`.
    pub fn new(first: &str, number: usize, rows: usize, size: usize) -> Pager {
        let size = size.max(1);
        let count = page_count(rows, size);
        let number = number.clamp(1, count);
        let link = |n: usize| PageLink {
            number: n,
            url: page_path(first, n),
            current: n == number,
        };
        let mut links = Vec::new();
        let mut last_shown = 0;
        for n in 1..=count {
            if n == 1 || n == count || n.abs_diff(number) <= 2 {
                if n > last_shown + 1 {
                    links.push(None);
                }
                links.push(Some(link(n)));
                last_shown = n;
            }
        }
        let first_row = if rows == 0 {
            0
        } else {
            (number - 1) * size + 1
        };
        Pager {
            number,
            count,
            rows,
            first_row,
            last_row: (number * size).min(rows),
            previous: (number > 1).then(|| page_path(first, number - 1)),
            next: (number < count).then(|| page_path(first, number + 1)),
            links,
        }
    }

    /// Whether the list takes more than one page (and so shows page links).
    pub fn is_split(&self) -> bool {
        self.count > 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(page_path("agreements.html", 1), "agreements.html");
        assert_eq!(page_path("agreements.html", 3), "agreements-3.html");
        assert_eq!(page_path("goals/5.html", 2), "goals/5/page-2.html");
    }

    #[test]
    fn counts_and_rows() {
        assert_eq!(page_count(0, 100), 1);
        assert_eq!(page_count(100, 100), 1);
        assert_eq!(page_count(101, 100), 2);
        let rows: Vec<usize> = (0..250).collect();
        assert_eq!(page_of(&rows, 3, 100), &rows[200..250]);
        assert!(page_of(&rows, 4, 100).is_empty());
        let p = Pager::new("agreements.html", 3, 250, 100);
        assert_eq!((p.first_row, p.last_row, p.count), (201, 250, 3));
        assert_eq!(p.previous.as_deref(), Some("agreements-2.html"));
        assert_eq!(p.next, None);
    }

    #[test]
    fn links_leave_gaps() {
        let p = Pager::new("agreements.html", 10, 2000, 100);
        let shown: Vec<Option<usize>> = p
            .links
            .iter()
            .map(|l| l.as_ref().map(|l| l.number))
            .collect();
        assert_eq!(
            shown,
            [
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(20)
            ]
        );
        assert!(p.links.iter().flatten().filter(|l| l.current).count() == 1);
    }
}
