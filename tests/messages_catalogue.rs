//! The two message catalogues (`locales/sv/iopsite.ftl`, `locales/en/iopsite.ftl`) hold the
//! same messages, every message the program can give is in both, and neither holds a message
//! the program never gives.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use iopsite::l10n::{EN_FTL, SV_FTL, ids};

/// Every message id the source names: `msg!("id" …)`, and the strum `message = "id"` of a
/// closed list's words, whose meanings are messages too.
fn codes_in_source() -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.expect("walk src");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).expect("read a source file");
        for marker in ["msg!(\"", "msg!(\n", "message = \""] {
            for (at, _) in text.match_indices(marker) {
                let rest = text[at + marker.len()..].trim_start();
                let rest = rest.strip_prefix('"').unwrap_or(rest);
                let id: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                // `msg!(@value …)` is the macro's own rule, not a message.
                if !id.is_empty() && rest[id.len()..].starts_with('"') {
                    codes.insert(id);
                }
            }
        }
    }
    codes
}

fn catalogue(ftl: &str) -> BTreeSet<String> {
    ids(ftl).into_iter().map(str::to_string).collect()
}

#[test]
fn both_catalogues_have_the_same_messages() {
    let sv = catalogue(SV_FTL);
    let en = catalogue(EN_FTL);
    assert!(
        en.len() > 150,
        "only {} messages read from the English catalogue",
        en.len()
    );
    let only_sv: Vec<_> = sv.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&sv).collect();
    assert!(
        only_sv.is_empty() && only_en.is_empty(),
        "only in Swedish: {only_sv:?}\nonly in English: {only_en:?}"
    );
    assert_eq!(
        ids(SV_FTL).len(),
        sv.len(),
        "a message id is written twice in Swedish"
    );
    assert_eq!(
        ids(EN_FTL).len(),
        en.len(),
        "a message id is written twice in English"
    );
}

#[test]
fn every_code_in_the_source_is_in_both_catalogues() {
    let used = codes_in_source();
    assert!(used.len() > 150, "only {} codes found in src/", used.len());
    for (name, ftl) in [("sv", SV_FTL), ("en", EN_FTL)] {
        let known = catalogue(ftl);
        let missing: Vec<_> = used.difference(&known).collect();
        assert!(
            missing.is_empty(),
            "not in locales/{name}/iopsite.ftl: {missing:?}"
        );
    }
}

#[test]
fn every_message_in_the_catalogues_is_used() {
    let used = codes_in_source();
    let unused: Vec<_> = catalogue(EN_FTL)
        .into_iter()
        .filter(|id| !used.contains(id))
        .collect();
    assert!(unused.is_empty(), "never given by the program: {unused:?}");
}

#[test]
fn swedish_and_english_differ_where_they_should() {
    use iopsite::l10n::{Language, render};
    use iopsite::msg;
    let warnings = |n: usize| msg!("summary-counts", errors = 1usize, warnings = n);
    assert_eq!(render(Language::Sv, &warnings(1)), "1 fel, 1 varning");
    assert_eq!(render(Language::Sv, &warnings(3)), "1 fel, 3 varningar");
    assert_eq!(render(Language::En, &warnings(1)), "1 error, 1 warning");
    assert_eq!(render(Language::En, &warnings(3)), "1 error, 3 warnings");
    // No Unicode isolation marks around arguments: a terminal shows them as garbage.
    let text = render(Language::Sv, &msg!("goal-unknown", number = 18));
    assert!(!text.contains(['\u{2068}', '\u{2069}']), "{text:?}");
    assert_eq!(
        text,
        "mål 18 finns inte; Agenda 2030-målen är numrerade 1 till 17"
    );
}
