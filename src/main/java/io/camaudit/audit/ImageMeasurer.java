package io.camaudit.audit;

import io.camaudit.cam.CamResult;
import io.camaudit.data.DecodedImage;
import io.camaudit.data.ImagePreprocessor;
import io.camaudit.image.Box;
import io.camaudit.image.CamOverlay;
import io.camaudit.image.CropWindow;
import io.camaudit.image.FloatMap;
import io.camaudit.image.HeatmapPng;
import io.camaudit.image.MapSurface;
import io.camaudit.image.MetricsGrid;
import io.camaudit.image.Png;
import io.camaudit.metrics.BoxEnergy;
import io.camaudit.metrics.CamBox;
import io.camaudit.metrics.HotEnergy;
import io.camaudit.metrics.LocalisationProtocol;
import io.camaudit.metrics.LocalisationTrace;
import io.camaudit.metrics.PointingGame;
import io.camaudit.metrics.RegionLadder;
import io.camaudit.metrics.WsolProtocol;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures one explanation against its image's boxes without upsampling the map to the image's
 * pixels: energy and the pointing game are exact in closed form on the map's picture ({@link
 * MapSurface}); regions are found once per threshold on the picture sampled on a capped {@link
 * MetricsGrid}, and the CAM box, weak boxes and localisation are taken from those. The heatmap PNGs
 * are that sampled picture too, the overlay drawn on the image's {@link #thumbnail}.
 */
final class ImageMeasurer {

  private final List<String> classes;
  private final MeasureSettings settings;

  /** The wsol protocol over the model's input, when the settings ask for it; else null. */
  private final WsolProtocol wsol;

  /**
   * @param inputWidth the model input's width, pixels
   * @param inputHeight the model input's height, pixels
   */
  ImageMeasurer(List<String> classes, MeasureSettings settings, int inputWidth, int inputHeight) {
    this.classes = List.copyOf(classes);
    this.settings = settings;
    this.wsol =
        settings.localisation() == LocalisationProtocol.WSOL
            ? new WsolProtocol(inputWidth, inputHeight)
            : null;
    if (settings.overlay() != null) {
      settings.overlay().colours(); // fails here, at the task's start, without OpenCV
    }
  }

  /**
   * The picture of {@code image} on its metrics grid that {@link #measure} draws the overlay on,
   * when the settings ask for overlays; else null. Thread-safe.
   */
  BufferedImage thumbnail(DecodedImage image) {
    if (settings.overlay() == null) {
      return null;
    }
    MetricsGrid grid = MetricsGrid.of(image.width(), image.height(), settings.gridCap());
    return ImagePreprocessor.thumbnail(image.pixels(), grid.width(), grid.height());
  }

  /**
   * Measures {@code result} of the image whose model input covered {@code window}.
   *
   * @param thumbnail the image's {@link #thumbnail}
   * @param camMultChange the class's confidence change under CAM multiplication, or null
   * @param reliance the class's background reliance, or null
   * @param road the class's ROAD scores, or null
   */
  ImageStats measure(
      AuditInput input,
      CamResult result,
      CropWindow window,
      BufferedImage thumbnail,
      String decodeWarning,
      Double camMultChange,
      BackgroundReliance reliance,
      RoadScores road) {
    List<Box> truths = targetBoxes(input, classes.get(result.targetClass()));
    MapSurface surface = new MapSurface(result.cam(), window);
    MapSurface.Peak peak = surface.peak();
    MetricsGrid grid =
        MetricsGrid.of(window.imageWidth(), window.imageHeight(), settings.gridCap());
    FloatMap onGrid = surface.sample(grid);
    RegionLadder regions = RegionLadder.of(onGrid, grid, peak.value(), settings.taus());
    CamBox camBox = CamBox.of(regions.at(CamBox.DEFAULT_THRESHOLD), truths).orElse(null);
    boolean measured = !truths.isEmpty();
    return new ImageStats(
        result,
        window.imageWidth(),
        window.imageHeight(),
        truths.size(),
        measured ? BoxEnergy.of(surface, truths) : null,
        measured ? PointingGame.play(peak, truths, settings.pointingTolerance()) : null,
        measured ? HotEnergy.inFraction(onGrid, grid, peak.value(), truths) : null,
        camBox,
        regions,
        measured ? localisation(result, regions, truths, window) : null,
        settings.heatmapPng() ? HeatmapPng.encode(onGrid, peak.value()) : null,
        settings.overlay() != null
            ? Png.encode(CamOverlay.render(thumbnail, onGrid, peak.value(), settings.overlay()))
            : null,
        decodeWarning,
        camMultChange,
        reliance,
        road);
  }

  private LocalisationTrace localisation(
      CamResult result, RegionLadder regions, List<Box> truths, CropWindow window) {
    return wsol != null
        ? wsol.trace(result.cam(), truths, window)
        : LocalisationTrace.of(regions, truths);
  }

  /** The boxes of the target class; a box without a label is taken to outline the image's label. */
  private static List<Box> targetBoxes(AuditInput input, String target) {
    List<Box> boxes = new ArrayList<>();
    for (Box box : input.boxes()) {
      String label = box.label() != null ? box.label() : input.label();
      if (target.equals(label)) {
        boxes.add(box);
      }
    }
    return boxes;
  }
}
