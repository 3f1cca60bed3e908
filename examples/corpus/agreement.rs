//! The YAML file of one agreement, written from its plan with as many of the format's
//! optional fields as a real registry would use.

use chrono::{Datelike, NaiveDate};
use rand::Rng;
use rand::seq::{IndexedRandom, IteratorRandom};
use rand_chacha::ChaCha8Rng;

use super::names;
use super::plan::{Funding, Plan};
use super::text::push_capitalised;
use super::yaml;
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

    texts(&mut out, plan, rng);

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

/// The summary and the optional free texts, each present in most agreements.
fn texts(out: &mut String, plan: &Plan, rng: &mut ChaCha8Rng) {
    let topic = plan.topic();
    let organisation = &plan.organisation.name;
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
    yaml::text(out, 0, "summary", &summary);
    if rng.random_bool(0.8) {
        let founded = rng.random_range(1890..2015);
        let text = format!(
            "{organisation} bildades {founded} och arbetar med {}. {}\n\n{}",
            plan.theme.area,
            topic.prose(rng.random_range(2..5), rng),
            topic.prose(rng.random_range(2..4), rng)
        );
        yaml::text(out, 0, "background", &text);
    }
    if rng.random_bool(0.9) {
        let text = format!(
            "Syftet med överenskommelsen är att skapa en långsiktig samverkan kring {}. {}",
            plan.theme.area,
            topic.prose(rng.random_range(1..4), rng)
        );
        yaml::text(out, 0, "purpose", &text);
    }
    if rng.random_bool(0.9) {
        let mut text = String::new();
        push_capitalised(&mut text, plan.theme.target_group);
        text.push_str(&format!(" i {}.", topic.place));
        yaml::text(out, 0, "target_group", &text);
    }
    if rng.random_bool(0.4) {
        yaml::text(
            out,
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
        yaml::text(out, 0, "values", &text);
    }
    if rng.random_bool(0.7) {
        yaml::text(
            out,
            0,
            "termination",
            "Vardera parten kan säga upp överenskommelsen om den andra parten väsentligt bryter \
             mot den och inte rättar sig inom 30 dagar. Tvister löses i första hand genom \
             dialog.\n\nHävs överenskommelsen på grund av föreningen kan utbetalda medel behöva \
             betalas tillbaka.",
        );
    }
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
