package io.camaudit.spark.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run beside the earlier run of the same id and replaces it only once complete, so that a
 * crash at any moment loses nothing: the earlier run stays whole until the new one is, and a
 * replacement that was cut short is finished by the next run on the same output.
 *
 * <ol>
 *   <li><b>Stage.</b> Every file of the run is written under {@code
 *       <root>/_staging/<run_id>.<commit>/} (Spark ignores folders starting with {@code _}). A
 *       crash here leaves the earlier run untouched; the staged files are removed by the next run
 *       of the same id.
 *   <li><b>Commit.</b> A marker {@code <root>/_commits/<run_id>.<commit>} is created: from then on
 *       the new run is the run, and replacing is only a matter of finishing.
 *   <li><b>Replace.</b> Per table, the files of the run's earlier commits are deleted and the
 *       staged files moved in as {@code <run_id>~<commit>~<name>}; single files (the run summary,
 *       the COCO export) replace their namesakes. Then the staging folder and the marker go. Every
 *       step can be repeated, so a replacement cut short by a crash is finished by {@link #recover}
 *       at the start of the next run, whatever its id.
 * </ol>
 *
 * <p>See {@link OutputLayout} for where the committed files live.
 */
final class RunCommit implements RunWriter {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommit.class);

  /** Where runs are staged, under the output root. */
  static final String STAGING = "_staging";

  /** Where commit markers are, under the output root. */
  static final String COMMITS = "_commits";

  private final Configuration hadoop;
  private final Path root;
  private final String runId;
  private final String commitId;

  private RunCommit(Configuration hadoop, Path root, String runId, String commitId) {
    this.hadoop = hadoop;
    this.root = root;
    this.runId = runId;
    this.commitId = commitId;
  }

  /** A new commit of {@code runId} under the output {@code root}. */
  static RunCommit begin(Configuration hadoop, String root, String runId) {
    String commit = UUID.randomUUID().toString().substring(0, 8);
    return new RunCommit(hadoop, new Path(root), runId, commit);
  }

  /**
   * Stages {@code rows} as this run's part of {@code table}. Spark writes at least one file, so a
   * table without rows in this run is still readable, with its schema.
   */
  @Override
  public void writeTable(Dataset<Row> rows, OutputTable table, List<String> groupColumns) {
    table.checkColumns(rows.schema(), groupColumns);
    rows.write()
        .mode(SaveMode.ErrorIfExists)
        .parquet(new Path(staging(), table.tableName()).toString());
  }

  /** Creates a staged single file, {@code relative} to the output root. */
  @Override
  public OutputStream createFile(String relative) throws IOException {
    Path file = new Path(staging(), FILES + "/" + relative);
    return file.getFileSystem(hadoop).create(file, true);
  }

  /** Commits the staged run and replaces the earlier one. */
  @Override
  public void commit() {
    CrashPoint.haltIfAsked(CrashPoint.STAGED);
    Path marker = new Path(root, COMMITS + "/" + runId + "." + commitId);
    try (OutputStream out = fs().create(marker, false)) {
      out.write((runId + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot commit run " + runId + " (" + marker + ")", e);
    }
    replace(true);
  }

  /**
   * Finishes every commit under {@code root} whose replacement was cut short, and removes what an
   * uncommitted earlier attempt at {@code runId} staged.
   */
  static void recover(Configuration hadoop, String root, String runId) {
    Path rootPath = new Path(root);
    try {
      FileSystem fs = rootPath.getFileSystem(hadoop);
      List<String> committed = new ArrayList<>();
      for (FileStatus marker : list(fs, new Path(rootPath, COMMITS))) {
        String name = marker.getPath().getName();
        int dot = name.lastIndexOf('.');
        LOG.warn(
            "Finishing the replacement of run {} that an earlier job left unfinished",
            name.substring(0, dot));
        new RunCommit(hadoop, rootPath, name.substring(0, dot), name.substring(dot + 1))
            .replace(false);
        committed.add(name);
      }
      for (FileStatus staged : list(fs, new Path(rootPath, STAGING))) {
        String name = staged.getPath().getName();
        int dot = name.lastIndexOf('.');
        if (dot > 0 && name.substring(0, dot).equals(runId) && !committed.contains(name)) {
          LOG.warn("Removing {}: an earlier attempt at run {} that did not commit", name, runId);
          fs.delete(staged.getPath(), true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot recover earlier runs under " + root, e);
    }
  }

  /** Subfolder of the staging folder holding single files, by their path under the root. */
  private static final String FILES = "_files";

  private void replace(boolean mayCrash) {
    try {
      FileSystem fs = fs();
      Path staging = staging();
      boolean first = true;
      for (FileStatus table : list(fs, staging)) {
        String name = table.getPath().getName();
        if (name.equals(FILES)) {
          continue;
        }
        replaceTable(fs, table.getPath(), new Path(root, name));
        if (first && mayCrash) {
          CrashPoint.haltIfAsked(CrashPoint.REPLACING);
        }
        first = false;
      }
      Path files = new Path(staging, FILES);
      if (fs.exists(files)) {
        replaceFiles(fs, files, files);
      }
      fs.delete(staging, true);
      fs.delete(new Path(root, COMMITS + "/" + runId + "." + commitId), false);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot replace run " + runId + " under " + root + " (the next run finishes it)", e);
    }
  }

  /** Deletes the run's files of other commits in {@code target}, moves the staged ones in. */
  private void replaceTable(FileSystem fs, Path staged, Path target) throws IOException {
    fs.mkdirs(target);
    String ours = OutputLayout.filePrefix(runId, commitId);
    for (FileStatus file : list(fs, target)) {
      String name = file.getPath().getName();
      if (OutputLayout.isRunFile(name, runId) && !name.startsWith(ours)) {
        fs.delete(file.getPath(), false);
      }
    }
    for (FileStatus file : list(fs, staged)) {
      String name = file.getPath().getName();
      if (OutputLayout.isDataFile(name)) {
        move(fs, file.getPath(), new Path(target, ours + name));
      }
    }
  }

  /** Moves every staged single file under {@code dir} to its place under the root. */
  private void replaceFiles(FileSystem fs, Path dir, Path base) throws IOException {
    for (FileStatus entry : list(fs, dir)) {
      if (entry.isDirectory()) {
        replaceFiles(fs, entry.getPath(), base);
      } else {
        String relative = base.toUri().relativize(entry.getPath().toUri()).getPath();
        Path target = new Path(root, relative);
        fs.mkdirs(target.getParent());
        if (fs.exists(target)) {
          fs.delete(target, false);
        }
        move(fs, entry.getPath(), target);
      }
    }
  }

  /**
   * Renames {@code from} to {@code to}; when a repeated replacement finds {@code to} already there
   * (an object store's rename copies, then deletes), only the source is left to delete.
   */
  private static void move(FileSystem fs, Path from, Path to) throws IOException {
    if (fs.exists(to)) {
      fs.delete(from, false);
    } else if (!fs.rename(from, to)) {
      throw new IOException("Cannot move " + from + " to " + to);
    }
  }

  private static FileStatus[] list(FileSystem fs, Path dir) throws IOException {
    return fs.exists(dir) ? fs.listStatus(dir) : new FileStatus[0];
  }

  private Path staging() {
    return new Path(root, STAGING + "/" + runId + "." + commitId);
  }

  private FileSystem fs() throws IOException {
    return root.getFileSystem(hadoop);
  }
}
