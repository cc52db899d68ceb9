//! What a mediator does in the real app, end to end.

use std::sync::Mutex;

use serde_json::json;

use crate::driver::{available, App, Sandbox};

/// One app at a time: WebKit is heavy and the machine has two cores.
pub static ONE_APP: Mutex<()> = Mutex::new(());

pub(crate) const PASSPHRASE: &str = "harbour lights at dawn";
const TITLE_EN: &str = "Quillfeather Shipping v. Republic of Ostrava";
const TITLE_ZH: &str = "羽笔航运诉奥斯特拉瓦共和国";
const PARTY_A_ZH: &str = "羽笔航运有限公司";
const PARTY_B_EN: &str = "Republic of Ostrava";
/// Text that must never be readable outside the encrypted vault.
const CANARIES: &[&str] = &[TITLE_EN, TITLE_ZH, PARTY_A_ZH, PARTY_B_EN];

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// Sets a form control's value the way typing would, for inputs WebDriver cannot type
/// into portably (`select`, `datetime-local`).
pub async fn set_value(app: &App, testid: &str, value: &str) {
    let el = app.el(testid).await;
    app.client
        .execute(
            "const [el, value] = arguments; el.value = value;
             el.dispatchEvent(new Event('input', { bubbles: true }));
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::to_value(&el).unwrap(), json!(value)],
        )
        .await
        .unwrap_or_else(|e| panic!("set {testid}: {e}"));
}

async fn attr(app: &App, testid: &str, name: &str) -> Option<String> {
    app.el(testid).await.attr(name).await.expect("attribute")
}

pub(crate) async fn create_vault(app: &App) -> String {
    app.type_into("onboarding-passphrase", PASSPHRASE).await;
    app.type_into("onboarding-passphrase2", PASSPHRASE).await;
    app.type_into("onboarding-mediator", "Chan Tai Man").await;
    // The keyring is opt-in; this mediator opts in (the end of the flow relies on it).
    app.click("onboarding-keyring").await;
    app.click("onboarding-create").await;
    let recovery = app.text_of("recovery-key").await;
    assert_eq!(
        recovery.trim().len(),
        39,
        "eight groups of four: {recovery}"
    );
    assert_eq!(
        attr(app, "recovery-continue", "disabled").await.as_deref(),
        Some("true"),
        "gated until stored"
    );
    app.click("recovery-stored").await;
    app.click("recovery-continue").await;
    app.el("case-filter").await;
    recovery
}

async fn create_case_with_two_parties_and_a_caucus(app: &App) {
    app.click("new-case").await;
    set_value(app, "case-kind", "investor-state").await;
    app.type_into("case-title-en", TITLE_EN).await;
    app.type_into("case-title-zh", TITLE_ZH).await;
    app.click("case-save").await;
    app.wait_for_text(TITLE_ZH).await;
    assert_eq!(app.text_of("case-title-en-value").await, TITLE_EN);

    for (added, (kind, role, en, zh, reps)) in [
        (
            "company",
            "requesting",
            "Quillfeather Shipping Ltd.",
            PARTY_A_ZH,
            "Margaret Lau\n陈志明",
        ),
        (
            "state",
            "responding",
            PARTY_B_EN,
            "奥斯特拉瓦共和国",
            "Tomas Arvelo",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        app.click("party-add").await;
        set_value(app, "party-kind", kind).await;
        set_value(app, "party-role", role).await;
        app.type_into("party-name-en", en).await;
        app.type_into("party-name-zh", zh).await;
        set_value(app, "party-reps", reps).await;
        app.click("party-save").await;
        // Wait for the row itself: the second party's Chinese name is also part of the
        // case's title, so finding the text on the page proves nothing.
        let mut rows = 0;
        for _ in 0..150 {
            rows = app.all("[data-testid=\"party-row\"]").await.len();
            if rows == added + 1 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(rows, added + 1, "party {en} was not listed");
        app.wait_for_text(zh).await;
    }

    app.click("session-add").await;
    set_value(app, "session-kind", "caucus").await;
    let party_select = app.el("session-party").await;
    let options = party_select
        .find_all(fantoccini::Locator::Css("option"))
        .await
        .unwrap();
    let mut party_id = String::new();
    for option in options {
        if option.text().await.unwrap().contains("Quillfeather") {
            party_id = option.attr("value").await.unwrap().unwrap();
        }
    }
    assert!(!party_id.is_empty(), "the caucus party can be chosen");
    set_value(app, "session-party", &party_id).await;
    set_value(app, "session-tz", "Asia/Hong_Kong").await;
    set_value(app, "session-start", "2030-12-03T14:00").await;
    set_value(app, "session-end", "15:00").await;
    app.type_into("session-venue", "Room 2").await;
    app.click("session-save").await;
    app.el("session-row").await;
    assert_eq!(
        attr(app, "session-row", "data-kind").await.as_deref(),
        Some("caucus")
    );
    let badge = app.el("confidentiality-badge").await;
    assert_eq!(
        badge.attr("data-visibility").await.unwrap().as_deref(),
        Some("caucus")
    );
    let label = badge.text().await.unwrap();
    assert!(
        label.contains("Quillfeather") || label.contains(PARTY_A_ZH),
        "the mark names the party in words: {label}"
    );
    assert!(
        app.text_of("time-venue").await.contains("14:00"),
        "venue time shown"
    );
}

/// What the Secret Service holds for this sandbox's vault (`secret-tool`, as an admin
/// would look), wherever this version prints it; empty when nothing.
pub(crate) fn keyring_entry(sandbox: &Sandbox) -> String {
    let header: serde_json::Value = serde_json::from_slice(
        &std::fs::read(sandbox.vault().join("vault.json")).expect("vault.json"),
    )
    .expect("vault.json is JSON");
    let vault_id = header["vault_id"].as_str().expect("vault_id");
    let out = std::process::Command::new("secret-tool")
        .args([
            "search",
            "--all",
            "service",
            "org.iomed.accord",
            "username",
            vault_id,
        ])
        .output()
        .expect("secret-tool runs");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn a_mediator_sets_up_a_vault_records_a_case_and_locks_it() {
    if !available(true) {
        return;
    }
    let _one = ONE_APP.lock().unwrap_or_else(|p| p.into_inner());
    let sandbox = Sandbox::new();
    runtime().block_on(async {
        let app = App::start(&sandbox).await;
        create_vault(&app).await;
        create_case_with_two_parties_and_a_caucus(&app).await;

        // Languages: Traditional Chinese, then back to English.
        set_value(&app, "language-select", "zh-Hant").await;
        app.wait_for_text("會議日程").await;
        assert_eq!(app.text_of("nav-cases").await.trim(), "案件");
        set_value(&app, "language-select", "en").await;
        app.wait_for_text("Agenda").await;

        // Lock: nothing of the case remains on screen; a wrong passphrase is refused inline.
        app.click("lock-button").await;
        app.el("unlock-passphrase").await;
        let locked = app.page_text().await;
        assert!(
            !locked.contains(TITLE_ZH) && !locked.contains("Quillfeather"),
            "locked screen shows case text:\n{locked}"
        );
        let source = app.client.source().await.unwrap();
        assert!(
            !source.contains(TITLE_ZH),
            "case text left in the DOM while locked"
        );
        app.type_into("unlock-passphrase", "not the passphrase")
            .await;
        app.click("unlock-button").await;
        let error = app.text_of("unlock-error").await;
        assert!(error.contains("Wrong passphrase"), "{error}");
        app.type_into("unlock-passphrase", PASSPHRASE).await;
        app.click("unlock-button").await;
        app.el("case-filter").await;
        app.wait_for_text(TITLE_ZH).await;

        // Screen guard: content gone at once; after unlocking the same view returns.
        app.click("case-open").await;
        app.el("case-title-en-value").await;
        app.click("guard-button").await;
        app.el("guard-cover").await;
        let guarded = app.client.source().await.unwrap();
        assert!(
            !guarded.contains(TITLE_ZH) && !guarded.contains(TITLE_EN),
            "guard leaves case text in the DOM"
        );
        app.click("guard-resume").await;
        app.type_into("unlock-passphrase", PASSPHRASE).await;
        app.click("unlock-button").await;
        assert_eq!(
            app.text_of("case-title-en-value").await,
            TITLE_EN,
            "back on the case page"
        );
        app.wait_for_testid_gone("guard-cover").await;

        // The keyboard alone: Ctrl+L locks, Enter unlocks.
        app.press("\u{E009}l").await;
        app.el("unlock-passphrase").await;
        app.type_into("unlock-passphrase", PASSPHRASE).await;
        app.press("\u{E007}").await;
        app.el("case-filter").await;
        // While the app runs, WebKit's own data directory holds nothing of the case.
        let webview_dirs: Vec<_> = std::fs::read_dir(sandbox.runtime_dir())
            .unwrap()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("accord-webview-")
            })
            .collect();
        assert_eq!(
            webview_dirs.len(),
            1,
            "WebKit's data directory is where main.rs puts it"
        );
        let leaks = crate::driver::files_containing(&sandbox.runtime_dir(), CANARIES);
        assert!(leaks.is_empty(), "case text in WebKit's data: {leaks:#?}");
        app.close().await;
        let old_pid = webview_dirs[0]
            .file_name()
            .to_string_lossy()
            .trim_start_matches("accord-webview-")
            .split('-')
            .next()
            .unwrap()
            .to_string();
        crate::driver::wait_until_gone(&old_pid).await;

        // A new start of the app opens the vault from the OS keyring, case and all
        // (scripts/test.sh provides a real Secret Service; elsewhere, the passphrase).
        let app = App::start(&sandbox).await;
        // WebDriver kills the app, so its data directory outlived it; the next start removes it.
        assert!(
            !webview_dirs[0].path().exists(),
            "a killed run's WebKit data is removed at the next start"
        );
        let keyring = std::env::var_os("ACCORD_REQUIRE_SECRET_SERVICE").is_some();
        if !keyring {
            app.type_into("unlock-passphrase", PASSPHRASE).await;
            app.click("unlock-button").await;
        }
        app.wait_for_text(TITLE_ZH).await;

        // A lock is a lock: it takes the key out of the keyring, so the next start asks
        // for the passphrase instead of opening from the keyring.
        if keyring {
            assert!(
                !keyring_entry(&sandbox).trim().is_empty(),
                "before the lock the Secret Service holds this vault's key"
            );
        }
        app.press("\u{E009}l").await;
        app.el("unlock-passphrase").await;
        if keyring {
            // The Secret Service itself no longer holds it (the lock finishes after the
            // screen has gone, once pending saves are in).
            let mut held = String::new();
            for _ in 0..100 {
                held = keyring_entry(&sandbox);
                if held.trim().is_empty() {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            assert!(held.trim().is_empty(), "the keyring still holds: {held}");
        }
        app.close().await;
        let app = App::start(&sandbox).await;
        app.el("unlock-passphrase").await;
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        assert!(
            app.all("[data-testid=case-filter]").await.is_empty(),
            "after a lock, a restart does not open from the keyring"
        );
        app.close().await;
    });

    // The app's home (preferences, anything WebKit or GTK write there) and the runtime
    // directory: nothing of the case may be there after it ran.
    let mut leaks = crate::driver::files_containing(&sandbox.home(), CANARIES);
    leaks.extend(crate::driver::files_containing(
        &sandbox.runtime_dir(),
        CANARIES,
    ));
    assert!(leaks.is_empty(), "case text outside the vault: {leaks:#?}");
    let vault_leaks = crate::driver::files_containing(&sandbox.vault(), CANARIES);
    assert!(
        vault_leaks.is_empty(),
        "case text readable in the vault: {vault_leaks:#?}"
    );
}
