# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# Sourced by the launch scripts: the repository root, and the JVM options that Spark needs on
# Java 17 (the same list as spark.jvm.opens in pom.xml).
SBZ_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SBZ_JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
SBZ_SPARK_OPENS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
)

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
