//! The audit chain's head, kept outside the database: `audit.anchor` beside it.
//!
//! Someone without the key can still copy an older `accord.db` back, or delete the WAL
//! after a crash; with the key, cut events off the end of the log. The chain itself
//! cannot tell (it is intact, only shorter). So after every commit the vault writes the
//! head `(seq, hash)` here, authenticated with HMAC-SHA256 under a key derived from the
//! master key (HKDF, info `accord audit head`); on open it requires the database to hold
//! that event. What this cannot catch: every file of the vault rolled back together (an
//! old backup restored whole). The Secretariat's receipts, which acknowledge a head,
//! are the anchor for that (docs/audit-chain.md).

use std::io::Write;
use std::path::Path;

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::keys::MasterKey;

pub const ANCHOR_FILE: &str = "audit.anchor";
const FORMAT: &str = "accord-anchor/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Anchor {
    format: String,
    seq: i64,
    hash: String,
    mac: String,
}

fn mac(key: &MasterKey, vault_id: Uuid, seq: i64, hash: &str) -> String {
    let mut okm = zeroize::Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(None, key.as_bytes())
        .expand(b"accord audit head", okm.as_mut())
        .expect("32 bytes is a valid HKDF length");
    let mut mac = Hmac::<Sha256>::new_from_slice(okm.as_ref()).expect("any key length");
    mac.update(format!("{FORMAT}|{vault_id}|{seq}|{hash}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The head of the chain in `conn`: `(seq, hash)` of its last event, `(0, "")` if none.
pub(crate) fn head(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, String::new())))
}

/// Writes the anchor for `conn`'s head (a new file renamed into place, mode 0600).
pub(crate) fn write(dir: &Path, key: &MasterKey, vault_id: Uuid, conn: &Connection) -> Result<()> {
    write_as(dir, ANCHOR_FILE, key, vault_id, conn)
}

/// [`write`] under another file name (a rekey stages its anchor beside the old one).
pub(crate) fn write_as(
    dir: &Path,
    name: &str,
    key: &MasterKey,
    vault_id: Uuid,
    conn: &Connection,
) -> Result<()> {
    let (seq, hash) = head(conn)?;
    let anchor = Anchor {
        format: FORMAT.into(),
        mac: mac(key, vault_id, seq, &hash),
        seq,
        hash,
    };
    let tmp = dir.join(format!("{name}.tmp"));
    let mut file = super::files::create_new_private(&tmp)?;
    file.write_all(
        serde_json::to_string(&anchor)
            .expect("serializes")
            .as_bytes(),
    )?;
    std::fs::rename(&tmp, dir.join(name))?;
    Ok(())
}

/// Whether the anchor exists (vaults made before anchoring have none until opened).
pub(crate) fn exists(dir: &Path) -> bool {
    dir.join(ANCHOR_FILE).exists()
}

/// Errors unless `conn` holds the anchored head: [`Error::AuditRolledBack`] when the
/// database is behind it, [`Error::VaultDamaged`] when the anchor is not this vault's.
pub(crate) fn check(dir: &Path, key: &MasterKey, vault_id: Uuid, conn: &Connection) -> Result<()> {
    let text = std::fs::read_to_string(dir.join(ANCHOR_FILE))?;
    let anchor: Anchor = serde_json::from_str(&text)
        .map_err(|_| Error::VaultDamaged("the audit anchor is unreadable".into()))?;
    if anchor.format != FORMAT || anchor.mac != mac(key, vault_id, anchor.seq, &anchor.hash) {
        return Err(Error::VaultDamaged(
            "the audit anchor does not belong to this vault".into(),
        ));
    }
    if anchor.seq == 0 {
        return Ok(());
    }
    let found: Option<String> = conn
        .query_row(
            "SELECT hash FROM audit_events WHERE seq = ?1",
            [anchor.seq],
            |row| row.get(0),
        )
        .optional()?;
    if found.as_deref() != Some(anchor.hash.as_str()) {
        return Err(Error::AuditRolledBack {
            anchored: anchor.seq,
            found: head(conn)?.0,
        });
    }
    Ok(())
}
