//! One statistic over the years (from the annual reports), as a line with labelled points.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::bars::draw_axes;
use super::*;

#[derive(Debug, Clone)]
pub struct LineChart {
    pub id: String,
    pub title: String,
    /// The statistic's name, for the description.
    pub name: String,
    pub unit: Option<String>,
    /// (year, value), in year order; a year without a value is left out, and the line
    /// breaks there rather than drawing a value nobody reported.
    pub points: Vec<(i32, f64)>,
}

const HEIGHT: u32 = 260;

impl LineChart {
    fn with_unit(&self, text: ChartText, value: f64) -> String {
        match &self.unit {
            Some(unit) => format!("{} {unit}", text.num(value)),
            None => text.num(value),
        }
    }

    /// The points in runs of consecutive years: a line joins the points of a run only.
    fn runs(&self) -> impl Iterator<Item = &[(i32, f64)]> {
        self.points.chunk_by(|a, b| b.0 == a.0 + 1)
    }

    pub fn describe(&self, text: ChartText) -> String {
        let (Some(first), Some(last)) = (self.points.first(), self.points.last()) else {
            return String::new();
        };
        text.fill(
            "chart_desc_statistic",
            &[
                ("name", &self.name),
                ("from_year", &first.0.to_string()),
                ("from", &self.with_unit(text, first.1)),
                ("to_year", &last.0.to_string()),
                ("to", &self.with_unit(text, last.1)),
            ],
        )
    }

    pub fn render(&self, text: ChartText) -> ChartResult {
        register_font();
        let fail = chart_error(&self.id);
        let years: Vec<i32> = match (self.points.first(), self.points.last()) {
            (Some(a), Some(b)) => (a.0..=b.0).collect(),
            _ => Vec::new(),
        };
        let n = years.len().max(1);
        let max = self.points.iter().map(|p| p.1).fold(0.0, f64::max);
        let axis_max = if max > 0.0 { max * 1.25 } else { 1.0 };
        let y_label_width = (text_width(&text.num(axis_max.round()), SMALL) + 14.0).ceil() as u32;

        let mut canvas = Canvas::new(&self.id, (NARROW, HEIGHT));
        {
            let root = canvas.area();
            let mut chart = ChartBuilder::on(&root)
                .margin_top(12)
                .margin_right(16)
                .x_label_area_size(30)
                .y_label_area_size(y_label_width)
                .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..axis_max)
                .map_err(|e| fail(&e))?;
            let y_label = |v: &f64| text.num(*v);
            draw_axes(&root, &mut chart, &years, 5, &y_label).map_err(|e| fail(&e))?;

            let first = years.first().copied().unwrap_or(0);
            let at = |year: i32, value: f64| (f64::from(year - first), value);
            for run in self.runs() {
                if run.len() < 2 {
                    continue;
                }
                chart
                    .draw_series(LineSeries::new(
                        run.iter().map(|&(y, v)| at(y, v)),
                        PALETTE[0].stroke_width(3),
                    ))
                    .map_err(|e| fail(&e))?;
            }
            chart
                .draw_series(
                    self.points
                        .iter()
                        .map(|&(y, v)| Circle::new(at(y, v), 5, PALETTE[0].filled())),
                )
                .map_err(|e| fail(&e))?;
            for &(year, value) in &self.points {
                let (x, y) = chart.backend_coord(&at(year, value));
                root.draw(&Text::new(
                    text.num(value),
                    (x, y - 10),
                    anchored(font(SMALL, TEXT), HPos::Center, VPos::Bottom),
                ))
                .map_err(|e| fail(&e))?;
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
