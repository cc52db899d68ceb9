//! The termbase: browse, edit, import and export it; find its terms in a note's text.

use accord::notes::{ChineseScript, Side};
use accord::termbase::{self, ImportReport, NewTerm, Term, TermGap, TermMatch, TermUpdate};
use chrono::{Local, Utc};
use tauri::State;

use super::{id, Reply};
use crate::state::{report, AppState};

#[tauri::command]
pub async fn term_list(state: State<'_, AppState>, text: Option<String>) -> Reply<Vec<Term>> {
    state.with_vault(|v| termbase::list(v.read(), text.as_deref()))
}

#[tauri::command]
pub async fn term_add(state: State<'_, AppState>, input: NewTerm) -> Reply<Term> {
    state.with_vault(|v| v.change(Utc::now(), |tx| termbase::add(tx, input)))
}

#[tauri::command]
pub async fn term_update(
    state: State<'_, AppState>,
    term_id: String,
    change: TermUpdate,
) -> Reply<Term> {
    let term_id = id(&term_id)?;
    state.with_vault(|v| v.change(Utc::now(), |tx| termbase::update(tx, term_id, change)))
}

#[tauri::command]
pub async fn term_remove(state: State<'_, AppState>, term_id: String) -> Reply<()> {
    let term_id = id(&term_id)?;
    state.with_vault(|v| v.change(Utc::now(), |tx| termbase::remove(tx, term_id).map(|_| ())))
}

/// The known terms in one side of a note, for the editor to highlight.
#[tauri::command]
pub async fn term_matches(
    state: State<'_, AppState>,
    text: String,
    side: Side,
    script: ChineseScript,
) -> Reply<Vec<TermMatch>> {
    state.with_vault(|v| termbase::matches(v.read(), &text, side, script))
}

/// Terms on one side whose counterpart the other side lacks.
#[tauri::command]
pub async fn term_check(
    state: State<'_, AppState>,
    text_en: String,
    text_zh: String,
) -> Reply<Vec<TermGap>> {
    state.with_vault(|v| termbase::check(v.read(), &text_en, &text_zh))
}

/// Imports a CSV file's text: all of it, or nothing if any row is bad.
#[tauri::command]
pub async fn term_import(state: State<'_, AppState>, csv: String) -> Reply<ImportReport> {
    state.with_vault(|v| v.change(Utc::now(), |tx| termbase::import_csv(tx, csv.as_bytes())))
}

/// Writes the termbase as CSV into the Downloads folder; returns the file's path.
#[tauri::command]
pub async fn term_export(state: State<'_, AppState>) -> Reply<String> {
    let dir = termbase::export_folder().map_err(report)?;
    let day = Local::now().date_naive();
    state.with_vault(|v| {
        termbase::export_csv_into(v.read(), &dir, day).map(|e| e.path.display().to_string())
    })
}
