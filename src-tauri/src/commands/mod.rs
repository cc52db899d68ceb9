//! The app's commands: each takes the state, calls the core once, and maps its error.
//! `list.rs` names them once; the handler list, the app manifest, the capability's
//! permission set and the UI's `Command` type follow from it.

pub mod agreements;
pub mod export;
pub mod notes;
pub mod search;
pub mod terms;

// Every command at `commands::<name>`, as the one list names them.
pub use agreements::*;
pub use export::*;
pub use notes::*;
pub use search::*;
pub use terms::*;

use accord::cases::{self, Case, CaseFilter, CaseStatus, CaseUpdate, NewCase};
use accord::error::ErrorReport;
use accord::lock::AppEvent;
use accord::parties::{self, NewParty, Party, PartyUpdate};
use accord::preferences::Preferences;
use accord::sessions::{self, Session, SessionDraft};
use accord::vault::{
    self, Access, InitOptions, KdfParams, NewRecoveryKey, VaultCreated, VaultStatus,
};
use accord::views::{self, AgendaItem, CaseDetail, GuardState};
use chrono::Utc;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::state::{report, AppState};

pub(crate) type Reply<T> = Result<T, ErrorReport>;

/// A record's id as the UI sends it (text); its kind comes from where it is used.
pub(crate) fn id<T: std::str::FromStr<Err = accord::Error>>(text: &str) -> Reply<T> {
    text.parse().map_err(report)
}

#[tauri::command]
pub async fn vault_status(state: State<'_, AppState>) -> Reply<VaultStatus> {
    Ok(state.dir.status(state.is_unlocked()))
}

#[tauri::command]
pub async fn vault_create(
    state: State<'_, AppState>,
    passphrase: String,
    mediator: String,
    use_keyring: bool,
) -> Reply<VaultCreated> {
    let options = InitOptions {
        passphrase: passphrase.into(),
        mediator,
        kdf: KdfParams::default(),
        use_keyring,
    };
    let made = vault::init(&state.dir, options, Utc::now()).map_err(report)?;
    let created = made.created();
    state.set_unlocked_by_passphrase(made.vault);
    Ok(created)
}

#[tauri::command]
pub async fn vault_unlock(state: State<'_, AppState>, passphrase: String) -> Reply<()> {
    // A second submit while the first succeeded: the vault is open already (and this
    // process holds its lock, so opening it again would report it in use).
    if state.is_unlocked() {
        return Ok(());
    }
    // Puts the key back in the keyring if the vault keeps it there (a lock took it out),
    // and lets the keyring unlock again.
    let opened = vault::open_with_passphrase(&state.dir, &passphrase.into(), Access::Write)
        .map_err(report)?;
    state.set_unlocked_by_passphrase(opened.vault);
    Ok(())
}

/// At start only; refused (`vault.keyring_after_lock`) after a lock until a passphrase
/// unlock, whatever the keyring still holds.
#[tauri::command]
pub async fn vault_unlock_keyring(state: State<'_, AppState>) -> Reply<bool> {
    if state.is_unlocked() {
        return Ok(true);
    }
    state.keyring_may_unlock()?;
    // None: no copy, no keyring, or a copy from before a rekey (taken out): the unlock
    // screen asks for the passphrase.
    let Some(vault) = vault::open_with_keyring(&state.dir, Access::Write).map_err(report)? else {
        return Ok(false);
    };
    state.set(vault);
    Ok(true)
}

/// Closes the vault and takes the key out of the keyring (the UI saved what was pending).
#[tauri::command]
pub async fn vault_lock(state: State<'_, AppState>) -> Reply<()> {
    state.lock()
}

/// A new recovery key, shown once. The passphrase is asked for although the vault is
/// open, so that someone at an unlocked laptop cannot replace the mediator's secrets.
#[tauri::command]
pub async fn vault_recovery_rotate(
    state: State<'_, AppState>,
    passphrase: String,
) -> Reply<NewRecoveryKey> {
    let passphrase = passphrase.into();
    state.with_vault(|v| {
        let recovery_key = v.rotate_recovery(&passphrase, Utc::now())?;
        Ok(NewRecoveryKey {
            recovery_key: recovery_key.to_string(),
        })
    })
}

/// The vault re-encrypted under a new key, with a new recovery key (shown once); the
/// vault stays open (the UI saved what was pending).
#[tauri::command]
pub async fn vault_rekey(state: State<'_, AppState>, passphrase: String) -> Reply<NewRecoveryKey> {
    state.rekey(&passphrase.into())
}

/// The UI's channel for what the shell says unasked (`AppEvent`).
#[tauri::command]
pub async fn app_events(state: State<'_, AppState>, channel: Channel<AppEvent>) -> Reply<()> {
    state.listen(channel);
    Ok(())
}

/// The mediator typed, clicked or moved: the idle lock's count starts again.
#[tauri::command]
pub async fn app_activity(state: State<'_, AppState>) -> Reply<()> {
    state.input();
    Ok(())
}

/// After a close request, once the UI has saved: close the vault and end the app.
#[tauri::command]
pub async fn app_quit(app: AppHandle, state: State<'_, AppState>) -> Reply<()> {
    state.close();
    app.exit(0);
    Ok(())
}

#[tauri::command]
pub async fn preferences_get(state: State<'_, AppState>) -> Reply<Preferences> {
    Ok(state.preferences())
}

#[tauri::command]
pub async fn preferences_set(state: State<'_, AppState>, preferences: Preferences) -> Reply<()> {
    state.save_preferences(preferences)
}

#[tauri::command]
pub async fn case_list(state: State<'_, AppState>, filter: CaseFilter) -> Reply<Vec<Case>> {
    state.with_vault(|v| cases::list(v.read(), &filter))
}

#[tauri::command]
pub async fn case_detail(state: State<'_, AppState>, case_id: String) -> Reply<CaseDetail> {
    let case_id = id(&case_id)?;
    state.with_vault(|v| views::case_detail(v.read(), case_id))
}

#[tauri::command]
pub async fn case_create(state: State<'_, AppState>, input: NewCase) -> Reply<Case> {
    state.with_vault(|v| {
        let lead_mediator = v.mediator()?;
        v.change(Utc::now(), |tx| {
            cases::create(
                tx,
                NewCase {
                    lead_mediator,
                    ..input
                },
            )
        })
    })
}

#[tauri::command]
pub async fn case_update(
    state: State<'_, AppState>,
    case_id: String,
    change: CaseUpdate,
) -> Reply<Case> {
    let case_id = id(&case_id)?;
    state.with_vault(|v| v.change(Utc::now(), |tx| cases::update(tx, case_id, change)))
}

#[tauri::command]
pub async fn case_close(
    state: State<'_, AppState>,
    case_id: String,
    outcome: CaseStatus,
) -> Reply<Case> {
    let case_id = id(&case_id)?;
    state.with_vault(|v| v.change(Utc::now(), |tx| cases::close(tx, case_id, outcome)))
}

#[tauri::command]
pub async fn party_add(
    state: State<'_, AppState>,
    case_id: String,
    input: NewParty,
) -> Reply<Party> {
    let case_id = id(&case_id)?;
    state.with_vault(|v| {
        v.change(Utc::now(), |tx| {
            parties::create(tx, &cases::load(tx, case_id)?, input)
        })
    })
}

#[tauri::command]
pub async fn party_update(
    state: State<'_, AppState>,
    party_id: String,
    change: PartyUpdate,
) -> Reply<Party> {
    let party_id = id(&party_id)?;
    state.with_vault(|v| v.change(Utc::now(), |tx| parties::update(tx, party_id, change)))
}

#[tauri::command]
pub async fn session_create(
    state: State<'_, AppState>,
    case_id: String,
    draft: SessionDraft,
) -> Reply<Session> {
    let case_id = id(&case_id)?;
    let new = draft.parse().map_err(report)?;
    state.with_vault(|v| {
        v.change(Utc::now(), |tx| {
            sessions::create(tx, &cases::load(tx, case_id)?, new)
        })
    })
}

#[tauri::command]
pub async fn session_start(state: State<'_, AppState>, session_id: String) -> Reply<Session> {
    let session_id = id(&session_id)?;
    let now = Utc::now();
    state.with_vault(|v| v.change(now, |tx| sessions::start(tx, session_id, now)))
}

#[tauri::command]
pub async fn session_end(state: State<'_, AppState>, session_id: String) -> Reply<Session> {
    let session_id = id(&session_id)?;
    let now = Utc::now();
    state.with_vault(|v| v.change(now, |tx| sessions::end(tx, session_id, now)))
}

#[tauri::command]
pub async fn agenda(state: State<'_, AppState>) -> Reply<Vec<AgendaItem>> {
    state.with_vault(|v| views::agenda(v.read(), Utc::now(), 200))
}

/// Whether a joint session is under way: the caucus guard's one source (the core decides).
#[tauri::command]
pub async fn guard_state(state: State<'_, AppState>) -> Reply<GuardState> {
    state.with_vault(|v| views::guard_state(v.read()))
}
