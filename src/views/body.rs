//! The public bodies: their index, the part of an organisation's page only a public body
//! has (money per year and unit, units, goals, reports, its own data files), and the pages
//! of their units.

use std::collections::BTreeMap;

use serde::Serialize;

use super::pager::{Pager, page_of};
use super::{AgreementRow, Ctx, GoalRef, Link, Money, View, YearAmount, by_year};
use crate::config::Language;
use crate::export::{BodyRows, Format, body_file_name};
use crate::model::bodies::PublicBody;
use crate::model::site::Sum;
use crate::orgnr::PublicKind;
use crate::present::charts::{BarChart, PALETTE, Stack};
use crate::present::urls;

/// Links to the data files of a body or a unit: just its rows.
#[derive(Debug, Serialize)]
pub struct DataFiles {
    pub agreements_csv: String,
    pub agreements_json: String,
    pub funding_csv: String,
    pub funding_json: String,
}

impl DataFiles {
    fn of(body: &str, unit: Option<&str>) -> DataFiles {
        let path = |rows, format| urls::body_data(body, unit, &body_file_name(rows, format));
        DataFiles {
            agreements_csv: path(BodyRows::Agreements, Format::Csv),
            agreements_json: path(BodyRows::Agreements, Format::Json),
            funding_csv: path(BodyRows::Funding, Format::Csv),
            funding_json: path(BodyRows::Funding, Format::Json),
        }
    }
}

/// What a public body's page shows besides what every organisation's page does.
#[derive(Debug, Serialize)]
pub struct BodySection<'a> {
    /// Municipality, region, agency or other public body, in words.
    pub kind_label: &'a str,
    pub unit_count: usize,
    /// The sections below are filled in on the first page of the list only: later pages
    /// are for the agreements.
    pub full: bool,
    pub chart: Option<String>,
    /// The names of the columns of `by_year` (the chart's series) when there are several.
    pub series: Vec<String>,
    /// The smaller units are summed as one series.
    pub others: bool,
    pub by_year: Vec<BodyYear>,
    pub units: Vec<UnitRow<'a>>,
    /// Decided money given through no named unit.
    pub without_unit: Option<Money>,
    pub goals: Vec<GoalCount<'a>>,
    pub reports: Vec<ReportYear>,
    pub data: DataFiles,
}

/// One year of a body's money: per series (unit) when there are several, and in all.
#[derive(Debug, Serialize)]
pub struct BodyYear {
    pub year: i32,
    pub cells: Vec<Option<Money>>,
    pub total: Money,
}

#[derive(Debug, Serialize)]
pub struct UnitRow<'a> {
    pub name: &'a str,
    pub url: String,
    pub agreement_count: usize,
    pub given: Money,
    /// Some decided money goes through the unit.
    pub gives: bool,
}

#[derive(Debug, Serialize)]
pub struct GoalCount<'a> {
    pub goal: GoalRef<'a>,
    pub agreement_count: usize,
}

/// Reports of one year over a body's agreements: how many are in of those due or in.
#[derive(Debug, Serialize)]
pub struct ReportYear {
    pub year: i32,
    pub received: usize,
    pub missing: usize,
    /// Received and missing together.
    pub expected: usize,
}

/// A unit's page.
#[derive(Debug, Serialize)]
pub struct UnitPage<'a> {
    pub body: Link<'a>,
    pub name: &'a str,
    pub url: String,
    pub agreement_count: usize,
    pub given: Money,
    pub by_year: Vec<YearAmount>,
    pub agreements: Vec<AgreementRow<'a>>,
    pub pager: Pager,
    pub data: DataFiles,
}

/// The index of public bodies.
#[derive(Debug, Serialize)]
pub struct BodyIndex<'a> {
    /// The last calendar year finished by the build date.
    pub latest_year: i32,
    pub count: usize,
    pub groups: Vec<BodyGroup<'a>>,
}

/// The bodies of one kind, by initial letter.
#[derive(Debug, Serialize)]
pub struct BodyGroup<'a> {
    pub id: &'static str,
    pub name: &'a str,
    pub count: usize,
    pub letters: Vec<LetterSection<'a>>,
}

/// The bodies whose names begin with one letter; `anchor` is the id to jump to.
#[derive(Debug, Serialize)]
pub struct LetterSection<'a> {
    pub letter: String,
    pub anchor: String,
    pub rows: Vec<BodyRow<'a>>,
}

#[derive(Debug, Serialize)]
pub struct BodyRow<'a> {
    pub name: &'a str,
    pub url: String,
    pub agreement_count: usize,
    /// Decided money in the latest full year; `None`: none that year.
    pub latest: Option<Money>,
    pub total: Money,
    pub gives: bool,
    pub unit_count: usize,
}

/// One series of a body's chart: a unit, the other units together, or no unit.
struct Series {
    name: String,
    by_year: BTreeMap<i32, Money>,
}

/// The groups of the index, in the order shown, with their ids.
const GROUPS: [(Option<PublicKind>, &str); 4] = [
    (Some(PublicKind::Municipality), "municipalities"),
    (Some(PublicKind::Region), "regions"),
    (Some(PublicKind::Agency), "agencies"),
    (None, "other"),
];

impl<'a> Ctx<'a> {
    fn kind_label(&self, kind: Option<PublicKind>) -> &'a str {
        self.t.text(match kind {
            Some(PublicKind::Municipality) => "body_kind_municipality",
            Some(PublicKind::Region) => "body_kind_region",
            Some(PublicKind::Agency) => "body_kind_agency",
            None => "body_kind_other",
        })
    }

    fn group_name(&self, kind: Option<PublicKind>) -> &'a str {
        self.t.text(match kind {
            Some(PublicKind::Municipality) => "body_group_municipalities",
            Some(PublicKind::Region) => "body_group_regions",
            Some(PublicKind::Agency) => "body_group_agencies",
            None => "body_group_other",
        })
    }

    /// The public body part of organisation page; `full` on the list's first page.
    pub(super) fn body_section(&self, b: usize, full: bool) -> BodySection<'a> {
        let body = &self.site.bodies[b];
        let org = &self.site[body.org];
        let mut section = BodySection {
            kind_label: self.kind_label(body.kind),
            unit_count: body.units.len(),
            full,
            chart: None,
            series: Vec::new(),
            others: false,
            by_year: Vec::new(),
            units: Vec::new(),
            without_unit: None,
            goals: Vec::new(),
            reports: Vec::new(),
            data: DataFiles::of(&org.id, None),
        };
        if !full {
            return section;
        }
        let years: Vec<i32> = org.given.keys().copied().collect();
        let (series, others) = self.series(body);
        section.others = others;
        section.by_year = years
            .iter()
            .map(|y| BodyYear {
                year: *y,
                cells: if series.len() > 1 {
                    series.iter().map(|s| s.by_year.get(y).copied()).collect()
                } else {
                    Vec::new()
                },
                total: org
                    .given
                    .get(y)
                    .copied()
                    .map(Money::from)
                    .unwrap_or_default(),
            })
            .collect();
        section.chart = self.body_chart(&org.name, &years, &series);
        if series.len() > 1 {
            section.series = series.into_iter().map(|s| s.name).collect();
        }
        section.units = body
            .units
            .iter()
            .map(|u| UnitRow {
                name: &u.name,
                url: urls::unit(&org.id, &u.id),
                agreement_count: u.agreements.len(),
                given: u.given_total.into(),
                gives: u.given_total.lines > 0,
            })
            .collect();
        section.without_unit =
            (body.without_unit_total.lines > 0).then(|| body.without_unit_total.into());
        section.goals = body
            .goals
            .iter()
            .map(|(&n, &count)| GoalCount {
                goal: self.goal_ref(n),
                agreement_count: count,
            })
            .collect();
        section.reports = body
            .reports
            .iter()
            .map(|(&year, c)| ReportYear {
                year,
                received: c.received,
                missing: c.missing,
                expected: c.received + c.missing,
            })
            .collect();
        section
    }

    /// The chart's series: each unit that gives decided money, the largest first; past
    /// what the palette can tell apart, the rest as one "other units"; and money through no
    /// named unit last. Each series holds money per year; `true` with "other units".
    fn series(&self, body: &PublicBody) -> (Vec<Series>, bool) {
        let series = |name: String, by: &BTreeMap<i32, Sum>| Series {
            name,
            by_year: by.iter().map(|(y, s)| (*y, Money::from(*s))).collect(),
        };
        let mut giving: Vec<usize> = (0..body.units.len())
            .filter(|&u| body.units[u].given_total.lines > 0)
            .collect();
        // Largest first; units are in alphabetical order, which breaks ties.
        giving.sort_by_key(|&u| std::cmp::Reverse(body.units[u].given_total.kronor));
        let has_none = body.without_unit_total.lines > 0;
        let room = PALETTE.len() - usize::from(has_none);
        let shown = if giving.len() > room {
            room - 1
        } else {
            giving.len()
        };
        let mut all: Vec<Series> = giving[..shown]
            .iter()
            .map(|&u| series(body.units[u].name.clone(), &body.units[u].given))
            .collect();
        let others = giving.len() > shown;
        if others {
            let mut rest: BTreeMap<i32, Sum> = BTreeMap::new();
            for &u in &giving[shown..] {
                for (y, s) in &body.units[u].given {
                    *rest.entry(*y).or_default() += *s;
                }
            }
            all.push(series(self.t.get("body_other_units"), &rest));
        }
        if has_none {
            all.push(series(self.t.get("body_no_unit"), &body.without_unit));
        }
        (all, others)
    }

    fn body_chart(&self, name: &str, years: &[i32], series: &[Series]) -> Option<String> {
        if years.is_empty() {
            return None;
        }
        self.bar_chart(&BarChart {
            proposed: Vec::new(),
            id: "body-chart".into(),
            title: self.t.text("body_chart_title").replace("{name}", name),
            years: years.to_vec(),
            stacks: series
                .iter()
                .map(|s| Stack {
                    name: s.name.clone(),
                    own: false,
                    values: years.iter().map(|y| s.by_year.get(y).copied()).collect(),
                })
                .collect(),
        })
    }

    /// Page `number` (from 1) of unit `unit` of public body `b`.
    pub fn unit(&self, b: usize, unit: usize, number: usize) -> View<'a> {
        let body = &self.site.bodies[b];
        let org = &self.site[body.org];
        let u = &body.units[unit];
        let url = urls::unit(&org.id, &u.id);
        let pager = Pager::new(&url, number, u.agreements.len(), self.rows_per_page());
        let page = UnitPage {
            body: Link {
                name: &org.name,
                url: urls::organisation(&org.id),
            },
            name: &u.name,
            agreement_count: u.agreements.len(),
            given: u.given_total.into(),
            by_year: by_year(&u.given),
            agreements: page_of(&u.agreements, number, self.rows_per_page())
                .iter()
                .map(|&a| self.agreement_row(&self.site[a]))
                .collect(),
            data: DataFiles::of(&org.id, Some(&u.id)),
            url,
            pager,
        };
        let title = self
            .t
            .text("unit_title")
            .replace("{unit}", &u.name)
            .replace("{body}", &org.name);
        let title = self.paged_title(&title, &page.pager).into_owned();
        View::new(title, "unit", page)
    }

    /// The index of public bodies, by kind and initial letter.
    pub fn public_bodies(&self) -> View<'a> {
        let site = self.site;
        let latest_year = chrono::Datelike::year(&site.config.as_of) - 1;
        let language = site.config.content_language;
        let groups = GROUPS
            .iter()
            .filter_map(|&(kind, id)| {
                let mut letters: Vec<LetterSection> = Vec::new();
                let mut count = 0;
                // Bodies are in alphabetical order, as organisations are.
                for body in site.bodies.iter().filter(|b| b.kind == kind) {
                    let org = &site[body.org];
                    let letter = initial(&org.name, language);
                    let row = BodyRow {
                        name: &org.name,
                        url: urls::organisation(&org.id),
                        agreement_count: body.agreements.len(),
                        latest: org.given.get(&latest_year).map(|s| Money::from(*s)),
                        total: org.given_total.into(),
                        gives: org.given_total.lines > 0,
                        unit_count: body.units.len(),
                    };
                    count += 1;
                    // A letter the collation puts apart from its first run joins that run
                    // rather than repeat its anchor.
                    match letters.iter_mut().find(|l| l.letter == letter) {
                        Some(section) => section.rows.push(row),
                        None => letters.push(LetterSection {
                            anchor: format!("letter-{id}-{}", letter_key(&letter)),
                            letter,
                            rows: vec![row],
                        }),
                    }
                }
                (count > 0).then(|| BodyGroup {
                    id,
                    name: self.group_name(kind),
                    count,
                    letters,
                })
            })
            .collect();
        let index = BodyIndex {
            latest_year,
            count: site.bodies.len(),
            groups,
        };
        View::new(self.t.text("public_bodies"), "bodies", index)
    }
}

/// The letter a name is listed under: its first letter or digit, upper case, with accents
/// the content language's alphabet does not have as letters of their own taken off.
fn initial(name: &str, language: Language) -> String {
    let Some(c) = name.chars().find(|c| c.is_alphanumeric()) else {
        return "#".to_string();
    };
    if c.is_numeric() {
        return "#".to_string();
    }
    let upper = c.to_uppercase().next().unwrap_or(c);
    let base = match upper {
        'Á' | 'À' | 'Â' => 'A',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
        'Ó' | 'Ò' | 'Ô' => 'O',
        'Ú' | 'Ù' | 'Û' => 'U',
        c => c,
    };
    let base = match (language, base) {
        // In Swedish, ü is a y, æ an ä and ø an ö.
        (Language::Sv, 'Ü') => 'Y',
        (Language::Sv, 'Æ') => 'Ä',
        (Language::Sv, 'Ø') => 'Ö',
        (Language::Sv, c) => c,
        (Language::En, 'Å' | 'Ä') => 'A',
        (Language::En, 'Ö' | 'Ø') => 'O',
        (Language::En, 'Ü') => 'U',
        (Language::En, c) => c,
    };
    base.to_string()
}

/// The letter as a part of an HTML id: a–z as they are, å ä ö as aa ae oe, any other
/// letter by its code point.
fn letter_key(letter: &str) -> String {
    letter
        .chars()
        .map(|c| match c {
            'A'..='Z' => c.to_ascii_lowercase().to_string(),
            'Å' => "aa".to_string(),
            'Ä' => "ae".to_string(),
            'Ö' => "oe".to_string(),
            '#' => "digits".to_string(),
            c => format!("u{:x}", u32::from(c)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_follow_the_alphabet() {
        assert_eq!(initial("Åre kommun", Language::Sv), "Å");
        assert_eq!(initial("Åre kommun", Language::En), "A");
        assert_eq!(initial("Östra Göinge", Language::Sv), "Ö");
        assert_eq!(initial("Émile", Language::Sv), "E");
        assert_eq!(initial("\"1 Region\"", Language::Sv), "#");
        assert_eq!(letter_key("Ä"), "ae");
        assert_eq!(letter_key("Q"), "q");
        assert_eq!(letter_key("Ł"), "u141");
    }
}
