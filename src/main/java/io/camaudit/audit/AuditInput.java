package io.camaudit.audit;

import io.camaudit.image.Box;
import java.util.List;

/**
 * One image to audit, as a manifest row describes it.
 *
 * @param imageId the image's id
 * @param path where to read the image (a path or URI the job's reader understands)
 * @param label class name, or {@code null} to explain the predicted class
 * @param boxes annotated object boxes, possibly empty
 */
public record AuditInput(String imageId, String path, String label, List<Box> boxes) {

  /** Copies the box list. */
  public AuditInput {
    boxes = List.copyOf(boxes);
  }
}
