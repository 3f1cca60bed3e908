//! Fields with a closed set of words (`form`, `kind`, `status`, `basis`, and `language` in
//! `site.yaml`): the words, and the list of them in an error, come from the enum (in `types`,
//! or `config::Language`), so a new variant is accepted and named in messages without another
//! list to keep in step.

use std::str::FromStr;

use strum::{EnumMessage, VariantArray};

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::l10n::{Arg, Message};
use crate::load::scalar::{Spanned, position};
use crate::msg;

/// Reads `value` as one of `T`'s words, exactly as written (lower-case, no spaces around).
/// Anything else is an error at the value that lists the valid words; `what` names the field
/// as the user knows it (`msg!("field-form")`).
pub(crate) fn word<T>(
    file: &SourceFile,
    value: &Spanned<String>,
    what: Message,
    diags: &mut Diagnostics,
) -> Option<T>
where
    T: FromStr + VariantArray + EnumMessage + AsRef<str>,
{
    let text = value.value.as_str();
    let parsed = T::from_str(text).ok();
    if parsed.is_none() {
        let (line, col) = position(value);
        diags.error(file, line, col, unknown_word::<T>(what, text));
    }
    parsed
}

/// "form `x` is unknown; use one of: iop, operating_grant, other", with a variant's meaning
/// in brackets after its word where it has one: its strum `message` is the id of the meaning
/// in the message catalogues.
fn unknown_word<T>(what: Message, text: &str) -> Message
where
    T: VariantArray + EnumMessage + AsRef<str>,
{
    let words: Vec<Arg> = T::VARIANTS
        .iter()
        .map(|v| match v.get_message() {
            Some(meaning) => msg!(
                "vocabulary-word-meaning",
                word = v.as_ref(),
                meaning = Message::new(meaning)
            )
            .into(),
            None => Arg::from(v.as_ref()),
        })
        .collect();
    msg!("vocabulary-unknown", what, text, words)
}

#[cfg(test)]
mod tests {
    use std::fmt::Debug;

    use serde::Serialize;

    use super::*;
    use crate::validate::types::{DecisionStatus, Form, GoalBasis, OutcomeKind, PartyKind};

    /// The message for a wrong word names every variant, each word it names is accepted, and
    /// the word read is the word serde writes (the site's output depends on the latter).
    fn check_vocabulary<T>(field: Message, what: &str)
    where
        T: FromStr + VariantArray + EnumMessage + AsRef<str> + Serialize + PartialEq + Debug,
    {
        let message = unknown_word::<T>(field, "nonsense").to_string();
        assert!(
            message.starts_with(&format!("{what} `nonsense` is unknown; use one of: ")),
            "{message}"
        );
        for variant in T::VARIANTS {
            let word = variant.as_ref();
            assert!(
                message.contains(word),
                "`{word}` is missing from: {message}"
            );
            assert_eq!(T::from_str(word).ok().as_ref(), Some(variant));
            let written = serde_json::to_string(variant).expect("a unit variant serialises");
            assert_eq!(written, format!("\"{word}\""));
        }
        assert!(T::from_str("nonsense").is_err());
    }

    #[test]
    fn form_message_lists_every_form() {
        check_vocabulary::<Form>(msg!("field-form"), "form");
        assert_eq!(
            unknown_word::<Form>(msg!("field-form"), "x").to_string(),
            "form `x` is unknown; use one of: iop, operating_grant, other"
        );
    }

    #[test]
    fn party_kind_message_lists_every_kind() {
        check_vocabulary::<PartyKind>(msg!("field-party-kind"), "party kind");
    }

    #[test]
    fn decision_status_message_lists_every_status() {
        check_vocabulary::<DecisionStatus>(msg!("field-status"), "status");
        check_vocabulary::<OutcomeKind>(msg!("field-outcome-kind"), "outcome kind");
    }

    #[test]
    fn site_language_message_lists_every_language() {
        check_vocabulary::<crate::config::Language>(msg!("field-language"), "language");
    }

    #[test]
    fn goal_basis_message_lists_every_basis_with_its_meaning() {
        check_vocabulary::<GoalBasis>(msg!("field-basis"), "basis");
        assert_eq!(
            unknown_word::<GoalBasis>(msg!("field-basis"), "x").to_string(),
            "basis `x` is unknown; use one of: named (in the agreement text), assessed (by the publisher)"
        );
    }

    #[test]
    fn words_are_exact() {
        // Matching stays as strict as before strum: no other case, no padding.
        assert!(Form::from_str("IOP").is_err());
        assert!(Form::from_str(" iop").is_err());
        assert_eq!(Form::from_str("operating_grant"), Ok(Form::OperatingGrant));
    }
}
