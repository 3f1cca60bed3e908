//! Markdown to HTML for reports, pages and the free-text fields of agreements. Raw HTML is
//! shown as text, links may only go to web, mail or relative addresses, headings get ids,
//! and headings are shifted to fit under the page's own headings (one h1, no skipped level).

use std::collections::{HashMap, HashSet, VecDeque};

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The Markdown extensions iopsite supports.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH);

/// Renders a Markdown document whose highest heading becomes `<h{top}>` (2 to 6), the
/// others keeping their distance to it.
///
/// Events are rewritten one at a time on their way to the HTML writer, so memory is the
/// parser's own tree plus the HTML (collecting the events first took about 80 bytes an event,
/// twice: 1.3 GB for 8 MiB of empty list items). Only a heading is held back, until its end,
/// to make its id from its text.
///
/// The shift needs the highest level in the document, which is only known at its end. Nearly
/// every document starts with its highest heading, so rendering assumes that the first
/// heading is the highest, and starts once more, knowing the highest level, only if a later
/// heading is higher.
pub fn to_html(markdown: &str, top: u8) -> String {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    let mut first = Rewrite::new(markdown, top, None);
    pulldown_cmark::html::push_html(&mut html, first.by_ref());
    let Rewrite {
        parser,
        higher_heading,
        ..
    } = first;
    if let Some(higher) = higher_heading {
        // Render again, now that the highest level is known: the rest of the document is
        // only looked at for its heading levels, and its tree is gone before the next.
        let highest = parser
            .filter_map(|event| match event {
                Event::Start(Tag::Heading { level, .. }) => Some(level as u8),
                _ => None,
            })
            .fold(higher, u8::min);
        html.clear();
        let again = Rewrite::new(markdown, top, Some(highest));
        pulldown_cmark::html::push_html(&mut html, again);
    }
    html
}

/// Whether rendering the Markdown `texts` of one page may take much memory: long texts (up to
/// two tree nodes of 48 bytes a byte), or many table cells (the parser fills short rows up
/// with empty cells). Texts below both bounds need at most about 40 MB for their page.
pub fn heavy<'a>(texts: impl IntoIterator<Item = &'a str>) -> bool {
    const LONG: usize = 256 * 1024;
    const MANY_CELLS: usize = 100_000;
    let (mut bytes, mut cells) = (0, 0);
    for text in texts {
        bytes += text.len();
        cells += crate::load::limits::table_cells(text);
    }
    bytes >= LONG || cells >= MANY_CELLS
}

/// The events of one document, rewritten for a page of this site: headings shifted and given
/// ids, raw HTML turned into text, unsafe links neutralised, off-site images dropped, table
/// cells with classes instead of inline styles.
struct Rewrite<'a> {
    parser: Parser<'a>,
    /// The `n` of the document's highest heading `<hn>`, when known; `None` until the first
    /// heading when it is only assumed.
    highest: Option<u8>,
    /// Whether `highest` is the real highest level (known beforehand) or assumed from the
    /// first heading.
    known: bool,
    /// Set, and the events stopped, when a heading turns out higher than the assumed highest.
    higher_heading: Option<u8>,
    top: u8,
    /// A heading's events after its start, read ahead to make its id.
    heading: VecDeque<Event<'a>>,
    ids: HeadingIds,
    dropped_images: usize,
    table: TableCells,
}

impl<'a> Rewrite<'a> {
    fn new(markdown: &'a str, top: u8, highest: Option<u8>) -> Rewrite<'a> {
        Rewrite {
            parser: Parser::new_ext(markdown, OPTIONS),
            known: highest.is_some(),
            highest,
            higher_heading: None,
            top: top.clamp(2, 6),
            heading: VecDeque::new(),
            ids: HeadingIds::default(),
            dropped_images: 0,
            table: TableCells::default(),
        }
    }

    /// The level a heading of `level` gets on the page.
    fn shift(&self, level: HeadingLevel) -> HeadingLevel {
        let highest = self.highest.unwrap_or(1);
        heading_level(level as u8 + self.top - highest)
    }

    /// The rewritten event, or `None` if the event is left out.
    fn rewrite(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        Some(match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // Read the heading's events up to its end to make its id from its text.
                let mut text = String::new();
                for e in self.parser.by_ref() {
                    match &e {
                        Event::Text(t) | Event::Code(t) => text.push_str(t),
                        _ => {}
                    }
                    let end = matches!(e, Event::End(TagEnd::Heading(_)));
                    self.heading.push_back(e);
                    if end {
                        break;
                    }
                }
                let base = id
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| heading_id(&text));
                Event::Start(Tag::Heading {
                    level: self.shift(level),
                    id: Some(CowStr::from(self.ids.unique(base))),
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(self.shift(level))),
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = if safe_url(&dest_url) {
                    dest_url
                } else {
                    CowStr::from("#")
                };
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // Only images of the site itself (relative paths); an image from another host
                // would be a third-party request. A dropped image leaves its alt text.
                if safe_url(&dest_url) && !dest_url.contains(':') && !dest_url.starts_with("//") {
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                } else {
                    self.dropped_images += 1;
                    return None;
                }
            }
            Event::End(TagEnd::Image) if self.dropped_images > 0 => {
                self.dropped_images -= 1;
                return None;
            }
            Event::Start(Tag::Table(alignments)) => {
                self.table.alignments.clone_from(&alignments);
                Event::Start(Tag::Table(alignments))
            }
            Event::Start(Tag::TableHead) => {
                (self.table.head, self.table.column) = (true, 0);
                Event::Start(Tag::TableHead)
            }
            Event::End(TagEnd::TableHead) => {
                self.table.head = false;
                Event::End(TagEnd::TableHead)
            }
            Event::Start(Tag::TableRow) => {
                self.table.column = 0;
                Event::Start(Tag::TableRow)
            }
            Event::Start(Tag::TableCell) => Event::Html(CowStr::Borrowed(self.table.open_cell())),
            other => other,
        })
    }
}

impl<'a> Iterator for Rewrite<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let event = match self.heading.pop_front() {
                Some(event) => event,
                None => {
                    let event = self.parser.next()?;
                    if let Event::Start(Tag::Heading { level, .. }) = &event
                        && !self.known
                    {
                        let level = *level as u8;
                        match self.highest {
                            None => self.highest = Some(level),
                            Some(highest) if level < highest => {
                                self.higher_heading = Some(level);
                                return None;
                            }
                            Some(_) => {}
                        }
                    }
                    event
                }
            };
            if let Some(event) = self.rewrite(event) {
                return Some(event);
            }
        }
    }
}

/// The ids given to a document's headings so far, each used once.
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String>,
    /// Where each base's numbering stopped, for bases that were taken: many equal headings
    /// must not cost a search from -2 each time.
    next_suffix: HashMap<String, usize>,
}

impl HeadingIds {
    /// `base`, or `base-2`, `base-3`… if taken.
    fn unique(&mut self, base: String) -> String {
        if !self.used.contains(&base) {
            self.used.insert(base.clone());
            return base;
        }
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(2);
        let mut unique = format!("{base}-{n}");
        while self.used.contains(&unique) {
            n += 1;
            unique = format!("{base}-{n}");
        }
        self.used.insert(unique.clone());
        self.next_suffix.insert(base, n + 1);
        unique
    }
}

/// Where the renderer is in a table. Header cells become column headers, and alignment
/// becomes a class, because the pages' Content-Security-Policy forbids the inline styles the
/// renderer would write; so this writes each cell's opening tag itself.
#[derive(Default)]
struct TableCells {
    alignments: Vec<Alignment>,
    head: bool,
    column: usize,
}

impl TableCells {
    fn open_cell(&mut self) -> &'static str {
        let align = self.alignments.get(self.column).copied();
        self.column += 1;
        match (self.head, align) {
            (true, Some(Alignment::Left)) => "<th scope=\"col\" class=\"align-left\">",
            (true, Some(Alignment::Center)) => "<th scope=\"col\" class=\"align-center\">",
            (true, Some(Alignment::Right)) => "<th scope=\"col\" class=\"align-right\">",
            (true, _) => "<th scope=\"col\">",
            (false, Some(Alignment::Left)) => "<td class=\"align-left\">",
            (false, Some(Alignment::Center)) => "<td class=\"align-center\">",
            (false, Some(Alignment::Right)) => "<td class=\"align-right\">",
            (false, _) => "<td>",
        }
    }
}

fn heading_level(n: u8) -> HeadingLevel {
    match n {
        0..=1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Relative links, fragments, http(s) and mailto only; never `javascript:` or `data:`.
fn safe_url(url: &str) -> bool {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    match lower.split_once(':') {
        None => true,
        Some((scheme, _))
            if scheme.contains('/') || scheme.contains('?') || scheme.contains('#') =>
        {
            true
        }
        Some((scheme, _)) => matches!(scheme, "http" | "https" | "mailto"),
    }
}

/// A heading id from its text: lower case, letters and digits kept, the rest hyphens.
fn heading_id(text: &str) -> String {
    let id = crate::model::site::slugify(text);
    if id == "organisation" && !text.to_lowercase().contains("organisation") {
        "avsnitt".to_string()
    } else {
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_footnotes_and_ids() {
        let html = to_html(
            "# Året som gått\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Not.\n",
            2,
        );
        assert!(
            html.contains("<h2 id=\"aret-som-gatt\">Året som gått</h2>"),
            "{html}"
        );
        assert!(html.contains("<table>"));
        assert!(html.contains("<th scope=\"col\">a</th>"), "{html}");
        let aligned = to_html("| a |\n|--:|\n| 1 |\n", 2);
        assert!(
            aligned.contains("<th scope=\"col\" class=\"align-right\">a</th>")
                && !aligned.contains("style="),
            "{aligned}"
        );
        assert!(html.contains("footnote-definition"));
    }

    #[test]
    fn headings_fit_under_the_page() {
        // A body that starts at `##` still gets h2 as its top, never a skipped level.
        assert!(to_html("## A\n\n### B\n", 2).contains("<h2 id=\"a\">A</h2>\n<h3 id=\"b\">B</h3>"));
        assert!(to_html("# A\n\n## B\n", 3).contains("<h3 id=\"a\">A</h3>\n<h4 id=\"b\">B</h4>"));
    }

    #[test]
    fn raw_html_and_script_links_are_harmless() {
        let html = to_html(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](JaVa\tScript:alert(1)) <img src=x onerror=alert(1)>",
            2,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.to_lowercase().contains("href=\"javascript"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        let images = to_html(
            "![Karta](https://evil.example/x.png) ![Logga](../logo.png)",
            2,
        );
        assert!(
            images.contains("Karta") && !images.contains("evil.example"),
            "{images}"
        );
        assert!(
            images.contains("<img src=\"../logo.png\" alt=\"Logga\""),
            "{images}"
        );
    }

    #[test]
    fn duplicate_headings_get_unique_ids() {
        let html = to_html("## Mål\n\n## Mål\n", 2);
        assert!(
            html.contains("id=\"mal\"") && html.contains("id=\"mal-2\""),
            "{html}"
        );
        // Numbering goes on where it stopped, also past an id taken by another heading.
        let many = to_html("## Mål\n\n## Mål 2\n\n## Mål\n\n## Mål\n", 2);
        for id in ["mal", "mal-2", "mal-3", "mal-4"] {
            assert_eq!(many.matches(&format!("id=\"{id}\"")).count(), 1, "{many}");
        }
    }

    // Snapshots of whole documents: every rule of this module on one page each, reviewed
    // like code (`INSTA_UPDATE=always` writes them; read the diff before committing).

    #[test]
    fn snapshot_headings_shifted_with_ids() {
        let doc = "Text before any heading.\n\n\
                   ### Året i korthet\n\n\
                   #### Mål och **resultat**\n\n\
                   ### Året i korthet\n\n\
                   ### Året i korthet 2\n\n\
                   ### `kod` och <em>html</em>\n\n\
                   ##### Djupt\n\n\
                   ###### Djupast\n\n\
                   Setext-rubrik\n-------------\n\n\
                   ### Organisation\n\n\
                   ### ¿?\n";
        insta::assert_snapshot!(to_html(doc, 2));
        insta::assert_snapshot!(to_html(doc, 4));
    }

    #[test]
    fn snapshot_later_heading_higher_than_the_first() {
        // The first heading is not the highest: every level follows the `#` that comes last.
        let doc = "### Tre\n\n## Två\n\nText\n\n# Ett\n\n#### Fyra\n\n### Tre\n";
        insta::assert_snapshot!(to_html(doc, 2));
    }

    #[test]
    fn snapshot_tables_with_alignment() {
        let doc = "| Ingen | Vänster | Mitten | Höger |\n\
                   |-------|:--------|:------:|------:|\n\
                   | a | *b* | `c` | 1 000 |\n\
                   | d | e | f |\n\
                   \n\
                   | Två | |\n|---|--:|\n| x | 2 |\n";
        insta::assert_snapshot!(to_html(doc, 2));
    }

    #[test]
    fn snapshot_footnotes_and_lists() {
        let doc = "Ett påstående[^källa] och ett till[^2].\n\n\
                   - punkt\n  - inre punkt\n- ~~struken~~\n\n\
                   1. först\n2. sedan\n\n\
                   [^källa]: Årsredovisningen, s. 4.\n\
                   [^2]: Med **fetstil**.\n";
        insta::assert_snapshot!(to_html(doc, 3));
    }

    #[test]
    fn snapshot_raw_html_is_text() {
        let doc = "<div onclick=\"x()\">block</div>\n\n\
                   <script>alert(1)</script>\n\n\
                   Inline <b>fet</b> <!-- kommentar --> &amp; &lt;\n\n\
                   <img src=x onerror=alert(1)>\n\n\
                   ```html\n<p>kod</p>\n```\n";
        insta::assert_snapshot!(to_html(doc, 3));
    }

    #[test]
    fn snapshot_unsafe_links_neutralised() {
        let doc = "[js](javascript:alert(1)) [blandat](JaVaScRiPt:alert(1)) \
                   [tecken](java&#9;script:alert(1)) [tabb](JaVa\tScript:alert(1)) \
                   [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:x) \
                   [ref][r] <javascript:alert(2)>\n\n\
                   [webb](https://example.org/a?b=1) [post](mailto:a@example.org) \
                   [relativ](../agreements/x.html) [fragment](#mal) [fråga](?a=b:c) \
                   <https://example.org>\n\n\
                   [r]: javascript:alert(3) \"titel\"\n";
        insta::assert_snapshot!(to_html(doc, 3));
    }

    #[test]
    fn snapshot_images_from_other_hosts_dropped() {
        let doc = "![Karta](https://evil.example/x.png) ![Protokollrelativ](//evil.example/y.png) \
                   ![Data](data:image/png;base64,AAAA) ![Logga](../logo.png \"Titel\") \
                   ![Med *betoning*](https://evil.example/z.png)\n\n\
                   [![Inuti länk](https://evil.example/i.png)](https://example.org)\n";
        insta::assert_snapshot!(to_html(doc, 3));
    }
}
