//! Parties to a case and their representatives.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::audit::Audited;
use crate::cases::{self, Case};
use crate::error::{Entity, Error, Result};
use crate::ids::{CaseId, IdQuery, PartyId};
use crate::store::Tx;
use crate::text::{self, MAX_NAME};
use crate::time;
use crate::vocab::vocabulary;

vocabulary!(
    /// What a party is.
    PartyKind, "kind" {
        State => "state",
        StateEntity => "state-entity",
        Investor => "investor",
        Company => "company",
        Person => "person",
    }
);

vocabulary!(
    /// A party's side in the mediation.
    PartyRole, "role" {
        Requesting => "requesting",
        Responding => "responding",
        Other => "other",
    }
);

/// Most representatives one party may list; more is almost certainly a mistake.
pub const MAX_REPRESENTATIVES: usize = 50;

/// A party as stored, with its representatives in the order given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Party {
    pub id: PartyId,
    pub case_id: CaseId,
    pub kind: PartyKind,
    pub role: PartyRole,
    pub name_en: Option<String>,
    pub name_zh: Option<String>,
    pub representatives: Vec<String>,
    pub created_at: String,
}

impl Party {
    /// A name for one line of output: both languages when both exist.
    pub fn name(&self) -> String {
        match (&self.name_en, &self.name_zh) {
            (Some(en), Some(zh)) => format!("{en} / {zh}"),
            (Some(n), None) | (None, Some(n)) => n.clone(),
            (None, None) => String::new(),
        }
    }
}

#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export, optional_fields)]
pub struct NewParty {
    pub kind: Option<PartyKind>,
    pub role: Option<PartyRole>,
    pub name_en: Option<String>,
    pub name_zh: Option<String>,
    pub representatives: Vec<String>,
}

/// A change to a party. `Some("")` clears a name (one must remain).
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export, optional_fields)]
pub struct PartyUpdate {
    pub kind: Option<PartyKind>,
    pub role: Option<PartyRole>,
    pub name_en: Option<String>,
    pub name_zh: Option<String>,
    pub add_representatives: Vec<String>,
    pub remove_representatives: Vec<String>,
}

const COLUMNS: &str = "id, case_id, kind, role, name_en, name_zh, created_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Party> {
    Ok(Party {
        id: row.get(0)?,
        case_id: row.get(1)?,
        kind: row.get(2)?,
        role: row.get(3)?,
        name_en: row.get(4)?,
        name_zh: row.get(5)?,
        created_at: row.get(6)?,
        representatives: Vec::new(),
    })
}

/// Loaded parties, each with its representatives.
fn all_with_representatives(conn: &Connection, parties: Vec<Party>) -> Result<Vec<Party>> {
    parties
        .into_iter()
        .map(|p| with_representatives(conn, p))
        .collect()
}

fn with_representatives(conn: &Connection, mut party: Party) -> Result<Party> {
    let mut stmt = conn
        .prepare_cached("SELECT name FROM representatives WHERE party_id = ?1 ORDER BY position")?;
    party.representatives = stmt
        .query_map([party.id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(party)
}

fn clean_representatives(names: &[String]) -> Result<Vec<String>> {
    names
        .iter()
        .map(|n| text::required("representative", n, MAX_NAME))
        .collect()
}

pub fn create(tx: &Tx<'_>, case: &Case, new: NewParty) -> Result<Party> {
    case.ensure_open()?;
    let kind = new.kind.ok_or(Error::Required { field: "kind" })?;
    let role = new.role.ok_or(Error::Required { field: "role" })?;
    let (name_en, name_zh) = text::bilingual(
        "name",
        new.name_en.as_deref(),
        new.name_zh.as_deref(),
        MAX_NAME,
    )?;
    let reps = clean_representatives(&new.representatives)?;
    if reps.len() > MAX_REPRESENTATIVES {
        return Err(Error::Invalid {
            field: "representative",
            value: format!("more than {MAX_REPRESENTATIVES}"),
        });
    }
    let id = PartyId::new();
    tx.execute(
        "INSERT INTO parties (id, case_id, kind, role, name_en, name_zh, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        rusqlite::params![id, case.id, kind, role, name_en, name_zh, time::to_storage(tx.now())],
    )?;
    write_representatives(tx, id, &reps)?;
    let party = load(tx, id)?;
    tx.record("party.add", &party)?;
    Ok(party)
}

fn write_representatives(tx: &Tx<'_>, party_id: PartyId, names: &[String]) -> Result<()> {
    tx.execute(
        "DELETE FROM representatives WHERE party_id = ?1",
        [party_id],
    )?;
    for (position, name) in names.iter().enumerate() {
        tx.execute(
            "INSERT INTO representatives (party_id, position, name) VALUES (?1, ?2, ?3)",
            rusqlite::params![party_id, position as i64, name],
        )?;
    }
    Ok(())
}

pub fn load(conn: &Connection, id: PartyId) -> Result<Party> {
    let party = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM parties WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            entity: Entity::Party,
            id: id.to_string(),
        })?;
    with_representatives(conn, party)
}

/// Finds a party by id or short id, optionally only within one case.
pub fn find(conn: &Connection, case_id: Option<CaseId>, reference: &str) -> Result<Party> {
    let query = IdQuery::parse(Entity::Party, reference)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM parties WHERE replace(id, '-', '') LIKE ?1 AND (?2 IS NULL OR case_id = ?2) LIMIT 2"
    ))?;
    let found: Vec<Party> = stmt
        .query_map(rusqlite::params![query.like_pattern(), case_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    match found.len() {
        1 => with_representatives(conn, found.into_iter().next().expect("one")),
        0 => Err(Error::NotFound {
            entity: Entity::Party,
            id: reference.trim().into(),
        }),
        _ => Err(Error::Ambiguous {
            entity: Entity::Party,
            id: reference.trim().into(),
        }),
    }
}

/// A case's parties: requesting first, then responding, then others.
pub fn list(conn: &Connection, case_id: CaseId) -> Result<Vec<Party>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM parties WHERE case_id = ?1
         ORDER BY CASE role WHEN 'requesting' THEN 0 WHEN 'responding' THEN 1 ELSE 2 END, created_at, id"
    ))?;
    let parties = stmt.query_map([case_id], from_row)?;
    all_with_representatives(conn, parties.collect::<rusqlite::Result<_>>()?)
}

pub fn update(tx: &Tx<'_>, id: PartyId, change: PartyUpdate) -> Result<Party> {
    let before = load(tx, id)?;
    cases::load(tx, before.case_id)?.ensure_open()?;
    let mut after = before.clone();
    if let Some(kind) = change.kind {
        after.kind = kind;
    }
    if let Some(role) = change.role {
        after.role = role;
    }
    if let Some(n) = &change.name_en {
        after.name_en = text::optional("name", Some(n), MAX_NAME)?;
    }
    if let Some(n) = &change.name_zh {
        after.name_zh = text::optional("name", Some(n), MAX_NAME)?;
    }
    if after.name_en.is_none() && after.name_zh.is_none() {
        return Err(Error::Required { field: "name" });
    }
    for name in clean_representatives(&change.remove_representatives)? {
        let before_len = after.representatives.len();
        after.representatives.retain(|r| *r != name);
        if after.representatives.len() == before_len {
            return Err(Error::Invalid {
                field: "representative",
                value: format!("{name} is not listed"),
            });
        }
    }
    for name in clean_representatives(&change.add_representatives)? {
        if !after.representatives.contains(&name) {
            after.representatives.push(name);
        }
    }
    if after.representatives.len() > MAX_REPRESENTATIVES {
        return Err(Error::Invalid {
            field: "representative",
            value: format!("more than {MAX_REPRESENTATIVES}"),
        });
    }
    if after == before {
        return Ok(before);
    }
    tx.execute(
        "UPDATE parties SET kind = ?2, role = ?3, name_en = ?4, name_zh = ?5 WHERE id = ?1",
        rusqlite::params![id, after.kind, after.role, after.name_en, after.name_zh],
    )?;
    write_representatives(tx, id, &after.representatives)?;
    let party = load(tx, id)?;
    tx.record("party.update", &party)?;
    Ok(party)
}

impl Audited for Party {
    const KIND: &'static str = "party";
    const TABLES: &'static [&'static str] = &["parties", "representatives"];

    fn audit_id(&self) -> String {
        self.id.to_string()
    }
    fn audit_case(&self) -> Option<String> {
        Some(self.case_id.to_string())
    }
    fn all_live(conn: &Connection) -> Result<Vec<Self>> {
        let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM parties"))?;
        let parties = stmt.query_map([], from_row)?;
        all_with_representatives(conn, parties.collect::<rusqlite::Result<_>>()?)
    }
}
