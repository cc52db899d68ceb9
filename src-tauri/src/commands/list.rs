// The one list of the window's commands. Included by build.rs (the app manifest, the
// capability's permission set and the UI's `Command` type come from it) and by main.rs
// (the handler list), so it holds one macro and nothing that needs an import.

/// Calls `$then!` with the name of every command the window may call, once. Each is a
/// `#[tauri::command]` fn reachable as `commands::<name>`. Adding a command: write the fn,
/// add its name here, call it from `ui/src/lib/backend/tauri.ts`.
macro_rules! with_commands {
    ($then:ident) => {
        $then!(
            vault_status,
            vault_create,
            vault_unlock,
            vault_unlock_keyring,
            vault_lock,
            vault_recovery_rotate,
            vault_rekey,
            app_events,
            app_activity,
            app_quit,
            preferences_get,
            preferences_set,
            case_list,
            case_detail,
            case_create,
            case_update,
            case_close,
            party_add,
            party_update,
            session_create,
            session_start,
            session_end,
            agenda,
            guard_state,
            note_list,
            note_get,
            note_create,
            note_save,
            note_history,
            note_compare,
            note_restore,
            disclosure_record,
            disclosure_log,
            term_list,
            term_add,
            term_update,
            term_remove,
            term_matches,
            term_check,
            term_import,
            term_export,
            search_notes,
        )
    };
}
