//! One agreement: first a plan (parties, years, money, key figures), drawn from the
//! agreement's own random stream, then the YAML file written from the plan.

use chrono::{Datelike, Months, NaiveDate};
use rand::Rng;
use rand::seq::{IndexedRandom, IteratorRandom};
use rand_chacha::ChaCha8Rng;

use super::names::{self, Organisation, PublicBody, World};
use super::text::{Topic, push_capitalised};
use super::themes::{THEMES, Theme};
use super::yaml;

/// Boards of a region that fund non-profits, with their diary prefixes.
const REGION_BOARDS: &[(&str, &str)] = &[
    ("Regionstyrelsen", "RS"),
    ("Hälso- och sjukvårdsnämnden", "HSN"),
    ("Kulturnämnden", "KN"),
    ("Regionala utvecklingsnämnden", "RUN"),
];

/// Funding years per agreement, weighted towards three to six.
const YEARS: [(i32, u32); 6] = [(1, 5), (2, 8), (3, 20), (4, 25), (5, 20), (6, 22)];

/// First years, weighted so most agreements have ended years to report on.
const START_YEARS: [(i32, u32); 12] = [
    (2016, 12),
    (2017, 12),
    (2018, 12),
    (2019, 11),
    (2020, 11),
    (2021, 10),
    (2022, 9),
    (2023, 8),
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
        let municipality = &world.bodies[organisation.home];
        let region = &world.bodies[world.regions[municipality.county]];
        let bodies = match rng.random_range(0..100) {
            0..60 => vec![municipality],
            60..75 => vec![region],
            _ => vec![municipality, region],
        };
        let publics: Vec<PublicParty> = bodies
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
            .collect();
        let form = match rng.random_range(0..20) {
            0..17 => "iop",
            17 | 18 => "operating_grant",
            _ => "other",
        };

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
        let extension = (rng.random_bool(0.2) && decided <= as_of).then(|| Extension {
            date: decided,
            to: date(end.year() + 1, 12, 31),
            proposed: rng.random_bool(0.25),
        });

        // Money: every public party pays every year; some also pay their own share.
        let publish = rng.random_bool(0.93);
        let mut funding: Vec<Funding> = publics
            .iter()
            .enumerate()
            .map(|(party, public)| {
                let base = grant(rng, public.body.is_region);
                let as_range = rng.random_bool(0.65);
                let amounts = (start.year()..=end.year())
                    .enumerate()
                    .map(|(k, _)| {
                        let raise = if as_range {
                            1.0
                        } else {
                            1.03f64.powi(k as i32)
                        };
                        publish.then(|| ((base as f64 * raise) / 1000.0).round() as i64 * 1000)
                    })
                    .collect();
                Funding {
                    funder: party,
                    first: start.year(),
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
                first: start.year(),
                amounts: vec![Some(own); (end.year() - start.year() + 1) as usize],
                as_range: true,
                own_contribution: true,
            });
        }
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
        let span = (last - start.year() + 1) as usize;
        let count = rng.random_range(2..=theme.statistics.len().min(4));
        let statistics = theme
            .statistics
            .iter()
            .choose_multiple(rng, count)
            .into_iter()
            .map(|&(name, unit, typical)| {
                let base = typical * rng.random_range(0.5..1.6);
                let growth: f64 = rng.random_range(0.95..1.12);
                let values = (0..span)
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
            .collect();

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

    fn public_names(&self) -> String {
        let names: Vec<&str> = self.publics.iter().map(|p| p.body.name.as_str()).collect();
        names.join(" och ")
    }
}

/// Whole kronor with a space between thousands, as in Swedish running text.
pub fn kronor(amount: i64) -> String {
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + 4);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The agreement file for `plan`.
pub fn yaml(plan: &Plan, rng: &mut ChaCha8Rng) -> String {
    let mut out = String::with_capacity(8 * 1024);
    let topic = plan.topic();
    let organisation = &plan.organisation.name;
    let title = match plan.form {
        "operating_grant" => format!("Överenskommelse om verksamhetsbidrag till {organisation}"),
        _ => format!(
            "Överenskommelse om idéburet offentligt partnerskap mellan {organisation} och {}",
            plan.public_names()
        ),
    };
    yaml::field(&mut out, 0, "title", &title);
    let activity = plan.theme.activities[0].0;
    yaml::field(
        &mut out,
        0,
        "short_title",
        &format!("{organisation} – {activity}"),
    );
    yaml::raw(&mut out, 0, "form", plan.form);
    let diary: Vec<String> = plan
        .publics
        .iter()
        .map(|p| diary_number(p.prefix, plan.start.year() - 1, rng))
        .collect();
    yaml::raw(
        &mut out,
        0,
        "diary_numbers",
        format!("[{}]", diary.join(", ")),
    );

    let money = match plan.public_money(plan.start.year()) {
        Some(sum) => format!(
            "Den offentliga finansieringen är {} kronor det första året.",
            kronor(sum)
        ),
        None => "Hur mycket som betalas står i en bilaga som inte är publicerad.".to_string(),
    };
    let summary = format!(
        "{} och {organisation} samarbetar kring {}. {money} Överenskommelsen gäller {} till {}.",
        plan.public_names(),
        plan.theme.area,
        plan.start,
        plan.end
    );
    yaml::text(&mut out, 0, "summary", &summary);
    if rng.random_bool(0.8) {
        let founded = rng.random_range(1890..2015);
        let text = format!(
            "{organisation} bildades {founded} och arbetar med {}. {}\n\n{}",
            plan.theme.area,
            topic.prose(rng.random_range(2..5), rng),
            topic.prose(rng.random_range(2..4), rng)
        );
        yaml::text(&mut out, 0, "background", &text);
    }
    if rng.random_bool(0.9) {
        let text = format!(
            "Syftet med överenskommelsen är att skapa en långsiktig samverkan kring {}. {}",
            plan.theme.area,
            topic.prose(rng.random_range(1..4), rng)
        );
        yaml::text(&mut out, 0, "purpose", &text);
    }
    if rng.random_bool(0.9) {
        let mut text = String::new();
        push_capitalised(&mut text, plan.theme.target_group);
        text.push_str(&format!(" i {}.", topic.place));
        yaml::text(&mut out, 0, "target_group", &text);
    }
    if rng.random_bool(0.4) {
        yaml::text(
            &mut out,
            0,
            "delimitations",
            "Överenskommelsen omfattar inte myndighetsutövning eller verksamhet som föreningen bedriver med andra intäkter.",
        );
    }
    if rng.random_bool(0.6) {
        let text = format!(
            "Partnerskapet bygger på respekt för parternas olika förutsättningar, öppenhet och ömsesidig tillit. {}",
            topic.prose(1, rng)
        );
        yaml::text(&mut out, 0, "values", &text);
    }
    if rng.random_bool(0.7) {
        yaml::text(
            &mut out,
            0,
            "termination",
            "Vardera parten kan säga upp överenskommelsen om den andra parten väsentligt bryter mot den och inte rättar sig inom 30 dagar. Tvister löses i första hand genom dialog.\n\nHävs överenskommelsen på grund av föreningen kan utbetalda medel behöva betalas tillbaka.",
        );
    }

    out.push_str("objectives:\n");
    let count = rng.random_range(1..=3);
    for objective in plan.theme.objectives.choose_multiple(rng, count) {
        yaml::item(&mut out, 2, objective);
    }
    out.push_str("activities:\n");
    let activities = plan.theme.activities;
    let count = rng.random_range(1..=activities.len());
    for (name, description, volume) in activities.choose_multiple(rng, count) {
        yaml::field(&mut out, 2, "- name", name);
        if rng.random_bool(0.9) {
            yaml::text(&mut out, 4, "description", description);
        }
        if !volume.is_empty() {
            yaml::field(&mut out, 4, "volume", volume);
        }
    }
    sources(&mut out, plan, &title, rng);
    parties(&mut out, plan, rng);
    period(&mut out, plan, rng);
    out.push_str("\nfunding:\n");
    for f in &plan.funding {
        funding_lines(&mut out, 2, plan, f, rng);
    }
    if rng.random_bool(0.4) {
        yaml::text(
            &mut out,
            0,
            "in_kind",
            "Föreningen bidrar med frivilliga insatser, lokaler och kunskap om målgruppen.",
        );
    }
    if rng.random_bool(0.6) {
        yaml::field(
            &mut out,
            0,
            "payment",
            "Utbetalning i förskott två gånger per år.",
        );
    }
    follow_up(&mut out, plan, rng);
    decisions(&mut out, plan, &diary, rng);
    goals(&mut out, plan, rng);
    out
}

fn diary_number(prefix: &str, year: i32, rng: &mut ChaCha8Rng) -> String {
    format!("{prefix} {year}/{:04}", rng.random_range(1..2000))
}

fn sources(out: &mut String, plan: &Plan, title: &str, rng: &mut ChaCha8Rng) {
    out.push_str("sources:\n");
    yaml::field(out, 2, "- title", title);
    let signed = plan.start - chrono::Days::new(rng.random_range(5..60));
    yaml::raw(out, 4, "date", signed);
    if rng.random_bool(0.5) {
        let url = format!(
            "https://{}.example.org/diarium/{}.pdf",
            plan.publics[0].body.slug, plan.id
        );
        yaml::field(out, 4, "url", &url);
    } else {
        yaml::field(
            out,
            4,
            "file",
            &format!(
                "{:03}_{:016x}.txt",
                rng.random_range(0..1000),
                rng.random::<u64>()
            ),
        );
    }
    if rng.random_bool(0.2) {
        yaml::field(
            out,
            2,
            "- title",
            &format!("Protokoll från {}", plan.publics[0].board.to_lowercase()),
        );
    }
}

fn parties(out: &mut String, plan: &Plan, rng: &mut ChaCha8Rng) {
    out.push_str("\nparties:\n");
    for public in &plan.publics {
        let body = public.body;
        yaml::field(out, 2, "- name", &body.name);
        yaml::raw(out, 4, "kind", "public");
        if rng.random_bool(0.95) {
            yaml::field(
                out,
                4,
                "org_number",
                &names::written_org_number(&body.org_number, rng),
            );
        }
        yaml::field(out, 4, "unit", public.board);
        yaml::field(
            out,
            4,
            "address",
            &format!(
                "Box {}, {} {}",
                rng.random_range(1..900),
                postcode(rng),
                body.place
            ),
        );
        let role = format!("Ordförande i {}", public.board.to_lowercase());
        people(
            out,
            &format!("{}.example.org", body.slug),
            &role,
            plan.start,
            rng,
        );
    }
    let organisation = plan.organisation;
    yaml::field(out, 2, "- name", &organisation.name);
    yaml::raw(out, 4, "kind", "nonprofit");
    if rng.random_bool(0.95) {
        yaml::field(
            out,
            4,
            "org_number",
            &names::written_org_number(&organisation.org_number, rng),
        );
    }
    let street = [
        "Storgatan",
        "Kyrkogatan",
        "Skolgatan",
        "Parkvägen",
        "Hamngatan",
    ]
    .choose(rng)
    .expect("streets are listed");
    let place = plan.publics[0].body.place;
    yaml::field(
        out,
        4,
        "address",
        &format!(
            "{street} {}, {} {place}",
            rng.random_range(1..80),
            postcode(rng)
        ),
    );
    people(
        out,
        &format!("{}.example.org", organisation.slug),
        "Ordförande",
        plan.start,
        rng,
    );
}

fn postcode(rng: &mut ChaCha8Rng) -> String {
    format!(
        "{} {:02}",
        rng.random_range(100..990),
        rng.random_range(0..100)
    )
}

/// Contacts and signatories of a party.
fn people(out: &mut String, domain: &str, role: &str, start: NaiveDate, rng: &mut ChaCha8Rng) {
    if rng.random_bool(0.8) {
        out.push_str("    contacts:\n");
        for _ in 0..rng.random_range(1..=2) {
            let (first, last) = names::person(rng);
            yaml::field(out, 6, "- name", &format!("{first} {last}"));
            yaml::field(out, 8, "role", "Kontaktperson");
            let phone = format!(
                "0{}-{} {:02} {:02}",
                rng.random_range(10..99),
                rng.random_range(100..999),
                rng.random_range(0..100),
                rng.random_range(0..100)
            );
            yaml::field(out, 8, "phone", &phone);
            yaml::field(out, 8, "email", &names::email(first, last, domain));
        }
    }
    if rng.random_bool(0.7) {
        out.push_str("    signatories:\n");
        let (first, last) = names::person(rng);
        yaml::field(out, 6, "- name", &format!("{first} {last}"));
        yaml::field(out, 8, "role", role);
        if rng.random_bool(0.7) {
            yaml::raw(
                out,
                8,
                "date",
                start - chrono::Days::new(rng.random_range(1..30)),
            );
        }
    }
}

fn period(out: &mut String, plan: &Plan, rng: &mut ChaCha8Rng) {
    out.push_str("\nperiod:\n");
    yaml::raw(out, 2, "start", plan.start);
    yaml::raw(out, 2, "end", plan.end);
    if rng.random_bool(0.5) {
        yaml::raw(out, 2, "ends_without_notice", true);
    }
    if plan.extension.is_some() || rng.random_bool(0.3) {
        out.push_str("  extension:\n");
        yaml::raw(out, 4, "max_years", rng.random_range(1..=2));
        if rng.random_bool(0.6) {
            yaml::raw(
                out,
                4,
                "decision_months_before_end",
                rng.random_range(3..=9),
            );
        }
    }
    if rng.random_bool(0.5) {
        yaml::field(
            out,
            2,
            "notice",
            "Sex månaders uppsägning vid väsentligt avtalsbrott.",
        );
    }
    if rng.random_bool(0.3) {
        let since = plan.start.year() - rng.random_range(2..8);
        yaml::field(
            out,
            2,
            "previous",
            &format!("Parterna har samarbetat sedan {since}."),
        );
    }
}

/// The funding lines of one funder at `indent`: one line for a range, else one a year.
fn funding_lines(out: &mut String, indent: usize, plan: &Plan, f: &Funding, rng: &mut ChaCha8Rng) {
    let last = f.first + f.amounts.len() as i32 - 1;
    let lines: Vec<(String, Option<i64>)> = if f.as_range {
        let years = if last == f.first {
            f.first.to_string()
        } else {
            format!("{}-{last}", f.first)
        };
        vec![(years, f.amounts[0])]
    } else {
        (f.first..)
            .map(|y| y.to_string())
            .zip(f.amounts.iter().copied())
            .collect()
    };
    let unit = (!f.own_contribution && rng.random_bool(0.6)).then(|| plan.publics[f.funder].board);
    let note = rng.random_bool(0.1);
    for (years, amount) in lines {
        yaml::raw(out, indent, "- years", &years);
        yaml::field(out, indent + 2, "funder", plan.party_name(f.funder));
        if let Some(unit) = unit {
            yaml::field(out, indent + 2, "unit", unit);
        }
        match amount {
            Some(kronor) => yaml::raw(out, indent + 2, "amount", kronor),
            None => yaml::raw(out, indent + 2, "amount", "unpublished"),
        }
        if f.own_contribution {
            yaml::field(
                out,
                indent + 2,
                "note",
                "Föreningens egen insats i form av eget kapital.",
            );
        } else if note {
            yaml::field(
                out,
                indent + 2,
                "note",
                "Beloppet räknas upp med kommunens index varje år.",
            );
        }
    }
}

fn follow_up(out: &mut String, plan: &Plan, rng: &mut ChaCha8Rng) {
    if !rng.random_bool(0.8) {
        return;
    }
    out.push_str("\nfollow_up:\n");
    yaml::raw(out, 2, "meetings_per_year", rng.random_range(1..=4));
    let convener = rng.random_range(0..=plan.publics.len());
    yaml::field(out, 2, "convener", plan.party_name(convener));
    out.push_str("  reports:\n");
    yaml::field(out, 4, "- name", "Verksamhetsberättelse");
    yaml::field(out, 6, "to", plan.publics[0].board);
    yaml::field(out, 6, "due", "Senast den 31 mars året efter");
    if rng.random_bool(0.5) {
        yaml::field(out, 4, "- name", "Ekonomisk redovisning");
    }
    if rng.random_bool(0.4) {
        yaml::text(
            out,
            2,
            "notes",
            "Parterna följer upp överenskommelsen på dialogmöten och gör en gemensam utvärdering det sista året.",
        );
    }
}

fn decisions(out: &mut String, plan: &Plan, diary: &[String], rng: &mut ChaCha8Rng) {
    let approved = rng.random_bool(0.5);
    if !approved && plan.extension.is_none() {
        return;
    }
    out.push_str("\ndecisions:\n");
    let public = &plan.publics[0];
    let body = format!("{}, {}", public.board, public.body.name);
    if approved {
        yaml::raw(
            out,
            2,
            "- date",
            plan.start - chrono::Days::new(rng.random_range(30..120)),
        );
        yaml::field(out, 4, "body", &body);
        yaml::field(out, 4, "diary_number", &diary[0]);
        yaml::field(out, 4, "summary", "Beslut att ingå överenskommelsen.");
    }
    if let Some(extension) = &plan.extension {
        yaml::raw(out, 2, "- date", extension.date);
        yaml::field(out, 4, "body", &body);
        yaml::field(
            out,
            4,
            "diary_number",
            &diary_number(public.prefix, extension.date.year(), rng),
        );
        let summary = format!(
            "Förlängning av överenskommelsen till och med {}.",
            extension.to
        );
        yaml::text(out, 4, "summary", &summary);
        if extension.proposed {
            yaml::raw(out, 4, "status", "proposed");
        }
        yaml::raw(out, 4, "extends_to", extension.to);
        out.push_str("    funding:\n");
        for f in &plan.extension_funding {
            funding_lines(out, 6, plan, f, rng);
        }
    }
}

fn goals(out: &mut String, plan: &Plan, rng: &mut ChaCha8Rng) {
    let count = rng.random_range(0..=5);
    if count == 0 {
        return;
    }
    let mut goals: Vec<u8> = plan.theme.goals.to_vec();
    while goals.len() < count {
        let goal = rng.random_range(1..=17);
        if !goals.contains(&goal) {
            goals.push(goal);
        }
    }
    out.push_str("\ngoals:\n");
    for &goal in &goals[..count] {
        yaml::raw(out, 2, "- goal", goal);
        let named = rng.random_bool(0.5);
        yaml::raw(out, 4, "basis", if named { "named" } else { "assessed" });
        if rng.random_bool(0.6) {
            let motivation = format!(
                "Verksamheten bidrar till målet genom arbetet med {}.",
                plan.theme.area
            );
            yaml::text(out, 4, "motivation", &motivation);
        }
        if rng.random_bool(0.4) {
            // The candidates are checked against iopsite's own list of the 169 targets.
            let count = rng.random_range(1..=2);
            let targets: Vec<String> = (1..=19)
                .map(|n| format!("{goal}.{n}"))
                .chain(["a", "b", "c", "d"].map(|l| format!("{goal}.{l}")))
                .filter(|t| iopsite::model::agenda2030::is_target_of(goal, t))
                .choose_multiple(rng, count);
            let quoted: Vec<String> = targets.iter().map(|t| format!("\"{t}\"")).collect();
            yaml::raw(out, 4, "targets", format!("[{}]", quoted.join(", ")));
        }
    }
}
