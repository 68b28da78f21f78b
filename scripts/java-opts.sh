# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Sourced by the launch scripts: the repository root, and the JVM options that Spark needs on
# Java 17, read from scripts/spark-jvm-opens.args (the list Maven's test JVMs use too).
SBZ_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SBZ_JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
SBZ_SPARK_OPENS=()
while IFS= read -r opt || [ -n "$opt" ]; do
  case $opt in '' | '#'*) ;; *) SBZ_SPARK_OPENS+=("$opt") ;; esac
done <"$SBZ_HOME/scripts/spark-jvm-opens.args"

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
