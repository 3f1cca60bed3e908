//! Charts drawn at build time with plotters into SVG, inlined into the pages.
//!
//! Every chart is an `<svg role="img">` with a `<title>` and a `<desc>` that sums up the key
//! figure; its labels stay `<text>`, and the page puts the same numbers in a table beside it.
//! Text is measured with an embedded font (a Latin-1 subset of Noto Sans), so a build needs
//! no system font; the theme serves the same font to browsers for the chart labels.

mod bars;
mod hbars;
mod lines;
mod svg;

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex, Once};
use std::time::Instant;

use ab_glyph::{Font, FontRef, ScaleFont};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub use bars::{BarChart, Stack};
pub use hbars::{HBar, HBarChart};
pub use lines::LineChart;
use svg::Canvas;

use super::format;
use super::i18n::I18n;
use crate::config::Language;

/// Noto Sans Regular, Latin-1 subset (SIL Open Font License 1.1; see
/// `themes/default/static/fonts/OFL.txt` and `assets/fonts/make-subset.sh`).
pub static FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Subset.ttf");

/// The family name charts ask plotters for; the SVG says `font-family="sans-serif"`, so a
/// page without the theme's stylesheet still gets a sans-serif face.
const FAMILY: &str = "sans-serif";

static REGISTER: Once = Once::new();
static METRICS: LazyLock<Option<FontRef<'static>>> =
    LazyLock::new(|| FontRef::try_from_slice(FONT).ok());

/// Registers the embedded font with plotters, once, before the first chart.
fn register_font() {
    REGISTER.call_once(|| {
        // A failure shows up as a font error from the first chart, which the build reports.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, FONT);
    });
}

/// Width in pixels of `text` set in the embedded font at `size` pixels per em.
pub fn text_width(text: &str, size: f64) -> f64 {
    let Some(font) = METRICS.as_ref() else {
        // Rough average advance of a sans-serif letter.
        return text.chars().count() as f64 * size * 0.55;
    };
    // ab_glyph scales by points at 96 dpi; `size` is in pixels (3/4 of a point each).
    // reason: pixel sizes are small numbers
    let em = (size * 0.75) as f32;
    let scaled = font.as_scaled(
        font.pt_to_px_scale(em)
            .unwrap_or(ab_glyph::PxScale::from(size as f32)),
    );
    let mut width = 0.0f32;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = previous {
            width += scaled.kern(p, id);
        }
        width += scaled.h_advance(id);
        previous = Some(id);
    }
    f64::from(width)
}

/// Why a chart could not be drawn (a font or drawing error; not expected with valid data).
#[derive(Debug, thiserror::Error)]
#[error("chart `{id}` could not be drawn: {message}")]
pub struct ChartError {
    pub id: String,
    pub message: String,
}

pub type ChartResult = Result<String, ChartError>;

/// Counts charts and the time spent drawing them, summed over all threads of a build.
#[derive(Debug, Default)]
pub struct ChartClock {
    nanos: AtomicU64,
    count: AtomicUsize,
    errors: Mutex<Vec<ChartError>>,
}

impl ChartClock {
    /// Draws a chart; a failure is kept for the build to report, and the page goes without.
    pub fn draw(&self, draw: impl FnOnce() -> ChartResult) -> Option<String> {
        match self.time(draw) {
            Ok(svg) => Some(svg),
            Err(err) => {
                self.errors
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push(err);
                None
            }
        }
    }

    /// The charts that could not be drawn.
    pub fn take_errors(&self) -> Vec<ChartError> {
        std::mem::take(
            &mut *self
                .errors
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }

    /// Runs `draw`, counting it as one chart.
    pub fn time(&self, draw: impl FnOnce() -> ChartResult) -> ChartResult {
        let started = Instant::now();
        let result = draw();
        // reason: a build does not run for 584 years
        self.nanos
            .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        self.count.fetch_add(1, Ordering::Relaxed);
        result
    }

    pub fn count(&self) -> usize {
        self.count.load(Ordering::Relaxed)
    }

    /// Total drawing time over all threads (CPU time spent on charts, roughly).
    pub fn elapsed(&self) -> std::time::Duration {
        std::time::Duration::from_nanos(self.nanos.load(Ordering::Relaxed))
    }
}

/// What charts need of the site: its language and interface strings.
#[derive(Debug, Clone, Copy)]
pub struct ChartText<'a> {
    pub language: Language,
    pub t: &'a I18n,
}

impl ChartText<'_> {
    fn kr(&self, kronor: i64) -> String {
        format::kronor(kronor, self.language)
    }

    fn num(&self, x: f64) -> String {
        format::number(x, self.language)
    }

    /// `key`'s text with each `{name}` replaced.
    fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.t.get(key);
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// Tick labels for an axis in kronor: whole kronor up to ten million, then compact.
    fn axis_kr(&self, kronor: i64, axis_max: i64) -> String {
        if axis_max < 10_000_000 {
            self.kr(kronor)
        } else {
            format::compact_kronor(kronor, self.language)
        }
    }
}

/// Chart widths in SVG units: wide charts for large screens, narrow ones drawn for phones
/// (charts scale with the page, so a wide chart on a phone would have tiny text).
const WIDTH: u32 = 640;
const NARROW: u32 = 360;
/// Label text size (pixels per em) and the smaller size for axes and notes.
const LABEL: f64 = 15.0;
const SMALL: f64 = 14.0;

/// Colours, each at least 3:1 against the white page (checked by a test), chosen to stay
/// apart for the common forms of colour blindness. Series are also told apart by legend
/// order (which follows the stack) and, for own contributions, by hatching. Charts draw at
/// most nine series (eight and "others", see `views::funding`), so no colour repeats; the
/// ninth, grey, is the one "others" gets.
pub const PALETTE: [RGBColor; 9] = [
    RGBColor(0x0a, 0x4f, 0x8f), // blue
    RGBColor(0xb3, 0x59, 0x00), // dark orange
    RGBColor(0x2e, 0x7d, 0x32), // green
    RGBColor(0x7b, 0x3f, 0xa0), // purple
    RGBColor(0xb0, 0x17, 0x4c), // crimson
    RGBColor(0x00, 0x6d, 0x77), // teal
    RGBColor(0x6d, 0x4c, 0x41), // brown
    RGBColor(0x39, 0x49, 0xab), // indigo
    RGBColor(0x61, 0x61, 0x61), // grey
];
/// Stand-in fill colours for hatched areas: red 0x01, green 0x02 and blue 0x10 plus the
/// palette index. No palette colour looks like this; `finish` swaps each for a pattern.
fn hatch_marker(color: RGBColor) -> RGBColor {
    let index = PALETTE.iter().position(|c| *c == color).unwrap_or(0);
    RGBColor(0x01, 0x02, 0x10 + index as u8)
}

/// The palette index a hatch marker stands for.
fn hatch_index((r, g, b): (u8, u8, u8)) -> Option<usize> {
    let i = usize::from(b.checked_sub(0x10)?);
    (r == 0x01 && g == 0x02 && i < PALETTE.len()).then_some(i)
}

/// Diagonal stripes of palette colour `i` on white: one pattern tile instead of a line per
/// stripe keeps the SVG small.
fn hatch_pattern(id: &str, i: usize) -> String {
    let RGBColor(r, g, b) = PALETTE[i];
    format!(
        "<pattern id=\"{id}-hatch-{i}\" width=\"4.5\" height=\"4.5\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><rect width=\"4.5\" height=\"4.5\" fill=\"#FFFFFF\"/>\
         <rect x=\"1.25\" width=\"2\" height=\"4.5\" fill=\"#{r:02X}{g:02X}{b:02X}\"/></pattern>"
    )
}

const TEXT: RGBColor = RGBColor(0x1b, 0x1b, 0x1b);
const MUTED: RGBColor = RGBColor(0x4a, 0x4a, 0x4a);
const AXIS: RGBColor = RGBColor(0x8a, 0x8f, 0x96);
const GRID: RGBColor = RGBColor(0xd5, 0xd9, 0xde);

/// A text style at `size` pixels per em (plotters writes its size divided by 1.24).
fn font(size: f64, color: RGBColor) -> TextStyle<'static> {
    thread_local! {
        // Looking the font up anew (a locked table, then a copy of the parsed font) cost
        // 3.5 % of a build; a copy of this one is cheaper.
        static BASE: FontDesc<'static> = (FAMILY, 1.0).into_font();
    }
    // Built field by field: `FontDesc::color` would copy the font once more.
    TextStyle {
        font: BASE.with(|base| base.resize(size * 1.24)),
        color: color.to_backend_color(),
        pos: Pos::default(),
    }
}

fn anchored(mut style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos = Pos::new(h, v);
    style
}

/// WCAG relative luminance of a colour.
pub fn luminance(c: RGBColor) -> f64 {
    let channel = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
}

/// WCAG contrast ratio between two colours.
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn chart_error(id: &str) -> impl Fn(&dyn std::fmt::Display) -> ChartError + '_ {
    move |e| ChartError {
        id: id.to_string(),
        message: e.to_string(),
    }
}

/// Escapes text for an SVG element's content.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The inline chart: the root element gets `role="img"`, a class, `aria-labelledby`, a
/// `<title>` and a `<desc>`, and no fixed width or height (CSS sizes it from the viewBox);
/// then the patterns of hatched areas, and the elements.
fn finish(canvas: &Canvas, class: &str, title: &str, desc: &str) -> String {
    let (id, (width, height)) = (&canvas.id, canvas.size());
    let mut out = String::with_capacity(canvas.body.len() + title.len() + desc.len() + 400);
    out.push_str(&format!(
        "<svg class=\"chart-svg {class}\" viewBox=\"0 0 {width} {height}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape(title),
        escape(desc)
    ));
    if canvas.hatched.contains(&true) {
        out.push_str("<defs>");
        for (i, _) in canvas.hatched.iter().enumerate().filter(|(_, used)| **used) {
            out.push_str(&hatch_pattern(id, i));
        }
        out.push_str("</defs>\n");
    }
    out.push_str(&canvas.body);
    out.push_str("</svg>\n");
    out
}

/// "2021–2025", or "2021" for one year.
fn year_span(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

/// `label` broken into lines at spaces so each fits `width` pixels (a single word longer
/// than that keeps its own line).
fn wrap(label: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in label.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if !current.is_empty() && text_width(&candidate, size) > width {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITE_BG: RGBColor = RGBColor(255, 255, 255);

    #[test]
    fn palette_and_text_colours_reach_contrast_on_white() {
        for c in PALETTE.iter().chain([&AXIS, &MUTED]) {
            assert!(contrast(*c, WHITE_BG) >= 3.0, "{c:?}");
        }
        assert!(contrast(TEXT, WHITE_BG) >= 4.5);
        assert!(contrast(MUTED, WHITE_BG) >= 4.5);
        // White value labels inside bars.
        for c in PALETTE {
            assert!(contrast(c, WHITE_BG) >= 4.5, "white on {c:?}");
        }
    }

    #[test]
    fn the_embedded_font_parses_and_measures() {
        assert!(METRICS.is_some());
        // Noto Sans digits are 0.572 em wide; a space 0.26 em.
        let w = text_width("1 070 000 kr", 14.0);
        assert!(w > 70.0 && w < 90.0, "{w}");
        assert!(text_width("WWW", 14.0) > text_width("iii", 14.0));
    }

    #[test]
    fn wraps_long_names_at_spaces() {
        let lines = wrap(
            "8 Anständiga arbetsvillkor och ekonomisk tillväxt",
            15.0,
            200.0,
        );
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(
            lines.join(" "),
            "8 Anständiga arbetsvillkor och ekonomisk tillväxt"
        );
        for line in &lines {
            assert!(text_width(line, 15.0) <= 200.0, "{line}");
        }
        assert_eq!(wrap("Kort", 15.0, 200.0), vec!["Kort"]);
    }
}

#[cfg(test)]
mod snapshots;
