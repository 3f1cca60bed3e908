//! The 17 goal tiles use the UN colours, each with a text colour of at least 4.5:1 on it.

const UN_COLOURS: [&str; 17] = [
    "E5243B", "DDA63A", "4C9F38", "C5192D", "FF3A21", "26BDE2", "FCC30B", "A21942", "FD6925",
    "DD1367", "FD9D24", "BF8B2E", "3F7E44", "0A97D9", "56C02B", "00689D", "19486A",
];

fn rgb(hex: &str) -> [f64; 3] {
    let hex = hex.trim_start_matches('#');
    let hex = if hex.len() == 3 {
        hex.chars().flat_map(|c| [c, c]).collect::<String>()
    } else {
        hex.to_string()
    };
    let byte = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
    [byte(0), byte(2), byte(4)]
}

fn luminance(hex: &str) -> f64 {
    let [r, g, b] = rgb(hex).map(|v| {
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

/// The declarations of the first rule whose selector list starts with `.goal-N,`.
fn rule(css: &str, n: usize) -> &str {
    let start = css
        .find(&format!("\n.goal-{n},\n"))
        .unwrap_or_else(|| panic!("no rule for .goal-{n}"));
    let body = &css[start..];
    &body[body.find('{').unwrap() + 1..body.find('}').unwrap()]
}

fn value<'a>(rule: &'a str, property: &str) -> &'a str {
    rule.lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix(&format!("{property}:")))
        .unwrap_or_else(|| panic!("no {property} in {rule}"))
        .trim()
        .trim_end_matches(';')
}

#[test]
fn goal_tiles_use_un_colours_with_readable_text() {
    let css = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/static/style.css"
    ))
    .unwrap();
    let mut white_fails = 0;
    for (i, un) in UN_COLOURS.iter().enumerate() {
        let n = i + 1;
        let rule = rule(&css, n);
        let background = value(rule, "background-color");
        assert_eq!(
            background.trim_start_matches('#').to_uppercase(),
            *un,
            "goal {n}"
        );
        let text = value(rule, "color");
        let ratio = contrast(background, text);
        assert!(
            ratio >= 4.5,
            "goal {n}: {text} on {background} is {ratio:.2}:1"
        );
        if contrast(background, "#ffffff") < 4.5 {
            white_fails += 1;
        }
    }
    // As the UN palette is: white text would fail on ten goals.
    assert_eq!(white_fails, 10);
}
