//! One yearly report: front matter with the plan's key figures for the year, and about
//! 600 words of Markdown with headings, a list, a table and now and then a footnote or link.

use std::fmt::Write;

use chrono::Datelike;
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::agreement::kronor;
use super::plan::Plan;
use super::text::{push_capitalised, word_count};
use super::yaml;

/// A written report and the number of words in its body.
pub struct Report {
    pub text: String,
    pub words: usize,
}

/// A key figure as written: whole numbers without decimals.
fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// The report of `plan` for `year`.
pub fn report(plan: &Plan, year: i32, rng: &mut ChaCha8Rng) -> Report {
    let index = (year - plan.start.year()) as usize;
    let mut out = String::with_capacity(6 * 1024);
    out.push_str("---\n");
    yaml::field(&mut out, 0, "agreement", &plan.id);
    yaml::raw(&mut out, 0, "year", year);
    if rng.random_bool(0.9) {
        let kind = ["Verksamhetsberättelse", "Årsberättelse", "Redovisning"]
            .choose(rng)
            .expect("titles are listed");
        yaml::field(&mut out, 0, "title", &format!("{kind} {year}"));
    }
    if rng.random_bool(0.85) {
        let received = chrono::NaiveDate::from_ymd_opt(
            year + 1,
            rng.random_range(2..=5),
            rng.random_range(1..=28),
        )
        .expect("days 1-28 exist in every month");
        yaml::raw(&mut out, 0, "received", received);
    }
    let money = plan.public_money(year);
    let spent = money
        .filter(|_| rng.random_bool(0.8))
        .map(|m| (m as f64 * rng.random_range(0.85..1.02) / 1000.0).round() as i64 * 1000);
    if let Some(spent) = spent {
        yaml::raw(&mut out, 0, "spent", spent);
    }
    let figures: Vec<_> = plan
        .statistics
        .iter()
        .filter_map(|s| Some((s, s.values[index]?)))
        .collect();
    if !figures.is_empty() {
        out.push_str("statistics:\n");
        for (statistic, value) in &figures {
            yaml::field(&mut out, 2, "- name", statistic.name);
            yaml::raw(&mut out, 4, "value", number(*value));
            if !statistic.unit.is_empty() {
                yaml::field(&mut out, 4, "unit", statistic.unit);
            }
        }
    }
    out.push_str("---\n");
    let body_start = out.len();
    body(plan, year, index, spent, &mut out, rng);
    Report {
        words: word_count(&out[body_start..]),
        text: out,
    }
}

/// The Markdown body: a fixed outline whose activity section is filled up to the length
/// drawn for this report.
fn body(
    plan: &Plan,
    year: i32,
    index: usize,
    spent: Option<i64>,
    out: &mut String,
    rng: &mut ChaCha8Rng,
) {
    let topic = plan.topic();
    let target = rng.random_range(450..=750);
    let organisation = &plan.organisation.name;

    let mut head = format!(
        "Detta är en påhittad verksamhetsberättelse för {year} från {organisation}, skapad för att prova webbplatsen.\n\n"
    );
    topic.paragraph(rng.random_range(2..4), rng, &mut head);
    head.push_str("## Året i korthet\n\n");
    topic.paragraph(rng.random_range(3..6), rng, &mut head);
    head.push_str("Det här har vi särskilt arbetat med:\n\n");
    let count = rng.random_range(3..=4);
    let items: Vec<_> = plan.theme.objects.choose_multiple(rng, count).collect();
    for (i, item) in items.iter().enumerate() {
        head.push_str("- ");
        head.push_str(item);
        head.push_str(if i + 1 == items.len() { ".\n" } else { ",\n" });
    }
    head.push('\n');

    let mut tail = String::from("## Nyckeltal\n\n");
    figures(plan, year, index, &mut tail, rng);
    tail.push_str("## Ekonomi\n\n");
    let footnote = rng.random_bool(0.3);
    match spent {
        Some(spent) => {
            let _ = write!(
                tail,
                "Under {year} använde {organisation} {} kronor av bidraget.",
                kronor(spent)
            );
        }
        None => tail.push_str("Ekonomin redovisas i en separat bilaga."),
    }
    if footnote {
        tail.push_str("[^1]");
    }
    topic.sentence(rng, &mut tail);
    tail.push_str("\n\n## Samverkan och uppföljning\n\n");
    topic.paragraph(rng.random_range(3..6), rng, &mut tail);
    tail.push_str("## Framåt\n\n");
    topic.paragraph(rng.random_range(2..5), rng, &mut tail);
    if rng.random_bool(0.3) {
        let _ = writeln!(
            tail,
            "Mer om verksamheten finns på [föreningens webbplats](https://{}.example.org/).\n",
            plan.organisation.slug
        );
    }
    if footnote {
        tail.push_str("[^1]: Beloppet är hämtat ur föreningens bokslut och är inte reviderat.\n");
    }

    let mut words = word_count(&head) + word_count(&tail);
    let mut middle = String::from("## Verksamheten\n\n");
    let activities = plan.theme.activities;
    let mut next = 0;
    while words < target {
        let start = middle.len();
        if next < activities.len() && rng.random_bool(0.7) {
            let _ = write!(middle, "### {}\n\n", activities[next].0);
            next += 1;
        }
        topic.paragraph(rng.random_range(3..7), rng, &mut middle);
        words += word_count(&middle[start..]);
    }
    out.push_str(&head);
    out.push_str(&middle);
    out.push_str(&tail);
    if out.ends_with("\n\n") {
        out.pop();
    }
}

/// A sentence per key figure and a table comparing the year with the one before.
fn figures(plan: &Plan, year: i32, index: usize, out: &mut String, rng: &mut ChaCha8Rng) {
    let previous = index.checked_sub(1);
    for statistic in &plan.statistics {
        let (Some(now), Some(before)) = (
            statistic.values[index],
            previous.and_then(|p| statistic.values[p]),
        ) else {
            continue;
        };
        let change = if now > before * 1.02 {
            "ökade"
        } else if now < before * 0.98 {
            "minskade"
        } else {
            "låg kvar på ungefär samma nivå"
        };
        push_capitalised(out, statistic.name);
        let _ = write!(
            out,
            " {change} från {} till {} jämfört med {}. ",
            number(before),
            number(now),
            year - 1
        );
    }
    out.push_str(if rng.random_bool(0.5) {
        "Tabellen visar årets siffror.\n\n"
    } else {
        "Siffrorna sammanfattas i tabellen.\n\n"
    });
    out.push_str("| Nyckeltal | Enhet |");
    if previous.is_some() {
        let _ = write!(out, " {} |", year - 1);
    }
    let _ = writeln!(out, " {year} |");
    out.push_str(if previous.is_some() {
        "|---|---|---:|---:|\n"
    } else {
        "|---|---|---:|\n"
    });
    let cell = |value: Option<f64>| value.map_or("–".to_string(), number);
    for statistic in &plan.statistics {
        out.push_str("| ");
        push_capitalised(out, statistic.name);
        let _ = write!(out, " | {} |", statistic.unit);
        if let Some(p) = previous {
            let _ = write!(out, " {} |", cell(statistic.values[p]));
        }
        let _ = writeln!(out, " {} |", cell(statistic.values[index]));
    }
    out.push('\n');
}
