//! `accord term …`: the termbase from the command line. Text and files may come from
//! stdin (`-`) for scripting.

use std::io::Read;
use std::path::{Path, PathBuf};

use accord::termbase::{self, NewTerm, Term, TermGap, TermUpdate};
use accord::vault::Access;
use accord::{Error, Result};
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use super::output::Out;
use super::Context;

/// Largest text `term check` reads from one file or stdin.
const MAX_CHECK_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Subcommand)]
pub enum TermCommand {
    /// Add a term: English and at least one Chinese form.
    Add(TermAddArgs),
    /// Change a term, found by its English, id or short id. An empty value clears a field.
    Edit(TermEditArgs),
    /// Remove a term (seed terms too).
    Remove {
        /// The term's English, id or short id.
        term: String,
    },
    /// List terms, all or those whose English or Chinese contains --text.
    List {
        #[arg(long, value_name = "Q")]
        text: Option<String>,
    },
    /// Merge a CSV file in, by English term (header en,zh_hans,zh_hant,domain,note).
    /// All or nothing: any bad line refuses the whole file and names the line.
    Import {
        /// The file, or - for stdin.
        file: String,
    },
    /// Write the termbase as CSV (the seed's format) or TBX-Basic, to stdout by default,
    /// to FILE, or (--into) as a dated CSV file in a folder, as the app's Export button does.
    Export(TermExportArgs),
    /// List the terms one text has and the other lacks: an English term whose Chinese
    /// (Simplified or Traditional) is not in the Chinese text, or a Chinese term whose
    /// English is not in the English text. Exits 0 whether or not there are gaps; with
    /// --json, an empty list means none. An empty text is not checked against.
    Check(TermCheckArgs),
}

impl TermCommand {
    pub fn access(&self) -> Access {
        match self {
            TermCommand::Add(_)
            | TermCommand::Edit(_)
            | TermCommand::Remove { .. }
            | TermCommand::Import { .. } => Access::Write,
            _ => Access::Read,
        }
    }
}

#[derive(Debug, Args)]
pub struct TermAddArgs {
    #[arg(long)]
    pub en: String,
    #[command(flatten)]
    pub rest: TermFieldArgs,
}

#[derive(Debug, Args)]
pub struct TermEditArgs {
    /// The term's English, id or short id.
    pub term: String,
    #[arg(long)]
    pub en: Option<String>,
    #[command(flatten)]
    pub rest: TermFieldArgs,
}

#[derive(Debug, Args)]
pub struct TermFieldArgs {
    /// Simplified Chinese.
    #[arg(long)]
    pub zh_hans: Option<String>,
    /// Traditional Chinese.
    #[arg(long)]
    pub zh_hant: Option<String>,
    /// e.g. process, settlement, investment.
    #[arg(long)]
    pub domain: Option<String>,
    /// Usage, false friends, sources.
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Tbx,
}

#[derive(Debug, Args)]
pub struct TermExportArgs {
    /// The file to write, or - (the default) for stdout.
    #[arg(conflicts_with = "into")]
    pub file: Option<String>,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Write `accord-termbase-DAY.csv` into DIR (default: the Downloads folder, else
    /// home), adding -2, -3 … rather than replacing a file there.
    #[arg(long, value_name = "DIR", num_args = 0..=1, conflicts_with_all = ["force", "format"])]
    pub into: Option<Option<PathBuf>>,
}

/// `term export FILE|--into --json`: where the file went (the desktop's term_export
/// returns this path) and how many terms it holds.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct TermExportReport {
    pub path: String,
    pub terms: usize,
}

#[derive(Debug, Args)]
pub struct TermCheckArgs {
    /// Check this note's two sides.
    #[arg(long, value_name = "NOTE", conflicts_with_all = ["en_file", "zh_file"])]
    pub note: Option<String>,
    /// The English text: a file, or - for stdin.
    #[arg(long, value_name = "FILE", required_unless_present = "note")]
    pub en_file: Option<String>,
    /// The Chinese text (Simplified or Traditional): a file, or - for stdin.
    #[arg(long, value_name = "FILE", required_unless_present = "note")]
    pub zh_file: Option<String>,
}

pub fn run(ctx: &mut Context<'_>, command: &TermCommand) -> Result<()> {
    match command {
        TermCommand::Add(a) => add(ctx, a),
        TermCommand::Edit(a) => edit(ctx, a),
        TermCommand::Remove { term } => remove(ctx, term),
        TermCommand::List { text } => list(ctx, text.as_deref()),
        TermCommand::Import { file } => import(ctx, file),
        TermCommand::Export(a) => export(ctx, a),
        TermCommand::Check(a) => check(ctx, a),
    }
}

fn add(ctx: &mut Context<'_>, a: &TermAddArgs) -> Result<()> {
    let new = NewTerm {
        en: a.en.clone(),
        zh_hans: a.rest.zh_hans.clone(),
        zh_hant: a.rest.zh_hant.clone(),
        domain: a.rest.domain.clone(),
        note: a.rest.note.clone(),
    };
    let term = ctx.change(|tx| termbase::add(tx, new))?;
    print_term(ctx.out, &term);
    Ok(())
}

fn edit(ctx: &mut Context<'_>, a: &TermEditArgs) -> Result<()> {
    let found = termbase::find(ctx.read()?, &a.term)?;
    let change = TermUpdate {
        en: a.en.clone(),
        zh_hans: a.rest.zh_hans.clone(),
        zh_hant: a.rest.zh_hant.clone(),
        domain: a.rest.domain.clone(),
        note: a.rest.note.clone(),
    };
    let term = ctx.change(|tx| termbase::update(tx, found.id, change))?;
    print_term(ctx.out, &term);
    Ok(())
}

fn remove(ctx: &mut Context<'_>, term: &str) -> Result<()> {
    let found = termbase::find(ctx.read()?, term)?;
    let removed = ctx.change(|tx| termbase::remove(tx, found.id))?;
    if ctx.out.json {
        ctx.out.print_json(&removed);
    } else {
        let args = [("en", removed.en)];
        println!("{}", ctx.out.text_with("term-removed", &args));
    }
    Ok(())
}

fn list(ctx: &Context<'_>, text: Option<&str>) -> Result<()> {
    let list = termbase::list(ctx.read()?, text)?;
    if ctx.out.json {
        ctx.out.print_json(&list);
    } else {
        print_terms(ctx.out, &list);
    }
    Ok(())
}

/// The file is read (and a bad one refused) before the vault is opened.
fn import(ctx: &mut Context<'_>, file: &str) -> Result<()> {
    let input = read_input("csv", file, termbase::csv_io::MAX_IMPORT_BYTES)?;
    let report = ctx.change(|tx| termbase::import_csv(tx, input.as_slice()))?;
    if ctx.out.json {
        ctx.out.print_json(&report);
    } else {
        let args = [
            ("added", report.added.to_string()),
            ("updated", report.updated.to_string()),
            ("unchanged", report.unchanged.to_string()),
        ];
        println!("{}", ctx.out.text_with("term-imported", &args));
    }
    Ok(())
}

fn check(ctx: &Context<'_>, a: &TermCheckArgs) -> Result<()> {
    if let Some(note) = &a.note {
        let conn = ctx.read()?;
        let note = accord::notes::find(conn, note)?;
        print_gaps(
            ctx.out,
            &termbase::check(conn, &note.text_en, &note.text_zh)?,
        );
        return Ok(());
    }
    if a.en_file.as_deref() == Some("-") && a.zh_file.as_deref() == Some("-") {
        return Err(Error::Invalid {
            field: "file",
            value: "only one of --en-file and --zh-file can be - (stdin)".into(),
        });
    }
    let en = read_text("en", a.en_file.as_deref().unwrap_or("-"))?;
    let zh = read_text("zh", a.zh_file.as_deref().unwrap_or("-"))?;
    print_gaps(ctx.out, &termbase::check(ctx.read()?, &en, &zh)?);
    Ok(())
}

fn export(ctx: &Context<'_>, a: &TermExportArgs) -> Result<()> {
    let conn = ctx.read()?;
    let report = match (&a.into, a.file.as_deref()) {
        (Some(folder), _) => {
            // The same function, folder and file name as the desktop's Export button.
            let folder = match folder {
                Some(dir) => dir.clone(),
                None => termbase::export_folder()?,
            };
            let day = chrono::Local::now().date_naive();
            let exported = termbase::export_csv_into(conn, &folder, day)?;
            TermExportReport {
                path: exported.path.display().to_string(),
                terms: exported.terms,
            }
        }
        (None, None | Some("-")) => {
            let mut stdout = std::io::stdout().lock();
            match a.format {
                ExportFormat::Csv => termbase::export_csv(conn, &mut stdout)?,
                ExportFormat::Tbx => termbase::tbx::export_tbx(conn, &mut stdout)?,
            };
            return Ok(());
        }
        (None, Some(path)) => {
            let path = PathBuf::from(path);
            let mut file = create(&path, a.force)?;
            let terms = match a.format {
                ExportFormat::Csv => termbase::export_csv(conn, &mut file)?,
                ExportFormat::Tbx => termbase::tbx::export_tbx(conn, &mut file)?,
            };
            file.sync_all()?;
            TermExportReport {
                path: path.display().to_string(),
                terms,
            }
        }
    };
    if ctx.out.json {
        ctx.out.print_json(&report);
    } else {
        let args = [
            ("count", report.terms.to_string()),
            ("path", report.path.clone()),
        ];
        println!("{}", ctx.out.text_with("term-exported", &args));
    }
    Ok(())
}

/// Opens `path` for writing, refusing to replace a file unless `force`.
pub(super) fn create(path: &Path, force: bool) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Error::Invalid {
            field: "file",
            value: format!("{} exists; add --force to replace it", path.display()),
        },
        _ => e.into(),
    })
}

/// The bytes of a file, or of stdin for `-`, refusing more than `max`.
pub(super) fn read_input(field: &'static str, source: &str, max: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if source == "-" {
        std::io::stdin()
            .lock()
            .take(max + 1)
            .read_to_end(&mut bytes)?;
    } else {
        std::fs::File::open(source)?
            .take(max + 1)
            .read_to_end(&mut bytes)?;
    }
    if bytes.len() as u64 > max {
        return Err(Error::Invalid {
            field,
            value: format!("{source} is larger than {} MiB", max / (1024 * 1024)),
        });
    }
    Ok(bytes)
}

/// A text to check: UTF-8, at most [`MAX_CHECK_BYTES`].
fn read_text(field: &'static str, source: &str) -> Result<String> {
    String::from_utf8(read_input(field, source, MAX_CHECK_BYTES)?).map_err(|_| Error::Invalid {
        field,
        value: format!("{source} is not UTF-8 text"),
    })
}

fn print_term(out: &Out, term: &Term) {
    if out.json {
        out.print_json(term);
    } else {
        print_terms(out, std::slice::from_ref(term));
    }
}

fn print_terms(out: &Out, terms: &[Term]) {
    let mut table = out.table(&[
        "col-id",
        "col-term-en",
        "col-term-zh-hans",
        "col-term-zh-hant",
        "col-domain",
        "col-origin",
    ]);
    for t in terms {
        table.add_row(vec![
            t.id.short(),
            t.en.clone(),
            t.zh_hans.clone().unwrap_or_default(),
            t.zh_hant.clone().unwrap_or_default(),
            t.domain.clone().unwrap_or_default(),
            out.term("origin", t.origin.as_str()),
        ]);
    }
    println!("{table}");
}

/// Prints what `check` found; the lead's `term check --note` prints the same way.
pub fn print_gaps(out: &Out, gaps: &[TermGap]) {
    if out.json {
        out.print_json(gaps);
        return;
    }
    if gaps.is_empty() {
        println!("{}", out.text("term-check-clean"));
        return;
    }
    let mut table = out.table(&[
        "col-term-en",
        "col-term-zh-hans",
        "col-term-zh-hant",
        "col-found-in",
        "col-missing-from",
    ]);
    for g in gaps {
        table.add_row(vec![
            g.term.en.clone(),
            g.term.zh_hans.clone().unwrap_or_default(),
            g.term.zh_hant.clone().unwrap_or_default(),
            out.term("side", g.found_in.as_str()),
            out.term("side", g.missing_from.as_str()),
        ]);
    }
    println!("{table}");
}
