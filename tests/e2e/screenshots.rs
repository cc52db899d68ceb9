//! The README's screenshots, taken from the real app on the sample case.
//! Run by scripts/screenshots.sh (ignored in the normal test run).

use std::path::PathBuf;

use accord::vault::{self, InitOptions, KdfParams, VaultDir, MIN_MEMORY_KIB};

use crate::driver::{available, App, Sandbox};

const PASSPHRASE: &str = "screenshot passphrase";

/// A vault holding the sample case, made through the core as `accord demo` makes it.
pub fn sample_vault(sandbox: &Sandbox) {
    let dir = VaultDir::new(sandbox.vault());
    let options = InitOptions {
        passphrase: PASSPHRASE.to_string().into(),
        mediator: "Chan Tai Man".into(),
        kdf: KdfParams {
            memory_kib: MIN_MEMORY_KIB,
            iterations: 1,
            parallelism: 1,
        },
        use_keyring: false,
    };
    let now = chrono::Utc::now();
    let mut made = vault::init(&dir, options, now).expect("vault");
    made.vault
        .change(now, accord::demo::create)
        .expect("sample case");
}

pub async fn unlock(app: &App) {
    app.type_into("unlock-passphrase", PASSPHRASE).await;
    app.click("unlock-button").await;
    app.el("case-row").await;
}

#[test]
#[ignore = "writes docs/screenshots; run by scripts/screenshots.sh"]
fn readme_screenshots() {
    assert!(available(true), "needs a display and tauri-driver");
    let out = std::env::var_os("ACCORD_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots"));
    std::fs::create_dir_all(&out).unwrap();
    let sandbox = Sandbox::new();
    sample_vault(&sandbox);
    crate::flows::runtime().block_on(async {
        let app = App::start(&sandbox).await;
        unlock(&app).await;
        app.click("case-open").await;
        app.el("session-row").await;
        app.screenshot(&out.join("case-page.png")).await;

        // The sample's agenda: bilingual, Traditional, a checked translation, its terms.
        let opens = app.all("[data-testid=\"note-open\"]").await;
        opens[1].click().await.expect("open the agenda note");
        app.el("note-text-zh").await;
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        // The editor at the top of the window, so its term hints show below the text.
        app.client
            .execute(
                "document.querySelector('[data-testid=\"note-text-en\"]')
                   .scrollIntoView({ block: 'start' }); window.scrollBy(0, -60);",
                vec![],
            )
            .await
            .expect("scroll");
        app.screenshot(&out.join("note-editor.png")).await;
        app.press("\u{E00C}").await; // Escape closes the editor

        app.press("\u{E009}k").await;
        app.type_into("search-input", "協議").await;
        app.el("search-result").await;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        app.screenshot(&out.join("search.png")).await;
        app.press("\u{E00C}").await;
        app.click("nav-cases").await;
        app.click("case-open").await;
        app.el("session-row").await;

        crate::flows::set_value(&app, "language-select", "zh-Hant").await;
        app.wait_for_text("單獨會談").await;
        app.screenshot(&out.join("case-page-zh-Hant.png")).await;
        crate::flows::set_value(&app, "language-select", "en").await;

        app.click("session-live").await;
        app.click("live-start").await;
        app.el("live-stop").await;
        tokio::time::sleep(std::time::Duration::from_secs(3)).await;
        app.screenshot(&out.join("live-session.png")).await;
        app.close().await;
    });
    eprintln!("screenshots written to {}", out.display());
}
