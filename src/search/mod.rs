//! Full-text search over every case's notes, in English and Chinese.
//!
//! - [`fold`]: the canonical form (Traditional → Simplified, lower case, half-width).
//! - [`tokens`]: words (stemmed) and Chinese runs (bigrams and characters).
//! - [`index`]: what a note puts in `notes_search`; called by the notes' save.
//! - [`query`]: what a mediator types, as a safe FTS5 MATCH expression.
//! - [`snippet`]: highlighted fragments cut from the original text.
//!
//! Visibility is enforced here, in SQL, not left to the screen: with `as_party` a search
//! can only return shared notes and that party's own caucus notes.

pub mod fold;
pub mod index;
pub mod query;
pub mod rank;
pub mod snippet;
pub mod tokens;

#[cfg(test)]
mod tests;

use chrono::{Days, NaiveDate, TimeZone, Utc};
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::ids::{CaseId, NoteId, PartyId, SessionId};
use crate::notes::{NoteTag, Visibility};
use crate::time;
use index::facet;

pub use snippet::Fragment;

/// Hits per page unless the caller asks otherwise.
pub const DEFAULT_LIMIT: u32 = 20;
/// Most hits one page may hold.
pub const MAX_LIMIT: u32 = 100;
/// How many of the newest matching notes get ranked ([`rank`]). A word like 调解 is in
/// nearly every note of a mediator's vault; ranking all of them costs time in proportion
/// to the matches (benches/search.rs: 0.15–0.25 s at 100,000 notes), and beyond a
/// thousand the order of near-equal scores tells a mediator nothing that recency does
/// not. Pages past the window widen it.
pub const RANK_WINDOW: u32 = 1000;
/// `total` counts matches up to this many; a total equal to it means "this many or
/// more" (the UI shows "1,000+"). An exact count walks every match: about 10 ms for 调解
/// in 100,000 notes even inside the index (benches/search.rs), and the same pass that
/// collects the ranked window counts up to here for free.
pub const TOTAL_CAP: u32 = 1000;

/// A search as the mediator asks it: text plus optional filters.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export, optional_fields)]
pub struct SearchQuery {
    pub text: String,
    pub case_id: Option<CaseId>,
    /// Notes recording this party's words (any visibility).
    pub party_id: Option<PartyId>,
    pub visibility: Option<Visibility>,
    pub tag: Option<NoteTag>,
    /// First calendar day included, in the zone passed to [`search`].
    pub from: Option<NaiveDate>,
    /// Last calendar day included, in the zone passed to [`search`].
    pub to: Option<NaiveDate>,
    /// Only what this party may see: shared notes and its own caucus notes, never
    /// another party's caucus notes nor private ones.
    pub as_party: Option<PartyId>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

/// One note found, with a snippet of each side.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SearchHit {
    pub note_id: NoteId,
    pub case_id: CaseId,
    pub case_ref: String,
    pub session_id: Option<SessionId>,
    pub visibility: Visibility,
    pub party_id: Option<PartyId>,
    pub tags: Vec<NoteTag>,
    pub created_at: String,
    pub updated_at: String,
    pub en: Vec<Fragment>,
    pub zh: Vec<Fragment>,
    /// Relevance (BM25-like, see search/rank.rs): higher is better. Only comparable within one search.
    pub score: f64,
}

/// A page of hits, best first, and how many notes match in all (up to [`TOTAL_CAP`]).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub total: u32,
}

/// Searches all notes. `zone` is the laptop's time zone: `from` and `to` are calendar
/// days there.
///
/// Two steps, so that only the notes on the page are ever read: first FTS5 alone finds
/// the newest matches (filters are facet tokens in the same MATCH) and ranks them; then
/// the page's notes are loaded. Only a date filter needs `notes` rows while matching.
pub fn search(
    conn: &Connection,
    query: &SearchQuery,
    zone: chrono_tz::Tz,
) -> Result<SearchResults> {
    let parsed = query::parse(&query.text)?;
    // "As seen by" a party only means something within that party's case: across cases
    // it would hand the party every other case's shared notes.
    if query.as_party.is_some() && query.case_id.is_none() {
        return Err(Error::Required { field: "case" });
    }
    let expression = with_facets(parsed.to_match(), query);
    let (dates, date_params) = date_filter(query, zone)?;
    let mut params = vec![Value::Text(expression)];
    params.extend(date_params);
    // Without a date filter the window is FTS5's own rowid order; with one, each
    // candidate's `notes` row is read for its date.
    let candidates = |limit: u32| match dates.is_empty() {
        true => format!(
            "SELECT rowid AS doc, accord_rank(notes_search) AS rank FROM notes_search \
             WHERE notes_search MATCH ?1 ORDER BY rowid DESC LIMIT {limit}"
        ),
        false => format!(
            "SELECT notes_search.rowid AS doc, accord_rank(notes_search) AS rank \
             FROM notes_search JOIN notes n ON n.doc = notes_search.rowid \
             WHERE notes_search MATCH ?1{dates} ORDER BY notes_search.rowid DESC LIMIT {limit}"
        ),
    };

    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT);
    let offset = query.offset.unwrap_or(0);
    // One pass over the newest matches gives both the count (up to TOTAL_CAP) and the
    // candidates that get ranked (RANK_WINDOW): see both. Matching twice cost twice.
    let window = RANK_WINDOW.max(TOTAL_CAP).max(offset.saturating_add(limit));
    let mut found: Vec<(i64, f64)> = conn
        .prepare_cached(&candidates(window))?
        .query_map(rusqlite::params_from_iter(params.iter()), |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let total = found.len();
    // Best first (the rank is lower for better); among equals, the newest first.
    found.sort_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
    let page: Vec<(i64, f64)> = found
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .collect();

    let mut load = conn.prepare_cached(
        "SELECT n.id, n.case_id, c.local_ref, n.session_id, n.visibility, n.party_id, \
                n.created_at, n.updated_at, n.text_en, n.text_zh \
         FROM notes n JOIN cases c ON c.id = n.case_id WHERE n.doc = ?1",
    )?;
    let mut hits = Vec::with_capacity(page.len());
    for (doc, rank) in page {
        let mut hit = load.query_row([doc], |row| {
            let text_en: String = row.get(8)?;
            let text_zh: String = row.get(9)?;
            Ok(SearchHit {
                note_id: row.get(0)?,
                case_id: row.get(1)?,
                case_ref: row.get(2)?,
                session_id: row.get(3)?,
                visibility: row.get(4)?,
                party_id: row.get(5)?,
                tags: Vec::new(),
                created_at: row.get(6)?,
                updated_at: row.get(7)?,
                en: snippet::snippet(&text_en, &parsed),
                zh: snippet::snippet(&text_zh, &parsed),
                score: -rank,
            })
        })?;
        // The index's facets chose these rows; the rows themselves decide. A stale or
        // tampered index entry must not show a party what another confided.
        if let Some(party) = query.as_party {
            let visible = hit.visibility == Visibility::Shared
                || (hit.visibility == Visibility::Caucus && hit.party_id == Some(party));
            if !visible || Some(hit.case_id) != query.case_id {
                continue;
            }
        }
        hit.tags = crate::notes::tags(conn, hit.note_id)?;
        hits.push(hit);
    }
    Ok(SearchResults {
        hits,
        total: u32::try_from(total).unwrap_or(u32::MAX),
    })
}

/// The text's MATCH expression narrowed by the query's filters, as facet tokens.
fn with_facets(text: String, query: &SearchQuery) -> String {
    let term = |token: String| format!("facets : \"{token}\"");
    let mut out = format!("({text})");
    let mut and = |condition: String| {
        out.push_str(" AND ");
        out.push_str(&condition);
    };
    if let Some(case) = query.case_id {
        and(term(facet::case(case)));
    }
    if let Some(party) = query.party_id {
        and(term(facet::party(party)));
    }
    if let Some(visibility) = query.visibility {
        and(term(facet::visibility(visibility)));
    }
    if let Some(tag) = query.tag {
        and(term(facet::tag(tag)));
    }
    if let Some(party) = query.as_party {
        // What this party may see: shared notes and what it confided itself.
        and(format!(
            "({} OR {})",
            term(facet::visibility(Visibility::Shared)),
            term(facet::confided_by(party))
        ));
    }
    out
}

/// The SQL conditions on `notes n` for a date range, and their parameters (from ?2).
fn date_filter(query: &SearchQuery, zone: chrono_tz::Tz) -> Result<(String, Vec<Value>)> {
    let mut sql = String::new();
    let mut params: Vec<Value> = Vec::new();
    if let (Some(from), Some(to)) = (query.from, query.to) {
        if to < from {
            return Err(Error::EndBeforeStart);
        }
    }
    if let Some(from) = query.from {
        params.push(Value::Text(start_of_day(from, zone)?));
        sql.push_str(&format!(" AND n.created_at >= ?{}", params.len() + 1));
    }
    if let Some(to) = query.to {
        let next = to
            .checked_add_days(Days::new(1))
            .ok_or_else(|| Error::Invalid {
                field: "to",
                value: to.to_string(),
            })?;
        params.push(Value::Text(start_of_day(next, zone)?));
        sql.push_str(&format!(" AND n.created_at < ?{}", params.len() + 1));
    }
    Ok((sql, params))
}

/// The first instant of `day` in `zone`, as stored (RFC 3339 UTC). Where midnight does
/// not exist (a daylight-saving jump at 00:00), the day starts at the first instant after.
fn start_of_day(day: NaiveDate, zone: chrono_tz::Tz) -> Result<String> {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight is a valid time");
    let instant = (0..=180)
        .step_by(15)
        .find_map(|minutes| {
            zone.from_local_datetime(&(midnight + chrono::Duration::minutes(minutes)))
                .earliest()
        })
        .ok_or_else(|| Error::Invalid {
            field: "from",
            value: day.to_string(),
        })?;
    Ok(time::to_storage(instant.with_timezone(&Utc)))
}
