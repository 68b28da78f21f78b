#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Benchmark (not a test): sbz exact, sbz fast, Debian's bsdiff 4.3 and Mozilla's mbsdiff on the
# Firefox ESR pairs.
#
#   bench/mbdiff/run.sh [-t "bsdiff mbsdiff exact fast"] [-p "minor major"] [-f "libxul.so omni.ja"] [-r N] RESULTS.tsv
#
# -r N runs the tools N times in turn on each file (A B A B ...), so that two builds, e.g.
# "exact-base exact", meet the same drift of a shared machine; only the first round compresses and
# applies the patches (later rounds record "-" there: the sha-256 still shows the same bytes).
#
# Tools: bsdiff (Debian 4.3), mbsdiff (Mozilla's, ${SBZ_MBSDIFF:-ROOT/../shared/oracle/bin/mbsdiff}),
# exact and fast (this checkout's scripts/sbz), exact-base (`sbz diff --exact` of another built
# checkout, $SBZ_BASE_ROOT, e.g. a `git worktree` of an older commit: old vs new exact side by side).
#
# Each run goes through /usr/bin/time -v (wall, user+sys CPU, peak RSS); the patch is then
# compressed as the MAR stores it (xz -T1 --lzma2 --format=xz --check=crc64, preset 6) and
# sbz patches are applied back with `sbz patch` and compared with the new file. The raw patch's
# sha-256 is recorded, so exact patches can be checked against mbsdiff's. One TSV row per
# run is appended to RESULTS.tsv, with the 1-minute load average before and after (the machine
# is shared). bench/mbdiff/table.py RESULTS.tsv renders the markdown table.
# Inputs: ${SBZ_BENCH_DATA:-/work/bench-data/firefox-esr}/{minor,major}/{old,new}/FILE
# (from ../shared/bench/get-debian-builds.sh). Needs: bsdiff, xz, /usr/bin/time (package time).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tools="bsdiff exact fast"
pairs="minor major"
files="libxul.so omni.ja"
rounds=1
while getopts "t:p:f:r:" o; do
  case $o in
    t) tools=$OPTARG ;;
    p) pairs=$OPTARG ;;
    f) files=$OPTARG ;;
    r) rounds=$OPTARG ;;
    *) sed -n 3,22p "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
results=${1:?usage: run.sh [-t tools] [-p pairs] [-f files] [-r rounds] RESULTS.tsv}
data=${SBZ_BENCH_DATA:-/work/bench-data/firefox-esr}
work=${SBZ_BENCH_WORK:-$(mktemp -d /tmp/sbz-bench.XXXXXX)}
nice=${SBZ_BENCH_NICE:-10}
export SBZ_HEAP=${SBZ_HEAP:--Xmx4g}
mbsdiff=${SBZ_MBSDIFF:-$root/../shared/oracle/bin/mbsdiff}
[ -s "$results" ] || printf 'date\tpair\tfile\ttool\told_bytes\tnew_bytes\twall_s\tcpu_s\tpeak_rss_kb\tpatch_bytes\txz_bytes\tverified\tload_before\tload_after\tphases\tpatch_sha256\n' > "$results"

field() { sed -n "s/^[[:space:]]*$1: //p" "$2"; }
secs() { # h:mm:ss or m:ss.cc -> seconds
  awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }' <<<"$1"
}

for pair in $pairs; do
  for file in $files; do
    old=$data/$pair/old/$file
    new=$data/$pair/new/$file
    for round in $(seq 1 "$rounds"); do
      for tool in $tools; do
        out=$work/$pair-$file-$tool.patch
        log=$work/$pair-$file-$tool.log
        tv=$work/$pair-$file-$tool.time
        case $tool in
          bsdiff) cmd=(bsdiff "$old" "$new" "$out") ;;
          mbsdiff) cmd=("$mbsdiff" "$old" "$new" "$out") ;;
          exact-base) cmd=("${SBZ_BASE_ROOT:?exact-base needs SBZ_BASE_ROOT}/scripts/sbz" diff "$old" "$new" "$out" --exact --verbose) ;;
          exact) cmd=("$root/scripts/sbz" diff "$old" "$new" "$out" --exact --verbose) ;;
          fast) cmd=("$root/scripts/sbz" diff "$old" "$new" "$out" --fast --verbose) ;;
          *) echo "unknown tool $tool" >&2; exit 2 ;;
        esac
        load0=$(cut -d' ' -f1 /proc/loadavg)
        echo "== $pair $file $tool (load $load0)" >&2
        /usr/bin/time -v -o "$tv" nice -n "$nice" "${cmd[@]}" >"$log" 2>&1
        load1=$(cut -d' ' -f1 /proc/loadavg)
        wall=$(secs "$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$tv")")
        cpu=$(awk -v u="$(field 'User time (seconds)' "$tv")" -v s="$(field 'System time (seconds)' "$tv")" 'BEGIN{print u+s}')
        rss=$(field 'Maximum resident set size (kbytes)' "$tv")
        raw=$(stat -c %s "$out")
        xzb=-
        verified=-
        sha=$(sha256sum "$out" | cut -d' ' -f1)
        [ "$round" -gt 1 ] || xzb=$(nice -n "$nice" xz -T1 --lzma2 --format=xz --check=crc64 -c "$out" | wc -c)
        [ "$round" -gt 1 ] || verified=n/a
        if [ "$round" = 1 ] && [ "$tool" != bsdiff ] && [ "$tool" != mbsdiff ]; then
          if nice -n "$nice" "$root/scripts/sbz" patch "$old" "$out" "$work/check" && cmp -s "$work/check" "$new"; then
            verified=yes
          else
            verified=NO
          fi
          rm -f "$work/check"
        fi
        phases=$(grep -E 'suffix sort|scan:' "$log" | sed 's/^sbz diff: //' | paste -sd';' - || true)
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
          "$(date -u +%FT%TZ)" "$pair" "$file" "$tool" "$(stat -c %s "$old")" "$(stat -c %s "$new")" \
          "$wall" "$cpu" "$rss" "$raw" "$xzb" "$verified" "$load0" "$load1" "$phases" "$sha" >> "$results"
        tail -1 "$results" >&2
        rm -f "$out"
      done
    done
  done
done
