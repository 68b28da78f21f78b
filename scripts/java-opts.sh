# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Sourced by the launch scripts: the repository root, and the JVM options that Spark needs on
# Java 17, read from scripts/spark-jvm-opens.args (the list Maven's test JVMs use too).
SBZ_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SBZ_JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
SBZ_SPARK_OPENS=()
while IFS= read -r opt || [ -n "$opt" ]; do
  case $opt in '' | '#'*) ;; *) SBZ_SPARK_OPENS+=("$opt") ;; esac
done <"$SBZ_HOME/scripts/spark-jvm-opens.args"

# Transparent huge pages for the heap where the kernel grants them on request ("madvise"). The
# differ reads its suffix array (4 x old) and the old file at random; with 4 KiB pages nearly every
# such read misses the TLB as well as the caches. On minor libxul, exact mode's scan took ~20 %
# less CPU with them (docs/benchmarks.md, "Session 13"). Under "always" the kernel backs the heap
# with them anyway; under "never" the JVM could only warn. SBZ_THP=0 leaves them off
# (SBZ_THP_MODE_FILE names the kernel's setting, for tests).
SBZ_MEMORY_OPTS=()
if [ "${SBZ_THP:-1}" != 0 ] && grep -q '\[madvise\]' \
  "${SBZ_THP_MODE_FILE:-/sys/kernel/mm/transparent_hugepage/enabled}" 2>/dev/null; then
  SBZ_MEMORY_OPTS+=(-XX:+UseTransparentHugePages)
fi

# The JIT's top tier (C2) for the Spark JVMs only after ten times its default call and loop counts.
# A run's Spark, Delta and Scala code is lukewarm: on a first run's cold JVM, C2 compiling it kept
# a core busy for most of the run on a 2-core machine. The differ's loops run billions of times, so
# they reach C2 all the same: exact mode on minor libxul took the same time, with the same patch
# (docs/benchmarks.md, "Session 14"). SBZ_JIT=0 leaves the JVM's defaults.
SBZ_JIT_OPTS=()
if [ "${SBZ_JIT:-1}" != 0 ]; then
  SBZ_JIT_OPTS+=(-XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000
    -XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=400000)
fi

# The JIT of the Spark commands that only read the tables and print (scripts/sbz results and
# report): C1 alone. Such a command is seconds of lukewarm Spark, Delta and Scala code, which C2
# compiles all the same (~15 s of C2 time in the README's first run, even with the thresholds
# above). They never run the differ, whose loops need C2: C1 alone made exact mode 1.4 x slower on
# omni.ja, and hashing a MAR's entries several times slower (so `sbz requests`, which hashes
# complete MARs, keeps C2). `sbz results` on the README's storage root, when it still read with
# Spark: a third less CPU, and 0.5-0.8 s less wall time in the medians of two alternated sets
# (docs/benchmarks.md, "Session 16"; it now reads with Delta Kernel, no Spark). SBZ_JIT=0 leaves
# the JVM's defaults here too.
SBZ_C1_ALONE_OPTS=(-XX:TieredStopAtLevel=1)
SBZ_READER_JIT_OPTS=()
if [ "${SBZ_JIT:-1}" != 0 ]; then
  SBZ_READER_JIT_OPTS+=("${SBZ_C1_ALONE_OPTS[@]}")
fi

# Spark's settings for a small run: every plan interpreted, none compiled. Spark generates Java
# source for each query's stages and its projections, and compiles it with Janino on the driver:
# ~200 classes in the README's first run, whose queries each see a handful of rows. Interpreted,
# the README's first run took 17.5-19.9 s of pipeline wall time against 20.5-23.8 s compiled, and
# three partials of 7.6 MB MARs 30.7-31.3 s against 33.3-34.7 s (docs/benchmarks.md, "Session 20").
# `spark.sql.codegen.factoryMode` is marked internal in Spark; NO_CODEGEN selects the interpreted
# projections that Spark falls back to whenever generated code fails to compile, and that Spark's
# own tests run against the generated ones. InterpretedPlansTest holds a run under these settings
# to the same tables and partial bytes as a compiled run. A --spark-conf of either key wins.
SBZ_INTERPRETED_PLANS_PROPS=(-Dspark.sql.codegen.wholeStage=false
  -Dspark.sql.codegen.factoryMode=NO_CODEGEN)

# sbz_run_tuning REQUESTS: the JIT and Spark settings of a local-mode run of the job (one JVM for
# the driver and the work) on the requests file REQUESTS. Sets SBZ_RUN_JIT_OPTS, SBZ_RUN_SPARK_PROPS
# (-D system properties, which Spark reads as settings) and SBZ_RUN_TUNING_WHY (empty when the run
# is tuned as a large one).
# A small run is one whose requests file is a plain CSV of at most SBZ_SMALL_RUN_REQUESTS rows (100)
# whose complete MARs are all local files (file: URLs) of at most SBZ_SMALL_RUN_BYTES together
# (16 MiB). Such a run is mostly fixed cost, so it gets:
# - the JIT's C1 alone: C2 compiling the lukewarm Spark, Delta and Scala code kept a core busy for
#   most of the run. The README's three partials took 27-37 % less wall time, and three partials of
#   7.6 MB MARs (13 changed libraries diffed) 18-29 % less, diff stage included (docs/benchmarks.md,
#   "Session 18");
# - Spark's plans interpreted (SBZ_INTERPRETED_PLANS_PROPS above).
# Every other run keeps C2 with the job's thresholds (SBZ_JIT_OPTS) and Spark's generated code: on
# Firefox's MARs (80 MB, libxul 184 MB) C1 alone makes the differ 1.4 x and hashing several times
# slower (session 16), and large Datasets are what generated code is for.
# SBZ_JIT=c2 keeps C2 for a small run too, SBZ_JIT=c1 gives any run C1 alone, and SBZ_JIT=0 leaves
# the JVM's defaults; SBZ_CODEGEN=1 keeps Spark's generated code for a small run.
sbz_run_tuning() {
  SBZ_RUN_JIT_OPTS=("${SBZ_JIT_OPTS[@]}")
  SBZ_RUN_SPARK_PROPS=()
  SBZ_RUN_TUNING_WHY=
  local bytes small= tuned=()
  bytes=$(sbz_local_mar_bytes "$1" "${SBZ_SMALL_RUN_REQUESTS:-100}")
  if [ -n "$bytes" ] && [ "$bytes" -le "${SBZ_SMALL_RUN_BYTES:-16777216}" ]; then
    small="a small run ($bytes bytes of local complete MARs)"
  fi
  case "${SBZ_JIT:-1}" in
    0 | c2) ;;
    c1) SBZ_RUN_JIT_OPTS=("${SBZ_C1_ALONE_OPTS[@]}"); tuned+=("the JIT's C1 alone (SBZ_JIT=c1)") ;;
    *)
      if [ -n "$small" ]; then
        SBZ_RUN_JIT_OPTS=("${SBZ_C1_ALONE_OPTS[@]}")
        tuned+=("the JIT's C1 alone (SBZ_JIT=c2 keeps C2)")
      fi ;;
  esac
  if [ -n "$small" ] && [ "${SBZ_CODEGEN:-0}" != 1 ]; then
    SBZ_RUN_SPARK_PROPS=("${SBZ_INTERPRETED_PLANS_PROPS[@]}")
    tuned+=("Spark's plans interpreted (SBZ_CODEGEN=1 compiles them)")
  fi
  local t list=
  for t in "${tuned[@]}"; do list+="${list:+, }$t"; done
  [ -z "$list" ] || SBZ_RUN_TUNING_WHY="${small:-a run}: $list"
}

# sbz_local_mar_bytes REQUESTS MAX-ROWS: the total size of the distinct complete MARs that the CSV
# requests file REQUESTS names, when it has at most MAX-ROWS rows and every MAR is a local file;
# prints nothing when it cannot tell (another format or scheme, quoted fields, a missing file...).
sbz_local_mar_bytes() {
  local path urls paths=() total=0 f size
  path=$(sbz_file_path "$1") || return 0
  [ -f "$path" ] || return 0
  urls=$(awk -F, -v max="$2" '
    { sub(/\r$/, "") }
    NR == 1 {
      for (i = 1; i <= NF; i++) col[tolower($i)] = i
      if (!("from_url" in col) || !("to_url" in col)) { bad = 1; exit }
      n = NF; next
    }
    /^$/ { next }
    NF != n || /"/ || ++rows > max { bad = 1; exit }
    { print $col["from_url"]; print $col["to_url"] }
    END { if (bad || rows == 0) exit 1 }' "$path") || return 0
  while IFS= read -r f; do
    case $f in file:*) ;; *) return 0 ;; esac # a MAR's URL must name a local file
    f=$(sbz_file_path "$f") || return 0
    paths+=("$f")
  done <<<"$urls"
  while IFS= read -r f; do # each MAR once, however its URL is spelled
    size=$(stat -c %s -- "$f" 2>/dev/null) || return 0
    total=$((total + size))
  done < <(printf '%s\n' "${paths[@]}" | sort -u)
  echo "$total"
}

# sbz_file_path LOCATION: the local path of a file: URL (file:/p or file:///p) or of a plain
# path; fails for any other scheme and for a URL with %-escapes (not decoded here).
sbz_file_path() {
  case $1 in
    file:*%*) return 1 ;;
    file://*) echo "${1#file://}" ;;
    file:*) echo "${1#file:}" ;;
    *:*) return 1 ;;
    *) echo "$1" ;;
  esac
}

# sbz_module_jar MODULE: prints the path of the module's built jar (not its sources or tests jar),
# or nothing when it is not built. Its status is the pipeline's: under pipefail, non-zero when
# there is no jar.
sbz_module_jar() {
  ls "$SBZ_HOME/$1/target/sbz-$1-"*.jar 2>/dev/null | grep -v -e sources -e tests | head -1
}

# sbz_classpath MODULE: the module's jar plus its copied runtime dependencies.
sbz_classpath() {
  local m=$1 jar
  jar=$(sbz_module_jar "$m")
  if [ -z "$jar" ] || [ ! -d "$SBZ_HOME/$m/target/lib" ]; then
    echo "sbz: $m is not built; run: (cd $SBZ_HOME && mvn -q -DskipTests package)" >&2
    return 1
  fi
  echo "$jar:$SBZ_HOME/$m/target/lib/*"
}

# Class-data sharing (AppCDS) for the Spark JVMs: a first run's cold JVM loads some 15,000 classes
# from ~150 jars, looking each up jar by jar, and that is a large part of a small run's fixed cost.
# The first run of the job (scripts/submit/local.sh) after a build writes an archive of the
# classes it loaded (the JDK's dynamic archive, -XX:ArchiveClassesAtExit) beside the module's jar;
# later runs, and scripts/sbz's Spark commands, map it instead of loading those classes again. On
# the README's partials it took 8-18 % off the pipeline's wall time and 9-19 % off its CPU on a
# quiet machine (docs/benchmarks.md, "Session 15"); the run that writes it (157 MiB) takes about
# 16 s longer to exit, once per build.
# An archive older than the jars is not used (the next run writes a new one); SBZ_CDS=0 leaves it
# off, and so does SBZ_CLASSPATH (the archive belongs to the built jars' classpath).
#
# sbz_cds MODULE [dump]: sets SBZ_CDS_OPTS to use the module's archive, or, with "dump" and no
# current archive, to write one at exit into a file of this run's own (SBZ_CDS_DUMP).
sbz_cds() {
  SBZ_CDS_OPTS=()
  SBZ_CDS_DUMP=
  if [ "${SBZ_CDS:-1}" = 0 ] || [ -n "${SBZ_CLASSPATH:-}" ]; then return 0; fi
  # JFR or a Java agent (their class-file load hook) and the dynamic archive crashed JDK 17.0.15:
  # `JAVA_TOOL_OPTIONS=-XX:StartFlightRecording scripts/sbz results` died of a SIGSEGV in
  # KlassFactory::check_shared_class_file_load_hook, loading a class from the archive. A JVM that
  # is asked for either runs without the archive, and writes none.
  case " ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-} " in
    *-XX:StartFlightRecording* | *-XX:+FlightRecorder* | *-javaagent:* | *-agentlib:* | *-agentpath:*)
      return 0 ;;
  esac
  local dir=$SBZ_HOME/$1/target jar
  jar=$(sbz_module_jar "$1")
  if [ -z "$jar" ] || [ ! -d "$dir/lib" ]; then return 0; fi
  SBZ_CDS_ARCHIVE=$dir/sbz-$1.jsa
  # current: newer than the module's jar and than every dependency (a rebuilt sbz-common is
  # copied over its old self in lib/, which leaves the directory's own time alone)
  if [ -f "$SBZ_CDS_ARCHIVE" ] && [ "$SBZ_CDS_ARCHIVE" -nt "$jar" ] \
    && [ -z "$(find "$dir/lib" -newer "$SBZ_CDS_ARCHIVE" -print -quit)" ]; then
    SBZ_CDS_OPTS=("-XX:SharedArchiveFile=$SBZ_CDS_ARCHIVE")
  elif [ "${2:-}" = dump ]; then
    SBZ_CDS_DUMP=$SBZ_CDS_ARCHIVE.$$.tmp
    # quiet: the JDK lists every class it leaves out (signed jars) on stdout, the run's summary
    SBZ_CDS_OPTS=("-XX:ArchiveClassesAtExit=$SBZ_CDS_DUMP" "-Xlog:cds=off,cds+dynamic=off")
  fi
}

# sbz_exec_java COMMAND...: runs the JVM command in place of the shell, as exec does. A run that
# writes a CDS archive runs as a child instead (TERM, INT and HUP are passed on to it), so that the
# archive can be moved into place, whole, after a successful exit: two first runs at once each
# write their own file, and no run ever maps a half-written one.
sbz_exec_java() {
  if [ -z "${SBZ_CDS_DUMP:-}" ]; then
    exec "$@"
  fi
  "$@" &
  local pid=$! rc
  trap 'kill -TERM "$pid" 2>/dev/null' TERM INT HUP
  while :; do
    wait "$pid" && rc=0 || rc=$?
    kill -0 "$pid" 2>/dev/null || break
  done
  trap - TERM INT HUP
  if [ -f "$SBZ_CDS_DUMP" ]; then
    if [ "$rc" = 0 ]; then mv -f "$SBZ_CDS_DUMP" "$SBZ_CDS_ARCHIVE"; else rm -f "$SBZ_CDS_DUMP"; fi
  fi
  exit "$rc"
}
