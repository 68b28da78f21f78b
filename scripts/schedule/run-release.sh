#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# One scheduled run for a release: build the requests, run the job, check the run for failures.
#   scripts/schedule/run-release.sh --to RELEASE --from RELEASE [--from RELEASE]...
#       --storage-root URI [--conf FILE] [--allow-url-prefix P]... [--work DIR]
#       [--report FILE] [-- MORE sbz requests OPTIONS (e.g. --previous 3 --locale de,fr)]
# RELEASE is a directory <platform>/<locale>/<product>-<version>.complete.mar or a CSV/JSON
# manifest (see docs/scheduling.md). Paths already done in the results table are skipped.
# Exit status: 0 = all requests done; 3 = the run has failed requests (see the report);
# anything else = a step failed (its own message is on stderr).
# SBZ_CMD and SBZ_SUBMIT replace scripts/sbz and scripts/submit/local.sh (e.g. spark-submit
# wrappers on a cluster).
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
sbz=${SBZ_CMD:-$home/scripts/sbz}
submit=${SBZ_SUBMIT:-$home/scripts/submit/local.sh}

to="" root="" conf="" work="" report=""
froms=() allow=() extra=()
usage() { sed -n '3,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
need() { [ $# -ge 2 ] && [ -n "$2" ] || { echo "run-release: $1 needs a value" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --to) need "$@"; to=$2; shift 2 ;;
    --from) need "$@"; froms+=(--from "$2"); shift 2 ;;
    --storage-root) need "$@"; root=$2; shift 2 ;;
    --conf) need "$@"; conf=$2; shift 2 ;;
    --allow-url-prefix) need "$@"; allow+=(--allow-url-prefix "$2"); shift 2 ;;
    --work) need "$@"; work=$2; shift 2 ;;
    --report) need "$@"; report=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) usage ;;
    *) echo "run-release: unknown option $1" >&2; usage ;;
  esac
done
[ -n "$to" ] && [ ${#froms[@]} -gt 0 ] && [ -n "$root" ] || usage

stamp=$(date -u +%Y%m%dT%H%M%SZ)
work=${work:-$(mktemp -d "${TMPDIR:-/tmp}/sbz-run.XXXXXX")}
mkdir -p "$work"
report=${report:-$work/report-$stamp.html}
requests=$work/requests-$stamp.csv
table=(--storage-root "$root")
[ -n "$conf" ] && table+=(--conf "$conf")
log() { echo "run-release: $(date -u +%H:%M:%S) $*" >&2; }

log "1/3 building requests for $to -> $requests"
"$sbz" requests --to "$to" "${froms[@]}" --skip-done "${table[@]}" \
  --missing "$work/missing-$stamp.csv" -o "$requests" "${extra[@]}"

count=$(( $(wc -l < "$requests") - 1 ))
if [ "$count" -le 0 ]; then
  log "nothing to do: every update path is already done"
  exit 0
fi

log "2/3 running the job on $count request(s)"
# The job exits non-zero when any request failed; the run table below is the verdict.
"$submit" --requests "$requests" "${table[@]}" "${allow[@]}" \
  || log "the job exited with status $?; checking the run table"

log "3/3 checking the run table for failures (report: $report)"
status=0
"$sbz" report "${table[@]}" --fail-on-failures -o "$report" || status=$?
if [ "$status" -eq 3 ]; then
  log "FAILED requests in the latest run (or no run recorded); see $report"
elif [ "$status" -ne 0 ]; then
  log "the check itself failed (exit $status)"
else
  log "ok: no failed requests"
fi
exit "$status"
