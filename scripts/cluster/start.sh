#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# start.sh: a local Spark standalone cluster (one master, N workers) from the built jobs jars, no
# Spark distribution needed. Everything listens on 127.0.0.1 on free ports.
#
#   scripts/cluster/start.sh [--workers 2] [--cores 1] [--memory 1g] [--dir DIR]
#
# Needs: mvn -DskipTests package (jobs/target/lib). Writes DIR/cluster.env with SBZ_MASTER_URL and
# SBZ_MASTER_UI (scripts/submit/standalone.sh reads it), logs and pid files. The workers'
# SPARK_HOME/jars links to the jobs jars, so executors run the pipeline code without
# spark.executor.extraClassPath. Stop with scripts/cluster/stop.sh [--dir DIR].
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../java-opts.sh"

workers=2 cores=1 memory=1g dir="$SBZ_HOME/target/sbz-cluster"
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers=${2:?}; shift 2 ;;
    --cores) cores=${2:?}; shift 2 ;;
    --memory) memory=${2:?}; shift 2 ;;
    --dir) dir=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "start.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if ls "$dir"/*.pid >/dev/null 2>&1; then
  echo "start.sh: a cluster is already running in $dir; stop it first (scripts/cluster/stop.sh --dir $dir)" >&2
  exit 1
fi
cp=$(sbz_classpath jobs)
mkdir -p "$dir/spark-home/jars"
rm -f "$dir/spark-home/jars/"*.jar
for j in "$SBZ_HOME"/jobs/target/lib/*.jar "$SBZ_HOME"/jobs/target/sbz-jobs-*.jar; do
  ln -sf "$j" "$dir/spark-home/jars/"
done

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
  echo "start.sh: no free port found" >&2
  exit 1
}

launch() { # NAME CLASS ARGS...
  local name=$1 cls=$2; shift 2
  SPARK_HOME="$dir/spark-home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 \
    nohup "$SBZ_JAVA" -Xmx256m "${SBZ_SPARK_OPENS[@]}" -Dspark.worker.timeout=15 -cp "$cp" "$cls" "$@" \
    >"$dir/$name.log" 2>&1 </dev/null &
  echo $! >"$dir/$name.pid"
}

master_port=$(free_port)
ui_port=$(free_port)
launch master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" --webui-port "$ui_port"
master_url="spark://127.0.0.1:$master_port"
for i in $(seq 0 $((workers - 1))); do
  mkdir -p "$dir/worker-$i"
  launch "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port "$(free_port)" \
    --webui-port "$(free_port)" --cores "$cores" --memory "$memory" --work-dir "$dir/worker-$i" "$master_url"
done
{
  echo "SBZ_MASTER_URL=$master_url"
  echo "SBZ_MASTER_UI=http://127.0.0.1:$ui_port"
} >"$dir/cluster.env"

alive=0
for _ in $(seq 1 600); do
  alive=$(curl -fsS "http://127.0.0.1:$ui_port/json/" 2>/dev/null | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$' || true)
  [ "${alive:-0}" -ge "$workers" ] && break
  sleep 0.5
done
if [ "${alive:-0}" -lt "$workers" ]; then
  echo "start.sh: only ${alive:-0} of $workers workers registered; logs in $dir" >&2
  exit 1
fi
echo "master $master_url (UI http://127.0.0.1:$ui_port), $workers workers x $cores cores x $memory"
