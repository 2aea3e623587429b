# Installs what the serve and test commands need, only what is missing, and says
# what it is doing. Sourced by scripts/serve and scripts/test; not run alone.
#
# Pinned tools are built from crates.io into a cache outside the checkout, so a
# fresh clone on the same machine (as CI makes) reuses them:
#   TORIKUMI_TOOLS (default ~/.cache/torikumi/tools)

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# CI may run with a trimmed environment: find rustup's cargo even when PATH lacks it.
HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
export HOME
if ! command -v cargo >/dev/null && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
TOOLS="${TORIKUMI_TOOLS:-$HOME/.cache/torikumi/tools}"
TRUNK_VERSION="0.22.1"
TRUNK_FALLBACK_VERSION="0.21.14"
GECKODRIVER_VERSION="0.37.1"
# The CLI must equal the wasm-bindgen crate pinned in Cargo.toml.
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' "$ROOT/Cargo.toml")"

say() { printf '\n==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { printf '\nERROR: %s\n' "$*" >&2; exit 1; }

# Whether a command's output has a match: grep reads all of it. With pipefail, `grep -q`
# stops at the first match and a command still writing (geckodriver --version prints
# three paragraphs) dies of SIGPIPE, failing the pipe: 1 check in 20 rebuilt geckodriver.
matches() {
  grep "$@" >/dev/null
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root to run: $*"; fi
}

ensure_rust_target() {
  command -v rustup >/dev/null || die "rustup is not installed (https://rustup.rs)"
  if rustup target list --installed | matches -x wasm32-unknown-unknown; then
    note "rust target wasm32-unknown-unknown: present"
  else
    say "Adding the rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

# ensure_apt [--no-recommends] PACKAGE...
ensure_apt() {
  local flags=() missing=()
  if [ "${1:-}" = --no-recommends ]; then flags+=(--no-install-recommends); shift; fi
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | matches "ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    note "apt packages present: $*"
    return
  fi
  say "Installing Debian packages: ${missing[*]}"
  if [ -z "${APT_UPDATED:-}" ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${flags[@]}" "${missing[@]}"
}

# ensure_cargo_tool BINARY VERSION CRATE [cargo install flags...]
ensure_cargo_tool() {
  local bin="$1" version="$2" crate="$3"; shift 3
  if "$TOOLS/bin/$bin" --version 2>/dev/null | matches -w "$version"; then
    note "$bin $version: present"
    return 0
  fi
  say "Building $crate $version from crates.io into $TOOLS (once per machine; a few minutes)"
  cargo install --quiet --root "$TOOLS" --force "$crate" --version "$version" "$@"
}

ensure_trunk() {
  if ! ensure_cargo_tool trunk "$TRUNK_VERSION" trunk --locked --ignore-rust-version; then
    say "trunk $TRUNK_VERSION did not build; falling back to $TRUNK_FALLBACK_VERSION"
    ensure_cargo_tool trunk "$TRUNK_FALLBACK_VERSION" trunk --locked
  fi
}

ensure_npm_packages() {
  local stamp="$ROOT/e2e/node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ ! "$ROOT/e2e/package-lock.json" -nt "$stamp" ]; then
    note "npm packages (e2e/): present"
    return
  fi
  say "Installing npm packages in e2e/ (Playwright without its browser download, puppeteer-core for Firefox, axe-core, binaryen, terser and Zopfli for the build, Lighthouse)"
  (cd "$ROOT/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
}

# Everything the build needs: rust target, Trunk, wasm-bindgen-cli, wasm-opt.
ensure_build_tools() {
  say "Checking build tools"
  ensure_rust_target
  ensure_trunk
  ensure_cargo_tool wasm-bindgen "$WASM_BINDGEN_VERSION" wasm-bindgen-cli
  ensure_npm_packages
  # npm's binaryen first: Debian's wasm-opt is too old for current wasm-bindgen output.
  export PATH="$ROOT/e2e/node_modules/.bin:$TOOLS/bin:$PATH"
  wasm-opt --version | matches "version 132" || die "wasm-opt from npm binaryen 132 not found on PATH"
}

# Real browsers for the tests, and Japanese fonts so screenshots and PDFs show text.
ensure_browsers() {
  say "Checking browsers and fonts"
  ensure_apt chromium chromium-driver
  # Some staff use Firefox: the browser tests run in Debian's Firefox ESR too.
  ensure_apt firefox-esr
  ensure_cargo_tool geckodriver "$GECKODRIVER_VERSION" geckodriver --locked
  # Safari's engine: WebKitGTK's WebDriver (it starts MiniBrowser) under a virtual display.
  ensure_apt webkit2gtk-driver xvfb
  ensure_apt --no-recommends fonts-noto-cjk
  # PDF checks of the printed report (pdftotext, pdfinfo).
  ensure_apt poppler-utils
  # The Word files the app writes, read back by a real Word-format reader (headless soffice).
  ensure_apt --no-recommends libreoffice-writer-nogui
}
