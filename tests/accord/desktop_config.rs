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

/// The one list of the window's commands (`src-tauri/src/commands/list.rs`): one name per
/// line inside the macro's `$then!( … )`.
fn declared_commands() -> Vec<String> {
    let list = shell_file("src/commands/list.rs");
    let body = list
        .split("$then!(")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .expect("the command list");
    body.split(',')
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

/// The `#[tauri::command]` functions of the shell, by name.
fn command_fns() -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/src/commands");
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if line.trim() != "#[tauri::command]" {
                continue;
            }
            let signature = lines.next().expect("a fn after #[tauri::command]");
            let name = signature
                .split("fn ")
                .nth(1)
                .and_then(|rest| rest.split(['(', '<']).next())
                .unwrap_or_else(|| panic!("a command fn: {signature}"));
            names.insert(name.to_string());
        }
    }
    names
}

/// Quoted strings of `text`, in order (the generated TOML and TypeScript lists).
fn quoted(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
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
    assert_eq!(
        capability["permissions"],
        serde_json::json!(["app-commands"]),
        "the capability grants the app's own set, nothing from core or plugins"
    );

    // The one list, and what follows from it.
    let declared = declared_commands();
    assert!(declared.len() >= 40, "the list was read: {declared:?}");
    assert_eq!(
        declared.iter().cloned().collect::<BTreeSet<_>>(),
        command_fns(),
        "every #[tauri::command] fn is in src-tauri/src/commands/list.rs, and only those"
    );
    let set = shell_file("permissions/app-commands.toml");
    let expected: Vec<String> = declared
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    let granted: Vec<String> = quoted(&set)
        .into_iter()
        .filter(|p| p.starts_with("allow-"))
        .collect();
    assert_eq!(
        granted, expected,
        "permissions/app-commands.toml is build.rs's, from the list (build the shell to regenerate)"
    );
    let ui_types = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings/Command.ts"),
    )
    .unwrap();
    let ui_commands: Vec<String> = quoted(&ui_types)
        .into_iter()
        .filter(|c| !c.contains(' '))
        .collect();
    assert_eq!(
        ui_commands, declared,
        "the UI's Command type is the same list"
    );

    // One plugin, the save dialog, which only the Rust shell calls (an agreement's
    // export): the capability above grants the window none of its permissions.
    let manifest = shell_file("Cargo.toml");
    let plugins: Vec<&str> = manifest
        .lines()
        .filter(|l| l.trim_start().starts_with("tauri-plugin"))
        .map(|l| l.split('=').next().unwrap().trim())
        .collect();
    assert_eq!(
        plugins,
        ["tauri-plugin-dialog"],
        "no other plugin (fs, shell, http …)"
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
