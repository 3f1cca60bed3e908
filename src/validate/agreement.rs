//! Checks one agreement file and resolves names (funders, convener) to parties.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};

use super::types::*;
use super::{agenda2030, attachments, vocabulary};
use super::{amount, when, year_from};
use crate::diagnostics::{Diagnostics, SourceFile};
use crate::l10n::Message;
use crate::load::Loaded;
use crate::load::files::Attachments;
use crate::load::scalar::{Spanned, Text, position};
use crate::load::schema::{
    ActivityEntry, AgreementFile, DecisionEntry, FollowUpEntry, FundingEntry, GoalEntry,
    OutcomeEntry, PartyEntry, PeriodEntry, SourceEntry,
};
use crate::msg;
use crate::orgnr::OrgNumber;

/// Largest span of years one funding line may cover; longer is a typing error.
const MAX_YEARS_PER_LINE: i64 = 50;

/// Checks one agreement file, part by part in the order of the format, and returns the
/// agreement when the file has no error. Warnings about gaps come only for a file without errors.
/// `files` are the site's attachments, which sources may name.
pub fn check(
    loaded: &Loaded<AgreementFile>,
    files: &Attachments,
    diags: &mut Diagnostics,
) -> Option<Agreement> {
    let file = &loaded.file;
    let raw = &loaded.data;
    let before = diags.error_count();

    let form = raw
        .form
        .as_ref()
        .and_then(|f| vocabulary::word(file, f, msg!("field-form"), diags))
        .unwrap_or_default();
    let sources = check_sources(file, &raw.sources, files, diags);
    let parties = check_parties(file, &raw.parties, diags);
    let (start, end) = check_period(file, &raw.period, diags);
    let known_end = end.flatten();
    let decisions: Vec<Decision> = raw
        .decisions
        .iter()
        .map(|d| check_decision(file, d, known_end, diags))
        .collect();
    // Funding years must fall inside the period, extended by the decisions; with an unknown
    // end, only the start limits them.
    let last_end = decisions
        .iter()
        .filter_map(|d| d.extends_to)
        .chain(known_end)
        .map(When::last)
        .max();
    let span = start.map(|s| (s.year(), last_end.map_or(i32::MAX, |e| e.year())));
    let funding = check_all_funding(file, raw, &parties, &decisions, span, diags);
    let follow_up = raw
        .follow_up
        .as_ref()
        .map(|f| check_follow_up(file, f, &parties, diags));
    let outcomes: Vec<Outcome> = raw
        .outcomes
        .iter()
        .filter_map(|o| check_outcome(file, o, diags))
        .collect();
    let goals = check_goals(file, &raw.goals, diags);
    let language = raw
        .language
        .as_ref()
        .and_then(|l| vocabulary::word(file, l, msg!("field-language"), diags));

    if diags.error_count() > before {
        return None;
    }
    let (start, end) = (start?, end?);
    let last_year = last_end.map(|e| e.year());
    warn_about_gaps(
        file,
        raw,
        &parties,
        &funding,
        start.year(),
        last_year,
        diags,
    );
    let checked = CheckedParts {
        form,
        sources,
        parties,
        period: period(&raw.period, start, end),
        funding,
        follow_up,
        decisions,
        outcomes,
        goals,
        language,
    };
    Some(agreement(loaded, checked))
}

/// The parts of an agreement that `check` had to check or resolve; the rest is copied as written.
struct CheckedParts {
    form: Form,
    sources: Vec<Source>,
    parties: Vec<Party>,
    period: Period,
    funding: Vec<FundingLine>,
    follow_up: Option<FollowUp>,
    decisions: Vec<Decision>,
    outcomes: Vec<Outcome>,
    goals: Vec<GoalLink>,
    language: Option<crate::config::Language>,
}

/// Puts the checked parts and the file's free texts together.
fn agreement(loaded: &Loaded<AgreementFile>, checked: CheckedParts) -> Agreement {
    let raw = &loaded.data;
    Agreement {
        id: loaded.id.clone(),
        title: raw.title.value.clone(),
        short_title: raw.short_title.as_ref().map(|t| t.value.clone()),
        form: checked.form,
        diary_numbers: raw.diary_numbers.clone(),
        summary: raw.summary.clone(),
        background: raw.background.clone(),
        purpose: raw.purpose.clone(),
        target_group: raw.target_group.clone(),
        delimitations: raw.delimitations.clone(),
        values: raw.values.clone(),
        termination: raw.termination.clone(),
        objectives: raw.objectives.clone(),
        activities: raw.activities.iter().map(activity).collect(),
        sources: checked.sources,
        parties: checked.parties,
        period: checked.period,
        funding: checked.funding,
        in_kind: raw.in_kind.clone(),
        payment: raw.payment.clone(),
        follow_up: checked.follow_up,
        decisions: checked.decisions,
        outcomes: checked.outcomes,
        goals: checked.goals,
        language: checked.language,
    }
}

fn activity(a: &ActivityEntry) -> Activity {
    Activity {
        name: a.name.value.clone(),
        description: a.description.clone(),
        volume: a.volume.clone(),
    }
}

/// At least one source; links must be web addresses, dates valid, files in `content/files/`.
fn check_sources(
    file: &SourceFile,
    sources: &Spanned<Vec<SourceEntry>>,
    files: &Attachments,
    diags: &mut Diagnostics,
) -> Vec<Source> {
    if sources.value.is_empty() {
        let (line, col) = position(sources);
        diags.error(file, line, col, msg!("sources-missing"));
    }
    sources
        .value
        .iter()
        .map(|s| {
            if let Some(url) = &s.url {
                check_url(file, url, diags);
            }
            Source {
                title: s.title.value.clone(),
                date: s.date.as_ref().and_then(|d| when(file, d, diags)),
                url: s.url.as_ref().map(|u| u.value.clone()),
                file: s
                    .file
                    .as_ref()
                    .and_then(|f| attachments::attachment(file, f, files, diags)),
            }
        })
        .collect()
}

/// The start and end (each `None` if it is not a date; the end `Some(None)` when it is
/// `unknown`); the end must not come first.
fn check_period(
    file: &SourceFile,
    period: &PeriodEntry,
    diags: &mut Diagnostics,
) -> (Option<When>, Option<Option<When>>) {
    let start = when(file, &period.start, diags);
    let end = if period.end.value.0.trim() == "unknown" {
        Some(None)
    } else {
        super::when_or(file, &period.end, true, diags).map(Some)
    };
    if let (Some(s), Some(Some(e))) = (start, end)
        && e.last() < s.first
    {
        let (line, col) = position(&period.end);
        diags.error(
            file,
            line,
            col,
            msg!(
                "period-backwards",
                end = e.to_string(),
                start = s.to_string()
            ),
        );
    }
    (start, end)
}

/// The checked period; its dates were checked by `check_period`.
fn period(raw: &PeriodEntry, start: When, end: Option<When>) -> Period {
    Period {
        start,
        end,
        approximate: raw.approximate,
        ends_without_notice: raw.ends_without_notice,
        extension: raw.extension.as_ref().map(|e| Extension {
            max_years: e.max_years.value,
            decision_months_before_end: e.decision_months_before_end.as_ref().map(|m| m.value),
        }),
        notice: raw.notice.clone(),
        previous: raw.previous.clone(),
    }
}

/// One decision; an extension must reach past the agreement's own `end`. Its funding lines
/// are checked with the agreement's, in `check_all_funding`.
fn check_decision(
    file: &SourceFile,
    d: &DecisionEntry,
    end: Option<When>,
    diags: &mut Diagnostics,
) -> Decision {
    let status = d
        .status
        .as_ref()
        .and_then(|s| vocabulary::word(file, s, msg!("field-status"), diags))
        .unwrap_or_default();
    let extends_to = d.extends_to.as_ref().and_then(|t| when(file, t, diags));
    if let (Some(to), Some(e), Some(spanned)) = (extends_to, end, d.extends_to.as_ref())
        && to.last() <= e.last()
    {
        let (line, col) = position(spanned);
        diags.error(
            file,
            line,
            col,
            msg!("extends-to-early", to = to.to_string(), end = e.to_string()),
        );
    }
    Decision {
        date: when(file, &d.date, diags).unwrap_or(When::day(NaiveDate::MIN)),
        body: d.body.clone(),
        diary_number: d.diary_number.clone(),
        summary: d.summary.clone(),
        status,
        extends_to,
    }
}

/// The agreement's funding lines, then each decision's, as one list of one line per year.
/// `span` is the first and last year the money may fall in.
fn check_all_funding(
    file: &SourceFile,
    raw: &AgreementFile,
    parties: &[Party],
    decisions: &[Decision],
    span: Option<(i32, i32)>,
    diags: &mut Diagnostics,
) -> Vec<FundingLine> {
    let mut lines = FundingLines {
        file,
        parties,
        decisions,
        span,
        seen: HashSet::new(),
        out: Vec::new(),
    };
    let entries = raw.funding.iter().map(|f| (f, None)).chain(
        raw.decisions
            .iter()
            .enumerate()
            .flat_map(|(i, d)| d.funding.iter().map(move |f| (f, Some(DecisionIdx(i))))),
    );
    for (entry, decision) in entries {
        lines.check(entry, decision, diags);
    }
    lines.out
}

/// The funding lines checked so far, and what a new one is checked against.
struct FundingLines<'a> {
    file: &'a SourceFile,
    parties: &'a [Party],
    decisions: &'a [Decision],
    /// The first and last year the money may fall in.
    span: Option<(i32, i32)>,
    /// Year, funder and unit of every line so far: each may have one line.
    seen: HashSet<(i32, PartyIdx, Option<String>)>,
    out: Vec<FundingLine>,
}

/// The convener must be one of the parties.
fn check_follow_up(
    file: &SourceFile,
    f: &FollowUpEntry,
    parties: &[Party],
    diags: &mut Diagnostics,
) -> FollowUp {
    FollowUp {
        meetings_per_year: f.meetings_per_year,
        convener: f
            .convener
            .as_ref()
            .and_then(|c| party_index(file, c, parties, msg!("role-convener"), diags)),
        reports: f
            .reports
            .iter()
            .map(|r| DueReport {
                name: r.name.clone(),
                to: r.to.clone(),
                due: r.due.clone(),
            })
            .collect(),
        notes: f.notes.clone(),
        reports_from: f
            .reports_from
            .as_ref()
            .and_then(|y| year_from(file, y, diags)),
    }
}

/// One outcome: a known kind, a date, a web link and a fine that is an amount.
fn check_outcome(file: &SourceFile, o: &OutcomeEntry, diags: &mut Diagnostics) -> Option<Outcome> {
    let kind = vocabulary::word(file, &o.kind, msg!("field-outcome-kind"), diags);
    let date = when(file, &o.date, diags);
    if let Some(url) = &o.url {
        check_url(file, url, diags);
    }
    let fine = match o.fine.as_ref().map(|f| (f, amount(file, f, diags))) {
        Some((f, Some(a))) if a.kronor().is_none() => {
            let (line, col) = position(f);
            diags.error(file, line, col, msg!("fine-not-kronor"));
            None
        }
        Some((_, a)) => a.and_then(Amount::kronor),
        None => None,
    };
    Some(Outcome {
        kind: kind?,
        date: date?,
        by: o.by.clone(),
        case: o.case.clone(),
        url: o.url.as_ref().map(|u| u.value.trim().to_string()),
        summary: o.summary.clone(),
        fine,
    })
}

/// The Agenda 2030 goals, sorted by number; a goal with an error is left out.
fn check_goals(file: &SourceFile, goals: &[GoalEntry], diags: &mut Diagnostics) -> Vec<GoalLink> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for g in goals {
        if let Some(goal) = check_goal(file, g, &mut seen, diags) {
            out.push(goal);
        }
    }
    out.sort_by_key(|g| g.goal);
    out
}

/// One goal: a real goal number, listed once, with a known basis and its own targets.
fn check_goal(
    file: &SourceFile,
    g: &GoalEntry,
    seen: &mut HashSet<i64>,
    diags: &mut Diagnostics,
) -> Option<GoalLink> {
    let (line, col) = position(&g.goal);
    let number = g.goal.value;
    if !(1..=17).contains(&number) {
        diags.error(
            file,
            line,
            col,
            msg!("goal-unknown", number = number.to_string()),
        );
        return None;
    }
    if !seen.insert(number) {
        diags.error(
            file,
            line,
            col,
            msg!("goal-twice", number = number.to_string()),
        );
        return None;
    }
    let basis = vocabulary::word(file, &g.basis, msg!("field-basis"), diags)?;
    let goal = u8::try_from(number).unwrap_or(0);
    Some(GoalLink {
        goal,
        basis,
        motivation: g.motivation.clone(),
        targets: check_targets(file, goal, &g.targets, diags),
    })
}

/// The targets listed under `goal`, each once and each a real target of that goal.
fn check_targets(
    file: &SourceFile,
    goal: u8,
    listed: &[Spanned<String>],
    diags: &mut Diagnostics,
) -> Vec<String> {
    let mut targets: Vec<String> = Vec::new();
    for target in listed {
        let (line, col) = position(target);
        let text = target.value.trim();
        if targets.iter().any(|t| t == text) {
            diags.error(file, line, col, msg!("target-twice", text));
        } else if agenda2030::is_target_of(goal, text) {
            targets.push(text.to_string());
        } else if let Some(other) = agenda2030::goal_of(text).filter(|o| *o != goal) {
            diags.error(
                file,
                line,
                col,
                msg!(
                    "target-other-goal",
                    text,
                    other = other.to_string(),
                    goal = goal.to_string()
                ),
            );
        } else {
            diags.error(
                file,
                line,
                col,
                msg!(
                    "target-not-of-goal",
                    text,
                    goal = goal.to_string(),
                    targets = agenda2030::describe_targets(goal)
                ),
            );
        }
    }
    targets
}

/// Only web addresses may be links: a `javascript:` or `data:` URL in content would run code.
fn check_url(file: &SourceFile, url: &Spanned<String>, diags: &mut Diagnostics) {
    let u = url.value.trim();
    if !(u.starts_with("https://") || u.starts_with("http://")) {
        let (line, col) = position(url);
        diags.error(file, line, col, msg!("link-invalid", url = u));
    }
}

/// At least two parties, each with its own name.
fn check_parties(
    file: &SourceFile,
    parties: &Spanned<Vec<PartyEntry>>,
    diags: &mut Diagnostics,
) -> Vec<Party> {
    if parties.value.len() < 2 {
        let (line, col) = position(parties);
        diags.error(file, line, col, msg!("parties-too-few"));
    }
    let mut names = HashSet::new();
    let mut out = Vec::new();
    for p in &parties.value {
        let name = p.name.value.trim().to_string();
        if !names.insert(name.to_lowercase()) {
            let (line, col) = position(&p.name);
            diags.error(file, line, col, msg!("parties-same-name", name = &name));
        }
        out.push(check_party(file, p, name, diags));
    }
    out
}

/// One party's kind, organisation number and signing dates; `name` is already trimmed.
fn check_party(file: &SourceFile, p: &PartyEntry, name: String, diags: &mut Diagnostics) -> Party {
    let kind = vocabulary::word(file, &p.kind, msg!("field-party-kind"), diags)
        .unwrap_or(PartyKind::Public);
    let org_number = p
        .org_number
        .as_ref()
        .and_then(|n| org_number(file, n, diags));
    Party {
        name,
        kind,
        org_number,
        unit: p.unit.as_ref().map(|u| u.value.clone()),
        address: p.address.clone(),
        contacts: p
            .contacts
            .iter()
            .map(|c| Contact {
                name: c.name.value.clone(),
                role: c.role.clone(),
                phone: c.phone.clone(),
                email: c.email.clone(),
            })
            .collect(),
        signatories: p
            .signatories
            .iter()
            .map(|s| Signatory {
                name: s.name.value.clone(),
                role: s.role.clone(),
                date: s.date.as_ref().and_then(|d| when(file, d, diags)),
            })
            .collect(),
    }
}

pub(crate) fn org_number(
    file: &SourceFile,
    value: &Spanned<Text>,
    diags: &mut Diagnostics,
) -> Option<OrgNumber> {
    if super::text::find(&value.value.0).is_some() {
        return None; // reported by `text::check_agreement`, with the character's code
    }
    match OrgNumber::parse(&value.value.0) {
        Ok(n) => Some(n),
        Err(err) => {
            let (line, col) = position(value);
            diags.error(file, line, col, err.message());
            None
        }
    }
}

fn party_index(
    file: &SourceFile,
    name: &Spanned<String>,
    parties: &[Party],
    what: Message,
    diags: &mut Diagnostics,
) -> Option<PartyIdx> {
    let wanted = name.value.trim();
    let found = parties.iter().position(|p| p.name == wanted).map(PartyIdx);
    if found.is_none() {
        let (line, col) = position(name);
        let names: Vec<String> = parties.iter().map(|p| format!("`{}`", p.name)).collect();
        diags.error(
            file,
            line,
            col,
            msg!("party-unknown", what, wanted, names = names.join(", ")),
        );
    }
    found
}

/// Parses `2025` or `2021-2024` (any dash) into an inclusive range of years.
fn years(file: &SourceFile, value: &Spanned<Text>, diags: &mut Diagnostics) -> Option<(i32, i32)> {
    let text = value.value.0.trim();
    let (line, col) = position(value);
    let parts: Vec<&str> = text.splitn(2, ['-', '–', '—']).map(str::trim).collect();
    let parsed: Option<Vec<i32>> = parts
        .iter()
        .map(|p| p.parse::<i32>().ok().filter(|y| (1900..=2200).contains(y)))
        .collect();
    let Some(ys) = parsed else {
        diags.error(file, line, col, msg!("years-invalid", text));
        return None;
    };
    let (first, last) = (ys[0], *ys.last().unwrap_or(&ys[0]));
    if last < first || i64::from(last - first) >= MAX_YEARS_PER_LINE {
        diags.error(file, line, col, msg!("years-backwards", text));
        return None;
    }
    Some((first, last))
}

impl FundingLines<'_> {
    /// Checks one funding entry (of the agreement, or of `decision`) and adds a line for
    /// each of its years.
    fn check(
        &mut self,
        entry: &FundingEntry,
        decision: Option<DecisionIdx>,
        diags: &mut Diagnostics,
    ) {
        let (file, parties, span) = (self.file, self.parties, self.span);
        let range = years(file, &entry.years, diags);
        let funder = party_index(file, &entry.funder, parties, msg!("role-funder"), diags);
        let (line, col) = position(&entry.years);
        let (written, together) = match (&entry.amount, &entry.total) {
            (Some(a), None) => (Some(a), false),
            (None, Some(t)) => (Some(t), true),
            (Some(_), Some(t)) => {
                let (line, col) = position(t);
                diags.error(file, line, col, msg!("funding-amount-and-total"));
                (None, false)
            }
            (None, None) => {
                diags.error(file, line, col, msg!("funding-no-amount"));
                (None, false)
            }
        };
        let amount = written.and_then(|a| amount(file, a, diags));
        let (Some((first, last)), Some(funder), Some(amount)) = (range, funder, amount) else {
            return;
        };
        if let Some((start, end)) = span
            && (first < start || last > end)
        {
            diags.error(
                file,
                line,
                col,
                msg!(
                    "funding-outside-period",
                    first = first.to_string(),
                    last = last.to_string(),
                    start = start.to_string(),
                    end = end.to_string()
                ),
            );
            return;
        }
        let kind = match parties[funder.0].kind {
            PartyKind::Public => FundingKind::Public,
            PartyKind::Nonprofit => FundingKind::OwnContribution,
        };
        let proposed = decision
            .and_then(|d| self.decisions.get(d.0))
            .is_some_and(|d| d.status == DecisionStatus::Proposed);
        // Money per year is a line per year; one sum for the years together is one line.
        let starts: Vec<i32> = if together {
            vec![first]
        } else {
            (first..=last).collect()
        };
        for start in starts {
            let end = if together { last } else { start };
            let clash = (start..=end)
                .filter(|&y| !self.seen.insert((y, funder, entry.unit.clone())))
                .min();
            if let Some(year) = clash {
                diags.error(
                    file,
                    line,
                    col,
                    msg!(
                        "funding-twice",
                        funder = &parties[funder.0].name,
                        year = year.to_string()
                    ),
                );
                continue;
            }
            self.out.push(FundingLine {
                year: start,
                until: together.then_some(last),
                funder,
                unit: entry.unit.clone(),
                amount,
                kind,
                note: entry.note.clone(),
                decision,
                proposed,
            });
        }
    }
}

/// Things that are allowed but probably not meant: no non-profit party, years without money.
fn warn_about_gaps(
    file: &SourceFile,
    raw: &AgreementFile,
    parties: &[Party],
    funding: &[FundingLine],
    first: i32,
    last: Option<i32>,
    diags: &mut Diagnostics,
) {
    if !parties.iter().any(|p| p.kind == PartyKind::Nonprofit) {
        let (line, col) = position(&raw.parties);
        diags.warning(file, line, col, msg!("no-nonprofit-party"));
    }
    let (line, col) = position(&raw.period.end);
    if funding.is_empty() {
        diags.warning(file, line, col, msg!("funding-none"));
        return;
    }
    let Some(last) = last else {
        return;
    };
    let missing: Vec<String> = (first..=last)
        .filter(|y| !funding.iter().any(|l| l.years().contains(y)))
        .map(|y| y.to_string())
        .collect();
    if !missing.is_empty() {
        diags.warning(
            file,
            line,
            col,
            msg!(
                "funding-years-missing",
                years = missing.join(", "),
                count = missing.len()
            ),
        );
    }
}
