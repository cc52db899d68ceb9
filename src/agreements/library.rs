//! The clause library: bilingual templates for the usual parts of a mediated settlement
//! (written for this project: `assets/library/seed.json`), and the clauses a mediator
//! saves there. A template's text holds the case's facts as `{{party.requesting}}` and the
//! like, which stay linked once inserted ([`super::fields`]), and `[[amount]]`-style blanks
//! for the mediator. Each template has English, Simplified and Traditional text; an
//! agreement takes the script it is drafted in.
//!
//! The seed is part of schema 5, loaded by its migration step; like the termbase's, it
//! changes only together with a migration (its rows are what verify expects of a vault that
//! never touched them: [`Audited::initial_states`]). The library travels as a JSON file
//! (`accord-library/1`), imported all or nothing.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::clauses::{self, Clause, ClauseKind, ClauseText, Place};
use super::fields::{is_field, BLANKS};
use crate::audit::Audited;
use crate::bilingual::ChineseScript;
use crate::error::{Entity, Error, Result};
use crate::ids::AgreementId;
use crate::store::Tx;
use crate::text::{self, MAX_TITLE};
use crate::vocab::vocabulary;

/// The seed templates, as shipped with schema 5.
pub const SEED_JSON: &str = include_str!("../../assets/library/seed.json");
/// The `updated_at` of every seed row: fixed, so a vault's seed rows are the same bytes as
/// [`Audited::initial_states`] expects.
const SEED_AT: &str = "2026-12-02T00:00:00.000000Z";
/// Format tag of an exported library file.
pub const FILE_FORMAT: &str = "accord-library/1";
/// Most entries an imported file may hold.
pub const MAX_IMPORT: usize = 2_000;

vocabulary!(
    /// Where a library entry came from.
    LibraryOrigin, "origin" {
        Seed => "seed",
        Mediator => "mediator",
    }
);

/// A template of the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct LibraryClause {
    /// Stable: lowercase ASCII words joined by `-`.
    pub key: String,
    pub title_en: String,
    pub title_hans: String,
    pub title_hant: String,
    pub heading_en: String,
    pub heading_hans: String,
    pub heading_hant: String,
    pub text_en: String,
    pub text_hans: String,
    pub text_hant: String,
    pub kind: Option<ClauseKind>,
    #[serde(default = "mediator_origin")]
    pub origin: LibraryOrigin,
    #[serde(default)]
    pub updated_at: String,
}

fn mediator_origin() -> LibraryOrigin {
    LibraryOrigin::Mediator
}

impl LibraryClause {
    /// The title in the agreement's script, for lists.
    pub fn title(&self, script: ChineseScript) -> String {
        let zh = match script {
            ChineseScript::Simplified => &self.title_hans,
            ChineseScript::Traditional => &self.title_hant,
        };
        format!("{} / {zh}", self.title_en)
    }

    /// The words it inserts into an agreement drafted in `script`: that script's text, or
    /// the other's when it has none.
    fn words(&self, script: ChineseScript) -> ClauseText {
        let (heading, text, other_heading, other_text) = match script {
            ChineseScript::Simplified => (
                &self.heading_hans,
                &self.text_hans,
                &self.heading_hant,
                &self.text_hant,
            ),
            ChineseScript::Traditional => (
                &self.heading_hant,
                &self.text_hant,
                &self.heading_hans,
                &self.text_hans,
            ),
        };
        let or = |a: &String, b: &String| if a.is_empty() { b.clone() } else { a.clone() };
        ClauseText {
            heading_en: self.heading_en.clone(),
            heading_zh: or(heading, other_heading),
            text_en: self.text_en.clone(),
            text_zh: or(text, other_text),
            missing_reason: None,
            kind: self.kind,
        }
    }
}

/// The checks every entry passes, seed or imported: a key, titles, text, and no brace
/// that is neither a field nor a blank.
fn checked(mut entry: LibraryClause) -> Result<LibraryClause> {
    let key = entry.key.trim().to_string();
    if key.is_empty()
        || key.len() > 64
        || !key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(Error::Invalid {
            field: "key",
            value: format!("{key} (lowercase letters, digits and -)"),
        });
    }
    entry.key = key;
    for (field, value) in [
        ("title_en", &mut entry.title_en),
        ("title_hans", &mut entry.title_hans),
        ("title_hant", &mut entry.title_hant),
        ("heading_en", &mut entry.heading_en),
        ("heading_hans", &mut entry.heading_hans),
        ("heading_hant", &mut entry.heading_hant),
    ] {
        *value = text::optional(field, Some(value), MAX_TITLE)?.unwrap_or_default();
    }
    if entry.title_en.is_empty() && entry.title_hans.is_empty() && entry.title_hant.is_empty() {
        return Err(Error::Required { field: "title" });
    }
    for (field, value) in [
        ("text_en", &mut entry.text_en),
        ("text_hans", &mut entry.text_hans),
        ("text_hant", &mut entry.text_hant),
    ] {
        *value =
            text::paragraphs(field, Some(value), clauses::MAX_CLAUSE_SIDE)?.unwrap_or_default();
        check_braces(value)?;
    }
    if entry.text_en.is_empty() && entry.text_hans.is_empty() && entry.text_hant.is_empty() {
        return Err(Error::Required { field: "text" });
    }
    Ok(entry)
}

/// Every `{{…}}` must be a field and every `[[…]]` a blank: a template cannot carry a
/// clause reference (it has no agreement yet) nor a name Accord does not know.
fn check_braces(text: &str) -> Result<()> {
    for (open, close, known) in [
        ("{{", "}}", &is_field as &dyn Fn(&str) -> bool),
        ("[[", "]]", &|name: &str| BLANKS.contains(&name.trim())),
    ] {
        let mut rest = text;
        while let Some(start) = rest.find(open) {
            let Some(len) = rest[start..].find(close) else {
                break;
            };
            let name = &rest[start + open.len()..start + len];
            if !known(name) {
                return Err(Error::Invalid {
                    field: "text",
                    value: format!("{open}{name}{close} is no field or blank Accord knows"),
                });
            }
            rest = &rest[start + len + close.len()..];
        }
    }
    Ok(())
}

/// The seed, parsed and checked (a broken seed fails its test, never a vault).
pub fn seed() -> Vec<LibraryClause> {
    let entries: Vec<LibraryClause> =
        serde_json::from_str(SEED_JSON).expect("assets/library/seed.json parses");
    entries
        .into_iter()
        .map(|mut e| {
            e.origin = LibraryOrigin::Seed;
            e.updated_at = SEED_AT.into();
            checked(e).expect("every seed template passes the library's checks")
        })
        .collect()
}

const COLUMNS: &str =
    "key, title_en, title_hans, title_hant, heading_en, heading_hans, heading_hant, \
                       text_en, text_hans, text_hant, kind, origin, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<LibraryClause> {
    Ok(LibraryClause {
        key: row.get(0)?,
        title_en: row.get(1)?,
        title_hans: row.get(2)?,
        title_hant: row.get(3)?,
        heading_en: row.get(4)?,
        heading_hans: row.get(5)?,
        heading_hant: row.get(6)?,
        text_en: row.get(7)?,
        text_hans: row.get(8)?,
        text_hant: row.get(9)?,
        kind: row.get(10)?,
        origin: row.get(11)?,
        updated_at: row.get(12)?,
    })
}

fn insert_row(conn: &Connection, e: &LibraryClause) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO library_clauses ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             ON CONFLICT (key) DO UPDATE SET
                 title_en = excluded.title_en, title_hans = excluded.title_hans,
                 title_hant = excluded.title_hant, heading_en = excluded.heading_en,
                 heading_hans = excluded.heading_hans, heading_hant = excluded.heading_hant,
                 text_en = excluded.text_en, text_hans = excluded.text_hans,
                 text_hant = excluded.text_hant, kind = excluded.kind, origin = excluded.origin,
                 updated_at = excluded.updated_at"
        ),
        rusqlite::params![
            e.key,
            e.title_en,
            e.title_hans,
            e.title_hant,
            e.heading_en,
            e.heading_hans,
            e.heading_hant,
            e.text_en,
            e.text_hans,
            e.text_hant,
            e.kind,
            e.origin,
            e.updated_at,
        ],
    )?;
    Ok(())
}

/// Schema 5's step: the seed templates, unrecorded (they are the vault's initial state).
pub(crate) fn insert_seed(conn: &Connection) -> Result<()> {
    for entry in seed() {
        insert_row(conn, &entry)?;
    }
    Ok(())
}

/// Every template, by key.
pub fn list(conn: &Connection) -> Result<Vec<LibraryClause>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM library_clauses ORDER BY key"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn load(conn: &Connection, key: &str) -> Result<LibraryClause> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM library_clauses WHERE key = ?1"),
        [key.trim()],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: Entity::Template,
        id: key.trim().to_string(),
    })
}

/// Adds a template, or replaces the one with its key (it becomes the mediator's).
pub fn put(tx: &Tx<'_>, entry: LibraryClause) -> Result<LibraryClause> {
    let mut entry = checked(entry)?;
    entry.origin = LibraryOrigin::Mediator;
    entry.updated_at = crate::time::to_storage(tx.now());
    insert_row(tx, &entry)?;
    let stored = load(tx, &entry.key)?;
    tx.record("library.put", &stored)?;
    Ok(stored)
}

/// Saves a clause of an agreement to the library under `key`: its English and its Chinese
/// (in the agreement's script; the other script's text stays empty, and inserting it into
/// an agreement in that script takes this one).
pub fn save_clause(
    tx: &Tx<'_>,
    clause: &Clause,
    key: &str,
    title_en: &str,
    title_zh: &str,
) -> Result<LibraryClause> {
    let agreement = super::load(tx, clause.agreement_id)?;
    if clause.text_en.contains("{{clause:") || clause.text_zh.contains("{{clause:") {
        return Err(Error::Invalid {
            field: "text",
            value: "a clause that refers to other clauses cannot become a template".into(),
        });
    }
    let (hans, hant) = match agreement.zh_script {
        ChineseScript::Simplified => (clause.text_zh.clone(), String::new()),
        ChineseScript::Traditional => (String::new(), clause.text_zh.clone()),
    };
    let (heading_hans, heading_hant) = match agreement.zh_script {
        ChineseScript::Simplified => (clause.heading_zh.clone(), String::new()),
        ChineseScript::Traditional => (String::new(), clause.heading_zh.clone()),
    };
    let (title_hans, title_hant) = match agreement.zh_script {
        ChineseScript::Simplified => (title_zh.to_string(), String::new()),
        ChineseScript::Traditional => (String::new(), title_zh.to_string()),
    };
    put(
        tx,
        LibraryClause {
            key: key.into(),
            title_en: title_en.into(),
            title_hans,
            title_hant,
            heading_en: clause.heading_en.clone(),
            heading_hans,
            heading_hant,
            text_en: clause.text_en.clone(),
            text_hans: hans,
            text_hant: hant,
            kind: clause.kind,
            origin: LibraryOrigin::Mediator,
            updated_at: String::new(),
        },
    )
}

/// Inserts template `key` into an agreement at `place`, in the agreement's script.
/// The name `--template` gives the usual shape of a mediated settlement.
pub const SETTLEMENT: &str = "settlement";

/// What the template name `name` stands for: [`SETTLEMENT`] is every part of a mediated
/// settlement, in order, with the language clause the regime asks for (the other is left
/// out, since the checks want exactly one); any other name is one library key.
pub fn template_keys(name: &str, regime: super::LanguageRegime) -> Vec<String> {
    if name.trim() != SETTLEMENT {
        return vec![name.trim().to_string()];
    }
    let language = match regime {
        super::LanguageRegime::EnPrevails => "language-english-prevails",
        _ => "language-equal",
    };
    seed()
        .into_iter()
        .map(|t| t.key)
        .filter(|k| !k.starts_with("language-") || k == language)
        .collect()
}

/// A new agreement whose first clauses are the templates `names` stand for, in order, in
/// the same transaction: an unknown key leaves no agreement behind.
pub fn create_from(
    tx: &Tx<'_>,
    case_id: crate::ids::CaseId,
    input: super::NewAgreement,
    names: &[String],
) -> Result<super::Agreement> {
    let agreement = super::create(tx, case_id, input)?;
    for name in names {
        for key in template_keys(name, agreement.language_regime) {
            insert(tx, agreement.id, &key, Place::End)?;
        }
    }
    Ok(agreement)
}

pub fn insert(tx: &Tx<'_>, agreement_id: AgreementId, key: &str, place: Place) -> Result<Clause> {
    let agreement = super::load(tx, agreement_id)?;
    let entry = load(tx, key)?;
    clauses::add(tx, agreement_id, entry.words(agreement.zh_script), place)
}

/// A library file: the format tag and the templates.
#[derive(Debug, Serialize, Deserialize)]
pub struct LibraryFile {
    pub format: String,
    pub clauses: Vec<LibraryClause>,
}

/// The whole library as a file's bytes (pretty JSON, keys in order).
pub fn export(conn: &Connection) -> Result<Vec<u8>> {
    let file = LibraryFile {
        format: FILE_FORMAT.into(),
        clauses: list(conn)?,
    };
    Ok(serde_json::to_vec_pretty(&file).expect("serializes"))
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct LibraryImport {
    #[ts(type = "number")]
    pub added: usize,
    #[ts(type = "number")]
    pub updated: usize,
    #[ts(type = "number")]
    pub unchanged: usize,
}

/// Imports a library file: every entry checked first, then all of them put, or none.
pub fn import(tx: &Tx<'_>, bytes: &[u8]) -> Result<LibraryImport> {
    if bytes.len() > 8 * 1024 * 1024 {
        return Err(Error::Invalid {
            field: "file",
            value: "larger than 8 MiB".into(),
        });
    }
    let file: LibraryFile = serde_json::from_slice(bytes).map_err(|e| Error::Invalid {
        field: "file",
        value: format!("not a library file: {e}"),
    })?;
    if file.format != FILE_FORMAT {
        return Err(Error::Invalid {
            field: "file",
            value: format!("format {} (this Accord reads {FILE_FORMAT})", file.format),
        });
    }
    if file.clauses.len() > MAX_IMPORT {
        return Err(Error::Invalid {
            field: "file",
            value: format!("more than {MAX_IMPORT} templates"),
        });
    }
    let entries: Vec<LibraryClause> = file
        .clauses
        .into_iter()
        .map(checked)
        .collect::<Result<_>>()?;
    let mut report = LibraryImport {
        added: 0,
        updated: 0,
        unchanged: 0,
    };
    for entry in entries {
        let same = |old: &LibraryClause| {
            let mut a = old.clone();
            let mut b = entry.clone();
            a.origin = LibraryOrigin::Mediator;
            b.origin = LibraryOrigin::Mediator;
            a.updated_at.clear();
            b.updated_at.clear();
            a == b
        };
        match load(tx, &entry.key) {
            Ok(old) if same(&old) => report.unchanged += 1,
            Ok(_) => {
                put(tx, entry)?;
                report.updated += 1;
            }
            Err(Error::NotFound { .. }) => {
                put(tx, entry)?;
                report.added += 1;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(report)
}

impl Audited for LibraryClause {
    const KIND: &'static str = "library_clause";
    const TABLES: &'static [&'static str] = &["library_clauses"];

    fn audit_id(&self) -> String {
        self.key.clone()
    }
    fn audit_case(&self) -> Option<String> {
        None
    }
    fn all_live(conn: &Connection) -> Result<Vec<Self>> {
        list(conn)
    }
    fn initial_states() -> Vec<(String, String)> {
        seed()
            .iter()
            .map(|t| (t.audit_id(), t.audit_state()))
            .collect()
    }
}
