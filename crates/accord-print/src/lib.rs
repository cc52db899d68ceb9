//! Print-ready settlement agreements: a [`model::Document`] in, PDF (and PNG pages for a
//! preview) out.
//!
//! A leaf crate: typst's tree (about 280 crates) is built once and stays out of the
//! core's rebuilds. The core turns an agreement (a draft, a saved version, or a redline
//! between two) into a [`model::Document`]; nothing here knows SQLite or the vault.

pub mod model;
