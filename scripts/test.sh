#!/usr/bin/env bash
# Runs every check and test: rustfmt, clippy, then `cargo test` inside a private D-Bus
# session with a throw-away, unlocked gnome-keyring, and a headless X display.
# Extra arguments go to `cargo test` (e.g. ./scripts/test.sh --test cli).
# Works with no display, no stdin and as root (CI runs `bash .ci/run < /dev/null`).
#
# The script runs twice: first outside the session (set-up, lints, Xvfb), then again as
# the child of dbus-run-session (ACCORD_TEST_IN_SESSION=1) to start the keyring and test.
set -euo pipefail

if [[ "${ACCORD_TEST_IN_SESSION:-}" != 1 ]]; then
    # shellcheck source=scripts/setup.sh
    . "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
    cd "$REPO"

    accord_install_tauri_driver
    accord_build_ui
    section "UI type check and unit tests (ui/)"
    (cd ui && npm run --silent check && npm test --silent)

    section "cargo fmt --check"
    cargo fmt --all --check
    section "cargo clippy --workspace --all-targets -- -D warnings"
    cargo clippy --workspace --all-targets -- -D warnings
    section "cargo build --workspace (CLI and desktop app)"
    cargo build --workspace

    section "IPC types: regenerate ui/src/lib/bindings and compare with git"
    cargo test --quiet --lib export_bindings >/dev/null
    if [[ -n "$(git status --porcelain -- ui/src/lib/bindings)" ]]; then
        git status --short -- ui/src/lib/bindings >&2
        git diff -- ui/src/lib/bindings >&2
        echo "error: the TypeScript bindings differ from the Rust types; commit the regenerated files" >&2
        exit 1
    fi
    echo "bindings match the Rust types"

    # Everything the keyring writes lives here, so no earlier run or real login keyring is reused.
    ACCORD_TEST_TMP="$(mktemp -d "${TMPDIR:-/tmp}/accord-test.XXXXXX")"
    export ACCORD_TEST_TMP
    ACCORD_XVFB_PID=""
    # shellcheck disable=SC2317 # called through the trap, which shellcheck 0.9 does not see
    cleanup() {
        if [[ -n "$ACCORD_XVFB_PID" ]]; then
            kill "$ACCORD_XVFB_PID" 2>/dev/null || true
            wait "$ACCORD_XVFB_PID" 2>/dev/null || true
        fi
        rm -rf "$ACCORD_TEST_TMP"
    }
    trap cleanup EXIT

    section "Headless display (Xvfb)"
    accord_start_xvfb "$ACCORD_TEST_TMP"
    # Handed to the tests only (see below), not to the bus.
    ACCORD_TEST_DISPLAY="$ACCORD_DISPLAY"
    export ACCORD_TEST_DISPLAY
    echo "Xvfb on $ACCORD_TEST_DISPLAY"

    section "Private D-Bus session"
    # gnome-keyring keeps its keyrings in $XDG_DATA_HOME/keyrings and its control socket in
    # $XDG_RUNTIME_DIR/keyring. Set before dbus-run-session, so that a daemon the bus starts
    # by D-Bus activation also stays away from the real ones. HOME stays: cargo and rustup
    # find their toolchains through it.
    export XDG_DATA_HOME="$ACCORD_TEST_TMP/data" XDG_CONFIG_HOME="$ACCORD_TEST_TMP/config" \
        XDG_CACHE_HOME="$ACCORD_TEST_TMP/cache" XDG_RUNTIME_DIR="$ACCORD_TEST_TMP/run"
    mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
    chmod 700 "$XDG_RUNTIME_DIR"
    # Otherwise gnome-keyring would talk to a desktop session's daemon instead of starting ours.
    unset GNOME_KEYRING_CONTROL
    # Services the bus activates inherit its environment. With a display, a keyring that wants
    # to ask something starts gcr-prompter and waits forever for a click; without one, it fails.
    unset DISPLAY WAYLAND_DISPLAY
    export -f section # REPO and CARGO_TARGET_DIR are exported by setup.sh already
    # Not exec: the EXIT trap above must still stop Xvfb and remove the temp dir.
    # dbus-daemon's "Failed to set fd limit" warning (non-root or containers) is harmless.
    ACCORD_TEST_IN_SESSION=1 dbus-run-session -- bash "$REPO/scripts/test.sh" "$@"
    exit
fi

# ---- From here on: inside dbus-run-session, with a bus of our own. ----
cd "$REPO"

# A developer's `export ACCORD_VAULT=…` (start.sh suggests one) must not reach the tests.
unset ACCORD_VAULT ACCORD_PASSPHRASE ACCORD_NEW_PASSPHRASE ACCORD_RECOVERY_KEY ACCORD_LANG

section "gnome-keyring (Secret Service)"
# Unlocking with a password on first start makes the daemon create a "login" collection and
# alias it "default", which is where the keyring crate writes. With --start and no password
# there is no default collection, and creating one needs an interactive prompt.
keyring_log="$ACCORD_TEST_TMP/gnome-keyring.log"
printf '%s' 'accord-test' |
    gnome-keyring-daemon --unlock --components=secrets >"$ACCORD_TEST_TMP/keyring.env" 2>"$keyring_log"
# Export whatever VAR=value lines it prints (42.1 prints none when it starts fresh).
while IFS= read -r line; do
    if [[ "$line" =~ ^[A-Z_]+= ]]; then export "${line?}"; fi
done <"$ACCORD_TEST_TMP/keyring.env"

fail() {
    echo "error: $*" >&2
    echo "--- gnome-keyring log:" >&2
    cat "$keyring_log" >&2
    exit 1
}

# Wait for our daemon to own the bus name: asking earlier would make the bus activate a
# second daemon, one that has no unlocked "login" collection.
secrets_owned() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'
}
for _ in $(seq 50); do
    if secrets_owned; then break; fi
    sleep 0.1
done
secrets_owned || fail "gnome-keyring-daemon did not take the name org.freedesktop.secrets on the bus"
printf 'x' | timeout 10 secret-tool store --label=accord-probe service accord-probe user probe ||
    fail "secret-tool could not store a secret"
probe="$(timeout 10 secret-tool lookup service accord-probe user probe || true)"
[[ "$probe" == x ]] || fail "secret-tool lookup gave '$probe' instead of the secret just stored"
secret-tool clear service accord-probe user probe
echo "secret-tool store/lookup: ok"

# The keyring crate uses the "default" collection; prove Accord itself can use it from two processes.
probe_vault="$ACCORD_TEST_TMP/probe-vault"
init_json="$(ACCORD_VAULT="$probe_vault" ACCORD_PASSPHRASE='correct horse battery' \
    timeout 60 ./target/debug/accord --json init --kdf-memory-mib 64 --kdf-iterations 1 </dev/null)" ||
    fail "accord init failed"
keyring_state="$(printf '%s' "$init_json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["keyring"])')"
[[ "$keyring_state" == stored ]] || fail "accord init says keyring: $keyring_state (see its stderr above)"
(unset ACCORD_PASSPHRASE; ACCORD_VAULT="$probe_vault" timeout 60 ./target/debug/accord case list </dev/null >/dev/null) ||
    fail "a new accord process could not read the key back from the keyring"
echo "accord init (keyring: stored) and keyring read-back from a new process: ok"

# Keyring and end-to-end tests must fail, not skip, if their Secret Service or display went missing.
export ACCORD_REQUIRE_SECRET_SERVICE=1 ACCORD_REQUIRE_E2E=1 DISPLAY="$ACCORD_TEST_DISPLAY"
# Every crate of the workspace but the desktop shell, which holds no tests of its own (the
# end-to-end tests drive its real binary).
section "cargo test --workspace --exclude accord-desktop${*:+ $*}"
cargo test --workspace --exclude accord-desktop "$@"
