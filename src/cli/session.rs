//! `accord session …`: schedule sessions, list them (a case's, or the agenda), mark them
//! under way and over, and whether the caucus guard is on.

use accord::cases::{self, Case};
use accord::parties::{self, Party};
use accord::sessions::{self, NewSession, Session, SessionDraft, SessionFilter};
use accord::store::Db;
use accord::vault::Access;
use accord::{time, views, Error, Result};
use clap::{Args, Subcommand};

use super::show::{print_session, print_sessions};
use super::Context;

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Schedule a session.
    New(SessionNewArgs),
    /// List sessions, of one case or (the agenda) of all.
    List {
        #[arg(long)]
        case: Option<String>,
        /// Only sessions not yet over.
        #[arg(long)]
        upcoming: bool,
    },
    /// Show a session.
    Show { session: String },
    /// Sessions under way now, and whether the caucus guard is on (a joint session live).
    Live,
    /// Mark a session as under way (now, or --at).
    Start {
        session: String,
        #[arg(long)]
        at: Option<String>,
    },
    /// Mark a session as over (now, or --at).
    End {
        session: String,
        #[arg(long)]
        at: Option<String>,
    },
}

impl SessionCommand {
    pub fn access(&self) -> Access {
        match self {
            SessionCommand::New(_) | SessionCommand::Start { .. } | SessionCommand::End { .. } => {
                Access::Write
            }
            _ => Access::Read,
        }
    }
}

#[derive(Debug, Args)]
pub struct SessionNewArgs {
    #[arg(long)]
    pub case: String,
    /// joint, caucus, preparatory or internal.
    #[arg(long)]
    pub kind: String,
    /// The party a caucus is held with.
    #[arg(long)]
    pub party: Option<String>,
    /// Start, as wall-clock time at the venue (`2026-12-03 10:00`) or RFC 3339.
    #[arg(long)]
    pub start: String,
    /// End: `12:30` on the same day, a full time, or use --duration.
    #[arg(long, conflicts_with = "duration")]
    pub end: Option<String>,
    /// Length, e.g. `90m` or `1h30m` (default 1h).
    #[arg(long)]
    pub duration: Option<String>,
    /// The venue's IANA time zone, e.g. Asia/Hong_Kong.
    #[arg(long = "tz", value_name = "ZONE")]
    pub time_zone: String,
    #[arg(long)]
    pub venue: Option<String>,
    /// Who attends (repeatable; default: mediators and the representatives present).
    #[arg(long = "attendee", value_name = "NAME")]
    pub attendees: Vec<String>,
}

pub fn run(ctx: &mut Context<'_>, command: &SessionCommand) -> Result<()> {
    match command {
        SessionCommand::New(a) => new(ctx, a),
        SessionCommand::List { case, upcoming } => list(ctx, case.as_deref(), *upcoming),
        SessionCommand::Show { session } => {
            let session = sessions::find(ctx.read()?, session)?;
            print_session(ctx.out, &session)
        }
        SessionCommand::Live => live(ctx),
        SessionCommand::Start { session, at } => mark(ctx, session, at, true),
        SessionCommand::End { session, at } => mark(ctx, session, at, false),
    }
}

fn new(ctx: &mut Context<'_>, a: &SessionNewArgs) -> Result<()> {
    let conn = ctx.read()?;
    let case = cases::find(conn, &a.case)?;
    let new = new_session(conn, &case, a)?;
    let session = ctx.change(|tx| sessions::create(tx, &case, new))?;
    print_session(ctx.out, &session)
}

fn list(ctx: &Context<'_>, case: Option<&str>, upcoming: bool) -> Result<()> {
    let conn = ctx.read()?;
    let case_id = case
        .map(|c| cases::find(conn, c))
        .transpose()?
        .map(|c| c.id);
    let from = upcoming.then(|| ctx.now());
    let list = sessions::list(
        conn,
        &SessionFilter {
            case_id,
            from,
            limit: None,
        },
    )?;
    if ctx.out.json {
        ctx.out.print_json(&list);
        return Ok(());
    }
    print_sessions(ctx.out, &list, &caucus_parties(conn, &list)?);
    Ok(())
}

/// The desktop's guard_state, and the sessions under way.
fn live(ctx: &Context<'_>) -> Result<()> {
    let out = ctx.out;
    let conn = ctx.read()?;
    let guard = views::guard_state(conn)?;
    if out.json {
        out.print_json(&guard);
        return Ok(());
    }
    let message = if guard.joint_session_live {
        "guard-on"
    } else {
        "guard-off"
    };
    println!("{}", out.text(message));
    let live = sessions::live(conn)?;
    if !live.is_empty() {
        print_sessions(out, &live, &caucus_parties(conn, &live)?);
    }
    Ok(())
}

fn mark(ctx: &mut Context<'_>, session: &str, at: &Option<String>, starting: bool) -> Result<()> {
    let found = sessions::find(ctx.read()?, session)?;
    let zone = time::parse_zone(&found.time_zone)?;
    // A bare `--at 12:15` means that time on the session's own day.
    let day = found.actual_start.unwrap_or(found.scheduled_start);
    let at = match at {
        Some(text) => time::parse_time_on_day("at", text, zone, day)?,
        None => ctx.now(),
    };
    let session = ctx.change(|tx| {
        if starting {
            sessions::start(tx, found.id, at)
        } else {
            sessions::end(tx, found.id, at)
        }
    })?;
    print_session(ctx.out, &session)
}

/// The parties the caucuses among `sessions` are held with, for the table.
fn caucus_parties(conn: &Db, sessions: &[Session]) -> Result<Vec<Party>> {
    sessions
        .iter()
        .filter_map(|s| s.caucus_party_id)
        .map(|p| parties::load(conn, p))
        .collect()
}

fn new_session(conn: &Db, case: &Case, a: &SessionNewArgs) -> Result<NewSession> {
    let caucus_party = match &a.party {
        Some(p) => Some(parties::find(conn, Some(case.id), p).map_err(|e| match e {
            Error::NotFound { .. } => Error::PartyNotInCase {
                party: p.clone(),
                case: case.local_ref.clone(),
            },
            other => other,
        })?),
        None => None,
    };
    SessionDraft {
        kind: Some(a.kind.parse()?),
        caucus_party: caucus_party.map(|p| p.id),
        time_zone: a.time_zone.clone(),
        venue: a.venue.clone(),
        start: a.start.clone(),
        end: a.end.clone(),
        duration: a.duration.clone(),
        attendees: a.attendees.clone(),
    }
    .parse()
}
