//! End-to-end tests of the real desktop app in a real WebKit window (Xvfb), driven
//! through tauri-driver and WebKitWebDriver. scripts/test.sh builds the app, installs
//! tauri-driver and starts the display; the tests run one at a time (one app at once).
//!
//! - `driver`: starting and stopping the app, finding elements by `data-testid`.
//! - `flows`: what a mediator does: create a vault, unlock, cases, parties, a caucus,
//!   languages, lock and screen guard; nothing of a case in WebKit's own storage.
//! - `guard`: a joint session that overran its schedule (started, not ended) keeps a
//!   caucus note behind the placeholder.
//! - `notes`: a bilingual note survives closing the app mid-typing and is found by a
//!   two-character query in the other script; text typed just before the window's close
//!   button (`window_manager` sends what a window manager would) is saved first.
//! - `agreements`: a proposal note becomes a clause in the agreement editor, is edited,
//!   versioned and redlined; the checks name the one failing clause and jump to it.
//! - `keys`: re-keying the vault from Settings; the new recovery key opens it, the old
//!   one does not, the keyring holds the new key.
//! - `offline`: the app opens no network connection.
//! - `process`: the app and its WebKit processes dump no core.
//! - `screenshots`: the README's pictures (ignored; scripts/screenshots.sh runs it).

mod agreements;
mod driver;
mod flows;
mod guard;
mod keys;
mod notes;
mod offline;
mod process;
mod screenshots;
mod window_manager;
