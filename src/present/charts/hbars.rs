//! Horizontal bars, one per row with its name above it and its value beside it: long names
//! fit, and the chart reads the same on a phone.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::*;
use crate::present::Money;

#[derive(Debug, Clone)]
pub struct HBar {
    pub label: String,
    pub value: Money,
}

/// Rows in the given order (callers sort, largest first).
#[derive(Debug, Clone)]
pub struct HBarChart {
    pub id: String,
    pub title: String,
    pub bars: Vec<HBar>,
    /// Key of the sentence that ends the description (e.g. the overlap of goal amounts).
    pub desc_note: Option<&'static str>,
}

/// Height of one line of a name, and of the bar part of a row.
const LINE: u32 = 20;
const ROW_BAR: u32 = 32;
const BAR: i32 = 18;
const PAD: f64 = 8.0;

impl HBarChart {
    pub fn describe(&self, text: ChartText) -> String {
        let largest = self.bars.iter().max_by_key(|b| b.value.kronor);
        let mut desc = match largest {
            Some(b) => text.fill(
                "chart_desc_largest",
                &[
                    ("n", &self.bars.len().to_string()),
                    ("name", &b.label),
                    ("value", &text.kr(b.value.kronor)),
                ],
            ),
            None => String::new(),
        };
        if self.bars.iter().any(|b| b.value.unpublished) {
            desc.push(' ');
            desc.push_str(&text.t.get("chart_desc_some_unpublished"));
        }
        if let Some(key) = self.desc_note {
            desc.push(' ');
            desc.push_str(&text.t.get(key));
        }
        desc
    }

    pub fn render(&self, text: ChartText) -> ChartResult {
        register_font();
        let fail = chart_error(&self.id);
        let max = self
            .bars
            .iter()
            .map(|b| b.value.kronor)
            .max()
            .unwrap_or(0)
            .max(1);
        let unpublished_word = text.t.get("chart_unpublished_short");
        // One unit for every bar's label, the short form of money the other charts use.
        let scale = format::KronorScale::for_all(self.bars.iter().map(|b| b.value.kronor));
        let short = |k: i64| scale.kronor(k, text.language);
        let value_label = |m: &Money| match (m.kronor, m.unpublished) {
            (0, true) => unpublished_word.clone(),
            (k, true) => format!("{} + {unpublished_word}", short(k)),
            (k, false) => short(k),
        };
        let widest = self
            .bars
            .iter()
            .map(|b| text_width(&value_label(&b.value), SMALL))
            .fold(0.0, f64::max);
        let room = f64::from(NARROW) - 2.0 * PAD - widest - 10.0;

        // Long names wrap onto more lines; each row is as tall as its name needs.
        let names: Vec<Vec<String>> = self
            .bars
            .iter()
            .map(|b| wrap(&b.label, LABEL, f64::from(NARROW) - 2.0 * PAD))
            .collect();
        let rows: Vec<u32> = names
            .iter()
            .map(|lines| LINE * lines.len() as u32 + ROW_BAR)
            .collect();
        let height = rows.iter().sum::<u32>() + 8;

        let mut canvas = Canvas::new(&self.id, (NARROW, height));
        {
            let root = canvas.area();
            let mut top = 4i32;
            for ((bar, lines), row) in self.bars.iter().zip(&names).zip(&rows) {
                for (k, line) in lines.iter().enumerate() {
                    root.draw(&Text::new(
                        line.clone(),
                        (PAD as i32, top + 10 + (k as u32 * LINE) as i32),
                        anchored(font(LABEL, TEXT), HPos::Left, VPos::Center),
                    ))
                    .map_err(|e| fail(&e))?;
                }
                let bar_top = top + (LINE * lines.len() as u32) as i32 + 2;
                // reason: kronor amounts are far below 2^52
                let length = (room * bar.value.kronor as f64 / max as f64).round() as i32;
                if length > 0 {
                    root.draw(&Rectangle::new(
                        [(PAD as i32, bar_top), (PAD as i32 + length, bar_top + BAR)],
                        PALETTE[0].filled(),
                    ))
                    .map_err(|e| fail(&e))?;
                }
                // A thin baseline, so a zero or unpublished row still shows where it starts.
                root.draw(&PathElement::new(
                    vec![(PAD as i32, bar_top - 2), (PAD as i32, bar_top + BAR + 2)],
                    AXIS.stroke_width(2),
                ))
                .map_err(|e| fail(&e))?;
                root.draw(&Text::new(
                    value_label(&bar.value),
                    (PAD as i32 + length + 8, bar_top + BAR / 2),
                    anchored(font(SMALL, TEXT), HPos::Left, VPos::Center),
                ))
                .map_err(|e| fail(&e))?;
                top += *row as i32;
            }
        }
        Ok(finish(
            &canvas,
            "chart-compact",
            &self.title,
            &self.describe(text),
        ))
    }
}
