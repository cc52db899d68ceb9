//! Identifiers: uuid v7 (time-sortable), and the short form people type.
//!
//! A v7 uuid starts with a millisecond timestamp, so two records made in the same
//! moment share their first characters; the short form is therefore the *last* eight
//! hex digits, which are random.

use std::fmt;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
pub use uuid::Uuid;

use crate::error::{Entity, Error, Result};

/// A record's id: a uuid v7, stored and printed in its hyphenated text form.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(transparent)]
#[ts(export, type = "string")]
pub struct Id(pub Uuid);

impl Id {
    /// The eight-character handle shown in tables, e.g. `3f9c2a1b`.
    pub fn short(&self) -> String {
        short(self)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl ToSql for Id {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.hyphenated().to_string()))
    }
}

impl FromSql for Id {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Uuid::parse_str(value.as_str()?)
            .map(Id)
            .map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

pub fn new_id() -> Id {
    Id(Uuid::now_v7())
}

/// The eight-character handle shown in tables, e.g. `3f9c2a1b`.
pub fn short(id: &Id) -> String {
    let simple = id.0.simple().to_string();
    simple[simple.len() - 8..].to_string()
}

/// How a person referred to a record: a full uuid, or a short handle of 6+ hex digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdQuery {
    Full(Id),
    Suffix(String),
}

impl IdQuery {
    pub fn parse(entity: Entity, text: &str) -> Result<Self> {
        let trimmed = text.trim();
        if let Ok(id) = Uuid::parse_str(trimmed) {
            return Ok(IdQuery::Full(Id(id)));
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
            IdQuery::Full(id) => id.0.simple().to_string(),
            IdQuery::Suffix(s) => format!("%{s}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_of_ids_made_together_differ() {
        let a = new_id();
        let b = new_id();
        assert_ne!(
            short(&a),
            short(&b),
            "v7 ids made in one millisecond must still get distinct handles"
        );
    }

    #[test]
    fn queries_accept_full_and_short_forms_only() {
        let id = new_id();
        assert_eq!(
            IdQuery::parse(Entity::Party, &id.to_string()).unwrap(),
            IdQuery::Full(id)
        );
        assert!(matches!(
            IdQuery::parse(Entity::Party, &short(&id)).unwrap(),
            IdQuery::Suffix(_)
        ));
        assert!(
            IdQuery::parse(Entity::Party, "abc").is_err(),
            "too short to be unique"
        );
        assert!(IdQuery::parse(Entity::Party, "'; drop table").is_err());
    }
}
