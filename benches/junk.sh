#!/usr/bin/env bash
# Times `mlsd check` (release build) on each input of a junk corpus: huge,
# deeply nested, binary and adversarial files. Every run must end in well
# under a second with exit code 0, 1 or 2 (never 101, a panic).
# Usage: bash benches/junk.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import os, random, sys
d = sys.argv[1]
def w(name, data): open(os.path.join(d, name), "wb").write(data)
w("empty", b"")
w("braces-100k", b"{" * 100_000)
w("closing-braces-50k", b"}\n" * 50_000)
w("stage-heads-100k", b"stage a {\n" * 100_000)
w("nested-stages-20k", "".join(" " * (i % 50) + f"stage s{i} {{\n" for i in range(20_000)).encode())
w("brackets-200k", b"a: store " + b"[" * 200_000)
w("long-ident-1M", b"a" * 1_000_000)
w("long-string-1M", b'title "' + b"x" * 1_000_000)
w("chain-20k", ("".join(f"n{i}: job\n" for i in range(20_000)) + " -> ".join(f"n{i}" for i in range(20_000))).encode())
w("unknown-refs-50k", b"x -> y\n" * 50_000)
w("arrows-300k", b"->" * 300_000)
w("quotes-300k", b'"' * 300_000)
line = b'a -> b: "some label text here"\n'
w("near-limit-2MiB", b"a: store\nb: job\n" + line * ((2 * 1024 * 1024 - 20) // len(line)))
w("over-limit", b"#" * (2 * 1024 * 1024 + 1))
random.seed(1)
w("random-bytes", bytes(random.getrandbits(8) for _ in range(100_000)))
alphabet = b'abc:->,"[]{}#\n \t stage aka as title task metrics 0.5'
w("random-tokens", bytes(random.choice(alphabet) for _ in range(100_000)))
PY
printf '%-22s %6s %10s\n' input exit ms
for f in "$dir"/*; do
  start=$(date +%s%N)
  set +e; ./target/release/mlsd check "$f" >/dev/null 2>&1; code=$?; set -e
  end=$(date +%s%N)
  printf '%-22s %6s %10s\n' "$(basename "$f")" "$code" "$(( (end - start) / 1000000 ))"
done
