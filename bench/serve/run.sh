#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Benchmark of sbz serve (issue #18) on the golden partial-small pair:
#   1. POST latency of a partial that already exists: p50/p99 over 1,000 sequential POSTs;
#   2. POST -> done of a new "locale" of a pair whose MARs and patches are already cached
#      (L1 and patch cache hits: the run fetches, diffs nothing, assembles and verifies).
# Build first: mvn -B -q -DskipTests package. Env: SBZ_BENCH_OUT (default /tmp/sbz-bench-serve),
# SBZ_BENCH_PORT (default 18480), SBZ_BENCH_NEW (new locales timed, default 3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
shared=$(cd "$repo/../shared" && pwd)
golden=$shared/golden/partial-small
out=${SBZ_BENCH_OUT:-/tmp/sbz-bench-serve}
port=${SBZ_BENCH_PORT:-18480}
news=${SBZ_BENCH_NEW:-3}
rm -rf "$out" && mkdir -p "$out"
base=http://127.0.0.1:$port

body() { # body LOCALE
  printf '{"product":"firefox","platform":"linux-x86_64","locale":"%s","from_version":"1.0",' "$1"
  printf '"to_version":"2.0","from_url":"file:%s","to_url":"file:%s",' "$golden/a.complete.mar" "$golden/b.complete.mar"
  printf '"from_sha512":"%s","to_sha512":"%s","channel":"release"}' \
    "$(sha512sum "$golden/a.complete.mar" | cut -d' ' -f1)" "$(sha512sum "$golden/b.complete.mar" | cut -d' ' -f1)"
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

SBZ_HEAP=-Xmx2g "$repo/scripts/sbz" serve --storage-root "$out/store" --port "$port" \
  --allow-url-prefix "file:$golden/" >"$out/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "$base/healthz" >/dev/null; do sleep 0.5; kill -0 $pid; done
uptime

# the first partial: cold (fetch, explode, diff), not measured
body de >"$out/de.json"
curl -sf -X POST "$base/partials?wait=600" -H 'Content-Type: application/json' \
  --data @"$out/de.json" | field "['status']"

echo "== POST of an existing partial (1,000 requests)"
java "$here/PostLatency.java" "$base/partials" "$out/de.json" 1000

echo "== POST -> done, new locale of the cached pair"
for i in $(seq 1 "$news"); do
  body "new$i" >"$out/new$i.json"
  t0=$(date +%s%N)
  status=$(curl -sf -X POST "$base/partials?wait=600" -H 'Content-Type: application/json' \
    --data @"$out/new$i.json" | field "['status']")
  t1=$(date +%s%N)
  echo "new$i: $status in $(( (t1 - t0) / 1000000 )) ms"
done
uptime
grep -E '^sbz: (fetch|explode|pairs|assemble|reuse)' "$out/serve.log" | tail -10
