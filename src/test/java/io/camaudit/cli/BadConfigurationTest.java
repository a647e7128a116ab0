package io.camaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.demo.DatasetWriter;
import io.camaudit.demo.ShortcutDatasetGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad configuration fails fast with exit 2 and a message naming the option, in this JVM, as
 * {@code jobs/audit} runs the same entry point: a baseline that is not there, a model that is not
 * there or that points outside its directory, an unknown option, an output that is a file, a
 * manifest column of the wrong type. Options that several commands share fail the same way in each
 * ({@link SharedOptionsTest}).
 */
class BadConfigurationTest {

  @TempDir static Path dir;
  private static Path manifest;

  @BeforeAll
  static void data() throws Exception {
    manifest = DatasetWriter.write(new ShortcutDatasetGenerator(5), 4, dir.resolve("data")).file();
  }

  private static InProcessRun.Outcome audit(Path manifest, Path output, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "audit",
                "--manifest",
                manifest.toString(),
                "--output",
                output.toString(),
                "--run-id",
                "n",
                "--group-cols",
                "source"));
    args.addAll(List.of(more));
    return InProcessRun.run(args);
  }

  private static void assertRefused(InProcessRun.Outcome outcome, String expected) {
    assertEquals(Main.EXIT_INVALID_CONFIGURATION, outcome.exitCode(), outcome.stderr());
    assertTrue(outcome.stderr().contains(expected), outcome.stderr());
  }

  @Test
  void optionErrorsNameTheOption() throws Exception {
    Path output = dir.resolve("out");
    assertRefused(
        audit(manifest, output, "--baseline-run", "never"),
        "cam-audit: Invalid --baseline-run 'never'");
    assertRefused(
        audit(manifest, output, "--model", "/no/such/model"),
        "cam-audit: Invalid --model '/no/such/model'");
    assertRefused(audit(manifest, output, "--no-such-option"), "--no-such-option");

    Files.writeString(dir.resolve("file"), "x");
    assertRefused(audit(manifest, dir.resolve("file")), "cam-audit: Invalid --output");

    Path outside = Files.createDirectories(dir.resolve("outside-model"));
    Files.copy(Path.of("src/test/resources/fixtures/plain-scripted.pt"), dir.resolve("m.pt"));
    Files.writeString(
        outside.resolve("model.json"),
        """
        {"name": "plain", "format": "torchscript", "weights": "../m.pt", "layer": "0",
         "classes": ["circle", "square", "triangle"],
         "input": {"width": 32, "height": 32, "resize": "stretch",
                   "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]}}
        """);
    assertRefused(
        audit(manifest, output, "--model", outside.toString()), "inside the model directory");

    Path badType = dir.resolve("bad-type.jsonl");
    Files.writeString(badType, "{\"image_id\": \"a\", \"path\": \"a.png\", \"boxes\": 3}\n");
    InProcessRun.Outcome typed = audit(badType, output);
    assertRefused(typed, "cam-audit: Invalid --manifest '");
    assertTrue(typed.stderr().contains("column 'boxes' has type bigint"), typed.stderr());
  }
}
