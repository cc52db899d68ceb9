//! Accord's core: everything the command line and the desktop app do, with no UI in it.
//!
//! One direction only: the `accord` binary and the Tauri shell call into this crate;
//! this crate knows nothing about either. Each module is one idea:
//!
//! - [`keys`]: the vault's secrets (the master key, the recovery key); a leaf, so the
//!   store and the vault both take keys from it without knowing each other.
//! - [`vault`]: the vault directory, key slots, unlocking and the single-writer lock.
//! - [`store`]: the SQLCipher connection, its pragmas and the migrations' SQL; it knows
//!   nothing of the domain.
//! - [`schema`]: what the store runs on the domain's behalf: the Rust steps of
//!   migrations, the SQL functions every connection needs, the upkeep of a pause.
//! - [`audit`]: the hash-chained log every change appends to; [`integrity`]: the
//!   registry of audited kinds and the verifier that walks it.
//! - [`cases`], [`mediators`], [`parties`], [`sessions`]: the domain and its repositories.
//! - [`termbase`]: English ↔ Chinese terms, their CSV and TBX files, and the check that
//!   the two texts of a note use the same terms.
//! - [`notes`]: bilingual notes, their revisions and tags; [`confidentiality`]: each case's
//!   caucus regime and the parties' disclosure records.
//! - [`search`]: full-text search over notes, English and Chinese, visibility enforced.
//! - [`views`]: what a screen needs in one call; [`preferences`]: language and auto-lock.
//! - [`lock`]: when the desktop app locks itself, and what its shell tells the UI.
//! - [`origin`]: the one origin the desktop window may navigate to.
//! - [`process`]: what each process does to itself before any key exists.
//! - [`demo`]: the bilingual sample case a newcomer sees first.
//! - `rules` (built for tests only): the vocabularies, transitions, limits and defaults
//!   above, written out as TypeScript for the desktop UI beside its bindings.
//! - [`error`] and [`i18n`]: typed errors with stable codes, and their messages in
//!   English, Simplified and Traditional Chinese.

pub mod agreements;
pub mod audit;
pub mod cases;
pub mod confidentiality;
pub mod demo;
pub mod digest;
pub mod error;
pub mod i18n;
pub mod ids;
pub mod integrity;
pub mod keys;
pub mod lock;
pub mod mediators;
pub mod notes;
pub mod origin;
pub mod parties;
pub mod preferences;
pub mod process;
#[cfg(test)]
mod rules;
pub mod schema;
pub mod search;
pub mod sessions;
pub mod settings;
pub mod store;
pub mod termbase;
pub mod text;
pub mod time;
pub mod vault;
pub mod views;
mod vocab;

pub use error::{Error, ErrorCode, Result};
