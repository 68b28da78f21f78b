#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# standalone.sh: run the sbz partials job on a Spark standalone cluster.
#
#   scripts/submit/standalone.sh --master spark://HOST:7077 --requests PATH [options]
#
#   --master URL   the standalone master (default: $SBZ_MASTER_URL, as written by
#                  scripts/cluster/start.sh into target/sbz-cluster/cluster.env)
#   --total-executor-cores N   cap on the cores the job takes from the cluster
#   plus the common options of scripts/submit/common.sh (--requests, --storage-root, --conf,
#   --spark-conf KEY=VALUE..., --signing-key, --executor-memory, --dry-run, ...).
#
# With no Spark installed, the driver runs from the built jars (java ... SparkSubmit) in client
# mode; executors then need the jobs jars on their hosts (scripts/cluster/start.sh links them
# into its workers' SPARK_HOME/jars) or --spark-conf spark.executor.extraClassPath=...
#
# Example (S3 via S3A):
#   scripts/submit/standalone.sh --master spark://10.0.0.5:7077 --requests s3a://rel/requests.csv \
#     --storage-root s3a://sbz-prod/store --executor-memory 6g --executor-cores 2 \
#     --spark-conf spark.hadoop.fs.s3a.endpoint=https://s3.eu-central-1.amazonaws.com
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

master=${SBZ_MASTER_URL:-}
total_cores=""
cluster_env="$SBZ_HOME/target/sbz-cluster/cluster.env"
if [ -z "$master" ] && [ -f "$cluster_env" ]; then
  master=$(sed -n 's/^SBZ_MASTER_URL=//p' "$cluster_env")
fi
sbz_script_option() {
  case "$1" in
    --master) master=${2:?--master needs a URL}; return 0 ;;
    --total-executor-cores) total_cores=${2:?}; return 0 ;;
  esac
  return 1
}
sbz_parse_common "$@"
# the workers run from the same checkout (as scripts/cluster starts them): the file is theirs too
SBZ_EXECUTOR_LOG_CONF=${SBZ_EXECUTOR_LOG_CONF:-$SBZ_LOG_CONF}
[[ "$master" == spark://* ]] || sbz_die "--master spark://HOST:PORT is required"

sbz_spark_submit allow-java
extra=()
[ -z "$total_cores" ] || extra+=(--total-executor-cores "$total_cores")
sbz_build_line "$master" "${extra[@]}"
sbz_run_line
