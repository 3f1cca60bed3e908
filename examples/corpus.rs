//! Writes a national-scale iopsite site of made-up content, to measure and test iopsite on a
//! registry the size of Sweden's:
//!
//! - all 311 public bodies (290 municipalities and 21 regions, with real names and made-up
//!   organisation numbers that pass the Luhn check),
//! - about 0.8 non-profit organisations per agreement, each with a unique organisation number,
//! - N agreements with one or two public parties and one non-profit, 1–6 funding years
//!   (sometimes unpublished, sometimes year by year, sometimes with the organisation's own
//!   contribution), decisions with extensions, contacts, signatories, Agenda 2030 goals and
//!   targets, activities, objectives and the optional texts,
//! - a report for nearly every year that has ended by the site's `as_of` date, about 600
//!   words of Swedish-looking Markdown each, with key figures named the same every year so
//!   the statistic charts have lines to draw,
//! - `site.yaml` and two pages.
//!
//! The output is a function of the seed and N alone: each agreement draws from its own
//! ChaCha stream, so the files are the same byte for byte however the threads run.
//!
//! ```text
//! cargo run --release --example corpus -- --agreements 10000 --seed 1 OUT
//! ```

#[path = "corpus/agreement.rs"]
mod agreement;
#[path = "corpus/names.rs"]
mod names;
#[path = "corpus/plan.rs"]
mod plan;
#[path = "corpus/report.rs"]
mod report;
#[path = "corpus/text.rs"]
mod text;
#[path = "corpus/themes.rs"]
mod themes;
#[path = "corpus/yaml.rs"]
mod yaml;

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use chrono::{Datelike, NaiveDate};
use clap::Parser;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use names::World;
use plan::Plan;

/// Write a large, valid iopsite site of made-up agreements and reports.
#[derive(Parser)]
struct Args {
    /// How many agreements to write
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..))]
    agreements: u32,
    /// The seed: the same seed and number of agreements give the same files
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write into OUT even if it is not empty, replacing OUT/content
    #[arg(long)]
    force: bool,
    /// The site folder to write
    out: PathBuf,
}

/// What to generate.
#[derive(Debug)]
pub struct Options {
    pub agreements: usize,
    pub seed: u64,
}

/// What was written.
#[derive(Debug, PartialEq, Eq)]
pub struct Summary {
    pub public_bodies: usize,
    pub organisations: usize,
    pub agreements: usize,
    pub reports: usize,
    /// Words in the reports' Markdown bodies, counted like `wc -w`.
    pub words: usize,
}

/// What one agreement added.
struct Written<'w> {
    public_bodies: Vec<&'w str>,
    organisation: &'w str,
    reports: usize,
    words: usize,
}

/// The date the site's statuses are computed for: years up to 2025 are over and need
/// reports, 2026 is running and 2027 is still ahead.
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).expect("a real date")
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let not_empty = fs::read_dir(&args.out).is_ok_and(|mut entries| entries.next().is_some());
    if not_empty {
        if !args.force {
            bail!(
                "{} is not empty; pass --force to replace its content/ folder",
                args.out.display()
            );
        }
        let content = args.out.join("content");
        if content.exists() {
            fs::remove_dir_all(&content)
                .with_context(|| format!("cannot remove {}", content.display()))?;
        }
    }
    let options = Options {
        agreements: args.agreements as usize,
        seed: args.seed,
    };
    let summary = generate(&args.out, &options)
        .with_context(|| format!("cannot write the site into {}", args.out.display()))?;
    println!(
        "wrote {} public bodies, {} organisations, {} agreements and {} reports ({} words of report text) to {} in {:.2} s",
        summary.public_bodies,
        summary.organisations,
        summary.agreements,
        summary.reports,
        summary.words,
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Writes the site into `out/content/`.
pub fn generate(out: &Path, options: &Options) -> io::Result<Summary> {
    let content = out.join("content");
    for folder in ["agreements", "reports", "pages", "files"] {
        fs::create_dir_all(content.join(folder))?;
    }
    let agreements = options.agreements;
    let organisations = (agreements * 4 / 5).max(agreements.min(3));
    let world = World::new(organisations, &mut ChaCha8Rng::seed_from_u64(options.seed));
    fs::write(content.join("site.yaml"), site_yaml(agreements))?;
    pages(&content)?;

    let written: Vec<Written> = (0..agreements)
        .into_par_iter()
        .map(|i| {
            let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
            // Stream 0 drew the world; agreement i draws from stream i + 1.
            rng.set_stream(i as u64 + 1);
            write_agreement(i, &world, &content, &mut rng)
        })
        .collect::<io::Result<_>>()?;

    let public_bodies: BTreeSet<&str> = written
        .iter()
        .flat_map(|w| w.public_bodies.iter().copied())
        .collect();
    let organisations: BTreeSet<&str> = written.iter().map(|w| w.organisation).collect();
    Ok(Summary {
        public_bodies: public_bodies.len(),
        organisations: organisations.len(),
        agreements,
        reports: written.iter().map(|w| w.reports).sum(),
        words: written.iter().map(|w| w.words).sum(),
    })
}

/// Writes agreement `i` and its reports. Each file is built whole in memory and written
/// with one call, which is all a `BufWriter` would do for files of a few kilobytes.
fn write_agreement<'w>(
    i: usize,
    world: &'w World,
    content: &Path,
    rng: &mut ChaCha8Rng,
) -> io::Result<Written<'w>> {
    let plan = Plan::new(i, world, as_of(), rng);
    let path = content.join("agreements").join(format!("{}.yaml", plan.id));
    let text = agreement::yaml(&plan, rng);
    // A source that names a file is published with the site: write the file it names.
    if let Some(name) = text.lines().find_map(|l| l.trim().strip_prefix("file: ")) {
        let name = name.trim_matches('"');
        fs::write(
            content.join("files").join(name),
            format!(
                "Överenskommelse {} (påhittad, för prov av iopsite)\n",
                plan.id
            ),
        )?;
    }
    fs::write(path, text)?;
    let mut written = Written {
        public_bodies: plan.publics.iter().map(|p| p.body.name.as_str()).collect(),
        organisation: &plan.organisation.name,
        reports: 0,
        words: 0,
    };
    // Every year that has ended needs a report; now and then one has not come in.
    let last = plan.last_year().min(as_of().year() - 1);
    for year in plan.start.year()..=last {
        if rng.random_bool(0.03) {
            continue;
        }
        let report = report::report(&plan, year, rng);
        let path = content
            .join("reports")
            .join(format!("{}-{year}.md", plan.id));
        fs::write(path, &report.text)?;
        written.reports += 1;
        written.words += report.words;
    }
    Ok(written)
}

fn site_yaml(agreements: usize) -> String {
    let mut out = String::new();
    yaml::field(
        &mut out,
        0,
        "title",
        "IOP i Sverige – genererat testregister",
    );
    yaml::text(
        &mut out,
        0,
        "description",
        &format!(
            "Påhittade uppgifter om {} överenskommelser om idéburet offentligt partnerskap (IOP) mellan Sveriges kommuner och regioner och ideella organisationer.",
            agreement::kronor(agreements as i64)
        ),
    );
    yaml::field(&mut out, 0, "base_url", "https://example.org/iop/");
    yaml::raw(&mut out, 0, "language", "sv");
    yaml::field(&mut out, 0, "publisher", "iopsite testkorpus");
    yaml::raw(&mut out, 0, "as_of", as_of());
    yaml::text(
        &mut out,
        0,
        "notice",
        "Detta är en genererad testwebbplats. Alla överenskommelser, organisationer, personer och siffror är påhittade.",
    );
    yaml::raw(&mut out, 0, "publish_contact_details", true);
    yaml::raw(&mut out, 0, "ending_soon_months", 6);
    out
}

fn pages(content: &Path) -> io::Result<()> {
    fs::write(
        content.join("pages/om.md"),
        "---\ntitle: Om webbplatsen\norder: 1\n---\nDen här webbplatsen är genererad av iopsites \
         korpusgenerator för att prova verktyget i nationell skala.\n\n## Vad innehåller den?\n\n\
         - alla Sveriges 290 kommuner och 21 regioner,\n- tusentals påhittade föreningar,\n\
         - överenskommelser och årliga verksamhetsberättelser.\n\nInget av innehållet beskriver \
         verkliga förhållanden.\n",
    )?;
    fs::write(
        content.join("pages/tillganglighetsredogorelse.md"),
        "---\ntitle: Tillgänglighetsredogörelse\norder: 2\n---\nWebbplatsen är byggd för att \
         följa WCAG 2.1 på nivå AA. Kontakta utgivaren om något inte fungerar.\n",
    )?;
    Ok(())
}
