#!/usr/bin/env bash
# Benchmarks the release desktop app: cold start until the case list is interactive, and
# idle memory (RSS and PSS) of the app with its WebKit processes. Prints a table.
# Runs in a headless X display; builds the release app first (slow the first time).
set -euo pipefail
# shellcheck source=scripts/setup.sh
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$REPO"
accord_install_tauri_driver
accord_build_ui
section "cargo build --release -p accord-desktop"
cargo build --release -p accord-desktop

tmp="$(mktemp -d)"
ACCORD_XVFB_PID=""
trap 'kill "$ACCORD_XVFB_PID" 2>/dev/null || true; rm -rf "$tmp"' EXIT
accord_start_xvfb "$tmp"
export DISPLAY="$ACCORD_DISPLAY"
# No Secret Service: the vault opens by passphrase, which the table counts separately.
export DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/no-bus"
export ACCORD_APP_BINARY="$REPO/target/release/accord-desktop"
section "cargo bench --bench app"
cargo bench --bench app
