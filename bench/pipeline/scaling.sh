#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Scaling benchmark of the Spark pipeline (issue #6): the same cold 10-locale workload
# (bench/pipeline/run.sh prepare → requests-cold.csv) in one run, one layout after the other,
# each on an empty storage root of its own:
#
#   local1       Spark local[1], storage on the local file system
#   local2       Spark local[2], storage on the local file system
#   standalone   a standalone master + 2 workers (1 core each, separate JVMs; scripts/cluster),
#                the job submitted with scripts/submit/standalone.sh, local file system
#   local2-s3    Spark local[2], storage root on s3a:// (S3Proxy, scripts/s3proxy), to see the
#                cost of the S3 tier on the same machine
#   local1-fast, local2-fast
#                local[1] and local[2] with sbz.diff.mode = fast (the differ itself uses every
#                core of its executor for one pair)
#
#   bench/pipeline/scaling.sh [LAYOUT...]        default: local1 local2 standalone local2-s3
#
# Rows go to $SBZ_BENCH_OUT/results.tsv (see run.sh) named scaling-LAYOUT; the job's own summary
# (requests, pairs, diffs, phase times) is in $SBZ_BENCH_OUT/scaling-LAYOUT.log. Env as run.sh,
# plus SBZ_BENCH_EXECUTOR_MEMORY (default 5g) and SBZ_BENCH_DRIVER_MEMORY (default 3g) for the
# standalone layout. Build first: mvn -B -q -DskipTests package.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${SBZ_BENCH_OUT:-/tmp/sbz-bench-pipeline}
requests=$out/requests-cold.csv
[ -f "$requests" ] || { echo "scaling.sh: $requests missing; run bench/pipeline/run.sh prepare" >&2; exit 1; }
layouts=("$@")
[ ${#layouts[@]} -gt 0 ] || layouts=(local1 local2 standalone local2-s3)

fresh_root() { # a cold store for this layout
  rm -rf "$out/store-$1"
  echo "$out/store-$1"
}

run_local() { # NAME MASTER ROOT [submit args...]
  local name=$1 master=$2 root=$3; shift 3
  SBZ_BENCH_ROOT=$root "$here/run.sh" run "scaling-$name" "$requests" \
    --spark-conf "spark.master=$master" "$@"
}

run_standalone() {
  local dir=$out/cluster root
  root=$(fresh_root standalone)
  "$repo/scripts/cluster/stop.sh" --dir "$dir" >/dev/null 2>&1 || true
  rm -rf "$dir"
  "$repo/scripts/cluster/start.sh" --workers 2 --cores 1 \
    --memory "${SBZ_BENCH_EXECUTOR_MEMORY:-5g}" --dir "$dir"
  local master
  master=$(sed -n 's/^SBZ_MASTER_URL=//p' "$dir/cluster.env")
  printf 'sbz.parallelism = 2\n' > "$out/scaling-standalone.conf"
  SBZ_BENCH_ROOT=$root SBZ_SUBMIT=$repo/scripts/submit/standalone.sh \
    "$here/run.sh" run scaling-standalone "$requests" --master "$master" \
    --conf "$out/scaling-standalone.conf" \
    --driver-memory "${SBZ_BENCH_DRIVER_MEMORY:-3g}" \
    --executor-memory "${SBZ_BENCH_EXECUTOR_MEMORY:-5g}" --executor-cores 1 \
    --total-executor-cores 2 || { "$repo/scripts/cluster/stop.sh" --dir "$dir"; exit 1; }
  "$repo/scripts/cluster/stop.sh" --dir "$dir"
}

run_s3() {
  local dir=$out/s3proxy port=19000 confs=() line
  "$repo/scripts/s3proxy/stop.sh" --dir "$dir" >/dev/null 2>&1 || true
  rm -rf "$dir"
  # start.sh prints the --spark-conf options that point S3A at it, one per line
  while IFS= read -r line; do
    case "$line" in spark.hadoop.*=*) confs+=(--spark-conf "$line") ;; esac
  done < <("$repo/scripts/s3proxy/start.sh" --port "$port" --dir "$dir" --bucket sbz-bench \
    | sed -n 's/^ *--spark-conf *//p')
  [ ${#confs[@]} -gt 0 ] || { echo "scaling.sh: no S3A settings from s3proxy/start.sh" >&2; exit 1; }
  run_local local2-s3 'local[2]' s3a://sbz-bench/store "${confs[@]}" \
    || { "$repo/scripts/s3proxy/stop.sh" --dir "$dir"; exit 1; }
  "$repo/scripts/s3proxy/stop.sh" --dir "$dir"
}

for layout in "${layouts[@]}"; do
  echo "== $layout ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  case $layout in
    local1) run_local local1 'local[1]' "$(fresh_root local1)" ;;
    local2) run_local local2 'local[2]' "$(fresh_root local2)" ;;
    standalone) run_standalone ;;
    local2-s3) run_s3 ;;
    local1-fast | local2-fast)
      printf 'sbz.diff.mode = fast\n' > "$out/scaling-fast.conf"
      run_local "$layout" "local[${layout:5:1}]" "$(fresh_root "$layout")" \
        --conf "$out/scaling-fast.conf" ;;
    *) echo "scaling.sh: unknown layout $layout" >&2; exit 2 ;;
  esac
done
