//! The contract the UI's fake backend is held to: named scenarios run through the real
//! core, on a real vault with a fixed clock, and the core's answer to every step
//! recorded in `ui/src/test/fixtures/contract.json`. The UI's test
//! `ui/src/lib/backend/contract.test.ts` replays the same steps through the fake and
//! expects the same answers, so the fake cannot pass a UI test the core would fail.
//!
//! Each step is a call the UI makes (a `Backend` method, with the arguments it sends over
//! IPC) and the time it is made at; here it goes to the same core functions as the
//! desktop shell's command. Ids are replaced by the names the scenario gives what it
//! creates, both in the inputs and in the answers; an answer is `{"ok": …}` with what the
//! UI reads of the result, or `{"error": code, "args": …}`.
//!
//! The file is checked, not only written: this test fails when the core's answers differ
//! from it. `ACCORD_RECORD=1 cargo test --test accord contract` rewrites it; commit it
//! after reading the diff, and make the fake agree (never the core).

use std::path::PathBuf;

use accord::agreements::checks;
use accord::agreements::clauses::{self, Clause, ClauseText, Place, PositionStatus, Step};
use accord::agreements::library;
use accord::agreements::redline;
use accord::agreements::versions::{self, AgreementVersion};
use accord::agreements::{self, NewAgreement};
use accord::cases::{self, NewCase};
use accord::confidentiality::{self, DisclosureDraft};
use accord::ids::{AgreementId, CaseId, ClauseId, NoteId, PartyId, SessionId};
use accord::notes::{self, revisions, Note, NoteDraft};
use accord::parties::{self, NewParty};
use accord::search::{self, SearchQuery};
use accord::sessions::{self, Session, SessionDraft};
use accord::vault::{self, InitOptions, KdfParams, Vault, VaultDir, MIN_MEMORY_KIB};
use accord::views;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

const FIXTURE: &str = "ui/src/test/fixtures/contract.json";

/// The agenda's length as the desktop shell asks for it (src-tauri/src/commands/mod.rs).
const AGENDA_LIMIT: usize = 200;

/// The scenarios' clock, in UTC: the day before "now" (from 08:00 at the venue in Hong
/// Kong, UTC+8), and now (14:00 there).
const BEFORE_THE_SESSIONS: &str = "2026-12-01T00:00:00Z";
const YESTERDAY_0905: &str = "2026-12-01T01:05:00Z";
const YESTERDAY_1000: &str = "2026-12-01T02:00:00Z";
const NOW: &str = "2026-12-02T06:00:00Z";

fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// One scenario being run: its vault, its clock, the names it gave, the steps so far.
struct Run {
    _dir: tempfile::TempDir,
    vault: Vault,
    at: DateTime<Utc>,
    /// (name, id) of everything the scenario created.
    names: Vec<(String, String)>,
    steps: Vec<Value>,
}

impl Run {
    fn new(at: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let options = InitOptions {
            passphrase: "correct horse battery staple".to_string().into(),
            mediator: "Test Mediator".into(),
            kdf: KdfParams {
                memory_kib: MIN_MEMORY_KIB,
                iterations: 1,
                parallelism: 1,
            },
            use_keyring: false,
        };
        let made = vault::init(
            &VaultDir::new(dir.path().join("vault")),
            options,
            instant(at),
        )
        .expect("vault");
        Run {
            _dir: dir,
            vault: made.vault,
            at: instant(at),
            names: Vec::new(),
            steps: Vec::new(),
        }
    }

    /// Makes the following steps at `at`.
    fn at(&mut self, at: &str) -> &mut Self {
        self.at = instant(at);
        self
    }

    /// A step whose result is named `name` (by its id) in later inputs and answers.
    fn create(&mut self, name: &str, call: &str, args: Value) -> &mut Self {
        self.record(Some(name), call, args)
    }

    fn step(&mut self, call: &str, args: Value) -> &mut Self {
        self.record(None, call, args)
    }

    fn record(&mut self, name: Option<&str>, call: &str, args: Value) -> &mut Self {
        let resolved = self.resolve(args.clone());
        let answer = match self.answer(call, &resolved) {
            Ok(ok) => {
                if let Some(name) = name {
                    let id = ok["id"].as_str().expect("a created thing has an id");
                    self.names.push((name.to_string(), id.to_string()));
                }
                json!({ "ok": self.named(ok) })
            }
            Err(e) => {
                let args: Map<String, Value> = e
                    .args()
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), self.named(Value::String(v))))
                    .collect();
                json!({ "error": e.code().as_str(), "args": args })
            }
        };
        let mut step = json!({
            "at": time(self.at),
            "call": call,
            "args": args,
            "core": answer,
        });
        if let Some(name) = name {
            step["name"] = name.into();
        }
        self.steps.push(step);
        self
    }

    /// The inputs with every name replaced by its id.
    fn resolve(&self, value: Value) -> Value {
        map_strings(value, &|s| {
            self.names
                .iter()
                .find(|(name, _)| name == s)
                .map(|(_, id)| id.clone())
        })
    }

    /// An answer with every id replaced by its name.
    fn named(&self, value: Value) -> Value {
        map_strings(value, &|s| {
            self.names
                .iter()
                .find(|(_, id)| id == s)
                .map(|(name, _)| name.clone())
        })
    }

    fn name_of(&self, id: impl std::fmt::Display) -> String {
        self.named(Value::String(id.to_string()))
            .as_str()
            .unwrap()
            .to_string()
    }

    /// What the core answers to `call`, through the functions the desktop shell's command
    /// for it calls.
    fn answer(&mut self, call: &str, args: &Value) -> accord::Result<Value> {
        let at = self.at;
        match call {
            "createCase" => {
                let input = NewCase {
                    lead_mediator: self.vault.mediator()?,
                    ..arg::<NewCase>(args, "input")
                };
                let case = self.vault.change(at, |tx| cases::create(tx, input))?;
                Ok(json!({ "id": case.id }))
            }
            "addParty" => {
                let (case, input): (CaseId, NewParty) = (arg(args, "case"), arg(args, "input"));
                let party = self
                    .vault
                    .change(at, |tx| parties::create(tx, &cases::load(tx, case)?, input))?;
                Ok(json!({ "id": party.id }))
            }
            "createSession" => {
                let case: CaseId = arg(args, "case");
                let new = arg::<SessionDraft>(args, "draft").parse()?;
                let session = self
                    .vault
                    .change(at, |tx| sessions::create(tx, &cases::load(tx, case)?, new))?;
                Ok(session_answer(&session))
            }
            "startSession" => {
                let id: SessionId = arg(args, "session");
                let session = self.vault.change(at, |tx| sessions::start(tx, id, at))?;
                Ok(session_answer(&session))
            }
            "endSession" => {
                let id: SessionId = arg(args, "session");
                let session = self.vault.change(at, |tx| sessions::end(tx, id, at))?;
                Ok(session_answer(&session))
            }
            "agenda" => {
                let items = views::agenda(self.vault.read(), at, AGENDA_LIMIT)?;
                Ok(json!(items
                    .iter()
                    .map(|i| i.session.id)
                    .collect::<Vec<_>>()))
            }
            "guardState" => Ok(json!(views::guard_state(self.vault.read())?)),
            "createNote" => {
                let (case, draft): (CaseId, NoteDraft) = (arg(args, "case"), arg(args, "draft"));
                let note = self.vault.change(at, |tx| notes::create(tx, case, draft))?;
                Ok(note_answer(&note))
            }
            "saveNote" => {
                let (id, base, draft): (NoteId, i64, NoteDraft) = (
                    arg(args, "note"),
                    arg(args, "base_revision"),
                    arg(args, "draft"),
                );
                let note = self
                    .vault
                    .change(at, |tx| notes::save(tx, id, base, draft))?;
                Ok(note_answer(&note))
            }
            "restoreRevision" => {
                let (id, revision): (NoteId, i64) = (arg(args, "note"), arg(args, "revision"));
                let note = self
                    .vault
                    .change(at, |tx| revisions::restore(tx, id, revision))?;
                Ok(note_answer(&note))
            }
            "recordDisclosure" => {
                let (id, draft): (NoteId, DisclosureDraft) =
                    (arg(args, "note"), arg(args, "draft"));
                let d = self
                    .vault
                    .change(at, |tx| confidentiality::record(tx, id, draft))?;
                Ok(json!({
                    "id": d.id,
                    "party_id": d.party_id,
                    "scope": d.scope,
                    "revision": d.revision,
                }))
            }
            "searchNotes" => {
                let query: SearchQuery = arg(args, "query");
                // The dates in a query are days in the laptop's zone; these have none.
                let found = search::search(self.vault.read(), &query, chrono_tz::UTC)?;
                // Which notes, not their order: the fake does not rank as the core does.
                let mut hits: Vec<String> =
                    found.hits.iter().map(|h| self.name_of(h.note_id)).collect();
                hits.sort();
                Ok(json!({ "hits": hits }))
            }
            "createAgreement" => {
                let (case, input, templates): (CaseId, NewAgreement, Vec<String>) = (
                    arg(args, "case"),
                    arg(args, "input"),
                    arg(args, "templates"),
                );
                // As the desktop shell's agreement_create: the templates in the same transaction.
                let agreement = self.vault.change(at, |tx| {
                    let agreement = agreements::create(tx, case, input)?;
                    for key in &templates {
                        library::insert(tx, agreement.id, key, Place::End)?;
                    }
                    Ok(agreement)
                })?;
                Ok(json!({ "id": agreement.id, "status": agreement.status }))
            }
            "agreementDetail" => {
                let id: AgreementId = arg(args, "agreement");
                let detail = agreements::detail(self.vault.read(), id)?;
                Ok(json!({
                    "status": detail.agreement.status,
                    "clauses": detail.clauses.iter().map(|c| json!({
                        "id": c.clause.id,
                        "number": c.number,
                        "depth": c.depth,
                        "source_note_id": c.clause.source_note_id,
                        "source_moved_on": c.source_moved_on,
                        "kind": c.clause.kind,
                    })).collect::<Vec<_>>(),
                    "versions": detail.versions.iter().map(|v| v.version).collect::<Vec<_>>(),
                }))
            }
            "addClause" => {
                let (id, words, place): (AgreementId, ClauseText, Place) = (
                    arg(args, "agreement"),
                    arg(args, "words"),
                    arg(args, "place"),
                );
                let clause = self
                    .vault
                    .change(at, |tx| clauses::add(tx, id, words, place))?;
                self.clause_answer(&clause)
            }
            "addClauseFromLibrary" => {
                let (id, key, place): (AgreementId, String, Place) =
                    (arg(args, "agreement"), arg(args, "key"), arg(args, "place"));
                let clause = self
                    .vault
                    .change(at, |tx| library::insert(tx, id, &key, place))?;
                self.clause_answer(&clause)
            }
            "addClauseFromNote" => {
                let (id, note, place): (AgreementId, NoteId, Place) = (
                    arg(args, "agreement"),
                    arg(args, "note"),
                    arg(args, "place"),
                );
                let clause = self
                    .vault
                    .change(at, |tx| clauses::add_from_note(tx, id, note, place))?;
                self.clause_answer(&clause)
            }
            "editClause" => {
                let (id, words): (ClauseId, ClauseText) = (arg(args, "clause"), arg(args, "words"));
                let clause = self.vault.change(at, |tx| clauses::edit(tx, id, words))?;
                self.clause_answer(&clause)
            }
            "moveClause" => {
                let (id, place): (ClauseId, Place) = (arg(args, "clause"), arg(args, "place"));
                let clause = self
                    .vault
                    .change(at, |tx| clauses::move_to(tx, id, place))?;
                self.clause_answer(&clause)
            }
            "shiftClause" => {
                let (id, step): (ClauseId, Step) = (arg(args, "clause"), arg(args, "step"));
                let clause = self.vault.change(at, |tx| clauses::shift(tx, id, step))?;
                self.clause_answer(&clause)
            }
            "removeClause" => {
                let id: ClauseId = arg(args, "clause");
                let clause = self.vault.change(at, |tx| clauses::remove(tx, id))?;
                self.clause_answer(&clause)
            }
            "setPosition" => {
                let (id, party, status, comment): (ClauseId, PartyId, PositionStatus, String) = (
                    arg(args, "clause"),
                    arg(args, "party"),
                    arg(args, "status"),
                    arg(args, "comment"),
                );
                let clause = self.vault.change(at, |tx| {
                    clauses::set_position(tx, id, party, status, &comment)
                })?;
                Ok(json!({
                    "id": clause.id,
                    "positions": clause.positions.iter().map(|p| json!({
                        "party_id": p.party_id, "status": p.status, "comment": p.comment,
                    })).collect::<Vec<_>>(),
                }))
            }
            "saveVersion" => {
                let (id, label): (AgreementId, String) =
                    (arg(args, "agreement"), arg(args, "label"));
                let v = self.vault.change(at, |tx| versions::save(tx, id, &label))?;
                Ok(version_answer(&v))
            }
            "redline" => {
                let (id, from, to): (AgreementId, i64, Option<i64>) =
                    (arg(args, "agreement"), arg(args, "from"), arg(args, "to"));
                let red = redline::compare(self.vault.read(), id, from, to)?;
                // Which clause changed how, and its numbers: the spans are the core's own.
                Ok(json!(red
                    .clauses
                    .iter()
                    .map(|c| json!({
                        "id": c.id,
                        "change": c.change,
                        "number_from": c.number_from,
                        "number_to": c.number_to,
                        "edited": c.edited,
                    }))
                    .collect::<Vec<_>>()))
            }
            "checkAgreement" => {
                let id: AgreementId = arg(args, "agreement");
                let problems = checks::check(self.vault.read(), id)?;
                Ok(json!(problems
                    .iter()
                    .map(|p| json!({ "clause": p.clause, "check": p.check, "args": p.args }))
                    .collect::<Vec<_>>()))
            }
            "finalizeAgreement" => {
                let (id, label): (AgreementId, String) =
                    (arg(args, "agreement"), arg(args, "label"));
                let v = self
                    .vault
                    .change(at, |tx| checks::finalise(tx, id, &label))?;
                Ok(version_answer(&v))
            }
            other => panic!("no such call in the contract: {other}"),
        }
    }

    /// A changed clause and its agreement's outline after the change: the numbers are
    /// what a move or an insertion is for.
    fn clause_answer(&self, clause: &Clause) -> accord::Result<Value> {
        let outline = clauses::outline(self.vault.read(), clause.agreement_id)?;
        Ok(json!({
            "id": clause.id,
            "outline": outline
                .iter()
                .map(|c| json!([c.number, c.clause.id]))
                .collect::<Vec<_>>(),
        }))
    }

    fn finish(&mut self, name: &str, about: &str) -> Value {
        json!({
            "name": name,
            "about": about,
            "steps": std::mem::take(&mut self.steps),
        })
    }
}

fn arg<T: DeserializeOwned>(args: &Value, key: &str) -> T {
    serde_json::from_value(args[key].clone())
        .unwrap_or_else(|e| panic!("argument {key} of {args}: {e}"))
}

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn map_strings(value: Value, f: &dyn Fn(&str) -> Option<String>) -> Value {
    match value {
        Value::String(s) => Value::String(f(&s).unwrap_or(s)),
        Value::Array(items) => Value::Array(items.into_iter().map(|v| map_strings(v, f)).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(k, v)| (k, map_strings(v, f)))
                .collect(),
        ),
        other => other,
    }
}

/// What the UI reads of a session: when it is scheduled and whether it is under way.
fn session_answer(s: &Session) -> Value {
    json!({
        "id": s.id,
        "scheduled_start": s.scheduled_start,
        "scheduled_end": s.scheduled_end,
        "actual_start": s.actual_start,
        "actual_end": s.actual_end,
    })
}

/// What the UI reads of a note to show and guard it.
fn note_answer(n: &Note) -> Value {
    json!({
        "id": n.id,
        "visibility": n.visibility,
        "party_id": n.party_id,
        "confided_by": n.confided_by,
        "caucus_regime": n.caucus_regime,
        "revision": n.revision,
        "disclosure": n.disclosure,
    })
}

fn version_answer(v: &AgreementVersion) -> Value {
    json!({ "version": v.version, "label": v.label })
}

/// Objects with their keys in order, whatever serde_json's map keeps.
fn canonical(value: Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        Value::Object(fields) => {
            let mut sorted: Vec<(String, Value)> = fields.into_iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(sorted.into_iter().map(|(k, v)| (k, canonical(v))).collect())
        }
        other => other,
    }
}

fn new_case(run: &mut Run) -> &mut Run {
    run.create(
        "case",
        "createCase",
        json!({ "input": { "kind": "commercial", "title_en": "Contract", "co_mediators": [] } }),
    )
}

fn new_party(run: &mut Run, name: &str, name_en: &str) {
    run.create(
        name,
        "addParty",
        json!({ "case": "case", "input": {
            "kind": "company", "role": "other", "name_en": name_en, "representatives": []
        } }),
    );
}

/// A joint session at the venue in Hong Kong.
fn joint(start: &str, end: &str) -> Value {
    json!({ "case": "case", "draft": {
        "kind": "joint", "time_zone": "Asia/Hong_Kong", "start": start, "end": end, "attendees": []
    } })
}

fn agenda() -> Value {
    let mut run = Run::new(BEFORE_THE_SESSIONS);
    new_case(&mut run)
        .create(
            "overrunning",
            "createSession",
            joint("2026-12-01T09:00", "10:00"),
        )
        .create(
            "finished",
            "createSession",
            joint("2026-12-01T09:00", "10:00"),
        )
        .create(
            "tomorrow",
            "createSession",
            joint("2026-12-03T09:00", "10:00"),
        )
        .at(YESTERDAY_0905)
        .step("startSession", json!({ "session": "overrunning" }))
        .step("startSession", json!({ "session": "finished" }))
        .at(YESTERDAY_1000)
        .step("endSession", json!({ "session": "finished" }))
        .at(NOW)
        .step("agenda", json!({}));
    run.finish(
        "agenda",
        "a joint session scheduled yesterday, started and never ended, is on today's agenda; \
         one that ended is not; tomorrow's is",
    )
}

fn guard() -> Value {
    let mut run = Run::new(BEFORE_THE_SESSIONS);
    new_case(&mut run);
    new_party(&mut run, "party-a", "Alpha Ltd");
    run.create("joint", "createSession", joint("2026-12-01T09:00", "10:00"))
        .create(
            "caucus-a",
            "createSession",
            json!({ "case": "case", "draft": {
                "kind": "caucus", "caucus_party": "party-a", "time_zone": "Asia/Hong_Kong",
                "start": "2026-12-02T15:00", "attendees": []
            } }),
        )
        .step("guardState", json!({}))
        .at(YESTERDAY_0905)
        .step("startSession", json!({ "session": "joint" }))
        .at(NOW)
        .step("guardState", json!({}))
        .step("endSession", json!({ "session": "joint" }))
        .step("guardState", json!({}))
        .step("startSession", json!({ "session": "caucus-a" }))
        .step("guardState", json!({}));
    run.finish(
        "guard",
        "the guard is on while a joint session is under way, a day past its schedule too, and \
         off once it ends; a live caucus is under way but does not turn it on",
    )
}

fn draft(visibility: &str, party: Option<&str>, text_en: &str) -> Value {
    let mut draft =
        json!({ "visibility": visibility, "tags": [], "text_en": text_en, "text_zh": "" });
    if let Some(party) = party {
        draft["party_id"] = party.into();
    }
    draft
}

fn save(note: &str, base_revision: i64, draft: Value) -> Value {
    json!({ "note": note, "base_revision": base_revision, "draft": draft })
}

fn consent() -> Value {
    const CONFIDED: &str = "A would accept 40m";
    const EDITED: &str = "A would accept 40m, or 35m with the land";
    let mut run = Run::new(NOW);
    new_case(&mut run);
    new_party(&mut run, "party-a", "Alpha Ltd");
    new_party(&mut run, "party-b", "Beta Ltd");
    run.create(
        "caucus-a",
        "createSession",
        json!({ "case": "case", "draft": {
            "kind": "caucus", "caucus_party": "party-a", "time_zone": "Asia/Hong_Kong",
            "start": "2026-12-02T14:00", "attendees": []
        } }),
    )
    .create(
        "note-1",
        "createNote",
        json!({ "case": "case", "draft": {
            "session_id": "caucus-a", "tags": [], "text_en": CONFIDED, "text_zh": ""
        } }),
    )
    .step(
        "saveNote",
        save("note-1", 1, draft("shared", None, CONFIDED)),
    )
    .step(
        "saveNote",
        save("note-1", 1, draft("private", None, CONFIDED)),
    )
    .step(
        "saveNote",
        save("note-1", 2, draft("shared", None, CONFIDED)),
    )
    .step(
        "saveNote",
        save("note-1", 2, draft("caucus", Some("party-a"), CONFIDED)),
    )
    .step(
        "saveNote",
        save("note-1", 3, draft("caucus", Some("party-b"), CONFIDED)),
    )
    .create(
        "note-2",
        "createNote",
        json!({ "case": "case", "draft": draft("shared", None, "Draft terms") }),
    )
    .step(
        "saveNote",
        save(
            "note-2",
            1,
            draft("caucus", Some("party-a"), "A's bottom line"),
        ),
    )
    .step(
        "restoreRevision",
        json!({ "note": "note-2", "revision": 1 }),
    )
    .create(
        "disclosure-1",
        "recordDisclosure",
        json!({ "note": "note-1", "draft": { "scope": "all", "given_by": "Alice Lee" } }),
    )
    .step(
        "saveNote",
        save("note-1", 3, draft("shared", None, CONFIDED)),
    )
    .step("saveNote", save("note-1", 4, draft("shared", None, EDITED)))
    .step(
        "saveNote",
        save("note-1", 4, draft("caucus", Some("party-a"), EDITED)),
    )
    .step("saveNote", save("note-1", 5, draft("shared", None, EDITED)));
    run.finish(
        "consent",
        "a note party A confided in caucus goes to shared, or to party B, only with A's \
         authorisation of all of its current text: not after a private detour, not by restoring \
         a shared revision, not once the text changes after A's word",
    )
}

fn search_as_party() -> Value {
    let mut run = Run::new(NOW);
    new_case(&mut run);
    new_party(&mut run, "party-a", "Alpha Ltd");
    new_party(&mut run, "party-b", "Beta Ltd");
    let note = |draft: Value| json!({ "case": "case", "draft": draft });
    let query = |fields: Value| {
        let mut query = json!({ "text": "board" });
        query
            .as_object_mut()
            .unwrap()
            .extend(fields.as_object().unwrap().clone());
        json!({ "query": query })
    };
    run.create(
        "note-shared",
        "createNote",
        note(draft("shared", None, "The board meets on Friday.")),
    )
    .create(
        "note-caucus-a",
        "createNote",
        note(draft(
            "caucus",
            Some("party-a"),
            "Our board would accept 40m.",
        )),
    )
    .create(
        "note-caucus-b",
        "createNote",
        note(draft(
            "caucus",
            Some("party-b"),
            "Our board wants more time.",
        )),
    )
    .create(
        "note-private",
        "createNote",
        note(draft("private", None, "My view: the board is split.")),
    )
    .create(
        "note-a-then-private",
        "createNote",
        note(draft(
            "caucus",
            Some("party-a"),
            "The board chair may resign.",
        )),
    )
    .step(
        "saveNote",
        save(
            "note-a-then-private",
            1,
            draft("private", None, "The board chair may resign."),
        ),
    )
    .step(
        "searchNotes",
        query(json!({ "case_id": "case", "as_party": "party-b" })),
    )
    .step(
        "searchNotes",
        query(json!({ "case_id": "case", "as_party": "party-a" })),
    )
    .step("searchNotes", query(json!({ "as_party": "party-a" })))
    .step("searchNotes", query(json!({ "case_id": "case" })));
    run.finish(
        "search as a party",
        "as party B, search never finds what A confided, and as A never what B did; neither \
         sees private notes, even one A confided before it was made private; as a party only \
         within a case; the mediator sees every note",
    )
}

fn words(en: &str, zh: &str) -> Value {
    json!({ "heading_en": "", "heading_zh": "", "text_en": en, "text_zh": zh })
}

fn at_end() -> Value {
    json!({ "kind": "end" })
}

fn agreement() -> Value {
    // Words no termbase entry and no figure reader looks at, so the checks the fake leaves
    // out (figures) have nothing to say and the term check finds nothing.
    const FENCE_EN: &str = "The fence is painted blue.";
    const FENCE_ZH: &str = "圍欄漆成藍色。";
    let mut run = Run::new(NOW);
    new_case(&mut run);
    new_party(&mut run, "party-a", "Alpha Ltd");
    new_party(&mut run, "party-b", "Beta Ltd");
    let note = |draft: Value| json!({ "case": "case", "draft": draft });
    let proposal = |visibility: &str, party: Option<&str>, text: &str| {
        let mut d = draft(visibility, party, text);
        d["tags"] = json!(["proposal"]);
        d
    };
    let agreement = |more: Value| {
        let mut args = json!({ "agreement": "agreement" });
        args.as_object_mut()
            .unwrap()
            .extend(more.as_object().unwrap().clone());
        args
    };
    let clause = |name: &str, more: Value| {
        let mut args = json!({ "clause": name });
        args.as_object_mut()
            .unwrap()
            .extend(more.as_object().unwrap().clone());
        args
    };
    run.create(
        "note-caucus",
        "createNote",
        note(proposal(
            "caucus",
            Some("party-a"),
            "Alpha would repaint the gate.",
        )),
    )
    .create(
        "note-shared",
        "createNote",
        note(proposal("shared", None, FENCE_EN)),
    )
    .create(
        "note-untagged",
        "createNote",
        note(draft("shared", None, "The gate is green.")),
    )
    .create(
        "agreement",
        "createAgreement",
        json!({ "case": "case", "input": { "title_en": "Fence" }, "templates": [] }),
    )
    .step(
        "createAgreement",
        json!({ "case": "case", "input": {}, "templates": [] }),
    )
    .step(
        "createAgreement",
        json!({ "case": "case", "input": { "title_en": "Gate" }, "templates": ["no-such-key"] }),
    )
    .step(
        "addClauseFromNote",
        agreement(json!({ "note": "note-caucus", "place": at_end() })),
    )
    .step(
        "addClauseFromNote",
        agreement(json!({ "note": "note-untagged", "place": at_end() })),
    )
    .create(
        "clause-1",
        "addClauseFromNote",
        agreement(json!({ "note": "note-shared", "place": at_end() })),
    )
    .create(
        "clause-2",
        "addClause",
        agreement(
            json!({ "words": words("The gate stays shut.", "閘門保持關閉。"), "place": at_end() }),
        ),
    )
    .create(
        "clause-3",
        "addClause",
        agreement(json!({ "words": words("As in {{1}}.", "如{{1}}所述。"), "place": at_end() })),
    )
    .step(
        "addClause",
        agreement(json!({ "words": words("As in {{9}}.", ""), "place": at_end() })),
    )
    .step(
        "addClause",
        agreement(json!({ "words": words("", ""), "place": at_end() })),
    )
    .step("shiftClause", clause("clause-3", json!({ "step": "up" })))
    .step("shiftClause", clause("clause-3", json!({ "step": "up" })))
    .step("shiftClause", clause("clause-3", json!({ "step": "down" })))
    .step(
        "shiftClause",
        clause("clause-3", json!({ "step": "indent" })),
    )
    .step(
        "shiftClause",
        clause("clause-2", json!({ "step": "indent" })),
    )
    .step(
        "shiftClause",
        clause("clause-2", json!({ "step": "indent" })),
    )
    .step("removeClause", clause("clause-1", json!({})))
    .step(
        "moveClause",
        clause(
            "clause-1",
            json!({ "place": { "kind": "under", "clause": "clause-2" } }),
        ),
    )
    .step(
        "addClause",
        agreement(json!({
            "words": words("Too deep.", ""),
            "place": { "kind": "under", "clause": "clause-2" },
        })),
    )
    .step(
        "shiftClause",
        clause("clause-2", json!({ "step": "outdent" })),
    )
    .step(
        "shiftClause",
        clause("clause-3", json!({ "step": "outdent" })),
    )
    .step(
        "shiftClause",
        clause("clause-2", json!({ "step": "outdent" })),
    )
    .step(
        "shiftClause",
        clause("clause-3", json!({ "step": "indent" })),
    )
    .step(
        "shiftClause",
        clause("clause-3", json!({ "step": "outdent" })),
    )
    .step("removeClause", clause("clause-1", json!({})))
    .step("agreementDetail", json!({ "agreement": "agreement" }))
    .step(
        "setPosition",
        clause(
            "clause-2",
            json!({ "party": "party-b", "status": "objected", "comment": "Too dark" }),
        ),
    )
    .step(
        "setPosition",
        clause(
            "clause-2",
            json!({ "party": "party-a", "status": "proposed", "comment": "" }),
        ),
    )
    .step("saveVersion", agreement(json!({ "label": "" })))
    .step("saveVersion", agreement(json!({ "label": "First draft" })))
    .step(
        "editClause",
        clause("clause-1", json!({ "words": words(FENCE_EN, FENCE_ZH) })),
    )
    .step(
        "moveClause",
        clause("clause-1", json!({ "place": at_end() })),
    )
    .create(
        "clause-4",
        "addClause",
        agreement(json!({ "words": words("The lock is new.", "鎖是新的。"), "place": at_end() })),
    )
    .step("saveVersion", agreement(json!({ "label": "Second draft" })))
    .step("redline", agreement(json!({ "from": 1, "to": 2 })))
    .step("removeClause", clause("clause-4", json!({})))
    .step("redline", agreement(json!({ "from": 2, "to": null })))
    .step(
        "saveNote",
        save(
            "note-shared",
            1,
            proposal("shared", None, "The fence is painted grey."),
        ),
    )
    .step("agreementDetail", json!({ "agreement": "agreement" }))
    .step("checkAgreement", json!({ "agreement": "agreement" }))
    .step("finalizeAgreement", agreement(json!({ "label": "Final" })));
    for (kind, en, zh) in [
        ("language", "Two texts.", "兩份文本。"),
        ("signatures", "Names below.", "名字如下。"),
        ("mediator-statement", "Done today.", "今日完成。"),
    ] {
        let mut w = words(en, zh);
        w["kind"] = kind.into();
        run.create(
            &format!("clause-{kind}"),
            "addClause",
            agreement(json!({ "words": w, "place": at_end() })),
        );
    }
    run.step("checkAgreement", json!({ "agreement": "agreement" }))
        .step("finalizeAgreement", agreement(json!({ "label": "Final" })))
        .step("agreementDetail", json!({ "agreement": "agreement" }))
        .step(
            "editClause",
            clause(
                "clause-1",
                json!({ "words": words("Painted red.", "漆成紅色。") }),
            ),
        )
        .step("shiftClause", clause("clause-1", json!({ "step": "down" })))
        .step(
            "addClause",
            agreement(json!({ "words": words("More.", "更多。"), "place": at_end() })),
        )
        .step("finalizeAgreement", agreement(json!({ "label": "Again" })));
    run.finish(
        "agreement",
        "a proposal note becomes a clause (a caucus one only with its party's word); numbers \
         follow every move and step, never under itself nor deeper than three; a clause with \
         sub-clauses or referred to stays; versions compare by clause id, a moved clause once; \
         final waits for the checks and then refuses every change",
    )
}

fn contract() -> Value {
    canonical(json!({
        "about": "Recorded from the core by tests/accord/contract.rs (ACCORD_RECORD=1 cargo test \
                  --test accord contract); replayed through the UI's fake by \
                  ui/src/lib/backend/contract.test.ts. Do not edit by hand.",
        "scenarios": [agenda(), guard(), consent(), search_as_party(), agreement()],
    }))
}

#[test]
fn the_recorded_contract_is_what_the_core_answers() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    let text = serde_json::to_string_pretty(&contract()).unwrap() + "\n";
    if std::env::var_os("ACCORD_RECORD").is_some_and(|v| v == "1") {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    if on_disk != text {
        let line = on_disk
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| on_disk.lines().count().min(text.lines().count()));
        panic!(
            "{FIXTURE} is not what the core answers now (first difference at line {}):\n  \
             file: {}\n  core: {}\n\
             Rewrite it with ACCORD_RECORD=1 cargo test --test accord contract, read the diff, \
             commit it, and make the UI's fake agree with the core.",
            line + 1,
            on_disk.lines().nth(line).unwrap_or("(end of file)"),
            text.lines().nth(line).unwrap_or("(end of file)"),
        );
    }
}
