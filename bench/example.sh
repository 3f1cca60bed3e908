#!/usr/bin/env bash
# Times `iopsite build` of the example site: RUNS builds (default 5), prints each wall time
# and the median, in milliseconds. Usage: bench/example.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --quiet
bin=target/release/iopsite
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$bin" build --quiet --as-of 2026-11-23 --output "$out/site" .
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "runs (ms): ${times[*]}"
echo "median: ${sorted[$(( runs / 2 ))]} ms over $runs builds"
