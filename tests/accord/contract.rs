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

use accord::cases::{self, NewCase};
use accord::confidentiality::{self, DisclosureDraft};
use accord::ids::{CaseId, NoteId, SessionId};
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
            other => panic!("no such call in the contract: {other}"),
        }
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

fn contract() -> Value {
    canonical(json!({
        "about": "Recorded from the core by tests/accord/contract.rs (ACCORD_RECORD=1 cargo test \
                  --test accord contract); replayed through the UI's fake by \
                  ui/src/lib/backend/contract.test.ts. Do not edit by hand.",
        "scenarios": [agenda(), guard(), consent(), search_as_party()],
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
