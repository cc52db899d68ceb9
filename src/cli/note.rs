//! `accord note …`: take, edit, list and show notes, their history, and a caucus party's
//! word on disclosure.

use std::io::Read;
use std::path::{Path, PathBuf};

use accord::confidentiality::{self, Disclosure, DisclosureDraft};
use accord::notes::revisions::{self, DiffChange, NoteRevision, RevisionDiff};
use accord::notes::{self, Note, NoteDraft, NoteFilter};
use accord::store::Db;
use accord::vault::Access;
use accord::{cases, parties, sessions, time, Error, Result};
use clap::{Args, Subcommand};

use super::output::Out;
use super::{parse_opt, Context};

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

impl NoteCommand {
    pub fn access(&self) -> Access {
        match self {
            NoteCommand::Add(_)
            | NoteCommand::Edit(_)
            | NoteCommand::Restore { .. }
            | NoteCommand::Disclose(_) => Access::Write,
            _ => Access::Read,
        }
    }
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

pub fn run(ctx: &mut Context<'_>, command: &NoteCommand) -> Result<()> {
    match command {
        NoteCommand::Add(a) => add(ctx, a),
        NoteCommand::Edit(a) => edit(ctx, a),
        NoteCommand::List(a) => list(ctx, a),
        NoteCommand::Show { note, revision } => show(ctx, note, *revision),
        NoteCommand::History { note } => history(ctx, note),
        NoteCommand::Compare { note, from, to } => compare(ctx, note, *from, *to),
        NoteCommand::Restore { note, revision } => restore(ctx, note, *revision),
        NoteCommand::Disclose(a) => disclose(ctx, a),
        NoteCommand::Disclosures { case } => disclosures(ctx, case),
    }
}

fn add(ctx: &mut Context<'_>, a: &NoteAddArgs) -> Result<()> {
    let conn = ctx.read()?;
    let case = cases::find(conn, &a.case)?;
    let mut draft = NoteDraft {
        session_id: match &a.session {
            Some(s) => Some(sessions::find(conn, s)?.id),
            None => None,
        },
        ..Default::default()
    };
    apply(conn, &a.content, &mut draft, case.id)?;
    let note = ctx.change(|tx| notes::create(tx, case.id, draft))?;
    print_note(ctx.out, &note)
}

fn edit(ctx: &mut Context<'_>, a: &NoteEditArgs) -> Result<()> {
    let conn = ctx.read()?;
    let note = notes::find(conn, &a.note)?;
    let mut draft = NoteDraft::of(&note);
    apply(conn, &a.content, &mut draft, note.case_id)?;
    let saved = ctx.change(|tx| notes::save(tx, note.id, note.revision, draft))?;
    print_note(ctx.out, &saved)
}

fn list(ctx: &Context<'_>, a: &NoteListArgs) -> Result<()> {
    let out = ctx.out;
    let conn = ctx.read()?;
    let case = cases::find(conn, &a.case)?;
    let filter = NoteFilter {
        session_id: match &a.session {
            Some(s) => Some(sessions::find(conn, s)?.id),
            None => None,
        },
        visibility: parse_opt(&a.visibility)?,
        party_id: match &a.party {
            Some(p) => Some(parties::find(conn, Some(case.id), p)?.id),
            None => None,
        },
        tag: parse_opt(&a.tag)?,
    };
    let found = notes::list(conn, case.id, &filter)?;
    if out.json {
        out.print_json(&found);
        return Ok(());
    }
    let mut table = out.table(&[
        "col-id",
        "col-when",
        "col-visibility",
        "col-tags",
        "col-text",
    ]);
    for n in &found {
        table.add_row(vec![
            n.id.short(),
            local(&n.created_at),
            out.term("visibility", n.visibility.as_str()),
            tags(out, &n.tags),
            n.preview(60),
        ]);
    }
    println!("{table}");
    Ok(())
}

fn show(ctx: &Context<'_>, note: &str, revision: Option<i64>) -> Result<()> {
    let conn = ctx.read()?;
    let found = notes::find(conn, note)?;
    match revision {
        Some(r) => print_revision(ctx.out, &revisions::load(conn, found.id, r)?),
        None => print_note(ctx.out, &found),
    }
}

fn history(ctx: &Context<'_>, note: &str) -> Result<()> {
    let out = ctx.out;
    let conn = ctx.read()?;
    let found = notes::find(conn, note)?;
    let history = revisions::history(conn, found.id)?;
    if out.json {
        out.print_json(&history);
        return Ok(());
    }
    let mut table = out.table(&["col-revision", "col-when", "col-actor", "col-text"]);
    for r in &history {
        let mut what = notes::preview(&r.text_en, &r.text_zh, 60);
        if let Some(from) = r.restored_from {
            what = format!(
                "{} {what}",
                out.text_with("note-restored-from", &[("revision", from.to_string())])
            );
        }
        table.add_row(vec![
            format!("#{}", r.revision),
            local(&r.saved_at),
            r.saved_by.clone(),
            what,
        ]);
    }
    println!("{table}");
    Ok(())
}

fn compare(ctx: &Context<'_>, note: &str, from: i64, to: i64) -> Result<()> {
    let conn = ctx.read()?;
    let found = notes::find(conn, note)?;
    let diff = revisions::compare(conn, found.id, from, to)?;
    if ctx.out.json {
        ctx.out.print_json(&diff);
    } else {
        print_diff(ctx.out, &diff);
    }
    Ok(())
}

fn restore(ctx: &mut Context<'_>, note: &str, revision: i64) -> Result<()> {
    let found = notes::find(ctx.read()?, note)?;
    let restored = ctx.change(|tx| revisions::restore(tx, found.id, revision))?;
    print_note(ctx.out, &restored)
}

/// Prints the one record made, as the desktop's disclosure_record returns it.
fn disclose(ctx: &mut Context<'_>, a: &NoteDiscloseArgs) -> Result<()> {
    let found = notes::find(ctx.read()?, &a.note)?;
    let zone = time::parse_zone(&a.time_zone)?;
    let draft = DisclosureDraft {
        scope: Some(a.scope.parse()?),
        given_by: a.given_by.clone(),
        given_at: match &a.given_at {
            Some(t) => Some(time::parse_time("given_at", t, zone)?),
            None => None,
        },
        summary_en: a.summary_en.clone(),
        summary_zh: a.summary_zh.clone(),
    };
    let recorded = ctx.change(|tx| confidentiality::record(tx, found.id, draft))?;
    if ctx.out.json {
        ctx.out.print_json(&recorded);
    } else {
        print_disclosures(ctx.out, std::slice::from_ref(&recorded));
    }
    Ok(())
}

fn disclosures(ctx: &Context<'_>, case: &str) -> Result<()> {
    let conn = ctx.read()?;
    let found = cases::find(conn, case)?;
    let log = confidentiality::log(conn, found.id)?;
    if ctx.out.json {
        ctx.out.print_json(&log);
    } else {
        print_disclosures(ctx.out, &log);
    }
    Ok(())
}

/// Applies the content flags given on the command line to `draft`; what is not given
/// stays as it was.
fn apply(
    conn: &Db,
    a: &NoteContentArgs,
    draft: &mut NoteDraft,
    case_id: accord::ids::CaseId,
) -> Result<()> {
    let (en, zh) = text_sides(&a.en, a.en_file.as_deref(), &a.zh, a.zh_file.as_deref())?;
    if let Some(text) = en {
        draft.text_en = text;
    }
    if let Some(text) = zh {
        draft.text_zh = text;
    }
    if let Some(v) = parse_opt(&a.visibility)? {
        draft.visibility = Some(v);
    }
    if a.no_party {
        draft.party_id = None;
    }
    if let Some(p) = &a.party {
        draft.party_id = Some(parties::find(conn, Some(case_id), p)?.id);
    }
    if !a.tags.is_empty() {
        draft.tags = a
            .tags
            .iter()
            .filter(|t| !t.is_empty())
            .map(|t| t.parse())
            .collect::<Result<_>>()?;
    }
    if let Some(s) = parse_opt(&a.script)? {
        draft.zh_script = Some(s);
    }
    if let Some(t) = &a.translated {
        draft.translated = if t == "none" { None } else { Some(t.parse()?) };
        if draft.translated.is_none() {
            draft.checked_by = None;
        }
    }
    if let Some(c) = &a.checked_by {
        draft.checked_by = Some(c.clone());
    }
    Ok(())
}

/// The English and Chinese text given as `--en TEXT` or `--en-file FILE` and `--zh …`
/// (`-` for standard input, for one side only); `None` for a side not given. Also what
/// `accord draft clause` reads its text with.
pub(super) fn text_sides(
    en: &Option<String>,
    en_file: Option<&Path>,
    zh: &Option<String>,
    zh_file: Option<&Path>,
) -> Result<(Option<String>, Option<String>)> {
    if en_file == Some(Path::new("-")) && zh_file == Some(Path::new("-")) {
        return Err(Error::Invalid {
            field: "text",
            value: "only one side can come from standard input".into(),
        });
    }
    Ok((text_arg(en, en_file)?, text_arg(zh, zh_file)?))
}

/// Text from `--en TEXT`, or from `--en-file FILE` (`-` for standard input).
fn text_arg(inline: &Option<String>, file: Option<&Path>) -> Result<Option<String>> {
    match (inline, file) {
        (Some(_), Some(_)) => Err(Error::Invalid {
            field: "text",
            value: "give the text or a file, not both".into(),
        }),
        (Some(t), None) => Ok(Some(t.clone())),
        (None, Some(path)) if path == Path::new("-") => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text)?;
            Ok(Some(text))
        }
        (None, Some(path)) => Ok(Some(std::fs::read_to_string(path)?)),
        (None, None) => Ok(None),
    }
}

pub(super) fn local(stored: &str) -> String {
    time::from_storage(stored)
        .map(time::show_local)
        .unwrap_or_else(|_| stored.to_string())
}

fn tags(out: &Out, tags: &[notes::NoteTag]) -> String {
    tags.iter()
        .map(|t| out.term("tag", t.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_note(out: &Out, note: &Note) -> Result<()> {
    if out.json {
        out.print_json(note);
        return Ok(());
    }
    let mut rows = vec![
        ("label-id", note.id.to_string()),
        (
            "label-visibility",
            out.term("visibility", note.visibility.as_str()),
        ),
        ("label-tags", tags(out, &note.tags)),
        ("label-revision", format!("#{}", note.revision)),
        ("label-saved", local(&note.updated_at)),
    ];
    if let Some(d) = &note.disclosure {
        rows.push(("label-disclosure", out.term("scope", d.scope.as_str())));
    }
    if let Some(side) = note.translated {
        let by = note.checked_by.clone().unwrap_or_else(|| "—".into());
        rows.push((
            "label-translation",
            format!("{} ({by})", out.term("translated", side.as_str())),
        ));
    }
    out.fields(&rows);
    print_sides(out, &note.text_en, &note.text_zh);
    Ok(())
}

fn print_revision(out: &Out, r: &NoteRevision) -> Result<()> {
    if out.json {
        out.print_json(r);
        return Ok(());
    }
    out.fields(&[
        ("label-revision", format!("#{}", r.revision)),
        ("label-saved", local(&r.saved_at)),
        (
            "label-visibility",
            out.term("visibility", r.visibility.as_str()),
        ),
    ]);
    print_sides(out, &r.text_en, &r.text_zh);
    Ok(())
}

fn print_sides(out: &Out, en: &str, zh: &str) {
    for (label, text) in [("label-text-en", en), ("label-text-zh", zh)] {
        if !text.is_empty() {
            println!("\n{}\n{text}", out.text(label));
        }
    }
}

/// Added text as `{+…+}` and removed as `[-…-]` (git's word-diff markers), in colour
/// on a terminal.
fn print_diff(out: &Out, diff: &RevisionDiff) {
    let colour = out.colour();
    for (label, spans) in [("label-text-en", &diff.en), ("label-text-zh", &diff.zh)] {
        if spans.is_empty() {
            continue;
        }
        let text: String = spans
            .iter()
            .map(|s| match (s.change, colour) {
                (DiffChange::Same, _) => s.text.clone(),
                (DiffChange::Added, true) => format!("\u{1b}[32m{}\u{1b}[0m", s.text),
                (DiffChange::Removed, true) => format!("\u{1b}[31;9m{}\u{1b}[0m", s.text),
                (DiffChange::Added, false) => format!("{{+{}+}}", s.text),
                (DiffChange::Removed, false) => format!("[-{}-]", s.text),
            })
            .collect();
        println!(
            "{}  #{} → #{}\n{text}\n",
            out.text(label),
            diff.from,
            diff.to
        );
    }
}

fn print_disclosures(out: &Out, log: &[Disclosure]) {
    let mut table = out.table(&[
        "col-when",
        "col-note",
        "col-scope",
        "col-given-by",
        "col-given-at",
    ]);
    for d in log {
        table.add_row(vec![
            local(&d.recorded_at),
            d.note_id.short(),
            out.term("scope", d.scope.as_str()),
            d.given_by.clone(),
            time::show_local(d.given_at),
        ]);
    }
    println!("{table}");
}
