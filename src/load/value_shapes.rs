//! What the JSON Schemas of the files (`crate::json_schema`) say about values that the
//! reader takes as any scalar and `validate` checks later: dates, years, organisation
//! numbers, and words from a fixed list.
//!
//! The types here are never read into; `load::schema` names them in `#[schemars(with = …)]`.
//! Each schema takes every form of the value that docs/format.md shows, so an editor does not
//! mark what `iopsite check` accepts; `check` has the last word (a real calendar day, the
//! check digit of an organisation number).

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// The key that marks a field whose value is one word from a fixed list. Its value names the
/// list (one of [`words`]); `json_schema` puts the words themselves in, from the enum that
/// `validate` reads the field with, so the list in the schema cannot drift from the reader's.
pub const WORDS_KEY: &str = "x-iopsite-words";

/// The names of the word lists, for [`WORDS_KEY`].
pub mod words {
    /// An agreement's `form`.
    pub const FORM: &str = "form";
    /// A party's `kind`.
    pub const PARTY_KIND: &str = "party_kind";
    /// A decision's `status`.
    pub const DECISION_STATUS: &str = "decision_status";
    /// An outcome's `kind`.
    pub const OUTCOME_KIND: &str = "outcome_kind";
    /// A goal's `basis`.
    pub const GOAL_BASIS: &str = "goal_basis";
    /// Every `language` and `content_language`.
    pub const LANGUAGE: &str = "language";
    /// The open data's `license`.
    pub const LICENSE: &str = "license";
}

/// The years `validate` takes in dates and ranges of years.
const FIRST_YEAR: i64 = 1900;
const LAST_YEAR: i64 = 2200;

/// A type that is only a schema: its [`JsonSchema`] is written where a field names it.
macro_rules! shape {
    ($(#[$doc:meta])* $name:ident, $schema:expr) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name;

        impl JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                $schema
            }
        }
    };
}

shape!(
    /// A date known to the day (`2024-06-20`), the month (`2024-06`) or the year (`2024`).
    When,
    json_schema!({
        "anyOf": [
            {
                "type": "string",
                "pattern": r"^\s*[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\s*$",
                "patternErrorMessage": "write the day (2025-01-31), or only the month (2025-01) or the year (2025)"
            },
            { "type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR }
        ],
        "examples": ["2025-01-31", "2025-01", 2025]
    })
);

shape!(
    /// An end date as [`When`], or the word `unknown`.
    WhenOrUnknown,
    json_schema!({
        "anyOf": [
            {
                "type": "string",
                "pattern": r"^\s*([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|unknown)\s*$",
                "patternErrorMessage": "write the day (2025-01-31), or only the month (2025-01) or the year (2025), or `unknown`"
            },
            { "type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR }
        ],
        "examples": ["2026-12-31", "2026", "unknown"]
    })
);

shape!(
    /// A day, `YYYY-MM-DD`.
    Day,
    json_schema!({
        "type": "string",
        "pattern": r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$",
        "patternErrorMessage": "write the date as YYYY-MM-DD, e.g. 2025-01-31",
        "examples": ["2025-06-30"]
    })
);

shape!(
    /// A year (`2025`) or an inclusive range of years (`2021-2024`, any dash).
    Years,
    json_schema!({
        "anyOf": [
            {
                "type": "string",
                "pattern": r"^\s*[0-9]{4}\s*([-–—]\s*[0-9]{4}\s*)?$",
                "patternErrorMessage": "write a year (2025) or a range of years (2021-2024)"
            },
            { "type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR }
        ],
        "examples": ["2021-2024", 2025]
    })
);

shape!(
    /// A calendar year, as a number.
    Year,
    json_schema!({ "type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR, "examples": [2024] })
);

shape!(
    /// A Swedish organisation number: ten digits, with or without a dash or spaces.
    OrgNumber,
    json_schema!({
        "type": ["string", "integer"],
        "examples": ["212000-0746"]
    })
);
