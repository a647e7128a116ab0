package io.camaudit.audit;

/**
 * One (image, class) pair's ROAD scores ({@link Road}): changes of the class's probability,
 * averaged over the percentiles.
 *
 * @param mostRelevantFirst with the most relevant pixels imputed: a faithful map loses confidence
 *     (a negative change)
 * @param leastRelevantFirst with the least relevant pixels imputed: a faithful map keeps it
 */
public record RoadScores(double mostRelevantFirst, double leastRelevantFirst) {

  /**
   * pytorch-grad-cam's {@code ROADCombined}: {@code (least - most) / 2}; higher is more faithful.
   */
  public double combined() {
    return (leastRelevantFirst - mostRelevantFirst) / 2;
  }
}
