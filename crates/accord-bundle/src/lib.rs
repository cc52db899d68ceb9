//! The `accord-bundle/1` format, as `docs/bundle-format.md` specifies it: one module per
//! section, so the code reads beside the spec (rage's `age/src/format.rs` is the model).
//!
//! Pure format code: no SQLite, no Tauri, no files. The vault side (what goes in, replay
//! state, staging) is the core's.

pub mod card;
pub mod error;
pub mod header;
pub mod manifest;
pub mod names;
pub mod read;
pub mod signature;
pub mod sums;
pub mod write;

pub use error::{Error, Result};
