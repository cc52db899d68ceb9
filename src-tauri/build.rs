//! Declares the app's own commands, so capabilities/ can allow exactly these and no more.

fn main() {
    let commands = &[
        "vault_status",
        "vault_create",
        "vault_unlock",
        "vault_unlock_keyring",
        "vault_lock",
        "vault_recovery_rotate",
        "vault_rekey",
        "app_events",
        "app_activity",
        "app_quit",
        "preferences_get",
        "preferences_set",
        "case_list",
        "case_detail",
        "case_create",
        "case_update",
        "case_close",
        "party_add",
        "party_update",
        "session_create",
        "session_start",
        "session_end",
        "agenda",
        "guard_state",
        "note_list",
        "note_get",
        "note_create",
        "note_save",
        "note_history",
        "note_compare",
        "note_restore",
        "disclosure_record",
        "disclosure_log",
        "term_list",
        "term_add",
        "term_update",
        "term_remove",
        "term_matches",
        "term_check",
        "term_import",
        "term_export",
        "search_notes",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build step");
}
