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
