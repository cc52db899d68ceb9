//! `accord draft …`: a case's settlement agreements, their numbered bilingual clauses,
//! each party's position on each clause, and frozen versions.
//!
//! Clauses are named by their number now (`4.2`) or their id or short id. Clause text may
//! refer to another clause as `{{4.2}}`; the core stores the reference by id, so it follows
//! the clause through renumbering, and prints it as "clause 4.2" / "第4.2條".

use std::collections::HashMap;
use std::path::PathBuf;

use accord::agreements::checks;
use accord::agreements::clauses::{self, Clause, ClauseKind, ClauseText, Place, Step};
use accord::agreements::docx;
use accord::agreements::fields::{self, Fields};
use accord::agreements::print;
use accord::agreements::redline::{self, ClauseChangeKind};
use accord::agreements::text_render;
use accord::agreements::versions::{self, AgreementVersion, Frozen};
use accord::agreements::{self, Agreement, AgreementUpdate, NewAgreement};
use accord::bilingual::marked;
use accord::ids::ClauseId;
use accord::notes::Side;
use accord::parties::Party;
use accord::store::Db;
use accord::vault::Access;
use accord::{cases, parties, Result};
use clap::{ArgGroup, Args, Subcommand};
use serde::Serialize;

use super::note::{local, text_sides};
use super::output::Out;
use super::{parse_opt, Context};

#[derive(Debug, Subcommand)]
pub enum DraftCommand {
    /// Start a draft agreement for an open case (a title in at least one language).
    New(DraftNewArgs),
    /// A case's agreements, oldest first.
    List {
        #[arg(long)]
        case: String,
    },
    /// An agreement: its clauses in reading order, each party's position on each, and its
    /// versions; or, with --version, a frozen version as it was saved.
    Show {
        /// The agreement's id or short id.
        agreement: String,
        /// Show this frozen version instead of the agreement as it stands.
        #[arg(long, value_name = "N")]
        version: Option<i64>,
    },
    /// Change an agreement's titles, script or language regime; the rest stays.
    Update(DraftUpdateArgs),
    /// Add, change, move and remove an agreement's clauses.
    #[command(subcommand)]
    Clause(ClauseCommand),
    /// Record a party's position on a clause.
    Position(DraftPositionArgs),
    /// Freeze the agreement as it stands as its next version (never changed afterwards).
    Version {
        /// The agreement's id or short id.
        agreement: String,
        /// What the version is, e.g. "Proposal sent to the respondent".
        #[arg(long)]
        label: String,
    },
    /// What changed from version FROM to version TO (or to the draft as it stands),
    /// clause by clause: [-removed-] and {+added+}, moved clauses once at their new place.
    /// With --docx, a Word file of tracked changes instead, to Accept or Reject in Word.
    Diff {
        /// The agreement's id or short id.
        agreement: String,
        /// The older version's number.
        from: i64,
        /// The newer version's number; without it, the draft as it stands.
        to: Option<i64>,
        /// Write the redline as a Word file of tracked changes to FILE.
        #[arg(long, value_name = "FILE", group = "out")]
        docx: Option<PathBuf>,
        /// Write the redline as a PDF to FILE: insertions underlined, deletions struck
        /// through, moved clauses noted once.
        #[arg(long, value_name = "FILE", group = "out")]
        pdf: Option<PathBuf>,
        /// side-by-side or sequential, for --pdf.
        #[arg(long, default_value = "side-by-side", requires = "pdf")]
        layout: String,
        /// Replace FILE if it exists.
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Run the checks an agreement must pass before it is final; each failure names the
    /// clause and what differs. Exits with agreement.checks_failed when any fails.
    Check {
        /// The agreement's id or short id.
        agreement: String,
    },
    /// Write the agreement (the draft as it stands, or --version N) as a print-ready PDF,
    /// a Word file, Markdown or HTML, in both languages. A draft's PDF carries a DRAFT
    /// watermark; a version's shows its fingerprint on every page.
    #[command(group(ArgGroup::new("format").required(true).multiple(false)))]
    Render {
        /// The agreement's id or short id.
        agreement: String,
        /// A print-ready PDF to FILE: fonts embedded, page numbers in both languages,
        /// signature blocks.
        #[arg(long, value_name = "FILE", group = "format")]
        pdf: Option<PathBuf>,
        /// Markdown to FILE.
        #[arg(long, value_name = "FILE", group = "format")]
        md: Option<PathBuf>,
        /// HTML to FILE (one page, no script, nothing loaded from elsewhere).
        #[arg(long, value_name = "FILE", group = "format")]
        html: Option<PathBuf>,
        /// A Word file to FILE: the clauses in a two-column table (or, sequential, one
        /// language after the other), page numbers and the fingerprint in the footer.
        #[arg(long, value_name = "FILE", group = "format")]
        docx: Option<PathBuf>,
        /// side-by-side (one row per clause) or sequential (English, then Chinese).
        #[arg(long, default_value = "side-by-side")]
        layout: String,
        /// This saved version instead of the draft as it stands.
        #[arg(long, value_name = "N")]
        version: Option<i64>,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Mark the agreement final, once every check passes, and freeze it as a version.
    Final {
        /// The agreement's id or short id.
        agreement: String,
        /// The final version's label.
        #[arg(long, default_value = "Final")]
        label: String,
    },
}

impl DraftCommand {
    pub fn access(&self) -> Access {
        match self {
            DraftCommand::List { .. }
            | DraftCommand::Show { .. }
            | DraftCommand::Diff { .. }
            | DraftCommand::Render { .. }
            | DraftCommand::Check { .. } => Access::Read,
            _ => Access::Write,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ClauseCommand {
    /// Add a clause: at the end, after clause N (--after) or as the last sub-clause of N
    /// (--under). Text may refer to another clause by its number now, as {{4.2}}: the
    /// reference follows that clause when clauses are renumbered and prints as "clause 4.2"
    /// in English and "第4.2條" (第4.2条 in Simplified) in Chinese; a clause referred to
    /// cannot be removed while the reference stands. Either language may be left out.
    Add(ClauseAddArgs),
    /// Change a clause's words: what is given replaces what it held; the rest stays. An
    /// empty value clears a side. References may be typed as {{4.2}}; the stored form
    /// {{clause:<id>}} is accepted back unchanged.
    Edit(ClauseEditArgs),
    /// Move a clause, with its sub-clauses, to a place or by one keyboard step; the
    /// clauses after it are renumbered and references follow.
    Move(ClauseMoveArgs),
    /// Remove a clause; refused while it has sub-clauses or another clause refers to it.
    Rm {
        /// The agreement's id or short id.
        agreement: String,
        /// The clause's number (4.2), id or short id.
        clause: String,
    },
}

#[derive(Debug, Args)]
pub struct DraftNewArgs {
    #[arg(long)]
    pub case: String,
    #[command(flatten)]
    pub fields: AgreementFieldArgs,
    /// Start from the library: a template's key (`library list`), or `settlement` for
    /// every usual part of a mediated settlement with the language clause the regime asks
    /// for. May be given more than once; clauses come in the order given.
    #[arg(long, value_name = "NAME")]
    pub template: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DraftUpdateArgs {
    /// The agreement's id or short id.
    pub agreement: String,
    #[command(flatten)]
    pub fields: AgreementFieldArgs,
}

#[derive(Debug, Args)]
pub struct AgreementFieldArgs {
    #[arg(long)]
    pub title_en: Option<String>,
    #[arg(long)]
    pub title_zh: Option<String>,
    /// The Chinese text's script: hans (Simplified) or hant (Traditional, the default).
    #[arg(long)]
    pub script: Option<String>,
    /// Which text is authentic: equal (both, the default), en-prevails or zh-prevails.
    #[arg(long)]
    pub regime: Option<String>,
}

/// A clause's words. Text comes inline, from a file, or from standard input (`-`).
#[derive(Debug, Args)]
pub struct ClauseWordsArgs {
    /// English text; {{4.2}} refers to clause 4.2.
    #[arg(long, value_name = "TEXT")]
    pub en: Option<String>,
    /// Read the English text from FILE (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub en_file: Option<PathBuf>,
    /// Chinese text; {{4.2}} refers to clause 4.2.
    #[arg(long, value_name = "TEXT")]
    pub zh: Option<String>,
    /// Read the Chinese text from FILE (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub zh_file: Option<PathBuf>,
    /// English heading.
    #[arg(long, value_name = "HEADING")]
    pub heading_en: Option<String>,
    /// Chinese heading.
    #[arg(long, value_name = "HEADING")]
    pub heading_zh: Option<String>,
    /// Why one language is missing, e.g. "Chinese to follow" ("" clears it).
    #[arg(long, value_name = "REASON")]
    pub missing_reason: Option<String>,
    /// What the clause is, for the checks before final: language, signatures or
    /// mediator-statement ("" clears it).
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
}

#[derive(Debug, Args)]
pub struct ClauseAddArgs {
    /// The agreement's id or short id.
    pub agreement: String,
    #[command(flatten)]
    pub words: ClauseWordsArgs,
    /// Take the words of this proposal note (tagged proposal, of the agreement's case),
    /// linked back to it. A caucus proposal needs the party's authorisation of all of it.
    #[arg(long, value_name = "NOTE", conflicts_with_all = ["en", "en_file", "zh", "zh_file"])]
    pub from_note: Option<String>,
    /// Take library template KEY (`accord library list`), in the agreement's script; the
    /// case's facts it names stay linked.
    #[arg(
        long,
        value_name = "KEY",
        conflicts_with_all = ["en", "en_file", "zh", "zh_file", "from_note"]
    )]
    pub from_library: Option<String>,
    /// Put the clause right after clause N (a number like 4.2, or an id).
    #[arg(long, value_name = "N", conflicts_with = "under")]
    pub after: Option<String>,
    /// Make the clause the last sub-clause of clause N.
    #[arg(long, value_name = "N")]
    pub under: Option<String>,
}

#[derive(Debug, Args)]
pub struct ClauseEditArgs {
    /// The agreement's id or short id.
    pub agreement: String,
    /// The clause's number (4.2), id or short id.
    pub clause: String,
    #[command(flatten)]
    pub words: ClauseWordsArgs,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("to").required(true).multiple(false)))]
pub struct ClauseMoveArgs {
    /// The agreement's id or short id.
    pub agreement: String,
    /// The clause's number (4.2), id or short id.
    pub clause: String,
    /// Right after clause M, under the same parent.
    #[arg(long, value_name = "M", group = "to")]
    pub after: Option<String>,
    /// Last of clause M's sub-clauses.
    #[arg(long, value_name = "M", group = "to")]
    pub under: Option<String>,
    /// Last of the top-level clauses.
    #[arg(long, group = "to")]
    pub end: bool,
    /// Before the previous clause.
    #[arg(long, group = "to")]
    pub up: bool,
    /// After the next clause.
    #[arg(long, group = "to")]
    pub down: bool,
    /// Become the last sub-clause of the previous clause.
    #[arg(long, group = "to")]
    pub indent: bool,
    /// Become the next clause after its parent.
    #[arg(long, group = "to")]
    pub outdent: bool,
}

#[derive(Debug, Args)]
pub struct DraftPositionArgs {
    /// The agreement's id or short id.
    pub agreement: String,
    /// The clause's number (4.2), id or short id.
    pub clause: String,
    /// The party's id or short id (a party to the agreement's case).
    #[arg(long)]
    pub party: String,
    /// proposed, accepted, objected or open.
    #[arg(long)]
    pub status: String,
    /// What the party said (replaces its earlier comment; without it there is none).
    #[arg(long)]
    pub comment: Option<String>,
}

/// `draft show --version N --json`: the version as listed, and the agreement as it was
/// frozen then (references kept by id, with the version's own numbers: `Frozen::rendered`).
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct FrozenVersion {
    pub version: AgreementVersion,
    pub frozen: Frozen,
}

pub fn run(ctx: &mut Context<'_>, command: &DraftCommand) -> Result<()> {
    match command {
        DraftCommand::New(a) => new(ctx, a),
        DraftCommand::List { case } => list(ctx, case),
        DraftCommand::Show { agreement, version } => show(ctx, agreement, *version),
        DraftCommand::Update(a) => update(ctx, a),
        DraftCommand::Clause(c) => match c {
            ClauseCommand::Add(a) => clause_add(ctx, a),
            ClauseCommand::Edit(a) => clause_edit(ctx, a),
            ClauseCommand::Move(a) => clause_move(ctx, a),
            ClauseCommand::Rm { agreement, clause } => clause_rm(ctx, agreement, clause),
        },
        DraftCommand::Position(a) => position(ctx, a),
        DraftCommand::Version { agreement, label } => version(ctx, agreement, label),
        DraftCommand::Diff {
            agreement,
            from,
            to,
            docx: Some(file),
            force,
            ..
        } => diff_docx(ctx, agreement, *from, *to, file, *force),
        DraftCommand::Diff {
            agreement,
            from,
            to,
            pdf: Some(file),
            layout,
            force,
            ..
        } => diff_pdf(ctx, agreement, (*from, *to), file, layout, *force),
        DraftCommand::Diff {
            agreement,
            from,
            to,
            ..
        } => diff(ctx, agreement, *from, *to),
        DraftCommand::Check { agreement } => check(ctx, agreement),
        DraftCommand::Final { agreement, label } => finalise(ctx, agreement, label),
        DraftCommand::Render {
            agreement,
            pdf,
            md,
            html,
            docx,
            layout,
            version,
            force,
        } => {
            let (file, format) = match (pdf, md, html, docx) {
                (Some(f), ..) => (f, Format::Pdf),
                (_, Some(f), ..) => (f, Format::Markdown),
                (_, _, Some(f), _) => (f, Format::Html),
                (.., Some(f)) => (f, Format::Docx),
                _ => unreachable!("clap requires one of --pdf, --md, --html, --docx"),
            };
            render(ctx, agreement, file, format, layout, *version, *force)
        }
    }
}

fn diff(ctx: &mut Context<'_>, agreement: &str, from: i64, to: Option<i64>) -> Result<()> {
    let conn = ctx.read()?;
    let found = agreements::find(conn, agreement)?;
    let red = redline::compare(conn, found.id, from, to)?;
    let out = ctx.out;
    if out.json {
        out.print_json(&red);
        return Ok(());
    }
    for c in &red.clauses {
        let number = match (&c.number_from, &c.number_to) {
            (Some(from), Some(to)) if c.change == ClauseChangeKind::Moved => out.text_with(
                "draft-diff-moved",
                &[("from", from.clone()), ("to", to.clone())],
            ),
            (_, Some(to)) => to.clone(),
            (Some(from), None) => from.clone(),
            (None, None) => String::new(),
        };
        let mark = out.term("change", c.change.as_str());
        println!("\n{number}  [{mark}]");
        for spans in [&c.heading_en, &c.heading_zh, &c.text_en, &c.text_zh] {
            let line = marked(spans);
            if !line.trim().is_empty() {
                println!("    {line}");
            }
        }
    }
    Ok(())
}

fn check(ctx: &mut Context<'_>, agreement: &str) -> Result<()> {
    let conn = ctx.read()?;
    let found = agreements::find(conn, agreement)?;
    let problems = checks::check(conn, found.id)?;
    let out = ctx.out;
    if out.json {
        out.print_json(&problems);
    } else if problems.is_empty() {
        println!("{}", out.text("draft-checks-passed"));
    } else {
        for p in &problems {
            let args: Vec<(&str, String)> = p
                .args
                .iter()
                .map(|(k, v)| (k.as_str(), v.clone()))
                .collect();
            println!(
                "- {}",
                out.text_with(&format!("check-{}", p.check.as_str()), &args)
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(accord::Error::ChecksFailed {
            count: problems.len(),
        })
    }
}

/// What `draft render` writes.
enum Format {
    Pdf,
    Markdown,
    Html,
    Docx,
}

fn render(
    ctx: &mut Context<'_>,
    agreement: &str,
    file: &std::path::Path,
    format: Format,
    layout: &str,
    version: Option<i64>,
    force: bool,
) -> Result<()> {
    let layout: text_render::Layout = layout.parse()?;
    let conn = ctx.read()?;
    let found = agreements::find(conn, agreement)?;
    let (listed, frozen) = versions::frozen(conn, found.id, version)?;
    let rendering = text_render::Rendering {
        frozen: &frozen,
        version: listed.as_ref(),
        layout,
    };
    let bytes = match format {
        Format::Pdf => print::pdf(&print::agreement(&rendering, today()))?,
        Format::Markdown => text_render::markdown(&rendering).into_bytes(),
        Format::Html => text_render::html(&rendering).into_bytes(),
        Format::Docx => docx::agreement(&rendering)?,
    };
    write_rendered(ctx, file, force, &bytes)
}

/// `draft diff --docx`: the redline as a Word file of tracked changes.
fn diff_docx(
    ctx: &mut Context<'_>,
    agreement: &str,
    from: i64,
    to: Option<i64>,
    file: &std::path::Path,
    force: bool,
) -> Result<()> {
    let conn = ctx.read()?;
    let found = agreements::find(conn, agreement)?;
    let bytes = docx::compare(conn, found.id, from, to)?;
    write_rendered(ctx, file, force, &bytes)
}

/// `draft diff --pdf`: the redline as a PDF.
fn diff_pdf(
    ctx: &mut Context<'_>,
    agreement: &str,
    (from, to): (i64, Option<i64>),
    file: &std::path::Path,
    layout: &str,
    force: bool,
) -> Result<()> {
    let layout: text_render::Layout = layout.parse()?;
    let conn = ctx.read()?;
    let found = agreements::find(conn, agreement)?;
    let doc = print::redline_of(conn, found.id, from, to, layout, today())?;
    write_rendered(ctx, file, force, &print::pdf(&doc)?)
}

/// The day a draft's rendering is dated (a version is dated by when it was saved).
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Writes what was rendered to `file` (a new file unless `force`: `term::create`), then
/// says where it went.
fn write_rendered(
    ctx: &Context<'_>,
    file: &std::path::Path,
    force: bool,
    bytes: &[u8],
) -> Result<()> {
    let mut out = super::term::create(file, force)?;
    std::io::Write::write_all(&mut out, bytes)?;
    out.sync_all()?;
    let report = RenderReport {
        path: file.display().to_string(),
        bytes: bytes.len(),
    };
    if ctx.out.json {
        ctx.out.print_json(&report);
    } else {
        println!(
            "{}",
            ctx.out
                .text_with("draft-rendered", &[("path", report.path.clone())])
        );
    }
    Ok(())
}

/// `draft render --json` and `draft diff --docx --json`: where the file went.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct RenderReport {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: usize,
}

fn finalise(ctx: &mut Context<'_>, agreement: &str, label: &str) -> Result<()> {
    let found = agreements::find(ctx.read()?, agreement)?;
    let saved = ctx.change(|tx| checks::finalise(tx, found.id, label))?;
    if ctx.out.json {
        ctx.out.print_json(&saved);
    } else {
        println!("{}", ctx.out.text("draft-final"));
        version_fields(ctx.out, &saved);
    }
    Ok(())
}

fn new(ctx: &mut Context<'_>, a: &DraftNewArgs) -> Result<()> {
    let f = &a.fields;
    let new = NewAgreement {
        title_en: f.title_en.clone(),
        title_zh: f.title_zh.clone(),
        zh_script: parse_opt(&f.script)?,
        language_regime: parse_opt(&f.regime)?,
    };
    let case = cases::find(ctx.read()?, &a.case)?;
    let agreement =
        ctx.change(|tx| accord::agreements::library::create_from(tx, case.id, new, &a.template))?;
    print_agreement(ctx, &agreement)
}

fn list(ctx: &Context<'_>, case: &str) -> Result<()> {
    let out = ctx.out;
    let conn = ctx.read()?;
    let case = cases::find(conn, case)?;
    let list = agreements::list(conn, case.id)?;
    if out.json {
        out.print_json(&list);
        return Ok(());
    }
    let mut table = out.table(&["col-id", "col-title", "col-status", "col-updated"]);
    for a in &list {
        table.add_row(vec![
            a.id.short(),
            a.title(),
            out.term("status", a.status.as_str()),
            local(&a.updated_at),
        ]);
    }
    println!("{table}");
    Ok(())
}

fn show(ctx: &Context<'_>, reference: &str, version: Option<i64>) -> Result<()> {
    let out = ctx.out;
    let conn = ctx.read()?;
    let agreement = agreements::find(conn, reference)?;
    if let Some(number) = version {
        let (version, frozen) = versions::load(conn, agreement.id, number)?;
        if out.json {
            out.print_json(&FrozenVersion { version, frozen });
        } else {
            print_frozen(out, &version, &frozen);
        }
        return Ok(());
    }
    let detail = agreements::detail(conn, agreement.id)?;
    if out.json {
        out.print_json(&detail);
        return Ok(());
    }
    let case = cases::load(conn, agreement.case_id)?;
    agreement_fields(out, &detail.agreement, &case.local_ref);
    let parties = parties::list(conn, agreement.case_id)?;
    let numbers = clauses::numbers(&detail.clauses);
    let facts = fields::of_case(conn, agreement.case_id, agreement.zh_script)?;
    if detail.clauses.is_empty() {
        println!("\n{}", out.text("draft-no-clauses"));
    }
    for c in &detail.clauses {
        println!();
        let mut block = Block::of_clause(
            out,
            &detail.agreement,
            &c.clause,
            &numbers,
            &parties,
            &facts,
        );
        if c.source_moved_on {
            block.notes.push(out.text("draft-source-moved-on"));
        }
        block.print(&c.number, c.depth);
    }
    println!();
    if detail.versions.is_empty() {
        println!("{}", out.text("draft-no-versions"));
    } else {
        print_versions(out, &detail.versions);
    }
    Ok(())
}

fn update(ctx: &mut Context<'_>, a: &DraftUpdateArgs) -> Result<()> {
    let f = &a.fields;
    let change = AgreementUpdate {
        title_en: f.title_en.clone(),
        title_zh: f.title_zh.clone(),
        zh_script: parse_opt(&f.script)?,
        language_regime: parse_opt(&f.regime)?,
    };
    let found = agreements::find(ctx.read()?, &a.agreement)?;
    let agreement = ctx.change(|tx| agreements::update(tx, found.id, change))?;
    print_agreement(ctx, &agreement)
}

/// `--kind`: `None` when not given or empty.
fn clause_kind(text: Option<&str>) -> Result<Option<ClauseKind>> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(kind) => kind.parse().map(Some),
    }
}

/// The sides given on the command line: `None` for one not given.
fn sides(w: &ClauseWordsArgs) -> Result<(Option<String>, Option<String>)> {
    text_sides(&w.en, w.en_file.as_deref(), &w.zh, w.zh_file.as_deref())
}

fn clause_add(ctx: &mut Context<'_>, a: &ClauseAddArgs) -> Result<()> {
    if let Some(note) = &a.from_note {
        return clause_from_note(ctx, a, note);
    }
    if let Some(key) = &a.from_library {
        let conn = ctx.read()?;
        let agreement = agreements::find(conn, &a.agreement)?;
        let place = place_of(conn, &agreement, a)?;
        let clause =
            ctx.change(|tx| accord::agreements::library::insert(tx, agreement.id, key, place))?;
        return print_clause(ctx, &clause);
    }
    let (en, zh) = sides(&a.words)?;
    // A heading alone is a clause too (a "Payment" heading over sub-clauses 1.1, 1.2), as
    // the core and `edit` allow.
    let headed = a.words.heading_en.is_some() || a.words.heading_zh.is_some();
    if en.is_none() && zh.is_none() && !headed {
        return Err(accord::Error::Required { field: "text" });
    }
    let words = ClauseText {
        heading_en: a.words.heading_en.clone().unwrap_or_default(),
        heading_zh: a.words.heading_zh.clone().unwrap_or_default(),
        text_en: en.unwrap_or_default(),
        text_zh: zh.unwrap_or_default(),
        missing_reason: a.words.missing_reason.clone(),
        kind: clause_kind(a.words.kind.as_deref())?,
    };
    let conn = ctx.read()?;
    let agreement = agreements::find(conn, &a.agreement)?;
    let place = place_of(conn, &agreement, a)?;
    let clause = ctx.change(|tx| clauses::add(tx, agreement.id, words, place))?;
    print_clause(ctx, &clause)
}

/// Where `clause add` puts the clause: after or under clause N, or at the end.
fn place_of(conn: &Db, agreement: &Agreement, a: &ClauseAddArgs) -> Result<Place> {
    Ok(match (&a.after, &a.under) {
        (Some(n), _) => Place::After(clause_id(conn, agreement, n)?),
        (None, Some(n)) => Place::Under(clause_id(conn, agreement, n)?),
        (None, None) => Place::End,
    })
}

fn clause_from_note(ctx: &mut Context<'_>, a: &ClauseAddArgs, note: &str) -> Result<()> {
    let conn = ctx.read()?;
    let agreement = agreements::find(conn, &a.agreement)?;
    let note = accord::notes::find(conn, note)?;
    let place = place_of(conn, &agreement, a)?;
    let clause = ctx.change(|tx| clauses::add_from_note(tx, agreement.id, note.id, place))?;
    print_clause(ctx, &clause)
}

fn clause_edit(ctx: &mut Context<'_>, a: &ClauseEditArgs) -> Result<()> {
    let (en, zh) = sides(&a.words)?;
    let conn = ctx.read()?;
    let agreement = agreements::find(conn, &a.agreement)?;
    let current = clauses::find(conn, agreement.id, &a.clause)?;
    // The clause's words as stored, references as {{clause:<id>}}, which edit takes back.
    let held = ClauseText {
        heading_en: current.heading_en.clone(),
        heading_zh: current.heading_zh.clone(),
        text_en: current.text_en.clone(),
        text_zh: current.text_zh.clone(),
        missing_reason: current.missing_reason.clone(),
        kind: current.kind,
    };
    let given = &a.words;
    let words = ClauseText {
        heading_en: given.heading_en.clone().unwrap_or(held.heading_en.clone()),
        heading_zh: given.heading_zh.clone().unwrap_or(held.heading_zh.clone()),
        text_en: en.unwrap_or(held.text_en.clone()),
        text_zh: zh.unwrap_or(held.text_zh.clone()),
        missing_reason: given.missing_reason.clone().or(held.missing_reason.clone()),
        kind: match given.kind.as_deref() {
            Some(kind) => clause_kind(Some(kind))?,
            None => held.kind,
        },
    };
    if words == held {
        // Nothing new: no write, so no audit event for a change that is none.
        agreement.ensure_draft()?;
        return print_clause(ctx, &current);
    }
    let clause = ctx.change(|tx| clauses::edit(tx, current.id, words))?;
    print_clause(ctx, &clause)
}

fn clause_move(ctx: &mut Context<'_>, a: &ClauseMoveArgs) -> Result<()> {
    let conn = ctx.read()?;
    let agreement = agreements::find(conn, &a.agreement)?;
    let current = clauses::find(conn, agreement.id, &a.clause)?;
    enum To {
        Place(Place),
        Step(Step),
    }
    let to = match a {
        ClauseMoveArgs { after: Some(m), .. } => {
            To::Place(Place::After(clause_id(conn, &agreement, m)?))
        }
        ClauseMoveArgs { under: Some(m), .. } => {
            To::Place(Place::Under(clause_id(conn, &agreement, m)?))
        }
        ClauseMoveArgs { end: true, .. } => To::Place(Place::End),
        ClauseMoveArgs { up: true, .. } => To::Step(Step::Up),
        ClauseMoveArgs { down: true, .. } => To::Step(Step::Down),
        ClauseMoveArgs { indent: true, .. } => To::Step(Step::Indent),
        _ => To::Step(Step::Outdent),
    };
    let clause = ctx.change(|tx| match to {
        To::Place(place) => clauses::move_to(tx, current.id, place),
        To::Step(step) => clauses::shift(tx, current.id, step),
    })?;
    print_clause(ctx, &clause)
}

fn clause_rm(ctx: &mut Context<'_>, agreement: &str, clause: &str) -> Result<()> {
    let conn = ctx.read()?;
    let agreement = agreements::find(conn, agreement)?;
    let current = clauses::find(conn, agreement.id, clause)?;
    let (number, removed) = ctx.change(|tx| {
        let number = clauses::numbers(&clauses::outline(tx, agreement.id)?)
            .remove(&current.id)
            .unwrap_or_default();
        Ok((number, clauses::remove(tx, current.id)?))
    })?;
    if ctx.out.json {
        ctx.out.print_json(&removed);
    } else {
        let args = [("number", number)];
        println!("{}", ctx.out.text_with("draft-clause-removed", &args));
    }
    Ok(())
}

fn position(ctx: &mut Context<'_>, a: &DraftPositionArgs) -> Result<()> {
    let status = a.status.parse()?;
    let conn = ctx.read()?;
    let agreement = agreements::find(conn, &a.agreement)?;
    let clause = clauses::find(conn, agreement.id, &a.clause)?;
    // Any party: the core refuses one of another case, naming it.
    let party = parties::find(conn, None, &a.party)?;
    let comment = a.comment.clone().unwrap_or_default();
    let clause =
        ctx.change(|tx| clauses::set_position(tx, clause.id, party.id, status, &comment))?;
    print_clause(ctx, &clause)
}

fn version(ctx: &mut Context<'_>, agreement: &str, label: &str) -> Result<()> {
    let found = agreements::find(ctx.read()?, agreement)?;
    let saved = ctx.change(|tx| versions::save(tx, found.id, label))?;
    if ctx.out.json {
        ctx.out.print_json(&saved);
    } else {
        version_fields(ctx.out, &saved);
    }
    Ok(())
}

fn clause_id(conn: &Db, agreement: &Agreement, reference: &str) -> Result<ClauseId> {
    Ok(clauses::find(conn, agreement.id, reference)?.id)
}

fn print_agreement(ctx: &Context<'_>, agreement: &Agreement) -> Result<()> {
    if ctx.out.json {
        ctx.out.print_json(agreement);
        return Ok(());
    }
    let case = cases::load(ctx.read()?, agreement.case_id)?;
    agreement_fields(ctx.out, agreement, &case.local_ref);
    Ok(())
}

fn agreement_fields(out: &Out, a: &Agreement, case_ref: &str) {
    out.fields(&[
        ("label-reference", case_ref.to_string()),
        (
            "label-title-en",
            a.title_en.clone().unwrap_or_else(|| "—".into()),
        ),
        (
            "label-title-zh",
            a.title_zh.clone().unwrap_or_else(|| "—".into()),
        ),
        ("label-status", out.term("status", a.status.as_str())),
        (
            "label-language-regime",
            out.term("language-regime", a.language_regime.as_str()),
        ),
        ("label-script", out.term("script", a.zh_script.as_str())),
        ("label-saved", local(&a.updated_at)),
        ("label-id", a.id.to_string()),
    ]);
}

/// A changed clause in its place: its number now, references written out.
fn print_clause(ctx: &Context<'_>, clause: &Clause) -> Result<()> {
    let out = ctx.out;
    if out.json {
        out.print_json(clause);
        return Ok(());
    }
    let conn = ctx.read()?;
    let agreement = agreements::load(conn, clause.agreement_id)?;
    let numbers = clauses::numbers(&clauses::outline(conn, agreement.id)?);
    let parties = parties::list(conn, agreement.case_id)?;
    let number = numbers.get(&clause.id).cloned().unwrap_or_default();
    let facts = fields::of_case(conn, agreement.case_id, agreement.zh_script)?;
    Block::of_clause(out, &agreement, clause, &numbers, &parties, &facts).print(&number, 1);
    Ok(())
}

/// A version's fields, then its clauses as frozen.
fn print_frozen(out: &Out, version: &AgreementVersion, frozen: &Frozen) {
    version_fields(out, version);
    println!();
    let a = &frozen.agreement;
    out.fields(&[
        (
            "label-title-en",
            a.title_en.clone().unwrap_or_else(|| "—".into()),
        ),
        (
            "label-title-zh",
            a.title_zh.clone().unwrap_or_else(|| "—".into()),
        ),
        (
            "label-language-regime",
            out.term("language-regime", a.language_regime.as_str()),
        ),
        ("label-script", out.term("script", a.zh_script.as_str())),
    ]);
    if frozen.clauses.is_empty() {
        println!("\n{}", out.text("draft-no-clauses"));
    }
    // Printed as it was: references written out with the version's own numbers.
    for c in &frozen.rendered() {
        println!();
        let block = Block {
            heading_en: c.heading_en.clone(),
            heading_zh: c.heading_zh.clone(),
            text_en: c.text_en.clone(),
            text_zh: c.text_zh.clone(),
            notes: Vec::new(),
        };
        block.print(&c.number, c.depth);
    }
}

fn version_fields(out: &Out, v: &AgreementVersion) {
    out.fields(&[
        ("label-version", format!("#{}", v.version)),
        ("label-version-label", v.label.clone()),
        ("label-saved", local(&v.saved_at)),
        ("label-saved-by", v.saved_by.clone()),
        ("label-fingerprint", v.short_fingerprint()),
    ]);
}

fn print_versions(out: &Out, list: &[AgreementVersion]) {
    let mut table = out.table(&[
        "col-version",
        "col-label",
        "col-when",
        "col-actor",
        "col-fingerprint",
    ]);
    for v in list {
        table.add_row(vec![
            format!("#{}", v.version),
            v.label.clone(),
            local(&v.saved_at),
            v.saved_by.clone(),
            v.short_fingerprint(),
        ]);
    }
    println!("{table}");
}

/// One clause as printed: its number and headings, then its text in each language, then
/// notes (why a side is missing, each party's position), indented by depth.
struct Block {
    heading_en: String,
    heading_zh: String,
    text_en: String,
    text_zh: String,
    notes: Vec<String>,
}

impl Block {
    fn of_clause(
        out: &Out,
        agreement: &Agreement,
        clause: &Clause,
        numbers: &HashMap<ClauseId, String>,
        parties: &[Party],
        facts: &Fields,
    ) -> Self {
        let script = agreement.zh_script;
        let mut notes = Vec::new();
        if let Some(reason) = &clause.missing_reason {
            notes.push(format!("{}: {reason}", out.text("label-missing-reason")));
        }
        for p in &clause.positions {
            let name = parties
                .iter()
                .find(|party| party.id == p.party_id)
                .map(Party::name)
                .unwrap_or_else(|| p.party_id.short());
            let mut line = format!("{name}: {}", out.term("position", p.status.as_str()));
            if !p.comment.is_empty() {
                line.push_str(&format!(" — {}", p.comment));
            }
            notes.push(line);
        }
        Block {
            heading_en: clauses::fill(&clause.heading_en, &facts.en),
            heading_zh: clauses::fill(&clause.heading_zh, &facts.zh),
            text_en: clauses::fill(
                &clauses::render(&clause.text_en, numbers, Side::En, script),
                &facts.en,
            ),
            text_zh: clauses::fill(
                &clauses::render(&clause.text_zh, numbers, Side::Zh, script),
                &facts.zh,
            ),
            notes,
        }
    }

    fn print(&self, number: &str, depth: usize) {
        let indent = "    ".repeat(depth.saturating_sub(1));
        let headings: Vec<&str> = [self.heading_en.as_str(), self.heading_zh.as_str()]
            .into_iter()
            .filter(|h| !h.is_empty())
            .collect();
        let head = format!("{indent}{number}  {}", headings.join(" / "));
        println!("{}", head.trim_end());
        let body = format!("{indent}    ");
        for text in [&self.text_en, &self.text_zh] {
            for line in text.lines() {
                println!("{}", format!("{body}{line}").trim_end());
            }
        }
        for note in &self.notes {
            println!("{body}· {note}");
        }
    }
}
