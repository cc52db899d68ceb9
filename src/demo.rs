//! A realistic bilingual sample case, so a newcomer sees Accord with something in it.
//!
//! Everything here is invented for this project: the port, the parties and the people.

use chrono::Duration;
use rusqlite::Transaction;
use serde::Serialize;

use crate::audit::Stamp;
use crate::cases::{self, Case, CaseKind, CaseStatus, CaseUpdate, NewCase};
use crate::confidentiality::ConfidentialityRegime;
use crate::error::Result;
use crate::parties::{self, NewParty, Party, PartyKind, PartyRole};
use crate::sessions::{self, NewSession, Session, SessionKind};
use crate::time;

#[derive(Debug, Serialize)]
pub struct Sample {
    pub case: Case,
    pub parties: Vec<Party>,
    pub sessions: Vec<Session>,
}

const VENUE_ZONE: &str = "Asia/Hong_Kong";
const VENUE: &str = "IOMed Headquarters, Wan Chai, Hong Kong / 國際調解院總部（香港灣仔）";

/// Creates the sample: an investor-state dispute over a port concession, two parties,
/// a joint session tomorrow morning (Hong Kong time) and a caucus with each party after it.
pub fn create(tx: &Transaction<'_>, stamp: &Stamp) -> Result<Sample> {
    let case = cases::create(
        tx,
        stamp,
        NewCase {
            kind: Some(CaseKind::InvestorState),
            panel: None,
            confidentiality: Some(ConfidentialityRegime::Icsid),
            title_en: Some("Lantau Bay Container Terminal Concession".into()),
            title_zh: Some("大屿湾集装箱码头特许经营权争议".into()),
            official_no: None,
            lead_mediator: stamp.actor.clone(),
            co_mediators: vec!["Dr. Amina Wanjiru / 阿米娜·万吉鲁博士".into()],
        },
    )?;
    let case = cases::update(
        tx,
        stamp,
        case.id,
        CaseUpdate {
            status: Some(CaseStatus::Active),
            ..Default::default()
        },
    )?;

    let investor = parties::create(
        tx,
        stamp,
        &case,
        NewParty {
            kind: Some(PartyKind::Company),
            role: Some(PartyRole::Requesting),
            name_en: Some("Harbourline Terminals Holdings Ltd.".into()),
            name_zh: Some("港航码头控股有限公司".into()),
            representatives: vec![
                "Margaret Lau (General Counsel)".into(),
                "陈志明 (Chief Operating Officer)".into(),
            ],
        },
    )?;
    let state = parties::create(
        tx,
        stamp,
        &case,
        NewParty {
            kind: Some(PartyKind::State),
            role: Some(PartyRole::Responding),
            name_en: Some("Republic of Valdoria".into()),
            name_zh: Some("瓦尔多利亚共和国".into()),
            representatives: vec![
                "H.E. Tomas Arvelo (Deputy Attorney General)".into(),
                "Ines Marquez (Ministry of Transport)".into(),
            ],
        },
    )?;

    let zone = time::parse_zone(VENUE_ZONE)?;
    let local_now = stamp.at.with_timezone(&zone);
    let tomorrow = local_now.date_naive() + Duration::days(1);
    let at = |hour: u32, minute: u32| {
        let wall = tomorrow
            .and_hms_opt(hour, minute, 0)
            .expect("valid wall-clock time");
        time::parse_time("start", &wall.format("%Y-%m-%d %H:%M").to_string(), zone)
    };
    let plan = [
        (SessionKind::Joint, None, at(9, 30)?, Duration::minutes(150)),
        (
            SessionKind::Caucus,
            Some(investor.id),
            at(13, 30)?,
            Duration::minutes(60),
        ),
        (
            SessionKind::Caucus,
            Some(state.id),
            at(14, 45)?,
            Duration::minutes(60),
        ),
    ];
    let mut made = Vec::new();
    for (kind, caucus_party, start, length) in plan {
        made.push(sessions::create(
            tx,
            stamp,
            &case,
            NewSession {
                kind,
                caucus_party,
                time_zone: VENUE_ZONE.into(),
                venue: Some(VENUE.into()),
                scheduled_start: start,
                scheduled_end: start + length,
                attendees: Vec::new(),
            },
        )?);
    }
    Ok(Sample {
        case,
        parties: vec![investor, state],
        sessions: made,
    })
}
