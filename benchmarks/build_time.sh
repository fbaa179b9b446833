#!/usr/bin/env bash
# Book build time: a clean build (every notebook executed), then a cached rebuild with nothing
# changed. Budgets: clean <= 120 s, cached <= 15 s (2-core machine).
# Run from the project root: bash benchmarks/build_time.sh
set -euo pipefail
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for run in clean cached; do
  start=$(date +%s%N)
  .venv/bin/jupyter-book build . --path-output "$out" -W -n --keep-going >/dev/null
  end=$(date +%s%N)
  python3 -c "print(f'{\"$run\":7} build: {($end - $start) / 1e9:6.1f} s')"
done
