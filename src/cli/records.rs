//! `accord case | party | session | audit | demo`: thin calls into the core; printing is in `show`.

use accord::audit;
use accord::cases::{self, Case, CaseFilter, CaseUpdate, NewCase};
use accord::parties::{self, NewParty, PartyUpdate};
use accord::sessions::{self, NewSession, SessionDraft, SessionFilter};
use accord::store::Db;
use accord::time;
use accord::vault::Access;
use accord::{demo, Result};
use serde_json::json;

use super::args::{AuditCommand, CaseCommand, PartyCommand, SessionCommand, SessionNewArgs};
use super::show::{
    case_fields, print_case, print_parties, print_party, print_session, print_sessions,
};
use super::Context;

pub(super) fn parse_opt<T: std::str::FromStr<Err = accord::Error>>(
    value: &Option<String>,
) -> Result<Option<T>> {
    value.as_deref().map(str::parse).transpose()
}

pub fn case(ctx: &Context<'_>, command: &CaseCommand) -> Result<()> {
    let out = ctx.out;
    match command {
        CaseCommand::New(a) => {
            let mut vault = ctx.open(Access::Write)?;
            let new = NewCase {
                kind: Some(a.kind.parse()?),
                panel: parse_opt(&a.panel)?,
                confidentiality: parse_opt(&a.confidentiality)?,
                title_en: a.title_en.clone(),
                title_zh: a.title_zh.clone(),
                official_no: a.official_no.clone(),
                lead_mediator: vault.mediator()?,
                co_mediators: a.co_mediators.clone(),
            };
            let case = vault.change(ctx.now(), |tx| cases::create(tx, new))?;
            print_case(out, &case)
        }
        CaseCommand::List(a) => {
            let vault = ctx.open(Access::Read)?;
            let filter = CaseFilter {
                status: parse_opt(&a.status)?,
                kind: parse_opt(&a.kind)?,
                text: a.filter.clone(),
            };
            let list = cases::list(vault.read(), &filter)?;
            if out.json {
                out.print_json(&list);
            } else {
                let mut table = out.table(&[
                    "col-reference",
                    "col-title",
                    "col-kind",
                    "col-status",
                    "col-official-no",
                ]);
                for c in &list {
                    table.add_row(vec![
                        c.local_ref.clone(),
                        c.title(),
                        out.term("kind", c.kind.as_str()),
                        out.term("status", c.status.as_str()),
                        c.official_no.clone().unwrap_or_default(),
                    ]);
                }
                println!("{table}");
            }
            Ok(())
        }
        CaseCommand::Show { case } => {
            let vault = ctx.open(Access::Read)?;
            let conn = vault.read();
            let case = cases::find(conn, case)?;
            let mediators = accord::mediators::list(conn, case.id)?;
            let parties = parties::list(conn, case.id)?;
            let sessions = sessions::list(
                conn,
                &SessionFilter {
                    case_id: Some(case.id),
                    ..Default::default()
                },
            )?;
            if out.json {
                let mut value = serde_json::to_value(&case).expect("serializes");
                value["mediators"] = json!(mediators);
                value["parties"] = json!(parties);
                value["sessions"] = json!(sessions);
                out.print_json(&value);
                return Ok(());
            }
            let names: Vec<String> = mediators
                .iter()
                .map(|m| {
                    format!(
                        "{} ({})",
                        m.name,
                        out.term("mediator-role", m.role.as_str())
                    )
                })
                .collect();
            case_fields(out, &case, vec![("label-mediators", names.join(", "))]);
            println!();
            print_parties(out, &parties);
            println!();
            print_sessions(out, &sessions, &parties);
            Ok(())
        }
        CaseCommand::Update(a) => {
            let mut vault = ctx.open(Access::Write)?;
            let found = cases::find(vault.read(), &a.case)?;
            let change = CaseUpdate {
                title_en: a.title_en.clone(),
                title_zh: a.title_zh.clone(),
                official_no: a.official_no.clone(),
                kind: parse_opt(&a.kind)?,
                panel: parse_opt(&a.panel)?,
                status: parse_opt(&a.status)?,
                confidentiality: parse_opt(&a.confidentiality)?,
                add_co_mediators: a.add_co_mediators.clone(),
                remove_co_mediators: a.remove_co_mediators.clone(),
            };
            let case = vault.change(ctx.now(), |tx| cases::update(tx, found.id, change))?;
            print_case(out, &case)
        }
        CaseCommand::Close { case, outcome } => {
            let mut vault = ctx.open(Access::Write)?;
            let found = cases::find(vault.read(), case)?;
            let outcome = outcome.parse()?;
            let case = vault.change(ctx.now(), |tx| cases::close(tx, found.id, outcome))?;
            print_case(out, &case)
        }
    }
}

pub fn party(ctx: &Context<'_>, command: &PartyCommand) -> Result<()> {
    let out = ctx.out;
    match command {
        PartyCommand::Add(a) => {
            let mut vault = ctx.open(Access::Write)?;
            let case = cases::find(vault.read(), &a.case)?;
            let new = NewParty {
                kind: Some(a.kind.parse()?),
                role: Some(a.role.parse()?),
                name_en: a.name_en.clone(),
                name_zh: a.name_zh.clone(),
                representatives: a.representatives.clone(),
            };
            let party = vault.change(ctx.now(), |tx| parties::create(tx, &case, new))?;
            print_party(out, &party);
        }
        PartyCommand::List { case } => {
            let vault = ctx.open(Access::Read)?;
            let case = cases::find(vault.read(), case)?;
            let list = parties::list(vault.read(), case.id)?;
            if out.json {
                out.print_json(&list);
            } else {
                print_parties(out, &list);
            }
        }
        PartyCommand::Update(a) => {
            let mut vault = ctx.open(Access::Write)?;
            let found = parties::find(vault.read(), None, &a.party)?;
            let change = PartyUpdate {
                kind: parse_opt(&a.kind)?,
                role: parse_opt(&a.role)?,
                name_en: a.name_en.clone(),
                name_zh: a.name_zh.clone(),
                add_representatives: a.add_representatives.clone(),
                remove_representatives: a.remove_representatives.clone(),
            };
            let party = vault.change(ctx.now(), |tx| parties::update(tx, found.id, change))?;
            print_party(out, &party);
        }
    }
    Ok(())
}

pub fn session(ctx: &Context<'_>, command: &SessionCommand) -> Result<()> {
    let out = ctx.out;
    match command {
        SessionCommand::New(a) => {
            let mut vault = ctx.open(Access::Write)?;
            let conn = vault.read();
            let case = cases::find(conn, &a.case)?;
            let new = new_session(conn, &case, a)?;
            let session = vault.change(ctx.now(), |tx| sessions::create(tx, &case, new))?;
            print_session(ctx, &session)
        }
        SessionCommand::List { case, upcoming } => {
            let vault = ctx.open(Access::Read)?;
            let conn = vault.read();
            let case_id = case
                .as_deref()
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
            if out.json {
                out.print_json(&list);
            } else {
                let mut parties_seen = Vec::new();
                for s in &list {
                    if let Some(p) = s.caucus_party_id {
                        parties_seen.push(parties::load(conn, p)?);
                    }
                }
                print_sessions(out, &list, &parties_seen);
            }
            Ok(())
        }
        SessionCommand::Show { session } => {
            let vault = ctx.open(Access::Read)?;
            let session = sessions::find(vault.read(), session)?;
            print_session(ctx, &session)
        }
        SessionCommand::Live => {
            let vault = ctx.open(Access::Read)?;
            let conn = vault.read();
            let guard = accord::views::guard_state(conn)?;
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
                let mut parties_seen = Vec::new();
                for s in &live {
                    if let Some(p) = s.caucus_party_id {
                        parties_seen.push(parties::load(conn, p)?);
                    }
                }
                print_sessions(out, &live, &parties_seen);
            }
            Ok(())
        }
        SessionCommand::Start { session, at } | SessionCommand::End { session, at } => {
            let mut vault = ctx.open(Access::Write)?;
            let found = sessions::find(vault.read(), session)?;
            let zone = time::parse_zone(&found.time_zone)?;
            // A bare `--at 12:15` means that time on the session's own day.
            let day = found.actual_start.unwrap_or(found.scheduled_start);
            let at = match at {
                Some(text) => time::parse_time_on_day("at", text, zone, day)?,
                None => ctx.now(),
            };
            let starting = matches!(command, SessionCommand::Start { .. });
            let session = vault.change(ctx.now(), |tx| {
                if starting {
                    sessions::start(tx, found.id, at)
                } else {
                    sessions::end(tx, found.id, at)
                }
            })?;
            print_session(ctx, &session)
        }
    }
}

fn new_session(conn: &Db, case: &Case, a: &SessionNewArgs) -> Result<NewSession> {
    let caucus_party = match &a.party {
        Some(p) => Some(parties::find(conn, Some(case.id), p).map_err(|e| match e {
            accord::Error::NotFound { .. } => accord::Error::PartyNotInCase {
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

pub fn audit(ctx: &Context<'_>, command: &AuditCommand) -> Result<()> {
    let out = ctx.out;
    let vault = ctx.open(Access::Read)?;
    let conn = vault.read();
    match command {
        AuditCommand::Verify => {
            let report = vault.verify()?.into_result()?;
            if out.json {
                out.print_json(&report);
            } else {
                let args = [
                    ("events", report.events.to_string()),
                    ("records", report.records.to_string()),
                ];
                println!("{}", out.text_with("audit-verified", &args));
            }
        }
        AuditCommand::Log { case } => {
            let case_id = case
                .as_deref()
                .map(|c| cases::find(conn, c))
                .transpose()?
                .map(|c| c.id);
            let events = audit::list(conn, case_id)?;
            if out.json {
                out.print_json(&events);
            } else {
                let mut table = out.table(&[
                    "col-seq",
                    "col-time",
                    "col-actor",
                    "col-action",
                    "col-record",
                    "col-hash",
                ]);
                for e in &events {
                    table.add_row(vec![
                        e.seq.to_string(),
                        e.at.clone(),
                        e.actor.clone(),
                        e.action.clone(),
                        format!(
                            "{} {}",
                            e.entity_type,
                            &e.entity_id[e.entity_id.len().saturating_sub(8)..]
                        ),
                        e.hash[..12].to_string(),
                    ]);
                }
                println!("{table}");
            }
        }
    }
    Ok(())
}

pub fn demo(ctx: &Context<'_>) -> Result<()> {
    let out = ctx.out;
    let mut vault = ctx.open(Access::Write)?;
    let sample = vault.change(ctx.now(), demo::create)?;
    if out.json {
        out.print_json(&sample);
    } else {
        println!(
            "{}",
            out.text_with(
                "demo-created",
                &[("reference", sample.case.local_ref.clone())]
            )
        );
    }
    Ok(())
}
