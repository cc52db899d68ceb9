//! The core's rules written out for the desktop UI, as `ui/src/lib/bindings/rules.ts`.
//!
//! The UI offers the closed vocabularies in its forms, shows where a case may move, and
//! picks a new note's visibility from its session; its fake backend (the in-memory one
//! the UI's tests run against) enforces the text limits. Copies kept by hand drifted
//! from the core, so there is one source of truth: this module derives the file from the
//! Rust itself (each vocabulary's `ALL`, and the answers of `CaseStatus::can_move_to`,
//! `notes::default_visibility` and the other rules), never by retyping what they say,
//! and the UI and its fake import it.
//!
//! The characters a single-line field refuses are listed from `text::breaks_one_line`
//! itself, so the fake refuses exactly what the core does.
//!
//! The test `export_bindings_rules` writes the file beside ts-rs's bindings, so the check
//! that regenerates the bindings and compares them with git (`cargo test --lib
//! export_bindings` in scripts/test.sh) covers it too.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::agreements::clauses::{
    ClauseKind, PositionStatus, MAX_CLAUSE_SIDE, MAX_COMMENT, MAX_DEPTH,
};
use crate::agreements::LanguageRegime;
use crate::cases::{CaseKind, CaseStatus, Panel};
use crate::confidentiality::{ConfidentialityRegime, DisclosureScope, MAX_SUMMARY};
use crate::ids::{CaseId, PartyId, SessionId, Uuid};
use crate::lock::LOCK_GRACE;
use crate::mediators::MediatorRole;
use crate::notes::{self, ChineseScript, NoteTag, Side, Visibility, MAX_NOTE_SIDE};
use crate::parties::{PartyKind, PartyRole, MAX_REPRESENTATIVES};
use crate::preferences::{
    AUTO_LOCK_DEFAULT_MINUTES, AUTO_LOCK_MAX_MINUTES, AUTO_LOCK_MIN_MINUTES,
    SESSION_AUTO_LOCK_DEFAULT_MINUTES,
};
use crate::search::{query::MAX_QUERY_CHARS, DEFAULT_LIMIT, MAX_LIMIT};
use crate::sessions::{Session, SessionKind, MAX_ATTENDEES};
use crate::termbase::{TermOrigin, MAX_DOMAIN, MAX_TERM, MAX_TERM_NOTE};
use crate::text::{self, MAX_NAME, MAX_REFERENCE, MAX_TITLE};
use crate::vault::KeyringResult;

/// One closed vocabulary: its TypeScript constant, its binding type, and its spellings
/// in declaration order.
struct Vocabulary {
    constant: &'static str,
    binding: &'static str,
    values: Vec<&'static str>,
}

fn vocabularies() -> Vec<Vocabulary> {
    macro_rules! each {
        ($($constant:literal => $ty:ident),+ $(,)?) => {
            vec![$(Vocabulary {
                constant: $constant,
                binding: stringify!($ty),
                values: $ty::ALL.iter().map(|v| v.as_str()).collect(),
            }),+]
        };
    }
    each![
        "CASE_KINDS" => CaseKind,
        "PANELS" => Panel,
        "CASE_STATUSES" => CaseStatus,
        "MEDIATOR_ROLES" => MediatorRole,
        "PARTY_KINDS" => PartyKind,
        "PARTY_ROLES" => PartyRole,
        "SESSION_KINDS" => SessionKind,
        "CONFIDENTIALITY_REGIMES" => ConfidentialityRegime,
        "DISCLOSURE_SCOPES" => DisclosureScope,
        "VISIBILITIES" => Visibility,
        "NOTE_TAGS" => NoteTag,
        "CHINESE_SCRIPTS" => ChineseScript,
        "SIDES" => Side,
        "TERM_ORIGINS" => TermOrigin,
        "KEYRING_RESULTS" => KeyringResult,
        "CLAUSE_KINDS" => ClauseKind,
        "POSITION_STATUSES" => PositionStatus,
        "LANGUAGE_REGIMES" => LanguageRegime,
    ]
}

/// Bounds on what people type and send, in characters or items.
const LIMITS: &[(&str, usize, &str)] = &[
    ("MAX_TITLE", MAX_TITLE, "Longest title of a case."),
    (
        "MAX_NAME",
        MAX_NAME,
        "Longest name of a party, representative, mediator or venue.",
    ),
    (
        "MAX_REFERENCE",
        MAX_REFERENCE,
        "Longest reference or official number.",
    ),
    (
        "MAX_REPRESENTATIVES",
        MAX_REPRESENTATIVES,
        "Most representatives one party may list.",
    ),
    (
        "MAX_ATTENDEES",
        MAX_ATTENDEES,
        "Most attendees one session may list.",
    ),
    ("MAX_NOTE_SIDE", MAX_NOTE_SIDE, "Longest side of a note."),
    (
        "MAX_SUMMARY",
        MAX_SUMMARY,
        "Longest summary a party authorises.",
    ),
    ("MAX_QUERY_CHARS", MAX_QUERY_CHARS, "Longest search query."),
    (
        "MAX_CLAUSE_SIDE",
        MAX_CLAUSE_SIDE,
        "Longest side of an agreement's clause.",
    ),
    (
        "MAX_CLAUSE_DEPTH",
        MAX_DEPTH,
        "Deepest clause numbering (1, 1.1, 1.1.1).",
    ),
    (
        "MAX_POSITION_COMMENT",
        MAX_COMMENT,
        "Longest comment on a party's position on a clause.",
    ),
    (
        "DEFAULT_SEARCH_LIMIT",
        DEFAULT_LIMIT as usize,
        "Hits per page of a search unless it asks otherwise.",
    ),
    (
        "MAX_SEARCH_LIMIT",
        MAX_LIMIT as usize,
        "Most hits one page of a search may hold.",
    ),
    (
        "MAX_TERM",
        MAX_TERM,
        "Longest English or Chinese side of a termbase entry.",
    ),
    (
        "MAX_DOMAIN",
        MAX_DOMAIN,
        "Longest domain of a termbase entry.",
    ),
    (
        "MAX_TERM_NOTE",
        MAX_TERM_NOTE,
        "Longest note on a termbase entry.",
    ),
    (
        "AUTO_LOCK_MIN_MINUTES",
        AUTO_LOCK_MIN_MINUTES as usize,
        "Shortest auto-lock delay, in minutes (also while a session is live).",
    ),
    (
        "AUTO_LOCK_MAX_MINUTES",
        AUTO_LOCK_MAX_MINUTES as usize,
        "Longest auto-lock delay, in minutes: there is no 'never'.",
    ),
    (
        "AUTO_LOCK_DEFAULT_MINUTES",
        AUTO_LOCK_DEFAULT_MINUTES as usize,
        "Auto-lock delay unless the mediator sets one.",
    ),
    (
        "LOCK_GRACE_SECONDS",
        LOCK_GRACE.as_secs() as usize,
        "Seconds the shell waits for the UI to save and lock before it locks by itself.",
    ),
    (
        "SESSION_AUTO_LOCK_DEFAULT_MINUTES",
        SESSION_AUTO_LOCK_DEFAULT_MINUTES as usize,
        "Auto-lock delay while a session is live, unless the mediator sets one.",
    ),
];

fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}

fn array<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = values.into_iter().map(quoted).collect();
    format!("[{}]", items.join(", "))
}

/// A session of `kind` held with a party, to ask `default_visibility` what it gives.
fn sample_session(kind: SessionKind, party: PartyId) -> Session {
    let epoch = chrono::DateTime::UNIX_EPOCH;
    Session {
        id: SessionId(Uuid::from_u128(1)),
        case_id: CaseId(Uuid::from_u128(2)),
        kind,
        caucus_party_id: Some(party),
        time_zone: "UTC".into(),
        venue: None,
        scheduled_start: epoch,
        scheduled_end: epoch + chrono::Duration::hours(1),
        actual_start: None,
        actual_end: None,
        attendees: Vec::new(),
        created_at: String::new(),
    }
}

/// A `Readonly<Record<…>>` constant written one key to a line.
fn record(ts: &mut String, doc: &str, constant: &str, ty: &str, entries: Vec<(&str, String)>) {
    writeln!(ts, "\n{doc}\nexport const {constant}: Readonly<{ty}> = {{").unwrap();
    for (key, value) in entries {
        writeln!(ts, "  {}: {value},", quoted(key)).unwrap();
    }
    ts.push_str("};\n");
}

/// The text of `rules.ts`. Everything in it is in a fixed order, so it only changes
/// when a rule does.
fn typescript() -> String {
    let vocabularies = vocabularies();
    let mut ts = String::from(
        "// Generated from the core's rules (src/rules.rs) by its test `export_bindings_rules`,\n\
         // which `cargo test --lib export_bindings` runs. Do not edit this file manually.\n",
    );
    let bindings: BTreeSet<&str> = vocabularies.iter().map(|v| v.binding).collect();
    for binding in bindings {
        writeln!(ts, "import type {{ {binding} }} from \"./{binding}\";").unwrap();
    }

    ts.push_str("\n/** Each closed vocabulary's values, in the core's declaration order. */\n");
    for v in &vocabularies {
        let values = array(v.values.iter().copied());
        writeln!(
            ts,
            "export const {}: readonly {}[] = {values};",
            v.constant, v.binding
        )
        .unwrap();
    }

    record(
        &mut ts,
        "/** Where a case may move from each status (`CaseStatus::can_move_to`). */",
        "TRANSITIONS",
        "Record<CaseStatus, readonly CaseStatus[]>",
        CaseStatus::ALL
            .iter()
            .map(|from| {
                let to = CaseStatus::ALL.iter().filter(|to| from.can_move_to(**to));
                (from.as_str(), array(to.map(|to| to.as_str())))
            })
            .collect(),
    );
    let closed = CaseStatus::ALL.iter().filter(|s| s.is_closed());
    writeln!(
        ts,
        "\n/** The statuses that close a case (`CaseStatus::is_closed`). */\n\
         export const CLOSED_STATUSES: readonly CaseStatus[] = {};",
        array(closed.map(|s| s.as_str()))
    )
    .unwrap();
    record(
        &mut ts,
        "/** The panel a case of each kind goes to unless one is chosen (`CaseKind::default_panel`). */",
        "DEFAULT_PANELS",
        "Record<CaseKind, Panel>",
        CaseKind::ALL
            .iter()
            .map(|kind| (kind.as_str(), quoted(kind.default_panel().as_str())))
            .collect(),
    );

    writeln!(
        ts,
        "\n/** A new case's caucus regime unless one is chosen (`ConfidentialityRegime::DEFAULT`). */\n\
         export const DEFAULT_REGIME: ConfidentialityRegime = {};",
        quoted(ConfidentialityRegime::DEFAULT.as_str())
    )
    .unwrap();
    record(
        &mut ts,
        "/** What a party's caucus words are under each regime without a word from it (`caucus_default`). */",
        "CAUCUS_DEFAULTS",
        "Record<ConfidentialityRegime, DisclosureScope>",
        ConfidentialityRegime::ALL
            .iter()
            .map(|regime| (regime.as_str(), quoted(regime.caucus_default().as_str())))
            .collect(),
    );

    let party = PartyId(Uuid::from_u128(3));
    record(
        &mut ts,
        "/**\n * The visibility a new note gets from the kind of session it is taken in, and whether\n \
         * it becomes the session's party's (`notes::default_visibility`).\n */",
        "NOTE_DEFAULTS",
        "Record<SessionKind, { readonly visibility: Visibility; readonly session_party: boolean }>",
        SessionKind::ALL
            .iter()
            .map(|kind| {
                let (visibility, taken) =
                    notes::default_visibility(Some(&sample_session(*kind, party)));
                assert!(
                    taken.is_none() || taken == Some(party),
                    "a note in a {kind} session took a party that is not the session's"
                );
                let rule = format!(
                    "{{ visibility: {}, session_party: {} }}",
                    quoted(visibility.as_str()),
                    taken.is_some()
                );
                (kind.as_str(), rule)
            })
            .collect(),
    );
    let (outside, party) = notes::default_visibility(None);
    assert!(party.is_none(), "a note outside any session took a party");
    writeln!(
        ts,
        "\n/** The visibility of a new note taken outside any session. */\n\
         export const NOTE_DEFAULT_WITHOUT_SESSION: Visibility = {};",
        quoted(outside.as_str())
    )
    .unwrap();

    let refused: Vec<String> = (0..=char::MAX as u32)
        .filter_map(char::from_u32)
        .filter(|c| text::breaks_one_line(*c))
        .map(|c| format!("0x{:04x}", c as u32))
        .collect();
    writeln!(
        ts,
        "\n/**\n * Code points a single-line field refuses (`text::breaks_one_line`): line breaks, tabs,\n \
         * bidirectional overrides, isolates and marks, the byte-order mark, the zero-width space.\n \
         * The core answers `input.invisible_character`.\n */\n\
         export const NOT_ON_ONE_LINE: readonly number[] = [{}];",
        refused.join(", ")
    )
    .unwrap();

    ts.push_str("\n// Bounds on what people type and send, in characters or items.\n");
    for (constant, value, doc) in LIMITS {
        writeln!(ts, "\n/** {doc} */\nexport const {constant} = {value};").unwrap();
    }
    ts
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    /// Where ts-rs writes the bindings: `TS_RS_EXPORT_DIR`, which .cargo/config.toml sets.
    fn bindings_dir() -> PathBuf {
        std::env::var_os("TS_RS_EXPORT_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings")
            })
    }

    #[test]
    fn export_bindings_rules() {
        let path = bindings_dir().join("rules.ts");
        std::fs::write(&path, typescript())
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    #[test]
    fn intake_may_move_to_active_terminated_or_withdrawn_and_settled_nowhere() {
        let ts = typescript();
        assert!(
            ts.contains("  \"intake\": [\"active\", \"terminated\", \"withdrawn\"],\n"),
            "{ts}"
        );
        assert!(ts.contains("  \"settled\": [],\n"), "{ts}");
    }

    #[test]
    fn a_caucus_note_takes_its_sessions_party_and_no_other_kind_does() {
        let ts = typescript();
        assert!(
            ts.contains("  \"caucus\": { visibility: \"caucus\", session_party: true },\n"),
            "{ts}"
        );
        assert_eq!(ts.matches("session_party: true").count(), 1, "{ts}");
        assert!(
            ts.contains("NOTE_DEFAULT_WITHOUT_SESSION: Visibility = \"private\";"),
            "{ts}"
        );
    }
}
