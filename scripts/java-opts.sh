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

# sbz_classpath MODULE: the module's jar plus its copied runtime dependencies.
sbz_classpath() {
  local m=$1 jar
  jar=$(ls "$SBZ_HOME/$m/target/sbz-$m-"*.jar 2>/dev/null | grep -v -e sources -e tests | head -1)
  if [ -z "$jar" ] || [ ! -d "$SBZ_HOME/$m/target/lib" ]; then
    echo "sbz: $m is not built; run: (cd $SBZ_HOME && mvn -q -DskipTests package)" >&2
    return 1
  fi
  echo "$jar:$SBZ_HOME/$m/target/lib/*"
}
