#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Side by side (issue #16): Mozilla's way and sbz's way for the same partial, one after the
# other, in one invocation, on the same machine; prints the ratios.
#
#   bench/partial/side-by-side.sh [PAIR...]      PAIR: minor, major (default both)
#
# Inputs: installation trees $SBZ_BENCH_DATA/PAIR/{old,new} (default
# /root/.cache/sbz-firefox/firefox-esr). Mozilla's tools: $SBZ_ORACLE (default ../shared/oracle).
# Per pair:
#   1. complete MARs (cached in $SBZ_BENCH_CACHE, default /root/.cache/sbz-bench, never in the
#      repository): each tree gets a precomplete (tools/gen_precomplete.py, in a copy), then
#      Mozilla's make_full_update.sh makes firefox-VERSION-BUILDID.complete.mar, the inputs of
#      step 2 (timed when it runs). With SBZ_BENCH_COMPLETE=1 it runs again even if cached, and
#      right after it `sbz complete --single-block` (exact: must be byte-identical) and
#      `sbz complete` (fast: parallel blocks) on the same tree.
#   2. Mozilla's way, timed as one unit: tools/unwrap_mar.sh on both complete MARs, then
#      run-partial.sh (make_incremental_update.sh in the partials task's environment).
#   (SBZ_BENCH_PARTIALS=0 stops after step 1.)
#   3. sbz's way: `sbz partial OLD.mar NEW.mar -o OUT --MODE --json` for MODE in $SBZ_BENCH_MODES
#      (default "exact fast"); cold: no patch cache.
# Every run goes under /usr/bin/time -v (wall, user+sys CPU of the process and its children,
# peak RSS of the largest process). Results: $SBZ_BENCH_OUT (default /tmp/sbz-side-by-side)
# /results.tsv, one row per run, plus each run's stdout/stderr/time output. Build first:
# mvn -B -q -DskipTests package -pl common.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
oracle=$(cd "${SBZ_ORACLE:-$repo/../shared/oracle}" && pwd)
data=${SBZ_BENCH_DATA:-/root/.cache/sbz-firefox/firefox-esr}
cache=${SBZ_BENCH_CACHE:-/root/.cache/sbz-bench}
out=${SBZ_BENCH_OUT:-/tmp/sbz-side-by-side}
modes=${SBZ_BENCH_MODES:-exact fast}
channel=${SBZ_BENCH_CHANNEL:-firefox-mozilla-esr}
pairs=("$@"); [ ${#pairs[@]} -gt 0 ] || pairs=(minor major)
mkdir -p "$out" "$cache"
results=$out/results.tsv
[ -f "$results" ] || printf 'date\tpair\trun\twall_s\tcpu_s\tmax_rss_kb\toutput_bytes\tidentical_to_mozilla\tloadavg_before\n' > "$results"

secs() { # wall clock "h:mm:ss" or "m:ss.ss" of a GNU time -v log, in seconds
  awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$1"
}
cpu() { awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.2f", u+s}' "$1"; }
rss() { awk -F': ' '/Maximum resident/{print $2}' "$1"; }

# timed PAIR RUN OUTPUT REFERENCE -- command...: one row; REFERENCE is the file OUTPUT must
# equal byte for byte ("-": not compared).
timed() {
  local pair=$1 run=$2 file=$3 ref=$4; shift 5
  local log=$out/$pair.$run.time load same=-
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  if ! /usr/bin/time -v -o "$log" "$@" > "$out/$pair.$run.stdout" 2> "$out/$pair.$run.stderr"; then
    echo "FAILED: $pair $run (see $out/$pair.$run.stderr)" >&2; tail -5 "$out/$pair.$run.stderr" >&2
    return 1
  fi
  if [ "$ref" != - ]; then cmp -s "$file" "$ref" && same=yes || same=no; fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$pair" "$run" \
    "$(secs "$log")" "$(cpu "$log")" "$(rss "$log")" "$(stat -c %s "$file")" "$same" "$load" \
    | tee -a "$results"
}

# prepared PAIR SIDE: a copy of the tree with a precomplete (Debian's trees have none).
prepared() {
  local d; d=$(input_mar "$1" "$2"); d=${d%.complete.mar}.tree
  if [ ! -f "$d/precomplete" ]; then
    rm -rf "$d" "$d.tmp"; mkdir -p "$d.tmp"; cp -a "$data/$1/$2/." "$d.tmp"
    python3 "$oracle/tools/gen_precomplete.py" "$d.tmp" >/dev/null; mv "$d.tmp" "$d"
  fi
  echo "$d"
}

# input_mar PAIR SIDE: the cached complete MAR of that tree, named by version and build ID (the
# minor and major pairs share their new tree).
input_mar() {
  local ini=$data/$1/$2/application.ini
  echo "$cache/firefox-$(version "$data/$1/$2")-$(awk -F= '/^BuildID=/{print $2; exit}' "$ini").complete.mar"
}

version() { awk -F= '/^Version=/{print $2; exit}' "$1/application.ini"; }

mozilla_complete() { # OUT TREE VERSION
  env MAR="$oracle/bin/mar" BCJ_OPTIONS=--x86 MAR_CHANNEL_ID="$channel" MOZ_PRODUCT_VERSION="$3" \
    LC_ALL=C bash "$oracle/scripts/make_full_update.sh" "$1" "$2"
}

mozilla_partial() { # OLD.mar NEW.mar OUT VERSION WORKDIR: unwrap both, then run-partial.sh
  rm -rf "$5"; mkdir -p "$5"
  "$oracle/tools/unwrap_mar.sh" "$1" "$5/old" && "$oracle/tools/unwrap_mar.sh" "$2" "$5/new" \
    && RUN_PARTIAL_WORKDIR="$5" "$oracle/run-partial.sh" "$5/old" "$5/new" "$3" "$channel" "$4"
  local rc=$?; rm -rf "$5"; return $rc
}
export -f mozilla_partial mozilla_complete; export oracle channel

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a / b; else print "-" }'; }
col() { awk -F'\t' -v p="$1" -v r="$2" -v c="$3" '$2==p && $3==r {v=$c} END{print v}' "$results"; }

for pair in "${pairs[@]}"; do
  [ -d "$data/$pair/old" ] && [ -d "$data/$pair/new" ] || { echo "missing $data/$pair" >&2; exit 1; }
  for side in old new; do
    mar=$(input_mar "$pair" "$side")
    if [ ! -f "$mar" ] || [ "${SBZ_BENCH_COMPLETE:-0}" = 1 ]; then
      tree=$(prepared "$pair" "$side"); v=$(version "$tree")
      timed "$pair" "complete-$side-mozilla" "$mar.tmp" - -- bash -c 'mozilla_complete "$@"' _ "$mar.tmp" "$tree" "$v"
      mv "$mar.tmp" "$mar"; rm -rf "$tree.work"
    fi
    if [ "${SBZ_BENCH_COMPLETE:-0}" = 1 ]; then
      timed "$pair" "complete-$side-sbz-exact" "$out/$pair.$side.sbz-exact.mar" "$mar" -- \
        "$repo/scripts/sbz" complete "$tree" -o "$out/$pair.$side.sbz-exact.mar" -H "$channel" -V "$v" --single-block
      timed "$pair" "complete-$side-sbz-fast" "$out/$pair.$side.sbz-fast.mar" - -- \
        "$repo/scripts/sbz" complete "$tree" -o "$out/$pair.$side.sbz-fast.mar" -H "$channel" -V "$v"
      rm -f "$out/$pair.$side.sbz-exact.mar" "$out/$pair.$side.sbz-fast.mar"
    fi
  done
  [ "${SBZ_BENCH_PARTIALS:-1}" = 1 ] || continue
  old=$(input_mar "$pair" old) new=$(input_mar "$pair" new)
  vnew=$(version "$data/$pair/new")
  moz=$out/$pair.mozilla.partial.mar
  timed "$pair" partial-mozilla "$moz" - -- bash -c 'mozilla_partial "$@"' _ "$old" "$new" "$moz" "$vnew" "$out/work-$pair"
  for mode in $modes; do
    ref=-; [ "$mode" = exact ] && ref=$moz
    timed "$pair" "partial-sbz-$mode" "$out/$pair.$mode.partial.mar" "$ref" -- "$repo/scripts/sbz" partial \
      "$old" "$new" -o "$out/$pair.$mode.partial.mar" --"$mode" --json
  done

  echo "== $pair: sbz vs Mozilla's way (wall ratio = Mozilla's wall / sbz's; size vs Mozilla's)"
  mw=$(col "$pair" partial-mozilla 4) ms=$(col "$pair" partial-mozilla 7)
  for mode in $modes; do
    w=$(col "$pair" "partial-sbz-$mode" 4) s=$(col "$pair" "partial-sbz-$mode" 7)
    printf '  %-6s wall %7.1f s vs %7.1f s: %s x faster; CPU %s s vs %s s; peak RSS %s vs %s KiB; size %s (%+.3f %%), identical: %s\n' \
      "$mode" "$w" "$mw" "$(ratio "$mw" "$w")" "$(col "$pair" "partial-sbz-$mode" 5)" \
      "$(col "$pair" partial-mozilla 5)" "$(col "$pair" "partial-sbz-$mode" 6)" \
      "$(col "$pair" partial-mozilla 6)" "$s" "$(awk -v a="$s" -v b="$ms" 'BEGIN{print (a-b)*100/b}')" \
      "$(col "$pair" "partial-sbz-$mode" 8)"
  done
  for side in old new; do
    cw=$(col "$pair" "complete-$side-mozilla" 4)
    [ -n "$cw" ] || continue
    for m in exact fast; do
      w=$(col "$pair" "complete-$side-sbz-$m" 4)
      [ -n "$w" ] && printf '  complete %s %-5s %7.1f s vs make_full_update.sh %7.1f s: %s x; identical: %s\n' \
        "$side" "$m" "$w" "$cw" "$(ratio "$cw" "$w")" "$(col "$pair" "complete-$side-sbz-$m" 8)"
    done
  done
done
