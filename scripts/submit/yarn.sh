#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# yarn.sh: run the sbz partials job on Hadoop YARN (template; needs a Spark install).
#
#   scripts/submit/yarn.sh --requests PATH [options]
#
#   --queue NAME              YARN queue (default: default)
#   --num-executors N         static executor count; leave out for dynamic allocation
#   --executor-overhead SIZE  spark.executor.memoryOverhead: native/off-heap room beyond the heap
#   --deploy-mode cluster     (default here): the driver runs in the YARN application master
#   plus the common options of scripts/submit/common.sh.
#
# Needs SPARK_HOME (or spark-submit on PATH) and HADOOP_CONF_DIR/YARN_CONF_DIR pointing at the
# cluster's configuration. Config and signing keys go with --files into the containers' working
# directories (YARN localizes them readable by the application user only); the job receives the
# config by its base name. Dynamic allocation needs the external shuffle service on the
# NodeManagers (spark.shuffle.service.enabled=true).
#
# Example:
#   HADOOP_CONF_DIR=/etc/hadoop/conf scripts/submit/yarn.sh --queue releng \
#     --requests s3a://rel/requests.parquet --storage-root s3a://sbz-prod/store \
#     --conf conf/prod.conf --signing-key /secure/mar-signing.pem \
#     --executor-memory 6g --executor-cores 2 --executor-overhead 2g
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SBZ_DEPLOY_MODE=cluster
queue=default
num_executors=""
overhead=""
sbz_script_option() {
  case "$1" in
    --queue) queue=${2:?}; return 0 ;;
    --num-executors) num_executors=${2:?}; return 0 ;;
    --executor-overhead) overhead=${2:?}; return 0 ;;
  esac
  return 1
}
sbz_parse_common "$@"
if [ "$SBZ_DRY_RUN" = 1 ] && ! command -v spark-submit >/dev/null && [ -z "${SPARK_HOME:-}" ]; then
  SBZ_SUBMIT=(spark-submit) # a dry run only prints the line
else
  sbz_spark_submit
fi
extra=(--queue "$queue")
if [ -n "$num_executors" ]; then
  extra+=(--num-executors "$num_executors")
else
  extra+=(--conf spark.dynamicAllocation.enabled=true --conf spark.shuffle.service.enabled=true)
fi
[ -z "$overhead" ] || extra+=(--conf "spark.executor.memoryOverhead=$overhead")
sbz_build_line yarn "${extra[@]}"
sbz_run_line
