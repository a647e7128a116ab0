package io.camaudit.bench;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Scale-out on the local standalone cluster ({@code scripts/local-cluster}): the same photographs
 * audited through {@code spark-submit} by one worker of one core, then by two workers of one core
 * each; images per second, speed-up, model loads, executors and shuffle bytes from each run's
 * summary.
 */
final class ClusterBench {

  private final Path repo;
  private final Path work;
  private final Path modelDir;

  ClusterBench(Path repo, Path work, Path modelDir) {
    this.repo = repo;
    this.work = work;
    this.modelDir = modelDir;
  }

  /**
   * Runs the photographs of {@code manifest} on one worker, then two; prints both and the ratio.
   */
  void run(Path manifest) throws Exception {
    EndToEnd e2e = new EndToEnd(repo, work);
    Path home = work.resolve("cluster").toAbsolutePath();
    System.out.printf(
        "%8s %8s %9s %8s %8s %10s %13s%n",
        "workers", "images", "seconds", "images/s", "loads", "executors", "shuffle bytes");
    double one = 0;
    for (int workers : new int[] {1, 2}) {
      cluster("start", workers, home);
      EndToEnd.Run run;
      try {
        run =
            e2e.audit(
                "cluster-" + workers,
                manifest,
                "",
                List.of("--model", modelDir.toAbsolutePath().toString()),
                Map.of("SPARK_HOME", home.resolve("spark-home").toString()));
      } finally {
        cluster("stop", workers, home);
      }
      JsonObject s = run.summary();
      System.out.printf(
          "%8d %8d %9.1f %8.1f %8d %10s %13d%n",
          workers,
          run.processed(),
          s.get("seconds").getAsDouble(),
          run.imagesPerSecond(),
          s.get("model_loads").getAsLong(),
          s.get("executors"),
          s.get("shuffle_bytes").getAsLong());
      if (workers == 1) {
        one = run.imagesPerSecond();
      } else {
        System.out.printf(
            "two one-core workers / one: %.2f (goal >= 1.8)%n", run.imagesPerSecond() / one);
      }
    }
  }

  private void cluster(String action, int workers, Path home) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(repo.resolve("scripts/local-cluster").toString(), action)
            .directory(repo.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("cluster-" + action + ".log").toFile());
    builder.environment().put("CLUSTER_DIR", home.toString());
    builder.environment().put("WORKERS", Integer.toString(workers));
    builder.environment().put("WORKER_CORES", "1");
    builder.environment().put("WORKER_MEMORY", "2g");
    if (builder.start().waitFor() != 0) {
      throw new IllegalStateException(
          "scripts/local-cluster "
              + action
              + " failed, see "
              + work.resolve("cluster-" + action + ".log")
              + ": "
              + Files.readString(work.resolve("cluster-" + action + ".log")));
    }
  }
}
