//! Notes, their revisions, and the caucus disclosure records.

use accord::confidentiality::{self, Disclosure, DisclosureDraft};
use accord::notes::revisions::{self, NoteRevision, RevisionDiff};
use accord::notes::{self, Note, NoteDraft, NoteFilter};
use chrono::Utc;
use tauri::State;

use super::{id, Reply};
use crate::state::AppState;

#[tauri::command]
pub async fn note_list(
    state: State<'_, AppState>,
    case_id: String,
    filter: NoteFilter,
) -> Reply<Vec<Note>> {
    let case_id = id(&case_id)?;
    state.with_vault(|v| notes::list(v.read(), case_id, &filter))
}

#[tauri::command]
pub async fn note_get(state: State<'_, AppState>, note_id: String) -> Reply<Note> {
    let note_id = id(&note_id)?;
    state.with_vault(|v| notes::load(v.read(), note_id))
}

#[tauri::command]
pub async fn note_create(
    state: State<'_, AppState>,
    case_id: String,
    draft: NoteDraft,
) -> Reply<Note> {
    let case_id = id(&case_id)?;
    state.with_vault(|v| v.change(Utc::now(), |tx| notes::create(tx, case_id, draft)))
}

/// Autosave: the editor's whole state, with the revision it started from.
#[tauri::command]
pub async fn note_save(
    state: State<'_, AppState>,
    note_id: String,
    base_revision: i64,
    draft: NoteDraft,
) -> Reply<Note> {
    let note_id = id(&note_id)?;
    state.with_vault(|v| {
        v.change(Utc::now(), |tx| {
            notes::save(tx, note_id, base_revision, draft)
        })
    })
}

#[tauri::command]
pub async fn note_history(state: State<'_, AppState>, note_id: String) -> Reply<Vec<NoteRevision>> {
    let note_id = id(&note_id)?;
    state.with_vault(|v| revisions::history(v.read(), note_id))
}

#[tauri::command]
pub async fn note_compare(
    state: State<'_, AppState>,
    note_id: String,
    from: i64,
    to: i64,
) -> Reply<RevisionDiff> {
    let note_id = id(&note_id)?;
    state.with_vault(|v| revisions::compare(v.read(), note_id, from, to))
}

#[tauri::command]
pub async fn note_restore(
    state: State<'_, AppState>,
    note_id: String,
    revision: i64,
) -> Reply<Note> {
    let note_id = id(&note_id)?;
    state.with_vault(|v| v.change(Utc::now(), |tx| revisions::restore(tx, note_id, revision)))
}

#[tauri::command]
pub async fn disclosure_record(
    state: State<'_, AppState>,
    note_id: String,
    draft: DisclosureDraft,
) -> Reply<Disclosure> {
    let note_id = id(&note_id)?;
    state.with_vault(|v| v.change(Utc::now(), |tx| confidentiality::record(tx, note_id, draft)))
}

#[tauri::command]
pub async fn disclosure_log(state: State<'_, AppState>, case_id: String) -> Reply<Vec<Disclosure>> {
    let case_id = id(&case_id)?;
    state.with_vault(|v| confidentiality::log(v.read(), case_id))
}
