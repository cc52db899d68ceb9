//! The mediators on a case: the lead (usually the vault's owner) and co-mediators.

use rusqlite::{Connection, Row};
use serde::Serialize;

use crate::audit::Audited;
use crate::cases::Case;
use crate::error::{Entity, Error, Result};
use crate::ids::{CaseId, MediatorId};
use crate::store::Tx;
use crate::vocab::vocabulary;

vocabulary!(
    MediatorRole, "role" {
        Lead => "lead",
        Co => "co",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Mediator {
    pub id: MediatorId,
    pub case_id: CaseId,
    pub role: MediatorRole,
    pub name: String,
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Mediator> {
    Ok(Mediator {
        id: row.get(0)?,
        case_id: row.get(1)?,
        role: row.get(2)?,
        name: row.get(3)?,
    })
}

/// Puts `name` on the case; a name may appear once per case.
pub(crate) fn add(tx: &Tx<'_>, case: &Case, role: MediatorRole, name: &str) -> Result<Mediator> {
    let exists: bool = tx.query_row(
        "SELECT count(*) FROM mediators WHERE case_id = ?1 AND name = ?2",
        (case.id, name),
        |r| r.get::<_, i64>(0),
    )? > 0;
    if exists {
        return Err(Error::Invalid {
            field: "mediator",
            value: format!("{name} is already on this case"),
        });
    }
    let mediator = Mediator {
        id: MediatorId::new(),
        case_id: case.id,
        role,
        name: name.to_string(),
    };
    tx.execute(
        "INSERT INTO mediators (id, case_id, role, name) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![mediator.id, mediator.case_id, mediator.role, mediator.name],
    )?;
    tx.record("mediator.add", &mediator)?;
    Ok(mediator)
}

/// Takes a co-mediator off the case (the lead stays); the audit event records `null`.
pub(crate) fn remove_co(tx: &Tx<'_>, case_id: CaseId, name: &str) -> Result<()> {
    let found = list(tx, case_id)?
        .into_iter()
        .find(|m| m.name == name.trim() && m.role == MediatorRole::Co);
    let Some(mediator) = found else {
        return Err(Error::NotFound {
            entity: Entity::Mediator,
            id: name.to_string(),
        });
    };
    tx.execute("DELETE FROM mediators WHERE id = ?1", [mediator.id])?;
    tx.record_removal("mediator.remove", &mediator)?;
    Ok(())
}

/// A case's mediators: the lead first, then co-mediators by name.
pub fn list(conn: &Connection, case_id: CaseId) -> Result<Vec<Mediator>> {
    let mut stmt =
        conn.prepare("SELECT id, case_id, role, name FROM mediators WHERE case_id = ?1 ORDER BY role = 'co', name")?;
    let rows = stmt.query_map([case_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Audited for Mediator {
    const KIND: &'static str = "mediator";
    const TABLES: &'static [&'static str] = &["mediators"];

    fn audit_id(&self) -> String {
        self.id.to_string()
    }
    fn audit_case(&self) -> Option<String> {
        Some(self.case_id.to_string())
    }
    fn all_live(conn: &Connection) -> Result<Vec<Self>> {
        let mut stmt = conn.prepare("SELECT id, case_id, role, name FROM mediators")?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
