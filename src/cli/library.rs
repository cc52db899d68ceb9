//! `accord library …`: the clause library, its templates and its file.

use std::path::PathBuf;

use accord::agreements::{self, clauses, library};
use accord::vault::Access;
use accord::Result;
use clap::Subcommand;
use serde::Serialize;

use super::term::{create, read_input};
use super::Context;

#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// The templates, by key.
    List,
    /// One template in English, Simplified and Traditional.
    Show { key: String },
    /// Save a clause of an agreement as a template under KEY (replacing one with that key).
    Save {
        /// The agreement's id or short id.
        agreement: String,
        /// The clause's number (4.2) or id.
        clause: String,
        #[arg(long)]
        key: String,
        #[arg(long)]
        title_en: String,
        #[arg(long)]
        title_zh: String,
    },
    /// Add a template under a new KEY (lowercase words joined by `-`), written by hand:
    /// titles, headings and text in English, Simplified and Traditional Chinese.
    /// Placeholders are `[[amount]]`; the case's facts `{{party.requesting}}` ….
    Add {
        key: String,
        #[command(flatten)]
        words: TemplateArgs,
    },
    /// Change a template: what is given replaces what it held; the rest stays.
    Edit {
        key: String,
        #[command(flatten)]
        words: TemplateArgs,
    },
    /// Write the whole library to FILE (accord-library/1, JSON).
    Export {
        file: PathBuf,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Read templates from FILE (`-` for standard input): all of them, or none.
    Import { file: String },
}

/// A template's words, each optional (`edit` changes only what is given).
#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    #[arg(long)]
    title_en: Option<String>,
    #[arg(long)]
    title_hans: Option<String>,
    #[arg(long)]
    title_hant: Option<String>,
    #[arg(long)]
    heading_en: Option<String>,
    #[arg(long)]
    heading_hans: Option<String>,
    #[arg(long)]
    heading_hant: Option<String>,
    /// The English text.
    #[arg(long)]
    en: Option<String>,
    /// The Simplified Chinese text.
    #[arg(long)]
    hans: Option<String>,
    /// The Traditional Chinese text.
    #[arg(long)]
    hant: Option<String>,
    /// language, signatures or mediator-statement; empty for none.
    #[arg(long)]
    kind: Option<String>,
}

impl TemplateArgs {
    /// `entry` with every field given here replaced.
    fn apply(&self, mut entry: library::LibraryClause) -> Result<library::LibraryClause> {
        for (given, field) in [
            (&self.title_en, &mut entry.title_en),
            (&self.title_hans, &mut entry.title_hans),
            (&self.title_hant, &mut entry.title_hant),
            (&self.heading_en, &mut entry.heading_en),
            (&self.heading_hans, &mut entry.heading_hans),
            (&self.heading_hant, &mut entry.heading_hant),
            (&self.en, &mut entry.text_en),
            (&self.hans, &mut entry.text_hans),
            (&self.hant, &mut entry.text_hant),
        ] {
            if let Some(value) = given {
                *field = value.clone();
            }
        }
        if let Some(kind) = &self.kind {
            entry.kind = match kind.trim() {
                "" => None,
                kind => Some(kind.parse()?),
            };
        }
        Ok(entry)
    }
}

impl LibraryCommand {
    pub fn access(&self) -> Access {
        match self {
            LibraryCommand::List | LibraryCommand::Show { .. } | LibraryCommand::Export { .. } => {
                Access::Read
            }
            _ => Access::Write,
        }
    }
}

/// `library export --json`: where the file went and how many templates it holds.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct LibraryExportReport {
    pub path: String,
    #[ts(type = "number")]
    pub templates: usize,
}

pub fn run(ctx: &mut Context<'_>, command: &LibraryCommand) -> Result<()> {
    match command {
        LibraryCommand::List => {
            let list = library::list(ctx.read()?)?;
            if ctx.out.json {
                ctx.out.print_json(&list);
                return Ok(());
            }
            let mut table = ctx.out.table(&["col-key", "col-title", "col-origin"]);
            for t in &list {
                table.add_row(vec![
                    t.key.clone(),
                    format!("{} / {}", t.title_en, t.title_hant),
                    ctx.out.term("origin", t.origin.as_str()),
                ]);
            }
            println!("{table}");
            Ok(())
        }
        LibraryCommand::Show { key } => {
            let t = library::load(ctx.read()?, key)?;
            if ctx.out.json {
                ctx.out.print_json(&t);
                return Ok(());
            }
            println!(
                "{}  {} / {} / {}",
                t.key, t.title_en, t.title_hans, t.title_hant
            );
            for (heading, text) in [
                (&t.heading_en, &t.text_en),
                (&t.heading_hans, &t.text_hans),
                (&t.heading_hant, &t.text_hant),
            ] {
                println!("\n{heading}\n{text}");
            }
            Ok(())
        }
        LibraryCommand::Save {
            agreement,
            clause,
            key,
            title_en,
            title_zh,
        } => {
            let conn = ctx.read()?;
            let found = agreements::find(conn, agreement)?;
            let clause = clauses::find(conn, found.id, clause)?;
            let saved =
                ctx.change(|tx| library::save_clause(tx, &clause, key, title_en, title_zh))?;
            print_saved(ctx, saved)
        }
        LibraryCommand::Add { key, words } => {
            let conn = ctx.read()?;
            if library::load(conn, key).is_ok() {
                return Err(accord::Error::Invalid {
                    field: "key",
                    value: format!(
                        "{key} is in the library already: `library edit {key}` changes it"
                    ),
                });
            }
            let entry = words.apply(library::LibraryClause {
                key: key.clone(),
                title_en: String::new(),
                title_hans: String::new(),
                title_hant: String::new(),
                heading_en: String::new(),
                heading_hans: String::new(),
                heading_hant: String::new(),
                text_en: String::new(),
                text_hans: String::new(),
                text_hant: String::new(),
                kind: None,
                origin: library::LibraryOrigin::Mediator,
                updated_at: String::new(),
            })?;
            let saved = ctx.change(|tx| library::put(tx, entry))?;
            print_saved(ctx, saved)
        }
        LibraryCommand::Edit { key, words } => {
            let entry = words.apply(library::load(ctx.read()?, key)?)?;
            let saved = ctx.change(|tx| library::put(tx, entry))?;
            print_saved(ctx, saved)
        }
        LibraryCommand::Export { file, force } => {
            let conn = ctx.read()?;
            let bytes = library::export(conn)?;
            let templates = library::list(conn)?.len();
            let mut out = create(file, *force)?;
            std::io::Write::write_all(&mut out, &bytes)?;
            out.sync_all()?;
            let report = LibraryExportReport {
                path: file.display().to_string(),
                templates,
            };
            if ctx.out.json {
                ctx.out.print_json(&report);
            } else {
                let args = [
                    ("count", report.templates.to_string()),
                    ("path", report.path.clone()),
                ];
                println!("{}", ctx.out.text_with("library-exported", &args));
            }
            Ok(())
        }
        LibraryCommand::Import { file } => {
            let bytes = read_input("file", file, 8 * 1024 * 1024)?;
            let report = ctx.change(|tx| library::import(tx, &bytes))?;
            if ctx.out.json {
                ctx.out.print_json(&report);
            } else {
                let args = [
                    ("added", report.added.to_string()),
                    ("updated", report.updated.to_string()),
                    ("unchanged", report.unchanged.to_string()),
                ];
                println!("{}", ctx.out.text_with("library-imported", &args));
            }
            Ok(())
        }
    }
}

/// A template saved: as JSON, or the sentence saying under which key.
fn print_saved(ctx: &Context<'_>, saved: library::LibraryClause) -> Result<()> {
    if ctx.out.json {
        ctx.out.print_json(&saved);
    } else {
        println!(
            "{}",
            ctx.out.text_with("library-saved", &[("key", saved.key)])
        );
    }
    Ok(())
}
