//! The seed list, loaded into every vault by schema 3's migration (and corrected by
//! schema 6's: [`super::corrections`]).
//!
//! Seeding is the termbase's initial state, like the schema itself, so it records no
//! audit event. So that [`crate::integrity::verify`] can still vouch for the seed entries,
//! each one's stored state is fully determined by the file compiled into this build: its
//! id is derived from its English (a uuid v7 at the seed's edition time whose other bits
//! come from a hash of the English), and its `created_at` and `updated_at` are the
//! edition time. `Term`'s `Audited::initial_states` gives those states; verify treats
//! them as recorded by an event before the first.
//!
//! The seed is part of schema 3, which has shipped: `seed.csv` never changes
//! (`seed_is_pinned` keeps a change from slipping in unnoticed). Corrections go in a
//! corrections file applied by a new migration that records each change as an audit
//! event: schema 6 applies the December 2026 review's ([`super::corrections`]).

use rusqlite::Transaction;
use sha2::{Digest, Sha256};
use uuid::Builder;

use super::{csv_io, Fields, Term, TermOrigin};
use crate::error::Result;
use crate::ids::TermId;

/// The seed list, as shipped.
pub const SEED_CSV: &str = include_str!("../../assets/termbase/seed.csv");

/// When the seed list was written: the `created_at` and `updated_at` of its entries.
pub const SEED_EDITION: &str = "2026-11-29T00:00:00Z";
const SEED_EDITION_MILLIS: u64 = 1_795_910_400_000;

/// The id of the seed entry whose English is `en`.
pub fn seed_id(en: &str) -> TermId {
    derived_id(b"accord-termbase-seed/1\0", SEED_EDITION_MILLIS, en)
}

/// A uuid v7 at `millis` whose other bits come from a hash of `tag` and the English, lower
/// case: the seed's ids, and those of the entries a correction adds under its own tag.
pub(crate) fn derived_id(tag: &[u8], millis: u64, en: &str) -> TermId {
    let mut hasher = Sha256::new();
    hasher.update(tag);
    hasher.update(en.to_lowercase().as_bytes());
    let digest = hasher.finalize();
    let mut tail = [0u8; 10];
    tail.copy_from_slice(&digest[..10]);
    TermId(Builder::from_unix_timestamp_millis(millis, &tail).into_uuid())
}

/// The seed's entries as they are stored.
pub fn entries() -> Vec<Term> {
    csv_io::parse_terms(SEED_CSV)
        .expect("the seed list parses (tested)")
        .into_iter()
        .map(term)
        .collect()
}

fn term(f: Fields) -> Term {
    Term {
        id: seed_id(&f.en),
        en: f.en,
        zh_hans: f.zh_hans,
        zh_hant: f.zh_hant,
        domain: f.domain,
        note: f.note,
        origin: TermOrigin::Seed,
        updated_at: SEED_EDITION.into(),
    }
}

/// Loads the seed into an empty `terms` table (the migration hook).
pub fn insert(tx: &Transaction<'_>) -> Result<usize> {
    let mut stmt = tx.prepare(
        "INSERT INTO terms (id, en, zh_hans, zh_hant, domain, note, origin, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?;
    let entries = entries();
    for t in &entries {
        stmt.execute(rusqlite::params![
            t.id,
            t.en,
            t.zh_hans,
            t.zh_hant,
            t.domain,
            t.note,
            t.origin,
            t.updated_at
        ])?;
    }
    Ok(entries.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_parses_whole_with_enough_entries() {
        let entries = entries();
        assert!(entries.len() >= 150, "{} entries", entries.len());
        assert_eq!(
            entries.len(),
            SEED_CSV.lines().count() - 1,
            "every line but the header is an entry"
        );
        let agreement = entries
            .iter()
            .find(|t| t.en == "settlement agreement")
            .expect("settlement agreement is seeded");
        assert_eq!(agreement.zh_hans.as_deref(), Some("和解协议"));
        assert_eq!(agreement.zh_hant.as_deref(), Some("和解協議"));
    }

    #[test]
    fn seed_ids_are_stable_distinct_v7_ids_at_the_edition() {
        let entries = entries();
        let mut ids: Vec<TermId> = entries.iter().map(|t| t.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), entries.len(), "no two seed entries share an id");
        let id = seed_id("Settlement Agreement");
        assert_eq!(id, seed_id("settlement agreement"), "English is case-free");
        assert_eq!(id.0.get_version_num(), 7);
        let (secs, _) = id.0.get_timestamp().unwrap().to_unix();
        let edition: chrono::DateTime<chrono::Utc> = SEED_EDITION.parse().unwrap();
        assert_eq!(secs as i64, edition.timestamp());
        // Vaults already hold these ids: the derivation must never change. (Value computed
        // independently, in Python.)
        assert_eq!(id.to_string(), "01a22499-f800-7403-860c-221dbf8f5f68");
    }

    #[test]
    fn seed_is_pinned() {
        // The seed is part of schema 3 and `audit verify` compares unedited seed entries
        // with this file. Before schema 3 ships, update this digest with the fix; after,
        // a change needs a new migration (see the module comment).
        let digest = hex::encode(Sha256::digest(SEED_CSV.as_bytes()));
        assert_eq!(
            digest,
            "d54be54fd89345732e7f227fa144891fca37cd5ec6db71110c01299c57e8aa5a"
        );
    }
}
