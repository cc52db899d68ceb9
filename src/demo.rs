//! A realistic bilingual sample case, so a newcomer sees Accord with something in it.
//!
//! Everything here is invented for this project: the port, the parties and the people.

use chrono::Duration;

use serde::Serialize;

use crate::agreements::clauses::{
    self as agreement_clauses, ClauseKind, ClauseText, Place, PositionStatus,
};
use crate::agreements::{self, versions, LanguageRegime, NewAgreement};
use crate::cases::{self, Case, CaseKind, CaseStatus, CaseUpdate, NewCase};
use crate::confidentiality::{self, ConfidentialityRegime, DisclosureDraft, DisclosureScope};
use crate::error::Result;
use crate::notes::{self, ChineseScript, Note, NoteDraft, NoteTag, Side, Visibility};
use crate::parties::{self, NewParty, Party, PartyKind, PartyRole};
use crate::sessions::{self, NewSession, Session, SessionKind};
use crate::store::Tx;
use crate::time;

/// What `accord demo` made (not exported to the UI, which has no demo command; the
/// derive lets the `--json` help list its fields).
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct Sample {
    pub case: Case,
    pub parties: Vec<Party>,
    pub sessions: Vec<Session>,
    pub notes: Vec<Note>,
}

const VENUE_ZONE: &str = "Asia/Hong_Kong";
const VENUE: &str = "IOMed Headquarters, Wan Chai, Hong Kong / 國際調解院總部（香港灣仔）";

/// Creates the sample: an investor-state dispute over a port concession, two parties,
/// a joint session tomorrow morning (Hong Kong time) and a caucus with each party after it.
pub fn create(tx: &Tx<'_>) -> Result<Sample> {
    let case = cases::create(
        tx,
        NewCase {
            kind: Some(CaseKind::InvestorState),
            panel: None,
            confidentiality: Some(ConfidentialityRegime::Icsid),
            title_en: Some("Lantau Bay Container Terminal Concession".into()),
            title_zh: Some("大屿湾集装箱码头特许经营权争议".into()),
            official_no: None,
            lead_mediator: tx.stamp().actor.clone(),
            co_mediators: vec!["Dr. Amina Wanjiru / 阿米娜·万吉鲁博士".into()],
        },
    )?;
    let case = cases::update(
        tx,
        case.id,
        CaseUpdate {
            status: Some(CaseStatus::Active),
            ..Default::default()
        },
    )?;

    let investor = parties::create(
        tx,
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
    let local_now = tx.now().with_timezone(&zone);
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
    let notes = sample_notes(tx, &case, &investor, &made[0])?;
    sample_agreement(tx, &case, &investor, &state)?;
    Ok(Sample {
        case,
        parties: vec![investor, state],
        sessions: made,
        notes,
    })
}

/// Three notes showing what notes hold: the mediator's own preparation, the agenda for
/// the joint session with its checked translation, and what the investor said in an
/// intake call, in confidence, with a summary it agreed may be passed on.
fn sample_notes(tx: &Tx<'_>, case: &Case, investor: &Party, joint: &Session) -> Result<Vec<Note>> {
    let preparation = notes::create(
        tx,
        case.id,
        NoteDraft {
            visibility: Some(Visibility::Private),
            tags: vec![NoteTag::Issue, NoteTag::Interest],
            text_en:
                "Preparation\n\n- **Issue:** whether the berth-fee cap breaches the concession.\n\
                      - **Interest (investor):** predictable revenue to service its loans.\n\
                      - **Interest (Valdoria):** affordable port fees for exporters."
                    .into(),
            text_zh: "准备要点\n\n- **争点**：泊位费上限是否违反特许经营协议。\n\
                      - **利益（投资者）**：稳定收入以偿还贷款。\n\
                      - **利益（瓦尔多利亚）**：出口商可负担的港口费用。"
                .into(),
            zh_script: Some(ChineseScript::Simplified),
            ..Default::default()
        },
    )?;
    let agenda = notes::create(
        tx,
        case.id,
        NoteDraft {
            session_id: Some(joint.id),
            tags: vec![NoteTag::Fact],
            text_en: "Agenda agreed for the joint session:\n\n1. Confidentiality undertaking\n\
                      2. The berth-fee cap\n3. Options for a phased settlement agreement"
                .into(),
            text_zh: "聯席會議議程：\n\n1. 保密承諾\n2. 泊位費上限\n3. 分階段和解協議的方案".into(),
            zh_script: Some(ChineseScript::Traditional),
            translated: Some(Side::Zh),
            checked_by: Some("Dr. Amina Wanjiru".into()),
            ..Default::default()
        },
    )?;
    let intake = notes::create(
        tx,
        case.id,
        NoteDraft {
            visibility: Some(Visibility::Caucus),
            party_id: Some(investor.id),
            tags: vec![NoteTag::Proposal],
            text_en:
                "Intake call with Margaret Lau: the investor could accept a *lower* cap if the \
                      concession is extended by five years."
                    .into(),
            text_zh: "与刘玛嘉通话：如特许期延长五年，投资者可接受较低的上限。".into(),
            zh_script: Some(ChineseScript::Simplified),
            ..Default::default()
        },
    )?;
    confidentiality::record(
        tx,
        intake.id,
        DisclosureDraft {
            scope: Some(DisclosureScope::Summary),
            given_by: "Margaret Lau".into(),
            given_at: Some(tx.now()),
            summary_en: Some(
                "The investor is open to discussing the cap together with the term.".into(),
            ),
            summary_zh: Some("投资者愿意将上限与期限一并讨论。".into()),
        },
    )?;
    let intake = notes::load(tx, intake.id)?;
    Ok(vec![preparation, agenda, intake])
}

/// A first draft of the settlement: four clauses, one with a sub-clause and one referring
/// to another, each party's position on the payment terms, and the version both saw.
fn sample_agreement(tx: &Tx<'_>, case: &Case, investor: &Party, state: &Party) -> Result<()> {
    let agreement = agreements::create(
        tx,
        case.id,
        NewAgreement {
            title_en: Some("Settlement Agreement".into()),
            title_zh: Some("和解协议".into()),
            zh_script: Some(ChineseScript::Simplified),
            language_regime: Some(LanguageRegime::Equal),
        },
    )?;
    let words = |heading_en: &str, heading_zh: &str, text_en: &str, text_zh: &str| ClauseText {
        heading_en: heading_en.into(),
        heading_zh: heading_zh.into(),
        text_en: text_en.into(),
        text_zh: text_zh.into(),
        missing_reason: None,
        kind: None,
    };
    let parties_clause = agreement_clauses::add(
        tx,
        agreement.id,
        words(
            "Parties",
            "当事方",
            "This Agreement is made between Harbourline Terminals Holdings Ltd. (the Investor) \
             and the Republic of Valdoria (the State).",
            "本协议由港航码头控股有限公司（“投资者”）与瓦尔多利亚共和国（“国家”）订立。",
        ),
        Place::End,
    )?;
    let payment = agreement_clauses::add(
        tx,
        agreement.id,
        words(
            "Payment",
            "付款",
            "The State shall pay the Investor USD 12,500,000 in full and final settlement.",
            "国家须向投资者支付12,500,000美元，作为全部及最终和解。",
        ),
        Place::End,
    )?;
    agreement_clauses::add(
        tx,
        agreement.id,
        words(
            "Schedule",
            "付款时间表",
            "USD 6,250,000 on or before 1 March 2027 and USD 6,250,000 on or before 1 September 2027.",
            "于2027年3月1日或之前支付6,250,000美元，并于2027年9月1日或之前支付6,250,000美元。",
        ),
        Place::Under(payment.id),
    )?;
    agreement_clauses::add(
        tx,
        agreement.id,
        words(
            "Confidentiality",
            "保密",
            "The terms of this Agreement are confidential, save as needed to carry out {{2}}.",
            "本协议条款保密，但为履行{{2}}所需者除外。",
        ),
        Place::End,
    )?;
    agreement_clauses::add(
        tx,
        agreement.id,
        ClauseText {
            kind: Some(ClauseKind::Language),
            ..words(
                "Language",
                "语言",
                "This Agreement is made in English and Chinese; both texts are equally authentic.",
                "本协议以英文及中文订立，两种文本具有同等效力。",
            )
        },
        Place::End,
    )?;
    agreement_clauses::set_position(
        tx,
        parties_clause.id,
        investor.id,
        PositionStatus::Accepted,
        "",
    )?;
    agreement_clauses::set_position(
        tx,
        payment.id,
        investor.id,
        PositionStatus::Proposed,
        "Proposed at the joint session.",
    )?;
    agreement_clauses::set_position(
        tx,
        payment.id,
        state.id,
        PositionStatus::Open,
        "Needs the Ministry of Finance's approval of the second instalment.",
    )?;
    versions::save(tx, agreement.id, "First draft shared with both parties")?;
    Ok(())
}
