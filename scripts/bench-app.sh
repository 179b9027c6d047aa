#!/usr/bin/env bash
# Measures the desktop app under Xvfb (Mesa lavapipe): time to first frame, CPU while idle on the
# drill screen, CPU with a countdown on screen, and resident memory. Prints one line per figure.
#
#   scripts/bench-app.sh [path/to/hotwash]     (default: the release build, built if missing)
#
# Idle: bank-security-call's first decision (no timer). Countdown: cancellation-scam-leak's
# first decision (45 s timer). Each is measured over 10 s after 3 s to settle.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/hotwash/target}"
bin="${1:-$CARGO_TARGET_DIR/release/hotwash}"
if [ ! -x "$bin" ]; then
  cargo build --release --locked
fi
command -v xvfb-run >/dev/null || { echo "bench-app: needs xvfb-run (apt-get install xvfb xauth mesa-vulkan-drivers)"; exit 2; }

ticks_per_sec=$(getconf CLK_TCK)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Total CPU ticks (user + system) of a process and its threads.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# measure <name> <scenario file>: starts the app on that drill, prints the figures.
measure() {
  local name="$1" scenario="$2" log="$work/$1.log"
  HOTWASH_DATA_DIR="$work/data-$name" XDG_RUNTIME_DIR="$work" \
    xvfb-run -a -s "-screen 0 1280x800x24" "$bin" app --settings "$work/settings-$name.ron" \
    --lang en --open "$scenario" --seed 1 >"$log" 2>&1 &
  local runner=$!
  local pid=""
  for _ in $(seq 1 100); do
    pid=$(pgrep -n -f "^$bin app --settings $work/settings-$name.ron" || true)
    [ -n "$pid" ] && break
    sleep 0.1
  done
  [ -n "$pid" ] || { echo "bench-app: the app did not start"; cat "$log"; exit 1; }
  sleep 3
  local before after
  before=$(cpu_ticks "$pid")
  sleep 10
  after=$(cpu_ticks "$pid")
  local rss
  rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")
  local first
  first=$(grep -o 'first frame drawn [0-9]* ms' "$log" | grep -o '[0-9]*' || echo "?")
  kill "$pid" 2>/dev/null || true
  wait "$runner" 2>/dev/null || true
  awk -v n="$name" -v b="$before" -v a="$after" -v hz="$ticks_per_sec" -v rss="$rss" -v first="$first" 'BEGIN {
    printf "%-10s first frame %5s ms   CPU over 10 s %5.1f %% of a core   resident %6.1f MiB\n",
      n, first, (a - b) / hz / 10 * 100, rss / 1024 }'
}

measure idle bank-security-call.en.ron
measure countdown cancellation-scam-leak.en.ron
