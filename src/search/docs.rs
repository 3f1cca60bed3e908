//! What the search finds: one document per public body, organisation, agreement and report,
//! with the record the reader sees and the words it is found by.

use rayon::prelude::*;
use serde_json::json;

use super::fold::{each_word, fold, words};
use crate::config::Language;
use crate::model::Site;
use crate::model::site::{AgreementEntry, Organisation};
use crate::model::types::{PartyKind, Report};
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
    /// The folded words it is found by, one after another.
    pub text: String,
    /// Each word once, as its place in `text`, with the best field it is in.
    pub words: Vec<(u32, u32, Field)>,
}

impl Doc {
    /// The words it is found by, each once, with the best field it is in.
    pub fn words(&self) -> impl Iterator<Item = (&str, Field)> {
        self.words
            .iter()
            .map(|&(start, end, field)| (&self.text[start as usize..end as usize], field))
    }
}

/// Collects a document's words in one string; each is kept once, in the best field it
/// appears in.
#[derive(Default)]
struct Words {
    text: String,
    words: Vec<(u32, u32, Field)>,
}

impl Words {
    fn push(&mut self, word: &str, field: Field) {
        // A document's words are far fewer than 4 GB.
        let start = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.push_str(word);
        let end = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.words.push((start, end, field));
    }

    fn add(&mut self, text: &str, field: Field) {
        each_word(text, |w| self.push(w, field));
    }

    /// Words of running text: numbers there are amounts and dates, not what anyone looks
    /// for, and only make the index larger.
    fn add_text(&mut self, text: &str) {
        each_word(text, |w| {
            if !w.bytes().all(|b| b.is_ascii_digit()) {
                self.push(w, Field::Text);
            }
        });
    }

    fn done(self) -> (String, Vec<(u32, u32, Field)>) {
        let Words { text, mut words } = self;
        let word = |&(start, end, _): &(u32, u32, Field)| &text[start as usize..end as usize];
        words.sort_unstable_by(|a, b| word(a).cmp(word(b)).then(a.2.cmp(&b.2)));
        words.dedup_by(|later, first| word(later) == word(first));
        (text, words)
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
    let (text, words) = words.done();
    Doc {
        kind,
        order: (order, shown.link),
        record: serde_json::Value::Array(record).to_string(),
        text,
        words,
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
    let organisations = site.organisations.par_iter().map(organisation);
    let agreements = site.agreements.par_iter().map(|e| agreement(site, e));
    // A report is found by its agreement's name too: its words, folded once per agreement.
    let context: Vec<Vec<String>> = site
        .agreements
        .par_iter()
        .map(|e| words(e.agreement.short_name()))
        .collect();
    let reports = site.reports.par_iter().map(|r| report(site, &context, r));
    let mut docs: Vec<Doc> = organisations.chain(agreements).chain(reports).collect();
    docs.par_sort_unstable_by(|a, b| (a.kind, &a.order).cmp(&(b.kind, &b.order)));
    docs
}

fn organisation(org: &Organisation) -> Doc {
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
    doc(kind, shown, fold(&org.name), w)
}

fn agreement(site: &Site, entry: &AgreementEntry) -> Doc {
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
    doc(Kind::Agreement, shown, fold(a.short_name()), w)
}

/// `context`: the words of each agreement's name, by its place in the site.
fn report(site: &Site, context: &[Vec<String>], report: &Report) -> Doc {
    let place = site.agreement_index.get(&report.agreement).copied();
    let parent = place.map(|i| &site.agreements[i].agreement);
    let agreement = parent.map_or("", |a| a.short_name());
    let title = report.title.as_deref().unwrap_or("");
    let mut w = Words::default();
    w.add(title, Field::Name);
    w.add(&report.year.to_string(), Field::Name);
    if let Some(i) = place {
        for word in &context[i] {
            w.push(word, Field::Context);
        }
    }
    let shown = Shown {
        name: title,
        link: urls::report(&report.id),
        context: agreement,
        year: Some(report.year),
        lang: content_lang(site, report.language.or(parent.and_then(|a| a.language))),
    };
    let order = format!("{} {:04}", fold(agreement), report.year);
    doc(Kind::Report, shown, order, w)
}
