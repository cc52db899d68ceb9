//! Identifiers: one type per kind of record, each a uuid v7 (time-sortable), and the
//! short form people type.
//!
//! A case's id and a party's are both uuids, but passing one where the other is meant
//! must not compile: drafts and bundles will pass many ids around, and a mix-up there
//! could put one party's material in another's bundle. Each kind gets its own type from
//! [`id_type!`]: the same text in the database, in JSON and in TypeScript (a `string`).
//! Each is its own struct, so the compiler refuses `cases::load(conn, party.id)`; no
//! conversion between kinds exists but through the uuid, spelled out.
//!
//! A v7 uuid starts with a millisecond timestamp, so two records made in the same
//! moment share their first characters; the short form is therefore the *last* eight
//! hex digits, which are random.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
pub use uuid::Uuid;

use crate::error::{Entity, Error, Result};

/// Declares a record's id type: a uuid v7, stored and printed in its hyphenated form.
macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, ts_rs::TS,
        )]
        #[serde(transparent)]
        #[ts(export, type = "string")]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh id, made now.
            #[allow(clippy::new_without_default)] // a default id would be a random one
            pub fn new() -> Self {
                $name(Uuid::now_v7())
            }

            /// The eight-character handle shown in tables, e.g. `3f9c2a1b`.
            pub fn short(&self) -> String {
                short(&self.0)
            }
        }

        impl From<Uuid> for $name {
            fn from(uuid: Uuid) -> Self {
                $name(uuid)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0.hyphenated().to_string()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                Uuid::parse_str(value.as_str()?)
                    .map($name)
                    .map_err(|e| FromSqlError::Other(Box::new(e)))
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            /// A full uuid only (a short handle needs the database: [`IdQuery`]).
            fn from_str(text: &str) -> Result<Self> {
                Uuid::parse_str(text.trim()).map($name).map_err(|_| Error::Invalid {
                    field: "id",
                    value: text.to_string(),
                })
            }
        }
    )+};
}

id_type!(
    /// A case ([`crate::cases`]).
    CaseId,
    /// A mediator on a case ([`crate::mediators`]).
    MediatorId,
    /// A party to a case ([`crate::parties`]).
    PartyId,
    /// A session of a case ([`crate::sessions`]).
    SessionId,
    /// A note ([`crate::notes`]).
    NoteId,
    /// A party's word on a caucus note ([`crate::confidentiality`]).
    DisclosureId,
    /// A termbase entry ([`crate::termbase`]).
    TermId,
    /// A settlement agreement ([`crate::agreements`]).
    AgreementId,
    /// A clause of an agreement, the same through edits, moves and versions.
    ClauseId,
);

/// The eight-character handle shown in tables, e.g. `3f9c2a1b`.
fn short(id: &Uuid) -> String {
    let simple = id.simple().to_string();
    simple[simple.len() - 8..].to_string()
}

/// How a person referred to a record: a full uuid, or a short handle of 6+ hex digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdQuery {
    Full(Uuid),
    Suffix(String),
}

impl IdQuery {
    pub fn parse(entity: Entity, text: &str) -> Result<Self> {
        let trimmed = text.trim();
        if let Ok(id) = Uuid::parse_str(trimmed) {
            return Ok(IdQuery::Full(id));
        }
        let lower = trimmed.to_ascii_lowercase();
        if lower.len() >= 6 && lower.len() < 32 && lower.chars().all(|c| c.is_ascii_hexdigit()) {
            return Ok(IdQuery::Suffix(lower));
        }
        Err(Error::NotFound {
            entity,
            id: trimmed.to_string(),
        })
    }

    /// SQL `LIKE` pattern over `replace(id, '-', '')`, the column's undashed form.
    pub fn like_pattern(&self) -> String {
        match self {
            IdQuery::Full(id) => id.simple().to_string(),
            IdQuery::Suffix(s) => format!("%{s}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_of_ids_made_together_differ() {
        let a = NoteId::new();
        let b = NoteId::new();
        assert_ne!(
            a.short(),
            b.short(),
            "v7 ids made in one millisecond must still get distinct handles"
        );
    }

    #[test]
    fn queries_accept_full_and_short_forms_only() {
        let id = PartyId::new();
        assert_eq!(
            IdQuery::parse(Entity::Party, &id.to_string()).unwrap(),
            IdQuery::Full(id.0)
        );
        assert!(matches!(
            IdQuery::parse(Entity::Party, &id.short()).unwrap(),
            IdQuery::Suffix(_)
        ));
        assert!(
            IdQuery::parse(Entity::Party, "abc").is_err(),
            "too short to be unique"
        );
        assert!(IdQuery::parse(Entity::Party, "'; drop table").is_err());
    }

    #[test]
    fn an_id_reads_back_as_its_own_kind_in_json() {
        let id = CaseId::new();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(
            json,
            format!("\"{id}\""),
            "a bare string, as before typed ids"
        );
        assert_eq!(serde_json::from_str::<CaseId>(&json).unwrap(), id);
    }
}
