package io.camaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.audit.MeasureSettings;
import io.camaudit.image.Box;
import io.camaudit.image.CropWindow;
import io.camaudit.image.FloatMap;
import io.camaudit.image.FullResolution;
import io.camaudit.image.MapSurface;
import io.camaudit.image.MetricsGrid;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bounds docs/metrics.md states for measuring without the full-resolution picture, checked
 * against that picture ({@link FullResolution}) at real image sizes (640×480 to 12 MP, whole images
 * and centre crops) on seeded random maps shaped like Grad-CAM's:
 *
 * <ul>
 *   <li>energy in and out of the boxes, the box area fraction and the pointing game: equal (to 1e-6
 *       for sums), for every map;
 *   <li>threshold regions on the default 256-cell grid: at least 99% of the largest regions' box
 *       edges within one grid cell of the full-resolution edges (the rest are where the two
 *       resolutions disagree about a neck thinner than a cell joining two regions);
 *   <li>what users read from them: the CAM box's IoU with the truth within 0.01, MaxBoxAcc at δ
 *       0.3, 0.5, 0.7 and MaxBoxAccV2 over the maps within 0.01.
 * </ul>
 */
class GridMetricsBoundsTest {

  private static final double[] TAUS = ThresholdGrid.defaults();

  private final Random random = new Random(7);

  @Test
  void gridMetricsStayWithinTheirBoundsOnRealImageSizes() {
    List<CropWindow> windows =
        List.of(
            CropWindow.whole(640, 480),
            new CropWindow(84.5, 0, 556.5, 472.5, 640, 480),
            new CropWindow(0, 94.7, 427, 521.3, 427, 640),
            CropWindow.whole(1600, 1200),
            new CropWindow(687.5, 0, 3312.5, 3000, 4000, 3000));
    BoxAccuracy fullAccuracy = new BoxAccuracy(TAUS);
    BoxAccuracy gridAccuracy = new BoxAccuracy(TAUS);
    int edges = 0;
    int edgesWithinOneCell = 0;
    for (CropWindow window : windows) {
      int maps = window.imageWidth() > 2000 ? 2 : window.imageWidth() > 1000 ? 8 : 20;
      for (int m = 0; m < maps; m++) {
        String what = window + " map " + m;
        FloatMap map = smooth();
        List<Box> truths = boxes(window);
        FloatMap full = FullResolution.project(map, window);
        MapSurface surface = new MapSurface(map, window);

        BoxEnergy exact = BoxEnergy.of(full, truths);
        BoxEnergy closed = BoxEnergy.of(surface, truths);
        assertEquals(exact.inFraction(), closed.inFraction(), 1e-6, what + ": energy fraction");
        assertEquals(exact.energyTotal(), closed.energyTotal(), 1e-6 * exact.energyTotal(), what);
        assertEquals(exact.boxAreaFraction(), closed.boxAreaFraction(), 1e-12, what + ": area");
        assertEquals(
            PointingGame.play(full, truths, 15),
            PointingGame.play(surface.peak(), truths, 15),
            what + ": pointing game");

        MetricsGrid grid =
            MetricsGrid.of(
                window.imageWidth(), window.imageHeight(), MeasureSettings.DEFAULT_GRID_CAP);
        RegionLadder reference = RegionLadder.of(full, TAUS);
        RegionLadder onGrid =
            RegionLadder.of(surface.sample(grid), grid, surface.peak().value(), TAUS);
        for (int t = 0; t < TAUS.length; t++) {
          List<Region> want = reference.regions().get(t);
          List<Region> got = onGrid.regions().get(t);
          assertEquals(want.isEmpty(), got.isEmpty(), what + " tau " + TAUS[t]);
          if (!want.isEmpty()) {
            for (double cells : edgeShifts(want.get(0).box(), got.get(0).box(), grid)) {
              edges++;
              edgesWithinOneCell += cells <= 1 + 1e-9 ? 1 : 0;
            }
          }
        }
        Optional<CamBox> camFull = CamBox.of(reference.at(CamBox.DEFAULT_THRESHOLD), truths);
        Optional<CamBox> camGrid = CamBox.of(onGrid.at(CamBox.DEFAULT_THRESHOLD), truths);
        assertEquals(camFull.get().iou(), camGrid.get().iou(), 0.01, what + ": CAM box IoU");
        fullAccuracy.add(LocalisationTrace.of(reference, truths));
        gridAccuracy.add(LocalisationTrace.of(onGrid, truths));
      }
    }
    assertTrue(
        edgesWithinOneCell >= 0.99 * edges,
        edgesWithinOneCell + " of " + edges + " box edges within one grid cell");
    for (double delta : new double[] {0.3, 0.5, 0.7}) {
      assertEquals(
          fullAccuracy.maxBoxAcc(BoxAccuracy.Variant.LARGEST_REGION, delta).accuracy(),
          gridAccuracy.maxBoxAcc(BoxAccuracy.Variant.LARGEST_REGION, delta).accuracy(),
          0.01,
          "MaxBoxAcc at delta " + delta);
    }
    assertEquals(fullAccuracy.maxBoxAccV2(), gridAccuracy.maxBoxAccV2(), 0.01, "MaxBoxAccV2");
    assertTrue(
        fullAccuracy.maxBoxAcc(BoxAccuracy.Variant.LARGEST_REGION, 0.3).accuracy() > 0.1,
        "some boxes are found: the comparison is not of zeros");
  }

  /** How far each edge of {@code b} is from {@code a}'s, in grid cells. */
  private static double[] edgeShifts(Box a, Box b, MetricsGrid grid) {
    return new double[] {
      Math.abs(a.x0() - b.x0()) / grid.cellWidth(), Math.abs(a.x1() - b.x1()) / grid.cellWidth(),
      Math.abs(a.y0() - b.y0()) / grid.cellHeight(), Math.abs(a.y1() - b.y1()) / grid.cellHeight()
    };
  }

  /** A 7×7 map like a ReLU'd Grad-CAM: one to three bumps, zeros where they are weak. */
  private FloatMap smooth() {
    float[] values = new float[49];
    for (int k = 1 + random.nextInt(3); k > 0; k--) {
      double cx = random.nextDouble() * 7;
      double cy = random.nextDouble() * 7;
      double s = 0.8 + random.nextDouble() * 1.5;
      double amplitude = 0.2 + random.nextDouble();
      for (int y = 0; y < 7; y++) {
        for (int x = 0; x < 7; x++) {
          double d2 = (x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy);
          values[y * 7 + x] += (float) (amplitude * Math.exp(-d2 / (2 * s * s)));
        }
      }
    }
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.max(0, values[i] - 0.05f);
    }
    return new FloatMap(7, 7, values);
  }

  /** One or two ground-truth boxes of random size somewhere in the map's window. */
  private List<Box> boxes(CropWindow window) {
    double w = (window.x1() - window.x0()) * (0.2 + 0.5 * random.nextDouble());
    double h = (window.y1() - window.y0()) * (0.2 + 0.5 * random.nextDouble());
    double x = window.x0() + random.nextDouble() * (window.x1() - window.x0() - w);
    double y = window.y0() + random.nextDouble() * (window.y1() - window.y0() - h);
    Box first = new Box(x, y, x + w, y + h, "c");
    return random.nextBoolean()
        ? List.of(first)
        : List.of(
            first,
            new Box(
                x + w / 3,
                y + h / 2,
                Math.min(window.imageWidth(), x + w * 1.4),
                Math.min(window.imageHeight(), y + h * 1.2),
                "c"));
  }
}
