#!/usr/bin/env bash
# Runs every check Hotwash has: formatting, clippy (warnings are errors) and all tests, without
# and with the desktop app (`gui` feature), then `hotwash check` on the bundled scenarios.
# Installs what the tests need when it is missing. CI runs this same script through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages the tests need (Debian names), installed only when missing: the screenshot test
# runs the app under Xvfb, drawn by Mesa's software Vulkan driver (lavapipe); winit opens the X11
# libraries below at run time (they are not link-time dependencies, so nothing else pulls them in).
# The LRS tests run a real Learning Record Store (ralph, from PyPI; scripts/lrs.sh) in a Python
# virtual environment and talk to it with curl.
packages=(xvfb xauth mesa-vulkan-drivers libvulkan1 libx11-6 libx11-xcb1 libxcursor1 libxi6 libxrandr2 libxkbcommon0
  libxkbcommon-x11-0 curl)
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  packages+=(python3 python3-venv)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# HOTWASH_SKIP_INSTALL=1 skips this on a machine set up by other means.
if [ ${#missing[@]} -gt 0 ] && [ -z "${HOTWASH_SKIP_INSTALL:-}" ]; then
  echo "== installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi

# Bevy is slow to build: keep the build outside the checkout so later runs reuse it.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/hotwash/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# The app under Xvfb wants a runtime folder; CI shells may not have one.
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "$XDG_RUNTIME_DIR" ]; then
  XDG_RUNTIME_DIR="$(mktemp -d)"
  export XDG_RUNTIME_DIR
fi

echo "== the LRS for the xAPI tests (ralph in $HOME/.cache/hotwash/lrs-venv; installed once)"
scripts/lrs.sh install

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== clippy, engine and command line only"
cargo clippy --all-targets --no-default-features --locked -- -D warnings
echo "== clippy, with the desktop app"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo doc, warnings are errors (engine and command line with private items; the app)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --no-default-features --document-private-items --locked --quiet
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked --quiet
echo "== tests, engine and command line only"
cargo test --no-default-features --locked
echo "== tests, with the desktop app (headless, egui_kittest, screenshots under Xvfb)"
cargo test --locked
echo "== the mutation fuzzer, ${HOTWASH_FUZZ_SECS:=60} s (HOTWASH_FUZZ_SECS=1200 for a long run; tests/fuzz.rs)"
HOTWASH_FUZZ_SECS=$HOTWASH_FUZZ_SECS cargo test --no-default-features --locked --test fuzz -- --ignored --nocapture
echo "== hotwash check on the bundled scenarios and the purpose-made assessment drill"
cargo run --quiet --no-default-features --locked -- check --deny-warnings scenarios
cargo run --quiet --no-default-features --locked -- check --deny-warnings tests/fixtures/assessment
