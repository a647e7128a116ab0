package io.camaudit.nightly;

/**
 * What a run id may hold: letters, digits, {@code .}, {@code _} and {@code -}. A run id names the
 * run's files and summary, so it never holds a path separator, a glob character or the {@code ~}
 * that ends it in a table file's name.
 */
public final class RunId {

  /** The allowed characters, as messages name them. */
  public static final String ALLOWED = "letters, digits, '.', '_' and '-'";

  private RunId() {}

  /** Whether {@code id} is a valid run id. */
  public static boolean isValid(String id) {
    return id != null && id.matches("[A-Za-z0-9._-]+");
  }
}
