#!/usr/bin/env bash
# Submits a cam-audit audit to Kubernetes in cluster mode, with the image built from docker/.
# The arguments are the audit's options. Needs a spark-submit of the same Spark line as the image
# ($SPARK_HOME, or run this inside the image itself) and kubectl access to the cluster.
#
#   K8S_MASTER=k8s://https://kube-api.example.org:6443 CAM_AUDIT_IMAGE=registry.example.org/cam-audit:spark4.1_2.13 \
#     conf/k8s/submit.sh --manifest s3a://data/manifest.parquet --output s3a://audits/shapes --run-id 2026-12-01
#
# GPU executors: CAM_AUDIT_GPU=1 and a CUDA image (…-cu128). Settings (environment):
#   K8S_MASTER            k8s://https://<api server>:<port> (required)
#   CAM_AUDIT_IMAGE       the image (required)
#   K8S_NAMESPACE         namespace (default cam-audit); apply conf/k8s/rbac.yaml there first
#   EXECUTORS             executor pods (default 4)
#   EXECUTOR_CORES        cores per executor (default 4; 16 with CAM_AUDIT_GPU=1)
#   EXECUTOR_MEMORY       heap per executor (default 4g)
#   CAM_AUDIT_S3_SECRET   secret with keys access-key / secret-key (default cam-audit-s3; empty: none)
#   S3_ENDPOINT           fs.s3a.endpoint for S3-compatible stores (default: unset, AWS)
#   S3_REGION             fs.s3a.endpoint.region (default us-east-1)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${K8S_MASTER:?set K8S_MASTER=k8s://https://<api server>:<port>}"
: "${CAM_AUDIT_IMAGE:?set CAM_AUDIT_IMAGE to the image built from docker/}"
namespace="${K8S_NAMESPACE:-cam-audit}"
gpu="${CAM_AUDIT_GPU:-0}"
secret="${CAM_AUDIT_S3_SECRET-cam-audit-s3}"
submit="${SPARK_HOME:-/opt/spark}/bin/spark-submit"
djl="-Dai.djl.offline=true -DOPT_OUT_TRACKING=true"

args=(
  --master "$K8S_MASTER" --deploy-mode cluster --name cam-audit
  --class io.camaudit.cli.Main
  --conf spark.kubernetes.namespace="$namespace"
  --conf spark.kubernetes.container.image="$CAM_AUDIT_IMAGE"
  --conf spark.kubernetes.authenticate.driver.serviceAccountName=cam-audit-spark
  --conf spark.executor.instances="${EXECUTORS:-4}"
  --conf spark.executor.memory="${EXECUTOR_MEMORY:-4g}"
  # DJL offline and without usage tracking in every JVM (the image's environment sets both too).
  --conf spark.driver.defaultJavaOptions="$djl"
  --conf spark.executor.defaultJavaOptions="$djl"
  --conf spark.kubernetes.driverEnv.OPT_OUT_TRACKING=true
  --conf spark.executorEnv.OPT_OUT_TRACKING=true
  # S3A: endpoint and region are not secret; the keys come from the Kubernetes secret.
  --conf spark.hadoop.fs.s3a.endpoint.region="${S3_REGION:-us-east-1}"
)
if [[ -n "${S3_ENDPOINT:-}" ]]; then
  args+=(--conf spark.hadoop.fs.s3a.endpoint="$S3_ENDPOINT"
    --conf spark.hadoop.fs.s3a.path.style.access=true)
fi
if [[ -n "$secret" ]]; then
  for role in driver executor; do
    args+=(--conf spark.kubernetes.$role.secretKeyRef.AWS_ACCESS_KEY_ID="$secret:access-key"
      --conf spark.kubernetes.$role.secretKeyRef.AWS_SECRET_ACCESS_KEY="$secret:secret-key")
  done
fi
if [[ "$gpu" == 1 ]]; then
  # One GPU per executor, shared by 4 tasks of 4 cores each (docs/deployment.md#gpu-executors).
  args+=(
    --conf spark.executor.cores="${EXECUTOR_CORES:-16}"
    --conf spark.task.cpus=4
    --conf spark.executor.resource.gpu.amount=1
    --conf spark.executor.resource.gpu.vendor=nvidia.com
    --conf spark.executor.resource.gpu.discoveryScript=/opt/cam-audit/conf/gpu-discovery.sh
    --conf spark.task.resource.gpu.amount=0.25
    --conf spark.kubernetes.executor.podTemplateFile="$here/executor-gpu-pod-template.yaml"
    --conf spark.camaudit.batch-size=64
  )
else
  args+=(--conf spark.executor.cores="${EXECUTOR_CORES:-4}")
fi

exec "$submit" "${args[@]}" local:///opt/cam-audit/cam-audit.jar audit "$@"
