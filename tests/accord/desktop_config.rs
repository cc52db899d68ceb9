//! Lints the desktop shell's security settings: a strict CSP, no global Tauri object,
//! one window with exactly our own commands, no plugins, an incognito web view.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

fn shell_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src-tauri")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn config() -> Value {
    serde_json::from_str(&shell_file("tauri.conf.json")).expect("tauri.conf.json is JSON")
}

/// The commands declared in build.rs (the app manifest).
fn declared_commands() -> BTreeSet<String> {
    let build = shell_file("build.rs");
    let list = build
        .split("let commands = &[")
        .nth(1)
        .and_then(|s| s.split("];").next())
        .expect("command list");
    list.split(',')
        .map(|c| c.trim().trim_matches('"').to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

#[test]
fn the_csp_is_strict() {
    let csp = config()["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP is set")
        .to_string();
    let directives: Vec<Vec<&str>> = csp
        .split(';')
        .map(|d| d.split_whitespace().collect())
        .collect();
    let get = |name: &str| {
        directives
            .iter()
            .find(|d| d.first() == Some(&name))
            .map(|d| d[1..].to_vec())
    };
    assert_eq!(get("default-src"), Some(vec!["'self'"]));
    assert_eq!(
        get("connect-src"),
        Some(vec!["ipc:", "http://ipc.localhost"]),
        "IPC only: no network"
    );
    assert_eq!(get("object-src"), Some(vec!["'none'"]));
    assert!(
        !csp.contains("unsafe-eval") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(
        !csp.contains("http://") || csp.matches("http://").count() == 1,
        "no other http source: {csp}"
    );
    assert!(!csp.contains("https:") && !csp.contains('*'), "{csp}");
    assert_ne!(
        config()["app"]["security"]["dangerousDisableAssetCspModification"],
        true
    );
}

#[test]
fn no_global_tauri_and_one_window_with_a_private_data_directory() {
    let config = config();
    assert_eq!(config["app"]["withGlobalTauri"], false);
    assert_eq!(
        config["app"]["windows"],
        serde_json::json!([]),
        "the one window is built in main.rs"
    );
    assert_eq!(
        config["app"]["security"]["capabilities"],
        serde_json::json!(["main-window"])
    );
    let main = shell_file("src/main.rs");
    assert_eq!(main.matches("WebviewWindowBuilder::new(").count(), 1);
    assert!(main.contains("WebviewWindowBuilder::new(app, \"main\""));
    assert!(
        main.contains(".data_directory(webview_data"),
        "WebKit's data goes to the private run directory"
    );
    assert!(
        main.contains("remove_dir_all(&cleanup)"),
        "and is removed on exit"
    );
}

#[test]
fn the_window_may_call_exactly_our_commands_and_no_plugin() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "one capability file: {files:?}");
    let capability: Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert!(
        capability.get("remote").is_none(),
        "no remote URL may call commands"
    );
    let allowed: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission names").to_string())
        .collect();
    let expected: BTreeSet<String> = declared_commands()
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(
        allowed, expected,
        "exactly the app's own commands, nothing from core or plugins"
    );

    let main = shell_file("src/main.rs");
    for command in declared_commands() {
        assert!(
            main.lines().any(|l| l.trim().starts_with("commands::")
                && l.trim().ends_with(&format!("::{command},"))),
            "{command} is declared but not registered"
        );
    }
    let manifest = shell_file("Cargo.toml");
    assert!(
        !manifest.contains("tauri-plugin"),
        "no plugins (fs, shell, http …)"
    );
    assert!(
        !manifest.contains("devtools"),
        "no devtools in the shipped app"
    );
}

#[test]
fn the_window_navigates_only_within_the_app_and_opens_no_other() {
    // The rule itself is accord::origin::may_navigate (unit-tested there); the end-to-end
    // test offline::a_whole_flow_under_strace_connects_nowhere_and_the_window_stays_home
    // injects the navigations. This checks the one window is built with both hooks.
    let main = shell_file("src/main.rs");
    assert!(
        main.contains(".on_navigation(|url| accord::origin::may_navigate(url.as_str()))"),
        "every navigation asks the core's origin rule"
    );
    assert!(
        main.contains(".on_new_window(|_, _| tauri::webview::NewWindowResponse::Deny)"),
        "no new window"
    );
    assert!(
        main.contains(".proxy_url(accord::origin::DEAD_END_PROXY.parse()"),
        "a preconnect to a refused page goes to the dead-end proxy on loopback"
    );
    assert_eq!(
        config()["app"]["security"]["freezePrototype"],
        true,
        "a script cannot patch the built-ins the IPC relies on"
    );
}
