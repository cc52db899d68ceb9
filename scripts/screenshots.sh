#!/usr/bin/env bash
# Makes the README's screenshots (docs/screenshots/*.png) from the real app on the sample
# case, in a headless X display. Needs what test.sh needs; run it after UI changes.
set -euo pipefail
# shellcheck source=scripts/setup.sh
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$REPO"
accord_install_tauri_driver
accord_build_ui
section "cargo build --workspace"
cargo build --workspace

tmp="$(mktemp -d)"
ACCORD_XVFB_PID=""
trap 'kill "$ACCORD_XVFB_PID" 2>/dev/null || true; rm -rf "$tmp"' EXIT
accord_start_xvfb "$tmp"
export DISPLAY="$ACCORD_DISPLAY"
# No Secret Service here: the sample vault opens by passphrase.
export DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/no-bus"
section "Screenshots"
cargo test --test e2e -- --ignored readme_screenshots --nocapture
ls -l docs/screenshots
