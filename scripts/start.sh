#!/usr/bin/env bash
# Starts Accord: builds the UI, the `accord` CLI and the desktop app, makes a demo vault with
# a sample case in $REPO/.demo-vault (git-ignored), shows it with the CLI, then opens the
# desktop app on it. Without a display it stops after the CLI part.
# Idempotent: later runs reuse the vault. Needs no terminal (the passphrase comes from the env).
set -euo pipefail

# shellcheck source=scripts/setup.sh
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$REPO"

accord_build_ui
section "cargo build --workspace (CLI and desktop app)"
cargo build --workspace

accord="$REPO/target/debug/accord"
# A demo vault holds invented data only, so its passphrase can be public and a light KDF
# keeps every command here instant. Where a Secret Service answers, the key also goes to
# the OS keyring, so the desktop app opens without asking.
DEMO_PASSPHRASE='accord demo passphrase'
export ACCORD_VAULT="$REPO/.demo-vault" ACCORD_PASSPHRASE="$DEMO_PASSPHRASE"

json() { python3 -c "import json, sys; v = json.load(sys.stdin); print($1)"; }

if [[ ! -d "$ACCORD_VAULT" ]]; then
    section "accord init (demo vault)"
    "$accord" init --mediator "Demo Mediator" --kdf-memory-mib 64 --kdf-iterations 1 </dev/null
fi

# Find the sample case; add it if missing (first run, or a run cut short after init).
ref="$("$accord" --json case list | json \
    'next((c["local_ref"] for c in v if c["title_en"] == "Lantau Bay Container Terminal Concession"), "")')"
if [[ -z "$ref" ]]; then
    section "accord demo"
    ref="$("$accord" --json demo | json 'v["case"]["local_ref"]')"
    echo "Added the sample case $ref."
fi

section "accord case list"
"$accord" case list
section "accord case show $ref"
"$accord" case show "$ref"
section "accord session list --upcoming"
"$accord" session list --upcoming

section "Go on with the CLI"
cat <<EOF
The demo vault is $ACCORD_VAULT (passphrase: $DEMO_PASSPHRASE). To use it:

    export ACCORD_VAULT='$ACCORD_VAULT'
    export ACCORD_PASSPHRASE='$DEMO_PASSPHRASE'
    ./target/debug/accord --help
    ./target/debug/accord case show $ref

For a real vault, unset both and run \`./target/debug/accord init\` (or start the app with
ACCORD_VAULT pointing at a new directory). Delete .demo-vault to start the demo afresh.
EOF

if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
    section "No display: not opening the desktop app"
    echo "Run this script in a desktop session to open the app on the demo vault."
    exit 0
fi
section "Opening the desktop app (passphrase: $DEMO_PASSPHRASE)"
unset ACCORD_PASSPHRASE
exec "$REPO/target/debug/accord-desktop"
