//! Public bodies — municipalities, regions, agencies and other public parties — and the
//! units within them (boards, departments) that sign and pay: which agreements each takes
//! part in, the decided money it gives per year, the goals of its agreements and which of
//! their reports are in.

use std::collections::{BTreeMap, HashMap};

use super::collate::Collation;
use super::site::{AgreementEntry, AgreementIdx, OrgIdx, Organisation, ReportState, Sum};
use super::site::{share_of_year, slugify};
use super::types::{FundingLine, PartyKind};
use crate::orgnr::PublicKind;

/// One unit of a public body: a board, department or office named as a party's unit or as
/// the unit of a funding line.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Unique within the body; the unit's page is `organisations/BODY/units/ID.html`.
    pub id: String,
    /// As first written (units are matched without regard to case).
    pub name: String,
    /// The agreements where the unit is the body's party's unit or pays through a funding
    /// line, in agreement order.
    pub agreements: Vec<AgreementIdx>,
    /// Decided money given through the unit per year; a sum for several years adds an
    /// unknown share to each (as for organisations).
    pub given: BTreeMap<i32, Sum>,
    /// `given` over all years, each line counted once.
    pub given_total: Sum,
}

/// One funding line the body gives: where it is, and through which unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRef {
    pub agreement: AgreementIdx,
    /// The line's place in the agreement's `funding`.
    pub line: usize,
    /// The unit (its place in [`PublicBody::units`]) the money goes through: the line's own
    /// unit, else the unit of the party that gives it; `None` when neither names one.
    pub unit: Option<usize>,
}

/// Reports of one year over a body's agreements.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportCount {
    pub received: usize,
    /// Due (the year is finished and followed up) and not received.
    pub missing: usize,
}

/// A public organisation with its units and what its agreements add up to.
#[derive(Debug, Clone)]
pub struct PublicBody {
    pub org: OrgIdx,
    /// What the organisation number says it is; `None` when it has none or says nothing.
    pub kind: Option<PublicKind>,
    /// Every agreement the body is a party to, once each, in agreement order.
    pub agreements: Vec<AgreementIdx>,
    /// In alphabetical order of their names.
    pub units: Vec<Unit>,
    /// The funding lines the body gives (decided and proposed), in agreement order.
    pub lines: Vec<LineRef>,
    /// Decided money given through no named unit, per year and over all years.
    pub without_unit: BTreeMap<i32, Sum>,
    pub without_unit_total: Sum,
    /// For each goal (by number) how many of the body's agreements are linked to it.
    pub goals: BTreeMap<u8, usize>,
    /// Received and missing reports per year over the body's agreements.
    pub reports: BTreeMap<i32, ReportCount>,
}

impl PublicBody {
    /// The lines given through unit `unit` (its place in `units`).
    pub fn unit_lines(&self, unit: usize) -> impl Iterator<Item = &LineRef> {
        self.lines.iter().filter(move |l| l.unit == Some(unit))
    }
}

/// A unit as it is being gathered, before the units are sorted.
struct Gathered {
    name: String,
    agreements: Vec<AgreementIdx>,
    given: BTreeMap<i32, Sum>,
    given_total: Sum,
}

/// The public bodies among `organisations` (which have their roles), in organisation order.
pub fn public_bodies(
    entries: &[AgreementEntry],
    organisations: &[Organisation],
    collation: &Collation,
) -> Vec<PublicBody> {
    organisations
        .iter()
        .enumerate()
        .filter(|(_, o)| o.kind == PartyKind::Public)
        .map(|(i, o)| public_body(OrgIdx(i), o, entries, collation))
        .collect()
}

fn public_body(
    idx: OrgIdx,
    org: &Organisation,
    entries: &[AgreementEntry],
    collation: &Collation,
) -> PublicBody {
    let mut units: Vec<Gathered> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut unit_of = |name: &str, units: &mut Vec<Gathered>| -> usize {
        *by_key.entry(name.trim().to_lowercase()).or_insert_with(|| {
            units.push(Gathered {
                name: name.trim().to_string(),
                agreements: Vec::new(),
                given: BTreeMap::new(),
                given_total: Sum::default(),
            });
            units.len() - 1
        })
    };
    let mut agreements: Vec<AgreementIdx> = Vec::new();
    let mut lines: Vec<LineRef> = Vec::new();
    let mut without_unit: BTreeMap<i32, Sum> = BTreeMap::new();
    let mut without_unit_total = Sum::default();
    for role in &org.roles {
        if agreements.last() != Some(&role.agreement) {
            agreements.push(role.agreement);
        }
        let agreement = &entries[role.agreement.0].agreement;
        let party = agreement.party(role.party);
        let party_unit = party.unit.as_deref().map(|u| unit_of(u, &mut units));
        if let Some(u) = party_unit {
            note(&mut units[u].agreements, role.agreement);
        }
        for (li, line) in agreement.funding.iter().enumerate() {
            if line.funder != role.party {
                continue;
            }
            let unit = match line.unit.as_deref() {
                Some(name) => Some(unit_of(name, &mut units)),
                None => party_unit,
            };
            lines.push(LineRef {
                agreement: role.agreement,
                line: li,
                unit,
            });
            match unit {
                Some(u) => {
                    let g = &mut units[u];
                    note(&mut g.agreements, role.agreement);
                    add_decided(line, &mut g.given, &mut g.given_total);
                }
                None => add_decided(line, &mut without_unit, &mut without_unit_total),
            }
        }
    }
    // Roles are in agreement order, and so are the lines.
    let (units, place) = sorted_units(units, collation);
    for line in &mut lines {
        line.unit = line.unit.map(|u| place[u]);
    }
    let mut goals: BTreeMap<u8, usize> = BTreeMap::new();
    let mut reports: BTreeMap<i32, ReportCount> = BTreeMap::new();
    for &a in &agreements {
        let entry = &entries[a.0];
        let mut numbers: Vec<u8> = entry.agreement.goals.iter().map(|g| g.goal).collect();
        numbers.sort_unstable();
        numbers.dedup();
        for n in numbers {
            *goals.entry(n).or_default() += 1;
        }
        for (year, state) in &entry.reports {
            let count = reports.entry(*year).or_default();
            match state {
                ReportState::Received(_) => count.received += 1,
                ReportState::Missing => count.missing += 1,
            }
        }
    }
    PublicBody {
        org: idx,
        kind: org.org_number.as_ref().and_then(|n| n.public_kind()),
        agreements,
        units,
        lines,
        without_unit,
        without_unit_total,
        goals,
        reports,
    }
}

/// Notes agreement `a` in a list kept in agreement order (agreements come in order).
fn note(list: &mut Vec<AgreementIdx>, a: AgreementIdx) {
    if list.last() != Some(&a) {
        list.push(a);
    }
}

/// Adds a decided line to money per year and over all years, as `Organisation::given` does.
fn add_decided(line: &FundingLine, by_year: &mut BTreeMap<i32, Sum>, total: &mut Sum) {
    if line.proposed {
        return;
    }
    total.add(line.amount);
    let share = share_of_year(line);
    for year in line.years() {
        by_year.entry(year).or_default().add(share);
    }
}

/// The units in alphabetical order with ids unique within the body, and for each gathered
/// unit its new place.
fn sorted_units(gathered: Vec<Gathered>, collation: &Collation) -> (Vec<Unit>, Vec<usize>) {
    let mut order: Vec<usize> = (0..gathered.len()).collect();
    collation.sort_by_name(&mut order, |&i| gathered[i].name.as_str());
    let mut place = vec![0; gathered.len()];
    for (new, &old) in order.iter().enumerate() {
        place[old] = new;
    }
    let mut slots: Vec<Option<Gathered>> = gathered.into_iter().map(Some).collect();
    let mut used: Vec<String> = Vec::new();
    let units = order
        .iter()
        .filter_map(|&old| slots[old].take())
        .map(|g| {
            let base = slugify(&g.name);
            let mut id = base.clone();
            let mut n = 2;
            while used.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            used.push(id.clone());
            Unit {
                id,
                name: g.name,
                agreements: g.agreements,
                given: g.given,
                given_total: g.given_total,
            }
        })
        .collect();
    (units, place)
}
