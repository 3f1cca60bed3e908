//! Alphabetical order as a reader of the content's language expects it: in Swedish, å, ä and
//! ö come after z, and case and accents only break ties (`é` sorts with `e`). The rules are
//! the Unicode Collation Algorithm with CLDR's tailoring for the language, from ICU4X.

use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

use crate::config::Language;

/// Compares names in one language's alphabetical order.
pub struct Collation(Option<CollatorBorrowed<'static>>);

impl Collation {
    pub fn new(language: Language) -> Collation {
        let locale = match language {
            Language::Sv => locale!("sv"),
            Language::En => locale!("en"),
        };
        // The rules are compiled into the binary, so this does not fail; were they missing,
        // names would sort by code point rather than stop the build.
        Collation(Collator::try_new(locale.into(), CollatorOptions::default()).ok())
    }

    pub fn cmp(&self, a: &str, b: &str) -> Ordering {
        match &self.0 {
            Some(collator) => collator.compare(a, b),
            None => a.cmp(b),
        }
    }

    /// Sorts `items` by the name `name` gives, ties in the order they came.
    pub fn sort_by_name<'n, T>(&self, items: &mut [T], name: impl Fn(&T) -> &'n str) {
        items.sort_by(|a, b| self.cmp(name(a), name(b)));
    }
}

impl std::fmt::Debug for Collation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Collation")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_order() {
        let order = Collation::new(Language::Sv);
        let mut names = [
            "Örebro kommun",
            "Åre kommun",
            "Zinkgruvan",
            "Älvsbyns kommun",
            "alingsås kommun",
            "Alvesta kommun",
            "Émile",
            "Eslöv",
        ];
        order.sort_by_name(&mut names, |s| *s);
        assert_eq!(
            names,
            [
                "alingsås kommun",
                "Alvesta kommun",
                "Émile",
                "Eslöv",
                "Zinkgruvan",
                "Åre kommun",
                "Älvsbyns kommun",
                "Örebro kommun",
            ]
        );
    }

    #[test]
    fn english_order_keeps_accented_letters_with_their_base() {
        let order = Collation::new(Language::En);
        let mut names = ["Zeta", "Åre", "Alpha"];
        order.sort_by_name(&mut names, |s| *s);
        assert_eq!(names, ["Alpha", "Åre", "Zeta"]);
    }
}
