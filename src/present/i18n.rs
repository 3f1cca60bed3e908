//! Interface strings from the theme's `i18n/<lang>.yaml`: a flat map of keys to text.

use std::collections::BTreeMap;

use crate::model::Status;
use crate::model::site::StatusNote;
use crate::model::types::{DecisionStatus, FileKind, Form, GoalBasis, OutcomeKind, PartyKind};

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
    "feed_kind_agreement",
    "feed_kind_decision",
    "feed_kind_outcome",
    "feed_kind_ending_soon",
    "feed_kind_report",
    "feed_new_agreement",
    "feed_ending_soon",
    "feed_extension_decided",
    "feed_extension_proposed",
    "feed_decision_decided",
    "feed_decision_proposed",
    "feed_report_summary",
    "not_published",
    "not_known",
    "not_published_or_known",
    "at_least",
    "rest_unpublished",
    "rest_unknown",
    "status_unclear",
    "outcome_ended_early",
    "outcome_terminated",
    "outcome_annulled",
    "outcome_judged_unlawful",
    "status_note_start_rough",
    "status_note_end_rough",
    "status_note_end_unknown",
    "status_note_approximate",
    "status_note_ended_by_outcome",
    "proposed_total",
    "total",
    "chart_proposed_short",
    "chart_desc_unknown",
    "chart_desc_proposed",
    "chart_unknown_short",
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
    "file_kind_pdf",
    "file_kind_word",
    "file_kind_excel",
    "file_kind_powerpoint",
    "file_kind_opendocument",
    "file_kind_text",
    "file_kind_csv",
    "file_kind_image",
    "file_kind_zip",
    "file_kind_other",
    "public_bodies",
    "unit_title",
    "body_chart_title",
    "body_other_units",
    "body_no_unit",
    "body_kind_municipality",
    "body_kind_region",
    "body_kind_agency",
    "body_kind_other",
    "body_group_municipalities",
    "body_group_regions",
    "body_group_agencies",
    "body_group_other",
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
            .chain(GOAL_KEYS.iter().map(|k| k.to_string()))
            .filter(|k| !self.map.contains_key(k))
            .collect()
    }

    /// The text for `key`; the key itself if missing (checked at theme load, so not expected).
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// [`I18n::text`], as an owned string.
    pub fn get(&self, key: &str) -> String {
        self.text(key).to_string()
    }

    pub fn status(&self, s: Status) -> &str {
        self.text(match s {
            Status::Upcoming => "status_upcoming",
            Status::Active => "status_active",
            Status::EndingSoon => "status_ending_soon",
            Status::Ended => "status_ended",
            Status::Unclear => "status_unclear",
        })
    }

    pub fn outcome(&self, k: OutcomeKind) -> &str {
        self.text(match k {
            OutcomeKind::EndedEarly => "outcome_ended_early",
            OutcomeKind::Terminated => "outcome_terminated",
            OutcomeKind::Annulled => "outcome_annulled",
            OutcomeKind::JudgedUnlawful => "outcome_judged_unlawful",
        })
    }

    pub fn status_note(&self, n: StatusNote) -> &str {
        self.text(match n {
            StatusNote::StartRough => "status_note_start_rough",
            StatusNote::EndRough => "status_note_end_rough",
            StatusNote::EndUnknown => "status_note_end_unknown",
            StatusNote::Approximate => "status_note_approximate",
            StatusNote::EndedByOutcome => "status_note_ended_by_outcome",
        })
    }

    pub fn party_kind(&self, k: PartyKind) -> &str {
        self.text(match k {
            PartyKind::Public => "party_public",
            PartyKind::Nonprofit => "party_nonprofit",
        })
    }

    pub fn form(&self, f: Form) -> &str {
        self.text(match f {
            Form::Iop => "form_iop",
            Form::OperatingGrant => "form_operating_grant",
            Form::Other => "form_other",
        })
    }

    pub fn goal_basis(&self, b: GoalBasis) -> &str {
        self.text(match b {
            GoalBasis::Named => "basis_named",
            GoalBasis::Assessed => "basis_assessed",
        })
    }

    pub fn decision_status(&self, s: DecisionStatus) -> &str {
        self.text(match s {
            DecisionStatus::Decided => "decision_decided",
            DecisionStatus::Proposed => "decision_proposed",
        })
    }

    /// The kind of a file, as shown next to a link to it ("PDF", "text").
    pub fn file_kind(&self, k: FileKind) -> &str {
        self.text(match k {
            FileKind::Pdf => "file_kind_pdf",
            FileKind::Word => "file_kind_word",
            FileKind::Excel => "file_kind_excel",
            FileKind::PowerPoint => "file_kind_powerpoint",
            FileKind::OpenDocument => "file_kind_opendocument",
            FileKind::Text => "file_kind_text",
            FileKind::Csv => "file_kind_csv",
            FileKind::Image => "file_kind_image",
            FileKind::Zip => "file_kind_zip",
            FileKind::Other => "file_kind_other",
        })
    }

    /// The name of goal `n` (1–17).
    pub fn goal_name(&self, n: u8) -> &str {
        GOAL_KEYS
            .get(usize::from(n).wrapping_sub(1))
            .map_or("", |key| self.text(key))
    }
}

/// The keys of the 17 goal names.
const GOAL_KEYS: [&str; 17] = [
    "goal_1", "goal_2", "goal_3", "goal_4", "goal_5", "goal_6", "goal_7", "goal_8", "goal_9",
    "goal_10", "goal_11", "goal_12", "goal_13", "goal_14", "goal_15", "goal_16", "goal_17",
];
