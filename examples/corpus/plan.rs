//! The plan of one agreement: parties, years, money and key figures, drawn from the
//! agreement's own random stream. The agreement file and its reports are written from it,
//! so they agree with each other.

use chrono::{Datelike, Months, NaiveDate};
use rand::Rng;
use rand::seq::{IndexedRandom, IteratorRandom};
use rand_chacha::ChaCha8Rng;

use super::names::{Organisation, PublicBody, World};
use super::text::Topic;
use super::themes::{THEMES, Theme};
/// Boards of a region that fund non-profits, with their diary prefixes.
const REGION_BOARDS: &[(&str, &str)] = &[
    ("Regionstyrelsen", "RS"),
    ("Hälso- och sjukvårdsnämnden", "HSN"),
    ("Kulturnämnden", "KN"),
    ("Regionala utvecklingsnämnden", "RUN"),
];

/// Funding years per agreement, weighted towards three to six.
const YEARS: [(i32, u32); 6] = [(1, 4), (2, 6), (3, 15), (4, 22), (5, 23), (6, 30)];

/// First years, weighted so most agreements have ended years to report on.
const START_YEARS: [(i32, u32); 12] = [
    (2016, 14),
    (2017, 13),
    (2018, 12),
    (2019, 11),
    (2020, 10),
    (2021, 9),
    (2022, 8),
    (2023, 7),
    (2024, 6),
    (2025, 4),
    (2026, 3),
    (2027, 2),
];

/// A public party and the board of it that signs and pays.
pub struct PublicParty<'w> {
    pub body: &'w PublicBody,
    pub board: &'static str,
    pub prefix: &'static str,
}

/// A decision that extends the agreement by a year.
pub struct Extension {
    pub date: NaiveDate,
    pub to: NaiveDate,
    pub proposed: bool,
}

/// A funder's money, one amount per year from `first` (`None`: not published).
pub struct Funding {
    pub funder: usize,
    pub first: i32,
    pub amounts: Vec<Option<i64>>,
    /// Written as one line for all years (all amounts equal) rather than year by year.
    pub as_range: bool,
    pub own_contribution: bool,
}

/// A key figure of the yearly reports, one value per year of the agreement (`None`:
/// not reported that year).
pub struct Statistic {
    pub name: &'static str,
    pub unit: &'static str,
    pub values: Vec<Option<f64>>,
}

/// Everything about an agreement that its YAML file and its reports must agree on.
pub struct Plan<'w> {
    pub id: String,
    pub organisation: &'w Organisation,
    pub publics: Vec<PublicParty<'w>>,
    pub theme: &'static Theme,
    pub form: &'static str,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub extension: Option<Extension>,
    /// Funding of the original period; the extension's funding is `extension_funding`.
    pub funding: Vec<Funding>,
    pub extension_funding: Vec<Funding>,
    pub statistics: Vec<Statistic>,
}

fn weighted<T: Copy>(table: &[(T, u32)], rng: &mut ChaCha8Rng) -> T {
    table
        .choose_weighted(rng, |(_, w)| *w)
        .expect("weights are positive")
        .0
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("generated dates are real dates")
}

/// A yearly grant in kronor, rounded to 5 000: mostly tens or hundreds of thousands.
fn grant(rng: &mut ChaCha8Rng, region: bool) -> i64 {
    let exponent = rng.random_range(4.7..if region { 6.6 } else { 6.4 });
    (10f64.powf(exponent) / 5000.0).round() as i64 * 5000
}

impl<'w> Plan<'w> {
    /// Plans agreement number `i` (from 0). The first agreements take one organisation
    /// each, so every organisation of the world has at least one agreement.
    pub fn new(i: usize, world: &'w World, as_of: NaiveDate, rng: &mut ChaCha8Rng) -> Plan<'w> {
        let organisations = &world.organisations;
        let organisation = organisations
            .get(i)
            .unwrap_or_else(|| &organisations[rng.random_range(0..organisations.len())]);
        let theme = &THEMES[organisation.theme];
        let publics = public_parties(world, organisation, theme, rng);
        let form = match rng.random_range(0..20) {
            0..17 => "iop",
            17 | 18 => "operating_grant",
            _ => "other",
        };
        let (start, end, extension) = period(as_of, rng);
        let funding = funding(&publics, start.year(), end.year(), rng);
        let extension_funding = match &extension {
            None => Vec::new(),
            Some(extension) => funding
                .iter()
                .map(|f| Funding {
                    funder: f.funder,
                    first: extension.to.year(),
                    amounts: vec![*f.amounts.last().expect("a funder pays a year at least")],
                    as_range: true,
                    own_contribution: f.own_contribution,
                })
                .collect(),
        };
        let last = extension.as_ref().map_or(end, |e| e.to).year();
        let statistics = statistics(theme, (last - start.year() + 1) as usize, rng);
        Plan {
            id: format!("{}-{}-{:05}", publics[0].body.slug, theme.key, i + 1),
            organisation,
            publics,
            theme,
            form,
            start,
            end,
            extension,
            funding,
            extension_funding,
            statistics,
        }
    }

    /// The last calendar year, counting an extension.
    pub fn last_year(&self) -> i32 {
        self.extension.as_ref().map_or(self.end, |e| e.to).year()
    }

    /// The name of party `index`: the public parties first, then the organisation.
    pub fn party_name(&self, index: usize) -> &str {
        self.publics
            .get(index)
            .map_or(&self.organisation.name, |p| &p.body.name)
    }

    /// Public money for `year`, or `None` if some of it is not published.
    pub fn public_money(&self, year: i32) -> Option<i64> {
        self.funding
            .iter()
            .chain(&self.extension_funding)
            .filter(|f| !f.own_contribution)
            .filter_map(|f| {
                f.amounts
                    .get(usize::try_from(year - f.first).ok()?)
                    .copied()
            })
            .sum()
    }

    pub fn topic(&self) -> Topic<'_> {
        Topic {
            organisation: &self.organisation.name,
            public: &self.publics[0].body.name,
            place: self.publics[0].body.place,
            theme: self.theme,
        }
    }

    /// The public parties' names joined with "och".
    pub fn public_names(&self) -> String {
        let names: Vec<&str> = self.publics.iter().map(|p| p.body.name.as_str()).collect();
        names.join(" och ")
    }
}

/// The organisation's municipality, its region, or both.
fn public_parties<'w>(
    world: &'w World,
    organisation: &Organisation,
    theme: &Theme,
    rng: &mut ChaCha8Rng,
) -> Vec<PublicParty<'w>> {
    let municipality = &world.bodies[organisation.home];
    let region = &world.bodies[world.regions[municipality.county]];
    let bodies = match rng.random_range(0..100) {
        0..60 => vec![municipality],
        60..75 => vec![region],
        _ => vec![municipality, region],
    };
    bodies
        .into_iter()
        .map(|body| {
            let (board, prefix) = if body.is_region {
                *REGION_BOARDS.choose(rng).expect("boards are listed")
            } else {
                theme.board
            };
            PublicParty {
                body,
                board,
                prefix,
            }
        })
        .collect()
}

/// Start, end and perhaps an extension decided (or proposed) by `as_of`.
fn period(as_of: NaiveDate, rng: &mut ChaCha8Rng) -> (NaiveDate, NaiveDate, Option<Extension>) {
    let first = weighted(&START_YEARS, rng);
    let years = weighted(&YEARS, rng);
    let (start, end) = if rng.random_bool(0.75) {
        (date(first, 1, 1), date(first + years - 1, 12, 31))
    } else {
        // Mid-year starts run whole years, so they touch one calendar year more.
        let start = date(first, rng.random_range(2..=12), 1);
        let end = start + Months::new(12 * years as u32) - chrono::Days::new(1);
        (start, end)
    };
    let decided = end - Months::new(6);
    let extension = (rng.random_bool(0.3) && decided <= as_of).then(|| Extension {
        date: decided,
        to: date(end.year() + 1, 12, 31),
        proposed: rng.random_bool(0.25),
    });
    (start, end, extension)
}

/// Every public party pays every year from `first` to `last`; now and then the amounts
/// are not published, and some organisations state their own contribution.
fn funding(publics: &[PublicParty], first: i32, last: i32, rng: &mut ChaCha8Rng) -> Vec<Funding> {
    let publish = rng.random_bool(0.93);
    let mut funding: Vec<Funding> = publics
        .iter()
        .enumerate()
        .map(|(party, public)| {
            let base = grant(rng, public.body.is_region) as f64;
            let as_range = !publish || rng.random_bool(0.65);
            // Year-by-year lines rise by 3 % a year, as index-linked grants do.
            let raise = if as_range { 1.0 } else { 1.03f64 };
            let amounts = (0..=last - first)
                .map(|k| publish.then(|| (base * raise.powi(k) / 1000.0).round() as i64 * 1000))
                .collect();
            Funding {
                funder: party,
                first,
                amounts,
                as_range,
                own_contribution: false,
            }
        })
        .collect();
    if rng.random_bool(0.2) {
        let own = grant(rng, false) / 4 / 1000 * 1000;
        funding.push(Funding {
            funder: publics.len(),
            first,
            amounts: vec![Some(own); (last - first + 1) as usize],
            as_range: true,
            own_contribution: true,
        });
    }
    funding
}

/// Two to four key figures of the theme with a value for each of `years` years: a level,
/// a trend and some noise, and now and then a year without the figure.
fn statistics(theme: &Theme, years: usize, rng: &mut ChaCha8Rng) -> Vec<Statistic> {
    let count = rng.random_range(2..=theme.statistics.len().min(4));
    theme
        .statistics
        .iter()
        .choose_multiple(rng, count)
        .into_iter()
        .map(|&(name, unit, typical)| {
            let base = typical * rng.random_range(0.5..1.6);
            let growth: f64 = rng.random_range(0.95..1.12);
            let values = (0..years)
                .map(|k| {
                    let value = base * growth.powi(k as i32) * rng.random_range(0.92..1.08);
                    let value = match unit {
                        "procent" => value.min(100.0).round(),
                        _ if typical < 10.0 => (value.min(5.0) * 10.0).round() / 10.0,
                        _ => value.round().max(1.0),
                    };
                    (!rng.random_bool(0.04)).then_some(value)
                })
                .collect();
            Statistic { name, unit, values }
        })
        .collect()
}
