//! Snapshot tests (insta) of the three chart kinds, drawn from fixed data with the default
//! theme's Swedish strings, and the rules every chart must keep.

use std::collections::BTreeMap;

use super::*;
use crate::present::Money;

fn strings() -> I18n {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/i18n/sv.yaml");
    let text = std::fs::read_to_string(path).expect("read sv.yaml");
    let map: BTreeMap<String, String> = serde_saphyr::from_str(&text).expect("parse sv.yaml");
    I18n::from_map(map)
}

fn kr(kronor: i64) -> Option<Money> {
    Some(Money {
        kronor,
        unpublished: false,
        unknown: false,
        known: true,
    })
}

const UNPUBLISHED: Option<Money> = Some(Money {
    kronor: 0,
    unpublished: true,
    unknown: false,
    known: false,
});

/// Two public funders and an own contribution over five years (as in the example site's
/// Malmö agreement), the last year with one amount unpublished.
fn stacked() -> BarChart {
    BarChart {
        proposed: Vec::new(),
        id: "funding-chart".into(),
        title: "Finansiering per år och finansiär".into(),
        years: (2021..=2025).collect(),
        stacks: vec![
            Stack {
                name: "Region Skåne".into(),
                own: false,
                values: vec![kr(400_000); 5],
            },
            Stack {
                name: "Malmö stad".into(),
                own: false,
                values: vec![
                    kr(400_000),
                    kr(400_000),
                    kr(400_000),
                    kr(400_000),
                    UNPUBLISHED,
                ],
            },
            Stack {
                name: "Svenska Röda Korset (egen insats)".into(),
                own: true,
                values: vec![kr(270_000); 5],
            },
        ],
    }
}

fn all_unpublished() -> BarChart {
    BarChart {
        proposed: Vec::new(),
        id: "funding-chart".into(),
        title: "Finansiering per år och finansiär".into(),
        years: (2023..=2026).collect(),
        stacks: vec![Stack {
            name: "Kalmar kommun".into(),
            own: false,
            values: vec![UNPUBLISHED; 4],
        }],
    }
}

fn recipients() -> HBarChart {
    HBarChart {
        id: "recipient-chart".into(),
        title: "Offentliga medel per mottagare".into(),
        bars: vec![
            HBar {
                label: "Svenska Röda Korset".into(),
                value: Money {
                    kronor: 4_000_000,
                    unpublished: false,
                    unknown: false,
                    known: true,
                },
            },
            HBar {
                label: "Kvinnojouren & Ungdomsjouren Kalmar".into(),
                value: Money {
                    kronor: 3_000_000,
                    unpublished: true,
                    unknown: false,
                    known: true,
                },
            },
            HBar {
                label: "Kalmar Stadsmission".into(),
                value: Money {
                    kronor: 0,
                    unpublished: true,
                    unknown: false,
                    known: false,
                },
            },
        ],
        desc_note: Some("goal_overlap_note"),
    }
}

fn visitors() -> LineChart {
    LineChart {
        id: "statistic-1-chart".into(),
        title: "Besökare per dag (personer)".into(),
        name: "Besökare per dag".into(),
        unit: Some("personer".into()),
        points: vec![(2023, 380.0), (2024, 410.0), (2025, 452.5)],
    }
}

fn draw(render: impl Fn(ChartText) -> ChartResult) -> String {
    let t = strings();
    render(ChartText {
        language: Language::Sv,
        t: &t,
    })
    .expect("the chart draws")
}

#[test]
fn stacked_bars() {
    insta::assert_snapshot!(draw(|t| stacked().render(t)));
}

#[test]
fn bars_with_every_amount_unpublished() {
    let svg = draw(|t| all_unpublished().render(t));
    assert!(svg.contains("Beloppen: ej publicerat"));
    assert!(svg.contains("2023–2026: ej publicerat."));
    insta::assert_snapshot!(svg);
}

#[test]
fn horizontal_bars() {
    insta::assert_snapshot!(draw(|t| recipients().render(t)));
}

#[test]
fn statistic_line() {
    insta::assert_snapshot!(draw(|t| visitors().render(t)));
}

#[test]
fn statistic_line_breaks_at_a_year_without_a_value() {
    // 2022 has no report: 2021 stands alone as a point, 2023–2025 are joined.
    let chart = LineChart {
        points: vec![(2021, 350.0), (2023, 380.0), (2024, 410.0), (2025, 452.5)],
        ..visitors()
    };
    let svg = draw(|t| chart.render(t));
    let lines = svg.matches("stroke=\"#0A4F8F\" stroke-width=\"3\"").count();
    assert_eq!(lines, 1, "{svg}");
    assert_eq!(svg.matches("<circle").count(), 4, "{svg}");
    insta::assert_snapshot!(svg);
}

#[test]
fn descriptions_carry_the_key_figures() {
    let t = strings();
    let text = ChartText {
        language: Language::Sv,
        t: &t,
    };
    assert_eq!(
        stacked().describe(text),
        "2021–2025: totalt 4\u{a0}950\u{a0}000\u{a0}kr, mest 2021 med 1\u{a0}070\u{a0}000\u{a0}kr. \
         Uppdelat på Region Skåne, Malmö stad, Svenska Röda Korset (egen insats). \
         Belopp för 2025: ej publicerat."
    );
    assert_eq!(
        visitors().describe(text),
        "Besökare per dag: 380 personer år 2023 och 452,5 personer år 2025."
    );
    assert!(
        recipients()
            .describe(text)
            .starts_with("3 rader; störst är Svenska Röda Korset med 4\u{a0}000\u{a0}000\u{a0}kr.")
    );
}

/// Every chart: same bytes twice, `role="img"`, a title and a description the SVG points
/// to, at most two decimals in any number, text escaped, no fixed size.
#[test]
fn every_chart_keeps_the_rules() {
    let mut hostile = stacked();
    hostile.stacks[0].name = "Region <script>alert(1)</script> & Co".into();
    hostile.title = "Titel </title><script>".into();
    let charts = [
        draw(|t| stacked().render(t)),
        draw(|t| all_unpublished().render(t)),
        draw(|t| recipients().render(t)),
        draw(|t| visitors().render(t)),
        draw(|t| hostile.render(t)),
    ];
    assert_eq!(
        charts[0],
        draw(|t| stacked().render(t)),
        "not deterministic"
    );
    for svg in &charts {
        assert!(!svg.contains("<script"), "{svg}");
        for root in svg.match_indices("<svg ").map(|(i, _)| &svg[i..]) {
            let tag = &root[..root.find('>').unwrap()];
            assert!(tag.contains("role=\"img\""), "{tag}");
            assert!(!tag.contains("width="), "{tag}");
            let ids = tag.split("aria-labelledby=\"").nth(1).unwrap();
            let ids = &ids[..ids.find('"').unwrap()];
            for id in ids.split(' ') {
                assert!(root.contains(&format!("id=\"{id}\">")), "{id} missing");
            }
            assert!(root.contains("<title id="), "{tag}");
            assert!(root.contains("<desc id="), "{tag}");
        }
        let mut in_tag = false;
        let mut number = String::new();
        for c in svg.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ => {}
            }
            if in_tag && (c.is_ascii_digit() || c == '.') {
                number.push(c);
            } else {
                if let Some((_, decimals)) = number.split_once('.') {
                    assert!(decimals.len() <= 2, "{number} in a tag");
                }
                number.clear();
            }
        }
    }
    assert!(charts[4].contains("Region &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
    assert!(
        charts[4].contains(
            "<title id=\"funding-chart-title\">Titel &lt;/title&gt;&lt;script&gt;</title>"
        )
    );
}
