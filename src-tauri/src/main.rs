//! Accord's desktop app: a Tauri v2 shell over the `accord` core.
//!
//! The window's web view keeps its own data (WebKit's caches and storage, which the UI
//! never uses for case data) in a private directory that is deleted when the app exits;
//! it runs under a strict CSP, may call only the commands in `commands/`, navigates only
//! within the app's origin (`accord::origin`) and opens no other window. Closing the
//! window and the idle lock wait briefly for the UI to save (`accord::lock`).

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod state;
mod webview_data;

use std::path::PathBuf;

use accord::preferences::Preferences;
use accord::vault::VaultDir;
use state::{AppState, Closing};

include!("commands/list.rs");

/// The handler for every command of [`with_commands`].
macro_rules! handlers {
    ($($name:ident),* $(,)?) => {
        tauri::generate_handler![$(commands::$name),*]
    };
}
use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

fn vault_dir() -> VaultDir {
    let root = std::env::var_os("ACCORD_VAULT")
        .map(PathBuf::from)
        .or_else(VaultDir::default_root)
        .unwrap_or_else(|| PathBuf::from("accord-vault"));
    VaultDir::new(root)
}

fn preferences_path() -> PathBuf {
    std::env::var_os("ACCORD_PREFERENCES")
        .map(PathBuf::from)
        .or_else(Preferences::default_path)
        .unwrap_or_else(|| PathBuf::from("accord-preferences.json"))
}

fn main() {
    // Before any key exists, and before WebKit's processes start (they inherit the core
    // limit): no core dumps, no same-user ptrace, no secret left in the environment.
    if let Err(e) = accord::process::harden_at_start() {
        eprintln!("Accord: cannot protect this process's memory / 無法保護程序記憶體: {e}");
        std::process::exit(1);
    }
    // An incognito web view would keep nothing at all, but WebKitGTK then refuses the
    // WebDriver automation the end-to-end tests need; so a private directory per run.
    // No private place for WebKit's data, no start (webview_data.rs says why).
    let webview_data = match webview_data::create() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!(
                "Accord: no private directory for the web view's data / 沒有供網頁檢視存放資料的私人目錄 [{}]: {e}",
                e.code().as_str()
            );
            std::process::exit(1);
        }
    };
    let cleanup = webview_data.clone();
    tauri::Builder::default()
        .manage(AppState::new(vault_dir(), preferences_path()))
        // The save dialog of an export, opened from Rust only: the capability grants the
        // web view no dialog permission (commands/export.rs).
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            // Merging the search index and checkpointing the WAL wait for a second without
            // a command: even while the mediator types, autosaves come at most every two
            // seconds, so the tidying fits between them and autosaves stay quick.
            // The same timer runs the idle lock: in the shell, so a web view that hangs
            // cannot keep the vault open (accord::lock).
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                std::thread::sleep(std::time::Duration::from_millis(500));
                let state = handle.state::<AppState>();
                state.tidy_if_idle(std::time::Duration::from_secs(1));
                state.lock_if_idle();
            });
            WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
                .title("Accord")
                .inner_size(1200.0, 800.0)
                .min_inner_size(800.0, 560.0)
                .data_directory(webview_data.clone())
                .disable_drag_drop_handler()
                // The window goes nowhere but the app's own pages, and opens no other.
                .on_navigation(|url| accord::origin::may_navigate(url.as_str()))
                .on_new_window(|_, _| tauri::webview::NewWindowResponse::Deny)
                .proxy_url(accord::origin::DEAD_END_PROXY.parse().expect("a URL"))
                .build()?;
            Ok(())
        })
        .on_window_event(|window, event| {
            // Closing the window: the UI saves a pending autosave first and then quits
            // (app_quit); a UI that does not answer in time is closed anyway.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                match window.state::<AppState>().begin_close() {
                    Closing::Now => {}
                    Closing::KeepOpen => api.prevent_close(),
                    Closing::StartGrace => {
                        api.prevent_close();
                        let handle = window.app_handle().clone();
                        std::thread::spawn(move || {
                            std::thread::sleep(accord::lock::CLOSE_GRACE);
                            handle.state::<AppState>().close();
                            handle.exit(0);
                        });
                    }
                }
            }
        })
        .invoke_handler(with_commands!(handlers))
        .build(tauri::generate_context!())
        .expect("the Accord window could not start")
        .run(move |_, event| {
            if let tauri::RunEvent::Exit = event {
                let _ = std::fs::remove_dir_all(&cleanup);
            }
        });
}
