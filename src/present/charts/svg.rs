//! A plotters drawing backend that writes the chart's SVG elements in their final form.
//!
//! plotters' own SVG backend formats every attribute into a `String` of its own and prints
//! font sizes with all their float digits, which then took a second pass over the text to
//! round, and a third to swap hatch markers for patterns: about a third of the cost of a
//! chart. This backend writes straight into one buffer: numbers rounded to two decimals,
//! hatch markers as `url(#…)` fills, and no `<svg>` element of its own (`finish` adds it).

use std::fmt::Write as _;

use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
    FontTransform,
};

use super::PALETTE;

/// The elements of one chart, and which hatch patterns they use.
pub struct Canvas {
    /// The chart's id, which its title, description and patterns are named after.
    pub(super) id: String,
    size: (u32, u32),
    pub(super) body: String,
    /// For each palette colour: whether an area is hatched in it.
    pub(super) hatched: [bool; PALETTE.len()],
    /// Decimal numbers already written, with their text.
    decimals: Vec<(f64, String)>,
}

impl Canvas {
    pub fn new(id: &str, size: (u32, u32)) -> Self {
        Canvas {
            id: id.to_string(),
            size,
            body: String::with_capacity(8 * 1024),
            hatched: [false; PALETTE.len()],
            decimals: Vec::new(),
        }
    }

    /// The whole canvas as a plotters drawing area.
    pub fn area(&mut self) -> DrawingArea<Backend<'_>, plotters::coord::Shift> {
        Backend { canvas: self }.into_drawing_area()
    }

    pub fn size(&self) -> (u32, u32) {
        self.size
    }

    /// ` name="#RRGGBB"`, or a reference to the hatch pattern for a hatch marker's fill.
    fn colour(&mut self, name: &str, colour: BackendColor) {
        let (r, g, b) = colour.rgb;
        if let Some(i) = super::hatch_index((r, g, b)).filter(|_| name == "fill") {
            self.hatched[i] = true;
            let _ = write!(self.body, " fill=\"url(#{}-hatch-{i})\"", self.id);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            self.attribute(name);
            self.body.push('#');
            for byte in [r, g, b] {
                self.body.push(char::from(HEX[usize::from(byte >> 4)]));
                self.body.push(char::from(HEX[usize::from(byte & 0xf)]));
            }
            self.body.push('"');
        }
    }

    /// Filled in `colour` with no outline, or outlined in it and not filled.
    fn paint(&mut self, colour: BackendColor, fill: bool) {
        if fill {
            self.colour("fill", colour);
            self.body.push_str(" stroke=\"none\"");
        } else {
            self.body.push_str(" fill=\"none\"");
            self.colour("stroke", colour);
        }
    }

    fn opacity(&mut self, colour: BackendColor) {
        self.number("opacity", colour.alpha);
    }

    /// ` name="`, left open for the value.
    fn attribute(&mut self, name: &str) {
        self.body.push(' ');
        self.body.push_str(name);
        self.body.push_str("=\"");
    }

    fn int(&mut self, name: &str, value: impl itoa::Integer) {
        self.attribute(name);
        self.body.push_str(itoa::Buffer::new().format(value));
        self.body.push('"');
    }

    /// A number rounded to two decimals, without trailing zeros: the output must not depend
    /// on the last bits of a float.
    fn number(&mut self, name: &str, value: f64) {
        // reason: only whole numbers well inside i64 take this path
        if value.fract() == 0.0 && value.abs() < 1e15 {
            // Most numbers here are an opacity of 1; formatting a float to two places is slow.
            return self.int(name, value as i64);
        }
        self.attribute(name);
        // The few font sizes come back again and again; each is formatted once.
        if let Some((_, text)) = self
            .decimals
            .iter()
            .find(|(v, _)| v.to_bits() == value.to_bits())
        {
            self.body.push_str(text);
        } else {
            let text = format!("{value:.2}");
            let text = text.trim_end_matches('0').trim_end_matches('.').to_string();
            self.body.push_str(&text);
            self.decimals.push((value, text));
        }
        self.body.push('"');
    }

    fn points(&mut self, path: impl IntoIterator<Item = BackendCoord>) {
        self.body.push_str(" points=\"");
        let mut buffer = itoa::Buffer::new();
        for (x, y) in path {
            self.body.push_str(buffer.format(x));
            self.body.push(',');
            self.body.push_str(buffer.format(y));
            self.body.push(' ');
        }
        self.body.push('"');
    }

    fn open(&mut self, tag: &str) {
        self.body.push('<');
        self.body.push_str(tag);
    }

    fn close(&mut self) {
        self.body.push_str("/>\n");
    }
}

/// The backend plotters draws through; it borrows a [`Canvas`].
pub struct Backend<'a> {
    canvas: &'a mut Canvas,
}

impl Backend<'_> {
    /// The canvas with the element `tag` begun, or `None` for an invisible colour.
    fn element(&mut self, tag: &str, color: BackendColor) -> Option<&mut Canvas> {
        if color.alpha == 0.0 {
            return None;
        }
        self.canvas.open(tag);
        Some(&mut *self.canvas)
    }
}

/// Drawing into a `String` cannot fail; the error type is only what plotters asks for.
type Result = std::result::Result<(), DrawingErrorKind<std::fmt::Error>>;

impl DrawingBackend for Backend<'_> {
    type ErrorType = std::fmt::Error;

    fn get_size(&self) -> (u32, u32) {
        self.canvas.size
    }

    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }

    /// Nothing to present: every element is in the canvas as soon as it is drawn, so the
    /// charts never call this.
    fn present(&mut self) -> Result {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        let Some(c) = self.element("rect", color) else {
            return Ok(());
        };
        c.int("x", point.0);
        c.int("y", point.1);
        c.body.push_str(" width=\"1\" height=\"1\" stroke=\"none\"");
        c.opacity(color);
        c.colour("fill", color);
        c.close();
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result {
        let color = style.color();
        let Some(c) = self.element("line", color) else {
            return Ok(());
        };
        c.opacity(color);
        c.colour("stroke", color);
        c.int("stroke-width", style.stroke_width());
        c.int("x1", from.0);
        c.int("y1", from.1);
        c.int("x2", to.0);
        c.int("y2", to.1);
        c.close();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        let color = style.color();
        let Some(c) = self.element("rect", color) else {
            return Ok(());
        };
        c.int("x", upper_left.0);
        c.int("y", upper_left.1);
        c.int("width", bottom_right.0 - upper_left.0);
        c.int("height", bottom_right.1 - upper_left.1);
        c.opacity(color);
        c.paint(color, fill);
        c.close();
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        let color = style.color();
        let Some(c) = self.element("polyline", color) else {
            return Ok(());
        };
        c.body.push_str(" fill=\"none\"");
        c.opacity(color);
        c.colour("stroke", color);
        c.int("stroke-width", style.stroke_width());
        c.points(path);
        c.close();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        let color = style.color();
        let Some(c) = self.element("circle", color) else {
            return Ok(());
        };
        c.int("cx", center.0);
        c.int("cy", center.1);
        c.int("r", radius);
        c.opacity(color);
        c.paint(color, fill);
        c.int("stroke-width", style.stroke_width());
        c.close();
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        let color = style.color();
        let Some(c) = self.element("polygon", color) else {
            return Ok(());
        };
        c.opacity(color);
        c.colour("fill", color);
        c.points(path);
        c.close();
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Result {
        let color = style.color();
        let anchor = style.anchor();
        let Some(c) = self.element("text", color) else {
            return Ok(());
        };
        c.int("x", x);
        c.int("y", y);
        c.body.push_str(match anchor.v_pos {
            VPos::Top => " dy=\"0.76em\"",
            VPos::Center => " dy=\"0.5ex\"",
            VPos::Bottom => " dy=\"-0.5ex\"",
        });
        c.body.push_str(match anchor.h_pos {
            HPos::Left => " text-anchor=\"start\"",
            HPos::Right => " text-anchor=\"end\"",
            HPos::Center => " text-anchor=\"middle\"",
        });
        c.body.push_str(" font-family=\"");
        push_escaped(&mut c.body, style.family().as_str());
        c.body.push('"');
        // plotters sizes fonts 1.24 times their em; the SVG gets the em.
        c.number("font-size", style.size() / 1.24);
        c.opacity(color);
        c.colour("fill", color);
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => c.body.push_str(" font-weight=\"bold\""),
            other => {
                let _ = write!(c.body, " font-style=\"{}\"", other.as_str());
            }
        }
        let degrees = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            FontTransform::None => None,
        };
        if let Some(degrees) = degrees {
            let _ = write!(c.body, " transform=\"rotate({degrees}, {x}, {y})\"");
        }
        c.body.push_str(">\n");
        push_escaped(&mut c.body, text);
        c.body.push_str("\n</text>\n");
        Ok(())
    }
}

/// Escapes text for SVG content or an attribute value.
fn push_escaped(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['<', '>', '&', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            _ => "&apos;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_rounded_to_two_decimals_without_trailing_zeros() {
        let mut canvas = Canvas::new("c", (10, 10));
        for v in [14.0, 11.5, 11.290_322_580_645_162, 0.125, 13.999_999_999] {
            canvas.number("n", v);
        }
        assert_eq!(
            canvas.body,
            " n=\"14\" n=\"11.5\" n=\"11.29\" n=\"0.12\" n=\"14\""
        );
    }

    #[test]
    fn text_is_escaped_and_hatched_fills_become_pattern_references() {
        let mut canvas = Canvas::new("chart-1", (100, 50));
        {
            let area = canvas.area();
            area.draw(&Rectangle::new(
                [(1, 2), (11, 22)],
                super::super::hatch_marker(PALETTE[2]).filled(),
            ))
            .unwrap();
            area.draw(&Rectangle::new([(1, 2), (11, 22)], PALETTE[0].filled()))
                .unwrap();
            area.draw(&Text::new(
                "<Små & stora>",
                (5, 5),
                ("sans-serif", 15.0).into_font(),
            ))
            .unwrap();
        }
        assert_eq!(
            canvas.hatched,
            [false, false, true, false, false, false, false, false, false]
        );
        assert!(
            canvas
                .body
                .contains("fill=\"url(#chart-1-hatch-2)\" stroke=\"none\""),
            "{}",
            canvas.body
        );
        assert!(canvas.body.contains("fill=\"#0A4F8F\""), "{}", canvas.body);
        assert!(
            canvas.body.contains(">\n&lt;Små &amp; stora&gt;\n</text>"),
            "{}",
            canvas.body
        );
    }
}
