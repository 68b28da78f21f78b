#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# stop.sh: stops the cluster that scripts/cluster/start.sh started (by its pid files), including
# the executors its workers launched.
#
#   scripts/cluster/stop.sh [--dir DIR]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../java-opts.sh"
dir="$SBZ_HOME/target/sbz-cluster"
[ "${1:-}" != --dir ] || dir=${2:?}
for f in "$dir"/worker-*.pid "$dir"/master.pid; do
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    kill "$child" 2>/dev/null || true
  done
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$f"
done
echo "stopped the cluster in $dir"
