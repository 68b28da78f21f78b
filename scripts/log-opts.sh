# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Sourced by the launch scripts after java-opts.sh: the JVM options that select sbz's log4j2
# configuration (conf/log4j2.properties, or SBZ_LOG_CONF) and its levels. SBZ_DEBUG (any value but
# empty or 0), or sbz_log_verbose called by a script that saw --verbose, turns on detail: DEBUG for
# sbz's loggers and INFO for Spark's; otherwise INFO for sbz and WARN for Spark.
SBZ_LOG_CONF=${SBZ_LOG_CONF:-$SBZ_HOME/conf/log4j2.properties}

# sbz_log_opts [CONFIG-LOCATION]: sets the array SBZ_LOG_OPTS, naming CONFIG-LOCATION (default
# SBZ_LOG_CONF) as the configuration; a remote JVM may need another name for the same file.
sbz_log_opts() {
  local location=${1:-$SBZ_LOG_CONF}
  SBZ_LOG_OPTS=("-Dlog4j2.configurationFile=$location")
  case "${SBZ_DEBUG:-}" in
    ''|0) ;;
    *) SBZ_LOG_OPTS+=(-Dsbz.log.level=DEBUG -Dsbz.log.spark=INFO) ;;
  esac
}

# sbz_log_verbose: as SBZ_DEBUG=1 (the scripts' --verbose).
sbz_log_verbose() {
  SBZ_DEBUG=1
}

sbz_log_opts
