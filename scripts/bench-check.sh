#!/usr/bin/env bash
# Times `hotwash check` as a whole process on the files of the diagnostics bench: synthetic
# scenarios of 10,000 and 20,000 lean nodes without problems, with 26 % of the nodes unreachable
# (one warning each) and with 26 % leading to a misspelt node id (one error each). Prints, per file
# and binary, the wall time of the runs (min / median / max) and the peak resident memory.
#
#   scripts/bench-check.sh [runs] [path/to/hotwash ...]
#
# Default: 7 runs of the release build (built if missing). With several binaries the runs
# alternate between them (A B A B …), so that a machine whose speed drifts treats them alike.
# BENCH_CHECK_FILES=<glob> picks files by name (default `*`, e.g. `*_warnings`). The files are
# written by the diagnostics bench (`HOTWASH_WRITE_SCENARIOS`) into a temporary folder that is
# removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/hotwash/target}"
runs="${1:-7}"
shift || true
bins=("$@")
if [ "${#bins[@]}" -eq 0 ]; then
  bins=("$CARGO_TARGET_DIR/release/hotwash")
  [ -x "${bins[0]}" ] || cargo build --release --no-default-features --locked
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
HOTWASH_WRITE_SCENARIOS="$work" cargo bench --quiet --no-default-features --locked --bench diagnostics >&2

# One timed run: prints the wall time in milliseconds. `check` exits 0 when there are warnings
# only, 1 when there are errors; anything else is a failure.
run_once() {
  local bin="$1" file="$2" start end status=0
  start=$EPOCHREALTIME
  "$bin" check "$file" >"$work/out" || status=$?
  end=$EPOCHREALTIME
  [ "$status" -le 1 ] || { echo "bench-check: $bin check $file exited with $status" >&2; exit 1; }
  echo "$start $end" | awk '{ printf "%.1f\n", ($2 - $1) * 1000 }'
}

for file in "$work"/${BENCH_CHECK_FILES:-*}.ron; do
  [ -e "$file" ] || { echo "bench-check: no file matches ${BENCH_CHECK_FILES:-*}" >&2; exit 2; }
  name=$(basename "$file" .ron)
  declare -A times=()
  for _ in $(seq 1 "$runs"); do
    for i in "${!bins[@]}"; do
      times[$i]="${times[$i]:-} $(run_once "${bins[$i]}" "$file")"
    done
  done
  for i in "${!bins[@]}"; do
    rss=$({ /usr/bin/time -f "%M" "${bins[$i]}" check "$file" >/dev/null || true; } 2>&1 | tail -n 1)
    summary=$(echo "${times[$i]}" | tr ' ' '\n' | sed '/^$/d' | sort -n |
      awk '{ t[NR] = $1 } END { printf "min %s  median %s  max %s ms", t[1], t[int((NR + 1) / 2)], t[NR] }')
    printf '%-34s %-40s %s  peak %d MiB  (%s runs)\n' "$name" "${bins[$i]}" "$summary" $((rss / 1024)) "$runs"
  done
  echo "  ($(tail -n 1 "$work/out"))"
  unset times
done
