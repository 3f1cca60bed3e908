//! Markdown to HTML for reports, pages and the free-text fields of agreements. Raw HTML is
//! shown as text, links may only go to web, mail or relative addresses, headings get ids,
//! and headings are shifted to fit under the page's own headings (one h1, no skipped level).

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Renders a Markdown document whose highest heading becomes `<h{top}>` (2 to 6), the
/// others keeping their distance to it.
pub fn to_html(markdown: &str, top: u8) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut events: Vec<Event> = Parser::new_ext(markdown, options).collect();
    let highest = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let shift = |level: HeadingLevel| heading_level(level as u8 + top.clamp(2, 6) - highest);
    let mut used_ids = HashSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    let mut dropped_images = 0usize;
    let mut table = TableCells::default();
    let mut out_events = Vec::with_capacity(events.len());
    for i in 0..events.len() {
        // Each event is taken once; a heading still reads the text events after it.
        let event = std::mem::replace(&mut events[i], Event::SoftBreak);
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // Collect the heading's text to derive its id.
                let mut text = String::new();
                for e in &events[i + 1..] {
                    match e {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) | Event::Code(t) => text.push_str(t),
                        _ => {}
                    }
                }
                let base = id
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| heading_id(&text));
                // Remember where each base's numbering stopped: many equal headings must not
                // cost a search from -2 each time.
                let mut unique = base.clone();
                let mut n = next_suffix.get(&base).copied().unwrap_or(2);
                while !used_ids.insert(unique.clone()) {
                    unique = format!("{base}-{n}");
                    n += 1;
                }
                next_suffix.insert(base, n);
                let level = shift(level);
                out_events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(unique)),
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                let level = shift(level);
                out_events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Html(html) | Event::InlineHtml(html) => out_events.push(Event::Text(html)),
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
                out_events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
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
                    out_events.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                } else {
                    dropped_images += 1;
                }
            }
            Event::End(TagEnd::Image) if dropped_images > 0 => dropped_images -= 1,
            Event::Start(Tag::Table(alignments)) => {
                table.alignments.clone_from(&alignments);
                out_events.push(Event::Start(Tag::Table(alignments)));
            }
            Event::Start(Tag::TableHead) => {
                (table.head, table.column) = (true, 0);
                out_events.push(Event::Start(Tag::TableHead));
            }
            Event::End(TagEnd::TableHead) => {
                table.head = false;
                out_events.push(Event::End(TagEnd::TableHead));
            }
            Event::Start(Tag::TableRow) => {
                table.column = 0;
                out_events.push(Event::Start(Tag::TableRow));
            }
            Event::Start(Tag::TableCell) => {
                out_events.push(Event::Html(CowStr::Borrowed(table.open_cell())));
            }
            other => out_events.push(other),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out_events.into_iter());
    html
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
