//! Folding and splitting text into the words the index and the reader's query share.
//!
//! `search.js` does the same to what the reader types; the two must agree character for
//! character, so each step here names its counterpart in the script.

use unicode_normalization::char::decompose_canonical;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// Lower case without diacritics, so "Malmö" and "malmo", "Väntjänsten" and "VANTJANSTEN"
/// are one word. The script's `s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()`:
/// NFD is each character's canonical decomposition with the marks put in a fixed order, and
/// as the marks are dropped, their order does not matter. ASCII, most of any text, has
/// neither decomposition nor marks.
pub fn fold(text: &str) -> String {
    let mut bare = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            bare.push(c);
        } else {
            decompose_canonical(c, |d| {
                if d.general_category_group() != GeneralCategoryGroup::Mark {
                    bare.push(d);
                }
            });
        }
    }
    bare.to_lowercase()
}

/// The dashes that may sit inside a number such as an organisation number (`802000-1234`,
/// or with the en dash a word processor puts there). The script's `[-\u2010-\u2014\u2212]`.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2014}' | '\u{2212}')
}

/// A character of a word. The script's `[\p{Alphabetic}\p{N}]`.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric()
}

/// The folded words of `text`: runs of letters and digits, where a dash between two ASCII
/// digits is dropped, so an organisation number is one word typed with or without its dash.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each of the folded words of `text` (see [`words`]), without a string for
/// each: an index of a large site folds millions of them.
pub fn each_word(text: &str, mut f: impl FnMut(&str)) {
    let folded = fold(text);
    let mut word = String::new();
    let mut previous = ' ';
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        if is_word_char(c) {
            word.push(c);
        } else {
            let joins = is_dash(c)
                && previous.is_ascii_digit()
                && chars.peek().is_some_and(char::is_ascii_digit);
            if !joins && !word.is_empty() {
                f(&word);
                word.clear();
            }
        }
        previous = c;
    }
    if !word.is_empty() {
        f(&word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Malmö Stad"), "malmo stad");
        assert_eq!(fold("VÄNTJÄNSTEN"), "vantjansten");
        assert_eq!(
            fold("Göteborg, Norrköping, Café, Über"),
            "goteborg, norrkoping, cafe, uber"
        );
        // Letters that are not a base letter with a mark stay as they are, as in the browser.
        assert_eq!(fold("Ærø Straße"), "ærø straße");
    }

    #[test]
    fn splits_into_words_and_joins_numbers() {
        assert_eq!(
            words("Röda Korset – barn (802000-1234)"),
            ["roda", "korset", "barn", "8020001234"]
        );
        assert_eq!(words("802000\u{2013}1234"), ["8020001234"]);
        assert_eq!(words("a-b 12 - 34"), ["a", "b", "12", "34"]);
        assert_eq!(words("  "), Vec::<String>::new());
    }
}
