#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Benchmark of the single-partial CLI (issue #4) on real Firefox builds.
#
#   bench/partial/run.sh [PAIR...]        PAIR: minor, major (default both)
#
# Env: SBZ_BENCH_DATA (default /work/bench-data/firefox-esr, made by
#      ../shared/bench/get-debian-builds.sh), SBZ_BENCH_OUT (default /tmp/sbz-bench-partial),
#      SBZ_BENCH_MODES (default "exact fast").
# For each pair it runs, each under /usr/bin/time -v (wall, CPU, peak RSS):
#   1. sbz complete on old/ and new/ (with --write-precomplete: Debian trees have none);
#   2. sbz partial old.mar new.mar, per diff mode: cold (an empty --cache-dir, which it fills),
#      then warm with the filled --cache-dir; with SBZ_BENCH_NO_CACHE_RUN=1 also a cold run
#      without any --cache-dir first (the cost of writing the cache).
#   SBZ_BENCH_SKIP_COMPLETE=1 reuses $SBZ_BENCH_OUT/PAIR.{old,new}.mar from an earlier run.
# Results: $SBZ_BENCH_OUT/results.tsv (one row per run) and each run's --json summary
# (sizes and the phase breakdown). Build first: mvn -B -q -DskipTests package.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
data=${SBZ_BENCH_DATA:-/work/bench-data/firefox-esr}
out=${SBZ_BENCH_OUT:-/tmp/sbz-bench-partial}
modes=${SBZ_BENCH_MODES:-exact fast}
pairs=("$@"); [ ${#pairs[@]} -gt 0 ] || pairs=(minor major)
mkdir -p "$out"
results=$out/results.tsv
[ -f "$results" ] || printf 'pair\trun\twall_s\tuser_s\tsys_s\tmax_rss_kb\toutput_bytes\tloadavg_before\n' > "$results"

timed() { # timed PAIR RUN OUTPUT_FILE -- command...
  local pair=$1 run=$2 file=$3; shift 4
  local log=$out/$pair.$run.time load
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -v "$@" > "$out/$pair.$run.stdout" 2> "$log" || { tail -5 "$log"; exit 1; }
  local wall user sys rss size
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  user=$(awk -F': ' '/User time/{print $2}' "$log")
  sys=$(awk -F': ' '/System time/{print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident/{print $2}' "$log")
  size=$(stat -c %s "$file")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$pair" "$run" "$wall" "$user" "$sys" "$rss" "$size" "$load" | tee -a "$results"
}

for pair in "${pairs[@]}"; do
  old=$data/$pair/old new=$data/$pair/new
  [ -d "$old" ] && [ -d "$new" ] || { echo "missing $old or $new" >&2; exit 1; }
  vold=$(awk -F= '/^Version=/{print $2; exit}' "$old/application.ini")
  vnew=$(awk -F= '/^Version=/{print $2; exit}' "$new/application.ini")
  if [ "${SBZ_BENCH_SKIP_COMPLETE:-0}" != 1 ]; then
    timed "$pair" complete-old "$out/$pair.old.mar" -- "$repo/scripts/sbz" complete "$old" \
      -o "$out/$pair.old.mar" -H firefox-mozilla-esr -V "$vold" --write-precomplete
    timed "$pair" complete-new "$out/$pair.new.mar" -- "$repo/scripts/sbz" complete "$new" \
      -o "$out/$pair.new.mar" -H firefox-mozilla-esr -V "$vnew" --write-precomplete
  fi
  for mode in $modes; do
    rm -rf "$out/cache-$pair-$mode"
    if [ "${SBZ_BENCH_NO_CACHE_RUN:-0}" = 1 ]; then
      timed "$pair" "partial-$mode-cold-nocache" "$out/$pair.$mode.partial.mar" -- "$repo/scripts/sbz" \
        partial "$out/$pair.old.mar" "$out/$pair.new.mar" -o "$out/$pair.$mode.partial.mar" \
        --"$mode" --json
    fi
    timed "$pair" "partial-$mode-cold" "$out/$pair.$mode.partial.mar" -- "$repo/scripts/sbz" partial \
      "$out/$pair.old.mar" "$out/$pair.new.mar" -o "$out/$pair.$mode.partial.mar" --"$mode" --json \
      --cache-dir "$out/cache-$pair-$mode"
    timed "$pair" "partial-$mode-warm" "$out/$pair.$mode.partial.mar" -- "$repo/scripts/sbz" partial \
      "$out/$pair.old.mar" "$out/$pair.new.mar" -o "$out/$pair.$mode.partial.mar" --"$mode" --json \
      --cache-dir "$out/cache-$pair-$mode"
  done
done
