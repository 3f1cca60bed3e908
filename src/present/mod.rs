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

/// Money for display: published kronor and whether some of it is not published.
#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq, Eq)]
pub struct Money {
    pub kronor: i64,
    pub unpublished: bool,
}

impl From<Sum> for Money {
    fn from(s: Sum) -> Self {
        Money {
            kronor: s.kronor,
            unpublished: s.unpublished > 0,
        }
    }
}

impl From<Amount> for Money {
    fn from(a: Amount) -> Self {
        match a {
            Amount::Kronor(k) => Money {
                kronor: k,
                unpublished: false,
            },
            Amount::Unpublished => Money {
                kronor: 0,
                unpublished: true,
            },
        }
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money {
            kronor: self.kronor + o.kronor,
            unpublished: self.unpublished || o.unpublished,
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
