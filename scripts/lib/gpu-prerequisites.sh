# Sourced by scripts/bench --gpu: checks what a GPU run needs (docs/deployment.md, CUDA natives)
# and lists everything missing at once, each with its fix; exits 2 when anything is. Exports
# PYTORCH_FLAVOR and PYTORCH_VERSION (cu128 and the pom's pytorch.version) when they are unset.
gpu_missing=()
gpu_pytorch=$(sed -n 's:.*<pytorch.version>\(.*\)</pytorch.version>.*:\1:p' pom.xml)
gpu_driver_min=525.60.13 # CUDA 12.x minor-version compatibility
gpu_driver_full=570.26 # CUDA 12.8's own driver

if ! command -v nvidia-smi >/dev/null 2>&1; then
  gpu_missing+=("nvidia-smi: not on PATH; install the NVIDIA driver ($gpu_driver_min or newer)")
elif ! gpu_listing=$(nvidia-smi --query-gpu=index,name,driver_version,memory.total \
  --format=csv,noheader 2>&1); then
  gpu_missing+=("a working NVIDIA driver: nvidia-smi failed: ${gpu_listing:0:200}")
else
  echo "GPUs (index, name, driver, memory):"
  echo "$gpu_listing" | sed 's/^/  /'
  gpu_driver=$(echo "$gpu_listing" | head -n 1 | cut -d, -f3 | tr -d ' ')
  if [[ "$(printf '%s\n' "$gpu_driver_min" "$gpu_driver" | sort -V | head -n 1)" != "$gpu_driver_min" ]]; then
    gpu_missing+=("NVIDIA driver $gpu_driver_min or newer for CUDA 12.8 (found $gpu_driver)")
  elif [[ "$(printf '%s\n' "$gpu_driver_full" "$gpu_driver" | sort -V | head -n 1)" != "$gpu_driver_full" ]]; then
    echo "note: driver $gpu_driver runs CUDA 12.8 through minor-version compatibility;" \
      "$gpu_driver_full or newer is CUDA 12.8's own (and needed on Blackwell GPUs)"
  fi
fi

if [[ -n "${PYTORCH_FLAVOR:-}" && "$PYTORCH_FLAVOR" != cu128 ]]; then
  gpu_missing+=("PYTORCH_FLAVOR=cu128 (it is '$PYTORCH_FLAVOR': DJL's JNI bridge here is built for cu128)")
fi
if [[ -n "${PYTORCH_VERSION:-}" && "$PYTORCH_VERSION" != "$gpu_pytorch" ]]; then
  gpu_missing+=("PYTORCH_VERSION=$gpu_pytorch (it is '$PYTORCH_VERSION')")
fi
export PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-cu128}" PYTORCH_VERSION="${PYTORCH_VERSION:-$gpu_pytorch}"

gpu_lib="${PYTORCH_LIBRARY_PATH:-}"
if [[ -z "$gpu_lib" ]]; then
  gpu_missing+=("PYTORCH_LIBRARY_PATH: the lib/ folder of libtorch $gpu_pytorch+cu128 (unpack"\
" libtorch-cxx11-abi-shared-with-deps-$gpu_pytorch+cu128.zip)")
elif [[ ! -d "$gpu_lib" ]]; then
  gpu_missing+=("PYTORCH_LIBRARY_PATH=$gpu_lib: no such folder")
else
  for gpu_name in libtorch.so libtorch_cpu.so libtorch_cuda.so libc10.so libc10_cuda.so; do
    [[ -f "$gpu_lib/$gpu_name" ]] ||
      gpu_missing+=("$gpu_lib/$gpu_name: absent (is this libtorch's CUDA build?)")
  done
  if [[ -f "$gpu_lib/libtorch_cuda.so" ]]; then
    gpu_ldd=$(ldd "$gpu_lib/libtorch_cuda.so" 2>&1) ||
      gpu_missing+=("a loadable $gpu_lib/libtorch_cuda.so: ${gpu_ldd:0:200}")
    gpu_unresolved=$(awk '/not found/ {print $1}' <<<"$gpu_ldd" | paste -sd' ' -)
    [[ -z "$gpu_unresolved" ]] ||
      gpu_missing+=("libraries libtorch_cuda.so needs, found neither beside it nor on"\
" LD_LIBRARY_PATH: $gpu_unresolved (the -with-deps libtorch zip carries them)")
  fi
fi

command -v java >/dev/null 2>&1 || gpu_missing+=("java: a Java 17 JDK on PATH")
command -v mvn >/dev/null 2>&1 || gpu_missing+=("mvn: Maven 3.8 or newer on PATH")

if ((${#gpu_missing[@]})); then
  echo "scripts/bench --gpu: missing:" >&2
  printf '  - %s\n' "${gpu_missing[@]}" >&2
  echo "See docs/deployment.md, 'CUDA natives'." >&2
  exit 2
fi
