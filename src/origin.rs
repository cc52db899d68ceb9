//! The desktop window's one origin: where its web view may go.
//!
//! The UI is served by the shell from inside the binary, at Tauri's custom-protocol
//! origin (`tauri://localhost` on Linux and macOS, `http(s)://tauri.localhost` on
//! Windows). The CSP stops the page from *fetching* anything else, but not from
//! *navigating*: a link, a `location` change or `window.open` would load a page that can
//! talk to the network and is not ours (security review 2026-12, finding 17). The shell
//! asks [`may_navigate`] for every navigation and refuses every new window.
//!
//! Decision: compare the scheme and the exact host by hand rather than pull a URL parser
//! into the core: the allowed set is two literal origins, and anything unusual (a port,
//! user info, a look-alike host, another scheme) is refused, which is the safe answer.

/// Where the web view sends any web request it would make: a proxy on loopback port 9
/// (discard), where nothing listens on a laptop. WebKit opens a connection to a page's
/// host *before* it asks [`may_navigate`] (a speculative preconnect: measured in
/// `tests/e2e/offline.rs`, a TCP connect to the refused address), so without this a
/// blocked navigation would still reach the network; with it, that connect stays on the
/// machine and is refused. The app's own pages and IPC use custom schemes, never a proxy.
pub const DEAD_END_PROXY: &str = "http://127.0.0.1:9";

/// Whether the window may navigate to `url`: only to a page of the app's own origin.
pub fn may_navigate(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false; // about:, data:, javascript:, blob: … are not the app
    };
    let authority = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match scheme.to_ascii_lowercase().as_str() {
        "tauri" => authority == "localhost",
        "http" | "https" => authority == "tauri.localhost",
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::may_navigate;

    #[test]
    fn the_apps_own_pages_are_allowed() {
        for url in [
            "tauri://localhost",
            "tauri://localhost/",
            "tauri://localhost/index.html#/cases",
            "TAURI://LOCALHOST/index.html",
            "http://tauri.localhost/",
            "https://tauri.localhost/index.html?x=1",
        ] {
            assert!(may_navigate(url), "{url}");
        }
    }

    #[test]
    fn everything_else_is_refused() {
        for url in [
            "https://example.org/",
            "http://93.184.216.34/",
            "tauri://localhost.example.org/",
            "tauri://localhost:8080/",
            "tauri://user@localhost/",
            "tauri://evil@localhost.example.org/",
            "http://tauri.localhost.example.org/",
            "http://tauri.localhost:1430/",
            "http://localhost/",
            "file:///etc/passwd",
            "ftp://tauri.localhost/",
            "about:blank",
            "data:text/html,<p>hi</p>",
            "javascript:alert(1)",
            "blob:tauri://localhost/1234",
            "",
            "localhost",
        ] {
            assert!(!may_navigate(url), "{url}");
        }
    }
}
