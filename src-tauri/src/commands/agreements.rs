//! Settlement agreements: their clauses, each party's position, versions, redlines, the
//! checks before final, and the clause library. Each command parses its ids, calls the
//! core (`accord::agreements`) and, for a change, runs it in one transaction.

use accord::agreements::checks::{self, CheckProblem};
use accord::agreements::clauses::{self, Clause, ClauseText, Place, PositionStatus, Step};
use accord::agreements::library::{self, LibraryClause};
use accord::agreements::redline::{self, Redline};
use accord::agreements::versions::{self, AgreementVersion};
use accord::agreements::{self, Agreement, AgreementDetail, AgreementUpdate, NewAgreement};
use chrono::Utc;
use tauri::State;

use super::{id, Reply};
use crate::state::AppState;

#[tauri::command]
pub async fn agreement_list(state: State<'_, AppState>, case_id: String) -> Reply<Vec<Agreement>> {
    let case_id = id(&case_id)?;
    state.with_vault(|v| agreements::list(v.read(), case_id))
}

/// A new draft; `templates` (library keys) become its first clauses, in order, in the same
/// transaction: an unknown key leaves no agreement behind.
#[tauri::command]
pub async fn agreement_create(
    state: State<'_, AppState>,
    case_id: String,
    input: NewAgreement,
    templates: Vec<String>,
) -> Reply<Agreement> {
    let case_id = id(&case_id)?;
    state.with_vault(|v| {
        v.change(Utc::now(), |tx| {
            library::create_from(tx, case_id, input, &templates)
        })
    })
}

#[tauri::command]
pub async fn agreement_detail(
    state: State<'_, AppState>,
    agreement_id: String,
) -> Reply<AgreementDetail> {
    let agreement_id = id(&agreement_id)?;
    state.with_vault(|v| agreements::detail(v.read(), agreement_id))
}

#[tauri::command]
pub async fn agreement_update(
    state: State<'_, AppState>,
    agreement_id: String,
    change: AgreementUpdate,
) -> Reply<Agreement> {
    let agreement_id = id(&agreement_id)?;
    state.with_vault(|v| {
        v.change(Utc::now(), |tx| {
            agreements::update(tx, agreement_id, change)
        })
    })
}

#[tauri::command]
pub async fn clause_add(
    state: State<'_, AppState>,
    agreement_id: String,
    words: ClauseText,
    place: Place,
) -> Reply<Clause> {
    let agreement_id = id(&agreement_id)?;
    state.with_vault(|v| {
        v.change(Utc::now(), |tx| {
            clauses::add(tx, agreement_id, words, place)
        })
    })
}

#[tauri::command]
pub async fn clause_add_from_library(
    state: State<'_, AppState>,
    agreement_id: String,
    key: String,
    place: Place,
) -> Reply<Clause> {
    let agreement_id = id(&agreement_id)?;
    state.with_vault(|v| {
        v.change(Utc::now(), |tx| {
            library::insert(tx, agreement_id, &key, place)
        })
    })
}

/// A proposal note becomes a clause; a caucus note without the party's authorisation of
/// all of it is refused (`note.disclosure_not_authorised`).
#[tauri::command]
pub async fn clause_add_from_note(
    state: State<'_, AppState>,
    agreement_id: String,
    note_id: String,
    place: Place,
) -> Reply<Clause> {
    let agreement_id = id(&agreement_id)?;
    let note_id = id(&note_id)?;
    state.with_vault(|v| {
        v.change(Utc::now(), |tx| {
            clauses::add_from_note(tx, agreement_id, note_id, place)
        })
    })
}

/// The clause's whole words, as the editor holds them (references as `{{4.2}}` or as
/// stored); an unchanged clause writes nothing.
#[tauri::command]
pub async fn clause_edit(
    state: State<'_, AppState>,
    clause_id: String,
    words: ClauseText,
) -> Reply<Clause> {
    let clause_id = id(&clause_id)?;
    state.with_vault(|v| v.change(Utc::now(), |tx| clauses::edit(tx, clause_id, words)))
}

#[tauri::command]
pub async fn clause_move(
    state: State<'_, AppState>,
    clause_id: String,
    place: Place,
) -> Reply<Clause> {
    let clause_id = id(&clause_id)?;
    state.with_vault(|v| v.change(Utc::now(), |tx| clauses::move_to(tx, clause_id, place)))
}

/// One keyboard step; at an edge nothing changes.
#[tauri::command]
pub async fn clause_shift(
    state: State<'_, AppState>,
    clause_id: String,
    step: Step,
) -> Reply<Clause> {
    let clause_id = id(&clause_id)?;
    state.with_vault(|v| v.change(Utc::now(), |tx| clauses::shift(tx, clause_id, step)))
}

#[tauri::command]
pub async fn clause_remove(state: State<'_, AppState>, clause_id: String) -> Reply<Clause> {
    let clause_id = id(&clause_id)?;
    state.with_vault(|v| v.change(Utc::now(), |tx| clauses::remove(tx, clause_id)))
}

#[tauri::command]
pub async fn clause_position(
    state: State<'_, AppState>,
    clause_id: String,
    party_id: String,
    status: PositionStatus,
    comment: String,
) -> Reply<Clause> {
    let clause_id = id(&clause_id)?;
    let party_id = id(&party_id)?;
    state.with_vault(|v| {
        v.change(Utc::now(), |tx| {
            clauses::set_position(tx, clause_id, party_id, status, &comment)
        })
    })
}

#[tauri::command]
pub async fn agreement_version_save(
    state: State<'_, AppState>,
    agreement_id: String,
    label: String,
) -> Reply<AgreementVersion> {
    let agreement_id = id(&agreement_id)?;
    state.with_vault(|v| v.change(Utc::now(), |tx| versions::save(tx, agreement_id, &label)))
}

#[tauri::command]
pub async fn agreement_versions(
    state: State<'_, AppState>,
    agreement_id: String,
) -> Reply<Vec<AgreementVersion>> {
    let agreement_id = id(&agreement_id)?;
    state.with_vault(|v| versions::list(v.read(), agreement_id))
}

/// Version `from` against version `to`, or against the draft as it stands (`to` null).
#[tauri::command]
pub async fn agreement_redline(
    state: State<'_, AppState>,
    agreement_id: String,
    from: i64,
    to: Option<i64>,
) -> Reply<Redline> {
    let agreement_id = id(&agreement_id)?;
    state.with_vault(|v| redline::compare(v.read(), agreement_id, from, to))
}

/// Every failed check; empty means the agreement may be made final.
#[tauri::command]
pub async fn agreement_check(
    state: State<'_, AppState>,
    agreement_id: String,
) -> Reply<Vec<CheckProblem>> {
    let agreement_id = id(&agreement_id)?;
    state.with_vault(|v| checks::check(v.read(), agreement_id))
}

/// Final once every check passes (`agreement.checks_failed` otherwise, changing nothing).
#[tauri::command]
pub async fn agreement_final(
    state: State<'_, AppState>,
    agreement_id: String,
    label: String,
) -> Reply<AgreementVersion> {
    let agreement_id = id(&agreement_id)?;
    state.with_vault(|v| v.change(Utc::now(), |tx| checks::finalise(tx, agreement_id, &label)))
}

#[tauri::command]
pub async fn library_list(state: State<'_, AppState>) -> Reply<Vec<LibraryClause>> {
    state.with_vault(|v| library::list(v.read()))
}
