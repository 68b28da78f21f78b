#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Benchmark (not a test): is the exact scan slower over the mapped new file than over a byte[]?
#   bench/mbdiff/scan.sh [-r SBZ_ROOT] PAIR ROUNDS [OFFSET_MIB LENGTH_MIB]
# Compiles bench/mbdiff/scan/ScanBench.java against SBZ_ROOT's built common classes (default: this
# checkout; build it first with `mvn -B -o -q -pl common package -DskipTests`), then in one JVM
# sorts the old libxul of PAIR (or the slice OFFSET..+LENGTH MiB of both files) once and scans the
# new one ROUNDS times each way, alternating, printing thread CPU times and the mapped / byte[]
# ratio per round. Both ways must give the same number of triples.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
root=$here
while getopts r: o; do
  case $o in
    r) root=$(cd "$OPTARG" && pwd) ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
pair=$1
shift
data=${SBZ_BENCH_DATA:-/work/bench-data/firefox-esr}
classes=$root/common/target/classes
out=$(mktemp -d /tmp/sbz-scanbench.XXXXXX)
javac -nowarn -d "$out" -cp "$classes" "$here/bench/mbdiff/scan/ScanBench.java"
java -Xmx3g -cp "$out:$classes" org.senbonzakura.mbdiff.ScanBench \
  "$data/$pair/old/libxul.so" "$data/$pair/new/libxul.so" "$@"
rm -rf "$out"
