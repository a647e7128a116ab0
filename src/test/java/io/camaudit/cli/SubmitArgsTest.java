package io.camaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs/audit} under {@code SPARK_HOME} hands {@code CAM_AUDIT_SUBMIT_ARGS} to spark-submit
 * word by word, split as a shell command line is ({@code "…"}, {@code '…'}, {@code \ }) and never
 * expanded; an unmatched quote exits 2 without submitting. The spark-submit here prints its
 * arguments one per line.
 */
class SubmitArgsTest {

  private static final String JAR = "/opt/cam-audit/app.jar";

  @TempDir Path dir;

  private record Submitted(int exitCode, List<String> arguments, String stderr) {}

  @Test
  void quotedWordsReachSparkSubmitAsWritten() throws Exception {
    Path marker = dir.resolve("expanded");
    Submitted run =
        submit(
            "--master yarn --conf \"spark.driver.extraJavaOptions=-Da=1 -Db=2\""
                + " --name 'my audit' --conf x=$(touch "
                + marker
                + ") * \"\" a\\ b",
            "--manifest",
            "m n");
    assertEquals(0, run.exitCode(), run.stderr());
    List<String> args = run.arguments();
    int jar = args.indexOf(JAR);
    assertEquals(
        List.of(
            "--class",
            "io.camaudit.cli.Main",
            "--master",
            "yarn",
            "--conf",
            "spark.driver.extraJavaOptions=-Da=1 -Db=2",
            "--name",
            "my audit",
            "--conf",
            "x=$(touch",
            marker + ")",
            "*",
            "",
            "a b"),
        args.subList(0, jar),
        "the launcher adds nothing of its own, so the cluster's extraJavaOptions stand");
    assertEquals(List.of("audit", "--manifest", "m n"), args.subList(jar + 1, args.size()));
    assertFalse(Files.exists(marker), "nothing in the variable runs");
  }

  @Test
  void anUnmatchedQuoteExitsTwoWithoutSubmitting() throws Exception {
    Submitted run = submit("--conf \"spark.driver.memory=4g", "--manifest", "m");
    assertEquals(Main.EXIT_INVALID_CONFIGURATION, run.exitCode());
    assertEquals(List.of(), run.arguments());
    assertTrue(run.stderr().startsWith("Invalid CAM_AUDIT_SUBMIT_ARGS: unmatched quote"));
  }

  private Submitted submit(String submitArgs, String... auditArgs) throws Exception {
    Path sparkSubmit = Files.createDirectories(dir.resolve("spark/bin")).resolve("spark-submit");
    Files.writeString(sparkSubmit, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(sparkSubmit, PosixFilePermissions.fromString("rwx------"));
    List<String> command = new java.util.ArrayList<>(List.of("bash", "jobs/audit"));
    command.addAll(List.of(auditArgs));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("SPARK_HOME", dir.resolve("spark").toString());
    builder.environment().put("CAM_AUDIT_JAR", JAR);
    builder.environment().put("CAM_AUDIT_SUBMIT_ARGS", submitArgs);
    Process process = builder.start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "jobs/audit did not finish");
    return new Submitted(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .toList(),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
