//! The consent rule as a property: random sequences of saves, visibility and party
//! changes, restores, regime changes and disclosures, and after every step no note
//! confided by A is shared or visible as B unless A's `all` covers its current text (or
//! the regime it was confided under is open by default and A said nothing).

use rusqlite::Connection;

use super::*;
use crate::audit::Stamp;
use crate::cases::{CaseKind, CaseUpdate, NewCase};
use crate::confidentiality::{DisclosureDraft, DisclosureScope};
use crate::parties::{NewParty, PartyKind, PartyRole};
use crate::search::{self, SearchQuery};
use crate::store::Tx;

fn stamp(step: u32) -> Stamp {
    Stamp {
        at: chrono::DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z")
            .unwrap()
            .to_utc()
            + chrono::Duration::seconds(step as i64),
        actor: "Test Mediator".into(),
    }
}

/// Checks the rule from the tables themselves, not through the code under test.
fn assert_consent_holds(
    conn: &Connection,
    note_id: NoteId,
    a: PartyId,
    b: PartyId,
    case: CaseId,
    step: u32,
) {
    let note = load(conn, note_id).unwrap();
    let Some(confider) = note.confided_by else {
        return;
    };
    let exposed_to_other = |party: PartyId| {
        note.visibility == Visibility::Shared
            || (note.visibility == Visibility::Caucus && note.party_id == Some(party))
    };
    let other = if confider == a { b } else { a };
    if !exposed_to_other(other) {
        return;
    }
    let latest: Option<(String, Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT scope, text_en_digest, text_zh_digest FROM caucus_disclosures
             WHERE note_id = ?1 ORDER BY recorded_at DESC, rowid DESC LIMIT 1",
            [note_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .unwrap();
    let key = digest::key(conn).unwrap();
    // Open by default (UNCITRAL): only a party's `summary` or `none` closes it.
    let open_regime = note.caucus_regime == Some(ConfidentialityRegime::Uncitral);
    let authorised = match latest {
        Some((scope, en, zh)) if scope == "all" => {
            let covers = en.as_deref() == Some(digest::keyed(&key, &note.text_en).as_str())
                && zh.as_deref() == Some(digest::keyed(&key, &note.text_zh).as_str());
            covers || open_regime
        }
        Some(_) => false,
        None => open_regime,
    };
    assert!(
        authorised,
        "step {step}: a confidence of {confider} is visible to {other} without its word: {note:?}"
    );
    // And search "as seen by" the other party agrees with the rows.
    let found = search::search(
        conn,
        &SearchQuery {
            text: "board".into(),
            case_id: Some(case),
            as_party: Some(other),
            ..Default::default()
        },
        chrono_tz::Asia::Hong_Kong,
    )
    .unwrap();
    if found.hits.iter().any(|h| h.note_id == note_id) {
        assert!(authorised, "step {step}: search as {other} found it");
    }
}

#[test]
fn no_sequence_of_changes_shows_a_confidence_without_its_partys_word() {
    const TEXTS: &[&str] = &["board accepts 45m", "board accepts 40m", "board wants time"];
    const REGIMES: &[ConfidentialityRegime] = &[
        ConfidentialityRegime::HongKong,
        ConfidentialityRegime::Icsid,
        ConfidentialityRegime::Uncitral,
    ];
    for seed in 0..40u64 {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut conn = Connection::open_in_memory().unwrap();
        crate::schema::migrate(&mut conn).unwrap();
        crate::search::rank::register(&conn).unwrap();
        let tx = conn.transaction().unwrap();
        let case = cases::create(
            &Tx::new(&tx, &stamp(0)),
            NewCase {
                kind: Some(CaseKind::Commercial),
                confidentiality: Some(REGIMES[rng.usize(..REGIMES.len())]),
                title_en: Some("Consent".into()),
                lead_mediator: "Test Mediator".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let party = |name: &str| {
            parties::create(
                &Tx::new(&tx, &stamp(0)),
                &case,
                NewParty {
                    kind: Some(PartyKind::Company),
                    role: Some(PartyRole::Other),
                    name_en: Some(name.into()),
                    ..Default::default()
                },
            )
            .unwrap()
            .id
        };
        let (a, b) = (party("A"), party("B"));
        let note = create(
            &Tx::new(&tx, &stamp(0)),
            case.id,
            NoteDraft {
                visibility: Some(Visibility::Caucus),
                party_id: Some(a),
                text_en: TEXTS[0].into(),
                ..Default::default()
            },
        )
        .unwrap();
        tx.commit().unwrap();

        for step in 1..60u32 {
            let at = stamp(step);
            let tx = conn.transaction().unwrap();
            let current = load(&tx, note.id).unwrap();
            let outcome = match rng.u8(..6) {
                0 | 1 => {
                    let mut draft = NoteDraft::of(&current);
                    draft.visibility = Some(
                        [Visibility::Shared, Visibility::Caucus, Visibility::Private]
                            [rng.usize(..3)],
                    );
                    draft.party_id = [Some(a), Some(b), None][rng.usize(..3)];
                    if rng.bool() {
                        draft.text_en = TEXTS[rng.usize(..TEXTS.len())].into();
                    }
                    save(&Tx::new(&tx, &at), note.id, current.revision, draft).map(|_| ())
                }
                2 => revisions::restore(&Tx::new(&tx, &at), note.id, rng.i64(1..=current.revision))
                    .map(|_| ()),
                3 => cases::update(
                    &Tx::new(&tx, &at),
                    case.id,
                    CaseUpdate {
                        confidentiality: Some(REGIMES[rng.usize(..REGIMES.len())]),
                        ..Default::default()
                    },
                )
                .map(|_| ()),
                _ => confidentiality::record(
                    &Tx::new(&tx, &at),
                    note.id,
                    DisclosureDraft {
                        scope: Some(
                            [
                                DisclosureScope::All,
                                DisclosureScope::Summary,
                                DisclosureScope::None,
                            ][rng.usize(..3)],
                        ),
                        given_by: "Counsel".into(),
                        summary_en: Some("Flexible.".into()),
                        ..Default::default()
                    },
                )
                .map(|_| ()),
            };
            match outcome {
                Ok(()) => tx.commit().unwrap(),
                Err(_) => drop(tx), // refused: rolled back, nothing changed
            }
            assert_consent_holds(&conn, note.id, a, b, case.id, step);
        }
        let verified = crate::integrity::verify(&conn).unwrap();
        assert!(verified.first_break.is_none(), "seed {seed}: {verified:?}");
    }
}
