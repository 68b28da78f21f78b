#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Benchmark of the Spark pipeline (issues #5 and #6) on real Firefox builds with locale variants.
#
#   bench/pipeline/run.sh prepare                 locale trees, complete MARs, request files
#   bench/pipeline/run.sh run NAME REQUESTS [submit args...]
#                                                 one timed job run on the shared storage root
#   bench/pipeline/run.sh stats                   the run table (scripts/sbz results --runs)
#
# A locale variant is the pair's old/new tree with Debian's langpack for that locale copied on
# top (../shared/bench/get-debian-builds.sh DEST firefox-esr LOCALE...). `prepare` builds, for
# every locale found under $DATA/locales, both complete MARs with `sbz complete --reuse` from the
# en-US base MARs (so libxul is compressed once, not 2 x 20 times; the base MARs are built with
# plain `sbz complete` if missing), then writes requests-cold.csv (the first 10 locales) and
# requests-warm.csv (the next 10). Env:
#   SBZ_BENCH_DATA  default /work/bench-data/firefox-esr/minor
#   SBZ_BENCH_OUT   default /tmp/sbz-bench-pipeline (trees, MARs, storage root, logs)
#   SBZ_BENCH_ROOT  storage root, default $SBZ_BENCH_OUT/store (may be s3a://...)
#   SBZ_SUBMIT      submit script, default scripts/submit/local.sh
# `run` appends a row (name, wall, CPU, peak RSS of the driver process tree, load) to
# $SBZ_BENCH_OUT/results.tsv. Build first: mvn -B -q -DskipTests package.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
data=${SBZ_BENCH_DATA:-/work/bench-data/firefox-esr/minor}
out=${SBZ_BENCH_OUT:-/tmp/sbz-bench-pipeline}
root=${SBZ_BENCH_ROOT:-$out/store}
submit=${SBZ_SUBMIT:-$repo/scripts/submit/local.sh}
mkdir -p "$out"
results=$out/results.tsv

version() { awk -F= '/^Version=/{print $2; exit}' "$1/application.ini"; }

prepare() {
  local vold vnew loc side tree mar base
  vold=$(version "$data/old") vnew=$(version "$data/new")
  mkdir -p "$out/mars" "$out/trees"
  for side in old new; do
    base=$out/mars/base-$side.mar
    local v=$vold; [ $side = new ] && v=$vnew
    [ -s "$base" ] || "$repo/scripts/sbz" complete "$data/$side" -o "$base" \
      -H firefox-mozilla-esr -V "$v" --write-precomplete
    for loc in $(ls "$data/locales"); do
      mar=$out/mars/$loc-$side.mar
      [ -s "$mar" ] && continue
      tree=$out/trees/$loc-$side
      rm -rf "$tree"
      cp -al "$data/$side" "$tree"                       # hard links: no copy of 290 MB
      cp -r --remove-destination "$data/locales/$loc/$side/." "$tree/"
      "$repo/scripts/sbz" complete "$tree" -o "$mar" -H firefox-mozilla-esr -V "$v" \
        --write-precomplete --reuse "$base"
      rm -rf "$tree"
    done
  done
  local header='product,platform,locale,from_version,to_version,from_url,to_url,from_sha512,to_sha512'
  local all=($(ls "$data/locales"))
  write_requests "$out/requests-cold.csv" "$vold" "$vnew" "${all[@]:0:10}"
  write_requests "$out/requests-warm.csv" "$vold" "$vnew" "${all[@]:10:10}"
  echo "prepared ${#all[@]} locales; requests in $out/requests-{cold,warm}.csv" >&2
}

write_requests() { # FILE VOLD VNEW LOCALE...
  local file=$1 vold=$2 vnew=$3 loc; shift 3
  echo 'product,platform,locale,from_version,to_version,from_url,to_url,from_sha512,to_sha512' > "$file"
  for loc in "$@"; do
    local o=$out/mars/$loc-old.mar n=$out/mars/$loc-new.mar
    printf 'firefox-esr,linux-x86_64,%s,%s,%s,file:%s,file:%s,%s,%s\n' "$loc" "$vold" "$vnew" \
      "$o" "$n" "$(sha512sum < "$o" | cut -d' ' -f1)" "$(sha512sum < "$n" | cut -d' ' -f1)" >> "$file"
  done
}

run() { # NAME REQUESTS [submit args...]
  local name=$1 requests=$2; shift 2
  [ -f "$results" ] || printf 'name\trequests\twall_s\tuser_s\tsys_s\tmax_rss_kb\tloadavg_before\tloadavg_after\n' > "$results"
  local load0 log=$out/$name.time
  load0=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -v -o "$log" "$submit" --requests "$requests" --storage-root "$root" \
    --allow-url-prefix "file:$out/mars/" "$@" > "$out/$name.log" 2>&1 \
    || { tail -20 "$out/$name.log"; exit 1; }
  local wall user sys rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  user=$(awk -F': ' '/User time/{print $2}' "$log")
  sys=$(awk -F': ' '/System time/{print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident/{print $2}' "$log")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$(($(wc -l < "$requests") - 1))" "$wall" \
    "$user" "$sys" "$rss" "$load0" "$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results"
  tail -25 "$out/$name.log"
}

case ${1:-} in
  prepare) prepare ;;
  run) shift; run "$@" ;;
  stats) "$repo/scripts/sbz" results --storage-root "$root" --runs ;;
  *) sed -n 3,22p "$0"; exit 2 ;;
esac
