//! [`Tx`]: the one way to change the vault. It carries the open transaction and the
//! audit stamp of the change, so every write can record its event and none can skip the
//! stamp. Only the crate makes one: [`crate::vault::Vault::change`] for the command line
//! and the desktop alike (after its writer-lock check), and the schema's migration steps.
//!
//! Reads take a plain `&Connection`; a `Tx` is one too (it derefs to the transaction's
//! connection), so a write can read what it has just written.

use std::ops::Deref;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::audit::{self, Audited, Stamp, REMOVED};
use crate::error::Result;

pub struct Tx<'a> {
    conn: &'a Connection,
    stamp: &'a Stamp,
}

impl<'a> Tx<'a> {
    /// `conn` must be inside a transaction the caller commits or rolls back.
    pub(crate) fn new(conn: &'a Connection, stamp: &'a Stamp) -> Self {
        Tx { conn, stamp }
    }

    pub fn stamp(&self) -> &Stamp {
        self.stamp
    }

    /// When the change is made: the stamp's time.
    pub fn now(&self) -> DateTime<Utc> {
        self.stamp.at
    }

    /// Appends the event for `action` on `record`, which must be reloaded after the
    /// change (what it holds is what the log vouches for). Returns the event's seq.
    pub fn record<A: Audited>(&self, action: &str, record: &A) -> Result<i64> {
        self.record_raw(
            action,
            A::KIND,
            &record.audit_id(),
            record.audit_case(),
            &record.audit_state(),
        )
    }

    /// Appends the event for removing `record` (state `null`).
    pub fn record_removal<A: Audited>(&self, action: &str, record: &A) -> Result<i64> {
        self.record_raw(
            action,
            A::KIND,
            &record.audit_id(),
            record.audit_case(),
            REMOVED,
        )
    }

    /// Appends an event whose state is serialized already, for records that are not a
    /// table's rows (the vault itself).
    pub(crate) fn record_raw(
        &self,
        action: &str,
        kind: &str,
        id: &str,
        case_id: Option<String>,
        state: &str,
    ) -> Result<i64> {
        audit::append_raw(self.conn, self.stamp, action, kind, id, case_id, state)
    }
}

impl Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

/// For the store benchmark's unencrypted baseline only: runs `f` in one immediate
/// transaction of a plain connection, as [`super::Store`] does for the vault.
#[doc(hidden)]
pub fn write_plain_for_benchmarks<T>(
    conn: &mut Connection,
    stamp: &Stamp,
    f: impl FnOnce(&Tx<'_>) -> Result<T>,
) -> Result<T> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let value = f(&Tx::new(&tx, stamp))?;
    tx.commit()?;
    Ok(value)
}
