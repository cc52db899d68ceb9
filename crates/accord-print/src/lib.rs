//! Print-ready settlement agreements: a [`model::Document`] in, PDF (and PNG pages for a
//! preview) out.
//!
//! A leaf crate: typst's tree (about 280 crates) is built once and stays out of the
//! core's rebuilds. The core turns an agreement (a draft, a saved version, or a redline
//! between two) into a [`model::Document`]; nothing here knows SQLite or the vault.
//!
//! - [`prepare`](crate::prepare) (private) turns the document into what the template
//!   draws: cleaned text, paragraphs and lines, figures kept whole, signing lines.
//! - `typeset` (private) is the only module that calls typst: [`pdf`] and [`png_pages`].
//! - [`fonts`] holds the shipped fonts and [`fonts::uncovered`], the check that every
//!   character of a draft has a glyph before it becomes final.
//! - `template/agreement.typ` is the layout; `template/watermark.svg` the DRAFT 草稿
//!   watermark as outlines (made by `template/make-watermark.py`).
//!
//! Tests (`tests/print.rs`) read the PDFs back with poppler's tools and compare the pages
//! with `tests/golden/*.png`; `ACCORD_BLESS=1 cargo test -p accord-print --test print
//! golden` regenerates those after a deliberate change of layout.

pub mod error;
pub mod fonts;
pub mod model;
mod prepare;
mod typeset;

pub use error::Error;
pub use typeset::{pdf, png_pages};
