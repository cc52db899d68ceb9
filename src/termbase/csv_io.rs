//! The termbase as CSV, in the seed's format: UTF-8, one header row
//! `en,zh_hans,zh_hant,domain,note`, LF line endings, a field quoted (RFC 4180) when it
//! holds a comma or a double quote.
//!
//! Reading is strict and all-or-nothing: the whole file is parsed and checked before
//! anything is written, and the first bad line is named. A leading byte-order mark (what
//! spreadsheet programs write) and CRLF line endings are accepted.
//!
//! Memory is bounded by the file, not by what it holds: records are split one at a time
//! and checked as they come, reading stops at the first bad row or at row
//! [`MAX_IMPORT_ROWS`] + 1, a record stops at one field more than the header and a field
//! at [`MAX_FIELD_CHARS`]. (Splitting the whole file first made a 4 MiB file of empty
//! lines four million records, hundreds of MiB; `tests/csv_memory.rs` measures it.)
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula. Export
//! therefore writes such a cell with a `'` in front (and one more `'` in front of a cell
//! that already starts with `'`s before one of those), and import takes exactly one `'`
//! off again, so that export then import gives back the same termbase. A file that holds
//! an unprotected formula-like cell is refused: it did not come from Accord.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Read, Write};

use rusqlite::Connection;
use serde::Serialize;

use super::{by_english, in_added_order, insert, rewrite, Fields, NewTerm, TermOrigin};
use crate::error::{Error, Result};
use crate::store::Tx;

/// The header, as in the seed file.
pub const HEADER: [&str; 5] = ["en", "zh_hans", "zh_hant", "domain", "note"];
/// Largest file import reads (4 MiB: about fifty times the seed).
pub const MAX_IMPORT_BYTES: u64 = 4 * 1024 * 1024;
/// Most entries one import may hold.
pub const MAX_IMPORT_ROWS: usize = 20_000;

const FORMULA_STARTS: [char; 4] = ['=', '+', '-', '@'];

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportReport {
    /// New entries.
    pub added: u32,
    /// Entries whose English was known and whose other fields the file changed.
    pub updated: u32,
    /// Entries the file holds exactly as they were.
    pub unchanged: u32,
}

/// One row of a CSV file and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Record {
    line: usize,
    fields: Vec<String>,
}

fn bad(line: usize, why: impl std::fmt::Display) -> Error {
    Error::Invalid {
        field: "csv",
        value: format!("line {line}: {why}"),
    }
}

/// Longest field the reader keeps, in characters: four times the longest column's limit
/// ([`super::MAX_TERM_NOTE`]), room for spaces that are trimmed. A longer field is refused
/// as soon as it is seen, so one field never grows past this.
pub const MAX_FIELD_CHARS: usize = 4 * super::MAX_TERM_NOTE;

/// Splits CSV text into records (RFC 4180, with LF or CRLF line ends), one at a time, so
/// a caller that stops (at the row limit, at a bad row) never holds the rest. A record
/// holds at most one field more than [`HEADER`]: a longer one is refused while read.
struct Records<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
}

fn records(text: &str) -> Records<'_> {
    Records {
        chars: text.chars().peekable(),
        line: 1,
    }
}

impl Iterator for Records<'_> {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        self.chars.peek()?;
        Some(self.record())
    }
}

impl Records<'_> {
    fn record(&mut self) -> Result<Record> {
        let chars = &mut self.chars;
        let first_line = self.line;
        let mut fields = Vec::new();
        loop {
            if fields.len() > HEADER.len() {
                return Err(bad(
                    first_line,
                    format!(
                        "more than {} fields where the header has {}",
                        HEADER.len() + 1,
                        HEADER.len()
                    ),
                ));
            }
            let mut field = String::new();
            let mut kept = 0;
            let mut keep = |field: &mut String, c: char, line: usize| {
                kept += 1;
                if kept > MAX_FIELD_CHARS {
                    return Err(bad(
                        line,
                        format!("a field longer than {MAX_FIELD_CHARS} characters"),
                    ));
                }
                field.push(c);
                Ok(())
            };
            if chars.peek() == Some(&'"') {
                chars.next();
                let opened = self.line;
                loop {
                    match chars.next() {
                        None => return Err(bad(opened, "a quoted field is never closed")),
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            keep(&mut field, '"', opened)?;
                        }
                        Some('"') => break,
                        Some(c) => {
                            if c == '\n' {
                                self.line += 1;
                            }
                            keep(&mut field, c, opened)?;
                        }
                    }
                }
                if !matches!(chars.peek(), None | Some(',' | '\n' | '\r')) {
                    return Err(bad(self.line, "text follows a closing quote"));
                }
            } else {
                while let Some(&c) = chars.peek() {
                    match c {
                        ',' | '\n' | '\r' => break,
                        '"' => {
                            return Err(bad(
                                self.line,
                                "a quote inside an unquoted field (quote the whole field and double the quote)",
                            ))
                        }
                        _ => {
                            keep(&mut field, c, self.line)?;
                            chars.next();
                        }
                    }
                }
            }
            fields.push(field);
            match chars.next() {
                Some(',') => {}
                Some('\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    self.line += 1;
                    break;
                }
                Some('\r') => return Err(bad(self.line, "a carriage return without a line feed")),
                Some('\n') => {
                    self.line += 1;
                    break;
                }
                None => break,
                Some(c) => unreachable!("fields end at a separator, not {c:?}"),
            }
        }
        Ok(Record {
            line: first_line,
            fields,
        })
    }
}

/// Parses and checks a whole termbase file: header, every row, no English twice. Rows are
/// read one at a time and checked as they come; reading stops at the first bad one or
/// at row [`MAX_IMPORT_ROWS`] + 1, so what is held stays about the size of the entries
/// kept, whatever the file holds (a 4 MiB file of empty lines is four million records).
pub(crate) fn parse_terms(text: &str) -> Result<Vec<Fields>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = records(text);
    let Some(header) = records.next().transpose()? else {
        return Err(bad(
            1,
            format!(
                "the file is empty; it needs the header {}",
                HEADER.join(",")
            ),
        ));
    };
    if header.fields != HEADER {
        return Err(bad(
            1,
            format!(
                "the header must be {} (found {})",
                HEADER.join(","),
                header.fields.join(",")
            ),
        ));
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for row in records {
        let row = row?;
        if out.len() == MAX_IMPORT_ROWS {
            return Err(bad(
                row.line,
                format!("more than {MAX_IMPORT_ROWS} entries"),
            ));
        }
        if row.fields.len() != HEADER.len() {
            return Err(bad(
                row.line,
                format!(
                    "{} fields where the header has {}",
                    row.fields.len(),
                    HEADER.len()
                ),
            ));
        }
        if row.fields == HEADER {
            return Err(bad(row.line, "the header again (two files joined?)"));
        }
        let mut cells = Vec::with_capacity(HEADER.len());
        for (name, cell) in HEADER.iter().zip(&row.fields) {
            cells.push(unguard(cell).ok_or_else(|| {
                bad(
                    row.line,
                    format!(
                        "{name} starts with {:?}, which a spreadsheet runs as a formula; put a ' before it to keep it as text",
                        cell.chars().next().unwrap_or_default()
                    ),
                )
            })?);
        }
        let optional = |i: usize| Some(cells[i].to_string());
        let fields = Fields::check(&NewTerm {
            en: cells[0].to_string(),
            zh_hans: optional(1),
            zh_hant: optional(2),
            domain: optional(3),
            note: optional(4),
        })
        .map_err(|e| bad(row.line, e))?;
        if let Some(first) = seen.insert(fields.en.to_lowercase(), row.line) {
            return Err(bad(
                row.line,
                format!("“{}” is already on line {first}", fields.en),
            ));
        }
        out.push(fields);
    }
    Ok(out)
}

/// Whether a spreadsheet would take `cell` for a formula, once any leading `'`s are skipped.
fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A cell as written: formula-like cells get one `'` in front.
fn guard(cell: &str) -> Cow<'_, str> {
    if formula_like(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The inverse of [`guard`]; `None` for an unprotected formula-like cell.
fn unguard(cell: &str) -> Option<&str> {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => Some(rest),
        _ if cell.starts_with(FORMULA_STARTS) => None,
        _ => Some(cell),
    }
}

/// One CSV field: quoted when it holds a separator or a quote.
fn field(cell: &str) -> Cow<'_, str> {
    let cell = guard(cell);
    if cell.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", cell.replace('"', "\"\"")))
    } else {
        cell
    }
}

/// Reads a whole termbase CSV file and merges it in by English term: new terms are added
/// (origin `import`), known ones take the file's other fields (an empty cell clears one).
/// Any bad row refuses the whole file, naming its line; nothing is written then.
pub fn import_csv(tx: &Tx<'_>, reader: impl Read) -> Result<ImportReport> {
    let mut bytes = Vec::new();
    reader.take(MAX_IMPORT_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(Error::Invalid {
            field: "csv",
            value: format!(
                "the file is larger than {} MiB",
                MAX_IMPORT_BYTES / (1024 * 1024)
            ),
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
        bad(line, "not UTF-8 text (save the file as CSV UTF-8)")
    })?;
    let rows = parse_terms(&text)?;
    let mut report = ImportReport::default();
    for fields in rows {
        match by_english(tx, &fields.en)? {
            None => {
                let term = insert(tx, &fields, TermOrigin::Import)?;
                tx.record("term.import", &term)?;
                report.added += 1;
            }
            Some(known) => {
                if rewrite(tx, &known, &fields, "term.import")? == known {
                    report.unchanged += 1;
                } else {
                    report.updated += 1;
                }
            }
        }
    }
    Ok(report)
}

/// Writes the whole termbase as CSV, in the order entries were added; returns how many.
pub fn export_csv(conn: &Connection, mut writer: impl Write) -> Result<usize> {
    let terms = in_added_order(conn)?;
    let mut out = String::with_capacity(64 * terms.len() + 64);
    out.push_str(&HEADER.join(","));
    out.push('\n');
    for t in &terms {
        let cells = [
            t.en.as_str(),
            t.zh_hans.as_deref().unwrap_or(""),
            t.zh_hant.as_deref().unwrap_or(""),
            t.domain.as_deref().unwrap_or(""),
            t.note.as_deref().unwrap_or(""),
        ];
        let line: Vec<Cow<'_, str>> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    writer.write_all(out.as_bytes())?;
    writer.flush()?;
    Ok(terms.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Tx;
    use crate::termbase::seed::SEED_CSV;
    use crate::termbase::tests::{conn, new, stamp};

    fn error_of(text: &str) -> String {
        match parse_terms(text) {
            Err(Error::Invalid {
                field: "csv",
                value,
            }) => value,
            other => panic!("{text:?} should be refused, got {other:?}"),
        }
    }

    const H: &str = "en,zh_hans,zh_hant,domain,note\n";

    #[test]
    fn an_untouched_termbase_exports_as_the_seed_file_with_schema_6_corrections() {
        let conn = conn();
        let mut out = Vec::new();
        export_csv(&conn, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let file = crate::termbase::corrections::corrections();
        let exported: Vec<&str> = out.lines().collect();
        let seed: Vec<&str> = SEED_CSV.lines().collect();
        assert_eq!(exported.len(), seed.len() + file.additions.len());
        for (shipped, now) in seed.iter().zip(&exported) {
            let corrected = file
                .changes
                .iter()
                .any(|c| shipped.starts_with(&format!("{},", field(&c.key))));
            if corrected {
                assert_ne!(shipped, now, "corrected in place, in the seed's order");
            } else {
                assert_eq!(
                    shipped, now,
                    "every other line is the seed's, byte for byte"
                );
            }
        }
        let added: Vec<&str> = exported[seed.len()..]
            .iter()
            .map(|line| line.split(',').next().unwrap())
            .collect();
        let expected: Vec<&str> = file.additions.iter().map(|a| a.term.en.as_str()).collect();
        assert_eq!(added, expected, "additions come after the seed");
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        let text = format!("{H}\"a, b\",\"x \"\"y\"\"\",繁,,\"multi\r\nline\"\r\nc,简,,d,\n");
        let recs: Vec<Record> = records(&text).collect::<Result<_>>().unwrap();
        assert_eq!(
            recs[1].fields,
            ["a, b", "x \"y\"", "繁", "", "multi\r\nline"]
        );
        assert_eq!(recs[2].line, 4, "a quoted line break counts as a line");
        assert_eq!(field("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(field("plain"), "plain");
    }

    #[test]
    fn hostile_files_are_refused_naming_the_line() {
        let cases = [
            ("en,zh,zh_hant,domain,note\n", "line 1: the header must be"),
            ("", "line 1: the file is empty"),
            (&format!("{H}a,b,c\n") as &str, "line 2: 3 fields"),
            (
                &format!("{H}a,和解,和解,,\n\nb,和,和,,\n"),
                "line 3: 1 fields",
            ),
            (&format!("{H}a\"b,和解,和解,,\n"), "line 2: a quote inside"),
            (
                &format!("{H}\"a\"b,和解,和解,,\n"),
                "line 2: text follows a closing quote",
            ),
            (
                &format!("{H}x,y,z,,\n\"open,和解,和解,,\n"),
                "line 3: a quoted field is never closed",
            ),
            (
                &format!("{H}a\rb,和解,和解,,\n"),
                "line 2: a carriage return",
            ),
            (
                &format!("{H}a\u{1b}[2J,和解,和解,,\n"),
                "line 2: en is invalid: control characters",
            ),
            (
                &format!("{H}a,和解,和解,,\nA,和,和,,\n"),
                "line 3: “A” is already on line 2",
            ),
            (
                &format!("{H}=cmd|' /C calc'!A0,和解,和解,,\n"),
                "line 2: en starts with '='",
            ),
            (
                &format!("{H}a,和解,和解,,@SUM(1)\n"),
                "line 2: note starts with '@'",
            ),
            (&format!("{H}a,,,,\n"), "line 2: zh is required"),
            (&format!("{H}{H}"), "line 2: the header again"),
            (
                &format!("{H}a,{},和解,,\n", "和".repeat(201)),
                "line 2: zh_hans is longer than 200",
            ),
        ];
        for (text, expected) in cases {
            let message = error_of(text);
            assert!(message.starts_with(expected), "{text:?}: {message}");
        }
    }

    /// The header and `n` distinct, valid rows.
    fn rows(n: usize) -> String {
        let mut text = String::from(H);
        for i in 0..n {
            text.push_str(&format!("term {i},和解,和解,,\n"));
        }
        text
    }

    fn term_count(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM terms", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn twenty_thousand_rows_import_and_one_more_is_refused_with_nothing_imported() {
        let mut conn = conn();
        let tx = conn.transaction().unwrap();
        let before = term_count(&tx);

        let err = import_csv(
            &Tx::new(&tx, &stamp()),
            rows(MAX_IMPORT_ROWS + 1).as_bytes(),
        )
        .unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::Invalid, "{err}");
        assert!(
            err.to_string().contains(&format!(
                "line {}: more than 20000 entries",
                MAX_IMPORT_ROWS + 2
            )),
            "names the first row too many: {err}"
        );
        assert_eq!(term_count(&tx), before, "a refused file imports nothing");

        let report = import_csv(&Tx::new(&tx, &stamp()), rows(MAX_IMPORT_ROWS).as_bytes()).unwrap();
        assert_eq!(report.added as usize, MAX_IMPORT_ROWS);
        assert_eq!(term_count(&tx), before + MAX_IMPORT_ROWS as i64);
    }

    #[test]
    fn a_record_stops_at_one_field_too_many_and_a_field_at_its_cap() {
        let many = format!("{H}a{}\n", ",x".repeat(10_000));
        assert!(
            error_of(&many).starts_with("line 2: more than 6 fields"),
            "{}",
            error_of(&many)
        );
        let long = format!("{H}\"{}\",和解,,,\n", "a".repeat(MAX_FIELD_CHARS + 1));
        assert!(
            error_of(&long).starts_with("line 2: a field longer than 4000 characters"),
            "{}",
            error_of(&long)
        );
        let fits = format!("{H}{}a{},和解,,,\n", " ".repeat(1000), " ".repeat(2999));
        assert_eq!(
            parse_terms(&fits).unwrap()[0].en,
            "a",
            "spaces around are trimmed"
        );
    }

    #[test]
    fn a_byte_order_mark_and_crlf_are_accepted() {
        let text = "\u{feff}en,zh_hans,zh_hant,domain,note\r\nescrow,托管,託管,,\r\n";
        let rows = parse_terms(text).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].zh_hant.as_deref(), Some("託管"));
    }

    #[test]
    fn formula_guard_round_trips() {
        for cell in [
            "=1+1",
            "-x",
            "'=x",
            "''@x",
            "'s-Hertogenbosch",
            "plain",
            "a=b",
        ] {
            let written = guard(cell);
            assert!(
                !written.starts_with(FORMULA_STARTS),
                "{cell} written as {written}"
            );
            assert_eq!(unguard(&written), Some(cell), "{cell}");
        }
        assert_eq!(unguard("=x"), None);
    }

    #[test]
    fn import_merges_by_english_and_export_round_trips() {
        let mut conn = conn();
        let tx = conn.transaction().unwrap();
        crate::termbase::add(
            &Tx::new(&tx, &stamp()),
            new("retention sum", "保留金额", "保留金額"),
        )
        .unwrap();
        crate::termbase::add(&Tx::new(&tx, &stamp()), new("=trap", "陷阱", "陷阱")).unwrap();
        let mut first = Vec::new();
        export_csv(&tx, &mut first).unwrap();
        let exported = String::from_utf8(first.clone()).unwrap();
        assert!(
            exported.contains("\n'=trap,陷阱"),
            "formula guarded on export"
        );

        let file = format!("{H}Retention Sum,保留金额,保留金額,finance,\nnovation,更新,更替,commercial,\nmediator,调解员,調解員,process,Taiwan also 調解人 or 調解委員.\n");
        let report = import_csv(&Tx::new(&tx, &stamp()), file.as_bytes()).unwrap();
        assert_eq!(
            report,
            ImportReport {
                added: 1,
                updated: 1,
                unchanged: 1
            }
        );
        let retention = crate::termbase::find(&tx, "retention sum").unwrap();
        assert_eq!(retention.en, "Retention Sum", "the file's spelling wins");
        assert_eq!(retention.domain.as_deref(), Some("finance"));
        assert_eq!(
            crate::termbase::find(&tx, "novation").unwrap().origin,
            TermOrigin::Import
        );

        // Export, import into a fresh termbase: the same file comes out.
        let mut second = Vec::new();
        export_csv(&tx, &mut second).unwrap();
        let mut other = conn_with_no_terms();
        let tx2 = other.transaction().unwrap();
        import_csv(&Tx::new(&tx2, &stamp()), second.as_slice()).unwrap();
        let mut third = Vec::new();
        export_csv(&tx2, &mut third).unwrap();
        assert_eq!(
            String::from_utf8(third).unwrap(),
            String::from_utf8(second).unwrap()
        );
    }

    fn conn_with_no_terms() -> Connection {
        let c = conn();
        c.execute("DELETE FROM terms", []).unwrap();
        c
    }

    #[test]
    fn oversized_and_non_utf8_files_are_refused() {
        let mut conn = conn();
        let tx = conn.transaction().unwrap();
        let huge = vec![b'a'; MAX_IMPORT_BYTES as usize + 1];
        assert!(matches!(
            import_csv(&Tx::new(&tx, &stamp()), huge.as_slice()),
            Err(Error::Invalid { field: "csv", .. })
        ));
        let latin1 = b"en,zh_hans,zh_hant,domain,note\ncaf\xe9,x,y,,\n";
        let err = import_csv(&Tx::new(&tx, &stamp()), latin1.as_slice()).unwrap_err();
        assert!(err.to_string().contains("line 2: not UTF-8"), "{err}");
    }
}

/// A CSV export written into a folder: the file's path and how many terms it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: std::path::PathBuf,
    pub terms: usize,
}

/// Where "export the termbase" writes when no folder is named: the Downloads folder, else
/// home. One answer for the desktop's button and `accord term export --into`.
pub fn export_folder() -> Result<std::path::PathBuf> {
    let dirs = directories::UserDirs::new();
    dirs.as_ref()
        .and_then(|d| d.download_dir().map(|p| p.to_path_buf()))
        .or_else(|| dirs.as_ref().map(|d| d.home_dir().to_path_buf()))
        .ok_or_else(|| Error::Invalid {
            field: "folder",
            value: "no Downloads or home folder".into(),
        })
}

/// Exports the termbase as a CSV file in `dir`, named for `day`; never overwrites a file
/// already there (a `-2`, `-3` … suffix instead). Returns the path written.
pub fn export_csv_into(
    conn: &Connection,
    dir: &std::path::Path,
    day: chrono::NaiveDate,
) -> Result<Exported> {
    let mut bytes = Vec::new();
    let terms = export_csv(conn, &mut bytes)?;
    std::fs::create_dir_all(dir)?;
    for n in 1..1000 {
        let name = match n {
            1 => format!("accord-termbase-{day}.csv"),
            _ => format!("accord-termbase-{day}-{n}.csv"),
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(&bytes)?;
                file.sync_all()?;
                return Ok(Exported { path, terms });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(std::io::Error::other("too many termbase exports for one day in that folder").into())
}

#[cfg(test)]
mod export_into_tests {
    use super::*;

    #[test]
    fn exports_never_overwrite_an_earlier_file() {
        let conn = crate::termbase::tests::conn();
        let dir = tempfile::tempdir().unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        std::fs::write(dir.path().join("accord-termbase-2026-11-29.csv"), "mine").unwrap();
        let exported = export_csv_into(&conn, dir.path(), day).unwrap();
        let path = exported.path;
        assert!(exported.terms > 0);
        assert!(path.ends_with("accord-termbase-2026-11-29-2.csv"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("accord-termbase-2026-11-29.csv")).unwrap(),
            "mine",
            "the earlier file is untouched"
        );
        assert!(std::fs::read_to_string(path)
            .unwrap()
            .starts_with("en,zh_hans,zh_hant"));
    }
}
