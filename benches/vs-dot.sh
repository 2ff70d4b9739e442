#!/usr/bin/env bash
# Whole-process time of `mlsd render REF -o x.svg` against Graphviz `dot -Tsvg`
# on the same diagram (`mlsd export REF --to dot`), same machine, same run.
# Also times `mlsd render REF -o x.png` (default scale 2).
# Usage: benches/vs-dot.sh [RUNS]   (needs graphviz; uses hyperfine if present)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
cargo build --release --quiet
bin="$PWD/target/release/mlsd"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Median wall time in ms of a command, over $runs runs after 3 warm-ups.
median_ms() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 3 --runs "$runs" --export-json "$tmp/h.json" "$1" >/dev/null 2>&1
    python3 -c "import json,sys; print('%.2f' % (json.load(open(sys.argv[1]))['results'][0]['median']*1000))" "$tmp/h.json"
  else
    local i t0 t1; local -a ts=()
    for i in 1 2 3; do sh -c "$1" >/dev/null 2>&1; done
    for ((i = 0; i < runs; i++)); do
      t0=$(date +%s%N); sh -c "$1" >/dev/null 2>&1; t1=$(date +%s%N)
      ts+=($(( (t1 - t0) / 1000 )))
    done
    printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f\n", a[int((NR+1)/2)]/1000}'
  fi
}

printf '%-28s %10s %10s %8s %10s\n' reference "mlsd ms" "dot ms" "dot/mlsd" "png ms"
for ref in diagrams/*/reference.mlsd; do
  name="$(basename "$(dirname "$ref")")"
  "$bin" export "$ref" --to dot -o "$tmp/$name.dot"
  m=$(median_ms "$bin render $ref -o $tmp/x.svg")
  d=$(median_ms "dot -Tsvg $tmp/$name.dot -o $tmp/y.svg")
  p=$(median_ms "$bin render $ref -o $tmp/x.png")
  printf '%-28s %10s %10s %8.1f %10s\n' "$name" "$m" "$d" "$(awk -v d="$d" -v m="$m" 'BEGIN {print d / m}')" "$p"
done
