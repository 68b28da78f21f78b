#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Runs the partials job in Spark local mode from the built jars (no Spark install needed).
#   scripts/submit/local.sh --requests PATH [--storage-root URI] [--allow-url-prefix P]...
#                           [--conf FILE] [--format F] [--spark-conf KEY=VALUE]...
#                           [--verbose]
# --spark-conf settings go to Spark (as spark.* system properties; they win over the config).
# SBZ_HEAP sets the driver heap (default -Xmx6g); local mode runs the executors in that JVM.
# SBZ_CLASSPATH replaces the built jars' classpath (as in common.sh), e.g. for tests.
# The JVM's JIT and Spark's code: C2 with the job's thresholds and generated code, or for a small
# run C1 alone and interpreted plans (sbz_run_tuning in scripts/java-opts.sh: a CSV of local
# complete MARs of at most 16 MiB together); SBZ_JIT=c2 or c1 chooses the JIT, SBZ_CODEGEN=1 keeps
# generated code.
# Logs (conf/log4j2.properties) go to stderr: INFO for sbz's stages, WARN for Spark; --verbose or
# SBZ_DEBUG=1 adds detail (DEBUG for sbz, INFO for Spark). The run summary is on stdout.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../java-opts.sh"
. "$(dirname "${BASH_SOURCE[0]}")/../log-opts.sh"
heap=${SBZ_HEAP:--Xmx6g}
props=()
args=()
requests=
while [ $# -gt 0 ]; do
  case "$1" in
    --spark-conf)
      [ $# -ge 2 ] || { echo "local.sh: --spark-conf needs KEY=VALUE" >&2; exit 2; }
      case "$2" in *=*) ;; *) echo "local.sh: --spark-conf needs KEY=VALUE, got '$2'" >&2; exit 2 ;; esac
      props+=("-D$2"); shift 2 ;;
    --spark-conf=*) props+=("-D${1#--spark-conf=}"); shift ;;
    --verbose) sbz_log_verbose; shift ;;
    --requests) requests=${2:-}; args+=("${@:1:2}"); shift $(($# >= 2 ? 2 : 1)) ;;
    --requests=*) requests=${1#--requests=}; args+=("$1"); shift ;;
    *) args+=("$1"); shift ;;
  esac
done
cp=${SBZ_CLASSPATH:-$(sbz_classpath jobs)}
sbz_log_opts
local_conf=()
[ -f "$SBZ_HOME/conf/local.conf" ] && local_conf=("-Dsbz.local-conf=$SBZ_HOME/conf/local.conf")
sbz_cds jobs dump
sbz_run_tuning "$requests"
[ -z "$SBZ_RUN_TUNING_WHY" ] || echo "local.sh: $SBZ_RUN_TUNING_WHY" >&2
sbz_exec_java "$SBZ_JAVA" $heap "${SBZ_MEMORY_OPTS[@]}" "${SBZ_RUN_JIT_OPTS[@]}" "${SBZ_CDS_OPTS[@]}" \
  "${SBZ_SPARK_OPENS[@]}" "${SBZ_LOG_OPTS[@]}" "${local_conf[@]}" "${SBZ_RUN_SPARK_PROPS[@]}" "${props[@]}" \
  -cp "$cp" org.senbonzakura.jobs.cli.JobsCli run "${args[@]}"
