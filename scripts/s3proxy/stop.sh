#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# stop.sh: stops the S3Proxy that scripts/s3proxy/start.sh started. Objects stay in DIR/blobs.
#
#   scripts/s3proxy/stop.sh [--dir DIR]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../java-opts.sh"
dir="$SBZ_HOME/target/sbz-s3proxy"
[ "${1:-}" != --dir ] || dir=${2:?}
if [ -f "$dir/s3proxy.pid" ]; then
  pid=$(cat "$dir/s3proxy.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/s3proxy.pid"
fi
echo "stopped S3Proxy in $dir"
