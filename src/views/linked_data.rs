//! Linked data for search engines and other readers of the pages: schema.org JSON-LD, a
//! `MonetaryGrant` on each agreement page and a `GovernmentOrganization` or `NGO` on each
//! organisation page, written into `<script type="application/ld+json">` by the templates.
//!
//! The shapes follow schema.org: a `MonetaryGrant` has `funder`, `amount` and, from `Grant`,
//! `fundedItem` (which may be an organisation: the non-profit). It has no `startDate` or
//! `endDate`, so the period is left out. An organisation's `@id` is its page with the fragment
//! `#organisation` (an `@id` must be an IRI, which `SE-ON-…` is not), and its organisation
//! number is an `identifier`: a `PropertyValue` with `propertyID` `SE-ON` and the ten digits,
//! and the text `SE-ON-NNNNNNNNNN`, the id the site's 360Giving data gives the same organisation.

use serde_json::{Map, Value, json};

use super::Ctx;
use crate::model::site::{AgreementEntry, OrgIdx, Organisation};
use crate::model::types::{FundingKind, PartyKind};
use crate::present::urls;

impl Ctx<'_> {
    /// The JSON-LD of an agreement's page, ready to go inside its `<script>` element.
    pub fn agreement_linked_data(&self, entry: &AgreementEntry) -> String {
        let a = &entry.agreement;
        let url = self.ld_absolute(&urls::agreement(&a.id));
        let mut grant = Map::new();
        grant.insert("@context".into(), json!("https://schema.org"));
        grant.insert("@type".into(), json!("MonetaryGrant"));
        grant.insert("@id".into(), json!(format!("{url}#grant")));
        grant.insert("name".into(), json!(a.title));
        if let Some(short) = &a.short_title {
            grant.insert("alternateName".into(), json!(short));
        }
        grant.insert("description".into(), json!(a.summary));
        grant.insert("url".into(), json!(url));
        let ids: Vec<&str> = std::iter::once(a.id.as_str())
            .chain(a.diary_numbers.iter().map(String::as_str))
            .collect();
        grant.insert("identifier".into(), json!(ids));
        grant.insert("funder".into(), Value::Array(self.ld_funders(entry)));
        let recipients: Vec<Value> = a
            .parties
            .iter()
            .zip(&entry.party_orgs)
            .filter(|(p, _)| p.kind == PartyKind::Nonprofit)
            .map(|(_, &o)| self.ld_node(&self.site[o]))
            .collect();
        grant.insert("fundedItem".into(), Value::Array(recipients));
        // Only a total wholly known is a value: unpublished or unknown money is never 0 and
        // never a lower bound passed off as the amount.
        let public = entry.total().public;
        if public.lines > 0 && public.is_complete() {
            grant.insert(
                "amount".into(),
                json!({"@type": "MonetaryAmount", "currency": "SEK", "value": public.kronor}),
            );
        }
        script_json(&Value::Object(grant))
    }

    /// The JSON-LD of an organisation's page.
    pub fn organisation_linked_data(&self, org: &Organisation) -> String {
        let mut node = self.ld_node(org);
        if let Value::Object(map) = &mut node {
            map.insert("@context".into(), json!("https://schema.org"));
        }
        script_json(&node)
    }

    /// The public parties that give decided public money, each once, in party order.
    fn ld_funders(&self, entry: &AgreementEntry) -> Vec<Value> {
        let a = &entry.agreement;
        let mut seen: Vec<OrgIdx> = Vec::new();
        for line in &a.funding {
            let org = entry.org_of(line.funder);
            let public = a.party(line.funder).kind == PartyKind::Public;
            if public && line.kind == FundingKind::Public && !line.proposed && !seen.contains(&org)
            {
                seen.push(org);
            }
        }
        seen.iter().map(|&o| self.ld_node(&self.site[o])).collect()
    }

    /// An organisation as a schema.org node: its type, `@id`, name, page and number.
    fn ld_node(&self, org: &Organisation) -> Value {
        let url = self.ld_absolute(&urls::organisation(&org.id));
        let kind = match org.kind {
            PartyKind::Public => "GovernmentOrganization",
            PartyKind::Nonprofit => "NGO",
        };
        let mut node = Map::new();
        node.insert("@type".into(), json!(kind));
        node.insert("@id".into(), json!(format!("{url}#organisation")));
        node.insert("name".into(), json!(org.name));
        node.insert("url".into(), json!(url));
        if let Some(number) = &org.org_number {
            let digits = number.digits();
            node.insert(
                "identifier".into(),
                json!([
                    {"@type": "PropertyValue", "propertyID": "SE-ON", "value": digits},
                    format!("SE-ON-{digits}"),
                ]),
            );
        }
        Value::Object(node)
    }

    /// `path` on the site's address.
    fn ld_absolute(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.base_url)
    }
}

/// `value` as JSON text that can stand inside a `<script>` element: `<`, `>` and `&` written
/// as `\u003c`, `\u003e` and `\u0026`, so no text in it (`</script>`, `<!--`) can end the
/// element or change how the HTML parser reads it. JSON allows these escapes anywhere in a
/// string, and those characters occur nowhere else in JSON, so the data stays the same.
pub fn script_json(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_end_the_script_element() {
        let value = json!({"name": "</script><script>alert('x')</script> <!-- & -->"});
        let text = script_json(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert_eq!(
            text,
            r#"{"name":"\u003c/script\u003e\u003cscript\u003ealert('x')\u003c/script\u003e \u003c!-- \u0026 --\u003e"}"#
        );
        // The data is unchanged.
        let back: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(back, value);
    }
}
