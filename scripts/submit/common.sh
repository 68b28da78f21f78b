# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Shared by scripts/submit/{standalone,yarn,k8s}.sh: option parsing, Spark settings from the sbz
# config, shipping of config and signing keys, and the spark-submit line. Sourced, not run.
#
# Common options (every submit script):
#   --requests PATH          requests table (CSV/JSON/Parquet/Delta; local path or URI)   [required]
#   --storage-root URI       storage root (file:/..., s3a://bucket/prefix)                 [config]
#   --conf FILE              sbz config file (HOCON); shipped with --files; its sbz.spark.conf
#                            entries go on the spark-submit line too, because some must be known
#                            before the driver starts (e.g. "spark.executor.memory" = 6g)
#   --spark-conf KEY=VALUE   a Spark setting, repeatable; wins over the config file
#                            (e.g. --spark-conf spark.hadoop.fs.s3a.endpoint=https://s3.example)
#   --signing-key FILE       a MAR signing key, repeatable; shipped with --files (see docs)
#   --allow-url-prefix P     passed to the job, repeatable
#   --executor-memory SIZE   --executor-cores N   --driver-memory SIZE
#   --main-class CLASS       the job's main class (default $SBZ_PIPELINE_MAIN)
#   --app-jar PATH           the application jar (default: the built jobs jar)
#   --name NAME              Spark application name (default sbz-partials)
#   --verbose                detailed logs (as SBZ_DEBUG=1): DEBUG for sbz, INFO for Spark
#   --dry-run                print the spark-submit line instead of running it
#   -- ARGS...               passed to the job unchanged
#
# Environment: SPARK_HOME or spark-submit on PATH; SBZ_CLASSPATH overrides the jobs classpath
# used by the plain-java fallback (standalone.sh only). Logging: conf/log4j2.properties (or
# SBZ_LOG_CONF) travels with --files and is named by the driver's and executors' Java options;
# a script whose executors see this machine's files (standalone.sh) names it by its absolute path
# (SBZ_EXECUTOR_LOG_CONF), the others by the base name --files gives it in their working directory.

. "$(dirname "${BASH_SOURCE[0]}")/../java-opts.sh"
. "$(dirname "${BASH_SOURCE[0]}")/../log-opts.sh"

SBZ_PIPELINE_MAIN=${SBZ_PIPELINE_MAIN:-org.senbonzakura.jobs.cli.JobsCli}
# the job's first argument: the JobsCli subcommand that runs the pipeline (empty for other mains)
SBZ_PIPELINE_COMMAND=${SBZ_PIPELINE_COMMAND-run}

sbz_die() {
  echo "$(basename "$0"): $*" >&2
  exit 2
}

# Defaults; the scripts may change them before sbz_parse_common.
SBZ_REQUESTS=""
SBZ_STORAGE_ROOT=""
SBZ_CONF_FILE=""
SBZ_SPARK_CONFS=()
SBZ_SIGNING_KEYS=()
SBZ_ALLOW_PREFIXES=()
SBZ_APP_ARGS=()
SBZ_MAIN_CLASS=""
SBZ_APP_JAR=""
SBZ_APP_NAME="sbz-partials"
SBZ_DEPLOY_MODE="client"
SBZ_EXECUTOR_MEMORY=""
SBZ_EXECUTOR_CORES=""
SBZ_DRIVER_MEMORY=""
SBZ_DRY_RUN=0

# sbz_parse_common "$@": parses the common options. A script handles its own options by defining
# sbz_script_option NAME VALUE, which returns 0 when it took NAME (with VALUE), 1 otherwise.
sbz_parse_common() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --requests) SBZ_REQUESTS=${2:?--requests needs a path}; shift 2 ;;
      --storage-root) SBZ_STORAGE_ROOT=${2:?--storage-root needs a URI}; shift 2 ;;
      --conf) SBZ_CONF_FILE=${2:?--conf needs a file}; shift 2 ;;
      --spark-conf)
        [[ "${2:-}" == *=* ]] || sbz_die "--spark-conf needs KEY=VALUE, got '${2:-}'"
        SBZ_SPARK_CONFS+=("$2"); shift 2 ;;
      --signing-key) SBZ_SIGNING_KEYS+=("${2:?--signing-key needs a file}"); shift 2 ;;
      --allow-url-prefix) SBZ_ALLOW_PREFIXES+=("${2:?--allow-url-prefix needs a prefix}"); shift 2 ;;
      --executor-memory) SBZ_EXECUTOR_MEMORY=${2:?}; shift 2 ;;
      --executor-cores) SBZ_EXECUTOR_CORES=${2:?}; shift 2 ;;
      --driver-memory) SBZ_DRIVER_MEMORY=${2:?}; shift 2 ;;
      --main-class) SBZ_MAIN_CLASS=${2:?}; shift 2 ;;
      --app-jar) SBZ_APP_JAR=${2:?}; shift 2 ;;
      --name) SBZ_APP_NAME=${2:?}; shift 2 ;;
      --deploy-mode) SBZ_DEPLOY_MODE=${2:?}; shift 2 ;;
      --dry-run) SBZ_DRY_RUN=1; shift ;;
      --verbose) sbz_log_verbose; shift ;;
      --) shift; SBZ_APP_ARGS+=("$@"); break ;;
      -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
      *)
        if declare -F sbz_script_option >/dev/null && sbz_script_option "$1" "${2:-}"; then
          shift 2
        else
          sbz_die "unknown option '$1' (see --help)"
        fi ;;
    esac
  done
  [ -n "$SBZ_REQUESTS" ] || sbz_die "--requests PATH is required"
  [ -z "$SBZ_CONF_FILE" ] || [ -f "$SBZ_CONF_FILE" ] || sbz_die "config file not found: $SBZ_CONF_FILE"
  local k
  for k in "${SBZ_SIGNING_KEYS[@]}"; do
    [ -f "$k" ] || sbz_die "signing key not found: $k"
  done
  case "$SBZ_DEPLOY_MODE" in client|cluster) ;; *) sbz_die "--deploy-mode is client or cluster" ;; esac
  if [ -z "$SBZ_MAIN_CLASS" ]; then
    SBZ_MAIN_CLASS=$SBZ_PIPELINE_MAIN
  else
    SBZ_PIPELINE_COMMAND="" # another main class takes the job's options directly
  fi
}

# The classpath of the jobs module (built jars, or SBZ_CLASSPATH).
sbz_jobs_classpath() {
  if [ -n "${SBZ_CLASSPATH:-}" ]; then echo "$SBZ_CLASSPATH"; else sbz_classpath jobs; fi
}

# sbz_config_spark_settings FILE: the sbz.spark.conf entries of the config as KEY=VALUE lines.
sbz_config_spark_settings() {
  local file=$1 cfgjar
  cfgjar=$(tr ':' '\n' <<<"$(sbz_jobs_classpath)" | grep -m1 '/config-[0-9.]*\.jar$' || true)
  if [ -z "$cfgjar" ]; then
    cfgjar=$(ls "$SBZ_HOME"/jobs/target/lib/config-*.jar 2>/dev/null | head -1)
  fi
  [ -n "$cfgjar" ] || sbz_die "Typesafe Config jar not found; build first (mvn -DskipTests package)"
  "$SBZ_JAVA" -cp "$cfgjar" "$SBZ_HOME/scripts/submit/SparkConfFromConfig.java" "$file" \
    "${SBZ_SPARK_CONF_PATH:-sbz.spark.conf}"
}

# sbz_spark_submit [allow-java]: sets the array SBZ_SUBMIT to the spark-submit command. With
# allow-java and no Spark install, runs org.apache.spark.deploy.SparkSubmit from the built jars.
sbz_spark_submit() {
  if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
    SBZ_SUBMIT=("$SPARK_HOME/bin/spark-submit")
  elif command -v spark-submit >/dev/null 2>&1; then
    SBZ_SUBMIT=(spark-submit)
  elif [ "${1:-}" = allow-java ]; then
    local cp
    cp=$(sbz_jobs_classpath) || exit 1
    sbz_log_opts # in client mode this JVM is the driver
    SBZ_SUBMIT=("$SBZ_JAVA" ${SBZ_DRIVER_MEMORY:+-Xmx$SBZ_DRIVER_MEMORY} "${SBZ_MEMORY_OPTS[@]}" "${SBZ_JIT_OPTS[@]}" "${SBZ_SPARK_OPENS[@]}"
      "${SBZ_LOG_OPTS[@]}" -cp "$cp" org.apache.spark.deploy.SparkSubmit)
    SBZ_USING_JAVA_SUBMIT=1
  else
    sbz_die "no Spark: set SPARK_HOME or put spark-submit on PATH"
  fi
}

# sbz_build_line MASTER [EXTRA spark-submit OPTIONS...]: sets the array SBZ_LINE.
sbz_build_line() {
  local master=$1; shift
  local files=() f app_conf="" kv
  SBZ_LINE=("${SBZ_SUBMIT[@]}" --master "$master" --deploy-mode "$SBZ_DEPLOY_MODE"
    --name "$SBZ_APP_NAME" --class "$SBZ_MAIN_CLASS")
  # Config and signing keys travel with --files: in cluster mode the driver finds them by their
  # base name in its working directory; in client mode the driver reads the local path.
  if [ -n "$SBZ_CONF_FILE" ]; then
    files+=("$(cd "$(dirname "$SBZ_CONF_FILE")" && pwd)/$(basename "$SBZ_CONF_FILE")")
    if [ "$SBZ_DEPLOY_MODE" = cluster ]; then app_conf=$(basename "$SBZ_CONF_FILE"); else app_conf=${files[0]}; fi
  fi
  for f in "${SBZ_SIGNING_KEYS[@]}"; do
    files+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
  done
  [ -f "$SBZ_LOG_CONF" ] || sbz_die "log configuration not found: $SBZ_LOG_CONF"
  local log_conf driver_log
  log_conf="$(cd "$(dirname "$SBZ_LOG_CONF")" && pwd)/$(basename "$SBZ_LOG_CONF")"
  files+=("$log_conf")
  driver_log=$log_conf
  [ "$SBZ_DEPLOY_MODE" = client ] || driver_log=$(basename "$log_conf")
  sbz_log_opts "$driver_log"
  local driver_log_opts=("${SBZ_LOG_OPTS[@]}")
  sbz_log_opts "${SBZ_EXECUTOR_LOG_CONF:-$(basename "$log_conf")}"
  local executor_log_opts=("${SBZ_LOG_OPTS[@]}")
  if [ ${#files[@]} -gt 0 ]; then
    SBZ_LINE+=(--files "$(IFS=,; echo "${files[*]}")")
  fi
  [ -z "$SBZ_EXECUTOR_MEMORY" ] || SBZ_LINE+=(--executor-memory "$SBZ_EXECUTOR_MEMORY")
  [ -z "$SBZ_EXECUTOR_CORES" ] || SBZ_LINE+=(--executor-cores "$SBZ_EXECUTOR_CORES")
  [ -z "$SBZ_DRIVER_MEMORY" ] || SBZ_LINE+=(--driver-memory "$SBZ_DRIVER_MEMORY")
  SBZ_LINE+=("$@")
  # Spark's own module options, then the config's settings, then the command line's (last wins).
  SBZ_LINE+=(--conf "spark.driver.extraJavaOptions=${SBZ_SPARK_OPENS[*]} ${SBZ_MEMORY_OPTS[*]} ${SBZ_JIT_OPTS[*]} ${driver_log_opts[*]}")
  SBZ_LINE+=(--conf "spark.executor.extraJavaOptions=${SBZ_SPARK_OPENS[*]} ${SBZ_MEMORY_OPTS[*]} ${SBZ_JIT_OPTS[*]} ${executor_log_opts[*]}")
  if [ -n "$SBZ_CONF_FILE" ]; then
    local settings
    settings=$(sbz_config_spark_settings "$SBZ_CONF_FILE") || exit 2
    while IFS= read -r kv; do
      [ -z "$kv" ] || SBZ_LINE+=(--conf "$kv")
    done <<<"$settings"
  fi
  for kv in "${SBZ_SPARK_CONFS[@]}"; do
    SBZ_LINE+=(--conf "$kv")
  done
  # the application and its arguments
  local jar=$SBZ_APP_JAR
  if [ -z "$jar" ]; then
    jar=$(ls "$SBZ_HOME"/jobs/target/sbz-jobs-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)
    if [ -z "$jar" ] && [ "${SBZ_USING_JAVA_SUBMIT:-0}" = 1 ]; then
      jar=spark-internal # the main class is already on the driver's classpath
    fi
    [ -n "$jar" ] || sbz_die "jobs jar not built; run: mvn -DskipTests package (or give --app-jar)"
  fi
  SBZ_LINE+=("$jar")
  [ -z "$SBZ_PIPELINE_COMMAND" ] || SBZ_LINE+=("$SBZ_PIPELINE_COMMAND")
  SBZ_LINE+=(--requests "$SBZ_REQUESTS")
  [ -z "$SBZ_STORAGE_ROOT" ] || SBZ_LINE+=(--storage-root "$SBZ_STORAGE_ROOT")
  [ -z "$app_conf" ] || SBZ_LINE+=(--conf "$app_conf")
  for f in "${SBZ_ALLOW_PREFIXES[@]}"; do
    SBZ_LINE+=(--allow-url-prefix "$f")
  done
  SBZ_LINE+=("${SBZ_APP_ARGS[@]}")
}

# sbz_run_line: prints (dry run) or runs SBZ_LINE.
sbz_run_line() {
  if [ "$SBZ_DRY_RUN" = 1 ]; then
    printf '%q ' "${SBZ_LINE[@]}"
    echo
  else
    exec "${SBZ_LINE[@]}"
  fi
}
