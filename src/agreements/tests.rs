//! Agreements against a migrated in-memory database: numbering, moves, cross-references
//! that follow renumbering, positions, frozen versions, and an audit chain that still
//! verifies after all of it.

use rusqlite::Connection;

use super::clauses::{self, ClauseText, NumberedClause, Place, PositionStatus, Step};
use super::versions;
use super::*;
use crate::audit::Stamp;
use crate::cases::{CaseKind, NewCase};
use crate::ids::{ClauseId, PartyId};
use crate::notes::Side;
use crate::parties::{NewParty, PartyKind, PartyRole};

struct Db {
    conn: Connection,
    stamp: Stamp,
}

impl Db {
    fn new() -> Self {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::migrate(&mut conn, &crate::schema::ACCORD).unwrap();
        Db {
            conn,
            stamp: Stamp {
                at: "2026-12-02T10:00:00Z".parse().unwrap(),
                actor: "Test Mediator".into(),
            },
        }
    }

    /// Runs `f` in one transaction, committed if it succeeds and rolled back if not.
    fn change<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction().unwrap();
        let value = f(&Tx::new(&tx, &self.stamp));
        if value.is_ok() {
            tx.commit().unwrap();
        }
        value
    }

    fn events(&self) -> i64 {
        self.conn
            .query_row("SELECT count(*) FROM audit_events", [], |r| r.get(0))
            .unwrap()
    }
}

/// A case with one party, and an empty draft agreement.
fn agreement() -> (Db, Agreement, PartyId) {
    let mut db = Db::new();
    let (agreement, party) = db
        .change(|tx| {
            let case = crate::cases::create(
                tx,
                NewCase {
                    kind: Some(CaseKind::Commercial),
                    title_en: Some("Harbour cranes".into()),
                    lead_mediator: "Test Mediator".into(),
                    ..Default::default()
                },
            )?;
            let party = crate::parties::create(
                tx,
                &case,
                NewParty {
                    kind: Some(PartyKind::Company),
                    role: Some(PartyRole::Requesting),
                    name_en: Some("Crane Co".into()),
                    ..Default::default()
                },
            )?;
            let agreement = create(
                tx,
                case.id,
                NewAgreement {
                    title_en: Some("Settlement Agreement".into()),
                    ..Default::default()
                },
            )?;
            Ok((agreement, party.id))
        })
        .unwrap();
    (db, agreement, party)
}

fn words(en: &str, zh: &str) -> ClauseText {
    ClauseText {
        text_en: en.into(),
        text_zh: zh.into(),
        ..Default::default()
    }
}

fn add(db: &mut Db, agreement: &Agreement, en: &str, place: Place) -> ClauseId {
    db.change(|tx| clauses::add(tx, agreement.id, words(en, ""), place))
        .unwrap()
        .id
}

/// `(number, English text)` in reading order.
fn numbered(db: &Db, agreement: &Agreement) -> Vec<(String, String)> {
    clauses::outline(&db.conn, agreement.id)
        .unwrap()
        .into_iter()
        .map(|c: NumberedClause| (c.number, c.clause.text_en))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect()
}

fn verifies(db: &Db) {
    let verdict = crate::integrity::verify(&db.conn).unwrap();
    assert_eq!(verdict.first_break, None, "the audit chain verifies");
}

#[test]
fn clauses_are_numbered_by_their_place_and_nesting() {
    let (mut db, agreement, _) = agreement();
    let a = add(&mut db, &agreement, "Parties", Place::End);
    let c = add(&mut db, &agreement, "Costs", Place::End);
    let b = add(&mut db, &agreement, "Payment", Place::After(a));
    add(&mut db, &agreement, "Schedule", Place::Under(b));
    add(&mut db, &agreement, "Interest", Place::Under(b));
    add(&mut db, &agreement, "Before the schedule", Place::After(a));
    let _ = c;
    assert_eq!(
        numbered(&db, &agreement),
        pairs(&[
            ("1", "Parties"),
            ("2", "Before the schedule"),
            ("3", "Payment"),
            ("3.1", "Schedule"),
            ("3.2", "Interest"),
            ("4", "Costs"),
        ])
    );
    verifies(&db);
}

#[test]
fn a_reference_follows_its_clause_through_renumbering_in_both_languages() {
    let (mut db, agreement, _) = agreement();
    let payment = add(&mut db, &agreement, "Payment", Place::End);
    add(&mut db, &agreement, "Schedule", Place::Under(payment));
    let costs = db
        .change(|tx| {
            clauses::add(
                tx,
                agreement.id,
                words("Costs are due as in {{1.1}}.", "費用按{{1.1}}支付。"),
                Place::End,
            )
        })
        .unwrap();
    assert!(
        costs.text_en.contains("{{clause:") && !costs.text_en.contains("1.1"),
        "stored by id, not by number: {}",
        costs.text_en
    );
    // A new first clause: the schedule becomes 2.1.
    db.change(|tx| {
        clauses::add(tx, agreement.id, words("Recitals", ""), Place::End)?;
        let recitals = clauses::find(tx, agreement.id, "3")?;
        clauses::shift(tx, recitals.id, Step::Up)?;
        clauses::shift(tx, recitals.id, Step::Up)?;
        Ok(())
    })
    .unwrap();
    let outline = clauses::outline(&db.conn, agreement.id).unwrap();
    assert_eq!(outline[0].clause.text_en, "Recitals");
    let numbers = clauses::numbers(&outline);
    let costs = clauses::load(&db.conn, costs.id).unwrap();
    let script = agreement.zh_script;
    assert_eq!(
        clauses::render(&costs.text_en, &numbers, Side::En, script),
        "Costs are due as in clause 2.1."
    );
    assert_eq!(
        clauses::render(&costs.text_zh, &numbers, Side::Zh, script),
        "費用按第2.1條支付。"
    );
    assert_eq!(
        clauses::render(
            &costs.text_zh,
            &numbers,
            Side::Zh,
            crate::notes::ChineseScript::Simplified
        ),
        "費用按第2.1条支付。"
    );
    verifies(&db);
}

#[test]
fn a_reference_to_no_clause_is_refused_and_changes_nothing() {
    let (mut db, agreement, _) = agreement();
    add(&mut db, &agreement, "Payment", Place::End);
    let before = db.events();
    let refused =
        db.change(|tx| clauses::add(tx, agreement.id, words("See {{4.2}}.", ""), Place::End));
    assert!(
        matches!(&refused, Err(Error::UnknownReference { reference }) if reference == "4.2"),
        "{refused:?}"
    );
    assert_eq!(db.events(), before);
    assert_eq!(numbered(&db, &agreement).len(), 1);
}

#[test]
fn a_clause_others_refer_to_or_with_sub_clauses_is_not_removed() {
    let (mut db, agreement, _) = agreement();
    let payment = add(&mut db, &agreement, "Payment", Place::End);
    let schedule = add(&mut db, &agreement, "Schedule", Place::Under(payment));
    add(&mut db, &agreement, "As in {{1.1}}.", Place::End);
    let refused = db.change(|tx| clauses::remove(tx, schedule));
    assert!(
        matches!(&refused, Err(Error::ClauseReferenced { clause, by }) if clause == "1.1" && by == "2"),
        "{refused:?}"
    );
    let refused = db.change(|tx| clauses::remove(tx, payment));
    assert!(
        matches!(&refused, Err(Error::ClauseHasSubclauses { clause }) if clause == "1"),
        "{refused:?}"
    );
    // Once the reference goes, the schedule may go, and the rest renumbers.
    db.change(|tx| {
        let last = clauses::find(tx, agreement.id, "2")?;
        clauses::edit(tx, last.id, words("Costs.", ""))?;
        clauses::remove(tx, schedule)?;
        clauses::remove(tx, payment)
    })
    .unwrap();
    assert_eq!(numbered(&db, &agreement), pairs(&[("1", "Costs.")]));
    verifies(&db);
}

#[test]
fn keyboard_steps_move_indent_and_outdent_and_stop_at_the_edges() {
    let (mut db, agreement, _) = agreement();
    let a = add(&mut db, &agreement, "A", Place::End);
    let b = add(&mut db, &agreement, "B", Place::End);
    let c = add(&mut db, &agreement, "C", Place::End);
    let step = |db: &mut Db, id, step| db.change(|tx| clauses::shift(tx, id, step)).unwrap();
    step(&mut db, c, Step::Up);
    assert_eq!(
        numbered(&db, &agreement),
        pairs(&[("1", "A"), ("2", "C"), ("3", "B")])
    );
    step(&mut db, a, Step::Up);
    step(&mut db, b, Step::Down);
    assert_eq!(
        numbered(&db, &agreement),
        pairs(&[("1", "A"), ("2", "C"), ("3", "B")]),
        "nothing moves past an edge"
    );
    step(&mut db, b, Step::Indent);
    assert_eq!(
        numbered(&db, &agreement),
        pairs(&[("1", "A"), ("2", "C"), ("2.1", "B")])
    );
    step(&mut db, b, Step::Indent);
    assert_eq!(
        numbered(&db, &agreement)[2].0,
        "2.1",
        "no earlier sibling to go under"
    );
    step(&mut db, c, Step::Up);
    assert_eq!(
        numbered(&db, &agreement),
        pairs(&[("1", "C"), ("1.1", "B"), ("2", "A")]),
        "a clause moves with its sub-clauses"
    );
    step(&mut db, b, Step::Outdent);
    assert_eq!(
        numbered(&db, &agreement),
        pairs(&[("1", "C"), ("2", "B"), ("3", "A")])
    );
    verifies(&db);
}

#[test]
fn numbering_goes_three_levels_deep_and_a_clause_never_goes_under_itself() {
    let (mut db, agreement, _) = agreement();
    let one = add(&mut db, &agreement, "1", Place::End);
    let two = add(&mut db, &agreement, "1.1", Place::Under(one));
    let three = add(&mut db, &agreement, "1.1.1", Place::Under(two));
    let deeper =
        db.change(|tx| clauses::add(tx, agreement.id, words("x", ""), Place::Under(three)));
    assert!(
        matches!(deeper, Err(Error::Invalid { field: "place", .. })),
        "{deeper:?}"
    );
    let loop_ = db.change(|tx| clauses::move_to(tx, one, Place::Under(three)));
    assert!(
        matches!(loop_, Err(Error::Invalid { field: "place", .. })),
        "{loop_:?}"
    );
    let other = add(&mut db, &agreement, "2", Place::End);
    let too_deep = db.change(|tx| clauses::move_to(tx, one, Place::Under(other)));
    assert!(
        matches!(too_deep, Err(Error::Invalid { field: "place", .. })),
        "1 with two levels below it cannot go under 2: {too_deep:?}"
    );
}

#[test]
fn a_party_takes_a_position_on_a_clause_and_only_a_party_of_the_case_may() {
    let (mut db, agreement, party) = agreement();
    let clause = add(&mut db, &agreement, "Payment", Place::End);
    let with = db
        .change(|tx| clauses::set_position(tx, clause, party, PositionStatus::Objected, "Too late"))
        .unwrap();
    assert_eq!(with.positions.len(), 1);
    assert_eq!(with.positions[0].status, PositionStatus::Objected);
    let again = db
        .change(|tx| clauses::set_position(tx, clause, party, PositionStatus::Accepted, ""))
        .unwrap();
    assert_eq!(again.positions.len(), 1, "one position per party");
    assert_eq!(again.positions[0].status, PositionStatus::Accepted);

    let stranger = db
        .change(|tx| {
            let case = crate::cases::create(
                tx,
                NewCase {
                    kind: Some(CaseKind::Commercial),
                    title_en: Some("Another case".into()),
                    lead_mediator: "Test Mediator".into(),
                    ..Default::default()
                },
            )?;
            crate::parties::create(
                tx,
                &case,
                NewParty {
                    kind: Some(PartyKind::Person),
                    role: Some(PartyRole::Other),
                    name_en: Some("Stranger".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let refused = db
        .change(|tx| clauses::set_position(tx, clause, stranger.id, PositionStatus::Accepted, ""));
    assert!(
        matches!(refused, Err(Error::PartyNotInCase { .. })),
        "{refused:?}"
    );
    verifies(&db);
}

#[test]
fn a_version_is_frozen_with_its_numbers_and_fingerprint() {
    let (mut db, agreement, _) = agreement();
    let payment = add(&mut db, &agreement, "Payment", Place::End);
    add(&mut db, &agreement, "As in {{1}}.", Place::End);
    let v1 = db
        .change(|tx| versions::save(tx, agreement.id, "Sent to party B"))
        .unwrap();
    assert_eq!(v1.version, 1);
    assert_eq!(v1.saved_by, "Test Mediator");
    assert_eq!(v1.fingerprint.len(), 64);
    assert_eq!(v1.short_fingerprint().len(), 19, "four groups of four");

    db.change(|tx| {
        clauses::edit(tx, payment, words("Payment in full", ""))?;
        clauses::add(tx, agreement.id, words("Recitals", ""), Place::End)?;
        let recitals = clauses::find(tx, agreement.id, "3")?;
        clauses::shift(tx, recitals.id, Step::Up)?;
        clauses::shift(tx, recitals.id, Step::Up)
    })
    .unwrap();
    let (listed, frozen) = versions::load(&db.conn, agreement.id, 1).unwrap();
    assert_eq!(listed, v1);
    let printed = frozen.rendered();
    let texts: Vec<(&str, &str)> = printed
        .iter()
        .map(|c| (c.number.as_str(), c.text_en.as_str()))
        .collect();
    assert_eq!(
        texts,
        [("1", "Payment"), ("2", "As in clause 1.")],
        "the version keeps its words and numbers, references written out"
    );
    let v2 = db
        .change(|tx| versions::save(tx, agreement.id, "Revised"))
        .unwrap();
    assert_eq!(v2.version, 2);
    assert_ne!(v2.fingerprint, v1.fingerprint);
    assert_eq!(
        versions::list(&db.conn, agreement.id).unwrap(),
        vec![v1, v2]
    );
    verifies(&db);
}

#[test]
fn a_final_agreement_changes_no_more() {
    let (mut db, agreement, _) = agreement();
    let clause = add(&mut db, &agreement, "Payment", Place::End);
    db.conn
        .execute(
            "UPDATE agreements SET status = 'final' WHERE id = ?1",
            [agreement.id],
        )
        .unwrap();
    let before = db.events();
    for refused in [
        db.change(|tx| clauses::edit(tx, clause, words("Changed", "")))
            .err(),
        db.change(|tx| clauses::add(tx, agreement.id, words("New", ""), Place::End))
            .err(),
        db.change(|tx| clauses::remove(tx, clause)).err(),
        db.change(|tx| update(tx, agreement.id, AgreementUpdate::default()))
            .err(),
    ] {
        assert!(
            matches!(refused, Some(Error::AgreementFinal)),
            "{refused:?}"
        );
    }
    assert_eq!(db.events(), before);
}

#[test]
fn a_clause_needs_some_words_and_a_title_is_required() {
    let (mut db, agreement, _) = agreement();
    let empty = db.change(|tx| clauses::add(tx, agreement.id, words("  ", ""), Place::End));
    assert!(
        matches!(empty, Err(Error::Required { field: "text" })),
        "{empty:?}"
    );
    let untitled = db.change(|tx| create(tx, agreement.case_id, NewAgreement::default()));
    assert!(
        matches!(untitled, Err(Error::Required { field: "title" })),
        "{untitled:?}"
    );
}

mod redlines {
    use super::*;
    use crate::agreements::redline::{self, ClauseChange, ClauseChangeKind};
    use crate::bilingual::marked;

    /// `(change, from, to)` per clause of the redline.
    fn summary(changes: &[ClauseChange]) -> Vec<(ClauseChangeKind, Option<&str>, Option<&str>)> {
        changes
            .iter()
            .map(|c| (c.change, c.number_from.as_deref(), c.number_to.as_deref()))
            .collect()
    }

    /// Three clauses, the third referring to the second, frozen as version 1.
    fn three_clauses() -> (Db, Agreement, [ClauseId; 3]) {
        let (mut db, agreement, _) = agreement();
        let a = add(&mut db, &agreement, "Parties.", Place::End);
        let b = db
            .change(|tx| {
                clauses::add(
                    tx,
                    agreement.id,
                    words("Pay USD 1,250,000.", "支付一百二十五萬美元。"),
                    Place::End,
                )
            })
            .unwrap()
            .id;
        let c = add(&mut db, &agreement, "Costs follow {{2}}.", Place::End);
        db.change(|tx| versions::save(tx, agreement.id, "v1"))
            .unwrap();
        (db, agreement, [a, b, c])
    }

    use ClauseChangeKind::*;

    #[test]
    fn renumbering_is_no_change_and_a_reference_to_the_same_clause_neither() {
        let (mut db, agreement, [a, ..]) = three_clauses();
        db.change(|tx| {
            let recitals = clauses::add(tx, agreement.id, words("Recitals.", ""), Place::End)?;
            clauses::move_to(tx, recitals.id, Place::After(a))?;
            versions::save(tx, agreement.id, "v2")
        })
        .unwrap();
        let red = redline::compare(&db.conn, agreement.id, 1, Some(2)).unwrap();
        assert_eq!(
            summary(&red.clauses),
            [
                (Same, Some("1"), Some("1")),
                (Added, None, Some("2")),
                (Same, Some("2"), Some("3")),
                (Same, Some("3"), Some("4")),
            ]
        );
        assert_eq!(
            marked(&red.clauses[3].text_en),
            "Costs follow clause 3.",
            "the reference shows the clause's number now, unmarked"
        );
    }

    #[test]
    fn a_moved_clause_shows_once_at_its_new_place_with_its_edit_inside() {
        let (mut db, agreement, [_, _, c]) = three_clauses();
        db.change(|tx| {
            clauses::edit(tx, c, words("Costs follow {{2}} in full.", ""))?;
            clauses::move_to(tx, c, Place::End)?;
            clauses::shift(tx, c, Step::Up)?;
            clauses::shift(tx, c, Step::Up)
        })
        .unwrap();
        let red = redline::compare(&db.conn, agreement.id, 1, None).unwrap();
        assert_eq!(red.to, None, "against the draft as it stands");
        assert_eq!(
            summary(&red.clauses),
            [
                (Moved, Some("3"), Some("1")),
                (Same, Some("1"), Some("2")),
                (Same, Some("2"), Some("3")),
            ]
        );
        assert!(red.clauses[0].edited);
        assert_eq!(
            marked(&red.clauses[0].text_en),
            "Costs follow clause 3{+ in full+}."
        );
        assert_eq!(
            red.clauses.iter().filter(|change| change.id == c).count(),
            1,
            "shown once, not as removed and added"
        );
    }

    #[test]
    fn a_clause_deleted_and_pasted_back_reads_as_moved_not_as_removed_and_added() {
        let (mut db, agreement, [_, b, _]) = three_clauses();
        db.change(|tx| {
            clauses::remove(tx, c_of(tx, agreement.id)?)?;
            let pasted = clauses::add(
                tx,
                agreement.id,
                words("Pay USD 1,250,000 in full.", "全數支付一百二十五萬美元。"),
                Place::End,
            )?;
            clauses::remove(tx, b)?;
            versions::save(tx, agreement.id, "v2")?;
            Ok(pasted)
        })
        .unwrap();
        let red = redline::compare(&db.conn, agreement.id, 1, Some(2)).unwrap();
        assert_eq!(
            summary(&red.clauses),
            [
                (Same, Some("1"), Some("1")),
                (Removed, Some("3"), None),
                (Moved, Some("2"), Some("2")),
            ],
            "the pasted clause is clause 2 moved and edited; the unlike one removed, where it was"
        );
        assert!(red.clauses[2].edited);
        assert_eq!(
            marked(&red.clauses[2].text_en),
            "Pay USD 1,250,000{+ in full+}."
        );
    }

    /// The third clause of the three ("Costs follow …"), which refers to the second.
    fn c_of(conn: &Connection, agreement: AgreementId) -> Result<ClauseId> {
        Ok(clauses::find(conn, agreement, "3")?.id)
    }

    #[test]
    fn a_removed_clause_shows_where_it_was_and_chinese_figures_change_whole() {
        let (mut db, agreement, [a, b, c]) = three_clauses();
        db.change(|tx| {
            clauses::edit(tx, c, words("Costs are shared.", ""))?;
            clauses::edit(tx, b, words("Pay USD 1,300,000.", "支付一百三十萬美元。"))?;
            clauses::remove(tx, a)?;
            versions::save(tx, agreement.id, "v2")
        })
        .unwrap();
        let red = redline::compare(&db.conn, agreement.id, 1, Some(2)).unwrap();
        assert_eq!(
            summary(&red.clauses),
            [
                (Removed, Some("1"), None),
                (Edited, Some("2"), Some("1")),
                (Edited, Some("3"), Some("2")),
            ]
        );
        assert_eq!(marked(&red.clauses[0].text_en), "[-Parties.-]");
        assert_eq!(
            marked(&red.clauses[1].text_en),
            "Pay USD [-1,250,000-]{+1,300,000+}."
        );
        assert_eq!(
            marked(&red.clauses[1].text_zh),
            "支付[-一百二十五萬-]{+一百三十萬+}美元。"
        );
        assert_eq!(
            marked(&red.clauses[2].text_en),
            "Costs [-follow clause 2-]{+are shared+}.",
            "a removed reference shows the number it had"
        );
    }
}

mod final_checks {
    use super::*;
    use crate::agreements::checks::{self, CheckKind};
    use crate::agreements::clauses::ClauseKind;

    fn clause(en: &str, zh: &str, kind: Option<ClauseKind>) -> ClauseText {
        ClauseText {
            kind,
            ..words(en, zh)
        }
    }

    /// The clauses every final agreement needs, in both languages, figures agreeing.
    fn good_clauses(db: &mut Db, agreement: &Agreement) {
        db.change(|tx| {
            for words in [
                clause(
                    "The Respondent shall pay the Claimant USD 1,250,000 on or before 1 March 2027.",
                    "答辯人須於2027年3月1日或之前向申索人支付1,250,000美元。",
                    None,
                ),
                clause(
                    "This settlement agreement is made in English and Chinese; both texts are equally authentic.",
                    "本和解協議以英文及中文訂立，兩種文本同等真確。",
                    Some(ClauseKind::Language),
                ),
                clause(
                    "Signature of each party.",
                    "各當事人簽署。",
                    Some(ClauseKind::Signatures),
                ),
                clause(
                    "The mediator confirms that this agreement resulted from mediation.",
                    "調解員確認本協議經調解達成。",
                    Some(ClauseKind::MediatorStatement),
                ),
            ] {
                clauses::add(tx, agreement.id, words, Place::End)?;
            }
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn a_good_agreement_passes_every_check_and_becomes_final_as_a_version() {
        let (mut db, agreement, _) = agreement();
        good_clauses(&mut db, &agreement);
        assert_eq!(checks::check(&db.conn, agreement.id).unwrap(), []);
        let version = db
            .change(|tx| checks::finalise(tx, agreement.id, "As signed"))
            .unwrap();
        assert_eq!(version.label, "As signed");
        assert_eq!(
            load(&db.conn, agreement.id).unwrap().status,
            AgreementStatus::Final
        );
        let after = db.change(|tx| clauses::add(tx, agreement.id, words("More", ""), Place::End));
        assert!(matches!(after, Err(Error::AgreementFinal)), "{after:?}");
        verifies(&db);
    }

    #[test]
    fn each_check_fails_on_a_bad_agreement_naming_the_clause_and_final_is_refused() {
        let (mut db, agreement, _) = agreement();
        db.change(|tx| {
            for words in [
                // 1: English only, no reason given.
                clause("The parties shall co-operate.", "", None),
                // 2: the figures differ.
                clause(
                    "Pay USD 1,250,000 by 1 March 2027.",
                    "於2027年3月1日前支付1,300,000美元。",
                    None,
                ),
                // 3: a placeholder left, and 八折 (never 8%).
                clause(
                    "Pay [[amount]] less the discount.",
                    "按八折支付[[amount]]。",
                    None,
                ),
                // 4: a term in the English text only.
                clause(
                    "This settlement agreement binds the parties.",
                    "本協議對雙方具有約束力。",
                    None,
                ),
            ] {
                clauses::add(tx, agreement.id, words, Place::End)?;
            }
            Ok(())
        })
        .unwrap();
        let problems = checks::check(&db.conn, agreement.id).unwrap();
        let found: Vec<(Option<&str>, CheckKind)> = problems
            .iter()
            .map(|p| (p.clause.as_deref(), p.check))
            .collect();
        for expected in [
            (Some("1"), CheckKind::MissingLanguage),
            (Some("2"), CheckKind::FigureMismatch),
            (Some("3"), CheckKind::Placeholder),
            (Some("3"), CheckKind::FigureFlag),
            (Some("4"), CheckKind::TermGap),
            (None, CheckKind::LanguageClause),
            (None, CheckKind::SignatureBlock),
            (None, CheckKind::MediatorStatement),
        ] {
            assert!(found.contains(&expected), "{expected:?} not in {found:?}");
        }
        let mismatch = problems
            .iter()
            .find(|p| p.check == CheckKind::FigureMismatch)
            .unwrap();
        assert!(
            mismatch.message.contains("1,250,000") && mismatch.message.contains("1,300,000"),
            "the message says what differs: {}",
            mismatch.message
        );
        let term = problems
            .iter()
            .find(|p| p.check == CheckKind::TermGap)
            .unwrap();
        assert_eq!(term.en.as_deref(), Some("settlement agreement"));
        assert_eq!(
            term.zh.as_deref(),
            Some("和解協議"),
            "in the agreement's script"
        );

        let before = db.events();
        let refused = db.change(|tx| checks::finalise(tx, agreement.id, "Final"));
        assert!(
            matches!(refused, Err(Error::ChecksFailed { count }) if count == problems.len()),
            "{refused:?}"
        );
        assert_eq!(db.events(), before, "nothing changed");
        assert_eq!(
            load(&db.conn, agreement.id).unwrap().status,
            AgreementStatus::Draft
        );
    }

    /// A character the printed agreement's fonts cannot draw (𠮷, Extension B, seen in
    /// people's names; an emoji) fails the check, naming the clause or the title and the
    /// characters; the good agreement's text passes it.
    #[test]
    fn a_character_the_fonts_cannot_draw_fails_naming_where_and_which() {
        let (mut db, agreement, _) = agreement();
        good_clauses(&mut db, &agreement);
        db.change(|tx| {
            clauses::add(
                tx,
                agreement.id,
                clause("Mr Yoshida 🙂 agrees.", "𠮷田先生同意。", None),
                Place::End,
            )?;
            update(
                tx,
                agreement.id,
                AgreementUpdate {
                    title_zh: Some("和解協議𠮷".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
        let problems = checks::check(&db.conn, agreement.id).unwrap();
        let fonts: Vec<_> = problems
            .iter()
            .filter(|p| p.check == CheckKind::FontCoverage)
            .collect();
        assert_eq!(fonts.len(), 2, "{problems:?}");
        assert_eq!(fonts[0].clause.as_deref(), Some("5"));
        assert!(
            fonts[0].args.contains(&("chars".into(), "🙂𠮷".into())),
            "{:?}",
            fonts[0]
        );
        assert_eq!(fonts[1].clause, None, "the title");
        assert!(fonts[1].args.contains(&("where".into(), "title".into())));
        assert_eq!(problems.len(), 2, "nothing else fails: {problems:?}");
    }

    #[test]
    fn a_missing_language_with_a_recorded_reason_passes() {
        let (mut db, agreement, _) = agreement();
        good_clauses(&mut db, &agreement);
        db.change(|tx| {
            clauses::add(
                tx,
                agreement.id,
                ClauseText {
                    missing_reason: Some(
                        "Annex kept in English only, agreed by both parties".into(),
                    ),
                    ..words("Annex A lists the cranes.", "")
                },
                Place::End,
            )
        })
        .unwrap();
        assert_eq!(checks::check(&db.conn, agreement.id).unwrap(), []);
    }
}

#[test]
fn windows_line_endings_are_the_same_text_and_an_unchanged_edit_records_nothing() {
    let (mut db, agreement, _) = agreement();
    let clause = db
        .change(|tx| clauses::add(tx, agreement.id, words("One.\r\nTwo.", ""), Place::End))
        .unwrap();
    assert_eq!(clause.text_en, "One.\nTwo.");
    let before = db.events();
    db.change(|tx| clauses::edit(tx, clause.id, words("One.\nTwo.", "")))
        .unwrap();
    assert_eq!(db.events(), before, "nothing changed, nothing recorded");
    let self_ref = db.change(|tx| clauses::edit(tx, clause.id, words("See {{1}}.", "")));
    assert!(
        matches!(self_ref, Err(Error::Invalid { field: "text", .. })),
        "{self_ref:?}"
    );
}

#[test]
fn a_reference_written_out_is_not_a_term_for_the_termbase_check() {
    let (mut db, agreement, _) = agreement();
    add(&mut db, &agreement, "Payment.", Place::End);
    db.change(|tx| {
        clauses::add(
            tx,
            agreement.id,
            words("As in {{1}}.", "按{{1}}。"),
            Place::End,
        )
    })
    .unwrap();
    let problems = super::checks::check(&db.conn, agreement.id).unwrap();
    assert!(
        !problems
            .iter()
            .any(|p| p.check == super::checks::CheckKind::TermGap),
        "\"clause 1\" / 第1條 are Accord's words: {problems:?}"
    );
}

mod from_notes {
    use super::*;
    use crate::confidentiality::{self, DisclosureDraft, DisclosureScope};
    use crate::notes::{self, NoteDraft, NoteTag, Visibility};

    fn proposal(
        db: &mut Db,
        agreement: &Agreement,
        visibility: Visibility,
        party: Option<PartyId>,
    ) -> crate::notes::Note {
        db.change(|tx| {
            notes::create(
                tx,
                agreement.case_id,
                NoteDraft {
                    visibility: Some(visibility),
                    party_id: party,
                    tags: vec![NoteTag::Proposal],
                    text_en: "Pay in two instalments.".into(),
                    text_zh: "分兩期付款。".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap()
    }

    #[test]
    fn a_proposal_becomes_a_clause_linked_to_its_note_which_shows_when_the_note_moves_on() {
        let (mut db, agreement, _) = agreement();
        let note = proposal(&mut db, &agreement, Visibility::Shared, None);
        let clause = db
            .change(|tx| clauses::add_from_note(tx, agreement.id, note.id, Place::End))
            .unwrap();
        assert_eq!(clause.text_en, "Pay in two instalments.");
        assert_eq!(clause.text_zh, "分兩期付款。");
        assert_eq!(clause.source_note_id, Some(note.id));
        assert_eq!(clause.source_revision, Some(note.revision));
        assert!(!clauses::outline(&db.conn, agreement.id).unwrap()[0].source_moved_on);

        db.change(|tx| {
            let mut draft = NoteDraft::of(&note);
            draft.text_en = "Pay in three instalments.".into();
            notes::save(tx, note.id, note.revision, draft)
        })
        .unwrap();
        assert!(
            clauses::outline(&db.conn, agreement.id).unwrap()[0].source_moved_on,
            "the clause shows that its source moved on"
        );
        assert_eq!(
            clauses::load(&db.conn, clause.id).unwrap().text_en,
            "Pay in two instalments.",
            "and keeps its own words"
        );
        verifies(&db);
    }

    #[test]
    fn a_caucus_proposal_enters_only_with_the_partys_authorisation() {
        let (mut db, agreement, party) = agreement();
        let note = proposal(&mut db, &agreement, Visibility::Caucus, Some(party));
        let before = db.events();
        let refused = db.change(|tx| clauses::add_from_note(tx, agreement.id, note.id, Place::End));
        assert!(
            matches!(refused, Err(Error::DisclosureNotAuthorised)),
            "{refused:?}"
        );
        assert_eq!(db.events(), before, "nothing changed");
        assert!(clauses::outline(&db.conn, agreement.id).unwrap().is_empty());

        db.change(|tx| {
            confidentiality::record(
                tx,
                note.id,
                DisclosureDraft {
                    scope: Some(DisclosureScope::All),
                    given_by: "Ms Chan".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
        db.change(|tx| clauses::add_from_note(tx, agreement.id, note.id, Place::End))
            .expect("with the party's word for all of it, it may enter");
        verifies(&db);
    }

    #[test]
    fn only_a_proposal_of_the_same_case_becomes_a_clause() {
        let (mut db, agreement, _) = agreement();
        let plain = db
            .change(|tx| {
                notes::create(
                    tx,
                    agreement.case_id,
                    NoteDraft {
                        visibility: Some(Visibility::Shared),
                        text_en: "Background.".into(),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
        let refused =
            db.change(|tx| clauses::add_from_note(tx, agreement.id, plain.id, Place::End));
        assert!(
            matches!(refused, Err(Error::Invalid { field: "note", .. })),
            "{refused:?}"
        );
    }
}

mod library {
    use super::*;
    use crate::agreements::library::{self, LibraryOrigin};
    use crate::parties::PartyUpdate;

    #[test]
    fn the_seed_has_every_usual_part_and_a_new_vault_holds_it() {
        let seed = library::seed();
        let keys: Vec<&str> = seed.iter().map(|t| t.key.as_str()).collect();
        for key in [
            "parties-and-recitals",
            "definitions",
            "settlement-terms",
            "payment-schedule",
            "implementation-and-monitoring",
            "confidentiality",
            "no-admission",
            "dispute-resolution",
            "governing-law",
            "language-equal",
            "language-english-prevails",
            "entire-agreement",
            "counterparts",
            "signatures",
            "mediator-statement",
        ] {
            assert!(keys.contains(&key), "{key} is in the seed");
        }
        let unique: std::collections::BTreeSet<&str> = keys.iter().copied().collect();
        assert_eq!(unique.len(), keys.len(), "keys are unique");
        let (db, _, _) = agreement();
        let stored = library::list(&db.conn).unwrap();
        assert_eq!(stored.len(), seed.len());
        assert!(stored.iter().all(|t| t.origin == LibraryOrigin::Seed));
        verifies(&db);
    }

    #[test]
    fn a_template_fills_the_cases_facts_which_stay_linked_and_leaves_blanks_for_the_checks() {
        let (mut db, agreement, party) = agreement();
        let clause = db
            .change(|tx| library::insert(tx, agreement.id, "parties-and-recitals", Place::End))
            .unwrap();
        assert!(
            clause.text_en.contains("{{party.requesting}}"),
            "stored as the field, not its value: {}",
            clause.text_en
        );
        let shown = |db: &Db| {
            let fields =
                super::super::fields::of_case(&db.conn, agreement.case_id, agreement.zh_script)
                    .unwrap();
            let clause = clauses::load(&db.conn, clause.id).unwrap();
            clauses::fill(&clause.text_en, &fields.en)
        };
        assert!(shown(&db).contains("Crane Co"), "{}", shown(&db));
        db.change(|tx| {
            crate::parties::update(
                tx,
                party,
                PartyUpdate {
                    name_en: Some("Crane Company Limited".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
        assert!(
            shown(&db).contains("Crane Company Limited"),
            "a corrected name reaches the clause: {}",
            shown(&db)
        );

        db.change(|tx| library::insert(tx, agreement.id, "payment-schedule", Place::End))
            .unwrap();
        let problems = super::super::checks::check(&db.conn, agreement.id).unwrap();
        assert!(
            problems
                .iter()
                .any(|p| p.check == super::super::checks::CheckKind::Placeholder
                    && p.args.iter().any(|(_, v)| v == "[[amount]]")),
            "a blank left is a failed check: {problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.check == super::super::checks::CheckKind::Placeholder
                    && p.args.iter().any(|(_, v)| v == "[[party.responding]]")),
            "a fact the case lacks (no responding party) shows as a blank too"
        );
        verifies(&db);
    }

    #[test]
    fn a_template_goes_in_in_the_agreements_script() {
        let (mut db, agreement, _) = agreement();
        let hans = db
            .change(|tx| {
                update(
                    tx,
                    agreement.id,
                    AgreementUpdate {
                        zh_script: Some(crate::notes::ChineseScript::Simplified),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
        let clause = db
            .change(|tx| library::insert(tx, hans.id, "confidentiality", Place::End))
            .unwrap();
        let template = library::load(&db.conn, "confidentiality").unwrap();
        assert_eq!(clause.text_zh, template.text_hans);
        assert_eq!(clause.heading_zh, template.heading_hans);
    }

    #[test]
    fn the_library_exports_and_imports_all_or_nothing() {
        let (mut db, agreement, _) = agreement();
        let clause = add(
            &mut db,
            &agreement,
            "Each party bears its own costs.",
            Place::End,
        );
        let saved = db
            .change(|tx| {
                let clause = clauses::load(tx, clause)?;
                library::save_clause(tx, &clause, "own-costs", "Costs", "費用")
            })
            .unwrap();
        assert_eq!(saved.origin, LibraryOrigin::Mediator);
        let file = library::export(&db.conn).unwrap();

        // Another vault takes it: the seed unchanged, the mediator's template added.
        let (mut other, other_agreement, _) = super::agreement();
        let report = other.change(|tx| library::import(tx, &file)).unwrap();
        assert_eq!((report.added, report.unchanged), (1, library::seed().len()));
        let inserted = other
            .change(|tx| library::insert(tx, other_agreement.id, "own-costs", Place::End))
            .unwrap();
        assert_eq!(inserted.text_en, "Each party bears its own costs.");

        // A file with one bad template changes nothing.
        let mut json: serde_json::Value = serde_json::from_slice(&file).unwrap();
        json["clauses"][0]["text_en"] = "Pay {{secret}}.".into();
        json["clauses"][1]["text_en"] = "Changed.".into();
        let before = library::list(&other.conn).unwrap();
        let events = other.events();
        let refused = other.change(|tx| library::import(tx, json.to_string().as_bytes()));
        assert!(matches!(refused, Err(Error::Invalid { .. })), "{refused:?}");
        assert_eq!(library::list(&other.conn).unwrap(), before);
        assert_eq!(other.events(), events);
        let refused = other.change(|tx| library::import(tx, b"not json"));
        assert!(matches!(refused, Err(Error::Invalid { field: "file", .. })));
        verifies(&db);
        verifies(&other);
    }
}

#[test]
fn every_event_of_an_agreement_belongs_to_its_case() {
    let (mut db, agreement, party) = agreement();
    let clause = add(&mut db, &agreement, "Payment.", Place::End);
    db.change(|tx| {
        clauses::set_position(tx, clause, party, PositionStatus::Accepted, "")?;
        versions::save(tx, agreement.id, "v1")
    })
    .unwrap();
    let mut stmt = db
        .conn
        .prepare(
            "SELECT entity_type, coalesce(case_id, '') FROM audit_events
             WHERE entity_type IN ('agreement', 'clause', 'agreement_version')",
        )
        .unwrap();
    let events: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(events.len() >= 4, "{events:?}");
    for (kind, case) in &events {
        assert_eq!(
            case,
            &agreement.case_id.to_string(),
            "a {kind} event names its case"
        );
    }
    verifies(&db);
}

/// Versions saved before clauses carried their kind still read: as clauses with none.
#[test]
fn a_version_saved_before_kinds_were_kept_reads_as_clauses_without_one() {
    let f = crate::agreements::text_render::text_render_tests::frozen("Payment.");
    let json = serde_json::to_string(&f)
        .unwrap()
        .replace(",\"kind\":null", "");
    assert!(!json.contains("\"kind\""), "{json}");
    let back: super::versions::Frozen = serde_json::from_str(&json).unwrap();
    assert_eq!(back, f);
    let mut with_kind = f.clone();
    with_kind.clauses[0].kind = Some(clauses::ClauseKind::Language);
    let json = serde_json::to_string(&with_kind).unwrap();
    assert!(json.contains("\"kind\":\"language\""), "{json}");
}
