//! Scalar types for YAML fields whose meaning is checked later, in `validate`, so the user
//! gets a message in their words with a position instead of a generic type error.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::diagnostics::SourceFile;

/// A value with the place in the file where it was written, for messages about it.
///
/// The parser's own `Spanned`, read through, so that the JSON Schemas of the files
/// (`crate::json_schema`) can describe it as the plain value it is in the YAML.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    pub value: T,
    /// Where the value is used (an alias's place, for a value written once and aliased).
    pub referenced: serde_saphyr::Location,
    /// Where the value is written.
    pub defined: serde_saphyr::Location,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let serde_saphyr::Spanned {
            value,
            referenced,
            defined,
        } = serde_saphyr::Spanned::deserialize(deserializer)?;
        Ok(Spanned {
            value,
            referenced,
            defined,
        })
    }
}

/// In the YAML a spanned value is just the value.
impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// Any YAML scalar, kept as the text the user wrote. Used for dates, years and organisation
/// numbers, which editors write both quoted and unquoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a single value (text or number)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// Any scalar. The fields that hold a [`Text`] say in their schema what it must look like
/// (see `value_shapes`).
impl JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number", "boolean"] })
    }
}

/// An amount as written: whole kronor, or the word `unpublished` or `unknown`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountText {
    Kronor(i128),
    Unpublished,
    Unknown,
    /// Anything else; `validate` explains what is wrong with it.
    Invalid(String),
}

impl AmountText {
    /// The word for an amount the publisher has but does not publish.
    pub const UNPUBLISHED: &str = "unpublished";
    /// The word for an amount the publisher does not know.
    pub const UNKNOWN: &str = "unknown";
}

/// Whole kronor or one of the two words; `validate` also refuses a negative or absurd sum.
impl JsonSchema for AmountText {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "integer", "minimum": 0 },
                { "type": "string", "enum": [AmountText::UNPUBLISHED, AmountText::UNKNOWN] }
            ],
            "examples": [650000, AmountText::UNPUBLISHED, AmountText::UNKNOWN]
        })
    }
}

impl<'de> Deserialize<'de> for AmountText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AmountVisitor;
        impl Visitor<'_> for AmountVisitor {
            type Value = AmountText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("whole kronor (e.g. 650000) or the word `unpublished` or `unknown`")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<AmountText, E> {
                Ok(AmountText::Kronor(i128::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<AmountText, E> {
                Ok(AmountText::Kronor(i128::from(v)))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<AmountText, E> {
                Ok(AmountText::Kronor(v))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<AmountText, E> {
                Ok(AmountText::Kronor(i128::try_from(v).unwrap_or(i128::MAX)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<AmountText, E> {
                Ok(AmountText::Invalid(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AmountText, E> {
                match v.trim() {
                    AmountText::UNPUBLISHED => Ok(AmountText::Unpublished),
                    AmountText::UNKNOWN => Ok(AmountText::Unknown),
                    _ => Ok(AmountText::Invalid(v.to_string())),
                }
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<AmountText, E> {
                Ok(AmountText::Invalid(v.to_string()))
            }
        }
        deserializer.deserialize_any(AmountVisitor)
    }
}

/// Where in `yaml` each scalar value is written, as byte ranges in document order: every
/// value of every mapping and list, but no key and no comment. Empty if `yaml` does not parse.
///
/// A check that looks for words in the text (see `validate::placeholders`) uses it to tell a
/// value from a comment without knowing the file's schema.
pub fn value_ranges(yaml: &str) -> Vec<std::ops::Range<usize>> {
    serde_saphyr::from_str::<ValueNode>(yaml)
        .map(|node| node.0)
        .unwrap_or_default()
}

/// Any YAML node, reduced to the byte ranges of the scalar values in it.
struct ValueNode(Vec<std::ops::Range<usize>>);

/// A node's content before its own position is known: a scalar marks itself with `None`.
struct NodeContent(Vec<Option<std::ops::Range<usize>>>);

impl<'de> Deserialize<'de> for ValueNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<NodeContent>::deserialize(deserializer)?;
        let span = spanned.referenced.span();
        let own = span
            .byte_offset()
            .zip(span.byte_len())
            .and_then(|(start, len)| {
                let start = usize::try_from(start).ok()?;
                Some(start..start.checked_add(usize::try_from(len).ok()?)?)
            });
        let ranges = spanned
            .value
            .0
            .into_iter()
            .filter_map(|range| range.or_else(|| own.clone()))
            .collect();
        Ok(ValueNode(ranges))
    }
}

impl<'de> Deserialize<'de> for NodeContent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        fn scalar<E>() -> Result<NodeContent, E> {
            Ok(NodeContent(vec![None]))
        }
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = NodeContent;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<NodeContent, E> {
                scalar()
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<NodeContent, E> {
                scalar()
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<NodeContent, E> {
                scalar()
            }
            fn visit_i128<E: de::Error>(self, _: i128) -> Result<NodeContent, E> {
                scalar()
            }
            fn visit_u128<E: de::Error>(self, _: u128) -> Result<NodeContent, E> {
                scalar()
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<NodeContent, E> {
                scalar()
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<NodeContent, E> {
                scalar()
            }
            fn visit_unit<E: de::Error>(self) -> Result<NodeContent, E> {
                Ok(NodeContent(Vec::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<NodeContent, E> {
                Ok(NodeContent(Vec::new()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<NodeContent, A::Error> {
                let mut ranges = Vec::new();
                while let Some(ValueNode(inner)) = seq.next_element()? {
                    ranges.extend(inner.into_iter().map(Some));
                }
                Ok(NodeContent(ranges))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<NodeContent, A::Error> {
                let mut ranges = Vec::new();
                while let Some((de::IgnoredAny, ValueNode(inner))) = map.next_entry()? {
                    ranges.extend(inner.into_iter().map(Some));
                }
                Ok(NodeContent(ranges))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// 1-based line and column of a spanned value, as the parser reported them.
pub fn position<T>(spanned: &Spanned<T>) -> (usize, usize) {
    let loc = spanned.referenced;
    (
        usize::try_from(loc.line()).unwrap_or(0),
        usize::try_from(loc.column()).unwrap_or(0),
    )
}

/// The scalar that starts at 1-based `column` (in characters) of `line`, as the editor wrote
/// it: without its quotes, a trailing comment or trailing spaces. `None` if nothing is there.
///
/// A parsed value can differ from what was written (`500.000` is read as the number 500), and
/// a message should quote what the editor sees in the file.
pub fn written_at(line: &str, column: usize) -> Option<String> {
    let start = line
        .char_indices()
        .nth(column.checked_sub(1)?)
        .map(|(i, _)| i)?;
    let rest = &line[start..];
    let text = match rest.chars().next()? {
        quote @ ('"' | '\'') => rest[1..].split(quote).next().unwrap_or(""),
        _ => rest.split(" #").next().unwrap_or(rest).trim_end(),
    };
    (!text.trim().is_empty()).then(|| text.to_string())
}

/// [`written_at`] for the position of `value` in `file`.
pub fn as_written<T>(file: &SourceFile, value: &Spanned<T>) -> Option<String> {
    let (line, column) = position(value);
    if line == 0 {
        return None;
    }
    written_at(&file.line_text(line + file.line_offset)?, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_as_written() {
        assert_eq!(
            written_at("    amount: 500.000", 13).as_deref(),
            Some("500.000")
        );
        assert_eq!(
            written_at("year: 2024/2025 # två", 7).as_deref(),
            Some("2024/2025")
        );
        assert_eq!(written_at("  x: \"3,5\" # c", 6).as_deref(), Some("3,5"));
        assert_eq!(written_at("  x: 'ja'", 6).as_deref(), Some("ja"));
        assert_eq!(
            written_at("  - goal: jämställdhet", 11).as_deref(),
            Some("jämställdhet")
        );
        assert_eq!(written_at("å: ö", 4).as_deref(), Some("ö"));
        assert_eq!(written_at("x:", 3), None);
        assert_eq!(written_at("x: 1", 0), None);
    }

    #[test]
    fn value_ranges_leave_out_keys_and_comments() {
        let yaml = "title: För NAMN # NAMN\nsummary: >-\n  Två\n  rader.\n# list:\nlist: [a, \"b c\"]\nparties:\n  - name: X\n    kind: 3\nempty:\n";
        let values: Vec<&str> = value_ranges(yaml).into_iter().map(|r| &yaml[r]).collect();
        assert_eq!(
            values,
            ["För NAMN", "Två\n  rader.\n", "a", "\"b c\"", "X", "3"]
        );
        assert!(value_ranges("a: [").is_empty());
    }
}
