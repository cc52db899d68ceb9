use rusqlite::Connection;
use sha2::{Digest, Sha256};

use super::*;
use crate::audit::Stamp;
use crate::termbase::tests::{conn, stamp};
use crate::termbase::{find, remove, update, TermUpdate};

/// The ten domains of the seed's README.
const DOMAINS: &[&str] = &[
    "process",
    "confidentiality",
    "parties",
    "settlement",
    "enforcement",
    "investment",
    "state",
    "commercial",
    "procedure",
    "interest-based",
];

fn field_of(term: &Term, field: Field) -> Option<String> {
    match field {
        Field::ZhHans => term.zh_hans.clone(),
        Field::ZhHant => term.zh_hant.clone(),
        Field::Domain => term.domain.clone(),
        Field::Note => term.note.clone(),
    }
}

fn seed_entry(key: &str) -> Term {
    seed::entries()
        .into_iter()
        .find(|t| t.en == key)
        .unwrap_or_else(|| panic!("“{key}” is not a seed entry"))
}

/// Actions of the events on `id`, in order.
fn actions_on(conn: &Connection, id: TermId) -> Vec<String> {
    crate::audit::list(conn, None)
        .unwrap()
        .into_iter()
        .filter(|e| e.entity_type == "term" && e.entity_id == id.to_string())
        .map(|e| e.action)
        .collect()
}

#[test]
fn every_change_names_a_seed_entry_by_the_value_it_holds_and_says_why() {
    let file = corrections();
    assert_eq!(file.format, FORMAT);
    let mut seen = std::collections::HashSet::new();
    for change in &file.changes {
        let entry = seed_entry(&change.key);
        assert_eq!(
            field_of(&entry, change.field),
            change.old,
            "{} {:?}: old is what the seed shipped",
            change.key,
            change.field
        );
        assert_ne!(change.old, change.new, "{}: a change changes", change.key);
        assert!(
            seen.insert((change.key.clone(), change.field)),
            "{} {:?} corrected twice",
            change.key,
            change.field
        );
        assert!(
            change.reason.contains("Review §"),
            "{}: the reason cites the review: {}",
            change.key,
            change.reason
        );
    }
    for addition in &file.additions {
        assert!(
            seed::entries()
                .iter()
                .all(|t| !t.en.eq_ignore_ascii_case(&addition.term.en)),
            "{} is added, so not in the seed",
            addition.term.en
        );
        assert!(DOMAINS.contains(&addition.term.domain.as_deref().unwrap_or("")));
        Fields::check(&addition.term).unwrap();
        assert!(addition.reason.contains("Review §"), "{}", addition.term.en);
    }
    for kept in &file.unchanged {
        seed_entry(&kept.key);
        assert!(!kept.reason.is_empty());
    }
}

#[test]
fn corrections_are_pinned() {
    // Schema 6 applies this file to every vault, once. After it has shipped, a further
    // correction is a new file with a new migration (see the module doc).
    let digest = hex::encode(Sha256::digest(CORRECTIONS_JSON.as_bytes()));
    assert_eq!(
        digest,
        "9afcdf3b1427adaec3bf29b93fe4a68b773412005acdcc4109716b6f592ca220"
    );
}

#[test]
fn a_new_database_holds_the_corrected_termbase_each_change_an_event() {
    let conn = conn();
    let file = corrections();
    for change in &file.changes {
        let term = find(&conn, &change.key).unwrap();
        assert_eq!(term.id, seed::seed_id(&change.key), "same entry, same id");
        assert_eq!(
            field_of(&term, change.field),
            change.new,
            "{} {:?}",
            change.key,
            change.field
        );
    }
    let representative = find(&conn, "legal representative").unwrap();
    assert_eq!(representative.zh_hant.as_deref(), Some("法律代表"));
    assert_eq!(representative.zh_hans.as_deref(), Some("代理律师"));
    let prc = find(&conn, "legal representative of a legal person").unwrap();
    assert_eq!(prc.zh_hans.as_deref(), Some("法定代表人"));
    assert_eq!(prc.origin, TermOrigin::Seed);
    assert_eq!(prc.id, added_id("legal representative of a legal person"));
    let (secs, _) = prc.id.0.get_timestamp().unwrap().to_unix();
    assert_eq!(
        secs, 1_796_083_200,
        "an added id is a v7 id at the edition, 2026-12-01"
    );
    assert_ne!(
        added_id("recess"),
        seed::seed_id("recess"),
        "under its own tag"
    );
    assert_eq!(
        find(&conn, "facilitative mediation")
            .unwrap()
            .zh_hant
            .as_deref(),
        Some("促進式調解")
    );
    let recess = find(&conn, "recess").unwrap();
    assert_eq!(
        (recess.zh_hans.as_deref(), recess.zh_hant.as_deref()),
        (Some("休会"), Some("休會"))
    );
    for addition in &file.additions {
        let term = find(&conn, &addition.term.en).unwrap();
        assert_eq!(term.zh_hant, addition.term.zh_hant, "{}", addition.term.en);
        assert_eq!(actions_on(&conn, term.id), [APPLIED]);
    }
    // Each applied change is one event on its entry.
    let changes_of = |key: &str| file.changes.iter().filter(|c| c.key == key).count();
    assert_eq!(
        actions_on(&conn, representative.id),
        vec![APPLIED; changes_of("legal representative")]
    );
    let events = crate::audit::list(&conn, None).unwrap();
    assert_eq!(
        events.iter().filter(|e| e.action == APPLIED).count(),
        file.changes.len() + file.additions.len()
    );
    assert!(
        events.iter().all(|e| e.action != SKIPPED),
        "nothing to skip"
    );
    assert!(events
        .iter()
        .filter(|e| e.action == APPLIED)
        .all(|e| e.actor == "Accord schema 6"));
    assert!(crate::integrity::verify(&conn)
        .unwrap()
        .first_break
        .is_none());
}

#[test]
fn what_the_team_asked_about_reads_as_the_review_supports() {
    let conn = conn();
    let prevail = find(&conn, "prevail").unwrap();
    assert_eq!(prevail.zh_hans.as_deref(), Some("以\u{2026}\u{2026}为准"));
    assert_eq!(prevail.zh_hant.as_deref(), Some("以\u{2026}\u{2026}為準"));
    let interest = find(&conn, "interest").unwrap();
    assert_eq!(
        (interest.zh_hans.as_deref(), interest.zh_hant.as_deref()),
        (Some("利益"), Some("利益"))
    );
    let based = find(&conn, "interest-based negotiation").unwrap();
    assert!(!based.zh_hans.unwrap().contains("利息"));
    assert_eq!(
        find(&conn, "confidentiality").unwrap().zh_hans.as_deref(),
        Some("保密性")
    );
    let caucus = find(&conn, "caucus").unwrap();
    assert_eq!(
        (caucus.zh_hans.as_deref(), caucus.zh_hant.as_deref()),
        (Some("单独会谈"), Some("單獨會談"))
    );
    let unchanged: Vec<String> = corrections().unchanged.into_iter().map(|u| u.key).collect();
    for key in ["prevail", "interest", "confidentiality", "caucus"] {
        assert!(
            unchanged.contains(&key.to_string()),
            "the file says why {key} is left"
        );
    }
    // The cross-column false friends of the review's §3.1 are named.
    for key in [
        "signature",
        "signature block",
        "execution",
        "electronic signature",
        "mediator's signature",
    ] {
        assert!(
            find(&conn, key).unwrap().note.unwrap().contains("签署 is"),
            "{key} warns of 签署 ≠ 簽署"
        );
    }
    let signature = find(&conn, "signature").unwrap().note.unwrap();
    assert!(signature.contains("由各方当事人签署的和解协议"));
    assert!(
        !signature.contains("由当事人签名"),
        "the misquotation is gone"
    );
}

/// A file of our own over entries the real one leaves alone, on a database at the
/// latest schema: the rules, each case once.
fn trial_file() -> Corrections {
    let mediator = seed_entry("mediator");
    let session = seed_entry("mediation session");
    let panel = seed_entry("mediation panel");
    let change = |key: &str, old: Option<String>, new: &str| Change {
        key: key.into(),
        field: Field::Note,
        old,
        new: Some(new.into()),
        reason: "Review §0".into(),
    };
    let addition = |en: &str| Addition {
        term: crate::termbase::tests::new(en, "托管代理人", "託管代理人"),
        reason: "Review §0".into(),
    };
    Corrections {
        format: FORMAT.into(),
        edition: "trial".into(),
        source: String::new(),
        rule: String::new(),
        changes: vec![
            change("mediator", mediator.note, "corrected note"),
            Change {
                field: Field::ZhHans,
                ..change("mediation session", session.zh_hans, "调解会")
            },
            change("mediation session", session.note, "corrected too"),
            change("mediation panel", panel.note, "never applied"),
        ],
        additions: vec![addition("escrow agent"), addition("retention sum")],
        unchanged: Vec::new(),
    }
}

#[test]
fn an_edited_or_removed_entry_is_left_alone_and_each_skip_is_an_event() {
    let mut conn = conn();
    let tx = conn.transaction().unwrap();
    let mediator_stamp = stamp();
    let by_mediator = Tx::new(&tx, &mediator_stamp);
    // The mediator's own work, before the corrections: an edit in another field than
    // the correction's, a removal, and an entry whose English an addition wants.
    let session = update(
        &by_mediator,
        seed::seed_id("mediation session"),
        TermUpdate {
            zh_hant: Some("調解會".into()),
            ..Default::default()
        },
    )
    .unwrap();
    remove(&by_mediator, seed::seed_id("mediation panel")).unwrap();
    let own = crate::termbase::add(
        &by_mediator,
        crate::termbase::tests::new("retention sum", "保留金额", "保留金額"),
    )
    .unwrap();

    let migration = Stamp {
        at: "2026-12-03T00:00:00Z".parse().unwrap(),
        actor: "Accord schema 6".into(),
    };
    let outcomes = apply_file(&Tx::new(&tx, &migration), &trial_file()).unwrap();
    let summary: Vec<(&str, Option<Field>, Option<Skip>)> = outcomes
        .iter()
        .map(|o| (o.key.as_str(), o.field, o.skipped))
        .collect();
    assert_eq!(
        summary,
        [
            ("mediator", Some(Field::Note), None),
            ("mediation session", Some(Field::ZhHans), Some(Skip::Edited)),
            ("mediation session", Some(Field::Note), Some(Skip::Edited)),
            ("mediation panel", Some(Field::Note), Some(Skip::Removed)),
            ("escrow agent", None, None),
            ("retention sum", None, Some(Skip::EnglishTaken)),
        ]
    );
    let mediator = find(&tx, "mediator").unwrap();
    assert_eq!(mediator.note.as_deref(), Some("corrected note"));
    assert_eq!(mediator.updated_at, "2026-12-03T00:00:00Z");
    assert_eq!(
        find(&tx, "mediation session").unwrap(),
        session,
        "the mediator's entry is exactly as they left it"
    );
    assert!(find(&tx, "mediation panel").is_err(), "not brought back");
    assert_eq!(find(&tx, "retention sum").unwrap(), own);
    assert_eq!(find(&tx, "escrow agent").unwrap().origin, TermOrigin::Seed);

    assert_eq!(
        actions_on(&tx, session.id),
        ["term.update", SKIPPED, SKIPPED]
    );
    assert_eq!(
        actions_on(&tx, seed::seed_id("mediation panel")),
        ["term.delete", SKIPPED]
    );
    assert_eq!(actions_on(&tx, own.id), ["term.create", SKIPPED]);
    assert_eq!(actions_on(&tx, mediator.id), [APPLIED]);
    tx.commit().unwrap();
    assert_eq!(
        crate::integrity::verify(&conn).unwrap().first_break,
        None,
        "skips and changes alike keep the chain whole"
    );
}

#[test]
fn a_file_of_another_format_or_naming_no_seed_entry_is_refused_and_writes_nothing() {
    let other = CORRECTIONS_JSON.replace(FORMAT, "accord-termbase-corrections/9");
    assert!(matches!(
        parse(&other),
        Err(Error::Invalid {
            field: "corrections",
            ..
        })
    ));
    let mut conn = conn();
    let events = crate::audit::list(&conn, None).unwrap().len();
    let tx = conn.transaction().unwrap();
    let mut file = trial_file();
    file.changes[0].key = "no such entry".into();
    assert!(apply_file(&Tx::new(&tx, &stamp()), &file).is_err());
    drop(tx);
    assert_eq!(crate::audit::list(&conn, None).unwrap().len(), events);
}
