//! Redlines: what changed from one version of an agreement to another (or to the draft as
//! it stands), clause by clause, in both languages.
//!
//! Clauses are matched by their stable ids, never by number, so renumbering is no change.
//! The ordered id lists are compared (Patience, as the drafts research measured); an id
//! that leaves one place and appears at another has moved, and is shown once, at its new
//! place, "moved from 5 → 3", with its text compared inside. A removed clause is shown
//! where it was. Text is compared with [`crate::bilingual::diff_side`]: English by word,
//! Chinese by character with numbers and Latin words whole, and each cross-reference one
//! token written out as the number it names on its side, so a reference to the same clause
//! under a new number is no change either.
//!
//! A clause re-created under a new id (deleted and pasted back, or retyped) whose words are
//! at least 0.8 alike to a removed one's is shown as that clause moved and edited, not as
//! one removed and one added (the drafts research's pairing).

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp, TextDiff};

use super::clauses::{fill, render};
use super::versions::{self, Frozen, FrozenClause};
use crate::bilingual::{diff_side, DiffChange, DiffSpan, Side};
use crate::error::Result;
use crate::ids::{AgreementId, ClauseId};
use crate::notes::ChineseScript;
use crate::vocab::vocabulary;

vocabulary!(
    /// What happened to a clause between two versions.
    ClauseChangeKind, "change" {
        Same => "same",
        Edited => "edited",
        Added => "added",
        Removed => "removed",
        Moved => "moved",
    }
);

/// One clause of a redline, at its place in the newer version (a removed clause at its
/// place in the older).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ClauseChange {
    pub id: ClauseId,
    pub change: ClauseChangeKind,
    /// Its number in the older version, if it was there.
    pub number_from: Option<String>,
    /// Its number in the newer version, if it is there.
    pub number_to: Option<String>,
    #[ts(type = "number")]
    pub depth: usize,
    /// A moved clause whose words changed too.
    pub edited: bool,
    pub heading_en: Vec<DiffSpan>,
    pub heading_zh: Vec<DiffSpan>,
    pub text_en: Vec<DiffSpan>,
    pub text_zh: Vec<DiffSpan>,
}

/// Two versions compared. `to` is `None` for the draft as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Redline {
    pub agreement_id: AgreementId,
    #[ts(type = "number")]
    pub from: i64,
    #[ts(type = "number | null")]
    pub to: Option<i64>,
    pub clauses: Vec<ClauseChange>,
}

/// Version `from` against version `to`, or against the draft as it stands.
pub fn compare(
    conn: &Connection,
    agreement_id: AgreementId,
    from: i64,
    to: Option<i64>,
) -> Result<Redline> {
    let (_, old) = versions::load(conn, agreement_id, from)?;
    let (_, new) = versions::frozen(conn, agreement_id, to)?;
    Ok(Redline {
        agreement_id,
        from,
        to,
        clauses: between(&old, &new),
    })
}

/// The clause-by-clause changes from `old` to `new`.
pub fn between(old: &Frozen, new: &Frozen) -> Vec<ClauseChange> {
    let old_ids: Vec<ClauseId> = old.clauses.iter().map(|c| c.id).collect();
    let new_ids: Vec<ClauseId> = new.clauses.iter().map(|c| c.id).collect();
    let old_by_id: HashMap<ClauseId, &FrozenClause> =
        old.clauses.iter().map(|c| (c.id, c)).collect();
    let new_by_id: HashMap<ClauseId, &FrozenClause> =
        new.clauses.iter().map(|c| (c.id, c)).collect();
    let mut unmatched_old: HashSet<ClauseId> = HashSet::new();
    let mut unmatched_new: HashSet<ClauseId> = HashSet::new();
    let ops = capture_diff_slices(Algorithm::Patience, &old_ids, &new_ids);
    for op in &ops {
        match *op {
            DiffOp::Delete {
                old_index, old_len, ..
            } => unmatched_old.extend(&old_ids[old_index..old_index + old_len]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => unmatched_new.extend(&new_ids[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                unmatched_old.extend(&old_ids[old_index..old_index + old_len]);
                unmatched_new.extend(&new_ids[new_index..new_index + new_len]);
            }
            DiffOp::Equal { .. } => {}
        }
    }
    let recreated = recreated(old, new, &old_by_id, &new_by_id);
    let taken: HashSet<ClauseId> = recreated.values().map(|c| c.id).collect();
    let texts = Texts::new(old, new);
    let mut out = Vec::new();
    for op in &ops {
        let (old_range, new_range) = (op.old_range(), op.new_range());
        // Removed clauses first, where they stood; then this stretch of the new version.
        for id in &old_ids[old_range] {
            if unmatched_old.contains(id) && !new_by_id.contains_key(id) && !taken.contains(id) {
                out.push(texts.removed(old_by_id[id]));
            }
        }
        for id in &new_ids[new_range] {
            let now = new_by_id[id];
            let change = match (old_by_id.get(id), recreated.get(id)) {
                (Some(before), _) => texts.kept(before, now, unmatched_new.contains(id)),
                (None, Some(before)) => texts.kept(before, now, true),
                (None, None) => texts.added(now),
            };
            out.push(change);
        }
    }
    out
}

/// How alike two clauses' words must be for an added one to be a removed one re-created
/// (deleted and pasted back, or retyped): the research's 0.8 of `similar`'s ratio.
const RECREATED_RATIO: f32 = 0.8;

/// Each added clause (by its new id) that re-creates a removed one: the removed clause
/// most like it, at least [`RECREATED_RATIO`] alike, each removed clause taken once.
/// Shown as moved (and edited), not as removed and added.
fn recreated<'a>(
    old: &'a Frozen,
    new: &Frozen,
    old_by_id: &HashMap<ClauseId, &FrozenClause>,
    new_by_id: &HashMap<ClauseId, &FrozenClause>,
) -> HashMap<ClauseId, &'a FrozenClause> {
    let words = |c: &FrozenClause| {
        format!(
            "{}\n{}\n{}\n{}",
            c.heading_en, c.text_en, c.heading_zh, c.text_zh
        )
    };
    let mut removed: Vec<&FrozenClause> = old
        .clauses
        .iter()
        .filter(|c| !new_by_id.contains_key(&c.id))
        .collect();
    let mut found = HashMap::new();
    for added in new
        .clauses
        .iter()
        .filter(|c| !old_by_id.contains_key(&c.id))
    {
        let text = words(added);
        let best = removed
            .iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    i,
                    TextDiff::from_chars(words(c).as_str(), text.as_str()).ratio(),
                )
            })
            .filter(|(_, ratio)| *ratio >= RECREATED_RATIO)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, _)) = best {
            found.insert(added.id, removed.remove(i));
        }
    }
    found
}

/// How each side's references are written: by the version the token comes from.
struct Texts {
    old_numbers: HashMap<ClauseId, String>,
    new_numbers: HashMap<ClauseId, String>,
    old_fields: super::fields::Fields,
    new_fields: super::fields::Fields,
    old_script: ChineseScript,
    new_script: ChineseScript,
}

impl Texts {
    fn new(old: &Frozen, new: &Frozen) -> Self {
        Texts {
            old_numbers: old.numbers(),
            new_numbers: new.numbers(),
            old_fields: old.fields(),
            new_fields: new.fields(),
            old_script: old.agreement.zh_script,
            new_script: new.agreement.zh_script,
        }
    }

    fn diff(&self, side: Side, before: &str, after: &str) -> Vec<DiffSpan> {
        diff_side(side, before, after, &|token, change| {
            if !token.starts_with("{{") {
                return token.to_string();
            }
            let (numbers, fields, script) = match change {
                DiffChange::Removed => (&self.old_numbers, &self.old_fields, self.old_script),
                _ => (&self.new_numbers, &self.new_fields, self.new_script),
            };
            fill(&render(token, numbers, side, script), fields.side(side))
        })
    }

    fn spans(&self, before: &FrozenClause, after: &FrozenClause) -> [Vec<DiffSpan>; 4] {
        [
            self.diff(Side::En, &before.heading_en, &after.heading_en),
            self.diff(Side::Zh, &before.heading_zh, &after.heading_zh),
            self.diff(Side::En, &before.text_en, &after.text_en),
            self.diff(Side::Zh, &before.text_zh, &after.text_zh),
        ]
    }

    fn change(
        &self,
        id: ClauseId,
        change: ClauseChangeKind,
        numbers: (Option<&FrozenClause>, Option<&FrozenClause>),
        depth: usize,
        spans: [Vec<DiffSpan>; 4],
    ) -> ClauseChange {
        let edited = spans.iter().flatten().any(|s| s.change != DiffChange::Same);
        let [heading_en, heading_zh, text_en, text_zh] = spans;
        ClauseChange {
            id,
            change,
            number_from: numbers.0.map(|c| c.number.clone()),
            number_to: numbers.1.map(|c| c.number.clone()),
            depth,
            edited,
            heading_en,
            heading_zh,
            text_en,
            text_zh,
        }
    }

    fn added(&self, now: &FrozenClause) -> ClauseChange {
        let empty = FrozenClause {
            heading_en: String::new(),
            heading_zh: String::new(),
            text_en: String::new(),
            text_zh: String::new(),
            ..now.clone()
        };
        let spans = self.spans(&empty, now);
        self.change(
            now.id,
            ClauseChangeKind::Added,
            (None, Some(now)),
            now.depth,
            spans,
        )
    }

    fn removed(&self, before: &FrozenClause) -> ClauseChange {
        let empty = FrozenClause {
            heading_en: String::new(),
            heading_zh: String::new(),
            text_en: String::new(),
            text_zh: String::new(),
            ..before.clone()
        };
        let spans = self.spans(before, &empty);
        self.change(
            before.id,
            ClauseChangeKind::Removed,
            (Some(before), None),
            before.depth,
            spans,
        )
    }

    fn kept(&self, before: &FrozenClause, now: &FrozenClause, moved: bool) -> ClauseChange {
        let spans = self.spans(before, now);
        let mut change = self.change(
            now.id,
            ClauseChangeKind::Same,
            (Some(before), Some(now)),
            now.depth,
            spans,
        );
        change.change = if moved {
            ClauseChangeKind::Moved
        } else if change.edited {
            ClauseChangeKind::Edited
        } else {
            ClauseChangeKind::Same
        };
        change
    }
}
