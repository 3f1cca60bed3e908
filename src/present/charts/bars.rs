//! Vertical bars per year, stacked by series (funders): public money in solid colours, a
//! non-profit's own contribution hatched, years with unpublished amounts marked in words.

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::*;
use crate::present::Money;

/// One series of a stacked bar chart: a value per category (`None`: nothing that year).
#[derive(Debug, Clone)]
pub struct Stack {
    pub name: String,
    /// A non-profit's own contribution: drawn hatched, told apart from public money.
    pub own: bool,
    pub values: Vec<Option<Money>>,
}

/// A legend entry: which stack, where, and its name broken into lines.
struct LegendItem {
    stack: usize,
    x: f64,
    y: f64,
    lines: Vec<String>,
}

/// Bars per year; the first stack sits at the bottom.
#[derive(Debug, Clone)]
pub struct BarChart {
    pub id: String,
    pub title: String,
    pub years: Vec<i32>,
    /// Years whose money is only proposed: drawn as outlines, labelled as proposals.
    pub proposed: Vec<i32>,
    pub stacks: Vec<Stack>,
}

const PLOT_HEIGHT: u32 = 300;
/// Row height of the narrow variant.
const ROW: u32 = 36;
const LEGEND_LINE: f64 = 24.0;
const SWATCH: f64 = 14.0;
/// Share of a year's slot the bar takes.
const BAR_SHARE: f64 = 0.62;

impl BarChart {
    fn total(&self, i: usize) -> Money {
        self.stacks
            .iter()
            .filter_map(|s| s.values[i])
            .fold(Money::default(), |a, b| a + b)
    }

    /// The one-sentence summary with the key figures.
    pub fn describe(&self, text: ChartText) -> String {
        // Decided money is described; proposed years get a sentence of their own.
        let decided: Vec<usize> = (0..self.years.len())
            .filter(|&i| !self.is_proposed(i))
            .collect();
        let years: Vec<i32> = decided.iter().map(|&i| self.years[i]).collect();
        let totals: Vec<Money> = decided.iter().map(|&i| self.total(i)).collect();
        let proposed = self.describe_proposed(text);
        if years.is_empty() {
            return proposed.unwrap_or_default();
        }
        let span = year_span(&years);
        let unpublished: Vec<String> = years
            .iter()
            .zip(&totals)
            .filter(|(_, m)| m.unpublished)
            .map(|(y, _)| y.to_string())
            .collect();
        let sum: i64 = totals.iter().map(|m| m.kronor).sum();
        if sum == 0 && totals.iter().all(|m| !m.known) && !unpublished.is_empty() {
            return text.fill("chart_desc_all_unpublished", &[("years", &span)]);
        }
        let even = totals.windows(2).all(|w| w[0] == w[1]);
        let mut desc = if even && years.len() > 1 {
            text.fill(
                "chart_desc_even",
                &[
                    ("years", &span),
                    ("total", &text.kr(sum)),
                    ("each", &text.kr(totals[0].kronor)),
                ],
            )
        } else if let Some((peak_year, peak)) = years
            .iter()
            .zip(&totals)
            .max_by_key(|(y, m)| (m.kronor, -**y))
            .filter(|_| years.len() > 1)
        {
            text.fill(
                "chart_desc_years",
                &[
                    ("years", &span),
                    ("total", &text.kr(sum)),
                    ("peak_year", &peak_year.to_string()),
                    ("peak", &text.kr(peak.kronor)),
                ],
            )
        } else {
            text.fill(
                "chart_desc_year",
                &[("years", &span), ("total", &text.kr(sum))],
            )
        };
        if self.stacks.len() > 1 {
            let names: Vec<&str> = self.stacks.iter().map(|s| s.name.as_str()).collect();
            desc.push(' ');
            desc.push_str(&text.fill("chart_desc_series", &[("names", &names.join(", "))]));
        }
        if !unpublished.is_empty() {
            desc.push(' ');
            desc.push_str(&text.fill(
                "chart_desc_unpublished",
                &[("years", &unpublished.join(", "))],
            ));
        }
        let unknown: Vec<String> = years
            .iter()
            .zip(&totals)
            .filter(|(_, m)| m.unknown)
            .map(|(y, _)| y.to_string())
            .collect();
        if !unknown.is_empty() {
            desc.push(' ');
            desc.push_str(&text.fill("chart_desc_unknown", &[("years", &unknown.join(", "))]));
        }
        if let Some(proposed) = proposed {
            desc.push(' ');
            desc.push_str(&proposed);
        }
        desc
    }

    /// "The money for 2025 (1 070 000 kr) is only proposed …", when some year is.
    fn describe_proposed(&self, text: ChartText) -> Option<String> {
        let proposed: Vec<usize> = (0..self.years.len())
            .filter(|&i| self.is_proposed(i))
            .collect();
        if proposed.is_empty() {
            return None;
        }
        let years: Vec<i32> = proposed.iter().map(|&i| self.years[i]).collect();
        let sum: i64 = proposed.iter().map(|&i| self.total(i).kronor).sum();
        Some(text.fill(
            "chart_desc_proposed",
            &[("years", &year_span(&years)), ("total", &text.kr(sum))],
        ))
    }

    /// Draws the chart as two inline SVG elements: columns for wide screens and rows for
    /// narrow ones (the stylesheet shows one of them).
    pub fn render(&self, text: ChartText) -> ChartResult {
        register_font();
        let desc = self.describe(text);
        let wide = self.render_columns(text, &desc)?;
        let narrow = self.render_rows(text, &desc)?;
        Ok(wide + &narrow)
    }

    fn totals(&self) -> Vec<Money> {
        (0..self.years.len()).map(|i| self.total(i)).collect()
    }

    /// The legend and the height it takes; empty when there is one plain series. Columns
    /// list the top of the stack first, rows the leftmost part first, so the legend reads
    /// in the order the eye meets the parts. A name too long for one line wraps.
    fn legend(&self, width: f64, top_first: bool) -> (Vec<LegendItem>, u32) {
        if self.stacks.len() < 2 && !self.stacks.iter().any(|s| s.own) {
            return (Vec::new(), 0);
        }
        let mut order: Vec<usize> = (0..self.stacks.len()).collect();
        if top_first {
            order.reverse();
        }
        let room = width - 16.0;
        let (mut x, mut row) = (8.0, 0usize);
        let mut items = Vec::new();
        for stack in order {
            let lines = wrap(&self.stacks[stack].name, SMALL, room - SWATCH - 6.0);
            let text = lines
                .iter()
                .map(|l| text_width(l, SMALL))
                .fold(0.0, f64::max);
            let item_width = SWATCH + 6.0 + text + 22.0;
            if x > 8.0 && (lines.len() > 1 || x - 8.0 + item_width > room) {
                row += 1;
                x = 8.0;
            }
            items.push(LegendItem {
                stack,
                x,
                y: 6.0 + row as f64 * LEGEND_LINE,
                lines: lines.clone(),
            });
            if lines.len() > 1 {
                row += lines.len();
                x = 8.0;
            } else {
                x += item_width;
            }
        }
        let rows = row + usize::from(x > 8.0);
        (items, (rows as f64 * LEGEND_LINE + 8.0).ceil() as u32)
    }

    fn draw_legend<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, plotters::coord::Shift>,
        items: &[LegendItem],
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        for item in items {
            let stack = &self.stacks[item.stack];
            let color = PALETTE[item.stack % PALETTE.len()];
            let (x, y) = (item.x, item.y);
            let (x0, y0) = (x as i32, (y + 4.0) as i32);
            let (x1, y1) = ((x + SWATCH) as i32, (y + 4.0 + SWATCH) as i32);
            swatch(area, stack.own, color, (x0, y0), (x1, y1))?;
            for (k, line) in item.lines.iter().enumerate() {
                area.draw(&Text::new(
                    line.clone(),
                    (
                        (x + SWATCH + 6.0) as i32,
                        (y + 11.0 + k as f64 * LEGEND_LINE) as i32,
                    ),
                    anchored(font(SMALL, TEXT), HPos::Left, VPos::Center),
                ))?;
            }
        }
        Ok(())
    }

    /// Draws the stacked parts of year `i` between two pixel positions along the value axis;
    /// `span(from, to)` turns kronor into the rectangle's corners.
    fn draw_stack<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, plotters::coord::Shift>,
        i: usize,
        span: impl Fn(i64, i64) -> ((i32, i32), (i32, i32)),
        vertical: bool,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let mut base = 0i64;
        for (s, stack) in self.stacks.iter().enumerate() {
            let Some(value) = stack.values[i].filter(|v| v.kronor > 0) else {
                continue;
            };
            let (p0, p1) = span(base, base + value.kronor);
            let corners = (
                (p0.0.min(p1.0), p0.1.min(p1.1)),
                (p0.0.max(p1.0), p0.1.max(p1.1)),
            );
            let color = PALETTE[s % PALETTE.len()];
            if self.is_proposed(i) {
                // A proposal is an outline: money not decided yet.
                area.draw(&Rectangle::new([corners.0, corners.1], WHITE.filled()))?;
                area.draw(&Rectangle::new(
                    [corners.0, corners.1],
                    color.stroke_width(2),
                ))?;
            } else {
                swatch(area, stack.own, color, corners.0, corners.1)?;
            }
            if base > 0 {
                // A white seam between stacked parts.
                let seam = if vertical {
                    vec![(p0.0, p0.1), (p1.0, p0.1)]
                } else {
                    vec![(p0.0, p0.1), (p0.0, p1.1)]
                };
                area.draw(&PathElement::new(seam, WHITE.stroke_width(2)))?;
            }
            base += value.kronor;
        }
        Ok(())
    }

    /// The words beside year `i`'s bar: its total and, where part is unpublished or
    /// unknown, a mark; "proposed" for a proposed year.
    fn year_labels(&self, text: ChartText, i: usize, total: Money, word: &str) -> Vec<String> {
        let mut labels = Vec::new();
        if total.kronor > 0 {
            // One unit for every bar of the chart, so "0,8 mn kr" stands beside "1,45 mn kr".
            let scale = format::KronorScale::for_all(self.totals().iter().map(|t| t.kronor));
            labels.push(scale.kronor(total.kronor, text.language));
        }
        let unknown = text.t.text("chart_unknown_short");
        for (flag, word) in [(total.unpublished, word), (total.unknown, unknown)] {
            if flag {
                labels.push(if total.kronor > 0 {
                    format!("+ {word}")
                } else {
                    word.to_string()
                });
            }
        }
        if self.is_proposed(i) {
            labels.push(format!("({})", text.t.text("chart_proposed_short")));
        }
        labels
    }

    /// Whether the money of year `i` is only proposed.
    fn is_proposed(&self, i: usize) -> bool {
        self.years.get(i).is_some_and(|y| self.proposed.contains(y))
    }

    /// Columns per year with a value axis: for wide screens.
    fn render_columns(&self, text: ChartText, desc: &str) -> ChartResult {
        let fail = chart_error(&self.id);
        let n = self.years.len().max(1);
        let totals = self.totals();
        let max = totals.iter().map(|m| m.kronor).max().unwrap_or(0);
        let all_unpublished = max == 0 && totals.iter().any(|m| m.unpublished);
        let (legend, legend_height) = self.legend(f64::from(WIDTH), true);
        let axis_max = if max == 0 { 1 } else { max + max / 4 };
        let y_label_width = if all_unpublished {
            8
        } else {
            (text_width(&text.axis_kr(axis_max, axis_max), SMALL) + 14.0).ceil() as u32
        };
        let word = text.t.get("chart_unpublished_short");
        let slot = (f64::from(WIDTH) - f64::from(y_label_width) - 20.0) / n as f64;
        let size = self.column_label_size(text, &totals, slot, &word);
        let footnote = size.is_none() && totals.iter().any(|t| t.unpublished);
        let height = legend_height + PLOT_HEIGHT + if footnote { 24 } else { 0 };

        let mut canvas = Canvas::new(&self.id, (WIDTH, height));
        {
            let root = canvas.area();
            let (top, rest) = root.split_vertically(legend_height);
            let (plot, bottom) = rest.split_vertically(PLOT_HEIGHT);
            self.draw_legend(&top, &legend).map_err(|e| fail(&e))?;
            // reason: kronor amounts are far below 2^52
            let mut chart = ChartBuilder::on(&plot)
                .margin_top(10)
                .margin_right(12)
                .x_label_area_size(30)
                .y_label_area_size(y_label_width)
                .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..axis_max as f64)
                .map_err(|e| fail(&e))?;
            let y_label = |v: &f64| text.axis_kr(v.round() as i64, axis_max);
            let ticks = if all_unpublished { 0 } else { 5 };
            draw_axes(&root, &mut chart, &self.years, ticks, &y_label).map_err(|e| fail(&e))?;

            for (i, total) in totals.iter().enumerate() {
                self.draw_column(&root, &chart, text, (i, *total), size, &word)
                    .map_err(|e| fail(&e))?;
            }
            if all_unpublished {
                let (x0, y0) = chart.backend_coord(&(-0.5, 1.0));
                let (x1, y1) = chart.backend_coord(&(n as f64 - 0.5, 0.0));
                root.draw(&Text::new(
                    text.t.get("chart_all_unpublished"),
                    ((x0 + x1) / 2, (y0 + y1) / 2),
                    anchored(font(LABEL, TEXT), HPos::Center, VPos::Center),
                ))
                .map_err(|e| fail(&e))?;
            }
            if footnote {
                bottom
                    .draw(&Text::new(
                        format!("* {word}"),
                        (8, 12),
                        anchored(font(SMALL, TEXT), HPos::Left, VPos::Center),
                    ))
                    .map_err(|e| fail(&e))?;
            }
        }
        Ok(finish(&canvas, "chart-wide", &self.title, desc))
    }

    /// The size of the words above the columns: normal if the widest fits a year's `slot`,
    /// else smaller, else `None` (then a star marks unpublished amounts, explained under the
    /// chart).
    fn column_label_size(
        &self,
        text: ChartText,
        totals: &[Money],
        slot: f64,
        word: &str,
    ) -> Option<f64> {
        let widest = |size: f64| {
            totals
                .iter()
                .enumerate()
                .flat_map(|(i, t)| self.year_labels(text, i, *t, word))
                .map(|l| text_width(&l, size))
                .fold(0.0, f64::max)
        };
        [SMALL, 12.0]
            .into_iter()
            .find(|&size| widest(size) <= slot - 6.0)
    }

    /// The column of year `i` (whose total is `total`) and the words above it, in the label
    /// `size` from `column_label_size`.
    fn draw_column<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, plotters::coord::Shift>,
        chart: &ChartContext<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
        text: ChartText,
        (i, total): (usize, Money),
        size: Option<f64>,
        word: &str,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let x = i as f64;
        let (left, right) = (x - BAR_SHARE / 2.0, x + BAR_SHARE / 2.0);
        // reason: kronor amounts are far below 2^52
        self.draw_stack(
            root,
            i,
            |from, to| {
                (
                    chart.backend_coord(&(left, to as f64)),
                    chart.backend_coord(&(right, from as f64)),
                )
            },
            true,
        )?;
        // reason: kronor amounts are far below 2^52
        let (cx, top_y) = chart.backend_coord(&(x, total.kronor as f64));
        let labels = match size {
            Some(_) => self.year_labels(text, i, total, word),
            None if !total.is_complete() || self.is_proposed(i) => vec!["*".to_string()],
            None => Vec::new(),
        };
        let size = size.unwrap_or(SMALL);
        let line = (size * 1.35).round() as i32;
        for (k, label) in labels.iter().rev().enumerate() {
            root.draw(&Text::new(
                label.clone(),
                (cx, top_y - 6 - k as i32 * line),
                anchored(font(size, TEXT), HPos::Center, VPos::Bottom),
            ))?;
        }
        Ok(())
    }

    /// One row per year, bars running right, totals after them: for narrow screens, where
    /// columns would leave no room for their labels.
    fn render_rows(&self, text: ChartText, desc: &str) -> ChartResult {
        let id = format!("{}-rows", self.id);
        let fail = chart_error(&id);
        let totals = self.totals();
        let max = totals.iter().map(|m| m.kronor).max().unwrap_or(0).max(1);
        let word = text.t.get("chart_unpublished_short");
        let width = f64::from(NARROW);
        let (legend, legend_height) = self.legend(width, false);
        let labels: Vec<String> = totals
            .iter()
            .enumerate()
            .map(|(i, t)| self.year_labels(text, i, *t, &word).join(" "))
            .collect();
        let widest = labels
            .iter()
            .map(|l| text_width(l, SMALL))
            .fold(0.0, f64::max);
        let year_width = text_width("2000", SMALL) + 16.0;
        let room = (width - year_width - widest - 28.0).max(40.0);
        let all_unpublished = max == 1 && totals.iter().all(|t| t.kronor == 0);
        let message = if all_unpublished { 28 } else { 0 };
        let height = legend_height + message + ROW * self.years.len().max(1) as u32 + 8;

        let mut canvas = Canvas::new(&id, (NARROW, height));
        {
            let root = canvas.area();
            let (top, plot) = root.split_vertically(legend_height + message);
            self.draw_legend(&top, &legend).map_err(|e| fail(&e))?;
            if all_unpublished {
                top.draw(&Text::new(
                    text.t.get("chart_all_unpublished"),
                    (8, legend_height as i32 + 14),
                    anchored(font(LABEL, TEXT), HPos::Left, VPos::Center),
                ))
                .map_err(|e| fail(&e))?;
            }
            let x0 = (8.0 + year_width) as i32;
            for (i, year) in self.years.iter().enumerate() {
                let y = 6 + (i as u32 * ROW) as i32;
                let middle = y + ROW as i32 / 2 - 2;
                plot.draw(&Text::new(
                    year.to_string(),
                    (8, middle),
                    anchored(font(SMALL, MUTED), HPos::Left, VPos::Center),
                ))
                .map_err(|e| fail(&e))?;
                // reason: kronor amounts are far below 2^52
                let px = |kronor: i64| x0 + (room * kronor as f64 / max as f64).round() as i32;
                self.draw_stack(
                    &plot,
                    i,
                    |from, to| ((px(from), middle - 10), (px(to), middle + 10)),
                    false,
                )
                .map_err(|e| fail(&e))?;
                plot.draw(&PathElement::new(
                    vec![(x0, middle - 13), (x0, middle + 13)],
                    AXIS.stroke_width(2),
                ))
                .map_err(|e| fail(&e))?;
                plot.draw(&Text::new(
                    labels[i].clone(),
                    (px(totals[i].kronor) + 8, middle),
                    anchored(font(SMALL, TEXT), HPos::Left, VPos::Center),
                ))
                .map_err(|e| fail(&e))?;
            }
        }
        Ok(finish(&canvas, "chart-narrow", &self.title, desc))
    }
}

/// A filled rectangle, or for own contributions a white one with a border and hatching.
fn swatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    hatched: bool,
    color: RGBColor,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if !hatched {
        return area.draw(&Rectangle::new([(x0, y0), (x1, y1)], color.filled()));
    }
    // One rectangle filled with a stand-in colour that `finish` turns into a hatch pattern,
    // rather than a line per stripe.
    area.draw(&Rectangle::new(
        [(x0, y0), (x1, y1)],
        hatch_marker(color).filled(),
    ))?;
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], color.stroke_width(2)))
}

/// The value axis with its grid lines and `ticks` labels, and the years under the bars
/// (thinned out when they would touch).
pub(super) fn draw_axes<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    chart: &mut ChartContext<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    years: &[i32],
    ticks: usize,
    y_label: &dyn Fn(&f64) -> String,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(ticks)
        .y_label_formatter(y_label)
        .y_label_style(font(SMALL, MUTED))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(AXIS)
        .draw()?;
    let slot = {
        let (a, _) = chart.backend_coord(&(0.0, 0.0));
        let (b, _) = chart.backend_coord(&(1.0, 0.0));
        f64::from(b - a)
    };
    let label_width = text_width("2000", SMALL) + 8.0;
    let every = (label_width / slot.max(1.0)).ceil().max(1.0) as usize;
    for (i, year) in years.iter().enumerate() {
        if i % every != 0 {
            continue;
        }
        let (x, y) = chart.backend_coord(&(i as f64, 0.0));
        root.draw(&Text::new(
            year.to_string(),
            (x, y + 8),
            anchored(font(SMALL, MUTED), HPos::Center, VPos::Top),
        ))?;
    }
    Ok(())
}
