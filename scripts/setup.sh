#!/usr/bin/env bash
# Shared set-up for a fresh Debian 12 machine: system packages and a Rust toolchain.
# Sourced by start.sh and test.sh (so PATH changes reach them); can also be run alone.
# Idempotent: when everything is present it only runs dpkg-query and exits in well under a second.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO
# One target/ dir in the repo, whatever the caller's environment says: the scripts run
# ./target/debug/accord directly.
export CARGO_TARGET_DIR="$REPO/target"

section() { printf '\n==> %s\n' "$*"; }

accord_packages=(
    # Rust crates with C parts (SQLCipher links libcrypto; keyring links libdbus).
    build-essential pkg-config libssl-dev libdbus-1-dev
    # Secret Service for the keyring tests: a private bus, gnome-keyring, secret-tool.
    dbus gnome-keyring libsecret-tools
    # Headless display for end-to-end tests; strace proves the app opens no network socket.
    xvfb xauth strace
    # Tauri v2 desktop shell and its WebDriver.
    libwebkit2gtk-4.1-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev webkit2gtk-driver
    # Bundle encryption and signing, to cross-check Accord's bundles.
    age minisign
    # Agreements read back: pdftotext, pdffonts, pdfinfo, pdftoppm for the PDFs; a real
    # LibreOffice turns the Word files into PDF, with a CJK font for their Chinese (the
    # files name PMingLiU/SimSun, which Debian lacks).
    libreoffice-writer-nogui poppler-utils fonts-droid-fallback
    # rustup download; JSON parsing in these scripts (minimal images lack python3).
    curl ca-certificates python3
)

accord_setup() {
    local missing=() pkg
    for pkg in "${accord_packages[@]}"; do
        if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != "install ok installed" ]]; then
            missing+=("$pkg")
        fi
    done
    if ((${#missing[@]})); then
        section "Installing system packages: ${missing[*]}"
        local sudo=()
        if ((EUID != 0)); then sudo=(sudo); fi
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
    fi

    # A previous rustup install may not be on PATH yet in this shell.
    if ! command -v cargo >/dev/null && [[ -f "$HOME/.cargo/env" ]]; then
        # shellcheck source=/dev/null
        . "$HOME/.cargo/env"
    fi
    if ! command -v cargo >/dev/null; then
        section "Installing Rust with rustup"
        curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile default
        # shellcheck source=/dev/null
        . "$HOME/.cargo/env"
    fi
    # test.sh needs these; the minimal rustup profile and distro toolchains lack them.
    if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
        section "Adding rustfmt and clippy"
        rustup component add rustfmt clippy
    fi

    # The UI's build tools (Vite 7, jsdom) need Node 20; Debian 12 ships 18, so take
    # NodeSource's Debian packages when the machine has no recent enough Node.
    if ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' 2>/dev/null; then
        section "Installing Node.js 20 (NodeSource apt repository)"
        local sudo=()
        if ((EUID != 0)); then sudo=(sudo); fi
        curl -fsSL https://deb.nodesource.com/setup_20.x | "${sudo[@]}" bash -
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs
    fi
}

# Installs the UI's npm packages when package-lock.json changed, then builds ui/dist,
# which the desktop app embeds at compile time.
accord_build_ui() {
    local want have=""
    want="$(sha256sum "$REPO/ui/package-lock.json" | cut -d' ' -f1)"
    [[ -f "$REPO/ui/node_modules/.accord-lock" ]] && have="$(cat "$REPO/ui/node_modules/.accord-lock")"
    if [[ "$want" != "$have" ]]; then
        section "npm ci (ui/)"
        (cd "$REPO/ui" && npm ci --no-audit --no-fund)
        echo "$want" >"$REPO/ui/node_modules/.accord-lock"
    fi
    section "npm run build (ui/)"
    (cd "$REPO/ui" && npm run --silent build)
}

# Starts a headless X display in the background, writing its files to directory $1.
# Sets ACCORD_XVFB_PID and ACCORD_DISPLAY (":N"); -displayfd lets Xvfb pick a free number.
accord_start_xvfb() {
    local dir=$1
    Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$dir/display" >"$dir/xvfb.log" 2>&1 &
    ACCORD_XVFB_PID=$!
    for _ in $(seq 100); do
        [[ -s "$dir/display" ]] && break
        kill -0 "$ACCORD_XVFB_PID" 2>/dev/null || break
        sleep 0.1
    done
    if [[ ! -s "$dir/display" ]]; then
        cat "$dir/xvfb.log" >&2
        echo "error: Xvfb did not start" >&2
        return 1
    fi
    export ACCORD_DISPLAY
    ACCORD_DISPLAY=":$(head -n1 "$dir/display")"
}

# tauri-driver (crates.io) bridges WebDriver to WebKitWebDriver for the end-to-end tests.
accord_install_tauri_driver() {
    if ! command -v tauri-driver >/dev/null; then
        section "cargo install tauri-driver"
        cargo install tauri-driver --locked --version '^2'
    fi
}

accord_setup
