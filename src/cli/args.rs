//! The top of the `accord` grammar (global flags and the command groups, whose own
//! arguments live in their files) and the `--json` help.
//!
//! The help's field lists are generated from the output types through ts-rs, the same
//! derive that writes the desktop's TypeScript bindings, so a field added to `Case` shows
//! up here and in the UI's `Case.ts` at once. `tests/accord/cli_json.rs` runs each command
//! and checks that it prints exactly the fields the help lists for its type.

use std::path::PathBuf;

use accord::agreements::checks::CheckProblem;
use accord::agreements::clauses::{Clause, NumberedClause, PartyPosition};
use accord::agreements::fields::Fact;
use accord::agreements::library::{LibraryClause, LibraryImport};
use accord::agreements::redline::{ClauseChange, Redline};
use accord::agreements::versions::{AgreementVersion, Frozen, FrozenAgreement, FrozenClause};
use accord::agreements::{Agreement, AgreementDetail};
use accord::audit::AuditEvent;
use accord::cases::Case;
use accord::confidentiality::{Disclosure, DisclosureStatus};
use accord::demo::Sample;
use accord::integrity::{Break, Verification};
use accord::mediators::Mediator;
use accord::notes::revisions::{DiffSpan, NoteRevision, RevisionDiff};
use accord::notes::Note;
use accord::parties::Party;
use accord::search::{Fragment, SearchHit, SearchResults};
use accord::sessions::{Attendee, Session};
use accord::termbase::{ImportReport, Term, TermGap};
use accord::vault::NewRecoveryKey;
use accord::views::{CaseDetail, GuardState};
use clap::{Parser, Subcommand};
use ts_rs::{Config, TS};

use super::draft::{DraftCommand, FrozenVersion, RenderReport};
use super::library::LibraryExportReport;
use super::term::{TermCommand, TermExportReport};
use super::vault::{
    InitArgs, InitReport, KeyringCommand, KeyringReport, LockReport, PassphraseCommand,
    PassphraseReport, RecoveryCommand, UnlockArgs, UnlockReport,
};
use super::{audit, case, note, party, search, session};

/// Accord: the IOMed mediator's offline workbench.
#[derive(Debug, Parser)]
#[command(name = "accord", version, about, max_term_width = 100, after_long_help = json_help())]
pub struct Cli {
    /// Vault directory.
    #[arg(long, global = true, env = "ACCORD_VAULT", value_name = "DIR")]
    pub vault: Option<PathBuf>,

    /// Print machine-readable JSON instead of tables.
    #[arg(long, global = true)]
    pub json: bool,

    /// Read the passphrase from the first line of FILE instead of asking.
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new vault.
    Init(InitArgs),
    /// Check the passphrase and put the key in the OS keyring (if the vault keeps it there).
    Unlock(UnlockArgs),
    /// Take the key out of the OS keyring, so the next command asks for the passphrase.
    Lock,
    /// Change the passphrase.
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// Manage the copy of the key in the OS keyring.
    #[command(subcommand)]
    Keyring(KeyringCommand),
    /// The recovery key.
    #[command(subcommand)]
    Recovery(RecoveryCommand),
    /// Re-encrypt the vault under a new key, with a new recovery key (shown once):
    /// copies of the vault's files made before stop opening with what you hold now.
    Rekey,
    /// Cases.
    #[command(subcommand)]
    Case(case::CaseCommand),
    /// Parties to a case.
    #[command(subcommand)]
    Party(party::PartyCommand),
    /// Sessions of a case.
    #[command(subcommand)]
    Session(session::SessionCommand),
    /// Bilingual notes, their revisions, and caucus disclosure.
    #[command(subcommand)]
    Note(note::NoteCommand),
    /// The tamper-evident audit log.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// The termbase: English, Simplified and Traditional Chinese terms.
    #[command(subcommand)]
    Term(TermCommand),
    /// Settlement agreements: numbered bilingual clauses, each party's position on
    /// each, and frozen versions.
    #[command(subcommand)]
    Draft(DraftCommand),
    /// The clause library: bilingual templates for agreements, and its file.
    #[command(subcommand)]
    Library(super::library::LibraryCommand),
    /// Search every case's notes, in English and Chinese (either script).
    Search(search::SearchArgs),
    /// Add a bilingual sample case with two parties, a joint session and two caucuses.
    Demo,
}

/// What each command prints with `--json`: a type named in the glossary, or `[T]`, a
/// list of them. The desktop app's command for the same action returns the same type.
fn outputs() -> Vec<(&'static str, String, &'static str)> {
    vec![
        (
            "init",
            one::<InitReport>(),
            "VaultCreated plus vault and vault_id",
        ),
        ("unlock", one::<UnlockReport>(), ""),
        ("lock", one::<LockReport>(), ""),
        ("passphrase change", one::<PassphraseReport>(), ""),
        ("keyring status|enable|forget", one::<KeyringReport>(), ""),
        (
            "recovery rotate|rekey",
            one::<NewRecoveryKey>(),
            "the new recovery key, shown once",
        ),
        ("case new|update|close", one::<Case>(), ""),
        ("case list", list::<Case>(), ""),
        ("case show", one::<CaseDetail>(), ""),
        ("party add|update", one::<Party>(), ""),
        ("party list", list::<Party>(), ""),
        (
            "session new|show|start|end",
            one::<Session>(),
            "times RFC 3339 in UTC; time_zone is the venue's IANA zone",
        ),
        (
            "session list",
            list::<Session>(),
            "--upcoming: not yet over, or under way whatever the schedule",
        ),
        ("session live", one::<GuardState>(), ""),
        ("note add|edit|show|restore", one::<Note>(), ""),
        ("note show --revision N", one::<NoteRevision>(), ""),
        ("note list", list::<Note>(), ""),
        ("note history", list::<NoteRevision>(), "newest first"),
        ("note compare", one::<RevisionDiff>(), ""),
        ("note disclose", one::<Disclosure>(), ""),
        ("note disclosures", list::<Disclosure>(), ""),
        ("term add|edit|remove", one::<Term>(), ""),
        ("term list", list::<Term>(), ""),
        ("term import", one::<ImportReport>(), ""),
        (
            "term export FILE|--into",
            one::<TermExportReport>(),
            "without either, the CSV or TBX itself on stdout",
        ),
        ("term check", list::<TermGap>(), "[] when none"),
        ("draft new|update", one::<Agreement>(), ""),
        ("draft list", list::<Agreement>(), "oldest first"),
        (
            "draft show",
            one::<AgreementDetail>(),
            "text holds references as {{clause:<id>}}",
        ),
        (
            "draft show --version N",
            one::<FrozenVersion>(),
            "references written out as numbers",
        ),
        ("draft clause add|edit|move", one::<Clause>(), ""),
        ("draft clause rm", one::<Clause>(), "the clause as it was"),
        ("draft position", one::<Clause>(), ""),
        ("draft version", one::<AgreementVersion>(), ""),
        (
            "draft diff",
            one::<Redline>(),
            "FROM to TO, or to the draft as it stands without TO",
        ),
        (
            "draft diff --docx",
            one::<RenderReport>(),
            "the redline as a Word file of tracked changes",
        ),
        (
            "draft diff --pdf",
            one::<RenderReport>(),
            "the redline as a PDF: insertions underlined, deletions struck through",
        ),
        (
            "draft check",
            list::<CheckProblem>(),
            "[] when every check passes; otherwise exits with agreement.checks_failed",
        ),
        (
            "draft final",
            one::<AgreementVersion>(),
            "the final version",
        ),
        (
            "draft render",
            one::<RenderReport>(),
            "Markdown, HTML or Word",
        ),
        ("library list", list::<LibraryClause>(), "by key"),
        ("library show|save|add|edit", one::<LibraryClause>(), ""),
        ("library export", one::<LibraryExportReport>(), ""),
        (
            "library import",
            one::<LibraryImport>(),
            "all of the file, or nothing",
        ),
        (
            "search",
            one::<SearchResults>(),
            "best first; total stops counting at 1000",
        ),
        ("audit log", list::<AuditEvent>(), ""),
        ("audit verify", one::<Verification>(), ""),
        ("demo", one::<Sample>(), ""),
    ]
}

/// Every type the outputs above name, at any depth.
fn glossary() -> Vec<(String, Vec<(String, String)>)> {
    vec![
        shape::<InitReport>(),
        shape::<UnlockReport>(),
        shape::<LockReport>(),
        shape::<PassphraseReport>(),
        shape::<KeyringReport>(),
        shape::<NewRecoveryKey>(),
        shape::<Case>(),
        shape::<CaseDetail>(),
        shape::<Mediator>(),
        shape::<Party>(),
        shape::<Session>(),
        shape::<Attendee>(),
        shape::<GuardState>(),
        shape::<Note>(),
        shape::<DisclosureStatus>(),
        shape::<NoteRevision>(),
        shape::<RevisionDiff>(),
        shape::<DiffSpan>(),
        shape::<Disclosure>(),
        shape::<Term>(),
        shape::<ImportReport>(),
        shape::<TermExportReport>(),
        shape::<TermGap>(),
        shape::<Agreement>(),
        shape::<AgreementDetail>(),
        shape::<NumberedClause>(),
        shape::<Clause>(),
        shape::<PartyPosition>(),
        shape::<AgreementVersion>(),
        shape::<FrozenVersion>(),
        shape::<Frozen>(),
        shape::<FrozenAgreement>(),
        shape::<FrozenClause>(),
        shape::<Fact>(),
        shape::<RenderReport>(),
        shape::<Redline>(),
        shape::<ClauseChange>(),
        shape::<CheckProblem>(),
        shape::<LibraryClause>(),
        shape::<LibraryExportReport>(),
        shape::<LibraryImport>(),
        shape::<SearchResults>(),
        shape::<SearchHit>(),
        shape::<Fragment>(),
        shape::<AuditEvent>(),
        shape::<Verification>(),
        shape::<Break>(),
        shape::<Sample>(),
    ]
}

const ENVIRONMENT: &str = "\
Environment
  ACCORD_VAULT           vault directory (default: the platform data directory)
  ACCORD_PASSPHRASE      passphrase, for scripts (prefer --passphrase-file)
  ACCORD_NEW_PASSPHRASE  new passphrase for `passphrase change` and `unlock --recovery-key`
  ACCORD_RECOVERY_KEY    recovery key for `unlock --recovery-key`
  ACCORD_LANG            en, zh-Hans or zh-Hant (default: from the locale)";

/// Column where the output type (and a type's fields) start.
const COLUMN: usize = 32;
/// Where the help wraps its lines (clap wraps longer ones at `max_term_width`).
const WIDTH: usize = 98;

fn json_help() -> String {
    let mut text = String::from(
        "Machine-readable output (--json)\n  \
         Every command accepts --json and prints one JSON value on stdout: the type the desktop\n  \
         app receives for the same action (ui/src/lib/bindings), or [T], a list of them.\n  \
         Field names are stable; a field that has no value is null.\n\n  \
         Command                       Prints\n",
    );
    for (command, output, note) in outputs() {
        let line = format!("  {command:<width$}{output}", width = COLUMN - 2);
        let note = format!("({note})");
        match note.as_str() {
            "()" => text.push_str(&format!("{line}\n")),
            _ if line.len() + 3 + note.len() <= WIDTH => {
                text.push_str(&format!("{line}   {note}\n"))
            }
            _ => text.push_str(&format!(
                "{line}\n{:width$}{note}\n",
                "",
                width = COLUMN + 1
            )),
        }
    }
    text.push_str("\n  Type                          Fields (name: T, a field holding a T)\n");
    let names: Vec<String> = glossary().into_iter().map(|(name, _)| name).collect();
    for (name, fields) in glossary() {
        let listed: Vec<String> = fields
            .iter()
            .map(|(field, ts)| match nested(ts, &names) {
                Some(inner) => format!("{field}: {inner}"),
                None => field.clone(),
            })
            .collect();
        text.push_str(&wrap(
            &format!("  {name:<width$}", width = COLUMN - 2),
            &listed,
        ));
    }
    text.push_str(
        "\n  Errors go to stderr as {\"error\": {\"code\", \"message\"}} with a non-zero exit status.\n  \
         Codes are stable (e.g. vault.wrong_passphrase, vault.in_use, input.too_long, time.invalid_zone).\n\n",
    );
    text.push_str(ENVIRONMENT);
    text
}

/// `{a, b, …}` after `lead`, wrapped under the first field.
fn wrap(lead: &str, fields: &[String]) -> String {
    let mut out = String::new();
    let mut line = format!("{lead}{{");
    for (i, field) in fields.iter().enumerate() {
        let piece = if i + 1 == fields.len() {
            format!("{field}}}")
        } else {
            format!("{field}, ")
        };
        if line.len() + piece.len() > WIDTH && !line.trim_end().ends_with('{') {
            out.push_str(line.trim_end());
            out.push('\n');
            line = " ".repeat(COLUMN + 1);
        }
        line.push_str(&piece);
    }
    if fields.is_empty() {
        line.push('}');
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// The glossary type a field's TypeScript type holds, as `T` or `[T]`.
fn nested(ts: &str, names: &[String]) -> Option<String> {
    let words: Vec<&str> = ts
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .collect();
    let name = names.iter().find(|n| words.contains(&n.as_str()))?;
    Some(if ts.contains("Array<") {
        format!("[{name}]")
    } else {
        name.clone()
    })
}

fn one<T: TS>() -> String {
    T::name(&Config::default())
}

fn list<T: TS>() -> String {
    format!("[{}]", one::<T>())
}

/// A struct's name and its fields with their TypeScript types, from ts-rs's inline
/// form (`{ a: T, b: U | null } & { c: V }` for a flattened part).
fn shape<T: TS>() -> (String, Vec<(String, String)>) {
    let inline = T::inline(&Config::default());
    let text = without_comments(&inline);
    let mut fields = Vec::new();
    for part in split_top(&text, '&') {
        let part = part
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .trim();
        let body = part
            .strip_prefix('{')
            .and_then(|p| p.strip_suffix('}'))
            .unwrap_or_else(|| panic!("{}: not a struct: {inline}", one::<T>()));
        for field in split_top(body, ',') {
            if let Some((name, ts)) = field.trim().split_once(':') {
                let name = name.trim().trim_end_matches('?').trim_matches('"');
                fields.push((name.to_string(), ts.trim().to_string()));
            }
        }
    }
    (one::<T>(), fields)
}

fn without_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map(|end| &rest[start + end + 2..])
            .unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// `text` split at `sep` outside brackets and quotes.
fn split_top(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '{' | '<' | '(' | '[' if !quoted => depth += 1,
            '}' | '>' | ')' | ']' if !quoted => depth -= 1,
            c if c == sep && depth == 0 && !quoted => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}
