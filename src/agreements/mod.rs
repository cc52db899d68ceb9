//! Settlement agreements: their bilingual clauses and the checks an agreement must pass
//! before it can be marked final.
//!
//! For now it holds the first of those checks, [`figures`]: that the amounts,
//! currencies, percentages and dates in the English text of every clause are those in
//! its Chinese text. The agreements themselves (drafts, clauses, redlines, the final
//! PDF) will live here beside it.

pub mod figures;
