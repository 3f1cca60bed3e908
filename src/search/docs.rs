//! What the search finds: one document per public body, organisation, agreement and report,
//! with the record the reader sees and the words it is found by.

use serde_json::json;

use super::fold::{fold, words};
use crate::config::Language;
use crate::model::Site;
use crate::model::types::PartyKind;
use crate::present::urls;

/// What a result is. The reader sees its label, from the theme's i18n key
/// `search_kind_<code>`, beside its name. Results of equal score come in this order.
///
/// Another kind of result (the units of a public body, once they have pages of their own)
/// is a variant here, its label in the i18n files, and its documents in [`documents`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    PublicBody,
    Organisation,
    Agreement,
    Report,
}

impl Kind {
    /// The kind as the script knows it.
    pub fn code(self) -> &'static str {
        match self {
            Kind::PublicBody => "p",
            Kind::Organisation => "o",
            Kind::Agreement => "a",
            Kind::Report => "r",
        }
    }
}

/// Where a word was found, which decides how much a match counts and what it may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// The document's own name or title, an organisation's number, a report's year. A query
    /// word of two letters looks only here.
    Name = 0,
    /// The document's texts: an agreement's summary, its parties, their numbers, its diary numbers.
    Text = 1,
    /// The name of what a report belongs to. It narrows, but cannot alone find: a report is
    /// a result only when some query word matches its own name or year, so a search for an
    /// agreement is not buried under its yearly reports.
    Context = 2,
}

/// How many fields there are; the index keeps a posting list per field.
pub const FIELDS: usize = 3;

/// One thing the search can find.
#[derive(Debug)]
pub struct Doc {
    pub kind: Kind,
    /// The folded name (a report's: its agreement's and its year) and the link, for a fixed
    /// order of the documents of one kind.
    pub order: (String, String),
    /// What the script shows: `[code, name, link, context, year, lang]`, where a report has
    /// its year (its name without a title of its own is its kind and year), and `lang` is
    /// the language of the name and context when it is not the interface's. Trailing
    /// empty places are left out.
    pub record: String,
    /// The folded words it is found by, each once, with the best field it is in.
    pub words: Vec<(String, Field)>,
}

/// Collects a document's words; each is kept once, in the best field it appears in.
#[derive(Default)]
struct Words(Vec<(String, Field)>);

impl Words {
    fn add(&mut self, text: &str, field: Field) {
        self.0.extend(words(text).into_iter().map(|w| (w, field)));
    }

    /// Words of running text: numbers there are amounts and dates, not what anyone looks
    /// for, and only make the index larger.
    fn add_text(&mut self, text: &str) {
        self.0.extend(
            words(text)
                .into_iter()
                .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
                .map(|w| (w, Field::Text)),
        );
    }

    fn done(mut self) -> Vec<(String, Field)> {
        self.0.sort();
        self.0.dedup_by(|later, first| later.0 == first.0);
        self.0
    }
}

/// What a result shows besides its kind.
struct Shown<'a> {
    name: &'a str,
    link: String,
    context: &'a str,
    year: Option<i32>,
    lang: Option<&'static str>,
}

fn doc(kind: Kind, shown: Shown, order: String, words: Words) -> Doc {
    let mut record = vec![
        json!(kind.code()),
        json!(shown.name),
        json!(shown.link),
        json!(shown.context),
        json!(shown.year),
        json!(shown.lang),
    ];
    while record.last().is_some_and(|v| v.is_null()) {
        record.pop();
    }
    Doc {
        kind,
        order: (order, shown.link),
        record: serde_json::Value::Array(record).to_string(),
        words: words.done(),
    }
}

/// The language to mark content with when it is not the interface's (as the pages do).
fn content_lang(site: &Site, own: Option<Language>) -> Option<&'static str> {
    let config = &site.config;
    let content = own.unwrap_or(config.content_language);
    (content != config.language).then(|| content.code())
}

/// Every document of the site, in the order of their numbers in the index: by kind, then by
/// folded name. Results of equal score come in this order, so the first results of a
/// search mostly lie in the same few record blocks.
pub fn documents(site: &Site) -> Vec<Doc> {
    let mut docs: Vec<Doc> = Vec::new();
    for org in &site.organisations {
        let kind = match org.kind {
            PartyKind::Public => Kind::PublicBody,
            PartyKind::Nonprofit => Kind::Organisation,
        };
        let mut w = Words::default();
        w.add(&org.name, Field::Name);
        let number = org.org_number.as_ref().map(ToString::to_string);
        if let Some(number) = &number {
            w.add(number, Field::Name);
        }
        let shown = Shown {
            name: &org.name,
            link: urls::organisation(&org.id),
            context: number.as_deref().unwrap_or(""),
            year: None,
            lang: None,
        };
        docs.push(doc(kind, shown, fold(&org.name), w));
    }
    for entry in &site.agreements {
        let a = &entry.agreement;
        let mut w = Words::default();
        w.add(&a.title, Field::Name);
        w.add(a.short_name(), Field::Name);
        w.add_text(&a.summary);
        let mut parties: Vec<&str> = Vec::new();
        for party in &a.parties {
            w.add(&party.name, Field::Text);
            if let Some(number) = &party.org_number {
                w.add(number.digits(), Field::Text);
            }
            if !parties.contains(&party.name.as_str()) {
                parties.push(&party.name);
            }
        }
        for number in &a.diary_numbers {
            w.add(number, Field::Text);
        }
        let parties = parties.join(" · ");
        let shown = Shown {
            name: a.short_name(),
            link: urls::agreement(&a.id),
            context: &parties,
            year: None,
            lang: content_lang(site, a.language),
        };
        docs.push(doc(Kind::Agreement, shown, fold(a.short_name()), w));
    }
    for report in &site.reports {
        let parent = site.agreement(&report.agreement).map(|e| &e.agreement);
        let agreement = parent.map_or("", |a| a.short_name());
        let title = report.title.as_deref().unwrap_or("");
        let mut w = Words::default();
        w.add(title, Field::Name);
        w.add(&report.year.to_string(), Field::Name);
        w.add(agreement, Field::Context);
        let shown = Shown {
            name: title,
            link: urls::report(&report.id),
            context: agreement,
            year: Some(report.year),
            lang: content_lang(site, report.language.or(parent.and_then(|a| a.language))),
        };
        let order = format!("{} {:04}", fold(agreement), report.year);
        docs.push(doc(Kind::Report, shown, order, w));
    }
    docs.sort_by(|a, b| (a.kind, &a.order).cmp(&(b.kind, &b.order)));
    docs
}
