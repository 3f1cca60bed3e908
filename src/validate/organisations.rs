//! Organisation numbers across agreement files. The model makes one organisation of every
//! party with the same number, so a mistyped number that still passes the check digit would
//! quietly move a party's money to another organisation. A number written under a second
//! name is pointed out (once for each further name, not for each party).

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::load::Loaded;
use crate::load::scalar::position;
use crate::load::schema::AgreementFile;
use crate::orgnr::OrgNumber;

/// The first place one name was written with a number.
struct Named<'a> {
    /// The name compared: trimmed, inner spaces made single, in lower case.
    key: String,
    name: &'a str,
    file: &'a SourceFile,
    /// Line and column of the number, as the parser gave them.
    at: (usize, usize),
}

/// Warns where an organisation number is written with a name it did not have before, naming
/// the place of the first name. Agreements are read in id order, so the warnings are the same
/// from run to run; numbers that do not parse are left to the agreement's own check.
pub fn warn_about_shared_numbers(agreements: &[Loaded<AgreementFile>], diags: &mut Diagnostics) {
    let mut order: Vec<&Loaded<AgreementFile>> = agreements.iter().collect();
    order.sort_by(|a, b| (&a.id, &a.file.display_path).cmp(&(&b.id, &b.file.display_path)));
    let mut names: BTreeMap<OrgNumber, Vec<Named>> = BTreeMap::new();
    for loaded in order {
        for party in &loaded.data.parties.value {
            let Some(written) = &party.org_number else {
                continue;
            };
            let Ok(number) = OrgNumber::parse(&written.value.0) else {
                continue;
            };
            let name = party.name.value.trim();
            if super::text::find(name).is_some() {
                continue; // an error of its own; a message should not quote the character
            }
            let key = name_key(name);
            let at = position(written);
            let known = names.entry(number.clone()).or_default();
            if known.iter().any(|n| n.key == key) {
                continue;
            }
            if let Some(first) = known.first() {
                let (line, column) = first.at;
                diags.warning(
                    &loaded.file,
                    at.0,
                    at.1,
                    crate::msg!(
                        "org-number-two-names",
                        number = number.to_string(),
                        name = first.name,
                        place = format!(
                            "{}:{}:{column}",
                            first.file.display_path.display(),
                            line + first.file.line_offset
                        ),
                    ),
                );
            }
            known.push(Named {
                key,
                name,
                file: &loaded.file,
                at,
            });
        }
    }
}

/// Names that differ only in case or spacing are the same name.
fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_spacing_do_not_make_another_name() {
        assert_eq!(name_key("  Kalmar   Kommun "), name_key("kalmar kommun"));
        assert_eq!(name_key("Kalmar\tkommun"), "kalmar kommun");
        assert_ne!(name_key("Kalmar kommun"), name_key("Kalmarkommun"));
    }
}
