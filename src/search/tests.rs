//! Search as a mediator uses it, on a real SQLCipher store: a written corpus with the
//! answers a mediator expects, and a seeded property test against a substring scan.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::fold::fold;
use super::*;
use crate::keys::MasterKey;
use crate::store::{Create, Store};

const HK: chrono_tz::Tz = chrono_tz::Asia::Hong_Kong;

/// A keyed, migrated store in a temporary directory (dropped with the test).
struct Db {
    store: Store,
    _dir: tempfile::TempDir,
    next_doc: i64,
}

fn uuid<T: From<uuid::Uuid>>(n: u128) -> T {
    T::from(uuid::Uuid::from_u128(
        0x0190_0000_0000_7000_8000_0000_0000_0000 | n,
    ))
}

const CASE_A: u128 = 0xA;
const CASE_B: u128 = 0xB;
const PARTY_A1: u128 = 0xA1;
const PARTY_A2: u128 = 0xA2;
const PARTY_B1: u128 = 0xB1;
const PARTY_B2: u128 = 0xB2;

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(
            &dir.path().join("accord.db"),
            &MasterKey::generate(),
            Create::Yes,
            &crate::schema::ACCORD,
        )
        .unwrap();
        store.migrate().unwrap();
        let mut db = Db {
            store,
            _dir: dir,
            next_doc: 1,
        };
        for (case, local_ref, parties) in [
            (CASE_A, "ACC-2026-0001", [PARTY_A1, PARTY_A2]),
            (CASE_B, "ACC-2026-0002", [PARTY_B1, PARTY_B2]),
        ] {
            db.raw(|c| {
                c.execute(
                    "INSERT INTO cases (id, local_ref, kind, panel, status, title_en, created_at, updated_at)
                     VALUES (?1, ?2, 'commercial', 'general', 'active', 'Test', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                    rusqlite::params![uuid::<CaseId>(case), local_ref],
                )
            });
            for party in parties {
                db.raw(|c| {
                    c.execute(
                        "INSERT INTO parties (id, case_id, kind, role, name_en, created_at)
                         VALUES (?1, ?2, 'company', 'other', 'Party', '2026-01-01T00:00:00Z')",
                        rusqlite::params![uuid::<PartyId>(party), uuid::<CaseId>(case)],
                    )
                });
            }
        }
        db
    }

    fn conn(&self) -> &Connection {
        self.store.conn()
    }

    /// Rows written behind the notes' back (no audit, as the index sees them).
    fn raw<T>(&mut self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> T {
        self.store.maintain(|c| Ok(f(c)?)).unwrap()
    }

    /// Inserts a note row and indexes it, as the notes' save will. Returns its id.
    fn note(&mut self, note: Note<'_>) -> NoteId {
        let doc = self.next_doc;
        self.next_doc += 1;
        let id = uuid(0x1_0000 + doc as u128);
        let (visibility, party) = note.visibility;
        self.store
            .maintain(|tx| {
                tx.execute(
                    "INSERT INTO notes (doc, id, case_id, visibility, party_id, text_en, text_zh, revision, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8)",
                    rusqlite::params![
                        doc,
                        id,
                        uuid::<CaseId>(note.case),
                        visibility,
                        party.map(uuid::<PartyId>),
                        note.en,
                        note.zh,
                        note.created_at
                    ],
                )?;
                for tag in note.tags {
                    tx.execute(
                        "INSERT INTO note_tags (note_id, tag) VALUES (?1, ?2)",
                        rusqlite::params![id, tag],
                    )?;
                }
                index::put(tx, doc)
            })
            .unwrap();
        id
    }
}

struct Note<'a> {
    case: u128,
    visibility: (Visibility, Option<u128>),
    tags: &'a [NoteTag],
    created_at: &'a str,
    en: &'a str,
    zh: &'a str,
}

const SHARED: (Visibility, Option<u128>) = (Visibility::Shared, None);
const PRIVATE: (Visibility, Option<u128>) = (Visibility::Private, None);
fn caucus(party: u128) -> (Visibility, Option<u128>) {
    (Visibility::Caucus, Some(party))
}

fn note<'a>(
    case: u128,
    visibility: (Visibility, Option<u128>),
    en: &'a str,
    zh: &'a str,
) -> Note<'a> {
    Note {
        case,
        visibility,
        tags: &[],
        created_at: "2026-02-10T03:00:00Z",
        en,
        zh,
    }
}

/// The written corpus, by name.
struct Corpus {
    db: Db,
    names: Vec<(NoteId, &'static str)>,
}

impl Corpus {
    fn new() -> Corpus {
        let mut db = Db::new();
        let mut names = Vec::new();
        let mut add = |db: &mut Db, name: &'static str, n: Note<'_>| names.push((db.note(n), name));
        add(&mut db, "draft", note(CASE_A, SHARED,
            "The parties discussed the draft settlement agreement and its confidentiality clause.",
            "双方讨论了和解协议草案及其保密条款。"));
        add(
            &mut db,
            "claimant-caucus",
            note(
                CASE_A,
                caucus(PARTY_A1),
                "",
                "申請人表示願意在調解中考慮分期付款，但要求保密。",
            ),
        );
        add(
            &mut db,
            "respondent-caucus",
            note(
                CASE_A,
                caucus(PARTY_A2),
                "Respondent's bottom line: it will not pay more than 40 million.",
                "被申请人底线：不超过四千万。",
            ),
        );
        add(
            &mut db,
            "private",
            note(
                CASE_A,
                PRIVATE,
                "My own view: settlement likely after the site visit.",
                "调解员个人看法：现场考察后可能和解。",
            ),
        );
        add(
            &mut db,
            "icsid",
            note(
                CASE_B,
                (Visibility::Shared, Some(PARTY_B1)),
                "ICSID调解 rules apply; the mediator proposed a timetable.",
                "适用ICSID调解规则。",
            ),
        );
        add(
            &mut db,
            "split",
            note(
                CASE_B,
                SHARED,
                "The agreement on settlement was postponed.",
                "他们已和解，解协议中的争议另行处理。",
            ),
        );
        add(
            &mut db,
            "proposal",
            Note {
                tags: &[NoteTag::Proposal, NoteTag::Option],
                ..note(
                    CASE_B,
                    SHARED,
                    "Proposal: the investor withdraws the claim; the state reviews the permit.",
                    "提案：投资者撤回请求；国家复审许可证。",
                )
            },
        );
        add(
            &mut db,
            "late-evening",
            Note {
                created_at: "2026-03-01T15:30:00Z", // 23:30 in Hong Kong
                ..note(
                    CASE_A,
                    SHARED,
                    "Mediation session adjourned.",
                    "调解会议休会。",
                )
            },
        );
        add(
            &mut db,
            "next-morning",
            Note {
                created_at: "2026-03-01T16:30:00Z", // 00:30 the next day in Hong Kong
                ..note(
                    CASE_A,
                    SHARED,
                    "Mediation resumed the next day.",
                    "调解次日恢复。",
                )
            },
        );
        add(
            &mut db,
            "traditional-agreement",
            note(
                CASE_B,
                caucus(PARTY_B2),
                "Both sides agreed to sign the settlement agreement.",
                "雙方同意簽署和解協議。",
            ),
        );
        add(
            &mut db,
            "year",
            note(CASE_B, SHARED, "", "会议定于2026年举行。"),
        );
        add(&mut db, "confidential-many", note(CASE_B, SHARED,
            "Confidentiality, confidentiality, confidentiality: the parties insist on confidentiality.",
            ""));
        Corpus { db, names }
    }

    fn name(&self, id: &NoteId) -> &'static str {
        self.names
            .iter()
            .find(|(i, _)| i == id)
            .expect("known note")
            .1
    }

    fn find(&self, query: &SearchQuery) -> Vec<&'static str> {
        search(self.db.conn(), query, HK)
            .unwrap()
            .hits
            .iter()
            .map(|h| self.name(&h.note_id))
            .collect()
    }

    fn text(&self, text: &str) -> BTreeSet<&'static str> {
        self.find(&SearchQuery {
            text: text.into(),
            ..Default::default()
        })
        .into_iter()
        .collect()
    }
}

fn set<const N: usize>(names: [&'static str; N]) -> BTreeSet<&'static str> {
    names.into_iter().collect()
}

#[test]
fn two_character_chinese_words_are_found_in_either_script() {
    let c = Corpus::new();
    let expected = set([
        "claimant-caucus",
        "private",
        "icsid",
        "late-evening",
        "next-morning",
    ]);
    assert_eq!(
        c.text("调解"),
        expected,
        "Simplified query finds Traditional 調解 too"
    );
    assert_eq!(
        c.text("調解"),
        expected,
        "Traditional query finds Simplified 调解 too"
    );
    assert_eq!(c.text("保密"), set(["draft", "claimant-caucus"]));
}

#[test]
fn four_character_words_are_found_and_gaps_are_not_bridged() {
    let c = Corpus::new();
    let expected = set(["draft", "traditional-agreement"]);
    assert_eq!(c.text("和解协议"), expected);
    assert_eq!(c.text("和解協議"), expected);
    // "split" has 和解，解协议: never the word 和解协议.
    assert!(c.text("和解").contains("split"));
    assert!(!c.text("和解协议").contains("split"));
}

#[test]
fn one_and_three_character_words() {
    let c = Corpus::new();
    assert_eq!(c.text("年"), set(["year"]));
    assert_eq!(c.text("調解員"), set(["private"]));
    assert_eq!(
        c.text("申请人"),
        set(["claimant-caucus", "respondent-caucus"])
    );
}

#[test]
fn english_words_are_stemmed_and_phrases_keep_order() {
    let c = Corpus::new();
    assert_eq!(
        c.text("settlement agreement"),
        set(["draft", "split", "traditional-agreement"])
    );
    assert_eq!(
        c.text("\"settlement agreement\""),
        set(["draft", "traditional-agreement"]),
        "the phrase needs the words side by side"
    );
    // mediation / mediator share the Porter2 stem.
    assert_eq!(
        c.text("MEDIATION"),
        set(["icsid", "late-evening", "next-morning"])
    );
    assert_eq!(c.text("agreements"), c.text("agreement"));
}

#[test]
fn mixed_english_and_chinese_queries() {
    let c = Corpus::new();
    assert_eq!(c.text("ICSID调解"), set(["icsid"]));
    assert_eq!(
        c.text("mediation 調解"),
        set(["icsid", "late-evening", "next-morning"])
    );
    assert_eq!(
        c.text("ＩＣＳＩＤ"),
        set(["icsid"]),
        "full-width Latin folds"
    );
    assert!(c.text("settlement 保密").contains("draft"));
}

#[test]
fn ranked_best_first() {
    let c = Corpus::new();
    let found = c.find(&SearchQuery {
        text: "confidentiality".into(),
        ..Default::default()
    });
    assert_eq!(found, vec!["confidential-many", "draft"]);
    let results = search(
        c.db.conn(),
        &SearchQuery {
            text: "confidentiality".into(),
            ..Default::default()
        },
        HK,
    )
    .unwrap();
    assert!(results.hits[0].score > results.hits[1].score);
}

#[test]
fn hits_carry_the_note_and_marked_snippets() {
    let c = Corpus::new();
    let results = search(
        c.db.conn(),
        &SearchQuery {
            text: "调解".into(),
            case_id: Some(uuid(CASE_A)),
            visibility: Some(Visibility::Caucus),
            ..Default::default()
        },
        HK,
    )
    .unwrap();
    assert_eq!(results.total, 1);
    let hit = &results.hits[0];
    assert_eq!(hit.case_ref, "ACC-2026-0001");
    assert_eq!(hit.party_id, Some(uuid(PARTY_A1)));
    assert_eq!(hit.visibility, Visibility::Caucus);
    assert!(hit.en.is_empty());
    let marked: Vec<&str> = hit
        .zh
        .iter()
        .filter(|f| f.hit)
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(
        marked,
        vec!["調解"],
        "the original Traditional text is marked"
    );

    let results = search(
        c.db.conn(),
        &SearchQuery {
            text: "investor".into(),
            ..Default::default()
        },
        HK,
    )
    .unwrap();
    assert_eq!(
        results.hits[0].tags,
        vec![NoteTag::Option, NoteTag::Proposal]
    );
}

#[test]
fn filters_narrow_the_results() {
    let c = Corpus::new();
    let q = |f: &dyn Fn(&mut SearchQuery)| {
        let mut query = SearchQuery {
            text: "调解".into(),
            ..Default::default()
        };
        f(&mut query);
        c.find(&query).into_iter().collect::<BTreeSet<_>>()
    };
    assert_eq!(q(&|q| q.case_id = Some(uuid(CASE_B))), set(["icsid"]));
    assert_eq!(
        q(&|q| q.party_id = Some(uuid(PARTY_A1))),
        set(["claimant-caucus"])
    );
    assert_eq!(
        q(&|q| q.visibility = Some(Visibility::Private)),
        set(["private"])
    );
    let tagged = c.find(&SearchQuery {
        text: "investor".into(),
        tag: Some(NoteTag::Proposal),
        ..Default::default()
    });
    assert_eq!(tagged, vec!["proposal"]);
    let untagged = c.find(&SearchQuery {
        text: "investor".into(),
        tag: Some(NoteTag::Fact),
        ..Default::default()
    });
    assert!(untagged.is_empty());
}

#[test]
fn dates_are_calendar_days_in_the_given_zone() {
    let c = Corpus::new();
    let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    let query = |from, to| SearchQuery {
        text: "mediation".into(),
        from,
        to,
        ..Default::default()
    };
    let in_zone = |q: &SearchQuery, zone| -> BTreeSet<&'static str> {
        search(c.db.conn(), q, zone)
            .unwrap()
            .hits
            .iter()
            .map(|h| c.name(&h.note_id))
            .collect()
    };
    // 15:30 and 16:30 UTC are 23:30 on the 1st and 00:30 on the 2nd in Hong Kong.
    assert_eq!(
        in_zone(&query(Some(day(1)), Some(day(1))), HK),
        set(["late-evening"])
    );
    assert_eq!(
        in_zone(&query(Some(day(2)), None), HK),
        set(["next-morning"])
    );
    assert_eq!(
        in_zone(&query(Some(day(1)), Some(day(1))), chrono_tz::UTC),
        set(["late-evening", "next-morning"])
    );
    assert_eq!(
        in_zone(&query(None, Some(day(1))), HK),
        set(["icsid", "late-evening"])
    );
    assert!(matches!(
        search(c.db.conn(), &query(Some(day(2)), Some(day(1))), HK),
        Err(Error::EndBeforeStart)
    ));
}

#[test]
fn as_a_party_never_sees_another_partys_caucus_or_private_notes() {
    let c = Corpus::new();
    let as_party = |party: u128, text: &str| -> BTreeSet<&'static str> {
        c.find(&SearchQuery {
            text: text.into(),
            case_id: Some(uuid(CASE_A)),
            as_party: Some(uuid(party)),
            ..Default::default()
        })
        .into_iter()
        .collect()
    };
    assert_eq!(
        as_party(PARTY_A1, "保密"),
        set(["draft", "claimant-caucus"])
    );
    assert_eq!(
        as_party(PARTY_A2, "保密"),
        set(["draft"]),
        "A1's caucus note is A1's"
    );
    assert_eq!(
        as_party(PARTY_A1, "settlement"),
        set(["draft"]),
        "no private note, no other party's caucus note, nothing of another case (\"split\")"
    );
    // Even when asked for explicitly, the rule holds.
    let forced = c.find(&SearchQuery {
        text: "调解".into(),
        case_id: Some(uuid(CASE_A)),
        as_party: Some(uuid(PARTY_A2)),
        visibility: Some(Visibility::Caucus),
        ..Default::default()
    });
    assert!(forced.is_empty(), "{forced:?}");
    let forced = c.find(&SearchQuery {
        text: "调解".into(),
        case_id: Some(uuid(CASE_A)),
        as_party: Some(uuid(PARTY_A2)),
        visibility: Some(Visibility::Private),
        ..Default::default()
    });
    assert!(forced.is_empty(), "{forced:?}");
}

#[test]
fn as_a_party_the_rows_decide_not_only_the_index() {
    let mut db = Db::new();
    let confided = db.note(note(CASE_A, caucus(PARTY_A1), "our bottom line is 45m", ""));
    // An index entry gone stale (or tampered): the row says caucus of A1, the facets
    // still say shared.
    db.store
        .maintain(|tx| {
            tx.execute(
                "UPDATE notes SET visibility = 'shared', party_id = NULL WHERE id = ?1",
                [confided],
            )?;
            let doc: i64 =
                tx.query_row("SELECT doc FROM notes WHERE id = ?1", [confided], |r| {
                    r.get(0)
                })?;
            index::put(tx, doc)?;
            tx.execute(
                "UPDATE notes SET visibility = 'caucus', party_id = ?2 WHERE id = ?1",
                rusqlite::params![confided, uuid::<PartyId>(PARTY_A1)],
            )?;
            Ok(())
        })
        .unwrap();
    let query = |case: Option<u128>| SearchQuery {
        text: "bottom line".into(),
        case_id: case.map(uuid),
        as_party: Some(uuid(PARTY_A2)),
        ..Default::default()
    };
    let zone = chrono_tz::Asia::Hong_Kong;
    let hits = search(db.conn(), &query(Some(CASE_A)), zone).unwrap().hits;
    assert!(hits.is_empty(), "A2 must not see A1's confidence: {hits:?}");
    // Across cases "as seen by" would reach every other case's shared notes.
    assert!(matches!(
        search(db.conn(), &query(None), zone),
        Err(Error::Required { field: "case" })
    ));
}

#[test]
fn paging_keeps_the_total() {
    let c = Corpus::new();
    let page = |offset| {
        search(
            c.db.conn(),
            &SearchQuery {
                text: "调解".into(),
                limit: Some(2),
                offset: Some(offset),
                ..Default::default()
            },
            HK,
        )
        .unwrap()
    };
    let (first, third) = (page(0), page(4));
    assert_eq!((first.total, first.hits.len()), (5, 2));
    assert_eq!((third.total, third.hits.len()), (5, 1));
}

#[test]
fn hostile_queries_never_reach_fts5_as_syntax() {
    let c = Corpus::new();
    let long = "调解 NEAR( \"".repeat(80);
    for text in [
        "\"",
        "*",
        "NEAR(调解, 保密)",
        "OR",
        "-调解",
        "chars:调",
        "^保密",
        "\"unbalanced 调解",
        "调解 😀",
        "body : settlement",
        long.as_str(),
    ] {
        match search(
            c.db.conn(),
            &SearchQuery {
                text: text.into(),
                ..Default::default()
            },
            HK,
        ) {
            Ok(_) | Err(Error::Invalid { field: "query", .. }) => {}
            Err(e) => panic!("{text:?}: {e}"),
        }
    }
    let huge = "调".repeat(10_000);
    assert!(matches!(
        search(
            c.db.conn(),
            &SearchQuery {
                text: huge,
                ..Default::default()
            },
            HK
        ),
        Err(Error::TooLong { field: "query", .. })
    ));
}

#[test]
fn put_replaces_and_remove_forgets() {
    let mut db = Db::new();
    let id = db.note(note(CASE_A, SHARED, "arbitration", "仲裁"));
    let find = |db: &Db, text: &str| {
        search(
            db.conn(),
            &SearchQuery {
                text: text.into(),
                ..Default::default()
            },
            HK,
        )
        .unwrap()
        .hits
        .iter()
        .map(|h| h.note_id)
        .collect::<Vec<_>>()
    };
    assert_eq!(find(&db, "仲裁"), vec![id]);
    db.raw(|c| {
        c.execute(
            "UPDATE notes SET text_en = 'mediation', text_zh = '调解' WHERE doc = 1",
            [],
        )
    });
    db.store.maintain(|c| index::put(c, 1)).unwrap();
    assert!(
        find(&db, "仲裁").is_empty(),
        "the old text is gone from the index"
    );
    assert!(find(&db, "arbitration").is_empty());
    assert_eq!(find(&db, "调解"), vec![id]);
    db.store.maintain(|c| index::remove(c, 1)).unwrap();
    assert!(find(&db, "调解").is_empty());
    db.store.maintain(|c| index::remove(c, 1)).unwrap(); // removing twice is harmless
}

// ---------------------------------------------------------------------------------------
// Property test: search against a plain substring scan over the folded texts.

/// One of `items`, chosen by `rng`.
fn pick<T: Copy>(rng: &mut fastrand::Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

/// A small alphabet, so words repeat, runs touch and gaps fall between equal characters;
/// Traditional and Simplified forms of the same characters; characters fast2s converts
/// differently in context (乾隆, 計畫).
const HAN: &[&str] = &[
    "调", "調", "解", "和", "协", "協", "议", "議", "保", "密", "员", "員", "方", "乾", "隆", "計",
    "畫", "会", "會",
];
const GAPS: &[&str] = &["，", "。", " ", "、", "a", "2026"];
const WORDS: &[&str] = &[
    "mediation",
    "mediator",
    "settlement",
    "agreement",
    "agreements",
    "caucus",
    "party",
    "parties",
    "confidential",
    "Confidentiality",
    "ICSID",
    "draft",
];

fn random_zh(rng: &mut fastrand::Rng) -> String {
    let mut s = String::new();
    for _ in 0..rng.usize(..40) {
        if rng.usize(..6) == 0 {
            s.push_str(pick(rng, GAPS));
        } else {
            s.push_str(pick(rng, HAN));
        }
    }
    s
}

fn random_en(rng: &mut fastrand::Rng) -> String {
    let mut s = String::new();
    for _ in 0..rng.usize(..12) {
        s.push_str(pick(rng, WORDS));
        s.push_str(pick(rng, &[" ", ", ", ". ", " ", "调解"]));
    }
    s
}

fn all_hits(conn: &Connection, text: &str) -> BTreeSet<NoteId> {
    let mut found = BTreeSet::new();
    let mut offset = 0;
    loop {
        let page = search(
            conn,
            &SearchQuery {
                text: text.into(),
                limit: Some(MAX_LIMIT),
                offset: Some(offset),
                ..Default::default()
            },
            HK,
        )
        .unwrap();
        let n = page.hits.len() as u32;
        found.extend(page.hits.into_iter().map(|h| h.note_id));
        offset += n;
        if offset >= page.total || n == 0 {
            assert_eq!(found.len() as u32, page.total);
            return found;
        }
    }
}

fn whole_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric() || fold::is_han(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn search_agrees_with_a_substring_scan() {
    let mut rng = fastrand::Rng::with_seed(0x5EED_ACC0_4D00_0001);
    let mut db = Db::new();
    let mut notes: Vec<(NoteId, String, String)> = Vec::new();
    for i in 0..300 {
        let en = if i % 3 == 0 {
            String::new()
        } else {
            random_en(&mut rng)
        };
        let zh = random_zh(&mut rng);
        let id = db.note(note(CASE_A, SHARED, &en, &zh));
        notes.push((id, en, zh));
    }
    let mut checked_cjk = 0;
    for _ in 0..400 {
        // A 1–4 character query: usually cut from a note (so it has hits), sometimes random.
        let len = 1 + rng.usize(..4);
        let query: String = if rng.usize(..4) == 0 {
            (0..len).map(|_| pick(&mut rng, HAN)).collect()
        } else {
            let (_, _, zh) = &notes[rng.usize(..notes.len())];
            let chars: Vec<char> = zh.chars().collect();
            if chars.len() < len {
                continue;
            }
            let at = rng.usize(..chars.len() - len + 1);
            chars[at..at + len].iter().collect()
        };
        if !query.chars().all(fold::is_han) {
            continue;
        }
        let wanted = fold(&query);
        let oracle: BTreeSet<NoteId> = notes
            .iter()
            .filter(|(_, en, zh)| fold(en).contains(&wanted) || fold(zh).contains(&wanted))
            .map(|(id, _, _)| *id)
            .collect();
        assert_eq!(all_hits(db.conn(), &query), oracle, "query {query:?}");
        checked_cjk += 1;
    }
    assert!(
        checked_cjk > 250,
        "only {checked_cjk} Chinese queries checked"
    );

    for word in WORDS {
        let wanted = fold(word);
        let oracle: BTreeSet<NoteId> = notes
            .iter()
            .filter(|(_, en, zh)| {
                whole_words(en).contains(&wanted) || whole_words(zh).contains(&wanted)
            })
            .map(|(id, _, _)| *id)
            .collect();
        assert!(!oracle.is_empty(), "{word} never generated");
        let found = all_hits(db.conn(), word);
        assert!(
            oracle.is_subset(&found),
            "{word}: {} whole-word occurrences missed",
            oracle.difference(&found).count()
        );
    }
}

#[test]
fn total_stops_at_the_cap() {
    let mut db = Db::new();
    let n = TOTAL_CAP as usize + 5;
    for _ in 0..n {
        db.note(note(CASE_A, SHARED, "mediation", ""));
    }
    let results = search(
        db.conn(),
        &SearchQuery {
            text: "mediation".into(),
            ..Default::default()
        },
        HK,
    )
    .unwrap();
    assert_eq!(
        results.total, TOTAL_CAP,
        "a capped total means 'this many or more'"
    );
    assert_eq!(results.hits.len(), DEFAULT_LIMIT as usize);
}
