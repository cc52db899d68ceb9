//! The `accord` command line's grammar.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const JSON_HELP: &str = "\
Machine-readable output (--json)
  Every command accepts --json. Output is one JSON value on stdout; field names are stable.
  case new|show|update|close  {id, local_ref, official_no, kind, panel, status, confidentiality, title_en, title_zh,
                               created_at, updated_at}; `show` adds mediators[{id, case_id, role, name}],
                               parties[…] and sessions[…]
  case list                   [case, …]
  party add|update            {id, case_id, kind, role, name_en, name_zh, representatives[], created_at}
  party list                  [party, …]
  session new|show|start|end  {id, case_id, kind, caucus_party_id, time_zone, venue, scheduled_start,
                               scheduled_end, actual_start, actual_end, attendees[{name, party_id}], created_at}
                               (times RFC 3339 in UTC; time_zone is the venue's IANA zone)
  session list                [session, …]   (--upcoming: not yet over, or under way whatever the schedule)
  session live                {joint_session_live, live_sessions: [id, …]}
  note add|edit|show|restore  {id, case_id, session_id, visibility, party_id, tags[], text_en, text_zh, zh_script,
                               translated, checked_by, revision, created_at, updated_at, confided_by,
                               caucus_regime, disclosure: null | {scope, disclosure_id, stale}}
  note list                   [note, …]
  note history                [{note_id, revision, saved_at, saved_by, restored_from, visibility, party_id, tags[],
                                text_en, text_zh, zh_script, translated, checked_by}, …] (newest first)
  note compare                {from, to, en: [{change: same|added|removed, text}], zh: […]}
  note disclose|disclosures   [{id, note_id, case_id, party_id, scope, summary_en, summary_zh, given_by, given_at,
                                recorded_at, recorded_by, revision}, …]
  term add|edit|remove        {id, en, zh_hans, zh_hant, domain, note, origin: seed|mediator|import, updated_at}
  term list                   [term, …]
  term import                 {added, updated, unchanged}
  term export FILE            {path, terms}   (to stdout, the CSV or TBX itself, --json or not)
  term check                  [{term, found_in: en|zh, missing_from: en|zh}, …]   ([] when none)
  search                      {hits: [{note_id, case_id, case_ref, session_id, visibility, party_id, tags[],
                                created_at, updated_at, en: [{text, hit}], zh: [{text, hit}], score}],
                               total}   (best first; total stops counting at 1000)
  audit log                   [{seq, at, actor, action, entity_type, entity_id, case_id, digest, prev_hash, hash}, …]
  audit verify                {events, records, first_break: null | {seq, reason}}
  init                        {vault, vault_id, recovery_key, keyring: stored|unavailable|declined}
  demo                        {case, parties, sessions, notes}
  Errors go to stderr as {\"error\": {\"code\", \"message\"}} with a non-zero exit status.
  Codes are stable (e.g. vault.wrong_passphrase, vault.in_use, input.too_long, time.invalid_zone).

Environment
  ACCORD_VAULT           vault directory (default: the platform data directory)
  ACCORD_PASSPHRASE      passphrase, for scripts (prefer --passphrase-file)
  ACCORD_NEW_PASSPHRASE  new passphrase for `passphrase change` and `unlock --recovery-key`
  ACCORD_RECOVERY_KEY    recovery key for `unlock --recovery-key`
  ACCORD_LANG            en, zh-Hans or zh-Hant (default: from the locale)";

/// Accord: the IOMed mediator's offline workbench.
#[derive(Debug, Parser)]
#[command(name = "accord", version, about, after_long_help = JSON_HELP)]
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
    /// Cases.
    #[command(subcommand)]
    Case(CaseCommand),
    /// Parties to a case.
    #[command(subcommand)]
    Party(PartyCommand),
    /// Sessions of a case.
    #[command(subcommand)]
    Session(SessionCommand),
    /// Bilingual notes, their revisions, and caucus disclosure.
    #[command(subcommand)]
    Note(NoteCommand),
    /// The tamper-evident audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// The termbase: English, Simplified and Traditional Chinese terms.
    #[command(subcommand)]
    Term(super::terms::TermCommand),
    /// Search every case's notes, in English and Chinese (either script).
    Search(super::search::SearchArgs),
    /// Add a bilingual sample case with two parties, a joint session and two caucuses.
    Demo,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Your name as mediator, recorded in the audit log (default: the login name).
    #[arg(long)]
    pub mediator: Option<String>,
    /// Do not keep the key in the OS keyring.
    #[arg(long)]
    pub no_keyring: bool,
    /// Argon2id memory cost in MiB (at least 64).
    #[arg(long, value_name = "MIB")]
    pub kdf_memory_mib: Option<u32>,
    /// Argon2id passes.
    #[arg(long, value_name = "N")]
    pub kdf_iterations: Option<u32>,
}

#[derive(Debug, Args)]
pub struct UnlockArgs {
    /// Unlock with the recovery key, then set a new passphrase.
    #[arg(long)]
    pub recovery_key: bool,
    /// Read the new passphrase from FILE (with --recovery-key).
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum PassphraseCommand {
    /// Set a new passphrase (the recovery key stays valid).
    Change {
        /// Read the new passphrase from FILE.
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeyringCommand {
    /// Whether the key is kept in the OS keyring.
    Status,
    /// Keep the key in the OS keyring from now on.
    Enable,
    /// Remove the key from the OS keyring and stop keeping it there.
    Forget,
}

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Open a new case (status: intake).
    New(CaseNewArgs),
    /// List cases.
    List(CaseListArgs),
    /// Show a case with its parties, mediators and sessions.
    Show { case: String },
    /// Change a case.
    Update(CaseUpdateArgs),
    /// Close a case as settled, terminated or withdrawn.
    Close {
        case: String,
        #[arg(long)]
        outcome: String,
    },
}

#[derive(Debug, Args)]
pub struct CaseNewArgs {
    /// state-to-state, investor-state or commercial.
    #[arg(long)]
    pub kind: String,
    /// state-to-state or general (default: from the kind).
    #[arg(long)]
    pub panel: Option<String>,
    /// Caucus confidentiality: icsid or hong-kong (closed unless the party authorises
    /// disclosure; default hong-kong) or uncitral (open unless the party asks for confidence).
    #[arg(long)]
    pub confidentiality: Option<String>,
    #[arg(long)]
    pub title_en: Option<String>,
    #[arg(long)]
    pub title_zh: Option<String>,
    /// The Secretariat's case number, if already known.
    #[arg(long)]
    pub official_no: Option<String>,
    /// A co-mediator (repeatable).
    #[arg(long = "co-mediator", value_name = "NAME")]
    pub co_mediators: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CaseListArgs {
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    /// Text in either title, a party's name or a reference.
    #[arg(long)]
    pub filter: Option<String>,
}

#[derive(Debug, Args)]
pub struct CaseUpdateArgs {
    pub case: String,
    #[arg(long)]
    pub title_en: Option<String>,
    #[arg(long)]
    pub title_zh: Option<String>,
    #[arg(long)]
    pub official_no: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub panel: Option<String>,
    #[arg(long)]
    pub status: Option<String>,
    /// icsid, hong-kong or uncitral.
    #[arg(long)]
    pub confidentiality: Option<String>,
    #[arg(long = "add-co-mediator", value_name = "NAME")]
    pub add_co_mediators: Vec<String>,
    #[arg(long = "remove-co-mediator", value_name = "NAME")]
    pub remove_co_mediators: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum PartyCommand {
    /// Add a party to a case.
    Add(PartyAddArgs),
    /// List a case's parties.
    List {
        #[arg(long)]
        case: String,
    },
    /// Change a party.
    Update(PartyUpdateArgs),
}

#[derive(Debug, Args)]
pub struct PartyAddArgs {
    #[arg(long)]
    pub case: String,
    /// state, state-entity, investor, company or person.
    #[arg(long)]
    pub kind: String,
    /// requesting, responding or other.
    #[arg(long)]
    pub role: String,
    #[arg(long)]
    pub name_en: Option<String>,
    #[arg(long)]
    pub name_zh: Option<String>,
    /// A representative (repeatable).
    #[arg(long = "rep", value_name = "NAME")]
    pub representatives: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PartyUpdateArgs {
    pub party: String,
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub role: Option<String>,
    #[arg(long)]
    pub name_en: Option<String>,
    #[arg(long)]
    pub name_zh: Option<String>,
    #[arg(long = "add-rep", value_name = "NAME")]
    pub add_representatives: Vec<String>,
    #[arg(long = "remove-rep", value_name = "NAME")]
    pub remove_representatives: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Schedule a session.
    New(SessionNewArgs),
    /// List sessions, of one case or (the agenda) of all.
    List {
        #[arg(long)]
        case: Option<String>,
        /// Only sessions not yet over.
        #[arg(long)]
        upcoming: bool,
    },
    /// Show a session.
    Show { session: String },
    /// Sessions under way now, and whether the caucus guard is on (a joint session live).
    Live,
    /// Mark a session as under way (now, or --at).
    Start {
        session: String,
        #[arg(long)]
        at: Option<String>,
    },
    /// Mark a session as over (now, or --at).
    End {
        session: String,
        #[arg(long)]
        at: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct SessionNewArgs {
    #[arg(long)]
    pub case: String,
    /// joint, caucus, preparatory or internal.
    #[arg(long)]
    pub kind: String,
    /// The party a caucus is held with.
    #[arg(long)]
    pub party: Option<String>,
    /// Start, as wall-clock time at the venue (`2026-12-03 10:00`) or RFC 3339.
    #[arg(long)]
    pub start: String,
    /// End: `12:30` on the same day, a full time, or use --duration.
    #[arg(long, conflicts_with = "duration")]
    pub end: Option<String>,
    /// Length, e.g. `90m` or `1h30m` (default 1h).
    #[arg(long)]
    pub duration: Option<String>,
    /// The venue's IANA time zone, e.g. Asia/Hong_Kong.
    #[arg(long = "tz", value_name = "ZONE")]
    pub time_zone: String,
    #[arg(long)]
    pub venue: Option<String>,
    /// Who attends (repeatable; default: mediators and the representatives present).
    #[arg(long = "attendee", value_name = "NAME")]
    pub attendees: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the chain and every record against it; names the first broken link.
    Verify,
    /// List audit events.
    Log {
        #[arg(long)]
        case: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Take a note in a case. Visibility defaults from the session: a caucus makes caucus
    /// notes for its party, a joint or preparatory session shared ones, otherwise private.
    Add(NoteAddArgs),
    /// Change a note: what is given replaces what it held; the rest stays.
    Edit(NoteEditArgs),
    /// A case's notes, oldest first.
    List(NoteListArgs),
    /// A note, or one of its earlier revisions.
    Show {
        note: String,
        /// Show this revision instead of the latest.
        #[arg(long, value_name = "N")]
        revision: Option<i64>,
    },
    /// Every saved revision of a note, newest first.
    History { note: String },
    /// What changed between two revisions: English by word, Chinese by character.
    Compare { note: String, from: i64, to: i64 },
    /// Bring back an earlier revision as the newest (nothing is overwritten).
    Restore { note: String, revision: i64 },
    /// Record a caucus party's word on disclosing its note (an audited event).
    Disclose(NoteDiscloseArgs),
    /// A case's disclosure log: every authorisation and request for confidence.
    Disclosures {
        #[arg(long)]
        case: String,
    },
}

/// What a note holds. Text comes inline, from a file, or from standard input (`-`).
#[derive(Debug, Args)]
pub struct NoteContentArgs {
    /// English text (Markdown).
    #[arg(long, value_name = "TEXT")]
    pub en: Option<String>,
    /// Read the English text from FILE (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub en_file: Option<PathBuf>,
    /// Chinese text (Markdown).
    #[arg(long, value_name = "TEXT")]
    pub zh: Option<String>,
    /// Read the Chinese text from FILE (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub zh_file: Option<PathBuf>,
    /// The Chinese side's script: hans (Simplified) or hant (Traditional).
    #[arg(long)]
    pub script: Option<String>,
    /// shared, caucus or private.
    #[arg(long)]
    pub visibility: Option<String>,
    /// Whose words these are (the confiding party, for a caucus note).
    #[arg(long)]
    pub party: Option<String>,
    /// Clear the party.
    #[arg(long, conflicts_with = "party")]
    pub no_party: bool,
    /// fact, issue, interest, option or proposal (repeatable; replaces the tags;
    /// `--tag ""` clears them).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// The side that is a translation of the other: en, zh or none.
    #[arg(long)]
    pub translated: Option<String>,
    /// Who checked the translation.
    #[arg(long, value_name = "NAME")]
    pub checked_by: Option<String>,
}

#[derive(Debug, Args)]
pub struct NoteAddArgs {
    #[arg(long)]
    pub case: String,
    /// The session the note is taken in.
    #[arg(long)]
    pub session: Option<String>,
    #[command(flatten)]
    pub content: NoteContentArgs,
}

#[derive(Debug, Args)]
pub struct NoteEditArgs {
    pub note: String,
    #[command(flatten)]
    pub content: NoteContentArgs,
}

#[derive(Debug, Args)]
pub struct NoteListArgs {
    #[arg(long)]
    pub case: String,
    #[arg(long)]
    pub session: Option<String>,
    #[arg(long)]
    pub visibility: Option<String>,
    #[arg(long)]
    pub party: Option<String>,
    #[arg(long)]
    pub tag: Option<String>,
}

#[derive(Debug, Args)]
pub struct NoteDiscloseArgs {
    pub note: String,
    /// all, summary or none (the party asks for confidence).
    #[arg(long)]
    pub scope: String,
    /// Who spoke for the party.
    #[arg(long, value_name = "NAME")]
    pub given_by: String,
    /// When the party said so (default: now), e.g. "2026-11-29 15:30".
    #[arg(long, value_name = "TIME")]
    pub given_at: Option<String>,
    /// The zone --given-at is in.
    #[arg(long, default_value = "Asia/Hong_Kong", value_name = "ZONE")]
    pub time_zone: String,
    /// What may be told, in English (with --scope summary).
    #[arg(long, value_name = "TEXT")]
    pub summary_en: Option<String>,
    /// What may be told, in Chinese (with --scope summary).
    #[arg(long, value_name = "TEXT")]
    pub summary_zh: Option<String>,
}
