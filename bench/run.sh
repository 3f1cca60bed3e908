#!/usr/bin/env bash
# Benchmarks `iopsite build` on generated corpora and compares it with two baselines:
#   - the floor: examples/floor.rs writing the same files (nothing rendered), and
#   - Hugo building the same report bodies as plain Markdown pages (examples/hugo_site.rs).
# For each size it builds RUNS times with output on tmpfs and DISK_RUNS times on disk, measures
# wall, user and sys CPU and peak memory with /usr/bin/time, then prints a summary table and
# PASS/FAIL for the targets.
#
# Usage: bench/run.sh
# Environment (all optional):
#   SIZES      agreements per corpus, space-separated (default "1000 10000")
#   RUNS       timed builds per size on tmpfs, also floor and Hugo runs (default 5)
#   DISK_RUNS  timed iopsite and floor runs per size on disk (default 3)
#   WORK       work folder on tmpfs; corpora are kept here between runs (default /dev/shm/iopsite-bench)
#   DISK_DIR   output folder on disk (default $CARGO_TARGET_DIR or target/, then bench-disk)
#   SEED       corpus seed (default 1); AS_OF: status date (default 2026-11-23)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

sizes=${SIZES:-"1000 10000"}
runs=${RUNS:-5}
disk_runs=${DISK_RUNS:-3}
work=${WORK:-/dev/shm/iopsite-bench}
seed=${SEED:-1}
as_of=${AS_OF:-2026-11-23}
target=${CARGO_TARGET_DIR:-$repo/target}
disk=${DISK_DIR:-$target/bench-disk}
bin=$target/release/iopsite
examples=$target/release/examples

median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
lowest() { printf '%s\n' "$@" | sort -g | head -n 1; }
highest() { printf '%s\n' "$@" | sort -g | tail -n 1; }
# calc EXPR [NAME=VALUE...]: prints EXPR evaluated by awk with the given variables.
calc() {
  local expr=$1
  shift
  local vars=()
  for v in "$@"; do vars+=(-v "$v"); done
  awk "${vars[@]}" "BEGIN { print $expr }"
}
# check VALUE LIMIT: PASS if VALUE <= LIMIT, else FAIL.
check() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? "PASS" : "FAIL" }'; }
fs_type() { df --output=fstype "$1" | tail -n 1; }

# Installs what a fresh CI machine lacks (we run as root there).
install_missing() {
  local missing=()
  command -v hugo >/dev/null || missing+=(hugo)
  [[ -x /usr/bin/time ]] || missing+=(time)
  if ((${#missing[@]} > 0)); then
    echo "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
}

# measure LOG CMD...: runs CMD under /usr/bin/time and appends
# "wall_ms user_ms sys_ms peak_mib" to LOG.
measure() {
  local log=$1
  shift
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%U %S %M' -o "$work/time.txt" "$@"
  end=$(date +%s%N)
  awk -v ns="$((end - start))" \
    '{ printf "%.1f %.0f %.0f %.1f\n", ns / 1e6, $1 * 1000, $2 * 1000, $3 / 1024 }' \
    "$work/time.txt" >>"$log"
}

# record KEY LOG: stores median and min–max of each column of LOG in the results table.
declare -A result
record() {
  local key=$1 log=$2 col name values
  col=1
  for name in wall user sys peak; do
    mapfile -t values < <(cut -d' ' -f"$col" "$log")
    result[$key,$name]=$(median "${values[@]}")
    result[$key,$name,range]="$(lowest "${values[@]}")-$(highest "${values[@]}")"
    col=$((col + 1))
  done
}

# corpus N: makes sure $work/corpus-N-seedS holds site/ (the corpus) and hugo/ (its Hugo
# site), reusing them when the size, seed and generator binaries are unchanged.
corpus() {
  local n=$1 dir stamp
  dir=$work/corpus-$n-seed$seed
  stamp="$n $seed $(cat "$examples/corpus" "$examples/hugo_site" | sha256sum | cut -d' ' -f1)"
  if [[ -f $dir/stamp && $(<"$dir/stamp") == "$stamp" ]]; then
    echo "corpus $n: reusing $dir"
    return
  fi
  echo "corpus $n: generating into $dir"
  rm -rf "$dir" "$dir.new"
  mkdir -p "$dir.new"
  cargo run --release --quiet --example corpus -- --agreements "$n" --seed "$seed" "$dir.new/site"
  "$examples/hugo_site" "$dir.new/site" "$dir.new/hugo" >/dev/null
  echo "$stamp" >"$dir.new/stamp"
  mv "$dir.new" "$dir"
}

# bench_iopsite N KIND OUT COUNT: COUNT timed builds of corpus N into OUT (removed before each).
bench_iopsite() {
  local n=$1 kind=$2 out=$3 count=$4 log i
  log=$work/iopsite-$kind-$n.log
  : >"$log"
  for i in $(seq "$count"); do
    rm -rf "$out"
    [[ $kind == disk ]] && sync
    measure "$log" "$bin" build "$work/corpus-$n-seed$seed/site" --output "$out" --quiet --as-of "$as_of"
  done
  record "$n,$kind" "$log"
  echo "  iopsite $kind: wall ${result[$n,$kind,wall]} ms (${result[$n,$kind,wall,range]})," \
    "user ${result[$n,$kind,user]} ms, sys ${result[$n,$kind,sys]} ms, peak ${result[$n,$kind,peak]} MiB"
}

# bench_floor N KIND SITE DEST COUNT: COUNT runs of the floor writing SITE's files into DEST.
bench_floor() {
  local n=$1 kind=$2 site=$3 dest=$4 count=$5 i line times=()
  for i in $(seq "$count"); do
    rm -rf "$dest"
    [[ $kind == disk ]] && sync
    line=$("$examples/floor" "$site" "$dest")
    times+=("$(sed -n 's/.* in \([0-9.]*\) ms$/\1/p' <<<"$line")")
  done
  rm -rf "$dest"
  result[$n,floor-$kind]=$(median "${times[@]}")
  echo "  floor $kind: $line; median ${result[$n,floor-$kind]} ms (${times[*]})"
}

# bench_hugo N: one untimed warm-up, then RUNS timed Hugo builds of corpus N's Hugo site.
bench_hugo() {
  local n=$1 site out log i
  site=$work/corpus-$n-seed$seed/hugo
  out=$work/hugo-out-$n
  log=$work/hugo-$n.log
  : >"$log"
  rm -rf "$out"
  hugo --quiet -s "$site" -d "$out" --cacheDir "$work/hugo-cache"
  result[$n,hugo-pages]=$(find "$out" -name '*.html' | wc -l)
  for i in $(seq "$runs"); do
    rm -rf "$out"
    measure "$log" hugo --quiet -s "$site" -d "$out" --cacheDir "$work/hugo-cache"
  done
  rm -rf "$out"
  record "$n,hugo" "$log"
  echo "  hugo: ${result[$n,hugo-pages]} pages, wall ${result[$n,hugo,wall]} ms" \
    "(${result[$n,hugo,wall,range]}), user ${result[$n,hugo,user]} ms, peak ${result[$n,hugo,peak]} MiB"
}

bench_size() {
  local n=$1 out line
  out=$work/out-$n/site
  corpus "$n"
  echo "size $n:"
  # An untimed warm-up that also tells what the build makes.
  rm -rf "$out"
  line=$("$bin" build "$work/corpus-$n-seed$seed/site" --output "$out" --as-of "$as_of")
  echo "  $line"
  result[$n,pages]=$(find "$out" -name '*.html' | wc -l)
  sizes_of "$n" "$out"
  bench_iopsite "$n" tmpfs "$out" "$runs"
  bench_iopsite "$n" disk "$disk/out-$n/site" "$disk_runs"
  rm -rf "$disk/out-$n"
  bench_floor "$n" tmpfs "$out" "$work/floor-$n" "$runs"
  bench_floor "$n" disk "$out" "$disk/floor-$n" "$disk_runs"
  rm -rf "$work/out-$n"
  bench_hugo "$n"
}

# row LABEL CELL...: one line of the summary table.
row() {
  printf '%-30s' "$1"
  shift
  printf '  %26s' "$@"
  printf '\n'
}

# sizes_of N OUT: what a reader downloads, from the warm-up build: the biggest HTML page, the
# home page, and the search index (all of it, and its biggest file, which bounds what one
# keystroke loads).
sizes_of() {
  local n=$1 out=$2 biggest
  biggest=$(find "$out" -name '*.html' -printf '%s %P\n' | sort -n | tail -n 1)
  result[$n,biggest]="${biggest%% *}"
  result[$n,biggest-page]="${biggest#* }"
  result[$n,home]=$(stat -c %s "$out/index.html")
  if [[ -d $out/search ]]; then
    result[$n,search]=$(du -sb "$out/search" | cut -f1)
    result[$n,search-chunk]=$(find "$out/search" -type f -printf '%s\n' | sort -n | tail -n 1)
  else
    result[$n,search]=0
    result[$n,search-chunk]=0
  fi
  echo "  biggest page ${result[$n,biggest]} B (${result[$n,biggest-page]}), home ${result[$n,home]} B," \
    "search index ${result[$n,search]} B (biggest file ${result[$n,search-chunk]} B)"
}

kb() { calc 'sprintf("%.0f", b / 1000)' b="$1"; }

summary() {
  local n cells label key
  echo
  echo "Summary (median, min-max in brackets; wall/CPU in ms, memory in MiB)"
  row "agreements" $sizes
  row "iopsite pages (*.html)" $(for n in $sizes; do echo "${result[$n,pages]}"; done)
  row "biggest page (kB)" $(for n in $sizes; do kb "${result[$n,biggest]}"; done)
  row "home page (kB)" $(for n in $sizes; do kb "${result[$n,home]}"; done)
  row "search index (kB)" $(for n in $sizes; do kb "${result[$n,search]}"; done)
  row "biggest search file (kB)" $(for n in $sizes; do kb "${result[$n,search-chunk]}"; done)
  for kind in tmpfs disk; do
    for key in wall user sys peak; do
      label="iopsite $key ($kind)"
      cells=()
      for n in $sizes; do
        cells+=("${result[$n,$kind,$key]} (${result[$n,$kind,$key,range]})")
      done
      row "$label" "${cells[@]}"
    done
  done
  row "iopsite pages/s (tmpfs)" $(for n in $sizes; do
    calc 'sprintf("%.0f", p / (w / 1000))' p="${result[$n,pages]}" w="${result[$n,tmpfs,wall]}"
  done)
  row "iopsite user ms/page (tmpfs)" $(for n in $sizes; do
    calc 'sprintf("%.4f", u / p)' u="${result[$n,tmpfs,user]}" p="${result[$n,pages]}"
  done)
  for kind in tmpfs disk; do
    row "floor wall ($kind)" $(for n in $sizes; do echo "${result[$n,floor-$kind]}"; done)
    row "iopsite/floor wall ($kind)" $(for n in $sizes; do
      calc 'sprintf("%.1f", a / b)' a="${result[$n,$kind,wall]}" b="${result[$n,floor-$kind]}"
    done)
  done
  row "Hugo pages (*.html)" $(for n in $sizes; do echo "${result[$n,hugo-pages]}"; done)
  for key in wall user peak; do
    cells=()
    for n in $sizes; do cells+=("${result[$n,hugo,$key]} (${result[$n,hugo,$key,range]})"); done
    row "Hugo $key (tmpfs)" "${cells[@]}"
  done
  row "Hugo pages/s" $(for n in $sizes; do
    calc 'sprintf("%.0f", p / (w / 1000))' p="${result[$n,hugo-pages]}" w="${result[$n,hugo,wall]}"
  done)
  row "iopsite/Hugo wall (tmpfs)" $(for n in $sizes; do
    calc 'sprintf("%.2f", a / b)' a="${result[$n,tmpfs,wall]}" b="${result[$n,hugo,wall]}"
  done)

  echo
  echo "Targets (tmpfs medians)"
  local ratio first last limit
  for n in $sizes; do
    ratio=$(calc 'sprintf("%.2f", a / b)' a="${result[$n,tmpfs,wall]}" b="${result[$n,hugo,wall]}")
    printf '  %-5s %-46s %s\n' "$(check "$ratio" 0.5)" "iopsite/Hugo wall at $n: $ratio" "(≤ 0.5)"
  done
  for n in $sizes; do
    ratio=$(calc 'sprintf("%.4f", u / p)' u="${result[$n,tmpfs,user]}" p="${result[$n,pages]}")
    printf '  %-5s %-46s %s\n' "$(check "$ratio" 0.15)" "user CPU per page at $n: $ratio ms" "(≤ 0.15 ms)"
  done
  last=$(printf '%s\n' $sizes | sort -g | tail -n 1)
  first=$(printf '%s\n' $sizes | sort -g | head -n 1)
  printf '  %-5s %-46s %s\n' "$(check "$(kb "${result[$last,biggest]}")" 300)" \
    "biggest page at $last: $(kb "${result[$last,biggest]}") kB" "(≤ 300 kB)"
  printf '  %-5s %-46s %s\n' "$(check "$(kb "${result[$last,home]}")" 150)" \
    "home page at $last: $(kb "${result[$last,home]}") kB" "(≤ 150 kB)"
  printf '  %-5s %-46s %s\n' "$(check "${result[$last,tmpfs,peak]}" 1024)" \
    "peak memory at $last: ${result[$last,tmpfs,peak]} MiB" "(≤ 1024 MiB at 10000)"
  if [[ $first != "$last" ]]; then
    ratio=$(calc 'sprintf("%.2f", a / b)' a="${result[$last,tmpfs,wall]}" b="${result[$first,tmpfs,wall]}")
    limit=$(calc '1.1 * l / f' l="$last" f="$first")
    printf '  %-5s %-46s %s\n' "$(check "$ratio" "$limit")" "wall $last/$first: $ratio" \
      "(≤ $limit, i.e. 1.1 × linear)"
  fi
}

install_missing
mkdir -p "$work" "$disk"
cargo build --release --quiet
cargo build --release --quiet --example corpus --example floor --example hugo_site
echo "iopsite $(git rev-parse --short HEAD), $(hugo version | cut -d' ' -f1-2)," \
  "$(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1))"
echo "work: $work ($(fs_type "$work")), disk output: $disk ($(fs_type "$disk"))," \
  "runs: $runs on tmpfs, $disk_runs on disk"
if [[ $(fs_type "$work") != tmpfs ]]; then
  echo "warning: WORK is not on tmpfs, so the tmpfs figures are not what they say" >&2
fi
for n in $sizes; do
  bench_size "$n"
done
summary
