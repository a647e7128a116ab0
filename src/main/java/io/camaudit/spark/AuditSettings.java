package io.camaudit.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What every task of an audit run needs to know; travels to executors.
 *
 * @param runId the run's id, the partition value of every table
 * @param explain how images are explained and measured
 * @param groupColumns manifest columns passed through to {@code image_stats}
 */
public record AuditSettings(String runId, ExplainSettings explain, List<String> groupColumns)
    implements Serializable {

  /** Copies the group column list. */
  public AuditSettings {
    groupColumns = List.copyOf(groupColumns);
  }

  /** The CAM method's name. */
  public String method() {
    return explain.method();
  }
}
