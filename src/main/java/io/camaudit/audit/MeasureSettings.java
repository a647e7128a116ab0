package io.camaudit.audit;

import io.camaudit.image.ColourMap;
import io.camaudit.image.MetricsGrid;
import io.camaudit.metrics.CamBox;
import io.camaudit.metrics.LocalisationProtocol;
import io.camaudit.metrics.PointingGame;
import io.camaudit.metrics.ThresholdGrid;
import io.camaudit.metrics.WsolProtocol;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.DoubleStream;

/**
 * What to measure on each heatmap besides energy.
 *
 * @param taus thresholds for weakly supervised boxes and MaxBoxAcc, relative to each map's maximum,
 *     ascending; always includes the CAM box threshold {@link CamBox#DEFAULT_THRESHOLD}
 * @param pointingTolerance pointing game tolerance, pixels
 * @param heatmapPng whether to encode each heatmap, on the metrics grid, as a PNG
 * @param gridCap longest side, in cells, of the {@link MetricsGrid} that threshold regions are
 *     found on
 * @param localisation how MaxBoxAcc finds each image's boxes
 * @param overlay the colour map of each heatmap's overlay on its image, on the metrics grid, as a
 *     PNG; null for none
 * @param perturbation what is measured on perturbed inputs, on which images; null for nothing
 */
public record MeasureSettings(
    double[] taus,
    double pointingTolerance,
    boolean heatmapPng,
    int gridCap,
    LocalisationProtocol localisation,
    ColourMap overlay,
    PerturbationSettings perturbation)
    implements Serializable {

  /** The default grid cap: regions of images up to 256 pixels on a side are found exactly. */
  public static final int DEFAULT_GRID_CAP = 256;

  /** Adds the CAM box threshold to the grid and checks the tolerance. */
  public MeasureSettings {
    taus =
        DoubleStream.concat(Arrays.stream(taus), DoubleStream.of(CamBox.DEFAULT_THRESHOLD))
            .sorted()
            .distinct()
            .toArray();
    if (!(pointingTolerance >= 0) || Double.isInfinite(pointingTolerance)) {
      throw new IllegalArgumentException(
          "Invalid --pointing-tolerance " + pointingTolerance + ": expected a finite number >= 0");
    }
    Objects.requireNonNull(localisation, "localisation");
    if (gridCap < 16) {
      throw new IllegalArgumentException(
          "Invalid --metrics-grid " + gridCap + ": expected at least 16 cells");
    }
  }

  /** The default localisation protocol: continuous, cheap, at any resolution. */
  public static final LocalisationProtocol DEFAULT_LOCALISATION = LocalisationProtocol.EXACT;

  /**
   * The defaults: {@link ThresholdGrid#defaults()}, 15 px, no PNGs, a 256-cell grid, the exact
   * localisation protocol, no overlays, perturbations as {@link PerturbationSettings#defaults()}.
   */
  public static MeasureSettings defaults() {
    return new MeasureSettings(
        ThresholdGrid.defaults(),
        PointingGame.DEFAULT_TOLERANCE_PIXELS,
        false,
        DEFAULT_GRID_CAP,
        DEFAULT_LOCALISATION,
        null,
        PerturbationSettings.defaults());
  }

  /** The thresholds of the localisation traces: the run's, or the wsol protocol's own grid. */
  public double[] localisationTaus() {
    return localisation == LocalisationProtocol.WSOL ? WsolProtocol.taus() : taus();
  }

  @Override
  public double[] taus() {
    return taus.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MeasureSettings s
        && Arrays.equals(s.taus, taus)
        && s.pointingTolerance == pointingTolerance
        && s.heatmapPng == heatmapPng
        && s.gridCap == gridCap
        && s.localisation == localisation
        && s.overlay == overlay
        && Objects.equals(s.perturbation, perturbation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(taus),
        pointingTolerance,
        heatmapPng,
        gridCap,
        localisation,
        overlay,
        perturbation);
  }

  @Override
  public String toString() {
    return "MeasureSettings[taus="
        + Arrays.toString(taus)
        + ", pointingTolerance="
        + pointingTolerance
        + ", heatmapPng="
        + heatmapPng
        + ", gridCap="
        + gridCap
        + ", localisation="
        + localisation
        + ", overlay="
        + overlay
        + ", perturbation="
        + perturbation
        + "]";
  }
}
