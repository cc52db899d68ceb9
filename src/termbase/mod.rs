//! The termbase: English ↔ Simplified ↔ Traditional Chinese terms, so that the two texts
//! of a note or a clause say the same thing.
//!
//! It starts with the project's seed list (`assets/termbase/seed.csv`, loaded by schema
//! 3's migration: [`seed`], and corrected in every vault by schema 6's: [`corrections`])
//! and grows with the mediator's own entries. [`csv_io`] reads and writes the seed's CSV
//! format, [`tbx`] writes TBX-Basic, and [`matching`] finds terms in a text and the terms
//! one side of a bilingual text has that the other lacks.

pub mod corrections;
pub mod csv_io;
pub mod matching;
pub mod seed;
pub mod tbx;

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::audit::Audited;
use crate::error::{Entity, Error, Result};
use crate::ids::{IdQuery, TermId};
use crate::store::Tx;
use crate::text;
use crate::time;
use crate::vocab::vocabulary;

pub use csv_io::{export_csv, export_csv_into, export_folder, import_csv, Exported, ImportReport};
pub use matching::{check, matches, Matcher, TermGap, TermMatch};

/// Longest English or Chinese form of a term, in characters.
pub const MAX_TERM: usize = 200;
/// Longest domain label.
pub const MAX_DOMAIN: usize = 64;
/// Longest usage note.
pub const MAX_TERM_NOTE: usize = 1000;

vocabulary!(
    /// Where an entry came from: the seed list, the mediator typing it, or a CSV import.
    /// It stays what it was when the entry is later edited.
    TermOrigin, "origin" {
        Seed => "seed",
        Mediator => "mediator",
        Import => "import",
    }
);

/// A termbase entry as stored. Field names are the `--json` contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Term {
    pub id: TermId,
    pub en: String,
    pub zh_hans: Option<String>,
    pub zh_hant: Option<String>,
    pub domain: Option<String>,
    pub note: Option<String>,
    pub origin: TermOrigin,
    pub updated_at: String,
}

impl Term {
    /// The Chinese form in `script`, or the other script's when this one is missing.
    pub fn chinese(&self, script: crate::notes::ChineseScript) -> &str {
        use crate::notes::ChineseScript::*;
        let (first, second) = match script {
            Simplified => (&self.zh_hans, &self.zh_hant),
            Traditional => (&self.zh_hant, &self.zh_hans),
        };
        first
            .as_deref()
            .or(second.as_deref())
            .expect("a term has a Chinese form (checked on write and by the schema)")
    }
}

/// A new entry. English and at least one Chinese form are required.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export, optional_fields)]
pub struct NewTerm {
    pub en: String,
    pub zh_hans: Option<String>,
    pub zh_hant: Option<String>,
    pub domain: Option<String>,
    pub note: Option<String>,
}

/// A change to an entry. `None` keeps a field; `Some("")` clears an optional one.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export, optional_fields)]
pub struct TermUpdate {
    pub en: Option<String>,
    pub zh_hans: Option<String>,
    pub zh_hant: Option<String>,
    pub domain: Option<String>,
    pub note: Option<String>,
}

/// An entry's text, checked: every field trimmed, bounded and on one line, English
/// present, and at least one Chinese form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fields {
    pub en: String,
    pub zh_hans: Option<String>,
    pub zh_hant: Option<String>,
    pub domain: Option<String>,
    pub note: Option<String>,
}

impl Fields {
    pub(crate) fn check(new: &NewTerm) -> Result<Fields> {
        let en = line("en", Some(&new.en), MAX_TERM)?.ok_or(Error::Required { field: "en" })?;
        let fields = Fields {
            en,
            zh_hans: line("zh_hans", new.zh_hans.as_deref(), MAX_TERM)?,
            zh_hant: line("zh_hant", new.zh_hant.as_deref(), MAX_TERM)?,
            domain: line("domain", new.domain.as_deref(), MAX_DOMAIN)?,
            note: line("note", new.note.as_deref(), MAX_TERM_NOTE)?,
        };
        if fields.zh_hans.is_none() && fields.zh_hant.is_none() {
            return Err(Error::Required { field: "zh" });
        }
        Ok(fields)
    }

    /// Back into an unchecked entry, to check again after a change.
    fn into_new(self) -> NewTerm {
        NewTerm {
            en: self.en,
            zh_hans: self.zh_hans,
            zh_hant: self.zh_hant,
            domain: self.domain,
            note: self.note,
        }
    }

    fn of(term: &Term) -> Fields {
        Fields {
            en: term.en.clone(),
            zh_hans: term.zh_hans.clone(),
            zh_hant: term.zh_hant.clone(),
            domain: term.domain.clone(),
            note: term.note.clone(),
        }
    }
}

/// One line of text: [`text::optional`], which refuses line breaks, tabs and the
/// invisible characters that reorder text or make two entries look alike.
fn line(field: &'static str, value: Option<&str>, max: usize) -> Result<Option<String>> {
    text::optional(field, value, max)
}

const COLUMNS: &str = "id, en, zh_hans, zh_hant, domain, note, origin, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Term> {
    Ok(Term {
        id: row.get(0)?,
        en: row.get(1)?,
        zh_hans: row.get(2)?,
        zh_hant: row.get(3)?,
        domain: row.get(4)?,
        note: row.get(5)?,
        origin: row.get(6)?,
        updated_at: row.get(7)?,
    })
}

/// Adds the mediator's own entry.
pub fn add(tx: &Tx<'_>, new: NewTerm) -> Result<Term> {
    let fields = Fields::check(&new)?;
    let term = insert(tx, &fields, TermOrigin::Mediator)?;
    tx.record("term.create", &term)?;
    Ok(term)
}

/// Inserts checked fields; the caller records the audit event.
fn insert(tx: &Tx<'_>, f: &Fields, origin: TermOrigin) -> Result<Term> {
    insert_as(tx, TermId::new(), f, origin)
}

/// [`insert`] under a given id (the entries a correction adds have derived ids).
fn insert_as(tx: &Tx<'_>, id: TermId, f: &Fields, origin: TermOrigin) -> Result<Term> {
    ensure_english_free(tx, &f.en, None)?;
    let now = time::to_storage(tx.now());
    tx.execute(
        "INSERT INTO terms (id, en, zh_hans, zh_hant, domain, note, origin, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        rusqlite::params![id, f.en, f.zh_hans, f.zh_hant, f.domain, f.note, origin, now],
    )?;
    load(tx, id)
}

fn ensure_english_free(conn: &Connection, en: &str, except: Option<TermId>) -> Result<()> {
    match by_english(conn, en)? {
        Some(other) if Some(other.id) != except => Err(Error::Invalid {
            field: "en",
            value: format!("“{}” is already in the termbase", other.en),
        }),
        _ => Ok(()),
    }
}

/// The entry whose English is `en`, ignoring case.
fn by_english(conn: &Connection, en: &str) -> Result<Option<Term>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM terms WHERE en = ?1"),
            [en.trim()],
            from_row,
        )
        .optional()?)
}

/// Changes an entry. Nothing is written, and no event recorded, when nothing changes.
pub fn update(tx: &Tx<'_>, id: TermId, change: TermUpdate) -> Result<Term> {
    let before = load(tx, id)?;
    let pick = |new: &Option<String>, old: &Option<String>| new.clone().or(old.clone());
    let wanted = NewTerm {
        en: change.en.clone().unwrap_or(before.en.clone()),
        zh_hans: pick(&change.zh_hans, &before.zh_hans),
        zh_hant: pick(&change.zh_hant, &before.zh_hant),
        domain: pick(&change.domain, &before.domain),
        note: pick(&change.note, &before.note),
    };
    let fields = Fields::check(&wanted)?;
    rewrite(tx, &before, &fields, "term.update")
}

/// Writes `fields` over `before` and records `action`, unless nothing differs.
fn rewrite(tx: &Tx<'_>, before: &Term, fields: &Fields, action: &str) -> Result<Term> {
    if Fields::of(before) == *fields {
        return Ok(before.clone());
    }
    ensure_english_free(tx, &fields.en, Some(before.id))?;
    tx.execute(
        "UPDATE terms SET en = ?2, zh_hans = ?3, zh_hant = ?4, domain = ?5, note = ?6, updated_at = ?7
         WHERE id = ?1",
        rusqlite::params![
            before.id,
            fields.en,
            fields.zh_hans,
            fields.zh_hant,
            fields.domain,
            fields.note,
            time::to_storage(tx.now())
        ],
    )?;
    let term = load(tx, before.id)?;
    tx.record(action, &term)?;
    Ok(term)
}

/// Removes an entry, seed entries included.
pub fn remove(tx: &Tx<'_>, id: TermId) -> Result<Term> {
    let term = load(tx, id)?;
    tx.execute("DELETE FROM terms WHERE id = ?1", [id])?;
    tx.record_removal("term.delete", &term)?;
    Ok(term)
}

pub fn load(conn: &Connection, id: TermId) -> Result<Term> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM terms WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: Entity::Term,
        id: id.to_string(),
    })
}

/// Finds an entry by its exact English (any case), id or short id.
pub fn find(conn: &Connection, reference: &str) -> Result<Term> {
    if let Some(term) = by_english(conn, reference)? {
        return Ok(term);
    }
    let query = IdQuery::parse(Entity::Term, reference).map_err(|_| Error::NotFound {
        entity: Entity::Term,
        id: reference.trim().into(),
    })?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM terms WHERE replace(id, '-', '') LIKE ?1 LIMIT 2"
    ))?;
    let found: Vec<Term> = stmt
        .query_map([query.like_pattern()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    match found.len() {
        1 => Ok(found.into_iter().next().expect("one")),
        0 => Err(Error::NotFound {
            entity: Entity::Term,
            id: reference.trim().into(),
        }),
        _ => Err(Error::Ambiguous {
            entity: Entity::Term,
            id: reference.trim().into(),
        }),
    }
}

/// Every entry in English alphabetical order; with `text`, those whose English,
/// Simplified or Traditional form contains it (English ignoring case).
pub fn list(conn: &Connection, text: Option<&str>) -> Result<Vec<Term>> {
    let pattern = text.map(str::trim).filter(|t| !t.is_empty()).map(|t| {
        let escaped = t
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("%{escaped}%")
    });
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM terms
         WHERE ?1 IS NULL OR en LIKE ?1 ESCAPE '\\' OR zh_hans LIKE ?1 ESCAPE '\\'
               OR zh_hant LIKE ?1 ESCAPE '\\'
         ORDER BY en COLLATE NOCASE, en"
    ))?;
    let rows = stmt.query_map([pattern], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every entry in the order it was added: the seed's own order first. Export uses it, so
/// exporting an untouched termbase gives back the seed file.
pub(crate) fn in_added_order(conn: &Connection) -> Result<Vec<Term>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM terms ORDER BY rowid"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Seed entries have no event: an unedited one is compared with the seed compiled into
/// this build ([`seed::entries`]), as if recorded before the first event.
impl Audited for Term {
    const KIND: &'static str = "term";
    const TABLES: &'static [&'static str] = &["terms"];

    fn audit_id(&self) -> String {
        self.id.to_string()
    }
    fn audit_case(&self) -> Option<String> {
        None
    }
    fn all_live(conn: &Connection) -> Result<Vec<Self>> {
        in_added_order(conn)
    }
    fn initial_states() -> Vec<(String, String)> {
        seed::entries()
            .iter()
            .map(|t| (t.audit_id(), t.audit_state()))
            .collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::audit::Stamp;
    use crate::schema;

    /// An in-memory database at the latest schema, seed loaded.
    pub fn conn() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        schema::migrate(&mut conn).unwrap();
        conn
    }

    pub fn stamp() -> Stamp {
        Stamp {
            at: "2026-12-01T09:00:00Z".parse().unwrap(),
            actor: "Test Mediator".into(),
        }
    }

    pub fn new(en: &str, hans: &str, hant: &str) -> NewTerm {
        NewTerm {
            en: en.into(),
            zh_hans: Some(hans.into()),
            zh_hant: Some(hant.into()),
            ..Default::default()
        }
    }

    #[test]
    fn add_update_remove_each_record_an_event() {
        let mut conn = conn();
        let tx = conn.transaction().unwrap();
        let term = add(
            &Tx::new(&tx, &stamp()),
            new("escrow agent", "托管代理人", "託管代理人"),
        )
        .unwrap();
        assert_eq!(term.origin, TermOrigin::Mediator);
        let same = update(&Tx::new(&tx, &stamp()), term.id, TermUpdate::default()).unwrap();
        assert_eq!(same, term, "an empty change changes nothing");
        let changed = update(
            &Tx::new(&tx, &stamp()),
            term.id,
            TermUpdate {
                zh_hant: Some("".into()),
                note: Some(" escrow ".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(changed.zh_hant, None, "Some(\"\") clears");
        assert_eq!(changed.note.as_deref(), Some("escrow"));
        let cleared = update(
            &Tx::new(&tx, &stamp()),
            term.id,
            TermUpdate {
                zh_hans: Some("".into()),
                ..Default::default()
            },
        );
        assert!(matches!(cleared, Err(Error::Required { field: "zh" })));
        remove(&Tx::new(&tx, &stamp()), term.id).unwrap();
        let actions: Vec<String> = crate::audit::list(&tx, None)
            .unwrap()
            .into_iter()
            .filter(|e| e.entity_id == term.id.to_string())
            .map(|e| e.action)
            .collect();
        assert_eq!(actions, ["term.create", "term.update", "term.delete"]);
        tx.commit().unwrap();
        assert!(crate::integrity::verify(&conn)
            .unwrap()
            .first_break
            .is_none());
    }

    #[test]
    fn english_is_unique_ignoring_case_and_found_by_it() {
        let mut conn = conn();
        let tx = conn.transaction().unwrap();
        let err = add(
            &Tx::new(&tx, &stamp()),
            new("Settlement Agreement", "和解协议", "和解協議"),
        );
        assert!(matches!(err, Err(Error::Invalid { field: "en", .. })));
        let found = find(&tx, "SETTLEMENT AGREEMENT").unwrap();
        assert_eq!(found.zh_hant.as_deref(), Some("和解協議"));
        assert_eq!(find(&tx, &found.id.short()).unwrap().id, found.id);
        assert!(matches!(
            find(&tx, "no such term"),
            Err(Error::NotFound {
                entity: Entity::Term,
                ..
            })
        ));
    }

    #[test]
    fn hostile_text_is_refused() {
        for bad in ["a\nb", "a\tb", "\u{202e}tnemeerga", "a\u{feff}b", "a\u{7}b"] {
            let result = Fields::check(&new(bad, "和解", "和解"));
            assert!(result.is_err(), "{bad:?} accepted");
        }
        let long = "x".repeat(MAX_TERM + 1);
        assert!(matches!(
            Fields::check(&new(&long, "和解", "和解")),
            Err(Error::TooLong { field: "en", .. })
        ));
        assert!(matches!(
            Fields::check(&NewTerm {
                en: "x".into(),
                ..Default::default()
            }),
            Err(Error::Required { field: "zh" })
        ));
    }

    #[test]
    fn list_matches_any_of_the_three_forms() {
        let conn = conn();
        let en: Vec<String> = list(&conn, Some("協議"))
            .unwrap()
            .into_iter()
            .map(|t| t.en)
            .collect();
        assert!(en.contains(&"settlement agreement".to_string()), "{en:?}");
        let by_hans = list(&conn, Some("和解协议")).unwrap();
        assert!(by_hans.iter().any(|t| t.en == "settlement agreement"));
        let literal = list(&conn, Some("%")).unwrap();
        assert!(literal.is_empty(), "% is a character, not a wildcard");
        assert!(list(&conn, None).unwrap().len() >= 150);
    }
}
