#!/usr/bin/env bash
# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
# k8s.sh: run the sbz partials job on Kubernetes (template; needs a Spark install and an image).
#
#   scripts/submit/k8s.sh --api https://K8S-API:443 --image REGISTRY/sbz:TAG --requests PATH [options]
#
#   --api URL                 Kubernetes API server (master becomes k8s://URL)
#   --image IMAGE             container image with Spark 3.5 and the sbz jobs jars under
#                             /opt/sbz/lib (the app jar is then local:///opt/sbz/lib/sbz-jobs.jar)
#   --namespace NS            (default: sbz)
#   --service-account NAME    driver service account allowed to create pods (default: spark)
#   --executors N             spark.executor.instances (default: 2)
#   --keys-secret NAME        a Kubernetes secret holding the signing keys; mounted read-only at
#                             /etc/sbz/keys in driver and executors (preferred over --signing-key)
#   --s3-secret NAME          a secret with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, exposed to
#                             driver and executors as environment variables
#   plus the common options of scripts/submit/common.sh. Deploy mode is cluster.
#
# In cluster mode --files (the config) is uploaded through spark.kubernetes.file.upload.path,
# which must be a shared URI (e.g. s3a://sbz-prod/spark-uploads); set it with --upload-path.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SBZ_DEPLOY_MODE=cluster
api="" image="" namespace=sbz account=spark executors=2 keys_secret="" s3_secret="" upload=""
sbz_script_option() {
  case "$1" in
    --api) api=${2:?}; return 0 ;;
    --image) image=${2:?}; return 0 ;;
    --namespace) namespace=${2:?}; return 0 ;;
    --service-account) account=${2:?}; return 0 ;;
    --executors) executors=${2:?}; return 0 ;;
    --keys-secret) keys_secret=${2:?}; return 0 ;;
    --s3-secret) s3_secret=${2:?}; return 0 ;;
    --upload-path) upload=${2:?}; return 0 ;;
  esac
  return 1
}
sbz_parse_common "$@"
[ -n "$api" ] || sbz_die "--api https://HOST:PORT is required"
[ -n "$image" ] || sbz_die "--image is required"
SBZ_APP_JAR=${SBZ_APP_JAR:-local:///opt/sbz/lib/sbz-jobs.jar}
if [ "$SBZ_DRY_RUN" = 1 ] && ! command -v spark-submit >/dev/null && [ -z "${SPARK_HOME:-}" ]; then
  SBZ_SUBMIT=(spark-submit)
else
  sbz_spark_submit
fi
extra=(
  --conf "spark.kubernetes.namespace=$namespace"
  --conf "spark.kubernetes.container.image=$image"
  --conf "spark.kubernetes.authenticate.driver.serviceAccountName=$account"
  --conf "spark.executor.instances=$executors"
  --conf "spark.kubernetes.executor.podNamePrefix=$SBZ_APP_NAME"
)
[ -z "$upload" ] || extra+=(--conf "spark.kubernetes.file.upload.path=$upload")
if [ -n "$keys_secret" ]; then
  extra+=(--conf "spark.kubernetes.driver.secrets.$keys_secret=/etc/sbz/keys"
    --conf "spark.kubernetes.executor.secrets.$keys_secret=/etc/sbz/keys")
fi
if [ -n "$s3_secret" ]; then
  for v in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY; do
    extra+=(--conf "spark.kubernetes.driver.secretKeyRef.$v=$s3_secret:$v"
      --conf "spark.kubernetes.executor.secretKeyRef.$v=$s3_secret:$v")
  done
fi
sbz_build_line "k8s://$api" "${extra[@]}"
sbz_run_line
