package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's local commands, run as written, in order, in a clean copy of the project: every
 * {@code bash} block that follows the line {@value #MARKER}. Each command exits with 0 and prints
 * no stack trace and no warning ({@link CleanConsole}); a command's {@code # -> PATH} comment names
 * a file it must have written. The copy holds the files git tracks or would track, with their
 * times, and the application jar this build made, so {@code scripts/demo} finds it up to date.
 */
class ReadmeCommandsIT {

  static final String MARKER = "<!-- run by ReadmeCommandsIT -->";

  private static final Pattern WRITES = Pattern.compile("#\\s*->\\s*(\\S+)");

  /** One command line of the README and the file its {@code # -> PATH} comment names, if any. */
  record Command(String line, String writes) {}

  @TempDir Path dir;

  @Test
  void theReadmesLocalCommandsRunCleanlyInACleanCopy() throws Exception {
    List<Command> commands = commands(Files.readString(Path.of("README.md")));
    List<String> lines = commands.stream().map(Command::line).toList();
    assertTrue(
        Stream.of("scripts/demo", "jobs/audit ", "jobs/report ", "RUN_DATE=")
            .allMatch(wanted -> lines.stream().anyMatch(l -> l.contains(wanted))),
        "the README's tested blocks run the demo, an audit, a report and a nightly audit: "
            + lines);
    Path copy = cleanCopy(dir.resolve("cam-audit"));
    for (Command command : commands) {
      long started = System.nanoTime();
      JobProcess.Result run =
          JobProcess.exec(
              dir,
              List.of(
                  "env",
                  "-u",
                  "SPARK_HOME",
                  "bash",
                  "-c",
                  "cd \"$0\" && " + command.line(),
                  copy.toString()),
              Map.of());
      System.out.printf(
          "README command, %.1f s: %s%n", (System.nanoTime() - started) / 1e9, command.line());
      assertEquals(0, run.exitCode(), command.line() + "\n" + run.output());
      CleanConsole.assertClean(run);
      assertFalse(
          run.output().contains("building the application jar"),
          command.line()
              + " rebuilt the application jar, which is newer than the sources\n"
              + run.output());
      if (command.writes() != null) {
        assertTrue(
            Files.isRegularFile(copy.resolve(command.writes())),
            command.line() + " wrote " + command.writes() + "\n" + run.output());
      }
    }
  }

  /** The commands of the marked bash blocks: continuation lines joined, comments and blanks out. */
  static List<Command> commands(String readme) {
    List<Command> commands = new ArrayList<>();
    String[] lines = readme.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].strip().equals(MARKER)) {
        continue;
      }
      assertEquals("```bash", lines[i + 1].strip(), "a bash block follows " + MARKER);
      StringBuilder command = new StringBuilder();
      for (i += 2; !lines[i].strip().equals("```"); i++) {
        String line = lines[i];
        Matcher writes = WRITES.matcher(line);
        String written = writes.find() ? writes.group(1) : null;
        String code = line.replaceFirst("\\s#.*$", "").replaceFirst("^#.*$", "").strip();
        if (code.endsWith("\\")) {
          command.append(code, 0, code.length() - 1).append(' ');
        } else if (!code.isEmpty() || command.length() > 0) {
          commands.add(new Command(command.append(code).toString().strip(), written));
          command.setLength(0);
        }
      }
    }
    assertFalse(commands.isEmpty(), "the README marks blocks with " + MARKER);
    return commands;
  }

  /**
   * Copies what git tracks or would track (untracked files not ignored), with the times of the
   * files and of their folders (a folder newer than the jar would make {@code scripts/demo} rebuild
   * it), and the application jar and Spark classpath this build made.
   */
  private Path cleanCopy(Path copy) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    JobProcess.Result listed =
        JobProcess.exec(
            dir,
            List.of(
                "git",
                "-C",
                root.toString(),
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard"),
            Map.of());
    assertEquals(0, listed.exitCode(), listed.output());
    List<Path> files = new ArrayList<>();
    Arrays.stream(listed.output().split("\0"))
        .filter(name -> !name.isBlank() && Files.isRegularFile(Path.of(name)))
        .forEach(name -> files.add(Path.of(name)));
    files.add(Path.of(System.getProperty("camaudit.appJar")));
    files.add(Path.of(System.getProperty("camaudit.sparkClasspath")));
    Set<Path> folders = new TreeSet<>(Comparator.reverseOrder());
    for (Path file : files) {
      Path relative = root.relativize(file.toAbsolutePath());
      Path target = copy.resolve(relative.toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
      for (Path folder = relative.getParent(); folder != null; folder = folder.getParent()) {
        folders.add(folder);
      }
    }
    // Deepest first, so setting a folder's time is not undone by creating its subfolders.
    for (Path folder : folders) {
      Files.setLastModifiedTime(
          copy.resolve(folder.toString()), Files.getLastModifiedTime(root.resolve(folder)));
    }
    return copy;
  }
}
