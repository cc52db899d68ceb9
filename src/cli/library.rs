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
