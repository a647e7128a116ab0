#!/usr/bin/env bash
# Spark resource discovery script for GPUs (spark.executor.resource.gpu.discoveryScript): prints
# the GPUs this executor can use, in the JSON Spark expects, and always exits 0:
#   {"name": "gpu", "addresses": ["0", "1"]}
# Addresses are nvidia-smi's GPU indices. Where CUDA_VISIBLE_DEVICES is set they are its entries
# instead (indices, GPU-… or MIG-… UUIDs), in its order, up to the first that names no device
# here, as CUDA reads it; TaskDevices turns an address into the entry's position, the CUDA device
# index. No nvidia-smi, one that fails, or one still running after
# GPU_DISCOVERY_TIMEOUT_S seconds (default 10): an empty list, and the reason on stderr.
# Pure bash apart from nvidia-smi (and timeout, where present).
set -uo pipefail

print() {
  local IFS=,
  echo "{\"name\": \"gpu\", \"addresses\": [$*]}"
}

if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-discovery: no nvidia-smi on PATH, no GPU" >&2
  print
  exit 0
fi
limit=()
command -v timeout >/dev/null 2>&1 && limit=(timeout "${GPU_DISCOVERY_TIMEOUT_S:-10}")
listing=$("${limit[@]}" nvidia-smi -L 2>&1)
status=$?
if ((status != 0)); then
  ((status == 124 && ${#limit[@]})) && listing="timed out after ${limit[1]} s"
  echo "gpu-discovery: 'nvidia-smi -L' failed (exit $status), no GPU: ${listing:0:300}" >&2
  print
  exit 0
fi

# Lines like "GPU 0: NVIDIA H200 (UUID: GPU-…)" and "  MIG 1g.18gb Device 0: (UUID: MIG-…)".
indices=()
known=" "
while IFS= read -r line; do
  if [[ "$line" =~ ^GPU\ ([0-9]+): ]]; then
    indices+=("\"${BASH_REMATCH[1]}\"")
    known+="${BASH_REMATCH[1]} "
  fi
  if [[ "$line" =~ \(UUID:\ ((GPU|MIG)-[A-Za-z0-9/-]+)\) ]]; then
    known+="${BASH_REMATCH[1]} "
  fi
done <<<"$listing"

if [[ -z "${CUDA_VISIBLE_DEVICES+set}" ]]; then
  print "${indices[@]}"
  exit 0
fi
visible=()
IFS=, read -ra entries <<<"$CUDA_VISIBLE_DEVICES"
for entry in "${entries[@]}"; do
  entry="${entry// /}"
  [[ "$known" == *" $entry "* ]] || break
  visible+=("\"$entry\"")
done
print "${visible[@]}"
