//! `data/catalog.rdf`: a DCAT-AP-SE catalogue of the site's open data, in the RDF/XML that
//! Sveriges dataportal (dataportal.se) harvests once a day. It only describes the data files
//! the other exporters and the feed make; it holds no data of its own.
//!
//! Written with `oxrdfxml`, Oxigraph's RDF/XML serializer (with `oxrdf` for the terms): it
//! escapes every literal and checks every IRI, so a title with `&`, `<` or quotes from
//! `site.yaml` cannot break the XML, and it adds only small crates (quick-xml, oxiri,
//! oxilangtag). Hand-written XML would have to get RDF/XML's rules right by itself; a full RDF
//! library (Oxigraph, sophia) would bring a store and parsers the build does not need.
//!
//! The output is byte-reproducible: the triples are made in a fixed order, each subject's
//! together, and the serializer sorts its namespace declarations. No date but the content's
//! own is written: `dcterms:modified` is [`Site::modified`], or absent when the content dates
//! nothing (never the build date).
//!
//! The shapes it is checked against (SEMIC's DCAT-AP 3.0.1, in `standards/dcat-ap/`) want the
//! class of every value, and the validator has no network to look a vocabulary term up. So the
//! catalogue says what each term it uses is (a theme is a `skos:Concept` with its label, a
//! licence a `dcterms:LicenseDocument`, …), as the EU vocabularies themselves say.

use chrono::NaiveDate;
use oxrdf::{Literal, NamedNode, Term, Triple};
use oxrdfxml::RdfXmlSerializer;

use super::{EXPORTERS, ExportError, Exporter};
use crate::config::Language;
use crate::model::Site;
use crate::orgnr::PublicKind;

/// Where the catalogue is: a stable address to register once at the portal.
const PATH: &str = "data/catalog.rdf";

/// Files made for every site that are not in [`EXPORTERS`]: the plan adds the Atom feed itself.
const PLANNED_PAGES: &[&str] = &["feed.xml"];

/// `data/catalog.rdf`, the DCAT-AP-SE catalogue.
#[derive(Debug)]
pub struct Catalog;

impl Exporter for Catalog {
    fn path(&self) -> &'static str {
        PATH
    }

    fn export(&self, site: &Site) -> Result<Vec<u8>, ExportError> {
        let made = |path: &str| {
            PLANNED_PAGES.contains(&path) || EXPORTERS.iter().any(|e| e.path() == path)
        };
        write(&catalog_graph(site, &made)?)
    }
}

/// The namespaces of the file, with the prefixes readers expect.
const PREFIXES: &[(&str, &str)] = &[
    ("dcat", DCAT),
    ("dcatap", "http://data.europa.eu/r5r/"),
    ("dcterms", DCT),
    ("foaf", FOAF),
    ("skos", SKOS),
    ("vcard", VCARD),
];

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const DCAT: &str = "http://www.w3.org/ns/dcat#";
const DCT: &str = "http://purl.org/dc/terms/";
const FOAF: &str = "http://xmlns.com/foaf/0.1/";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const VCARD: &str = "http://www.w3.org/2006/vcard/ns#";
const SKOS_SCHEME: &str = "http://www.w3.org/2004/02/skos/core#ConceptScheme";
const SKOS_CONCEPT: &str = "http://www.w3.org/2004/02/skos/core#Concept";
const FOAF_DOCUMENT: &str = "http://xmlns.com/foaf/0.1/Document";
const XSD_DATE: &str = "http://www.w3.org/2001/XMLSchema#date";
const EU: &str = "http://publications.europa.eu/resource/authority/";
const IANA: &str = "https://www.iana.org/assignments/media-types/";

/// A text in both interface languages; the catalogue uses the site's.
#[derive(Debug, Clone, Copy)]
struct Text {
    sv: &'static str,
    en: &'static str,
}

impl Text {
    fn get(self, language: Language) -> &'static str {
        match language {
            Language::Sv => self.sv,
            Language::En => self.en,
        }
    }
}

/// A theme of the EU data-theme vocabulary, with its labels there.
#[derive(Debug, Clone, Copy)]
struct Theme {
    code: &'static str,
    label: Text,
}

/// Public administration: the agreements are decisions and money of public bodies.
const GOVE: Theme = Theme {
    code: "GOVE",
    label: Text {
        sv: "Regeringen och den offentliga sektorn",
        en: "Government and public sector",
    },
};
/// Civil society: the other party is a non-profit working for a target group.
const SOCI: Theme = Theme {
    code: "SOCI",
    label: Text {
        sv: "Befolkning och samhälle",
        en: "Population and society",
    },
};
/// Public money per year and funder.
const ECON: Theme = Theme {
    code: "ECON",
    label: Text {
        sv: "Ekonomi och finans",
        en: "Economy and finance",
    },
};

/// The kinds of file the catalogue describes, each with its EU file-type code and IANA type.
#[derive(Debug, Clone, Copy)]
enum FileKind {
    Json,
    Csv,
    Atom,
}

impl FileKind {
    fn code(self) -> &'static str {
        match self {
            FileKind::Json => "JSON",
            FileKind::Csv => "CSV",
            FileKind::Atom => "ATOM",
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            FileKind::Json => "application/json",
            FileKind::Csv => "text/csv",
            FileKind::Atom => "application/atom+xml",
        }
    }

    fn description(self) -> Text {
        match self {
            FileKind::Json => Text {
                sv: "JSON i UTF-8. Okänt är null, aldrig 0.",
                en: "JSON in UTF-8. Unknown is null, never 0.",
            },
            FileKind::Csv => Text {
                sv: "CSV i UTF-8 med en rubrikrad. Okänt är en tom cell, aldrig 0.",
                en: "CSV in UTF-8 with a header row. Unknown is an empty cell, never 0.",
            },
            FileKind::Atom => Text {
                sv: "Ett Atom-flöde (RFC 4287), det senaste först.",
                en: "An Atom feed (RFC 4287), newest first.",
            },
        }
    }
}

/// One data file of a dataset.
#[derive(Debug)]
struct FileSpec {
    path: &'static str,
    kind: FileKind,
}

/// One dataset: its texts, themes and files.
#[derive(Debug)]
struct DatasetSpec {
    /// The fragment of its URI (`#dataset-agreements`) and of its distributions'.
    id: &'static str,
    title: Text,
    description: Text,
    themes: &'static [Theme],
    files: &'static [FileSpec],
}

/// The datasets. The feed is a dataset of its own, not a distribution of the agreements: it
/// holds events (decisions, outcomes, reports) and not the agreement records in another form.
/// The per-agreement JSON files are not listed: each is one part, not the whole dataset.
const DATASETS: &[DatasetSpec] = &[
    DatasetSpec {
        id: "agreements",
        title: Text {
            sv: "IOP-överenskommelser",
            en: "IOP agreements",
        },
        description: Text {
            sv: "En post per överenskommelse om idéburet offentligt partnerskap (IOP) eller \
                 liknande bidrag: parter, avtalstid, status, mål i Agenda 2030 och summor.",
            en: "One record per agreement on an idea-based public partnership (IOP) or a \
                 similar grant: parties, period, status, Agenda 2030 goals and totals.",
        },
        themes: &[GOVE, SOCI],
        files: &[
            FileSpec {
                path: "data/agreements.json",
                kind: FileKind::Json,
            },
            FileSpec {
                path: "data/agreements.csv",
                kind: FileKind::Csv,
            },
        ],
    },
    DatasetSpec {
        id: "funding",
        title: Text {
            sv: "Finansiering av IOP-överenskommelser",
            en: "Funding of IOP agreements",
        },
        description: Text {
            sv: "En rad per överenskommelse, år eller period och finansiär, med belopp i hela \
                 kronor, beslutade eller föreslagna. Ej publicerade belopp anges som sådana.",
            en: "One row per agreement, year or range of years and funder, with amounts in \
                 whole kronor, decided or proposed. Unpublished amounts are marked as such.",
        },
        themes: &[GOVE, ECON],
        files: &[
            FileSpec {
                path: "data/funding.json",
                kind: FileKind::Json,
            },
            FileSpec {
                path: "data/funding.csv",
                kind: FileKind::Csv,
            },
        ],
    },
    DatasetSpec {
        id: "grants",
        title: Text {
            sv: "Bidrag enligt 360Giving",
            en: "Grants in 360Giving form",
        },
        description: Text {
            sv: "Överenskommelsernas offentliga pengar som bidrag enligt datastandarden \
                 360Giving 1.4, med organisationer angivna med organisationsnummer.",
            en: "The agreements' public money as grants in the 360Giving 1.4 data standard, \
                 with organisations given by their Swedish organisation numbers.",
        },
        themes: &[GOVE, ECON],
        files: &[FileSpec {
            path: "data/360giving.json",
            kind: FileKind::Json,
        }],
    },
    DatasetSpec {
        id: "feed",
        title: Text {
            sv: "Nyheter om IOP-överenskommelser",
            en: "News about IOP agreements",
        },
        description: Text {
            sv: "Nya överenskommelser, beslut, utfall och verksamhetsberättelser.",
            en: "New agreements, decisions, outcomes and annual reports.",
        },
        themes: &[GOVE, SOCI],
        files: &[FileSpec {
            path: "feed.xml",
            kind: FileKind::Atom,
        }],
    },
];

/// Words a portal user might search for, for every dataset.
const KEYWORDS: &[Text] = &[
    Text {
        sv: "IOP",
        en: "IOP",
    },
    Text {
        sv: "idéburet offentligt partnerskap",
        en: "idea-based public partnership",
    },
    Text {
        sv: "föreningsbidrag",
        en: "grants",
    },
    Text {
        sv: "civilsamhälle",
        en: "civil society",
    },
];

/// A term's label and its language tag.
type Label = (String, &'static str);

/// The triples of the catalogue, in the order they are written, and the vocabulary terms used.
#[derive(Debug)]
struct Graph {
    triples: Vec<Triple>,
    /// The language tag of the texts.
    lang: &'static str,
    /// Each vocabulary term used, with its class and label; described once at the end.
    terms: std::collections::BTreeMap<String, (&'static str, Option<Label>)>,
}

impl Graph {
    fn new(lang: &'static str) -> Graph {
        Graph {
            triples: Vec::new(),
            lang,
            terms: std::collections::BTreeMap::new(),
        }
    }

    fn add(&mut self, subject: &NamedNode, predicate: &str, object: impl Into<Term>) {
        self.triples
            .push(Triple::new(subject.clone(), known(predicate), object));
    }

    /// `subject` is of `class`; the first type of a subject names its XML element.
    fn class(&mut self, subject: &NamedNode, class: &str) {
        self.add(subject, RDF_TYPE, known(class));
    }

    fn link(&mut self, subject: &NamedNode, predicate: &str, object: &NamedNode) {
        self.add(subject, predicate, object.clone());
    }

    /// A text in the catalogue's language.
    fn text(&mut self, subject: &NamedNode, predicate: &str, text: &str) {
        // The tag is one of ours (`sv`, `en`), always well-formed.
        let literal = Literal::new_language_tagged_literal_unchecked(text, self.lang);
        self.add(subject, predicate, literal);
    }

    fn date(&mut self, subject: &NamedNode, predicate: &str, date: NaiveDate) {
        let literal =
            Literal::new_typed_literal(date.format("%Y-%m-%d").to_string(), known(XSD_DATE));
        self.add(subject, predicate, literal);
    }

    /// A link to a vocabulary term, noted so that the term's class (and label) is written once.
    fn term(
        &mut self,
        subject: &NamedNode,
        predicate: &str,
        term: &str,
        class: &'static str,
        label: Option<Label>,
    ) {
        self.add(subject, predicate, known(term));
        self.terms.entry(term.to_string()).or_insert((class, label));
    }

    /// The classes and labels of the vocabulary terms, in the order of their IRIs.
    fn describe_terms(&mut self) {
        let terms = std::mem::take(&mut self.terms);
        for (iri, (class, label)) in terms {
            let node = known(&iri);
            self.class(&node, class);
            if let Some((label, lang)) = label {
                // A concept scheme is named by its title, a concept by its preferred label.
                let predicate = if class == SKOS_SCHEME {
                    format!("{DCT}title")
                } else {
                    format!("{SKOS}prefLabel")
                };
                let literal = Literal::new_language_tagged_literal_unchecked(label, lang);
                self.add(&node, &predicate, literal);
            }
        }
    }
}

/// An IRI of this module's own making: a constant, or one built from constants only.
fn known(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// An IRI with a part from `site.yaml` (`base_url`, `contact_email`), checked.
fn checked(iri: String) -> Result<NamedNode, ExportError> {
    NamedNode::new(iri).map_err(|err| ExportError::Rdf(err.to_string()))
}

/// Characters an IRI cannot hold as they are (RFC 3987), written `%XX` so that a `base_url` or
/// e-mail address with one still gives a valid IRI.
fn encode_iri(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || c.is_whitespace() || "<>\"{}|\\^`".contains(c) {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The nodes every dataset refers to.
#[derive(Debug)]
struct Nodes {
    base: String,
    site: NamedNode,
    catalog: NamedNode,
    publisher: NamedNode,
    contact: NamedNode,
    modified: Option<NaiveDate>,
    /// The time the agreements cover: the earliest start, and the latest end when every
    /// end is known (an agreement with an unknown end leaves the period open).
    period: Option<(NaiveDate, Option<NaiveDate>)>,
}

/// [`Nodes::period`] of `site`.
fn covered_period(site: &Site) -> Option<(NaiveDate, Option<NaiveDate>)> {
    let start = site
        .agreements
        .iter()
        .map(|e| e.agreement.period.start.first)
        .min()?;
    let ends: Option<Vec<NaiveDate>> = site
        .agreements
        .iter()
        .map(|e| e.end.map(|w| w.last()))
        .collect();
    Some((start, ends.and_then(|ends| ends.into_iter().max())))
}

impl Nodes {
    /// A node of this catalogue: `<base>data/catalog.rdf#<fragment>`.
    fn own(&self, fragment: &str) -> Result<NamedNode, ExportError> {
        checked(format!("{}{PATH}#{fragment}", self.base))
    }
}

/// The whole catalogue of `site`, describing the files `made` says the site has.
fn catalog_graph(site: &Site, made: &dyn Fn(&str) -> bool) -> Result<Graph, ExportError> {
    let config = &site.config;
    let base = encode_iri(&config.base_url);
    let publisher = match &config.publisher_org_number {
        // DCAT-AP-SE's harvesting rules: one well-known URI per organisation number, so the
        // portal merges the publisher of every catalogue that names it.
        Some(number) => checked(format!(
            "http://dataportal.se/organisation/SE{}",
            number.digits()
        ))?,
        None => checked(format!("{base}{PATH}#publisher"))?,
    };
    let nodes = Nodes {
        site: checked(base.clone())?,
        catalog: checked(format!("{base}{PATH}#catalog"))?,
        contact: checked(format!("{base}{PATH}#contact"))?,
        publisher,
        modified: site.modified(),
        period: covered_period(site),
        base,
    };
    let mut graph = Graph::new(config.language.code());
    let datasets: Vec<(&DatasetSpec, Vec<&FileSpec>)> = DATASETS
        .iter()
        .map(|d| {
            (
                d,
                d.files.iter().filter(|f| made(f.path)).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, files)| !files.is_empty())
        .collect();
    let dataset_nodes = datasets
        .iter()
        .map(|(d, _)| nodes.own(&format!("dataset-{}", d.id)))
        .collect::<Result<Vec<_>, _>>()?;
    catalog(&mut graph, site, &nodes, &dataset_nodes);
    for ((spec, files), node) in datasets.iter().zip(&dataset_nodes) {
        dataset(&mut graph, site, &nodes, spec, node, files)?;
    }
    if let Some((start, end)) = nodes.period {
        let period = nodes.own("period")?;
        graph.class(&period, &format!("{DCT}PeriodOfTime"));
        graph.date(&period, &format!("{DCAT}startDate"), start);
        if let Some(end) = end {
            graph.date(&period, &format!("{DCAT}endDate"), end);
        }
    }
    publisher_and_contact(&mut graph, site, &nodes)?;
    graph.describe_terms();
    Ok(graph)
}

/// The catalogue itself.
fn catalog(graph: &mut Graph, site: &Site, nodes: &Nodes, datasets: &[NamedNode]) {
    let config = &site.config;
    let node = &nodes.catalog;
    graph.class(node, &format!("{DCAT}Catalog"));
    graph.text(node, &format!("{DCT}title"), &config.title);
    let description = match &config.description {
        Some(text) => text.clone(),
        None => match config.language {
            Language::Sv => format!("Öppna data från webbplatsen {}.", config.title),
            Language::En => format!("Open data from the site {}.", config.title),
        },
    };
    graph.text(node, &format!("{DCT}description"), &description);
    graph.link(node, &format!("{DCT}publisher"), &nodes.publisher);
    graph.term(
        node,
        &format!("{FOAF}homepage"),
        nodes.site.as_str(),
        FOAF_DOCUMENT,
        None,
    );
    language(graph, node, config.language);
    license(graph, node, site);
    if let Some(date) = nodes.modified {
        graph.date(node, &format!("{DCT}modified"), date);
    }
    graph.term(
        node,
        &format!("{DCAT}themeTaxonomy"),
        &format!("{EU}data-theme"),
        SKOS_SCHEME,
        Some(("Data theme".to_string(), "en")),
    );
    for dataset in datasets {
        graph.link(node, &format!("{DCAT}dataset"), dataset);
    }
}

/// `dcterms:language` in the EU language authority.
fn language(graph: &mut Graph, node: &NamedNode, language: Language) {
    let code = match language {
        Language::Sv => "SWE",
        Language::En => "ENG",
    };
    graph.term(
        node,
        &format!("{DCT}language"),
        &format!("{EU}language/{code}"),
        "http://purl.org/dc/terms/LinguisticSystem",
        None,
    );
}

/// `dcterms:license` in the EU licence authority.
fn license(graph: &mut Graph, node: &NamedNode, site: &Site) {
    graph.term(
        node,
        &format!("{DCT}license"),
        site.config.license.eu_uri(),
        "http://purl.org/dc/terms/LicenseDocument",
        None,
    );
}

/// One dataset and its distributions, one per file of `files`.
fn dataset(
    graph: &mut Graph,
    site: &Site,
    nodes: &Nodes,
    spec: &DatasetSpec,
    node: &NamedNode,
    files: &[&FileSpec],
) -> Result<(), ExportError> {
    let lang = site.config.language;
    let distributions = files
        .iter()
        .map(|f| {
            nodes.own(&format!(
                "distribution-{}-{}",
                spec.id,
                f.kind.code().to_lowercase()
            ))
        })
        .collect::<Result<Vec<_>, _>>()?;
    graph.class(node, &format!("{DCAT}Dataset"));
    graph.text(node, &format!("{DCT}title"), spec.title.get(lang));
    graph.text(
        node,
        &format!("{DCT}description"),
        spec.description.get(lang),
    );
    graph.link(node, &format!("{DCT}publisher"), &nodes.publisher);
    graph.link(node, &format!("{DCAT}contactPoint"), &nodes.contact);
    for theme in spec.themes {
        let label = Some((theme.label.get(lang).to_string(), lang.code()));
        let iri = format!("{EU}data-theme/{}", theme.code);
        graph.term(node, &format!("{DCAT}theme"), &iri, SKOS_CONCEPT, label);
    }
    // The data is written in the content's language, which may differ from the interface's.
    language(graph, node, site.config.content_language);
    for keyword in KEYWORDS {
        graph.text(node, &format!("{DCAT}keyword"), keyword.get(lang));
    }
    graph.term(
        node,
        &format!("{DCAT}landingPage"),
        nodes.site.as_str(),
        FOAF_DOCUMENT,
        None,
    );
    graph.term(
        node,
        &format!("{DCT}accessRights"),
        &format!("{EU}access-right/PUBLIC"),
        "http://purl.org/dc/terms/RightsStatement",
        None,
    );
    if let Some(date) = nodes.modified {
        graph.date(node, &format!("{DCT}modified"), date);
    }
    if nodes.period.is_some() {
        graph.link(node, &format!("{DCT}temporal"), &nodes.own("period")?);
    }
    for distribution in &distributions {
        graph.link(node, &format!("{DCAT}distribution"), distribution);
    }
    for (file, distribution) in files.iter().zip(&distributions) {
        self::distribution(graph, site, nodes, spec, file, distribution)?;
    }
    Ok(())
}

/// One file of a dataset.
fn distribution(
    graph: &mut Graph,
    site: &Site,
    nodes: &Nodes,
    spec: &DatasetSpec,
    file: &FileSpec,
    node: &NamedNode,
) -> Result<(), ExportError> {
    let lang = site.config.language;
    let url = checked(format!("{}{}", nodes.base, file.path))?;
    graph.class(node, &format!("{DCAT}Distribution"));
    let title = format!("{} ({})", spec.title.get(lang), file.kind.code());
    graph.text(node, &format!("{DCT}title"), &title);
    graph.text(
        node,
        &format!("{DCT}description"),
        file.kind.description().get(lang),
    );
    graph.link(node, &format!("{DCAT}accessURL"), &url);
    graph.link(node, &format!("{DCAT}downloadURL"), &url);
    graph.term(
        node,
        &format!("{DCT}format"),
        &format!("{EU}file-type/{}", file.kind.code()),
        "http://purl.org/dc/terms/MediaTypeOrExtent",
        None,
    );
    graph.term(
        node,
        &format!("{DCAT}mediaType"),
        &format!("{IANA}{}", file.kind.media_type()),
        "http://purl.org/dc/terms/MediaType",
        None,
    );
    license(graph, node, site);
    // The path of every file is fixed by the generator: it stays where it is from build to build.
    graph.term(
        node,
        "http://data.europa.eu/r5r/availability",
        &format!("{EU}planned-availability/STABLE"),
        SKOS_CONCEPT,
        Some(("stable".to_string(), "en")),
    );
    Ok(())
}

/// The publisher (a `foaf:Organization`) and the contact point (a `vcard:Organization`), with
/// different URIs, as DCAT-AP-SE requires: the portal treats them as different things.
fn publisher_and_contact(graph: &mut Graph, site: &Site, nodes: &Nodes) -> Result<(), ExportError> {
    let config = &site.config;
    let name = config.publisher.as_deref().unwrap_or(&config.title);
    let publisher = &nodes.publisher;
    graph.class(publisher, &format!("{FOAF}Organization"));
    // Also `foaf:Agent`, the class DCAT-AP asks for: the validator knows no subclasses.
    graph.class(publisher, &format!("{FOAF}Agent"));
    graph.add(
        publisher,
        &format!("{FOAF}name"),
        Literal::new_simple_literal(name),
    );
    if let Some((code, label)) = config
        .publisher_org_number
        .as_ref()
        .and_then(|n| n.public_kind())
        .map(publisher_type)
    {
        let iri = format!("http://purl.org/adms/publishertype/{code}");
        let label = Some((label.to_string(), "en"));
        graph.term(publisher, &format!("{DCT}type"), &iri, SKOS_CONCEPT, label);
    }
    let contact = &nodes.contact;
    graph.class(contact, &format!("{VCARD}Organization"));
    graph.class(contact, &format!("{VCARD}Kind"));
    graph.add(
        contact,
        &format!("{VCARD}fn"),
        Literal::new_simple_literal(name),
    );
    match &config.contact_email {
        Some(email) => {
            let mailto = checked(format!("mailto:{}", encode_iri(email.trim())))?;
            graph.link(contact, &format!("{VCARD}hasEmail"), &mailto);
        }
        None => graph.link(contact, &format!("{VCARD}hasURL"), &nodes.site),
    }
    Ok(())
}

/// The ADMS publisher type of a public body whose organisation number tells its kind, with
/// its label there. A publisher whose kind the number does not tell gets none, not a guess.
fn publisher_type(kind: PublicKind) -> (&'static str, &'static str) {
    match kind {
        PublicKind::Municipality => ("LocalAuthority", "Local Authority"),
        PublicKind::Region => ("RegionalAuthority", "Regional Authority"),
        PublicKind::Agency => ("NationalAuthority", "National authority"),
    }
}

/// The RDF/XML bytes of `graph`.
fn write(graph: &Graph) -> Result<Vec<u8>, ExportError> {
    let io = |err: std::io::Error| ExportError::Rdf(err.to_string());
    let mut serializer = RdfXmlSerializer::new();
    for (prefix, iri) in PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *iri)
            .map_err(|err| ExportError::Rdf(err.to_string()))?;
    }
    let mut writer = serializer.for_writer(Vec::new());
    for triple in &graph.triples {
        writer.serialize_triple(triple).map_err(io)?;
    }
    let mut out = writer.finish().map_err(io)?;
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_an_iri_cannot_hold_are_percent_encoded() {
        assert_eq!(
            encode_iri("https://a.se/x y<\"/"),
            "https://a.se/x%20y%3C%22/"
        );
        assert_eq!(encode_iri("https://a.se/å/"), "https://a.se/å/");
        assert!(NamedNode::new(encode_iri("https://a.se/{x}|^`\\\u{7}/")).is_ok());
    }

    #[test]
    fn every_constant_iri_is_valid() {
        let mut iris: Vec<String> = PREFIXES.iter().map(|(_, iri)| format!("{iri}x")).collect();
        iris.extend(
            [RDF_TYPE, XSD_DATE, SKOS_SCHEME, SKOS_CONCEPT, FOAF_DOCUMENT].map(String::from),
        );
        for d in DATASETS {
            for f in d.files {
                iris.push(format!("{EU}file-type/{}", f.kind.code()));
                iris.push(format!("{IANA}{}", f.kind.media_type()));
            }
        }
        for iri in iris {
            assert!(NamedNode::new(iri.as_str()).is_ok(), "{iri}");
        }
    }

    #[test]
    fn every_dataset_and_file_has_its_own_name() {
        let mut ids: Vec<String> = Vec::new();
        for d in DATASETS {
            ids.push(format!("dataset-{}", d.id));
            for f in d.files {
                ids.push(format!(
                    "distribution-{}-{}",
                    d.id,
                    f.kind.code().to_lowercase()
                ));
            }
        }
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count);
    }

    #[test]
    fn the_publisher_type_follows_the_organisation_number() {
        assert_eq!(publisher_type(PublicKind::Municipality).0, "LocalAuthority");
        assert_eq!(publisher_type(PublicKind::Region).0, "RegionalAuthority");
    }
}
