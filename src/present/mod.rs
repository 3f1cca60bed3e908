//! Turning values into what a reader sees: Markdown into HTML, money and numbers into
//! Swedish or English text, funding into SVG charts, names into URLs, and the interface
//! strings of the theme.

pub mod charts;
pub mod format;
pub mod i18n;
pub mod markdown;
pub mod urls;

use serde::Serialize;

use crate::model::site::Sum;
use crate::model::types::Amount;

/// Money for display: the known kronor, and whether part of it (or all) is not published
/// or not known; with either, `kronor` is only "at least".
#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq, Eq)]
pub struct Money {
    pub kronor: i64,
    pub unpublished: bool,
    pub unknown: bool,
    /// Some part of it is known (else `kronor` is 0 and says nothing).
    pub known: bool,
}

impl Money {
    /// Every part is known.
    pub fn is_complete(self) -> bool {
        !self.unpublished && !self.unknown
    }
}

impl From<Sum> for Money {
    fn from(s: Sum) -> Self {
        Money {
            kronor: s.kronor,
            unpublished: s.unpublished > 0,
            unknown: s.unknown > 0,
            known: s.has_known(),
        }
    }
}

impl From<Amount> for Money {
    fn from(a: Amount) -> Self {
        let mut sum = Sum::default();
        sum.add(a);
        sum.into()
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money {
            kronor: self.kronor + o.kronor,
            unpublished: self.unpublished || o.unpublished,
            unknown: self.unknown || o.unknown,
            known: self.known || o.known,
        }
    }
}

/// `text` with the five XML special characters escaped and the control characters XML
/// does not allow left out.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}
