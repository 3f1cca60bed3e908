#!/usr/bin/env bash
# Times `iopsite build` of the example site: RUNS builds (default 5), prints each wall time,
# the time spent drawing charts (summed over threads, as the build reports it) and the
# medians. Usage: bench/example.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --quiet
bin=target/release/iopsite
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
times=()
charts=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  line=$("$bin" build --as-of 2026-11-23 --output "$out/site" .)
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  charts+=($(sed -n 's/.*(charts \([0-9.]*\) ms over all threads).*/\1/p' <<<"$line"))
done
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
echo "$line"
echo "wall (ms): ${times[*]}"
echo "charts (ms, summed over threads): ${charts[*]}"
echo "median: $(median "${times[@]}") ms a build, of which charts $(median "${charts[@]}") ms, over $runs builds"
