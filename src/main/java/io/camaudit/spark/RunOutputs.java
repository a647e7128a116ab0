package io.camaudit.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Everything a run writes under the output root, so that a re-run of the same run id can clear
 * its earlier outputs first: dynamic partition overwrite replaces only the partitions a write
 * produces, so a table that is empty this time (no rejections, say) would otherwise keep the
 * previous run's rows.
 */
final class RunOutputs {

  /** Every table the audit writes, each partitioned by {@code run_id}. */
  static final List<String> TABLES =
      List.of(
          OutputTables.HEATMAPS, OutputTables.IMAGE_STATS, OutputTables.BOXES,
          OutputTables.REJECTED, GroupMetricsTable.TABLE, GroupMetricsTable.DISPARITIES,
          LocalisationTable.TABLE, LocalisationTable.CURVE, AuditDiff.TABLE, RunsTable.TABLE);

  private RunOutputs() {}

  /** Deletes {@code runId}'s partitions of every table and its COCO export under {@code root}. */
  static void clear(Configuration hadoop, String root, String runId) {
    try {
      for (String table : TABLES) {
        delete(hadoop, new Path(root, table + "/run_id=" + runId));
      }
      delete(hadoop, new Path(root, CocoExport.DIRECTORY + "/" + runId + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clear run " + runId + " under " + root, e);
    }
  }

  private static void delete(Configuration hadoop, Path path) throws IOException {
    FileSystem fs = path.getFileSystem(hadoop);
    if (fs.exists(path)) {
      fs.delete(path, true);
    }
  }
}
