//! Interface strings from the theme's `i18n/<lang>.yaml`: a flat map of keys to text.

use std::collections::BTreeMap;

use crate::model::Status;
use crate::model::types::{DecisionStatus, Form, GoalBasis, PartyKind};

/// The strings of one language.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(transparent)]
pub struct I18n {
    map: BTreeMap<String, String>,
}

/// Keys the generator itself looks up; every language file must have them.
pub const REQUIRED_KEYS: &[&str] = &[
    "status_upcoming",
    "status_active",
    "status_ending_soon",
    "status_ended",
    "party_public",
    "party_nonprofit",
    "form_iop",
    "form_operating_grant",
    "form_other",
    "basis_named",
    "basis_assessed",
    "decision_decided",
    "decision_proposed",
    "annual_report",
    "not_published",
    "plus_unpublished",
    "agreements",
    "organisations",
    "goals",
    "goal",
    "funding",
    "not_found",
    "own_contribution",
    "col_public",
    "goal_funding_caption",
    "funding_per_recipient_caption",
    "funding_per_goal_caption",
    "goal_overlap_note",
    "chart_agreement_funding",
    "chart_public_by_funder",
    "chart_unpublished_short",
    "chart_all_unpublished",
    "chart_desc_all_unpublished",
    "chart_desc_years",
    "chart_desc_year",
    "chart_desc_even",
    "chart_desc_series",
    "chart_desc_unpublished",
    "chart_desc_largest",
    "chart_desc_some_unpublished",
    "chart_desc_statistic",
];

impl I18n {
    pub fn from_map(map: BTreeMap<String, String>) -> Self {
        I18n { map }
    }

    /// Keys the generator needs that the file lacks (including the 17 goal names).
    pub fn missing_keys(&self) -> Vec<String> {
        REQUIRED_KEYS
            .iter()
            .map(|k| k.to_string())
            .chain((1..=17).map(|n| format!("goal_{n}")))
            .filter(|k| !self.map.contains_key(k))
            .collect()
    }

    /// The text for `key`; the key itself if missing (checked at theme load, so not expected).
    pub fn get(&self, key: &str) -> String {
        self.map
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    pub fn status(&self, s: Status) -> String {
        self.get(match s {
            Status::Upcoming => "status_upcoming",
            Status::Active => "status_active",
            Status::EndingSoon => "status_ending_soon",
            Status::Ended => "status_ended",
        })
    }

    pub fn party_kind(&self, k: PartyKind) -> String {
        self.get(match k {
            PartyKind::Public => "party_public",
            PartyKind::Nonprofit => "party_nonprofit",
        })
    }

    pub fn form(&self, f: Form) -> String {
        self.get(match f {
            Form::Iop => "form_iop",
            Form::OperatingGrant => "form_operating_grant",
            Form::Other => "form_other",
        })
    }

    pub fn goal_basis(&self, b: GoalBasis) -> String {
        self.get(match b {
            GoalBasis::Named => "basis_named",
            GoalBasis::Assessed => "basis_assessed",
        })
    }

    pub fn decision_status(&self, s: DecisionStatus) -> String {
        self.get(match s {
            DecisionStatus::Decided => "decision_decided",
            DecisionStatus::Proposed => "decision_proposed",
        })
    }

    pub fn goal_name(&self, n: u8) -> String {
        self.get(&format!("goal_{n}"))
    }
}
