//! Search across every case's notes.

use accord::search::{self, SearchQuery, SearchResults};
use accord::time;
use tauri::State;

use super::Reply;
use crate::state::AppState;

/// Dates in the query are calendar days on the laptop's clock.
#[tauri::command]
pub async fn search_notes(state: State<'_, AppState>, query: SearchQuery) -> Reply<SearchResults> {
    state.with_vault(|v| search::search(v.read(), &query, time::local_zone()))
}
