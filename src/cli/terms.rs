//! `accord term …`: the termbase from the command line. Text and files may come from
//! stdin (`-`) for scripting.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use accord::termbase::{self, NewTerm, Term, TermGap, TermUpdate};
use accord::vault::Access;
use accord::{Error, Result};
use clap::{Args, Subcommand, ValueEnum};

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
    /// Write the termbase as CSV (the seed's format) or TBX-Basic, to stdout by default.
    Export(TermExportArgs),
    /// List the terms one text has and the other lacks: an English term whose Chinese
    /// (Simplified or Traditional) is not in the Chinese text, or a Chinese term whose
    /// English is not in the English text. Exits 0 whether or not there are gaps; with
    /// --json, an empty list means none. An empty text is not checked against.
    Check(TermCheckArgs),
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
    pub file: Option<String>,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
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

pub fn term(ctx: &Context<'_>, command: &TermCommand) -> Result<()> {
    let out = ctx.out;
    match command {
        TermCommand::Add(a) => {
            let mut vault = ctx.open(Access::Write)?;
            let new = NewTerm {
                en: a.en.clone(),
                zh_hans: a.rest.zh_hans.clone(),
                zh_hant: a.rest.zh_hant.clone(),
                domain: a.rest.domain.clone(),
                note: a.rest.note.clone(),
            };
            let term = vault.change(ctx.now(), |tx| termbase::add(tx, new))?;
            print_term(out, &term);
        }
        TermCommand::Edit(a) => {
            let mut vault = ctx.open(Access::Write)?;
            let found = termbase::find(vault.read(), &a.term)?;
            let change = TermUpdate {
                en: a.en.clone(),
                zh_hans: a.rest.zh_hans.clone(),
                zh_hant: a.rest.zh_hant.clone(),
                domain: a.rest.domain.clone(),
                note: a.rest.note.clone(),
            };
            let term = vault.change(ctx.now(), |tx| termbase::update(tx, found.id, change))?;
            print_term(out, &term);
        }
        TermCommand::Remove { term } => {
            let mut vault = ctx.open(Access::Write)?;
            let found = termbase::find(vault.read(), term)?;
            let removed = vault.change(ctx.now(), |tx| termbase::remove(tx, found.id))?;
            if out.json {
                out.print_json(&removed);
            } else {
                println!("{}", out.text_with("term-removed", &[("en", removed.en)]));
            }
        }
        TermCommand::List { text } => {
            let vault = ctx.open(Access::Read)?;
            let list = termbase::list(vault.read(), text.as_deref())?;
            if out.json {
                out.print_json(&list);
            } else {
                print_terms(out, &list);
            }
        }
        TermCommand::Import { file } => {
            let input = read_input("csv", file, termbase::csv_io::MAX_IMPORT_BYTES)?;
            let mut vault = ctx.open(Access::Write)?;
            let report =
                vault.change(ctx.now(), |tx| termbase::import_csv(tx, input.as_slice()))?;
            if out.json {
                out.print_json(&report);
            } else {
                let args = [
                    ("added", report.added.to_string()),
                    ("updated", report.updated.to_string()),
                    ("unchanged", report.unchanged.to_string()),
                ];
                println!("{}", out.text_with("term-imported", &args));
            }
        }
        TermCommand::Export(a) => export(ctx, a)?,
        TermCommand::Check(a) if a.note.is_some() => {
            let vault = ctx.open(Access::Read)?;
            let conn = vault.read();
            let note = accord::notes::find(conn, a.note.as_deref().unwrap_or_default())?;
            print_gaps(out, &termbase::check(conn, &note.text_en, &note.text_zh)?);
        }
        TermCommand::Check(a) => {
            if a.en_file.as_deref() == Some("-") && a.zh_file.as_deref() == Some("-") {
                return Err(Error::Invalid {
                    field: "file",
                    value: "only one of --en-file and --zh-file can be - (stdin)".into(),
                });
            }
            let en = read_text("en", a.en_file.as_deref().unwrap_or("-"))?;
            let zh = read_text("zh", a.zh_file.as_deref().unwrap_or("-"))?;
            let vault = ctx.open(Access::Read)?;
            let gaps = termbase::check(vault.read(), &en, &zh)?;
            print_gaps(out, &gaps);
        }
    }
    Ok(())
}

fn export(ctx: &Context<'_>, a: &TermExportArgs) -> Result<()> {
    let vault = ctx.open(Access::Read)?;
    let conn = vault.read();
    let write = |w: &mut dyn Write| match a.format {
        ExportFormat::Csv => termbase::export_csv(conn, w),
        ExportFormat::Tbx => termbase::tbx::export_tbx(conn, w),
    };
    match a.file.as_deref() {
        None | Some("-") => {
            write(&mut std::io::stdout().lock())?;
        }
        Some(path) => {
            let path = PathBuf::from(path);
            let mut file = create(&path, a.force)?;
            let count = write(&mut file)?;
            file.sync_all()?;
            if ctx.out.json {
                ctx.out.print_json(&serde_json::json!({
                    "path": path.display().to_string(),
                    "terms": count,
                }));
            } else {
                let args = [
                    ("count", count.to_string()),
                    ("path", path.display().to_string()),
                ];
                println!("{}", ctx.out.text_with("term-exported", &args));
            }
        }
    }
    Ok(())
}

/// Opens `path` for writing, refusing to replace a file unless `force`.
fn create(path: &Path, force: bool) -> Result<std::fs::File> {
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
fn read_input(field: &'static str, source: &str, max: u64) -> Result<Vec<u8>> {
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
