#!/usr/bin/env bash
# Whole-process time of grading 1,000 answers against one reference.
# Answers are the 12 video-recommendation validation answers, repeated with a
# distinguishing comment. Usage: scripts/grade-batch.sh [N=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sources=(tests/grading/video-recommendation/*.mlsd)
for ((i = 0; i < n; i++)); do
  f=${sources[i % ${#sources[@]}]}
  { echo "# answer $i"; cat "$f"; } > "$dir/answer-$(printf %04d "$i").mlsd"
done
cargo build --release --quiet
bin=target/release/mlsd
ref=diagrams/video-recommendation/reference.mlsd
for run in 1 2 3 4 5; do
  /usr/bin/time -f "run $run: %e s wall, %U s user, %M KB max RSS" \
    "$bin" grade "$dir"/*.mlsd --against "$ref" --format csv > "$dir/out.csv"
done
echo "$(($(wc -l < "$dir/out.csv") - 1)) answers graded"
