#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# start.sh: a local S3 API server (S3Proxy, filesystem backend) for trying the job on s3a://
# without AWS. Listens on 127.0.0.1 only.
#
#   scripts/s3proxy/start.sh [--port 9000] [--dir DIR] [--bucket NAME]...
#
# Needs jobs/target/scaleout/s3proxy.jar (any mvn build of jobs that reaches
# generate-test-resources, e.g. mvn -DskipTests package). Objects live in DIR/blobs/BUCKET/KEY.
# Prints the --spark-conf options that point S3A at it. Stop with scripts/s3proxy/stop.sh.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../java-opts.sh"
port=9000 dir="$SBZ_HOME/target/sbz-s3proxy" buckets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=${2:?}; shift 2 ;;
    --dir) dir=${2:?}; shift 2 ;;
    --bucket) buckets+=("${2:?}"); shift 2 ;;
    *) echo "start.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
jar="$SBZ_HOME/jobs/target/scaleout/s3proxy.jar"
[ -f "$jar" ] || { echo "start.sh: $jar missing; run mvn -DskipTests package" >&2; exit 1; }
[ ! -f "$dir/s3proxy.pid" ] || { echo "start.sh: already running ($dir/s3proxy.pid)" >&2; exit 1; }
access=${SBZ_S3_ACCESS_KEY:-sbz-local-access}
secret=${SBZ_S3_SECRET_KEY:-sbz-local-secret}
mkdir -p "$dir/blobs"
for b in "${buckets[@]}"; do mkdir -p "$dir/blobs/$b"; done
cat >"$dir/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$access
s3proxy.credential=$secret
jclouds.provider=filesystem
jclouds.identity=unused
jclouds.credential=unused
jclouds.filesystem.basedir=$dir/blobs
PROPS
chmod 600 "$dir/s3proxy.properties"
nohup "$SBZ_JAVA" -Xmx256m -jar "$jar" --properties "$dir/s3proxy.properties" >"$dir/s3proxy.log" 2>&1 </dev/null &
echo $! >"$dir/s3proxy.pid"
for _ in $(seq 1 300); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "S3Proxy on http://127.0.0.1:$port; use:"
    for kv in endpoint=http://127.0.0.1:$port path.style.access=true connection.ssl.enabled=false \
      access.key=$access secret.key=$secret directory.marker.retention=keep; do
      echo "  --spark-conf spark.hadoop.fs.s3a.$kv"
    done
    exit 0
  fi
  sleep 0.2
done
echo "start.sh: S3Proxy did not start; see $dir/s3proxy.log" >&2
exit 1
