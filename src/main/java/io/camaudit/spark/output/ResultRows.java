package io.camaudit.spark.output;

import io.camaudit.spark.input.ManifestSchema;
import io.camaudit.spark.input.ManifestRows;

import io.camaudit.audit.AuditOutcome;
import io.camaudit.audit.ImageStats;
import io.camaudit.cam.CamResult;
import io.camaudit.image.Box;
import io.camaudit.metrics.BoxEnergy;
import io.camaudit.metrics.CamBox;
import io.camaudit.metrics.PointingResult;
import io.camaudit.metrics.Region;
import io.camaudit.metrics.RegionLadder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** Turns audit outcomes into rows of {@link ResultSchema}, setting columns by name. */
public final class ResultRows {

  private final StructType schema;
  private final List<String> groupColumns;
  private final List<String> classes;

  public ResultRows(List<String> groupColumns, List<String> classes) {
    this.schema = ResultSchema.of(groupColumns);
    this.groupColumns = List.copyOf(groupColumns);
    this.classes = List.copyOf(classes);
  }

  public Row toRow(AuditOutcome<Row> outcome) {
    Object[] values = new Object[schema.size()];
    Row in = outcome.item();
    set(values, ResultSchema.IMAGE_ID, outcome.imageId());
    set(values, ManifestSchema.PATH, in.getAs(ManifestSchema.PATH));
    for (String group : groupColumns) {
      set(values, group, in.getAs(group));
    }
    String label = in.getAs(ManifestSchema.LABEL);
    set(values, "label", label);
    set(values, ResultSchema.EXPLAINED, outcome instanceof AuditOutcome.Explained);
    if (outcome instanceof AuditOutcome.Explained<Row> explained) {
      setExplained(values, label, explained.stats());
    } else if (outcome instanceof AuditOutcome.Rejected<Row> rejected) {
      set(values, "reject_stage", rejected.reason().stage());
      set(values, "reject_reason", rejected.reason().code());
      set(values, "reject_detail", rejected.detail());
    }
    return RowFactory.create(values);
  }

  private void setExplained(Object[] values, String label, ImageStats stats) {
    CamResult result = stats.result();
    String predicted = classes.get(result.predictedClass());
    set(values, "target_class", classes.get(result.targetClass()));
    set(values, "target_source", result.targetSource().name().toLowerCase(Locale.ROOT));
    set(values, "target_logit", result.targetLogit());
    set(values, "target_probability", result.targetProbability());
    set(values, "predicted_class", predicted);
    set(values, "correct", label == null ? null : label.equals(predicted));
    set(values, "map_height", result.cam().height());
    set(values, "map_width", result.cam().width());
    set(values, "cam", boxed(result.cam().values()));
    set(values, "cam_max", result.cam().max());
    set(values, "heatmap_png", stats.heatmapPng());
    set(values, "image_width", stats.imageWidth());
    set(values, "image_height", stats.imageHeight());
    set(values, "decode_warning", stats.decodeWarning());
    set(values, "box_count", stats.targetBoxCount());
    BoxEnergy energy = stats.energy();
    if (energy != null) {
      set(values, "energy_in", energy.energyIn());
      set(values, "energy_total", energy.energyTotal());
      set(values, "energy_in_fraction", finiteOrNull(energy.inFraction()));
      set(values, "box_area_fraction", energy.boxAreaFraction());
      set(values, "energy_lift", finiteOrNull(energy.lift()));
    }
    PointingResult pointing = stats.pointing();
    if (pointing != null) {
      set(values, "pointing_hit", pointing.hit());
      set(values, "peak_x", pointing.peakX());
      set(values, "peak_y", pointing.peakY());
    }
    CamBox camBox = stats.camBox();
    if (camBox != null) {
      Box box = camBox.box();
      set(values, "cam_box_x0", box.x0());
      set(values, "cam_box_y0", box.y0());
      set(values, "cam_box_x1", box.x1());
      set(values, "cam_box_y1", box.y1());
      set(values, "cam_box_iou", finiteOrNull(camBox.iou()));
    }
    set(values, ResultSchema.REGIONS, regionRows(stats.regions()));
    if (stats.localisation() != null) {
      set(values, "loc_iou_largest", boxed(stats.localisation().iouLargest()));
      set(values, "loc_iou_any", boxed(stats.localisation().iouAny()));
    }
  }

  private static Row[] regionRows(RegionLadder ladder) {
    List<Row> rows = new ArrayList<>();
    double[] taus = ladder.taus();
    for (int t = 0; t < taus.length; t++) {
      List<Region> regions = ladder.regions().get(t);
      for (int r = 0; r < regions.size(); r++) {
        Region region = regions.get(r);
        Box box = region.box();
        rows.add(
            RowFactory.create(
                taus[t], r, box.x0(), box.y0(), box.x1(), box.y1(), region.pixels(),
                region.energyShare(), r == 0));
      }
    }
    return rows.toArray(new Row[0]);
  }

  private void set(Object[] values, String column, Object value) {
    values[schema.fieldIndex(column)] = value;
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static Float[] boxed(float[] values) {
    Float[] boxed = new Float[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }

  private static Double[] boxed(double[] values) {
    Double[] boxed = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }
}
