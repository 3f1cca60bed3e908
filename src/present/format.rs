//! Formatting of numbers and money for the reader: Swedish "1 070 000 kr" with no-break
//! spaces and decimal comma, or English "SEK 1,070,000".

use crate::config::Language;

const NBSP: char = '\u{a0}';

/// Groups the digits of a whole number in threes.
pub fn group(n: i64, language: Language) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = match language {
        Language::Sv => NBSP,
        Language::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('−');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Whole kronor: "1 070 000 kr" or "SEK 1,070,000".
pub fn kronor(n: i64, language: Language) -> String {
    match language {
        Language::Sv => format!("{}{NBSP}kr", group(n, language)),
        Language::En => format!("SEK{NBSP}{}", group(n, language)),
    }
}

/// Short money for one label on its own: "1,07 mn kr", "650 tkr", "SEK 1.07m", "SEK 650k";
/// below ten thousand kronor the full amount. Labels that stand together (a chart) use
/// one [`KronorScale`] for all of them instead.
pub fn compact_kronor(n: i64, language: Language) -> String {
    KronorScale::for_max(n).kronor(n, language)
}

/// The one unit of the short money labels of a chart, chosen from its largest amount so
/// that every label of the chart reads alike: "0,8 mn kr" beside "1,45 mn kr", never
/// "800 tkr" beside "1,45 mn kr" or "3 000 000 kr".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KronorScale {
    /// Whole kronor: "9 500 kr".
    Kronor,
    /// Thousands: "650 tkr", "SEK 650k".
    Thousands,
    /// Millions, up to two decimals: "1,45 mn kr", "SEK 1.45m".
    Millions,
    /// Billions, up to two decimals: "2,4 md kr", "SEK 2.4bn".
    Billions,
}

impl KronorScale {
    /// The scale for labels whose largest amount (by size) is `max`.
    pub fn for_max(max: i64) -> KronorScale {
        match max.unsigned_abs() {
            1_000_000_000.. => KronorScale::Billions,
            1_000_000.. => KronorScale::Millions,
            10_000.. => KronorScale::Thousands,
            _ => KronorScale::Kronor,
        }
    }

    /// The scale for all of `amounts`.
    pub fn for_all(amounts: impl IntoIterator<Item = i64>) -> KronorScale {
        KronorScale::for_max(amounts.into_iter().map(i64::abs).max().unwrap_or(0))
    }

    /// `n` in this scale: the short form of money.
    pub fn kronor(self, n: i64, language: Language) -> String {
        // reason: kronor amounts are far below 2^52
        let x = n as f64;
        let (scaled, decimals, sv, en) = match self {
            KronorScale::Billions => (x / 1e9, 2, "md\u{a0}kr", "bn"),
            KronorScale::Millions => (x / 1e6, 2, "mn\u{a0}kr", "m"),
            KronorScale::Thousands => (x / 1e3, 0, "tkr", "k"),
            KronorScale::Kronor => return kronor(n, language),
        };
        let text = format!("{scaled:.decimals$}");
        let text = if decimals > 0 {
            text.trim_end_matches('0').trim_end_matches('.')
        } else {
            &text
        };
        let value = number(text.parse().unwrap_or(scaled), language);
        match language {
            Language::Sv => format!("{value}{NBSP}{sv}"),
            Language::En => format!("SEK{NBSP}{value}{en}"),
        }
    }
}

/// A statistic: whole numbers grouped, fractions with up to two decimals
/// (decimal comma in Swedish).
pub fn number(x: f64, language: Language) -> String {
    if x.fract() == 0.0 && x.abs() < 9e15 {
        // reason: checked above that x is whole and in range
        return group(x as i64, language);
    }
    let text = format!("{x:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let whole: i64 = whole.parse().unwrap_or(0);
    let mut out = if x < 0.0 && whole == 0 {
        "−0".to_string()
    } else {
        group(whole, language)
    };
    if !frac.is_empty() {
        out.push(if language == Language::Sv { ',' } else { '.' });
        out.push_str(frac);
    }
    out
}

/// The size of a file as readers know it, in decimal units: "850 byte", "12 kB",
/// "1,2 MB" ("850 bytes", "1.2 MB" in English); one decimal below ten, whole numbers above.
pub fn file_size(bytes: u64, language: Language) -> String {
    if bytes < 1000 {
        let word = match (language, bytes) {
            (Language::Sv, _) | (Language::En, 1) => "byte",
            (Language::En, _) => "bytes",
        };
        return format!("{bytes}{NBSP}{word}");
    }
    // Rounded half up, from the exact size: in tenths below ten units, else whole units; a
    // size that rounds to 1000 of a unit is shown in the next.
    let round = |n: u128, d: u128| (2 * n + d) / (2 * d);
    let bytes = u128::from(bytes);
    let (unit, divisor) = if round(bytes, 1_000_000) >= 1000 {
        ("GB", 1_000_000_000)
    } else if round(bytes, 1000) >= 1000 {
        ("MB", 1_000_000)
    } else {
        ("kB", 1000)
    };
    let tenths = round(bytes * 10, divisor);
    if tenths < 100 {
        let sep = if language == Language::Sv { ',' } else { '.' };
        format!("{}{sep}{}{NBSP}{unit}", tenths / 10, tenths % 10)
    } else {
        format!("{}{NBSP}{unit}", round(bytes, divisor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_money() {
        assert_eq!(
            kronor(1_070_000, Language::Sv),
            "1\u{a0}070\u{a0}000\u{a0}kr"
        );
        assert_eq!(kronor(650_000, Language::Sv), "650\u{a0}000\u{a0}kr");
        assert_eq!(kronor(0, Language::Sv), "0\u{a0}kr");
        assert_eq!(kronor(999, Language::Sv), "999\u{a0}kr");
    }

    #[test]
    fn english_money() {
        assert_eq!(kronor(1_070_000, Language::En), "SEK\u{a0}1,070,000");
    }

    #[test]
    fn compact_money() {
        assert_eq!(
            compact_kronor(1_070_000, Language::Sv),
            "1,07\u{a0}mn\u{a0}kr"
        );
        assert_eq!(compact_kronor(5_000_000, Language::Sv), "5\u{a0}mn\u{a0}kr");
        assert_eq!(compact_kronor(650_000, Language::Sv), "650\u{a0}tkr");
        assert_eq!(compact_kronor(9_500, Language::Sv), "9\u{a0}500\u{a0}kr");
        assert_eq!(
            compact_kronor(2_400_000_000, Language::Sv),
            "2,4\u{a0}md\u{a0}kr"
        );
        assert_eq!(compact_kronor(1_070_000, Language::En), "SEK\u{a0}1.07m");
        assert_eq!(compact_kronor(650_000, Language::En), "SEK\u{a0}650k");
    }

    #[test]
    fn one_scale_for_a_chart() {
        let scale = KronorScale::for_all([800_000, 1_450_000, 3_000_000]);
        let sv = |n| scale.kronor(n, Language::Sv).replace('\u{a0}', " ");
        assert_eq!(sv(800_000), "0,8 mn kr");
        assert_eq!(sv(1_450_000), "1,45 mn kr");
        assert_eq!(sv(3_000_000), "3 mn kr");
        assert_eq!(
            scale.kronor(800_000, Language::En).replace('\u{a0}', " "),
            "SEK 0.8m"
        );
        let small = KronorScale::for_all([650_000, 9_500]);
        assert_eq!(small.kronor(9_500, Language::Sv), "10\u{a0}tkr");
        assert_eq!(KronorScale::for_all([]), KronorScale::Kronor);
    }

    #[test]
    fn statistics() {
        assert_eq!(number(400.0, Language::Sv), "400");
        assert_eq!(number(12_500.0, Language::Sv), "12\u{a0}500");
        assert_eq!(number(2.5, Language::Sv), "2,5");
        assert_eq!(number(2.5, Language::En), "2.5");
        assert_eq!(number(1234.126, Language::En), "1,234.13");
    }

    #[test]
    fn file_sizes() {
        let sv = |b| file_size(b, Language::Sv).replace('\u{a0}', " ");
        let en = |b| file_size(b, Language::En).replace('\u{a0}', " ");
        assert_eq!(sv(0), "0 byte");
        assert_eq!(en(1), "1 byte");
        assert_eq!(en(999), "999 bytes");
        assert_eq!(sv(1000), "1,0 kB");
        assert_eq!(sv(11_666), "12 kB");
        assert_eq!(sv(8_583), "8,6 kB");
        assert_eq!(en(8_583), "8.6 kB");
        assert_eq!(sv(245_400), "245 kB");
        assert_eq!(sv(999_499), "999 kB");
        assert_eq!(sv(999_950), "1,0 MB");
        assert_eq!(sv(9_940), "9,9 kB");
        assert_eq!(sv(9_960), "10 kB");
        assert_eq!(sv(1_234_567), "1,2 MB");
        assert_eq!(en(1_250_000), "1.3 MB");
        assert_eq!(en(64 * 1024 * 1024), "67 MB");
        assert_eq!(en(17_000_000_000_000), "17000 GB");
    }
}
