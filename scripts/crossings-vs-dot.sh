#!/bin/sh
# Edge crossings of `mlsd layout` against Graphviz dot (one cluster per stage)
# on every reference; prints a Markdown table. Needs `dot`
# (apt-get install -y graphviz). Not part of `cargo test`.
set -eu
cd "$(dirname "$0")/.."
command -v dot >/dev/null || { echo "dot not found: apt-get install -y graphviz" >&2; exit 2; }
cargo run --quiet --release --example crossings_vs_dot -- diagrams/*/reference.mlsd
