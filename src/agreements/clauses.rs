//! An agreement's clauses: their order, their numbers, cross-references between them, and
//! each party's position on each.
//!
//! Order is stored as `position` among the clauses of one parent, dense from 0, so a
//! clause's number ("4.2") is its path of 1-based places ([`outline`]). Inserting,
//! removing or moving a clause renumbers its siblings; each sibling whose position changed
//! gets its own audit event, so verify still finds every row as last recorded.
//!
//! Cross-references are stored as `{{clause:<id>}}`. A mediator types `{{4.2}}` (the
//! number as it stands); saving turns it into the id, so the reference follows the clause
//! through renumbering, and [`render`] shows it as "clause 4.2" or "第4.2條". A clause
//! that others refer to cannot be removed until they stop.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::Agreement;
use crate::audit::Audited;
use crate::confidentiality::{self, Exposure};
use crate::error::{Entity, Error, Result};
use crate::ids::{AgreementId, CaseId, ClauseId, NoteId, PartyId};
use crate::notes::{self, ChineseScript, NoteTag, Side, Visibility};
use crate::parties;
use crate::store::Tx;
use crate::text::{self, MAX_NAME, MAX_TITLE};
use crate::time;
use crate::vocab::vocabulary;

/// Longest side of a clause's text, in characters (about ten printed pages).
pub const MAX_CLAUSE_SIDE: usize = 20_000;
/// Deepest numbering: 1, 1.1, 1.1.1.
pub const MAX_DEPTH: usize = 3;
/// Longest comment on a party's position.
pub const MAX_COMMENT: usize = 500;

vocabulary!(
    /// The clauses an agreement must have, known by what they are: the language clause
    /// (which text is authentic), the signature blocks, and the mediator's statement that
    /// the agreement resulted from mediation (Singapore Convention Art 4(1)(b)).
    ClauseKind, "kind" {
        Language => "language",
        Signatures => "signatures",
        MediatorStatement => "mediator-statement",
    }
);

vocabulary!(
    /// A party's stand on a clause.
    PositionStatus, "position" {
        Proposed => "proposed",
        Accepted => "accepted",
        Objected => "objected",
        Open => "open",
    }
);

/// One party's position on a clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PartyPosition {
    pub party_id: PartyId,
    pub status: PositionStatus,
    pub comment: String,
    pub updated_at: String,
}

/// A clause as stored. Its text holds cross-references as `{{clause:<id>}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Clause {
    pub id: ClauseId,
    pub agreement_id: AgreementId,
    /// The agreement's case (read through the agreement, not stored twice): its audit
    /// events belong to the case, as a bundle of the case will need them.
    pub case_id: CaseId,
    pub parent_id: Option<ClauseId>,
    /// Its place among its parent's clauses, from 0.
    #[ts(type = "number")]
    pub position: i64,
    pub heading_en: String,
    pub heading_zh: String,
    pub text_en: String,
    pub text_zh: String,
    /// Why one language is missing, when the mediator says so.
    pub missing_reason: Option<String>,
    /// What the clause is, for the clauses the final check looks for.
    pub kind: Option<ClauseKind>,
    /// The proposal note this clause came from, and that note's revision then.
    pub source_note_id: Option<NoteId>,
    #[ts(type = "number | null")]
    pub source_revision: Option<i64>,
    /// Each party's position, by party id.
    pub positions: Vec<PartyPosition>,
    pub created_at: String,
    pub updated_at: String,
}

/// A clause in its place: its number ("4.2") and depth (1 for a top-level clause).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NumberedClause {
    pub number: String,
    #[ts(type = "number")]
    pub depth: usize,
    /// The proposal note it came from has been saved since: its text may have moved on.
    pub source_moved_on: bool,
    #[serde(flatten)]
    #[ts(flatten)]
    pub clause: Clause,
}

/// A clause's words as the editor or the command line sends them: headings may be empty;
/// text may hold `{{4.2}}` references to clauses by their number now.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export, optional_fields)]
pub struct ClauseText {
    pub heading_en: String,
    pub heading_zh: String,
    pub text_en: String,
    pub text_zh: String,
    pub missing_reason: Option<String>,
    pub kind: Option<ClauseKind>,
}

/// Where a clause goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "kind", content = "clause", rename_all = "snake_case")]
#[ts(export)]
pub enum Place {
    /// Last of the top-level clauses.
    End,
    /// Right after this clause, under the same parent.
    After(ClauseId),
    /// Last of this clause's sub-clauses.
    Under(ClauseId),
}

/// One step of a keyboard move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Step {
    /// Before the previous sibling.
    Up,
    /// After the next sibling.
    Down,
    /// Becomes the last sub-clause of the previous sibling.
    Indent,
    /// Becomes the parent's next sibling.
    Outdent,
}

const COLUMNS: &str =
    "id, agreement_id, parent_id, position, heading_en, heading_zh, text_en, text_zh, \
                       missing_reason, kind, source_note_id, source_revision, created_at, updated_at";

/// The stored columns as a query over `clauses c` joined to its agreement `a` reads them,
/// the agreement's case last.
fn select() -> String {
    let columns: Vec<String> = COLUMNS
        .split(',')
        .map(|c| format!("c.{}", c.trim()))
        .collect();
    format!(
        "SELECT {}, a.case_id FROM clauses c JOIN agreements a ON a.id = c.agreement_id",
        columns.join(", ")
    )
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Clause> {
    Ok(Clause {
        id: row.get(0)?,
        agreement_id: row.get(1)?,
        parent_id: row.get(2)?,
        position: row.get(3)?,
        heading_en: row.get(4)?,
        heading_zh: row.get(5)?,
        text_en: row.get(6)?,
        text_zh: row.get(7)?,
        missing_reason: row.get(8)?,
        kind: row.get(9)?,
        source_note_id: row.get(10)?,
        source_revision: row.get(11)?,
        positions: Vec::new(),
        created_at: row.get(12)?,
        updated_at: row.get(13)?,
        case_id: row.get(14)?,
    })
}

fn with_positions(conn: &Connection, mut clause: Clause) -> Result<Clause> {
    let mut stmt = conn.prepare_cached(
        "SELECT party_id, status, comment, updated_at FROM clause_positions
         WHERE clause_id = ?1 ORDER BY party_id",
    )?;
    clause.positions = stmt
        .query_map([clause.id], |row| {
            Ok(PartyPosition {
                party_id: row.get(0)?,
                status: row.get(1)?,
                comment: row.get(2)?,
                updated_at: row.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(clause)
}

pub fn load(conn: &Connection, id: ClauseId) -> Result<Clause> {
    let clause = conn
        .query_row(&format!("{} WHERE c.id = ?1", select()), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            entity: Entity::Clause,
            id: id.to_string(),
        })?;
    with_positions(conn, clause)
}

fn all_of(conn: &Connection, agreement_id: AgreementId) -> Result<Vec<Clause>> {
    let mut stmt = conn.prepare(&format!(
        "{} WHERE c.agreement_id = ?1 ORDER BY c.position",
        select()
    ))?;
    let rows: Vec<Clause> = stmt
        .query_map([agreement_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|c| with_positions(conn, c)).collect()
}

/// The agreement's clauses in reading order, numbered.
pub fn outline(conn: &Connection, agreement_id: AgreementId) -> Result<Vec<NumberedClause>> {
    let mut children: BTreeMap<Option<ClauseId>, Vec<Clause>> = BTreeMap::new();
    for clause in all_of(conn, agreement_id)? {
        children.entry(clause.parent_id).or_default().push(clause);
    }
    let mut out = Vec::new();
    walk(&mut children, None, "", 1, &mut out);
    for numbered in &mut out {
        if let (Some(note), Some(revision)) = (
            numbered.clause.source_note_id,
            numbered.clause.source_revision,
        ) {
            let now: Option<i64> = conn
                .query_row("SELECT revision FROM notes WHERE id = ?1", [note], |r| {
                    r.get(0)
                })
                .optional()?;
            numbered.source_moved_on = now.is_some_and(|now| now > revision);
        }
    }
    Ok(out)
}

fn walk(
    children: &mut BTreeMap<Option<ClauseId>, Vec<Clause>>,
    parent: Option<ClauseId>,
    prefix: &str,
    depth: usize,
    out: &mut Vec<NumberedClause>,
) {
    let Some(mut siblings) = children.remove(&parent) else {
        return;
    };
    siblings.sort_by_key(|c| c.position);
    for (i, clause) in siblings.into_iter().enumerate() {
        let number = format!("{prefix}{}", i + 1);
        let id = clause.id;
        out.push(NumberedClause {
            number: number.clone(),
            depth,
            source_moved_on: false,
            clause,
        });
        walk(children, Some(id), &format!("{number}."), depth + 1, out);
    }
}

/// Finds a clause of `agreement` by its number now ("4.2") or its id or short id.
pub fn find(conn: &Connection, agreement: AgreementId, reference: &str) -> Result<Clause> {
    let wanted = reference.trim();
    let outline = outline(conn, agreement)?;
    let by_number = outline.iter().find(|c| c.number == wanted);
    let by_id = || {
        let lower = wanted.to_ascii_lowercase().replace('-', "");
        let hits: Vec<&NumberedClause> = outline
            .iter()
            .filter(|c| lower.len() >= 6 && c.clause.id.0.simple().to_string().ends_with(&lower))
            .collect();
        match hits.len() {
            1 => Ok(hits[0]),
            0 => Err(Error::NotFound {
                entity: Entity::Clause,
                id: wanted.to_string(),
            }),
            _ => Err(Error::Ambiguous {
                entity: Entity::Clause,
                id: wanted.to_string(),
            }),
        }
    };
    let found = match by_number {
        Some(c) => c,
        None => by_id()?,
    };
    Ok(found.clause.clone())
}

/// The numbers of an agreement's clauses, by id: what [`render`] and the checks need.
pub fn numbers(outline: &[NumberedClause]) -> HashMap<ClauseId, String> {
    outline
        .iter()
        .map(|c| (c.clause.id, c.number.clone()))
        .collect()
}

const REF_OPEN: &str = "{{";
const REF_CLOSE: &str = "}}";
const REF_ID: &str = "clause:";

/// Each `{{…}}` of `text`: its byte range and what is inside.
fn references(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find(REF_OPEN).map(|i| i + from) {
        let inner_start = start + REF_OPEN.len();
        let Some(end) = text[inner_start..].find(REF_CLOSE).map(|i| i + inner_start) else {
            break;
        };
        found.push((start..end + REF_CLOSE.len(), &text[inner_start..end]));
        from = end + REF_CLOSE.len();
    }
    found
}

/// `{{4.2}}` (a number now) becomes `{{clause:<id>}}`; `{{clause:<id>}}` must name a
/// clause of this agreement. Anything else in braces is refused, so a typo is not printed.
fn store_references(text: &str, outline: &[NumberedClause]) -> Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, inner) in references(text) {
        let inner = inner.trim();
        if super::fields::is_field(inner) {
            // A fact of the case, filled in when shown ([`fill`]): kept as written.
            out.push_str(&text[last..range.start]);
            out.push_str(&format!("{REF_OPEN}{inner}{REF_CLOSE}"));
            last = range.end;
            continue;
        }
        let target = match inner.strip_prefix(REF_ID) {
            Some(id) => outline
                .iter()
                .find(|c| c.clause.id.to_string() == id.trim()),
            None => {
                let number = inner.trim_start_matches("clause").trim();
                outline.iter().find(|c| c.number == number)
            }
        };
        let Some(target) = target else {
            return Err(Error::UnknownReference {
                reference: inner.to_string(),
            });
        };
        out.push_str(&text[last..range.start]);
        out.push_str(&format!(
            "{REF_OPEN}{REF_ID}{}{REF_CLOSE}",
            target.clause.id
        ));
        last = range.end;
    }
    out.push_str(&text[last..]);
    Ok(out)
}

/// `text` with each `{{clause:<id>}}` written out as the clause's number now: "clause 4.2"
/// in English, "第4.2條" (Traditional) or "第4.2条" (Simplified) in Chinese.
pub fn render(
    text: &str,
    numbers: &HashMap<ClauseId, String>,
    side: Side,
    script: ChineseScript,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, inner) in references(text) {
        let number = inner
            .trim()
            .strip_prefix(REF_ID)
            .and_then(|id| id.trim().parse::<ClauseId>().ok())
            .and_then(|id| numbers.get(&id));
        let Some(number) = number else { continue };
        out.push_str(&text[last..range.start]);
        match (side, script) {
            (Side::En, _) => out.push_str(&format!("clause {number}")),
            (Side::Zh, ChineseScript::Traditional) => out.push_str(&format!("第{number}條")),
            (Side::Zh, ChineseScript::Simplified) => out.push_str(&format!("第{number}条")),
        }
        last = range.end;
    }
    out.push_str(&text[last..]);
    out
}

/// `text` with each `{{field}}` written out as the case's fact ([`super::fields`]); other
/// braces are left as they are.
pub fn fill(text: &str, fields: &std::collections::BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, inner) in references(text) {
        let Some(value) = fields.get(inner.trim()) else {
            continue;
        };
        out.push_str(&text[last..range.start]);
        out.push_str(value);
        last = range.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Whether `text` refers to clause `id`.
fn refers_to(text: &str, id: ClauseId) -> bool {
    text.contains(&format!("{REF_OPEN}{REF_ID}{id}{REF_CLOSE}"))
}

fn clause_side(field: &'static str, text: &str) -> Result<String> {
    // A file written on Windows ends its lines with CR LF; the text is the same.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Ok(text::paragraphs(field, Some(&text), MAX_CLAUSE_SIDE)?.unwrap_or_default())
}

fn heading(field: &'static str, text: &str) -> Result<String> {
    Ok(text::optional(field, Some(text), MAX_TITLE)?.unwrap_or_default())
}

/// The checked words of a clause, references stored by id.
fn checked(words: ClauseText, outline: &[NumberedClause]) -> Result<ClauseText> {
    let text_en = clause_side("text_en", &words.text_en)?;
    let text_zh = clause_side("text_zh", &words.text_zh)?;
    let heading_en = heading("heading_en", &words.heading_en)?;
    let heading_zh = heading("heading_zh", &words.heading_zh)?;
    if text_en.is_empty() && text_zh.is_empty() && heading_en.is_empty() && heading_zh.is_empty() {
        return Err(Error::Required { field: "text" });
    }
    Ok(ClauseText {
        heading_en,
        heading_zh,
        text_en: store_references(&text_en, outline)?,
        text_zh: store_references(&text_zh, outline)?,
        missing_reason: text::optional(
            "missing_reason",
            words.missing_reason.as_deref(),
            MAX_NAME,
        )?,
        kind: words.kind,
    })
}

fn draft_agreement(conn: &Connection, id: AgreementId) -> Result<Agreement> {
    let agreement = super::load(conn, id)?;
    agreement.ensure_draft()?;
    Ok(agreement)
}

/// The ids of `parent`'s clauses in order.
fn siblings(
    conn: &Connection,
    agreement: AgreementId,
    parent: Option<ClauseId>,
) -> Result<Vec<ClauseId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM clauses WHERE agreement_id = ?1 AND parent_id IS ?2 ORDER BY position",
    )?;
    let ids = stmt
        .query_map(rusqlite::params![agreement, parent], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Gives `order` positions 0, 1, 2 … under `parent`, recording each clause whose place
/// changed (`skip` is recorded by the caller, who changed more of it).
fn reposition(
    tx: &Tx<'_>,
    parent: Option<ClauseId>,
    order: &[ClauseId],
    skip: Option<ClauseId>,
) -> Result<()> {
    let now = time::to_storage(tx.now());
    for (i, id) in order.iter().enumerate() {
        let current = load(tx, *id)?;
        if current.position == i as i64 && current.parent_id == parent {
            continue;
        }
        tx.execute(
            "UPDATE clauses SET parent_id = ?2, position = ?3, updated_at = ?4 WHERE id = ?1",
            rusqlite::params![id, parent, i as i64, now],
        )?;
        if Some(*id) != skip {
            tx.record("clause.move", &load(tx, *id)?)?;
        }
    }
    Ok(())
}

/// How deep a clause sits (1 at the top), and how deep its deepest sub-clause goes below it.
fn depth_of(outline: &[NumberedClause], id: ClauseId) -> (usize, usize) {
    let Some(me) = outline.iter().find(|c| c.clause.id == id) else {
        return (0, 0);
    };
    let prefix = format!("{}.", me.number);
    let below = outline
        .iter()
        .filter(|c| c.number.starts_with(&prefix))
        .map(|c| c.depth - me.depth)
        .max()
        .unwrap_or(0);
    (me.depth, below)
}

/// Where `place` puts a clause: the parent and the index among its clauses.
fn resolve_place(
    conn: &Connection,
    agreement: AgreementId,
    place: Place,
) -> Result<(Option<ClauseId>, usize)> {
    match place {
        Place::End => Ok((None, siblings(conn, agreement, None)?.len())),
        Place::After(id) => {
            let anchor = in_agreement(conn, agreement, id)?;
            let order = siblings(conn, agreement, anchor.parent_id)?;
            let at = order.iter().position(|c| *c == id).expect("listed") + 1;
            Ok((anchor.parent_id, at))
        }
        Place::Under(id) => {
            in_agreement(conn, agreement, id)?;
            Ok((Some(id), siblings(conn, agreement, Some(id))?.len()))
        }
    }
}

fn in_agreement(conn: &Connection, agreement: AgreementId, id: ClauseId) -> Result<Clause> {
    let clause = load(conn, id)?;
    if clause.agreement_id != agreement {
        return Err(Error::NotFound {
            entity: Entity::Clause,
            id: id.to_string(),
        });
    }
    Ok(clause)
}

fn too_deep() -> Error {
    Error::Invalid {
        field: "place",
        value: format!("clauses are numbered {MAX_DEPTH} levels deep at most"),
    }
}

/// Adds a clause at `place`.
pub fn add(tx: &Tx<'_>, agreement: AgreementId, words: ClauseText, place: Place) -> Result<Clause> {
    add_with_source(tx, agreement, words, place, None)
}

fn add_with_source(
    tx: &Tx<'_>,
    agreement: AgreementId,
    words: ClauseText,
    place: Place,
    source: Option<(NoteId, i64)>,
) -> Result<Clause> {
    draft_agreement(tx, agreement)?;
    let outline = outline(tx, agreement)?;
    let words = checked(words, &outline)?;
    let (parent, at) = resolve_place(tx, agreement, place)?;
    if let Some(parent) = parent {
        if depth_of(&outline, parent).0 + 1 > MAX_DEPTH {
            return Err(too_deep());
        }
    }
    let id = ClauseId::new();
    let now = time::to_storage(tx.now());
    let mut order = siblings(tx, agreement, parent)?;
    tx.execute(
        &format!(
            "INSERT INTO clauses ({COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)"
        ),
        rusqlite::params![
            id,
            agreement,
            parent,
            order.len() as i64,
            words.heading_en,
            words.heading_zh,
            words.text_en,
            words.text_zh,
            words.missing_reason,
            words.kind,
            source.map(|s| s.0),
            source.map(|s| s.1),
            now,
        ],
    )?;
    order.insert(at, id);
    reposition(tx, parent, &order, Some(id))?;
    let clause = load(tx, id)?;
    tx.record("clause.add", &clause)?;
    Ok(clause)
}

/// A proposal note of the agreement's case becomes a clause in one step, at `place`,
/// linked back to the note and its revision then ([`NumberedClause::source_moved_on`]
/// says when the note has been saved since). An agreement is shown to every party, so a
/// caucus proposal enters only as the note could be shared: while the confiding party's
/// authorisation of all of it covers its current text, or its regime is open
/// (`note.disclosure_not_authorised` otherwise, changing nothing).
pub fn add_from_note(
    tx: &Tx<'_>,
    agreement_id: AgreementId,
    note_id: NoteId,
    place: Place,
) -> Result<Clause> {
    let agreement = draft_agreement(tx, agreement_id)?;
    let note = notes::load(tx, note_id)?;
    if note.case_id != agreement.case_id {
        return Err(Error::NotFound {
            entity: Entity::Note,
            id: note_id.short(),
        });
    }
    if !note.tags.contains(&NoteTag::Proposal) {
        return Err(Error::Invalid {
            field: "note",
            value: "only a note tagged proposal becomes a clause".into(),
        });
    }
    confidentiality::ensure_consent(
        tx,
        note.id,
        note.confided_by.map(|party| (party, note.caucus_regime)),
        Exposure {
            visibility: Visibility::Shared,
            party_id: None,
            text_en: &note.text_en,
            text_zh: &note.text_zh,
        },
    )?;
    let words = ClauseText {
        text_en: note.text_en.clone(),
        text_zh: note.text_zh.clone(),
        ..Default::default()
    };
    add_with_source(
        tx,
        agreement_id,
        words,
        place,
        Some((note.id, note.revision)),
    )
}

/// Replaces a clause's words (the whole of them, as autosave sends).
pub fn edit(tx: &Tx<'_>, id: ClauseId, words: ClauseText) -> Result<Clause> {
    let current = load(tx, id)?;
    draft_agreement(tx, current.agreement_id)?;
    let words = checked(words, &outline(tx, current.agreement_id)?)?;
    if refers_to(&words.text_en, id) || refers_to(&words.text_zh, id) {
        return Err(Error::Invalid {
            field: "text",
            value: "a clause cannot refer to itself".into(),
        });
    }
    let unchanged = words.heading_en == current.heading_en
        && words.heading_zh == current.heading_zh
        && words.text_en == current.text_en
        && words.text_zh == current.text_zh
        && words.missing_reason == current.missing_reason
        && words.kind == current.kind;
    if unchanged {
        // An autosave of what is already there: no write, no event.
        return Ok(current);
    }
    tx.execute(
        "UPDATE clauses SET heading_en = ?2, heading_zh = ?3, text_en = ?4, text_zh = ?5,
                            missing_reason = ?6, kind = ?7, updated_at = ?8 WHERE id = ?1",
        rusqlite::params![
            id,
            words.heading_en,
            words.heading_zh,
            words.text_en,
            words.text_zh,
            words.missing_reason,
            words.kind,
            time::to_storage(tx.now()),
        ],
    )?;
    let clause = load(tx, id)?;
    tx.record("clause.edit", &clause)?;
    Ok(clause)
}

/// Moves a clause (with its sub-clauses) to `place`.
pub fn move_to(tx: &Tx<'_>, id: ClauseId, place: Place) -> Result<Clause> {
    let current = load(tx, id)?;
    let agreement = current.agreement_id;
    draft_agreement(tx, agreement)?;
    let outline = outline(tx, agreement)?;
    let target = match place {
        Place::End => None,
        Place::After(c) | Place::Under(c) => Some(c),
    };
    if let Some(target) = target {
        let number = &outline
            .iter()
            .find(|c| c.clause.id == id)
            .expect("in its outline")
            .number;
        let target_number = &in_outline(&outline, target)?.number;
        if target == id && matches!(place, Place::Under(_))
            || target_number.starts_with(&format!("{number}."))
        {
            return Err(Error::Invalid {
                field: "place",
                value: "a clause cannot go under itself or its own sub-clauses".into(),
            });
        }
        if target == id {
            return Ok(current);
        }
    }
    // Take it out, then put it in.
    let mut old = siblings(tx, agreement, current.parent_id)?;
    old.retain(|c| *c != id);
    let (parent, at) = resolve_place_without(tx, agreement, place, id)?;
    let (_, below) = depth_of(&outline, id);
    let parent_depth = parent.map_or(0, |p| depth_of(&outline, p).0);
    if parent_depth + 1 + below > MAX_DEPTH {
        return Err(too_deep());
    }
    if parent == current.parent_id {
        let mut order = old;
        order.insert(at.min(order.len()), id);
        reposition(tx, parent, &order, Some(id))?;
    } else {
        reposition(tx, current.parent_id, &old, None)?;
        let mut order = siblings(tx, agreement, parent)?;
        order.insert(at.min(order.len()), id);
        reposition(tx, parent, &order, Some(id))?;
    }
    let clause = load(tx, id)?;
    if clause != current {
        tx.record("clause.move", &clause)?;
    }
    Ok(clause)
}

fn in_outline(outline: &[NumberedClause], id: ClauseId) -> Result<&NumberedClause> {
    outline
        .iter()
        .find(|c| c.clause.id == id)
        .ok_or_else(|| Error::NotFound {
            entity: Entity::Clause,
            id: id.to_string(),
        })
}

/// [`resolve_place`] as if clause `moving` were already out of its list.
fn resolve_place_without(
    conn: &Connection,
    agreement: AgreementId,
    place: Place,
    moving: ClauseId,
) -> Result<(Option<ClauseId>, usize)> {
    let without = |parent: Option<ClauseId>| -> Result<Vec<ClauseId>> {
        let mut order = siblings(conn, agreement, parent)?;
        order.retain(|c| *c != moving);
        Ok(order)
    };
    match place {
        Place::End => Ok((None, without(None)?.len())),
        Place::After(anchor) => {
            let parent = in_agreement(conn, agreement, anchor)?.parent_id;
            let order = without(parent)?;
            let at = order.iter().position(|c| *c == anchor).expect("listed") + 1;
            Ok((parent, at))
        }
        Place::Under(parent) => {
            in_agreement(conn, agreement, parent)?;
            Ok((Some(parent), without(Some(parent))?.len()))
        }
    }
}

/// One keyboard step: up, down, indent or outdent. At an edge it changes nothing.
pub fn shift(tx: &Tx<'_>, id: ClauseId, step: Step) -> Result<Clause> {
    let current = load(tx, id)?;
    let agreement = current.agreement_id;
    draft_agreement(tx, agreement)?;
    let order = siblings(tx, agreement, current.parent_id)?;
    let at = order.iter().position(|c| *c == id).expect("listed");
    let place = match step {
        Step::Up if at == 0 => return Ok(current),
        Step::Up if at == 1 => {
            // Before the first sibling: after nothing. Swap the two instead.
            let mut order = order;
            order.swap(0, 1);
            reposition(tx, current.parent_id, &order, Some(id))?;
            let clause = load(tx, id)?;
            tx.record("clause.move", &clause)?;
            return Ok(clause);
        }
        Step::Up => Place::After(order[at - 2]),
        Step::Down if at + 1 == order.len() => return Ok(current),
        Step::Down => Place::After(order[at + 1]),
        Step::Indent if at == 0 => return Ok(current),
        Step::Indent => Place::Under(order[at - 1]),
        Step::Outdent => match current.parent_id {
            None => return Ok(current),
            Some(parent) => Place::After(parent),
        },
    };
    move_to(tx, id, place)
}

/// Removes a clause. Refused while it has sub-clauses or another clause refers to it.
pub fn remove(tx: &Tx<'_>, id: ClauseId) -> Result<Clause> {
    let current = load(tx, id)?;
    let agreement = current.agreement_id;
    draft_agreement(tx, agreement)?;
    let outline = outline(tx, agreement)?;
    let number = in_outline(&outline, id)?.number.clone();
    if !siblings(tx, agreement, Some(id))?.is_empty() {
        return Err(Error::ClauseHasSubclauses { clause: number });
    }
    if let Some(by) = outline.iter().find(|c| {
        c.clause.id != id && (refers_to(&c.clause.text_en, id) || refers_to(&c.clause.text_zh, id))
    }) {
        return Err(Error::ClauseReferenced {
            clause: number,
            by: by.number.clone(),
        });
    }
    tx.execute("DELETE FROM clause_positions WHERE clause_id = ?1", [id])?;
    tx.execute("DELETE FROM clauses WHERE id = ?1", [id])?;
    tx.record_removal("clause.remove", &current)?;
    let order = siblings(tx, agreement, current.parent_id)?;
    reposition(tx, current.parent_id, &order, None)?;
    Ok(current)
}

/// Sets a party's position on a clause. The party must be one of the case's.
pub fn set_position(
    tx: &Tx<'_>,
    id: ClauseId,
    party: PartyId,
    status: PositionStatus,
    comment: &str,
) -> Result<Clause> {
    let current = load(tx, id)?;
    let agreement = draft_agreement(tx, current.agreement_id)?;
    let found = parties::load(tx, party)?;
    if found.case_id != agreement.case_id {
        return Err(Error::PartyNotInCase {
            party: found.name(),
            case: crate::cases::load(tx, agreement.case_id)?.local_ref,
        });
    }
    let comment = text::optional("comment", Some(comment), MAX_COMMENT)?.unwrap_or_default();
    tx.execute(
        "INSERT INTO clause_positions (clause_id, party_id, status, comment, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (clause_id, party_id) DO UPDATE SET
             status = excluded.status, comment = excluded.comment, updated_at = excluded.updated_at",
        rusqlite::params![id, party, status, comment, time::to_storage(tx.now())],
    )?;
    let clause = load(tx, id)?;
    tx.record("clause.position", &clause)?;
    Ok(clause)
}

impl Audited for Clause {
    const KIND: &'static str = "clause";
    const TABLES: &'static [&'static str] = &["clauses", "clause_positions"];

    fn audit_id(&self) -> String {
        self.id.to_string()
    }
    fn audit_case(&self) -> Option<String> {
        Some(self.case_id.to_string())
    }
    fn all_live(conn: &Connection) -> Result<Vec<Self>> {
        let mut stmt = conn.prepare(&select())?;
        let rows: Vec<Clause> = stmt
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(|c| with_positions(conn, c)).collect()
    }
}
