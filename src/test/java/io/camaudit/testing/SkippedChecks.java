package io.camaudit.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Ends each test run with one line naming every check that did not run and why: tests aborted by an
 * assumption (a missing tool, see {@code ExternalTools}) and tests or classes skipped. Registered
 * in {@code META-INF/services}, it runs in surefire's JVM and in failsafe's, whose line is the last
 * test output of {@code mvn -B verify}.
 */
public final class SkippedChecks implements TestExecutionListener {

  private static final String ASSUMPTION_PREFIX = "Assumption failed: ";

  private final List<String> skipped = new CopyOnWriteArrayList<>();

  @Override
  public void executionSkipped(TestIdentifier identifier, String reason) {
    skipped.add(name(identifier) + ": " + reason);
  }

  @Override
  public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      String reason =
          result.getThrowable().map(Throwable::getMessage).orElse("aborted").replace('\n', ' ');
      skipped.add(name(identifier) + ": " + reason.replace(ASSUMPTION_PREFIX, ""));
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    System.out.println(line(skipped));
  }

  /** {@code skipped checks: none}, or their count and each check with its reason. */
  static String line(List<String> skipped) {
    return skipped.isEmpty()
        ? "skipped checks: none"
        : "skipped checks: " + skipped.size() + " (" + String.join("; ", skipped) + ")";
  }

  /** {@code Class.method}, with the invocation's display name for a parameterised test. */
  private static String name(TestIdentifier identifier) {
    TestSource source = identifier.getSource().orElse(null);
    if (source instanceof MethodSource method) {
      String name = simple(method.getClassName()) + "." + method.getMethodName();
      String display = identifier.getDisplayName();
      return display.startsWith(method.getMethodName() + "(") ? name : name + " " + display;
    }
    if (source instanceof ClassSource type) {
      return simple(type.getClassName());
    }
    return identifier.getDisplayName();
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
