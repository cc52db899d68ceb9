//! How cases, parties and sessions are printed (by `case`, `party` and `session`): JSON
//! for scripts, fields and tables for people.

use accord::cases::Case;
use accord::parties::Party;
use accord::sessions::Session;
use accord::time;
use accord::Result;

use super::output::Out;

pub fn print_case(out: &Out, case: &Case) -> Result<()> {
    if out.json {
        out.print_json(case);
    } else {
        case_fields(out, case, Vec::new());
    }
    Ok(())
}

pub fn case_fields(out: &Out, case: &Case, extra: Vec<(&str, String)>) {
    let mut rows = vec![
        ("label-reference", case.local_ref.clone()),
        (
            "label-official-no",
            case.official_no.clone().unwrap_or_else(|| "—".into()),
        ),
        (
            "label-title-en",
            case.title_en.clone().unwrap_or_else(|| "—".into()),
        ),
        (
            "label-title-zh",
            case.title_zh.clone().unwrap_or_else(|| "—".into()),
        ),
        ("label-kind", out.term("kind", case.kind.as_str())),
        ("label-panel", out.term("panel", case.panel.as_str())),
        ("label-status", out.term("status", case.status.as_str())),
        (
            "label-confidentiality",
            out.term("confidentiality", case.confidentiality.as_str()),
        ),
        ("label-id", case.id.to_string()),
    ];
    rows.extend(extra);
    out.fields(&rows);
}

pub fn print_parties(out: &Out, parties: &[Party]) {
    let mut table = out.table(&[
        "col-id",
        "col-name-en",
        "col-name-zh",
        "col-kind",
        "col-role",
        "col-representatives",
    ]);
    for p in parties {
        table.add_row(vec![
            p.id.short(),
            p.name_en.clone().unwrap_or_default(),
            p.name_zh.clone().unwrap_or_default(),
            out.term("party-kind", p.kind.as_str()),
            out.term("role", p.role.as_str()),
            p.representatives.join("\n"),
        ]);
    }
    println!("{table}");
}

pub fn print_party(out: &Out, party: &Party) {
    if out.json {
        out.print_json(party);
    } else {
        print_parties(out, std::slice::from_ref(party));
    }
}

pub fn print_sessions(out: &Out, sessions: &[Session], parties: &[Party]) {
    let mut table = out.table(&[
        "col-id",
        "col-session",
        "col-venue-time",
        "col-local-time",
        "col-venue",
        "col-state",
    ]);
    for s in sessions {
        let zone = time::parse_zone(&s.time_zone).unwrap_or(chrono_tz::UTC);
        let mut kind = out.term("session-kind", s.kind.as_str());
        if let Some(party) = s
            .caucus_party_id
            .and_then(|id| parties.iter().find(|p| p.id == id))
        {
            kind = format!("{kind} · {}", party.name());
        }
        let state = match (s.actual_start, s.actual_end) {
            (None, _) => out.text("session-state-scheduled"),
            (Some(_), None) => out.text("session-state-live"),
            (Some(_), Some(_)) => out.text("session-state-ended"),
        };
        table.add_row(vec![
            s.id.short(),
            kind,
            format!(
                "{} – {}",
                time::show_in(s.scheduled_start, zone),
                s.scheduled_end.with_timezone(&zone).format("%H:%M")
            ),
            time::show_local(s.scheduled_start),
            s.venue.clone().unwrap_or_default(),
            state,
        ]);
    }
    println!("{table}");
}

pub fn print_session(out: &Out, session: &Session) -> Result<()> {
    if out.json {
        out.print_json(session);
        return Ok(());
    }
    let zone = time::parse_zone(&session.time_zone)?;
    let both = |t: chrono::DateTime<chrono::Utc>| {
        format!("{}  ({})", time::show_in(t, zone), time::show_local(t))
    };
    let opt = |t: Option<chrono::DateTime<chrono::Utc>>| t.map(both).unwrap_or_else(|| "—".into());
    out.fields(&[
        ("label-id", session.id.to_string()),
        (
            "label-session-kind",
            out.term("session-kind", session.kind.as_str()),
        ),
        ("label-time-zone", session.time_zone.clone()),
        (
            "label-venue",
            session.venue.clone().unwrap_or_else(|| "—".into()),
        ),
        ("label-scheduled-start", both(session.scheduled_start)),
        ("label-scheduled-end", both(session.scheduled_end)),
        ("label-actual-start", opt(session.actual_start)),
        ("label-actual-end", opt(session.actual_end)),
        (
            "label-attendees",
            session
                .attendees
                .iter()
                .map(|a| a.name.clone())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ]);
    Ok(())
}
