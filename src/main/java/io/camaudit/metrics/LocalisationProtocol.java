package io.camaudit.metrics;

import java.util.Locale;

/** How MaxBoxAcc and MaxBoxAccV2 find each image's boxes ({@code docs/metrics.md}). */
public enum LocalisationProtocol {
  /**
   * Connected regions of the map's picture at the image's resolution, above {@code tau × max} for
   * the run's thresholds; continuous, comparable across resolutions and cheap.
   */
  EXACT,
  /** Choe et al.'s evaluation code step by step ({@link WsolProtocol}): published tables. */
  WSOL;

  /** The protocol's name on the command line and in the tables. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The protocol named {@code value}, in any case. */
  public static LocalisationProtocol parse(String value) {
    for (LocalisationProtocol protocol : values()) {
      if (protocol.id().equalsIgnoreCase(value.trim())) {
        return protocol;
      }
    }
    throw new IllegalArgumentException(
        "Invalid --localisation-protocol '" + value + "': expected exact or wsol");
  }
}
