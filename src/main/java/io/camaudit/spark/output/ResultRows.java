package io.camaudit.spark.output;

import static io.camaudit.spark.output.OutputColumns.BACKGROUND_ONLY_CORRECT;
import static io.camaudit.spark.output.OutputColumns.BACKGROUND_ONLY_PROBABILITY;
import static io.camaudit.spark.output.OutputColumns.BOX_AREA_FRACTION;
import static io.camaudit.spark.output.OutputColumns.BOX_COUNT;
import static io.camaudit.spark.output.OutputColumns.CAM;
import static io.camaudit.spark.output.OutputColumns.CAM_BOX_IOU;
import static io.camaudit.spark.output.OutputColumns.CAM_BOX_X0;
import static io.camaudit.spark.output.OutputColumns.CAM_BOX_X1;
import static io.camaudit.spark.output.OutputColumns.CAM_BOX_Y0;
import static io.camaudit.spark.output.OutputColumns.CAM_BOX_Y1;
import static io.camaudit.spark.output.OutputColumns.CAM_MAX;
import static io.camaudit.spark.output.OutputColumns.CAM_MULT_CONFIDENCE_CHANGE;
import static io.camaudit.spark.output.OutputColumns.CONFIDENCE_DROP;
import static io.camaudit.spark.output.OutputColumns.CORRECT;
import static io.camaudit.spark.output.OutputColumns.DECODE_WARNING;
import static io.camaudit.spark.output.OutputColumns.ENERGY_IN;
import static io.camaudit.spark.output.OutputColumns.ENERGY_IN_FRACTION;
import static io.camaudit.spark.output.OutputColumns.ENERGY_LIFT;
import static io.camaudit.spark.output.OutputColumns.ENERGY_TOTAL;
import static io.camaudit.spark.output.OutputColumns.HEATMAP_PNG;
import static io.camaudit.spark.output.OutputColumns.IMAGE_HEIGHT;
import static io.camaudit.spark.output.OutputColumns.IMAGE_ID;
import static io.camaudit.spark.output.OutputColumns.IMAGE_WIDTH;
import static io.camaudit.spark.output.OutputColumns.LABEL;
import static io.camaudit.spark.output.OutputColumns.MAP_HEIGHT;
import static io.camaudit.spark.output.OutputColumns.MAP_WIDTH;
import static io.camaudit.spark.output.OutputColumns.OBJECT_ONLY_CORRECT;
import static io.camaudit.spark.output.OutputColumns.OBJECT_ONLY_PROBABILITY;
import static io.camaudit.spark.output.OutputColumns.OVERLAY_PNG;
import static io.camaudit.spark.output.OutputColumns.PEAK_X;
import static io.camaudit.spark.output.OutputColumns.PEAK_Y;
import static io.camaudit.spark.output.OutputColumns.POINTING_HIT;
import static io.camaudit.spark.output.OutputColumns.PREDICTED_CLASS;
import static io.camaudit.spark.output.OutputColumns.ROAD_COMBINED;
import static io.camaudit.spark.output.OutputColumns.ROAD_LEAST_RELEVANT_FIRST;
import static io.camaudit.spark.output.OutputColumns.ROAD_MOST_RELEVANT_FIRST;
import static io.camaudit.spark.output.OutputColumns.TARGET_CLASS;
import static io.camaudit.spark.output.OutputColumns.TARGET_PROBABILITY;
import static io.camaudit.spark.output.OutputColumns.TARGET_SOURCE;

import io.camaudit.audit.AttentionSignature;
import io.camaudit.audit.AuditOutcome;
import io.camaudit.audit.BackgroundReliance;
import io.camaudit.audit.ImageStats;
import io.camaudit.audit.RoadScores;
import io.camaudit.cam.CamResult;
import io.camaudit.image.Box;
import io.camaudit.metrics.BoxEnergy;
import io.camaudit.metrics.CamBox;
import io.camaudit.metrics.PointingResult;
import io.camaudit.metrics.Region;
import io.camaudit.metrics.RegionLadder;
import io.camaudit.spark.input.ManifestSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Turns audit outcomes into rows of {@link ResultSchema}, setting columns by name: one row per
 * explained (image, class) pair, one per rejected input.
 */
public final class ResultRows {

  private final StructType schema;
  private final List<String> groupColumns;
  private final List<String> classes;

  public ResultRows(List<String> groupColumns, List<String> classes) {
    this.schema = ResultSchema.of(groupColumns);
    this.groupColumns = List.copyOf(groupColumns);
    this.classes = List.copyOf(classes);
  }

  /** One row per explained class of an explained image; one row for a rejected one. */
  public List<Row> toRows(AuditOutcome<Row> outcome) {
    if (outcome instanceof AuditOutcome.Explained<Row> explained) {
      List<Row> rows = new ArrayList<>(explained.stats().size());
      for (ImageStats stats : explained.stats()) {
        Object[] values = inputValues(outcome);
        set(values, ResultSchema.FIRST_TARGET, rows.isEmpty());
        setExplained(values, explained.item().getAs(ManifestSchema.LABEL), stats);
        rows.add(RowFactory.create(values));
      }
      return rows;
    }
    AuditOutcome.Rejected<Row> rejected = (AuditOutcome.Rejected<Row>) outcome;
    Object[] values = inputValues(outcome);
    set(values, ResultSchema.REJECT_STAGE, rejected.reason().stage());
    set(values, ResultSchema.REJECT_REASON, rejected.reason().code());
    set(values, ResultSchema.REJECT_DETAIL, rejected.detail());
    return List.of(RowFactory.create(values));
  }

  /** A row's values with the input's columns set. */
  private Object[] inputValues(AuditOutcome<Row> outcome) {
    Object[] values = new Object[schema.size()];
    Row in = outcome.item();
    set(values, IMAGE_ID, outcome.imageId());
    set(values, ManifestSchema.PATH, in.getAs(ManifestSchema.PATH));
    for (String group : groupColumns) {
      set(values, group, in.getAs(group));
    }
    set(values, LABEL, in.getAs(ManifestSchema.LABEL));
    set(values, ResultSchema.EXPLAINED, outcome instanceof AuditOutcome.Explained);
    set(values, ResultSchema.FIRST_TARGET, true);
    return values;
  }

  private void setExplained(Object[] values, String label, ImageStats stats) {
    CamResult result = stats.result();
    String predicted = classes.get(result.predictedClass());
    set(values, TARGET_CLASS, classes.get(result.targetClass()));
    set(values, TARGET_SOURCE, result.targetSource().name().toLowerCase(Locale.ROOT));
    set(values, TARGET_PROBABILITY, result.targetProbability());
    set(values, PREDICTED_CLASS, predicted);
    set(values, CORRECT, label == null ? null : result.targetPredicted());
    set(values, MAP_HEIGHT, result.cam().height());
    set(values, MAP_WIDTH, result.cam().width());
    set(values, CAM, result.cam().values());
    set(values, CAM_MAX, result.cam().max());
    set(values, HEATMAP_PNG, stats.heatmapPng());
    set(values, OVERLAY_PNG, stats.overlayPng());
    set(values, IMAGE_WIDTH, stats.imageWidth());
    set(values, IMAGE_HEIGHT, stats.imageHeight());
    set(values, DECODE_WARNING, stats.decodeWarning());
    set(values, BOX_COUNT, stats.targetBoxCount());
    BoxEnergy energy = stats.energy();
    if (energy != null) {
      set(values, ENERGY_IN, energy.energyIn());
      set(values, ENERGY_TOTAL, energy.energyTotal());
      set(values, ENERGY_IN_FRACTION, finiteOrNull(energy.inFraction()));
      set(values, BOX_AREA_FRACTION, energy.boxAreaFraction());
      set(values, ENERGY_LIFT, finiteOrNull(energy.lift()));
    }
    PointingResult pointing = stats.pointing();
    if (pointing != null) {
      set(values, POINTING_HIT, pointing.hit());
      set(values, PEAK_X, pointing.peakX());
      set(values, PEAK_Y, pointing.peakY());
    }
    CamBox camBox = stats.camBox();
    if (camBox != null) {
      Box box = camBox.box();
      set(values, CAM_BOX_X0, box.x0());
      set(values, CAM_BOX_Y0, box.y0());
      set(values, CAM_BOX_X1, box.x1());
      set(values, CAM_BOX_Y1, box.y1());
      set(values, CAM_BOX_IOU, finiteOrNull(camBox.iou()));
    }
    set(values, CAM_MULT_CONFIDENCE_CHANGE, stats.camMultChange());
    RoadScores road = stats.road();
    if (road != null) {
      set(values, ROAD_MOST_RELEVANT_FIRST, road.mostRelevantFirst());
      set(values, ROAD_LEAST_RELEVANT_FIRST, road.leastRelevantFirst());
      set(values, ROAD_COMBINED, road.combined());
    }
    BackgroundReliance reliance = stats.reliance();
    if (reliance != null) {
      set(values, BACKGROUND_ONLY_PROBABILITY, reliance.backgroundOnlyProbability());
      set(
          values,
          BACKGROUND_ONLY_CORRECT,
          label == null ? null : reliance.backgroundOnlyPredicts());
      set(values, OBJECT_ONLY_PROBABILITY, reliance.objectOnlyProbability());
      set(values, OBJECT_ONLY_CORRECT, label == null ? null : reliance.objectOnlyPredicts());
      set(
          values,
          CONFIDENCE_DROP,
          result.targetProbability() - reliance.backgroundOnlyProbability());
    }
    set(values, ResultSchema.SIGNATURE, AttentionSignature.of(stats));
    set(values, ResultSchema.REGIONS, regionRows(stats.regions()));
    if (stats.localisation() != null) {
      set(values, ResultSchema.LOC_IOU_LARGEST, stats.localisation().iouLargest());
      set(values, ResultSchema.LOC_IOU_ANY, stats.localisation().iouAny());
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
        // In the order of ResultSchema.REGION_COLUMNS.
        rows.add(
            RowFactory.create(
                taus[t],
                r,
                box.x0(),
                box.y0(),
                box.x1(),
                box.y1(),
                region.pixels(),
                region.energyShare(),
                r == 0));
      }
    }
    return rows.toArray(new Row[0]);
  }

  private void set(Object[] values, OutputColumn column, Object value) {
    set(values, column.name(), value);
  }

  private void set(Object[] values, String column, Object value) {
    values[schema.fieldIndex(column)] = value;
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
