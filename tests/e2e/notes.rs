//! A bilingual note in the real app: written, the app closed mid-typing, reopened, and
//! the note found by a two-character Chinese query typed in the other script.

use std::time::Duration;

use crate::driver::{accord_json, available, new_vault, App, Sandbox};
use crate::flows::{runtime, ONE_APP};

pub(crate) const PASSPHRASE: &str = "tide tables for the harbour";
const NOTE_EN: &str = "Both parties accept a phased settlement agreement";
/// Traditional: 協議 (agreement) is 协议 in Simplified, which the search will type.
const NOTE_ZH: &str = "雙方接受分階段的和解協議";
/// Typed after the last save and cut off by closing the app; may be lost, nothing else.
const UNSAVED_TAIL: &str = " and a review in March";

/// A vault with the sample case, made with the command line (cheap key derivation).
pub(crate) fn prepared_vault(sandbox: &Sandbox) {
    new_vault(sandbox, PASSPHRASE);
    accord_json(sandbox, PASSPHRASE, &["demo"]);
}

pub(crate) async fn unlock(app: &App) {
    app.type_into("unlock-passphrase", PASSPHRASE).await;
    app.click("unlock-button").await;
    app.el("case-filter").await;
}

/// Unlocks, opens the sample case and starts a new note in its editor.
async fn open_a_new_note(app: &App) {
    unlock(app).await;
    app.click("case-open").await;
    app.el("notes-section").await;
    app.click("notes-new").await;
}

async fn save_state(app: &App) -> String {
    app.el("note-save-status")
        .await
        .attr("data-state")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[test]
fn a_note_survives_closing_mid_typing_and_is_found_in_the_other_script() {
    if !available(true) {
        return;
    }
    let _one = ONE_APP.lock().unwrap_or_else(|p| p.into_inner());
    let sandbox = Sandbox::new();
    prepared_vault(&sandbox);
    runtime().block_on(async {
        let app = App::start(&sandbox).await;
        open_a_new_note(&app).await;
        app.type_into("note-text-en", NOTE_EN).await;
        app.type_into("note-text-zh", NOTE_ZH).await;
        // Autosave: saved within about two seconds of the last keystroke, unasked.
        let mut state = String::new();
        for _ in 0..50 {
            state = save_state(&app).await;
            if state == "saved" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(state, "saved", "autosave did not report a save within 5 s");
        // Keep typing, and close the app before the next save can happen.
        app.el("note-text-en")
            .await
            .send_keys(UNSAVED_TAIL)
            .await
            .expect("typing goes on");
        app.close().await;

        let app = App::start(&sandbox).await;
        unlock(&app).await;
        app.press("\u{E009}k").await; // Ctrl+K: search
        app.type_into("search-input", "协议").await;
        let result = app.el("search-result").await;
        let snippet = app.text_of("search-snippet-zh").await;
        assert!(
            snippet.contains("和解協議"),
            "the Traditional text is found by the Simplified query: {snippet}"
        );
        let marked = result
            .find_all(fantoccini::Locator::Css("mark"))
            .await
            .unwrap();
        let mut marks = Vec::new();
        for m in marked {
            marks.push(m.text().await.unwrap());
        }
        assert!(
            marks.iter().any(|m| m.contains("協議")),
            "the match is highlighted: {marks:?}"
        );
        let en = app.text_of("search-snippet-en").await;
        assert!(
            en.contains("Both parties accept"),
            "the English side came back: {en}"
        );

        // The note opens from the result, with what was saved before the app closed.
        app.click("search-open").await;
        let editor_en = app
            .el("note-text-en")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        assert!(
            editor_en.starts_with(NOTE_EN),
            "everything typed before the last save is there: {editor_en:?}"
        );
        app.close().await;
    });
    // Nothing of the note outside the encrypted vault.
    let needles = [NOTE_EN, NOTE_ZH];
    let mut leaks = crate::driver::files_containing(&sandbox.home(), &needles);
    leaks.extend(crate::driver::files_containing(
        &sandbox.runtime_dir(),
        &needles,
    ));
    assert!(leaks.is_empty(), "note text outside the vault: {leaks:#?}");
}

/// Typed just before the close button: never saved by the autosave's timers (they wait a
/// second), so only the save the close waits for can keep it.
const TYPED_BEFORE_CLOSING: &str = "Lantau asks for the toll review clause in writing";

#[test]
fn text_typed_just_before_the_window_is_closed_is_there_after_a_restart() {
    if !available(true) {
        return;
    }
    let _one = ONE_APP.lock().unwrap_or_else(|p| p.into_inner());
    let sandbox = Sandbox::new();
    prepared_vault(&sandbox);
    runtime().block_on(async {
        let app = App::start(&sandbox).await;
        open_a_new_note(&app).await;
        app.type_into("note-text-en", TYPED_BEFORE_CLOSING).await;
        // At once, as a window manager does for the close button.
        let pid = crate::process::processes_of(&sandbox.vault())
            .into_iter()
            .find(|(_, comm)| comm == "accord-desktop")
            .map(|(pid, _)| pid)
            .expect("the app's process");
        let asked =
            crate::window_manager::ask_windows_of_process_to_close(pid.parse().unwrap(), "Accord");
        assert_eq!(asked, 1, "the app has one window");
        crate::driver::wait_until_gone(&pid).await;
        app.close().await;

        let app = App::start(&sandbox).await;
        unlock(&app).await;
        app.click("case-open").await;
        app.el("notes-section").await;
        app.wait_for_text(TYPED_BEFORE_CLOSING).await;
        app.close().await;
    });
}
