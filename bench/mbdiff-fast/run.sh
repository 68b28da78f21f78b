#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Benchmark (not a test): sbz fast, sbz exact, Debian's bsdiff 4.3 and Mozilla's mbsdiff side by
# side on the Firefox ESR pairs (issue #15).
#
#   bench/mbdiff-fast/run.sh [-t "fast exact bsdiff mbsdiff"] [-p "minor major"]
#                            [-f "libxul.so omni.ja"] RESULTS.tsv
#
# Each run goes through /usr/bin/time -v (wall, user+sys CPU, peak RSS). sbz runs log their GC
# (-Xlog:gc) so the peak heap after GC is recorded too. The patch is compressed as the MAR stores
# it (xz -T1 --lzma2 --format=xz --check=crc64), and every MBDIFF10 patch (sbz and mbsdiff) is
# applied with Mozilla's bspatch and compared with the new file. One TSV row per run, with the
# 1-minute load average before and after.
# Inputs: ${SBZ_BENCH_DATA:-/root/.cache/sbz-firefox/firefox-esr}/{minor,major}/{old,new}/FILE.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
oracle=${SBZ_ORACLE:-$root/../shared/oracle/bin}
tools="fast exact bsdiff mbsdiff"
pairs="minor major"
files="libxul.so omni.ja"
while getopts "t:p:f:" o; do
  case $o in
    t) tools=$OPTARG ;;
    p) pairs=$OPTARG ;;
    f) files=$OPTARG ;;
    *) sed -n 3,14p "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
results=${1:?usage: run.sh [-t tools] [-p pairs] [-f files] RESULTS.tsv}
data=${SBZ_BENCH_DATA:-/root/.cache/sbz-firefox/firefox-esr}
work=${SBZ_BENCH_WORK:-$(mktemp -d /tmp/sbz-fast-bench.XXXXXX)}
heap=${SBZ_BENCH_HEAP:--Xmx4g}
[ -s "$results" ] || printf 'date\tpair\tfile\ttool\told_bytes\tnew_bytes\twall_s\tcpu_s\tpeak_rss_kb\tpeak_heap_mib\tpatch_bytes\txz_bytes\tbspatch_ok\tload_before\tload_after\tphases\n' >"$results"

field() { sed -n "s/^[[:space:]]*$1: //p" "$2"; }
secs() { awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }' <<<"$1"; }

for pair in $pairs; do
  for file in $files; do
    old=$data/$pair/old/$file
    new=$data/$pair/new/$file
    for tool in $tools; do
      out=$work/$pair-$file-$tool.patch
      log=$work/$pair-$file-$tool.log
      tv=$work/$pair-$file-$tool.time
      gc=$work/$pair-$file-$tool.gc
      rm -f "$gc"
      case $tool in
        fast | exact) cmd=(env "SBZ_HEAP=$heap -Xlog:gc:file=$gc" "$root/scripts/sbz" diff "$old" "$new" "$out" "--$tool" --verbose) ;;
        bsdiff) cmd=(bsdiff "$old" "$new" "$out") ;;
        mbsdiff) cmd=("$oracle/mbsdiff" "$old" "$new" "$out") ;;
        *) echo "unknown tool $tool" >&2; exit 2 ;;
      esac
      load0=$(cut -d' ' -f1 /proc/loadavg)
      echo "== $pair $file $tool (load $load0)" >&2
      /usr/bin/time -v -o "$tv" "${cmd[@]}" >"$log" 2>&1
      load1=$(cut -d' ' -f1 /proc/loadavg)
      wall=$(secs "$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$tv")")
      cpu=$(awk -v u="$(field 'User time (seconds)' "$tv")" -v s="$(field 'System time (seconds)' "$tv")" 'BEGIN{print u+s}')
      rss=$(field 'Maximum resident set size (kbytes)' "$tv")
      peak=-
      [ -s "$gc" ] && peak=$(grep -oE '[0-9]+M->[0-9]+M' "$gc" | sed 's/.*->//; s/M//' | sort -n | tail -1 || true)
      raw=$(stat -c %s "$out")
      xzb=-
      applies=n/a
      if [ "$tool" != bsdiff ]; then
        xzb=$(xz -T1 --lzma2 --format=xz --check=crc64 -c "$out" | wc -c)
        if "$oracle/bspatch" "$old" "$work/check" "$out" && cmp -s "$work/check" "$new"; then
          applies=yes
        else
          applies=NO
        fi
        rm -f "$work/check"
      fi
      phases=$(grep -E 'suffix sort|k-gram index|scan:' "$log" | sed 's/^sbz diff: //' | paste -sd';' - || true)
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$(date -u +%FT%TZ)" "$pair" "$file" "$tool" "$(stat -c %s "$old")" "$(stat -c %s "$new")" \
        "$wall" "$cpu" "$rss" "$peak" "$raw" "$xzb" "$applies" "$load0" "$load1" "$phases" >>"$results"
      tail -1 "$results" >&2
      rm -f "$out"
    done
  done
done
