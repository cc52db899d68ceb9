//! Rust steps of schema migrations: what a migration must do beyond its SQL, in the
//! same transaction. The store runs them ([`crate::store`]); they live here, above the
//! domain, because they speak of it.

use chrono::Utc;
use rusqlite::Transaction;

use crate::audit::{Audited, Stamp};
use crate::confidentiality::AuditedDisclosure;
use crate::error::Result;
use crate::notes::AuditedNote;
use crate::settings::Setting;
use crate::store::Tx;
use crate::{digest, settings};

/// Schema 4: consent bound to the confiding party and the text it saw, keyed digests,
/// audited settings.
///
/// 1. A text-digest key for the vault (a new vault gets one here too).
/// 2. Settings become audited: one `setting.migrate` event for each existing setting.
/// 3. Each existing disclosure record is bound to the revision that stood when it was
///    recorded, and to that revision's text digests.
/// 4. Notes and disclosures get a new audited shape (`confided_by`, `caucus_regime`,
///    `created_at`, keyed digests; a disclosure's revision and digests): one
///    `note.migrate` / `disclosure.migrate` event each, so the log matches what they hold.
///
/// No mediator acts in a migration: the actor says what did it, and the time is the
/// clock's (a migration has no caller's time to pass in).
pub(crate) fn schema_4(tx: &Transaction<'_>) -> Result<()> {
    let stamp = Stamp {
        at: Utc::now(),
        actor: "Accord schema 4".into(),
    };
    let tx = &Tx::new(tx, &stamp);
    for setting in Setting::all_live(tx)? {
        tx.record("setting.migrate", &setting)?;
    }
    if settings::get(tx, digest::KEY_SETTING)?.is_none() {
        settings::insert(tx, digest::KEY_SETTING, &digest::new_key_hex())?;
    }
    let key = digest::key(tx)?;

    let unbound: Vec<(String, String, String)> = tx
        .prepare("SELECT id, note_id, recorded_at FROM caucus_disclosures WHERE revision IS NULL")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, note_id, recorded_at) in unbound {
        // The revision standing when the party's word was recorded.
        let (revision, en, zh): (i64, String, String) = tx.query_row(
            "SELECT revision, text_en, text_zh FROM note_revisions WHERE note_id = ?1
             ORDER BY (saved_at <= ?2) DESC, CASE WHEN saved_at <= ?2 THEN -revision ELSE revision END
             LIMIT 1",
            (&note_id, &recorded_at),
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        tx.execute(
            "UPDATE caucus_disclosures SET revision = ?2, text_en_digest = ?3, text_zh_digest = ?4
             WHERE id = ?1",
            (
                &id,
                revision,
                digest::keyed(&key, &en),
                digest::keyed(&key, &zh),
            ),
        )?;
    }

    for note in AuditedNote::all_live(tx)? {
        tx.record("note.migrate", &note)?;
    }
    for disclosure in AuditedDisclosure::all_live(tx)? {
        tx.record("disclosure.migrate", &disclosure)?;
    }
    Ok(())
}
