//! Messages to the user in their language (Swedish or English), from one Fluent catalogue per
//! language (`locales/sv/iopsite.ftl`, `locales/en/iopsite.ftl`, compiled into the binary).
//!
//! A problem is recorded as a [`Message`]: a stable code (the catalogue's message id, such as
//! `date-invalid`) and its arguments. It is turned into words only when it is shown, in the
//! language chosen then, so a problem found before `site.yaml` is read still comes out in the
//! site's language. Plural forms come from the catalogues' selectors (`1 varning`,
//! `2 varningar`), never from code.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use crate::config::Language;

/// The Swedish catalogue.
pub const SV_FTL: &str = include_str!("../locales/sv/iopsite.ftl");
/// The English catalogue.
pub const EN_FTL: &str = include_str!("../locales/en/iopsite.ftl");

/// One argument of a message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    /// Text shown as it is (a key, a value as written, a path, a parser's own words).
    Text(String),
    /// A count or other whole number; the catalogues choose plural forms by it.
    Number(i64),
    /// Another message, shown in the same language (a field's name, a word's meaning).
    Message(Box<Message>),
    /// Several arguments shown one after another with a separator (`, ` or `; `).
    List(Vec<Arg>, &'static str),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_string())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Self {
        Arg::Message(Box::new(message))
    }
}

/// A list separated by `, `.
impl From<Vec<Arg>> for Arg {
    fn from(list: Vec<Arg>) -> Self {
        Arg::List(list, ", ")
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(i32, i64, u8, u16, u32, u64, usize);

/// A message to the user: its code in the catalogues and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    /// The Fluent message id, stable across releases (tools may match on it).
    pub code: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// A [`Message`] with its arguments: `msg!("goal-unknown", number = 18)`, or
/// `msg!("date-invalid", text)` for an argument named like the variable that holds it.
#[macro_export]
macro_rules! msg {
    ($code:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::l10n::Message::new($code)$(.arg(stringify!($name), $crate::msg!(@value $name $(= $value)?)))*
    };
    (@value $name:ident = $value:expr) => { $value };
    (@value $name:ident) => { $name };
}

impl Message {
    pub fn new(code: &'static str) -> Self {
        Message {
            code,
            args: Vec::new(),
        }
    }

    /// Adds the argument `name` (`$name` in the catalogues).
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message in `language`.
    pub fn render(&self, language: Language) -> String {
        render(language, self)
    }
}

/// The message in English.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Language::En))
    }
}

fn bundle(language: Language) -> &'static FluentBundle<FluentResource> {
    static SV: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let (cell, text) = match language {
        Language::Sv => (&SV, SV_FTL),
        Language::En => (&EN, EN_FTL),
    };
    cell.get_or_init(|| {
        let id = language
            .code()
            .parse()
            .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // A terminal shows Unicode isolation marks as odd characters or not at all.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(match language {
            Language::Sv => format_sv,
            Language::En => format_en,
        }));
        // A broken catalogue is caught by the tests (`catalogues_parse`); here the messages
        // that did parse are still used.
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(res, _)| res);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// Whole numbers from 10,000 up in groups of three (`12 500` in Swedish, `12,500` in English);
/// smaller ones, years among them, as plain digits.
fn group(value: &FluentValue, separator: char) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let n = number.value;
    if n.fract() != 0.0 || n.abs() < 10_000.0 || n.abs() >= 1e18 {
        return None;
    }
    // A whole number below 10^18 fits an i64 exactly.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "checked to be whole and in range just above"
    )]
    let digits = (n.abs() as i64).to_string();
    let mut out = String::new();
    if n < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    Some(out)
}

fn format_sv<M>(value: &FluentValue, _: &M) -> Option<String> {
    group(value, ' ')
}

fn format_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    group(value, ',')
}

/// `message` in `language`; a problem in the catalogue (a missing message or argument) is
/// returned as an error listing what went wrong, with the text made so far.
pub fn try_render(language: Language, message: &Message) -> Result<String, String> {
    let bundle = bundle(language);
    let Some(pattern) = bundle.get_message(message.code).and_then(|m| m.value()) else {
        return Err(format!("no message `{}`", message.code));
    };
    let mut args = FluentArgs::with_capacity(message.args.len());
    let mut problems = Vec::new();
    for (name, value) in &message.args {
        let value = match value {
            Arg::Number(n) => FluentValue::from(*n),
            other => FluentValue::from(arg_text(language, other, &mut problems)),
        };
        args.set(*name, value);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
    problems.extend(errors.iter().map(|e| format!("{}: {e}", message.code)));
    if problems.is_empty() {
        Ok(text.into_owned())
    } else {
        Err(format!("{}: {}", problems.join("; "), text))
    }
}

fn arg_text(language: Language, arg: &Arg, problems: &mut Vec<String>) -> String {
    match arg {
        Arg::Text(text) => text.clone(),
        Arg::Number(n) => n.to_string(),
        Arg::Message(message) => try_render(language, message).unwrap_or_else(|problem| {
            problems.push(problem);
            message.code.to_string()
        }),
        Arg::List(items, separator) => items
            .iter()
            .map(|item| arg_text(language, item, problems))
            .collect::<Vec<_>>()
            .join(separator),
    }
}

/// `message` in `language`. A message the catalogue lacks (which the tests rule out) shows
/// its code and arguments rather than nothing.
pub fn render(language: Language, message: &Message) -> String {
    match try_render(language, message) {
        Ok(text) => text,
        Err(_) => {
            let bundle = bundle(language);
            if bundle.has_message(message.code) {
                // Made, with a placeholder where an argument was missing.
                let mut problems = Vec::new();
                let args: Vec<String> = message
                    .args
                    .iter()
                    .map(|(n, v)| format!("{n}={}", arg_text(language, v, &mut problems)))
                    .collect();
                format!("{} ({})", message.code, args.join(", "))
            } else {
                message.code.to_string()
            }
        }
    }
}

/// The language to speak in: `--lang` if given, else the `language` of the site's
/// `site.yaml` if it could be read (see [`crate::load::site_language`]), else Swedish, the
/// language of the people who keep these sites.
pub fn choose(flag: Option<Language>, site: Option<Language>) -> Language {
    flag.or(site).unwrap_or(Language::Sv)
}

/// The message ids of a catalogue, in the order written: every line that starts with an
/// identifier and ` =` (attributes, terms and comments start otherwise).
pub fn ids(ftl: &str) -> Vec<&str> {
    ftl.lines()
        .filter_map(|line| {
            let (id, _) = line.split_once(" =")?;
            let mut chars = id.chars();
            let first = chars.next()?;
            (first.is_ascii_alphabetic()
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .then_some(id)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogues_parse() {
        for (name, text) in [("sv", SV_FTL), ("en", EN_FTL)] {
            if let Err((_, errors)) = FluentResource::try_new(text.to_string()) {
                panic!("{name} catalogue: {errors:?}");
            }
        }
    }

    #[test]
    fn plural_forms() {
        let count = |n: usize| msg!("summary-counts", errors = n, warnings = n);
        assert_eq!(render(Language::En, &count(1)), "1 error, 1 warning");
        assert_eq!(render(Language::En, &count(2)), "2 errors, 2 warnings");
        assert_eq!(render(Language::Sv, &count(1)), "1 fel, 1 varning");
        assert_eq!(render(Language::Sv, &count(2)), "2 fel, 2 varningar");
        assert_eq!(render(Language::Sv, &count(0)), "0 fel, 0 varningar");
    }

    #[test]
    fn large_numbers_are_grouped_years_are_not() {
        let m = |n: i64| msg!("content-file-grew", limit = n);
        assert_eq!(
            render(Language::Sv, &m(2_000_000)),
            "är större än 2 000 000; innehållsfiler får vara högst så stora"
        );
        assert!(render(Language::En, &m(2_000_000)).contains(" 2,000,000;"));
        assert!(render(Language::En, &m(2025)).contains(" 2025;"));
        assert!(render(Language::Sv, &m(-12_500)).contains(" -12 500;"));
    }

    #[test]
    fn nested_and_lists() {
        let m = msg!(
            "vocabulary-unknown",
            what = msg!("field-form"),
            text = "x",
            words = vec![Arg::from("a"), Arg::from("b")]
        );
        assert_eq!(
            render(Language::En, &m),
            "form `x` is unknown; use one of: a, b"
        );
    }

    #[test]
    fn unknown_codes_do_not_vanish() {
        assert_eq!(
            render(Language::Sv, &Message::new("no-such-id")),
            "no-such-id"
        );
        assert!(try_render(Language::Sv, &Message::new("no-such-id")).is_err());
    }
}
