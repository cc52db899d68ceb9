#!/usr/bin/env bash
# Builds the release app and its Debian package (target/release/bundle/deb/*.deb) with the
# Tauri CLI from npm (ui/node_modules); the package carries the `accord` command line too.
# AppImage is out of scope: it downloads tools.
set -euo pipefail
# shellcheck source=scripts/setup.sh
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$REPO"
accord_build_ui
section "cargo build --release --bin accord (the command line, packaged beside the app)"
cargo build --release --bin accord
section "tauri build --bundles deb (release)"
(cd src-tauri && "$REPO/ui/node_modules/.bin/tauri" build --bundles deb)
deb="$(find target/release/bundle/deb -name "*.deb" -newer src-tauri/tauri.conf.json | head -n1)"
section "Package $deb"
dpkg-deb --info "$deb"
dpkg-deb --contents "$deb"
