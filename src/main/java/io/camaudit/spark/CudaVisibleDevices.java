package io.camaudit.spark;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A process's {@code CUDA_VISIBLE_DEVICES}: where it is set, CUDA numbers only the devices it lists
 * (nvidia-smi indices, {@code GPU-…} or {@code MIG-…} UUIDs), each by its position in the list. So
 * Spark's gpu address, which names a device as the discovery script reported it, becomes a CUDA
 * device index here.
 *
 * @param entries the list's entries, trimmed; empty when the variable is unset
 * @param set whether the variable is set (set and empty: no device visible)
 */
record CudaVisibleDevices(List<String> entries, boolean set) {

  /** The environment variable CUDA reads. */
  static final String VARIABLE = "CUDA_VISIBLE_DEVICES";

  /** The variable as {@code environment} holds it. */
  static CudaVisibleDevices of(Map<String, String> environment) {
    String value = environment.get(VARIABLE);
    if (value == null) {
      return new CudaVisibleDevices(List.of(), false);
    }
    List<String> entries =
        Arrays.stream(value.split(",", -1)).map(String::trim).filter(e -> !e.isEmpty()).toList();
    return new CudaVisibleDevices(entries, true);
  }

  /**
   * The CUDA device index of the device Spark's gpu {@code address} names.
   *
   * @throws IllegalArgumentException when the address names no device this process can see
   */
  int ordinal(String address) {
    String name = address.trim();
    Optional<Integer> index = index(name);
    if (!set) {
      return index.orElseThrow(
          () ->
              invalid(
                  address,
                  "without "
                      + VARIABLE
                      + " it must be a device index, as nvidia-smi numbers them"));
    }
    for (int position = 0; position < entries.size(); position++) {
      String entry = entries.get(position);
      if (entry.equalsIgnoreCase(name) || (index.isPresent() && index.equals(index(entry)))) {
        return position;
      }
    }
    throw invalid(
        address,
        entries.isEmpty()
            ? VARIABLE + " is set but empty here, so this executor sees no GPU"
            : "it is not in this executor's " + VARIABLE + "=" + String.join(",", entries));
  }

  private static Optional<Integer> index(String name) {
    return name.matches("[0-9]{1,9}") ? Optional.of(Integer.parseInt(name)) : Optional.empty();
  }

  private static IllegalArgumentException invalid(String address, String why) {
    return new IllegalArgumentException(
        "Invalid gpu address '"
            + address
            + "' from Spark's resource discovery: "
            + why
            + ". Set spark.executor.resource.gpu.discoveryScript to conf/gpu-discovery.sh,"
            + " which reports the devices "
            + VARIABLE
            + " lists (nvidia-smi indices where it is unset), or set"
            + " spark.executorEnv."
            + VARIABLE
            + " to the devices your script reports");
  }
}
