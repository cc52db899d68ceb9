//! Sessions: joint sessions, caucuses with one party, preparatory and internal meetings.
//!
//! Times are stored in UTC beside the venue's IANA zone; a caucus names its party, and
//! nothing else does (the database enforces both too).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::audit::Audited;
use crate::cases::{self, Case};
use crate::error::{Entity, Error, Result};
use crate::ids::{CaseId, IdQuery, PartyId, SessionId};
use crate::parties;
use crate::store::Tx;
use crate::text::{self, MAX_NAME};
use crate::time;
use crate::vocab::vocabulary;

vocabulary!(
    /// What kind of meeting a session is.
    SessionKind, "kind" {
        Joint => "joint",
        Caucus => "caucus",
        Preparatory => "preparatory",
        Internal => "internal",
    }
);

/// Most attendees one session may list.
pub const MAX_ATTENDEES: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Attendee {
    pub name: String,
    /// The party this person attends for; `None` for the mediators and observers.
    pub party_id: Option<PartyId>,
}

/// A session as stored. Times are RFC 3339 in UTC; `time_zone` is the venue's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Session {
    pub id: SessionId,
    pub case_id: CaseId,
    pub kind: SessionKind,
    pub caucus_party_id: Option<PartyId>,
    pub time_zone: String,
    pub venue: Option<String>,
    pub scheduled_start: DateTime<Utc>,
    pub scheduled_end: DateTime<Utc>,
    pub actual_start: Option<DateTime<Utc>>,
    pub actual_end: Option<DateTime<Utc>>,
    pub attendees: Vec<Attendee>,
    pub created_at: String,
}

impl Session {
    /// Under way: started and not ended.
    pub fn is_live(&self) -> bool {
        self.actual_start.is_some() && self.actual_end.is_none()
    }
}

/// What a new session needs. When `attendees` is empty, the case's mediators and the
/// representatives of the parties present (all for a joint session, the one for a
/// caucus) are listed.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub kind: SessionKind,
    pub caucus_party: Option<PartyId>,
    pub time_zone: String,
    pub venue: Option<String>,
    pub scheduled_start: DateTime<Utc>,
    pub scheduled_end: DateTime<Utc>,
    pub attendees: Vec<Attendee>,
}

/// A session as a form gives it: wall-clock times at the venue, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export, optional_fields)]
pub struct SessionDraft {
    pub kind: Option<SessionKind>,
    pub caucus_party: Option<PartyId>,
    /// The venue's IANA zone, e.g. `Asia/Hong_Kong`.
    pub time_zone: String,
    pub venue: Option<String>,
    /// `2026-12-03 10:00` at the venue, or RFC 3339.
    pub start: String,
    /// `11:30` on the same day, a full time, or empty for `duration`.
    pub end: Option<String>,
    /// Length when no end is given, e.g. `90m` or `1h30m`; one hour when neither is.
    pub duration: Option<String>,
    /// Names; empty lists the mediators and the representatives present.
    pub attendees: Vec<String>,
}

impl SessionDraft {
    /// Reads the typed times in the venue's zone.
    pub fn parse(&self) -> Result<NewSession> {
        let kind = self.kind.ok_or(Error::Required { field: "kind" })?;
        let zone = time::parse_zone(&self.time_zone)?;
        let start = time::parse_time("start", &self.start, zone)?;
        let end = match self.end.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            Some(end) => time::parse_time_on_day("end", end, zone, start)?,
            None => match self
                .duration
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
            {
                Some(d) => start + time::parse_duration(d)?,
                None => start + chrono::Duration::hours(1),
            },
        };
        Ok(NewSession {
            kind,
            caucus_party: self.caucus_party,
            time_zone: self.time_zone.clone(),
            venue: self.venue.clone(),
            scheduled_start: start,
            scheduled_end: end,
            attendees: self
                .attendees
                .iter()
                .map(|n| Attendee {
                    name: n.clone(),
                    party_id: None,
                })
                .collect(),
        })
    }
}

/// Which sessions to list.
#[derive(Debug, Clone, Default)]
pub struct SessionFilter {
    pub case_id: Option<CaseId>,
    /// Only sessions not over at this instant (the agenda): scheduled to end at or after
    /// it, or under way (started and not ended) whatever their schedule, since a session
    /// that overruns or starts late is still going on.
    pub from: Option<DateTime<Utc>>,
    pub limit: Option<usize>,
}

const COLUMNS: &str = "id, case_id, kind, caucus_party_id, time_zone, venue, scheduled_start, scheduled_end, actual_start, actual_end, created_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Session> {
    let optional_time = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
        row.get::<_, Option<String>>(i)?
            .map(|t| time::from_storage(&t))
            .transpose()
    };
    Ok(Session {
        id: row.get(0)?,
        case_id: row.get(1)?,
        kind: row.get(2)?,
        caucus_party_id: row.get(3)?,
        time_zone: row.get(4)?,
        venue: row.get(5)?,
        scheduled_start: time::from_storage(&row.get::<_, String>(6)?)?,
        scheduled_end: time::from_storage(&row.get::<_, String>(7)?)?,
        actual_start: optional_time(8)?,
        actual_end: optional_time(9)?,
        created_at: row.get(10)?,
        attendees: Vec::new(),
    })
}

/// Loaded sessions, each with its attendees.
fn all_with_attendees(conn: &Connection, sessions: Vec<Session>) -> Result<Vec<Session>> {
    sessions
        .into_iter()
        .map(|s| with_attendees(conn, s))
        .collect()
}

fn with_attendees(conn: &Connection, mut session: Session) -> Result<Session> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, party_id FROM session_attendees WHERE session_id = ?1 ORDER BY position",
    )?;
    session.attendees = stmt
        .query_map([session.id], |row| {
            Ok(Attendee {
                name: row.get(0)?,
                party_id: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(session)
}

pub fn create(tx: &Tx<'_>, case: &Case, new: NewSession) -> Result<Session> {
    case.ensure_open()?;
    let zone = time::parse_zone(&new.time_zone)?;
    let venue = text::optional("venue", new.venue.as_deref(), MAX_NAME)?;
    if new.scheduled_end <= new.scheduled_start {
        return Err(Error::EndBeforeStart);
    }
    match (new.kind, new.caucus_party) {
        (SessionKind::Caucus, None) => return Err(Error::CaucusNeedsParty),
        (SessionKind::Caucus, Some(_)) | (_, None) => {}
        (_, Some(_)) => return Err(Error::PartyOnlyForCaucus),
    }
    let case_parties = parties::list(tx, case.id)?;
    if let Some(party_id) = new.caucus_party {
        if !case_parties.iter().any(|p| p.id == party_id) {
            return Err(Error::PartyNotInCase {
                party: party_id.to_string(),
                case: case.local_ref.clone(),
            });
        }
    }
    let mut attendees = Vec::new();
    for a in &new.attendees {
        let name = text::required("attendee", &a.name, MAX_NAME)?;
        if let Some(p) = a.party_id {
            if !case_parties.iter().any(|cp| cp.id == p) {
                return Err(Error::PartyNotInCase {
                    party: p.to_string(),
                    case: case.local_ref.clone(),
                });
            }
        }
        attendees.push(Attendee {
            name,
            party_id: a.party_id,
        });
    }
    if attendees.is_empty() {
        attendees = default_attendees(tx, case, new.kind, new.caucus_party, &case_parties)?;
    }
    if attendees.len() > MAX_ATTENDEES {
        return Err(Error::Invalid {
            field: "attendee",
            value: format!("more than {MAX_ATTENDEES}"),
        });
    }

    let id = SessionId::new();
    tx.execute(
        "INSERT INTO sessions (id, case_id, kind, caucus_party_id, time_zone, venue, scheduled_start, scheduled_end, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![
            id,
            case.id,
            new.kind,
            new.caucus_party,
            zone.name(),
            venue,
            time::to_storage(new.scheduled_start),
            time::to_storage(new.scheduled_end),
            time::to_storage(tx.now())
        ],
    )?;
    for (position, a) in attendees.iter().enumerate() {
        tx.execute(
            "INSERT INTO session_attendees (session_id, position, name, party_id) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![id, position as i64, a.name, a.party_id],
        )?;
    }
    let session = load(tx, id)?;
    tx.record("session.create", &session)?;
    Ok(session)
}

fn default_attendees(
    conn: &Connection,
    case: &Case,
    kind: SessionKind,
    caucus_party: Option<PartyId>,
    case_parties: &[parties::Party],
) -> Result<Vec<Attendee>> {
    let mut out: Vec<Attendee> = crate::mediators::list(conn, case.id)?
        .into_iter()
        .map(|m| Attendee {
            name: m.name,
            party_id: None,
        })
        .collect();
    let present: Vec<&parties::Party> = match kind {
        SessionKind::Joint => case_parties.iter().collect(),
        SessionKind::Caucus => case_parties
            .iter()
            .filter(|p| Some(p.id) == caucus_party)
            .collect(),
        SessionKind::Preparatory | SessionKind::Internal => Vec::new(),
    };
    for party in present {
        for rep in &party.representatives {
            out.push(Attendee {
                name: rep.clone(),
                party_id: Some(party.id),
            });
        }
    }
    Ok(out)
}

pub fn load(conn: &Connection, id: SessionId) -> Result<Session> {
    let session = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM sessions WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            entity: Entity::Session,
            id: id.to_string(),
        })?;
    with_attendees(conn, session)
}

/// Finds a session by id or short id.
pub fn find(conn: &Connection, reference: &str) -> Result<Session> {
    let query = IdQuery::parse(Entity::Session, reference)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM sessions WHERE replace(id, '-', '') LIKE ?1 LIMIT 2"
    ))?;
    let found: Vec<Session> = stmt
        .query_map([query.like_pattern()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    match found.len() {
        1 => with_attendees(conn, found.into_iter().next().expect("one")),
        0 => Err(Error::NotFound {
            entity: Entity::Session,
            id: reference.trim().into(),
        }),
        _ => Err(Error::Ambiguous {
            entity: Entity::Session,
            id: reference.trim().into(),
        }),
    }
}

/// Sessions in order of scheduled start.
pub fn list(conn: &Connection, filter: &SessionFilter) -> Result<Vec<Session>> {
    // The WHERE clause is built from the filter rather than `(?1 IS NULL OR …)`, which
    // keeps SQLite from using the by-case and by-end indexes.
    let mut conditions = vec!["1"];
    if filter.case_id.is_some() {
        conditions.push("case_id = :case");
    }
    // The agenda (sessions not yet over, across cases) is a small tail of a vault's
    // history: reading it by end time, plus the few under way, beats walking every
    // session in start order, which SQLite would otherwise choose to avoid the sort
    // (benches/store.rs).
    if filter.from.is_some() {
        conditions.push(
            "id IN (SELECT id FROM sessions INDEXED BY sessions_by_end WHERE scheduled_end >= :from
                    UNION SELECT id FROM sessions INDEXED BY sessions_live
                          WHERE actual_start IS NOT NULL AND actual_end IS NULL)",
        );
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM sessions WHERE {} ORDER BY scheduled_start, id LIMIT :limit",
        conditions.join(" AND ")
    ))?;
    let limit = filter.limit.map_or(-1, |l| l as i64);
    let case = filter.case_id;
    let from = filter.from.map(time::to_storage);
    let mut params: Vec<(&str, &dyn rusqlite::ToSql)> = vec![(":limit", &limit)];
    if let Some(case) = &case {
        params.push((":case", case));
    }
    if let Some(from) = &from {
        params.push((":from", from));
    }
    let rows = stmt.query_map(params.as_slice(), from_row)?;
    all_with_attendees(conn, rows.collect::<rusqlite::Result<_>>()?)
}

/// Sessions under way now: started and not ended, whatever their schedule says.
pub fn live(conn: &Connection) -> Result<Vec<Session>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM sessions INDEXED BY sessions_live
         WHERE actual_start IS NOT NULL AND actual_end IS NULL ORDER BY actual_start, id"
    ))?;
    let sessions = stmt.query_map([], from_row)?;
    all_with_attendees(conn, sessions.collect::<rusqlite::Result<_>>()?)
}

/// Marks the session as under way at `at`.
pub fn start(tx: &Tx<'_>, id: SessionId, at: DateTime<Utc>) -> Result<Session> {
    let session = load(tx, id)?;
    cases::load(tx, session.case_id)?.ensure_open()?;
    if session.actual_start.is_some() {
        return Err(Error::SessionAlreadyStarted);
    }
    tx.execute(
        "UPDATE sessions SET actual_start = ?2 WHERE id = ?1",
        rusqlite::params![id, time::to_storage(at)],
    )?;
    let session = load(tx, id)?;
    tx.record("session.start", &session)?;
    Ok(session)
}

/// Marks the session as over at `at`.
pub fn end(tx: &Tx<'_>, id: SessionId, at: DateTime<Utc>) -> Result<Session> {
    let session = load(tx, id)?;
    let Some(started) = session.actual_start else {
        return Err(Error::SessionNotStarted);
    };
    if session.actual_end.is_some() {
        return Err(Error::SessionAlreadyEnded);
    }
    if at < started {
        return Err(Error::EndBeforeStart);
    }
    tx.execute(
        "UPDATE sessions SET actual_end = ?2 WHERE id = ?1",
        rusqlite::params![id, time::to_storage(at)],
    )?;
    let session = load(tx, id)?;
    tx.record("session.end", &session)?;
    Ok(session)
}

impl Audited for Session {
    const KIND: &'static str = "session";
    const TABLES: &'static [&'static str] = &["sessions", "session_attendees"];

    fn audit_id(&self) -> String {
        self.id.to_string()
    }
    fn audit_case(&self) -> Option<String> {
        Some(self.case_id.to_string())
    }
    fn all_live(conn: &Connection) -> Result<Vec<Self>> {
        let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM sessions"))?;
        let sessions = stmt.query_map([], from_row)?;
        all_with_attendees(conn, sessions.collect::<rusqlite::Result<_>>()?)
    }
}
