#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Benchmark (not a test): does `sbz diff` finish under a heap cap, and what does it really use?
#   bench/mbdiff/mem.sh [-r SBZ_ROOT] [-l LABEL] PAIR MODE FACTOR RESULTS.tsv
# PAIR is minor|major, MODE exact|fast, FACTOR the -Xmx cap as a multiple of the old libxul's
# size (rounded down to whole MiB, so the cap never exceeds FACTOR x old). SBZ_ROOT (default:
# this checkout) is the built tree whose scripts/sbz runs, so a pre-change build in another
# worktree can be measured in the same session. One TSV row is appended: completed or not, peak
# heap after GC (max over the unified GC log's "A->B(C)" lines), peak RSS (/usr/bin/time -v),
# wall and CPU time, the patch's sha256 (first 16 hex digits) and its xz size as the MAR stores it
# (only on success; cached per sha in the work directory, SBZ_BENCH_WORK, so reruns skip xz), and
# the heap in use at exit (young + old generation, from -Xlog:gc+heap+exit): a run that never
# collected (exact mode with the old file mapped allocates little besides its suffix array) has no
# "after GC" figure, and then nothing was ever freed, so the heap at exit bounds its peak from above.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
root=$here
label=
while getopts r:l: o; do
  case $o in
    r) root=$(cd "$OPTARG" && pwd) ;;
    l) label=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
pair=$1 mode=$2 factor=$3 results=$4
data=${SBZ_BENCH_DATA:-/work/bench-data/firefox-esr}
old=$data/$pair/old/libxul.so
new=$data/$pair/new/libxul.so
work=${SBZ_BENCH_WORK:-$(mktemp -d /tmp/sbz-mem.XXXXXX)}
oldb=$(stat -c %s "$old")
xmx_mib=$(awk -v b="$oldb" -v f="$factor" 'BEGIN{printf "%d", b*f/1048576}')
tag=$pair-$mode-$factor${label:+-$label}
gclog=$work/$tag.gc.log
patch=$work/$tag.patch
[ -s "$results" ] || printf 'date\tlabel\tpair\tmode\told_bytes\tfactor\txmx_mib\tcompleted\tpeak_heap_after_gc_mib\tpeak_rss_kib\twall_s\tcpu_s\tpatch_sha256\txz_bytes\tload_before\tload_after\tphases\theap_at_exit_mib\n' >"$results"
load0=$(cut -d' ' -f1 /proc/loadavg)
set +e
# The cap is measured under G1 in fast mode: fast mode's heap (old file + k-gram table, ~2.8 x
# old) fits 3 x old as G1 regions, not in the launcher's parallel collector's old generation
# (cap - 128 MiB young); exact mode keeps the launcher's collector (its 4 n suffix array needs the
# compaction). SBZ_GC overrides both.
gc=${SBZ_GC:-}
[ -n "$gc" ] || { [ "$mode" = fast ] && gc=-XX:+UseG1GC || gc="-XX:+UseParallelGC -Xmn128m"; }
SBZ_GC="$gc" SBZ_HEAP="-Xmx${xmx_mib}m -Xlog:gc,gc+heap+exit:file=$gclog" /usr/bin/time -v -o "$work/$tag.time" \
  "$root/scripts/sbz" diff "$old" "$new" "$patch" "--$mode" --verbose >"$work/$tag.log" 2>&1
rc=$?
set -e
load1=$(cut -d' ' -f1 /proc/loadavg)
field() { grep -F "$1" "$2" | sed 's/.*: //'; }
secs() { awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }' <<<"$1"; }
wall=$(secs "$(field 'Elapsed (wall clock) time' "$work/$tag.time")")
cpu=$(awk -v u="$(field 'User time (seconds)' "$work/$tag.time")" \
  -v s="$(field 'System time (seconds)' "$work/$tag.time")" 'BEGIN{print u+s}')
rss=$(field 'Maximum resident set size (kbytes)' "$work/$tag.time")
peak=$(grep -oE '[0-9]+M->[0-9]+M' "$gclog" | sed 's/.*->//; s/M//' | sort -n | tail -1 || true)
# The exit summary's generations ("PSYoungGen total 116736K, used 8020K", "ParOldGen ...", G1's
# "garbage-first heap ..."), not Metaspace.
atexit=$(grep -F 'gc,heap,exit' "$gclog" | grep -E 'PSYoungGen|ParOldGen|PSOldGen|def new|tenured|garbage-first heap' |
  grep -oE 'used [0-9]+K' | awk '{ s += $2 } END { if (NR) printf "%d", s / 1024 }' || true)
if [ $rc -eq 0 ]; then
  done=yes
  sha=$(sha256sum "$patch" | cut -c1-16)
  # The same patch bytes (same sha) compress the same: reuse an earlier row's xz size.
  if [ -s "$work/xz.$sha" ]; then
    xzb=$(cat "$work/xz.$sha")
  else
    xzb=$(xz -T1 --lzma2 --format=xz --check=crc64 -c "$patch" | wc -c)
    echo "$xzb" >"$work/xz.$sha"
  fi
else
  done="no (exit $rc: $(grep -m1 -oE 'OutOfMemoryError[^"]*|MbDiffException.*' "$work/$tag.log" || echo see log))"
  sha=- xzb=-
fi
rm -f "$patch"
phases=$(grep -E 'suffix sort|scan:|write:' "$work/$tag.log" | sed 's/^sbz diff: //' | paste -sd';' - || true)
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
  "$(date -u +%FT%TZ)" "${label:--}" "$pair" "$mode" "$oldb" "$factor" "$xmx_mib" "$done" \
  "${peak:--}" "$rss" "$wall" "$cpu" "$sha" "$xzb" "$load0" "$load1" "$phases" "${atexit:--}" >>"$results"
tail -1 "$results"
