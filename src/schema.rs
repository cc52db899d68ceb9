//! What the store runs on the domain's behalf, above the domain because it speaks of
//! it: the Rust steps of schema migrations (in the migration's own transaction), the SQL
//! functions every connection needs, and the upkeep of a pause. [`ACCORD`] is handed to
//! [`Store::open`](crate::store::Store::open); the store itself knows none of this
//! (`the_store_depends_on_no_domain_module`).
//!
//! [`Schema::readable_from`] is [`LATEST_SCHEMA`]: every migration so far added columns
//! or tables that this build's reads select (0004: a note's `confided_by`, a disclosure's
//! revision), so a process that may not migrate (another holds the writer lock) reads no
//! older schema. A later migration that leaves reads working (an index, say) may leave
//! it where it is.

use chrono::Utc;
use rusqlite::{Connection, Transaction};

use crate::audit::{Audited, Stamp};
use crate::confidentiality::AuditedDisclosure;
use crate::error::Result;
use crate::notes::AuditedNote;
use crate::settings::Setting;
use crate::store::{Schema, Step, Tx, LATEST_SCHEMA};
use crate::{cases, digest, search, settings, termbase};

/// Accord's schema, as every vault connection opens it.
pub static ACCORD: Schema = Schema {
    steps: &[
        Step {
            version: 3,
            run: schema_3,
        },
        Step {
            version: 4,
            run: schema_4,
        },
        Step {
            version: 5,
            run: schema_5,
        },
        Step {
            version: 6,
            run: schema_6,
        },
    ],
    on_connect: &[search::rank::register],
    upkeep: &[merge_search_index],
    readable_from: LATEST_SCHEMA,
};

/// Brings a plain connection up to date with Accord's schema: for tests and benchmarks
/// that build a database without a vault.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    crate::store::migrate(conn, &ACCORD)
}

/// Pages of index merging one pause does: about 2 MB, tens of milliseconds.
const TIDY_MERGE_PAGES: u32 = 500;

/// A bounded merge of the search index's segments, kept out of autosaves.
fn merge_search_index(conn: &Connection) -> Result<()> {
    search::index::merge(conn, TIDY_MERGE_PAGES)
}

/// Schema 3 brings the termbase, seeded in the same transaction, and gives every case a
/// confidentiality regime, which the audit log must record: otherwise its verifier would
/// see each existing case changed without an event.
fn schema_3(tx: &Transaction<'_>) -> Result<()> {
    termbase::seed::insert(tx)?;
    cases::record_schema_3_regime(tx)
}

/// Schema 5: agreements, and the clause library's seed templates (unrecorded, as the
/// termbase's seed: they are the state a vault starts with).
fn schema_5(tx: &Transaction<'_>) -> Result<()> {
    crate::agreements::library::insert_seed(tx)
}

/// Schema 6: the termbase corrections of the December 2026 review, each applied or
/// skipped change an audit event (actor `Accord schema 6`; [`termbase::corrections`]).
/// A new vault runs it right after schema 3's seed, so it gets the same entries and events.
fn schema_6(tx: &Transaction<'_>) -> Result<()> {
    let stamp = Stamp {
        at: Utc::now(),
        actor: "Accord schema 6".into(),
    };
    termbase::corrections::apply(&Tx::new(tx, &stamp))?;
    Ok(())
}

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
fn schema_4(tx: &Transaction<'_>) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn every_step_belongs_to_one_migration_alone_and_the_schema_migrates_a_new_database() {
        let mut versions = std::collections::BTreeSet::new();
        for step in ACCORD.steps {
            assert!((1..=LATEST_SCHEMA).contains(&step.version));
            // The store runs the first step of a version only: a second would never run.
            assert!(
                versions.insert(step.version),
                "two steps for migration {}",
                step.version
            );
        }
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let terms: i64 = conn
            .query_row("SELECT count(*) FROM terms", [], |r| r.get(0))
            .unwrap();
        assert!(
            terms >= 150,
            "schema 3's step seeded the termbase ({terms})"
        );
        assert!(
            settings::get(&conn, digest::KEY_SETTING).unwrap().is_some(),
            "schema 4's step made the digest key"
        );
    }

    /// `crate::` paths the store may use, each with why it is not the domain.
    const STORE_MAY_USE: &[(&str, &str)] = &[
        ("error", "the typed errors every module returns; a leaf"),
        ("keys", "the master key SQLCipher is keyed with; a leaf"),
        (
            "audit",
            "a Tx carries the audit stamp and appends each change's event: a write \
             without its event cannot be expressed",
        ),
    ];

    /// The first segment of every `crate::` path in `code` (`crate::{a, b::c}` gives both).
    fn crate_paths(code: &str) -> Vec<String> {
        let mut found = Vec::new();
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            let ident = |s: &str| {
                s.trim_start()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect::<String>()
            };
            match rest.strip_prefix('{') {
                Some(group) => {
                    let group = &group[..group.find('}').unwrap_or(group.len())];
                    found.extend(group.split(',').map(ident).filter(|s| !s.is_empty()));
                }
                None => found.push(ident(rest)),
            }
        }
        found
    }

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The store is infrastructure: it may not reach into the domain (cases, termbase,
    /// search …) or the vault. Comments are skipped, since a doc link builds no tie.
    #[test]
    fn the_store_depends_on_no_domain_module() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store");
        let mut files = Vec::new();
        rust_files(&root, &mut files);
        assert!(files.len() >= 3, "found the store's sources: {files:?}");
        let mut outside = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            let code: String = text
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            for module in crate_paths(&code) {
                if !STORE_MAY_USE.iter().any(|(allowed, _)| *allowed == module) {
                    outside.push(format!("{}: crate::{module}", file.display()));
                }
            }
            // `super::super` would climb out of the store the same way.
            if code.contains("super::super") {
                outside.push(format!("{}: super::super", file.display()));
            }
        }
        assert_eq!(outside, Vec::<String>::new(), "the store reaches outside");
        assert_eq!(
            crate_paths("use crate::{search, error::Error}; crate::termbase::seed(x)"),
            ["search", "error", "termbase"],
            "the scan sees grouped and inline paths"
        );
    }
}
