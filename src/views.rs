//! Read models: what a screen or a `show` command needs in one call.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::cases::{self, Case};
use crate::error::Result;
use crate::ids::{CaseId, SessionId};
use crate::mediators::{self, Mediator};
use crate::parties::{self, Party};
use crate::sessions::{self, Session, SessionFilter};

/// A case with everything on its page.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CaseDetail {
    pub case: Case,
    pub mediators: Vec<Mediator>,
    pub parties: Vec<Party>,
    pub sessions: Vec<Session>,
}

pub fn case_detail(conn: &Connection, case_id: CaseId) -> Result<CaseDetail> {
    Ok(CaseDetail {
        case: cases::load(conn, case_id)?,
        mediators: mediators::list(conn, case_id)?,
        parties: parties::list(conn, case_id)?,
        sessions: sessions::list(
            conn,
            &SessionFilter {
                case_id: Some(case_id),
                ..Default::default()
            },
        )?,
    })
}

/// One line of the agenda: a session with the case and caucus party it belongs to.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AgendaItem {
    pub session: Session,
    pub case_ref: String,
    pub case_title_en: Option<String>,
    pub case_title_zh: Option<String>,
    pub caucus_party: Option<Party>,
}

/// Sessions not yet over at `now`, across all cases, soonest first.
pub fn agenda(conn: &Connection, now: DateTime<Utc>, limit: usize) -> Result<Vec<AgendaItem>> {
    let upcoming = sessions::list(
        conn,
        &SessionFilter {
            case_id: None,
            from: Some(now),
            limit: Some(limit),
        },
    )?;
    upcoming
        .into_iter()
        .map(|session| {
            let case = cases::load(conn, session.case_id)?;
            let caucus_party = session
                .caucus_party_id
                .map(|p| parties::load(conn, p))
                .transpose()?;
            Ok(AgendaItem {
                session,
                case_ref: case.local_ref,
                case_title_en: case.title_en,
                case_title_zh: case.title_zh,
                caucus_party,
            })
        })
        .collect()
}

/// What the caucus guard needs: caucus and private text stays hidden unasked while a
/// joint session is under way (started and not ended, however late it started or long
/// it runs). The one place this is decided; the UI and the command line ask it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct GuardState {
    /// A joint session has started and not ended.
    pub joint_session_live: bool,
    /// Every session under way now.
    pub live_sessions: Vec<SessionId>,
}

pub fn guard_state(conn: &Connection) -> Result<GuardState> {
    let live = sessions::live(conn)?;
    Ok(GuardState {
        joint_session_live: live.iter().any(|s| s.kind == sessions::SessionKind::Joint),
        live_sessions: live.into_iter().map(|s| s.id).collect(),
    })
}
