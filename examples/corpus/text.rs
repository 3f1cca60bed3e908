//! Swedish-looking prose from a small grammar: sentences are put together from openers,
//! subjects, verbs, objects and endings, with the words of the agreement's theme mixed in.
//! The text means little, but it has the length, rhythm and vocabulary of a real report.

use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::themes::Theme;

/// What the sentences of one agreement talk about.
pub struct Topic<'a> {
    pub organisation: &'a str,
    /// The main public party ("Kalmar kommun").
    pub public: &'a str,
    pub place: &'a str,
    pub theme: &'a Theme,
}

const OPENERS: &[&str] = &[
    "Under året",
    "Under våren",
    "Under hösten",
    "Efter sommaren",
    "I början av året",
    "Under andra halvåret",
    "Precis som tidigare år",
    "Med stöd av överenskommelsen",
    "Därför",
    "Dessutom",
    "Samtidigt",
    "Sedan förra året",
];

const SUBJECTS: &[&str] = &[
    "föreningen",
    "vi",
    "våra frivilliga",
    "personalen",
    "styrelsen",
    "ledningen",
    "arbetsgruppen",
];

const PARTICIPLES: &[&str] = &[
    "genomfört",
    "utvecklat",
    "fortsatt att utveckla",
    "arbetat med",
    "erbjudit",
    "startat",
    "stärkt",
    "följt upp",
    "planerat",
    "utvärderat",
    "prioriterat",
];

const PRESENT: &[&str] = &[
    "erbjuder",
    "utvecklar",
    "driver",
    "följer upp",
    "planerar",
    "prioriterar",
    "samordnar",
];

const GENERIC_OBJECTS: &[&str] = &[
    "verksamheten",
    "samarbetet med kommunen",
    "rutinerna för uppföljning",
    "introduktionen av nya frivilliga",
    "barnrättsperspektivet i verksamheten",
    "kontakterna med skolorna",
    "informationen på webbplatsen",
    "utbildningen av ledare",
    "dokumentationen av insatserna",
    "dialogen med målgruppen",
];

const ENDINGS: &[&str] = &[
    "",
    "",
    "",
    " för att nå fler i målgruppen",
    " trots begränsade resurser",
    " med hjälp av frivilliga",
    " enligt den gemensamma handlingsplanen",
    ", vilket har gett tydliga resultat",
    " och sett ett ökat intresse",
    " under hela året",
    " i samråd med deltagarna",
];

const ADJECTIVES: &[&str] = &[
    "viktigt",
    "glädjande",
    "avgörande",
    "tydligt",
    "värdefullt",
    "nödvändigt",
];

const PARTNERSHIP: &[&str] = &[
    "har fungerat väl",
    "har utvecklats under året",
    "behöver fördjupas",
    "bygger på ömsesidig tillit",
    "har blivit mer strukturerat",
    "har präglats av öppenhet och respekt",
];

const EXPERIENCES: &[&str] = &[
    "har fått bättre tillgång till",
    "har tagit del av",
    "har varit med och format",
    "har efterfrågat mer av",
    "uppskattar särskilt",
];

const CLOSING: &[&str] = &[
    "Det visar att behovet finns kvar.",
    "Erfarenheterna tar vi med oss in i nästa år.",
    "Det har inte alltid varit enkelt, men resultatet är tydligt.",
    "Flera deltagare har själva börjat engagera sig som frivilliga.",
    "Uppföljningen visar att arbetssättet fungerar.",
    "Vi ser ett fortsatt stort behov av insatserna.",
    "Lokalerna har varit en begränsning under delar av året.",
    "Intresset från nya frivilliga har varit stort.",
];

fn pick(list: &[&'static str], rng: &mut ChaCha8Rng) -> &'static str {
    list.choose(rng).expect("word lists are not empty")
}

/// Appends `text` with its first letter capitalised.
pub fn push_capitalised(out: &mut String, text: &str) {
    let mut chars = text.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

impl Topic<'_> {
    fn object(&self, rng: &mut ChaCha8Rng) -> &str {
        if rng.random_bool(0.55) {
            pick(self.theme.objects, rng)
        } else {
            pick(GENERIC_OBJECTS, rng)
        }
    }

    /// Appends one sentence, starting with a space unless `out` is empty or ends a line.
    pub fn sentence(&self, rng: &mut ChaCha8Rng, out: &mut String) {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push(' ');
        }
        match rng.random_range(0..10) {
            0..=2 => {
                out.push_str(pick(OPENERS, rng));
                out.push_str(" har ");
                out.push_str(pick(SUBJECTS, rng));
                out.push(' ');
                out.push_str(pick(PARTICIPLES, rng));
                out.push(' ');
                out.push_str(self.object(rng));
                self.ending(rng, out);
            }
            3 | 4 => {
                push_capitalised(out, pick(SUBJECTS, rng));
                out.push_str(if rng.random_bool(0.5) { " har " } else { " " });
                if out.ends_with("har ") {
                    out.push_str(pick(PARTICIPLES, rng));
                } else {
                    out.push_str(pick(PRESENT, rng));
                }
                out.push(' ');
                out.push_str(self.object(rng));
                self.ending(rng, out);
            }
            5 => {
                out.push_str("Det är ");
                out.push_str(pick(ADJECTIVES, rng));
                out.push_str(" att ");
                out.push_str(pick(SUBJECTS, rng));
                out.push(' ');
                out.push_str(pick(PRESENT, rng));
                out.push(' ');
                out.push_str(self.object(rng));
                out.push('.');
            }
            6 => {
                push_capitalised(out, self.theme.target_group);
                out.push(' ');
                out.push_str(pick(EXPERIENCES, rng));
                out.push(' ');
                out.push_str(self.object(rng));
                self.ending(rng, out);
            }
            7 => {
                out.push_str("Samarbetet med ");
                out.push_str(self.public);
                out.push(' ');
                out.push_str(pick(PARTNERSHIP, rng));
                out.push('.');
            }
            8 => {
                out.push_str("I ");
                out.push_str(self.place);
                out.push_str(" har ");
                out.push_str(self.organisation);
                out.push(' ');
                out.push_str(pick(PARTICIPLES, rng));
                out.push(' ');
                out.push_str(self.object(rng));
                self.ending(rng, out);
            }
            _ => out.push_str(pick(CLOSING, rng)),
        }
    }

    fn ending(&self, rng: &mut ChaCha8Rng, out: &mut String) {
        if rng.random_bool(0.1) {
            out.push_str(" i nära samarbete med ");
            out.push_str(self.public);
        } else {
            out.push_str(pick(ENDINGS, rng));
        }
        out.push('.');
    }

    /// Appends a paragraph of `sentences` sentences and a blank line.
    pub fn paragraph(&self, sentences: usize, rng: &mut ChaCha8Rng, out: &mut String) {
        for _ in 0..sentences {
            self.sentence(rng, out);
        }
        out.push_str("\n\n");
    }

    /// A paragraph as one string, for YAML text fields.
    pub fn prose(&self, sentences: usize, rng: &mut ChaCha8Rng) -> String {
        let mut out = String::new();
        for _ in 0..sentences {
            self.sentence(rng, &mut out);
        }
        out
    }
}

/// Number of words as `wc -w` counts them.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}
