package io.camaudit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** Reading arrays out of the {@code .npz} fixtures that the Python scripts write. */
final class NpzFixtures {

  private NpzFixtures() {}

  /** The array saved under {@code name}. */
  static NDArray named(NDList list, String name) {
    for (NDArray array : list) {
      if (name.equals(array.getName())) {
        return array;
      }
    }
    throw new AssertionError("fixture has no array " + name);
  }

  /** Element {@code index} of {@code values} seen as consecutive blocks of {@code length}. */
  static float[] slice(float[] values, int index, int length) {
    float[] out = new float[length];
    System.arraycopy(values, index * length, out, 0, length);
    return out;
  }
}
