//! Corrections to the seed list, applied by schema 6's migration to every vault.
//!
//! The seed (`seed.csv`) shipped with schema 3 and stays byte for byte as it was: vaults
//! were seeded from it, and `audit verify` compares an unedited seed entry with it. What
//! the December 2026 linguistic review found wrong is corrected instead by
//! `assets/termbase/corrections-2026-12.json`, one row per change: the seed entry by its
//! stable key (its English in `seed.csv`, from which its id derives: [`seed::seed_id`]),
//! the field, the seed's value, the new value and the reason, citing the review's section.
//! Entries the review asks for are `additions` (with their reason), and what was asked and
//! deliberately left as it is sits under `unchanged`, with why.
//!
//! ## Rules
//!
//! - A change applies only to an entry that still holds the seed's values in every field
//!   (English, both Chinese forms, domain, note). An entry the mediator has edited, even in
//!   another field than the change's, is theirs now: each of its changes is skipped, so a
//!   corrected term never sits beside a note the mediator wrote for the old one. A removed
//!   entry is skipped too.
//! - An addition is skipped when its English is already in the termbase (the mediator may
//!   have added it themselves).
//! - Each applied change appends a `term.correction_applied` event with the entry as it
//!   stands after that change; each skipped one a `term.correction_skipped` event with the
//!   entry as it stands, untouched (`null` for a removed one), so `accord audit log` shows
//!   every entry a correction left alone, and `audit verify` stays valid: the log vouches
//!   for every state the table holds.
//! - A new vault runs the same migration right after schema 3 seeds it, so it holds the
//!   corrected termbase and the same events ([`apply`] does the work in both cases).
//!
//! Added entries are `seed` entries (they come from the project's list, not from the
//! mediator) whose ids derive from their English as the seed's do, under this edition's
//! own tag, so a later correction can name them by key too.
//!
//! Once schema 6 has shipped, the file is as fixed as the seed (`corrections_are_pinned`):
//! a further correction is a new file with a new migration.

use serde::{Deserialize, Serialize};

use super::{by_english, insert_as, load, rewrite, seed, Fields, NewTerm, Term, TermOrigin};
use crate::audit::{Audited, REMOVED};
use crate::error::{Error, Result};
use crate::ids::TermId;
use crate::store::Tx;

/// The corrections of the December 2026 review, as shipped with schema 6.
pub const CORRECTIONS_JSON: &str = include_str!("../../assets/termbase/corrections-2026-12.json");
/// Format tag of a corrections file.
pub const FORMAT: &str = "accord-termbase-corrections/1";
/// The event of a change or an addition made.
pub const APPLIED: &str = "term.correction_applied";
/// The event of a change or an addition left undone, the entry untouched.
pub const SKIPPED: &str = "term.correction_skipped";

/// When the corrections were written: the timestamp part of an added entry's id.
const EDITION_MILLIS: u64 = 1_796_083_200_000; // 2026-12-01T00:00:00Z
/// The tag an added entry's id is derived under.
const ID_TAG: &[u8] = b"accord-termbase-corrections/2026-12\0";

/// A corrections file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corrections {
    pub format: String,
    pub edition: String,
    pub source: String,
    pub rule: String,
    pub changes: Vec<Change>,
    pub additions: Vec<Addition>,
    pub unchanged: Vec<Unchanged>,
}

/// The field of an entry a change corrects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    ZhHans,
    ZhHant,
    Domain,
    Note,
}

/// One change to one field of one seed entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The entry's English in `seed.csv`.
    pub key: String,
    pub field: Field,
    /// What the seed holds (`None`: empty).
    pub old: Option<String>,
    pub new: Option<String>,
    /// Why, citing the review.
    pub reason: String,
}

/// An entry the review found missing: the entry, and `reason` beside its fields.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Addition {
    #[serde(flatten)]
    pub term: NewTerm,
    pub reason: String,
}

/// Something asked for and left as the seed has it, with why.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unchanged {
    pub key: String,
    pub reason: String,
}

/// Why a correction was left undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Skip {
    /// The mediator has edited the entry.
    Edited,
    /// The mediator has removed the entry.
    Removed,
    /// The termbase already has an entry with the addition's English.
    EnglishTaken,
}

/// One correction's outcome: the entry's key (its English in the seed, or the addition's),
/// the field (`None` for an addition), and why it was skipped, if it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub key: String,
    pub field: Option<Field>,
    pub skipped: Option<Skip>,
}

/// The corrections compiled into this build.
pub fn corrections() -> Corrections {
    parse(CORRECTIONS_JSON).expect("the corrections file parses (tested)")
}

/// Reads a corrections file, refusing another format.
pub fn parse(text: &str) -> Result<Corrections> {
    let file: Corrections = serde_json::from_str(text).map_err(|e| Error::Invalid {
        field: "corrections",
        value: e.to_string(),
    })?;
    if file.format != FORMAT {
        return Err(Error::Invalid {
            field: "corrections",
            value: format!("format {:?}, expected {FORMAT}", file.format),
        });
    }
    Ok(file)
}

/// The id of the entry the corrections add with English `en`.
pub fn added_id(en: &str) -> TermId {
    seed::derived_id(ID_TAG, EDITION_MILLIS, en)
}

/// Schema 6's step: applies [`corrections`] under the rules of the module doc, recording
/// every outcome. Returns the outcomes in the file's order.
pub fn apply(tx: &Tx<'_>) -> Result<Vec<Outcome>> {
    apply_file(tx, &corrections())
}

fn apply_file(tx: &Tx<'_>, file: &Corrections) -> Result<Vec<Outcome>> {
    let seed = seed::entries();
    let mut outcomes = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    for change in &file.changes {
        if !keys.contains(&change.key.as_str()) {
            keys.push(&change.key);
        }
    }
    for key in keys {
        let shipped = seed
            .iter()
            .find(|t| t.en == key)
            .ok_or_else(|| Error::Invalid {
                field: "corrections",
                value: format!("“{key}” is not a seed entry"),
            })?;
        let changes = file.changes.iter().filter(|c| c.key == key);
        let current = match load(tx, shipped.id) {
            Ok(term) => Some(term),
            Err(Error::NotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        let skip = match &current {
            None => Some(Skip::Removed),
            Some(term) if Fields::of(term) != Fields::of(shipped) => Some(Skip::Edited),
            Some(_) => None,
        };
        match (skip, current) {
            (None, Some(mut term)) => {
                for change in changes {
                    term = correct(tx, &term, change)?;
                    outcomes.push(outcome(key, Some(change.field), None));
                }
            }
            (skip, current) => {
                for change in changes {
                    match &current {
                        Some(term) => tx.record(SKIPPED, term)?,
                        None => tx.record_raw(
                            SKIPPED,
                            Term::KIND,
                            &shipped.id.to_string(),
                            None,
                            REMOVED,
                        )?,
                    };
                    outcomes.push(outcome(key, Some(change.field), skip));
                }
            }
        }
    }
    for addition in &file.additions {
        match by_english(tx, &addition.term.en)? {
            Some(existing) => {
                tx.record(SKIPPED, &existing)?;
                outcomes.push(outcome(&addition.term.en, None, Some(Skip::EnglishTaken)));
            }
            None => {
                let term = add(tx, addition)?;
                tx.record(APPLIED, &term)?;
                outcomes.push(outcome(&addition.term.en, None, None));
            }
        }
    }
    Ok(outcomes)
}

fn outcome(key: &str, field: Option<Field>, skipped: Option<Skip>) -> Outcome {
    Outcome {
        key: key.to_string(),
        field,
        skipped,
    }
}

/// Writes one change over `term` (which holds the seed's values) and records it.
fn correct(tx: &Tx<'_>, term: &Term, change: &Change) -> Result<Term> {
    let mut fields = Fields::of(term);
    let slot = match change.field {
        Field::ZhHans => &mut fields.zh_hans,
        Field::ZhHant => &mut fields.zh_hant,
        Field::Domain => &mut fields.domain,
        Field::Note => &mut fields.note,
    };
    if *slot != change.old {
        // The file is tested against the seed; this guards a file that was not.
        return Err(Error::Invalid {
            field: "corrections",
            value: format!("“{}” does not hold the old value", change.key),
        });
    }
    *slot = change.new.clone();
    let fields = Fields::check(&fields.into_new())?;
    rewrite(tx, term, &fields, APPLIED)
}

/// Inserts an addition as a seed entry with its derived id; the caller records it.
fn add(tx: &Tx<'_>, addition: &Addition) -> Result<Term> {
    let fields = Fields::check(&addition.term)?;
    insert_as(tx, added_id(&fields.en), &fields, TermOrigin::Seed)
}

#[cfg(test)]
mod tests;
