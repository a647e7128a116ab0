package io.camaudit.spark;

import ai.djl.Device;
import io.camaudit.audit.AuditOutcome;
import io.camaudit.audit.ImageAuditor;
import io.camaudit.audit.ImageStats;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.GradCam;
import io.camaudit.cam.CamExplainer;
import io.camaudit.data.ImageDecoder;
import io.camaudit.data.ImagePreprocessor;
import io.camaudit.data.RejectReason;
import io.camaudit.metrics.BoxEnergy;
import io.camaudit.model.LoadedModel;
import io.camaudit.model.ModelCache;
import io.camaudit.model.ModelLoader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Audits one partition of manifest rows: gets the executor's model (loaded once per JVM), then
 * streams the rows through an {@link ImageAuditor} and turns each outcome into a result row.
 */
final class AuditPartitionFunction implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final AuditSettings settings;
  private final HadoopConf hadoopConf;
  private final LongAccumulator modelLoads;
  private final CollectionAccumulator<String> executors;

  AuditPartitionFunction(
      AuditSettings settings,
      HadoopConf hadoopConf,
      LongAccumulator modelLoads,
      CollectionAccumulator<String> executors) {
    this.settings = settings;
    this.hadoopConf = hadoopConf;
    this.modelLoads = modelLoads;
    this.executors = executors;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    executors.add(SparkEnv.get().executorId());
    HadoopFiles files = new HadoopFiles(hadoopConf.get(), settings.maxFileBytes());
    LoadedModel model =
        ModelCache.get(
            settings.modelLocation(),
            location ->
                ModelLoader.load(
                    location, files.modelLocator().localDirectory(location), Device.cpu()),
            () -> modelLoads.add(1));
    ImageAuditor auditor =
        new ImageAuditor(
            new CamExplainer(model.model(), new GradCam()),
            new ImagePreprocessor(model.spec().input()),
            new ImageDecoder(settings.maxPixels()),
            files::read,
            settings.batchSize());
    Iterator<AuditOutcome<Row>> outcomes =
        auditor.audit(rows, row -> row.getAs(ResultSchema.IMAGE_ID), ManifestRows::toInput);
    List<String> classes = model.model().classes();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return outcomes.hasNext();
      }

      @Override
      public Row next() {
        return toRow(outcomes.next(), classes);
      }
    };
  }

  private Row toRow(AuditOutcome<Row> outcome, List<String> classes) {
    Row in = outcome.item();
    List<Object> values = new ArrayList<>();
    values.add(outcome.imageId());
    values.add(in.getAs(ResultSchema.PATH));
    for (String group : settings.groupColumns()) {
      values.add(in.getAs(group));
    }
    String label = in.getAs(ManifestRows.LABEL);
    if (outcome.isExplained()) {
      addExplained(values, label, outcome.stats(), classes);
    } else {
      values.add(false);
      values.add(label);
      for (int i = 2; i < ResultSchema.AFTER_GROUPS.size() - 3; i++) {
        values.add(null);
      }
      RejectReason reason = outcome.reason();
      values.add(reason.stage());
      values.add(reason.code());
      values.add(outcome.detail());
    }
    return RowFactory.create(values.toArray());
  }

  private static void addExplained(
      List<Object> values, String label, ImageStats stats, List<String> classes) {
    CamResult result = stats.result();
    String target = classes.get(result.targetClass());
    String predicted = classes.get(result.predictedClass());
    values.add(true);
    values.add(label);
    values.add(target);
    values.add(result.targetSource().name().toLowerCase(java.util.Locale.ROOT));
    values.add(result.targetLogit());
    values.add(result.targetProbability());
    values.add(predicted);
    values.add(label == null ? null : label.equals(predicted));
    values.add(result.cam().height());
    values.add(result.cam().width());
    values.add(boxed(result.cam().values()));
    values.add(result.cam().max());
    values.add(stats.imageWidth());
    values.add(stats.imageHeight());
    values.add(stats.targetBoxCount());
    BoxEnergy energy = stats.energy();
    values.add(energy == null ? null : energy.energyIn());
    values.add(energy == null ? null : energy.energyTotal());
    values.add(energy == null ? null : finiteOrNull(energy.inFraction()));
    values.add(energy == null ? null : energy.boxAreaFraction());
    values.add(energy == null ? null : finiteOrNull(energy.lift()));
    values.add(null);
    values.add(null);
    values.add(null);
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
}
