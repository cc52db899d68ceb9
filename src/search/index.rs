//! Keeping `notes_search` in step with `notes`: what one note contributes to the index.
//!
//! The table is contentless (it stores tokens, never text), so we hand it text that
//! unicode61 will cut exactly where we want: our tokens joined by spaces. `body` gets the
//! English stems and the Chinese bigrams in text order; `chars` gets every Chinese
//! character on its own; `facets` gets the note's case, visibility, party and tags as
//! tokens, so that search filters run inside FTS5 without reading a single `notes` row
//! (benches/search.rs: reading the rows of the newest thousand matches to filter them
//! was most of a search's time under SQLCipher).
//!
//! Called inside the notes' save transaction on every autosave, so it is one DELETE and
//! one INSERT with cached statements and no reads.

use rusqlite::Connection;

use crate::ids::{CaseId, NoteId, PartyId};
use crate::notes::{NoteTag, Visibility};

use super::tokens::{bigrams, tokenize, Kind, Token};
use crate::error::Result;

/// A token unicode61 keeps (a private-use character is a token character to it) but
/// that [`tokenize`] can never produce, so no query can match it. Placed between the two
/// sides of a note, and between two Chinese runs where the first ends with the
/// character the second starts with, it stops a phrase matching across the gap: without
/// it 和解，解协议 would hold the bigrams 和解 解协 协议 at adjacent positions and match
/// 和解协议, which it does not contain.
pub(crate) const BREAK: &str = "\u{E000}";

/// The two columns' text for one note.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Indexed {
    pub body: String,
    pub chars: String,
}

/// What a note's two sides put in the index.
pub fn indexed(text_en: &str, text_zh: &str) -> Indexed {
    let mut b = Builder::default();
    for token in tokenize(text_en) {
        b.add(&token);
    }
    // A break only if both sides put something in `body`.
    b.pending_break = !b.out.body.is_empty();
    b.last_han = None;
    for token in tokenize(text_zh) {
        b.add(&token);
    }
    b.out
}

#[derive(Default)]
struct Builder {
    out: Indexed,
    /// Last character of the last bigram written, when the last body token was a bigram.
    last_han: Option<char>,
    /// Write [`BREAK`] before the next body token.
    pending_break: bool,
    grams: Vec<String>,
}

impl Builder {
    fn add(&mut self, token: &Token) {
        match token.kind {
            Kind::Word => {
                self.body(&token.text);
                self.last_han = None;
            }
            Kind::Han => {
                for c in token.chars() {
                    let mut buf = [0u8; 4];
                    push(&mut self.out.chars, c.encode_utf8(&mut buf));
                }
                let mut grams = std::mem::take(&mut self.grams);
                grams.clear();
                bigrams(&token.text, &mut grams);
                if let (Some(first), Some(last)) = (grams.first(), self.last_han) {
                    if first.starts_with(last) {
                        self.pending_break = true;
                    }
                }
                for gram in &grams {
                    self.body(gram);
                }
                if !grams.is_empty() {
                    self.last_han = token.text.chars().last();
                }
                self.grams = grams;
            }
        }
    }

    fn body(&mut self, token: &str) {
        if std::mem::take(&mut self.pending_break) {
            push(&mut self.out.body, BREAK);
        }
        push(&mut self.out.body, token);
    }
}

fn push(column: &mut String, token: &str) {
    if !column.is_empty() {
        column.push(' ');
    }
    column.push_str(token);
}

/// Indexes (or re-indexes) note `doc` (`notes.doc`) as it now stands in `notes` and
/// `note_tags`: its two sides and its facets.
pub fn put(tx: &Connection, doc: i64) -> Result<()> {
    let (id, case_id, visibility, party_id, text_en, text_zh): (
        NoteId,
        CaseId,
        Visibility,
        Option<PartyId>,
        String,
        String,
    ) = tx
        .prepare_cached(
            "SELECT id, case_id, visibility, party_id, text_en, text_zh FROM notes WHERE doc = ?1",
        )?
        .query_row([doc], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
    let tags = crate::notes::tags(tx, id)?;
    let Indexed { body, chars } = indexed(&text_en, &text_zh);
    let facets = facets(case_id, visibility, party_id, &tags);
    remove(tx, doc)?;
    tx.prepare_cached(
        "INSERT INTO notes_search (rowid, body, chars, facets) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(rusqlite::params![doc, body, chars, facets])?;
    Ok(())
}

/// The `facets` column: one token per fact a search can filter on. Tokens are letters
/// and hex digits only, so unicode61 keeps each whole.
pub fn facets(
    case_id: CaseId,
    visibility: Visibility,
    party_id: Option<PartyId>,
    tags: &[NoteTag],
) -> String {
    let mut out = vec![facet::case(case_id), facet::visibility(visibility)];
    if let Some(party) = party_id {
        out.push(facet::party(party));
        if visibility == Visibility::Caucus {
            out.push(facet::confided_by(party));
        }
    }
    out.extend(tags.iter().map(|t| facet::tag(*t)));
    out.join(" ")
}

/// The facet tokens, shared by [`put`] and the search's filters.
pub mod facet {
    use crate::ids::{CaseId, PartyId};
    use crate::notes::{NoteTag, Visibility};

    pub fn case(id: CaseId) -> String {
        format!("case{}", id.0.simple())
    }
    pub fn party(id: PartyId) -> String {
        format!("party{}", id.0.simple())
    }
    /// A caucus note confided by this party: what "as seen by" that party may include.
    pub fn confided_by(id: PartyId) -> String {
        format!("confides{}", id.0.simple())
    }
    pub fn visibility(v: Visibility) -> String {
        format!("vis{}", v.as_str())
    }
    pub fn tag(t: NoteTag) -> String {
        format!("tag{}", t.as_str())
    }
}

/// Does up to `pages` pages of merging of the index's segments. Autosaves never merge
/// (the migration turned FTS5's automerge off); this runs when the mediator pauses.
pub fn merge(tx: &Connection, pages: u32) -> Result<()> {
    tx.prepare_cached("INSERT INTO notes_search (notes_search, rank) VALUES ('merge', ?1)")?
        .execute([pages])?;
    Ok(())
}

/// Removes note `doc` from the index (nothing happens if it is not there).
pub fn remove(conn: &Connection, doc: i64) -> Result<()> {
    // contentless_delete = 1 lets a contentless table delete by rowid alone.
    conn.prepare_cached("DELETE FROM notes_search WHERE rowid = ?1")?
        .execute([doc])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_has_stems_and_bigrams_chars_has_characters() {
        let got = indexed("Settlement agreements", "和解協議，保密");
        assert_eq!(
            got.body,
            format!("settlement agreement {BREAK} 和解 解协 协议 保密")
        );
        assert_eq!(got.chars, "和 解 协 议 保 密");
    }

    #[test]
    fn no_bigram_spans_two_runs_or_two_sides() {
        let got = indexed("调解", "员认为");
        assert!(!got.body.contains("解员"), "{}", got.body);
        let got = indexed("", "和解，解协议");
        assert_eq!(got.body, format!("和解 {BREAK} 解协 协议"));
        // Different characters at the gap need no break: no bigram chain can cross it.
        let got = indexed("", "和解，协议");
        assert_eq!(got.body, "和解 协议");
    }

    #[test]
    fn an_empty_side_adds_no_break() {
        assert_eq!(indexed("", "调解").body, "调解");
        assert_eq!(indexed("mediation", "").body, "mediat");
    }
}
