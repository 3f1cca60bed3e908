//! Swedish organisation numbers: normalising the many ways they are written, and the
//! Luhn check on the last digit.

use std::fmt;

/// A valid organisation number, stored as its ten digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrgNumber(String);

/// Why a written organisation number was rejected, in the user's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrgNumberError {
    #[error("organisation number `{0}` contains `{1}`; only digits, spaces and a dash are allowed")]
    BadCharacter(String, char),
    #[error("organisation number `{0}` has {1} digits; it must have 10 (NNNNNN-NNNN)")]
    WrongLength(String, usize),
    #[error(
        "organisation number `{0}` fails the check-digit (Luhn) test; check for a typing error"
    )]
    BadCheckDigit(String),
}

impl OrgNumberError {
    /// The problem as a message in the user's language (its `Display` is the English text).
    pub fn message(&self) -> crate::l10n::Message {
        use crate::msg;
        match self {
            OrgNumberError::BadCharacter(text, c) => {
                msg!("org-number-bad-character", text, character = c.to_string())
            }
            OrgNumberError::WrongLength(text, digits) => {
                msg!("org-number-wrong-length", text, digits = *digits)
            }
            OrgNumberError::BadCheckDigit(text) => msg!("org-number-check-digit", text),
        }
    }
}

/// Characters accepted between digit groups: space, no-break space, hyphen-minus, and the
/// Unicode hyphens and dashes that word processors put into documents.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{a0}'
            | '\u{202f}'
            | '-'
            | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2212}'
    )
}

impl OrgNumber {
    /// Parses an organisation number written with any mix of spaces and dashes.
    pub fn parse(written: &str) -> Result<OrgNumber, OrgNumberError> {
        let mut digits = String::with_capacity(10);
        for c in written.trim().chars() {
            if c.is_ascii_digit() {
                digits.push(c);
            } else if !is_separator(c) {
                return Err(OrgNumberError::BadCharacter(written.to_string(), c));
            }
        }
        if digits.len() != 10 {
            return Err(OrgNumberError::WrongLength(
                written.to_string(),
                digits.len(),
            ));
        }
        if !luhn_valid(&digits) {
            return Err(OrgNumberError::BadCheckDigit(written.to_string()));
        }
        Ok(OrgNumber(digits))
    }

    /// The ten digits without separator, used as a key.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The identifier org-id.guide gives Swedish organisations, which 360Giving and other
    /// open-data standards use: `SE-ON-` and the ten digits, e.g. `SE-ON-2120000746`.
    pub fn org_id(&self) -> String {
        format!("SE-ON-{}", self.0)
    }

    /// What kind of public body the number's first six digits say it is, if they say.
    pub fn public_kind(&self) -> Option<PublicKind> {
        match &self.0[..6] {
            "212000" => Some(PublicKind::Municipality),
            "232100" => Some(PublicKind::Region),
            "202100" => Some(PublicKind::Agency),
            _ => None,
        }
    }
}

/// The kinds of public body whose organisation numbers share their first six digits:
/// 212000 for municipalities, 232100 for regions, 202100 for state agencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicKind {
    Municipality,
    Region,
    Agency,
}

/// Written as it is shown: `802000-1234`.
impl serde::Serialize for OrgNumber {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Display for OrgNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.0[..6], &self.0[6..])
    }
}

/// The Luhn test over all ten digits (weights 2,1,2,1,… from the left).
fn luhn_valid(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            let v = if i % 2 == 0 { d * 2 } else { d };
            if v > 9 { v - 9 } else { v }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_seed_spellings() {
        for written in [
            "212000-0746",
            "21 20 00-0746",
            "83 24 01-3807",
            "232100\u{2010}0255",
            "212000 \u{2013} 1124",
            "8020028711",
        ] {
            assert!(OrgNumber::parse(written).is_ok(), "{written}");
        }
        assert_eq!(
            OrgNumber::parse("21 20 00-0746").unwrap().to_string(),
            "212000-0746"
        );
    }

    #[test]
    fn public_kinds_from_the_first_digits() {
        let kind = |n: &str| OrgNumber::parse(n).unwrap().public_kind();
        assert_eq!(kind("212000-1124"), Some(PublicKind::Municipality));
        assert_eq!(kind("232100-0255"), Some(PublicKind::Region));
        assert_eq!(kind("202100-5000"), Some(PublicKind::Agency));
        assert_eq!(kind("802002-8711"), None);
    }

    #[test]
    fn rejects_bad_numbers() {
        assert_eq!(
            OrgNumber::parse("212000-0747"),
            Err(OrgNumberError::BadCheckDigit("212000-0747".into()))
        );
        assert_eq!(
            OrgNumber::parse("21200-0746"),
            Err(OrgNumberError::WrongLength("21200-0746".into(), 9))
        );
        assert_eq!(
            OrgNumber::parse("212000/0746"),
            Err(OrgNumberError::BadCharacter("212000/0746".into(), '/'))
        );
    }
}
