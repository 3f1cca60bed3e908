#!/usr/bin/env bash
# Seeds a fuzz target's corpus from the example content and test fixtures, then fuzzes it.
#
#   fuzz/run.sh TARGET [SECONDS] [EXTRA LIBFUZZER FLAGS...]
#
# TARGET is agreement_yaml or report_markdown; SECONDS defaults to 600. Needs cargo-fuzz
# (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP=1 lets it use the stable toolchain.
set -euo pipefail

fuzz_dir="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$fuzz_dir")"
target="${1:-}"
seconds="${2:-600}"
shift $(( $# < 2 ? $# : 2 ))

case "$target" in
    agreement_yaml) ext=yaml; seeds=("$root"/content/agreements/*.yaml) ;;
    report_markdown) ext=md; seeds=("$root"/content/reports/*.md) ;;
    *)
        echo "usage: $0 agreement_yaml|report_markdown [SECONDS] [LIBFUZZER FLAGS...]" >&2
        exit 2
        ;;
esac
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is missing: run \`cargo install cargo-fuzz\` first" >&2
    exit 2
fi

# Seed: the example content and every fixture with the target's extension. Names keep the
# source path, so seeding again overwrites instead of duplicating. (The reproducers in
# regressions/ are not seeded: an unfixed one would stop every run at once; README.md
# shows how to replay them.)
corpus="$fuzz_dir/corpus/$target"
mkdir -p "$corpus"
while IFS= read -r -d '' f; do seeds+=("$f"); done < <(
    find "$root/tests/fixtures" -type f -name "*.$ext" -print0
)
for f in "${seeds[@]}"; do
    rel="${f#"$root"/}"
    cp "$f" "$corpus/seed-${rel//\//_}"
done
echo "corpus/$target: $(find "$corpus" -type f | wc -l) inputs ($((${#seeds[@]})) seeds)"

cd "$root"
# -a: overflow checks and debug assertions on, so arithmetic bugs panic here too.
# One job (the machine is shared); inputs taking over 1 s are reported as slow units, and
# over 10 s as timeouts. Crashes and slow inputs land in fuzz/artifacts/TARGET/.
RUSTC_BOOTSTRAP=1 exec cargo fuzz run -a "$target" "$corpus" -- \
    -max_total_time="$seconds" \
    -max_len=65536 \
    -timeout=10 \
    -report_slow_units=1 \
    -dict="$fuzz_dir/dicts/$target.dict" \
    -print_final_stats=1 \
    "$@"
