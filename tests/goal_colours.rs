//! The goal tiles, cards, page headers and number badges use the UN colours, and every text
//! on them reaches 4.5:1 (WCAG 2.1 AA). The colours are read from the default theme's
//! stylesheet, and the elements that carry them from its templates.

use std::collections::BTreeSet;
use std::fs;

/// The UN's colours of goals 1 to 17: the specification the theme follows.
const UN_COLOURS: [&str; 17] = [
    "E5243B", "DDA63A", "4C9F38", "C5192D", "FF3A21", "26BDE2", "FCC30B", "A21942", "FD6925",
    "DD1367", "FD9D24", "BF8B2E", "3F7E44", "0A97D9", "56C02B", "00689D", "19486A",
];

/// WCAG 2.1 AA for normal text.
const MIN_CONTRAST: f64 = 4.5;

const THEME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default");

fn rgb(colour: &str) -> [f64; 3] {
    let hex = colour
        .strip_prefix('#')
        .unwrap_or_else(|| panic!("`{colour}` is not a #hex colour"));
    let hex = if hex.len() == 3 {
        hex.chars().flat_map(|c| [c, c]).collect::<String>()
    } else {
        hex.to_owned()
    };
    assert_eq!(hex.len(), 6, "`{colour}` is not a #hex colour");
    let byte = |i: usize| {
        u8::from_str_radix(&hex[i..i + 2], 16)
            .map(f64::from)
            .unwrap_or_else(|_| panic!("`{colour}` is not a #hex colour"))
    };
    [byte(0), byte(2), byte(4)]
}

/// Relative luminance as WCAG 2.1 defines it.
fn luminance(colour: &str) -> f64 {
    let [r, g, b] = rgb(colour).map(|v| {
        let s = v / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    });
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// One style rule: its selectors, and its declarations as (property in lower case, value).
#[derive(Debug)]
struct Rule {
    selectors: Vec<String>,
    declarations: Vec<(String, String)>,
}

impl Rule {
    fn parse(prelude: &str, body: &str) -> Rule {
        Rule {
            selectors: prelude
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            declarations: body
                .split(';')
                .filter_map(|d| d.split_once(':'))
                .map(|(property, value)| {
                    let value = value.trim().trim_end_matches("!important").trim_end();
                    (property.trim().to_ascii_lowercase(), value.to_owned())
                })
                .collect(),
        }
    }

    /// The values this rule gives any of `properties`.
    fn values<'a>(&'a self, properties: &'a [&str]) -> impl Iterator<Item = &'a str> + 'a {
        self.declarations
            .iter()
            .filter(|(p, _)| properties.contains(&p.as_str()))
            .map(|(_, v)| v.as_str())
    }

    fn sets(&self, property: &str) -> bool {
        self.values(&[property]).next().is_some()
    }
}

/// Every style rule of `css`, those inside `@media` and `@supports` blocks included.
fn rules(css: &str) -> Vec<Rule> {
    let mut css = css.to_owned();
    while let Some(start) = css.find("/*") {
        let end = css[start..].find("*/").expect("closed comment") + start + 2;
        css.replace_range(start..end, " ");
    }
    let mut rules = Vec::new();
    // Per open block: the rule's selectors, or `None` for a block of rules (`@media`).
    let mut open: Vec<Option<String>> = Vec::new();
    let mut text = String::new();
    for c in css.chars() {
        match c {
            '{' => {
                let prelude = std::mem::take(&mut text).trim().to_owned();
                let group = prelude.starts_with("@media") || prelude.starts_with("@supports");
                open.push((!group).then_some(prelude));
            }
            '}' => {
                if let Some(prelude) = open.pop().expect("balanced braces in style.css") {
                    rules.push(Rule::parse(&prelude, &text));
                }
                text.clear();
            }
            _ => text.push(c),
        }
    }
    assert!(open.is_empty(), "unbalanced braces in style.css");
    rules
}

fn stylesheet() -> Vec<Rule> {
    let css = fs::read_to_string(format!("{THEME}/static/style.css")).expect("read style.css");
    let rules = rules(&css);
    assert!(
        rules.len() > 50,
        "style.css parsed into {} rules",
        rules.len()
    );
    rules
}

/// The class names in a selector.
fn classes(selector: &str) -> impl Iterator<Item = &str> {
    selector.split('.').skip(1).map(|rest| {
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        &rest[..end]
    })
}

/// The goal a class such as `goal-7` gives its colours.
fn goal_of(class: &str) -> Option<usize> {
    let n: usize = class.strip_prefix("goal-")?.parse().ok()?;
    (1..=UN_COLOURS.len()).contains(&n).then_some(n)
}

fn names_a_goal(selector: &str) -> bool {
    classes(selector).any(|c| goal_of(c).is_some())
}

/// A selector for every link in some state, whatever its class: `a`, `a:visited`.
fn every_link(selector: &str) -> Option<&str> {
    selector.strip_prefix('a').filter(|state| {
        state
            .strip_prefix(':')
            .is_some_and(|s| s.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
            || state.is_empty()
    })
}

#[test]
fn each_goal_has_its_un_colour_and_readable_text_in_every_link_state() {
    let rules = stylesheet();
    // The page's link colours apply to a goal's links unless the goal's rules name the same
    // states: for `a:visited` both `a.goal-N:visited` and `.goal-N a:visited`.
    let link_states: BTreeSet<&str> = rules
        .iter()
        .filter(|r| r.sets("color"))
        .flat_map(|r| &r.selectors)
        .filter_map(|s| every_link(s))
        .collect();
    assert!(
        link_states.contains(""),
        "found no rule colouring every link (`a`)"
    );
    for (i, un) in UN_COLOURS.iter().enumerate() {
        let n = i + 1;
        let class = format!("goal-{n}");
        let own: Vec<&Rule> = rules
            .iter()
            .filter(|r| r.selectors.iter().any(|s| classes(s).any(|c| c == class)))
            .collect();
        let background = format!("#{un}");
        let backgrounds: Vec<&str> = own
            .iter()
            .flat_map(|r| r.values(&["background-color", "background"]))
            .collect();
        assert!(!backgrounds.is_empty(), "no background for .{class}");
        for value in backgrounds {
            assert!(
                value.eq_ignore_ascii_case(&background),
                ".{class} has background {value}, not the UN colour {background}"
            );
        }
        let mut coloured = BTreeSet::new();
        for rule in own.iter().filter(|r| r.sets("color")) {
            for text in rule.values(&["color"]) {
                let ratio = contrast(&background, text);
                assert!(
                    ratio >= MIN_CONTRAST,
                    "{}: {text} on {background} is {ratio:.2}:1",
                    rule.selectors.join(", ")
                );
            }
            coloured.extend(rule.selectors.iter().map(String::as_str));
        }
        let mut needed = vec![format!(".{class}")];
        for state in &link_states {
            needed.push(format!("a.{class}{state}"));
            needed.push(format!(".{class} a{state}"));
        }
        for selector in needed {
            assert!(
                coloured.contains(selector.as_str()),
                "no text colour for `{selector}`: the page's link colour would show on {background}"
            );
        }
    }
}

/// The element starting at `start` (its `<`) to the end of its closing tag.
fn element<'a>(html: &'a str, start: usize, tag: &str) -> &'a str {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut depth = 0;
    let mut at = start;
    loop {
        let next_close = html[at..]
            .find(&close)
            .map(|i| at + i)
            .unwrap_or_else(|| panic!("<{tag}> at byte {start} is not closed"));
        let next_open = html[at..]
            .match_indices(&open)
            .map(|(i, _)| at + i)
            .find(|&i| html[i + open.len()..].starts_with(|c: char| c.is_whitespace() || c == '>'));
        match next_open {
            Some(i) if i < next_close => {
                depth += 1;
                at = i + open.len();
            }
            _ => {
                depth -= 1;
                at = next_close + close.len();
                if depth == 0 {
                    return &html[start..at];
                }
            }
        }
    }
}

/// The classes in a template's `class="…"` attributes. Template tags separate classes
/// (`{% if … %} goal-card-empty`), and a class that a template completes (`goal-{{ n }}`)
/// is left out.
fn template_classes(html: &str) -> BTreeSet<String> {
    const COMPLETED: char = '\u{1}';
    let mut classes = BTreeSet::new();
    for (at, _) in html.match_indices("class=\"") {
        let value = &html[at + 7..];
        let mut value = value[..value.find('"').expect("closed attribute")].to_owned();
        for (open, close, put) in [("{{", "}}", COMPLETED), ("{%", "%}", ' ')] {
            while let Some(start) = value.find(open) {
                let end = value[start..].find(close).expect("closed template tag") + start;
                value.replace_range(start..end + close.len(), &put.to_string());
            }
        }
        classes.extend(
            value
                .split_whitespace()
                .filter(|c| !c.contains(COMPLETED))
                .map(str::to_owned),
        );
    }
    classes
}

/// The classes and tag names of the elements with a goal's colours (`class="… goal-{{ n }}"`)
/// and of everything inside them, over all templates.
fn on_goal_colours() -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut classes, mut tags) = (BTreeSet::new(), BTreeSet::new());
    let mut found = 0;
    for entry in walkdir::WalkDir::new(format!("{THEME}/templates")) {
        let entry = entry.expect("walk the templates");
        if !entry.file_type().is_file() {
            continue;
        }
        let html = fs::read_to_string(entry.path()).expect("read template");
        for (at, _) in html.match_indices("class=\"") {
            let value = &html[at..];
            if !value[..value[7..].find('"').expect("closed attribute")].contains("goal-{{") {
                continue;
            }
            found += 1;
            let start = html[..at].rfind('<').expect("attribute in a tag");
            let tag: String = html[start + 1..]
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            let inside = element(&html, start, &tag);
            classes.extend(template_classes(inside));
            for (i, _) in inside.match_indices('<') {
                let name: String = inside[i + 1..]
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                if !name.is_empty() {
                    tags.insert(name);
                }
            }
        }
    }
    assert!(
        found > 0,
        "no element with a goal's colours in {THEME}/templates"
    );
    (classes, tags)
}

/// Only the goals' own rules colour the text on a goal: a rule about the tiles or what is in
/// them that sets a text colour, an opacity or a background of its own would show text in
/// colours the first test never checked.
#[test]
fn no_other_rule_colours_what_is_on_a_goal() {
    let (inside, tags) = on_goal_colours();
    for carrier in ["goal-tile", "goal-card", "goal-hero", "goal-ref"] {
        assert!(inside.contains(carrier), "{carrier} not found: {inside:?}");
    }
    for rule in stylesheet() {
        for selector in &rule.selectors {
            if names_a_goal(selector) {
                // Checked by the first test.
                continue;
            }
            let bare = !selector.contains(['.', '#', '[', ' ', '>', '+', '~']);
            let tag: String = selector
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            let about_goals = classes(selector).any(|c| inside.contains(c));
            if !(about_goals || (bare && tags.contains(&tag))) {
                continue;
            }
            // The colours of every link (`a`, `a:visited`) are checked by the first test:
            // each goal must name the same states.
            assert!(
                every_link(selector).is_some() || !rule.sets("color"),
                "`{selector}` sets a text colour on a goal's colour: {:?}",
                rule.declarations
            );
            assert!(
                !rule.sets("opacity"),
                "`{selector}` sets an opacity on a goal's colour: {:?}",
                rule.declarations
            );
            for value in rule.values(&["background-color", "background"]) {
                assert!(
                    ["transparent", "none"].contains(&value),
                    "`{selector}` gives a goal's text the background {value}"
                );
            }
        }
    }
}
