//! The registry's cast: Sweden's 21 regions and 290 municipalities, the non-profit
//! organisations, and the people who sign and answer the phone.

use std::collections::HashSet;

use iopsite::model::site::slugify;
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::themes::THEMES;

/// The regions, each with the municipalities of its county. Gotland is both; its
/// municipal side is called "Gotlands kommun" here so all 311 names differ.
// Laid out by hand: rustfmt would put each of the 290 names on a line of its own.
#[rustfmt::skip]
const COUNTIES: [(&str, &[&str]); 21] = [
    ("Region Stockholm", &[
        "Botkyrka", "Danderyd", "Ekerö", "Haninge", "Huddinge", "Järfälla", "Lidingö", "Nacka",
        "Norrtälje", "Nykvarn", "Nynäshamn", "Salem", "Sigtuna", "Sollentuna", "Solna",
        "Stockholm", "Sundbyberg", "Södertälje", "Tyresö", "Täby", "Upplands-Bro",
        "Upplands Väsby", "Vallentuna", "Vaxholm", "Värmdö", "Österåker",
    ]),
    ("Region Uppsala", &[
        "Enköping", "Heby", "Håbo", "Knivsta", "Tierp", "Uppsala", "Älvkarleby", "Östhammar",
    ]),
    ("Region Sörmland", &[
        "Eskilstuna", "Flen", "Gnesta", "Katrineholm", "Nyköping", "Oxelösund", "Strängnäs",
        "Trosa", "Vingåker",
    ]),
    ("Region Östergötland", &[
        "Boxholm", "Finspång", "Kinda", "Linköping", "Mjölby", "Motala", "Norrköping",
        "Söderköping", "Vadstena", "Valdemarsvik", "Ydre", "Åtvidaberg", "Ödeshög",
    ]),
    ("Region Jönköpings län", &[
        "Aneby", "Eksjö", "Gislaved", "Gnosjö", "Habo", "Jönköping", "Mullsjö", "Nässjö",
        "Sävsjö", "Tranås", "Vaggeryd", "Vetlanda", "Värnamo",
    ]),
    ("Region Kronoberg", &[
        "Alvesta", "Lessebo", "Ljungby", "Markaryd", "Tingsryd", "Uppvidinge", "Växjö",
        "Älmhult",
    ]),
    ("Region Kalmar län", &[
        "Borgholm", "Emmaboda", "Hultsfred", "Högsby", "Kalmar", "Mönsterås", "Mörbylånga",
        "Nybro", "Oskarshamn", "Torsås", "Vimmerby", "Västervik",
    ]),
    ("Region Gotland", &[
        "Gotland",
    ]),
    ("Region Blekinge", &[
        "Karlshamn", "Karlskrona", "Olofström", "Ronneby", "Sölvesborg",
    ]),
    ("Region Skåne", &[
        "Bjuv", "Bromölla", "Burlöv", "Båstad", "Eslöv", "Helsingborg", "Hässleholm", "Höganäs",
        "Hörby", "Höör", "Klippan", "Kristianstad", "Kävlinge", "Landskrona", "Lomma", "Lund",
        "Malmö", "Osby", "Perstorp", "Simrishamn", "Sjöbo", "Skurup", "Staffanstorp", "Svalöv",
        "Svedala", "Tomelilla", "Trelleborg", "Vellinge", "Ystad", "Åstorp", "Ängelholm",
        "Örkelljunga", "Östra Göinge",
    ]),
    ("Region Halland", &[
        "Falkenberg", "Halmstad", "Hylte", "Kungsbacka", "Laholm", "Varberg",
    ]),
    ("Västra Götalandsregionen", &[
        "Ale", "Alingsås", "Bengtsfors", "Bollebygd", "Borås", "Dals-Ed", "Essunga",
        "Falköping", "Färgelanda", "Grästorp", "Gullspång", "Göteborg", "Götene", "Herrljunga",
        "Hjo", "Härryda", "Karlsborg", "Kungälv", "Lerum", "Lidköping", "Lilla Edet", "Lysekil",
        "Mariestad", "Mark", "Mellerud", "Munkedal", "Mölndal", "Orust", "Partille", "Skara",
        "Skövde", "Sotenäs", "Stenungsund", "Strömstad", "Svenljunga", "Tanum", "Tibro",
        "Tidaholm", "Tjörn", "Tranemo", "Trollhättan", "Töreboda", "Uddevalla", "Ulricehamn",
        "Vara", "Vårgårda", "Vänersborg", "Åmål", "Öckerö",
    ]),
    ("Region Värmland", &[
        "Arvika", "Eda", "Filipstad", "Forshaga", "Grums", "Hagfors", "Hammarö", "Karlstad",
        "Kil", "Kristinehamn", "Munkfors", "Storfors", "Sunne", "Säffle", "Torsby", "Årjäng",
    ]),
    ("Region Örebro län", &[
        "Askersund", "Degerfors", "Hallsberg", "Hällefors", "Karlskoga", "Kumla", "Laxå",
        "Lekeberg", "Lindesberg", "Ljusnarsberg", "Nora", "Örebro",
    ]),
    ("Region Västmanland", &[
        "Arboga", "Fagersta", "Hallstahammar", "Kungsör", "Köping", "Norberg", "Sala",
        "Skinnskatteberg", "Surahammar", "Västerås",
    ]),
    ("Region Dalarna", &[
        "Avesta", "Borlänge", "Falun", "Gagnef", "Hedemora", "Leksand", "Ludvika",
        "Malung-Sälen", "Mora", "Orsa", "Rättvik", "Smedjebacken", "Säter", "Vansbro",
        "Älvdalen",
    ]),
    ("Region Gävleborg", &[
        "Bollnäs", "Gävle", "Hofors", "Hudiksvall", "Ljusdal", "Nordanstig", "Ockelbo",
        "Ovanåker", "Sandviken", "Söderhamn",
    ]),
    ("Region Västernorrland", &[
        "Härnösand", "Kramfors", "Sollefteå", "Sundsvall", "Timrå", "Ånge", "Örnsköldsvik",
    ]),
    ("Region Jämtland Härjedalen", &[
        "Berg", "Bräcke", "Härjedalen", "Krokom", "Ragunda", "Strömsund", "Åre", "Östersund",
    ]),
    ("Region Västerbotten", &[
        "Bjurholm", "Dorotea", "Lycksele", "Malå", "Nordmaling", "Norsjö", "Robertsfors",
        "Skellefteå", "Sorsele", "Storuman", "Umeå", "Vilhelmina", "Vindeln", "Vännäs", "Åsele",
    ]),
    ("Region Norrbotten", &[
        "Arjeplog", "Arvidsjaur", "Boden", "Gällivare", "Haparanda", "Jokkmokk", "Kalix",
        "Kiruna", "Luleå", "Pajala", "Piteå", "Älvsbyn", "Överkalix", "Övertorneå",
    ]),
];

#[rustfmt::skip]
pub const FIRST_NAMES: &[&str] = &[
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kristina", "Johanna", "Sofia",
    "Linnea", "Elin", "Ida", "Malin", "Ulrika", "Camilla", "Fatima", "Amira", "Lars", "Mikael",
    "Johan", "Erik", "Anders", "Per", "Karl", "Peter", "Thomas", "Daniel", "Fredrik", "Magnus",
    "Jonas", "Mattias", "Ahmed", "Ali", "Oskar", "Gustav", "Bertil", "Henrik", "Nils", "Ylva",
];

#[rustfmt::skip]
pub const LAST_NAMES: &[&str] = &[
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson",
    "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Olofsson", "Lindqvist", "Lindgren", "Berg",
    "Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren", "Mattsson", "Berglund", "Fredriksson",
    "Sandberg", "Henriksson", "Hussein", "Mohammed", "Sjöberg", "Forsberg", "Wallin", "Engström",
];

/// A municipality or a region.
pub struct PublicBody {
    pub name: String,
    /// The place name used in texts and organisation names ("Kalmar", "Skåne").
    pub place: &'static str,
    /// Ten digits with a valid Luhn check digit.
    pub org_number: String,
    pub county: usize,
    pub is_region: bool,
    pub slug: String,
}

/// A non-profit organisation.
pub struct Organisation {
    pub name: String,
    pub org_number: String,
    /// Index of its home municipality in `World::bodies`.
    pub home: usize,
    pub theme: usize,
    pub slug: String,
}

/// Everyone who can be a party to an agreement.
pub struct World {
    pub bodies: Vec<PublicBody>,
    /// For each county, the index of its region in `bodies`.
    pub regions: Vec<usize>,
    pub organisations: Vec<Organisation>,
}

impl World {
    /// The public bodies and `organisations` non-profits, drawn from `rng`.
    pub fn new(organisations: usize, rng: &mut ChaCha8Rng) -> World {
        let mut bodies = Vec::with_capacity(311);
        let mut regions = Vec::with_capacity(COUNTIES.len());
        let mut municipalities = Vec::with_capacity(290);
        for (county, (region, places)) in COUNTIES.iter().enumerate() {
            regions.push(bodies.len());
            let place = region
                .trim_start_matches("Region ")
                .trim_end_matches("sregionen");
            bodies.push(PublicBody {
                name: (*region).to_string(),
                place,
                org_number: with_check_digit(&format!("232100{:03}", county * 7 + 11)),
                county,
                is_region: true,
                slug: slugify(region),
            });
            for place in *places {
                municipalities.push(bodies.len());
                let name = municipality_name(place);
                bodies.push(PublicBody {
                    slug: slugify(place),
                    org_number: with_check_digit(&format!("212000{:03}", municipalities.len() * 3)),
                    name,
                    place,
                    county,
                    is_region: false,
                });
            }
        }
        let organisations = (0..organisations)
            .scan(HashSet::new(), |taken, i| {
                Some(organisation(i, &bodies, &municipalities, taken, rng))
            })
            .collect();
        World {
            bodies,
            regions,
            organisations,
        }
    }
}

fn municipality_name(place: &str) -> String {
    match place {
        "Stockholm" => "Stockholms stad".into(),
        "Göteborg" => "Göteborgs Stad".into(),
        "Malmö" => "Malmö stad".into(),
        "Gotland" => "Gotlands kommun".into(),
        _ => format!("{place} kommun"),
    }
}

/// The `i`th organisation: a name from its theme and home town that no other has taken.
fn organisation(
    i: usize,
    bodies: &[PublicBody],
    municipalities: &[usize],
    taken: &mut HashSet<String>,
    rng: &mut ChaCha8Rng,
) -> Organisation {
    let theme = rng.random_range(0..THEMES.len());
    let home = *municipalities
        .choose(rng)
        .expect("there are 290 municipalities");
    let place = bodies[home].place;
    let mut name = String::new();
    for _ in 0..4 {
        let pattern = THEMES[theme]
            .org_names
            .choose(rng)
            .expect("every theme names organisations");
        name = pattern.replace("{}", place);
        if !taken.contains(&name) {
            break;
        }
    }
    // A big registry runs out of combinations; real registries have "avdelning 2" too.
    let mut n = 2;
    let base = name.clone();
    while taken.contains(&name) {
        name = format!("{base} avdelning {n}");
        n += 1;
    }
    taken.insert(name.clone());
    // Multiplying by a number prime to 10^7 visits every 7-digit number once, so the
    // numbers are unique for the first ten million organisations without looking random.
    let digits = (i as u64 * 7_919 + 1_234_567) % 10_000_000;
    Organisation {
        slug: slugify(&name),
        org_number: with_check_digit(&format!("80{digits:07}")),
        name,
        home,
        theme,
    }
}

/// Appends the Luhn check digit to nine digits (weights 2, 1, 2, … from the left).
pub fn with_check_digit(nine: &str) -> String {
    let sum: u32 = nine
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            if d > 9 { d - 9 } else { d }
        })
        .sum();
    format!("{nine}{}", (10 - sum % 10) % 10)
}

/// A person's full name.
pub fn person(rng: &mut ChaCha8Rng) -> (&'static str, &'static str) {
    (
        FIRST_NAMES.choose(rng).expect("names are listed"),
        LAST_NAMES.choose(rng).expect("names are listed"),
    )
}

/// An organisation number as people write it: with a dash, spaces, an en dash or nothing.
pub fn written_org_number(digits: &str, rng: &mut ChaCha8Rng) -> String {
    let (a, b) = digits.split_at(6);
    match rng.random_range(0..10) {
        0 => digits.to_string(),
        1 => format!("{a} {b}"),
        2 => format!("{} {} {}-{b}", &a[..2], &a[2..4], &a[4..]),
        3 => format!("{a}\u{2013}{b}"),
        _ => format!("{a}-{b}"),
    }
}

/// An e-mail address from a name, in plain ASCII.
pub fn email(first: &str, last: &str, domain: &str) -> String {
    format!("{}.{}@{domain}", slugify(first), slugify(last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn there_are_290_municipalities_and_21_regions_all_named_differently() {
        let world = World::new(10, &mut ChaCha8Rng::seed_from_u64(1));
        let regions = world.bodies.iter().filter(|b| b.is_region).count();
        assert_eq!(world.bodies.len() - regions, 290);
        assert_eq!(world.regions.len(), 21);
        let names: HashSet<&str> = world.bodies.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(names.len(), 311);
    }

    #[test]
    fn check_digits_pass_iopsite() {
        let world = World::new(500, &mut ChaCha8Rng::seed_from_u64(1));
        let numbers = world.bodies.iter().map(|b| &b.org_number);
        for n in numbers.chain(world.organisations.iter().map(|o| &o.org_number)) {
            assert!(iopsite::orgnr::OrgNumber::parse(n).is_ok(), "{n}");
        }
        assert_eq!(with_check_digit("212000074"), "2120000746");
    }
}
