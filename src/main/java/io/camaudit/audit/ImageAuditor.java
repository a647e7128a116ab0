package io.camaudit.audit;

import io.camaudit.cam.CamExplainer;
import io.camaudit.cam.CamMethods;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.Targets;
import io.camaudit.data.DecodedImage;
import io.camaudit.data.ImageDecoder;
import io.camaudit.data.ImagePreprocessor;
import io.camaudit.data.InputRejectedException;
import io.camaudit.data.RejectReason;
import io.camaudit.image.Box;
import io.camaudit.model.LoadedModel;
import io.camaudit.image.CropWindow;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Audits a stream of images in batches: read, decode, validate, preprocess, explain, measure.
 * Every item comes out exactly once, explained or rejected with a reason, in input order within
 * each batch's rejections and explanations. Streams: holds one batch at a time.
 */
public final class ImageAuditor {

  /** Box coordinates may overshoot the image by this much (rounding in annotation tools). */
  static final double BOX_TOLERANCE_PIXELS = 0.5;

  private final CamExplainer explainer;
  private final ImagePreprocessor preprocessor;
  private final ImageDecoder decoder;
  private final ImageReader reader;
  private final int batchSize;
  private final ImageMeasurer measurer;
  private final Map<String, Integer> classIndex = new HashMap<>();
  private final StageTimes times = new StageTimes();

  /**
   * An auditor explaining with {@code explainer}.
   *
   * @param batchSize images per model call, {@code > 0}
   */
  public ImageAuditor(
      CamExplainer explainer,
      ImagePreprocessor preprocessor,
      ImageDecoder decoder,
      ImageReader reader,
      int batchSize,
      MeasureSettings measures) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("Invalid batch size (expected > 0): " + batchSize);
    }
    this.explainer = explainer;
    this.preprocessor = preprocessor;
    this.decoder = decoder;
    this.reader = reader;
    this.batchSize = batchSize;
    this.measurer = new ImageMeasurer(explainer.model().classes(), measures);
    List<String> classes = explainer.model().classes();
    for (int c = 0; c < classes.size(); c++) {
      classIndex.put(classes.get(c), c);
    }
  }

  /**
   * An auditor for a loaded model with the named CAM method, decoding with a pixel limit.
   *
   * @throws IllegalArgumentException for an unknown method
   */
  public static ImageAuditor of(
      LoadedModel model,
      String method,
      long maxPixels,
      ImageReader reader,
      int batchSize,
      MeasureSettings measures) {
    return new ImageAuditor(
        new CamExplainer(model.model(), CamMethods.byName(method)),
        new ImagePreprocessor(model.spec().input()),
        new ImageDecoder(maxPixels),
        reader,
        batchSize,
        measures);
  }

  /**
   * Audits {@code items} lazily.
   *
   * @param idOf the image id of an item (for rejections that happen before {@code view})
   * @param view the item as an audit input; may reject it
   */
  public <T> Iterator<AuditOutcome<T>> audit(
      Iterator<T> items, Function<T, String> idOf, InputView<T> view) {
    return new BatchingIterator<>(items, idOf, view, null);
  }

  /**
   * Audits {@code items} lazily, taking each item's pixels from {@code pixels} instead of reading
   * and decoding the file at its input's path (images that a data source has decoded already).
   *
   * @param idOf the image id of an item (for rejections that happen before {@code view})
   * @param view the item as an audit input; may reject it
   * @param pixels the item's decoded image; may reject it
   */
  public <T> Iterator<AuditOutcome<T>> audit(
      Iterator<T> items, Function<T, String> idOf, InputView<T> view, PixelView<T> pixels) {
    return new BatchingIterator<>(items, idOf, view, pixels);
  }

  /** Time spent per stage by every {@link #audit} of this auditor so far. */
  public StageTimes times() {
    return times;
  }

  /** Reads the bytes of an image file. */
  @FunctionalInterface
  public interface ImageReader {
    /** All bytes at {@code path}. */
    byte[] read(String path) throws IOException;
  }

  /** Converts a caller's item into an audit input. */
  @FunctionalInterface
  public interface InputView<T> {
    /** The item as an input, or a rejection naming what is wrong with it. */
    AuditInput toInput(T item) throws InputRejectedException;
  }

  /** The decoded image a caller's item carries. */
  @FunctionalInterface
  public interface PixelView<T> {
    /** The item's image, or a rejection naming what is wrong with it. */
    BufferedImage toImage(T item) throws InputRejectedException;
  }

  /** An input that passed validation and sits in the batch buffer. */
  private record Prepared<T>(
      T item, AuditInput input, int target, CropWindow window, String decodeWarning) {}

  private final class BatchingIterator<T> implements Iterator<AuditOutcome<T>> {
    private final Iterator<T> items;
    private final Function<T, String> idOf;
    private final InputView<T> view;
    private final PixelView<T> pixels;
    private final Deque<AuditOutcome<T>> ready = new ArrayDeque<>();
    private final List<Prepared<T>> pending = new ArrayList<>(batchSize);
    private final float[] buffer = new float[batchSize * preprocessor.spec().imageLength()];

    BatchingIterator(
        Iterator<T> items, Function<T, String> idOf, InputView<T> view, PixelView<T> pixels) {
      this.items = items;
      this.idOf = idOf;
      this.view = view;
      this.pixels = pixels;
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && (items.hasNext() || !pending.isEmpty())) {
        if (items.hasNext()) {
          admit(items.next());
          if (pending.size() == batchSize) {
            explainPending();
          }
        } else {
          explainPending();
        }
      }
      return !ready.isEmpty();
    }

    @Override
    public AuditOutcome<T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.removeFirst();
    }

    private void admit(T item) {
      long start = System.nanoTime();
      String imageId = idOf.apply(item);
      try {
        AuditInput input = view.toInput(item);
        DecodedImage image = pixels == null
            ? decoder.decode(readBytes(input.path())) : DecodedImage.of(pixels.toImage(item));
        checkBoxes(input.boxes(), image.pixels().getWidth(), image.pixels().getHeight());
        int target = targetOf(input.label());
        CropWindow window = preprocessor.preprocess(
            image.pixels(), buffer, pending.size() * preprocessor.spec().imageLength());
        pending.add(new Prepared<>(item, input, target, window, image.warning()));
      } catch (InputRejectedException e) {
        ready.add(AuditOutcome.rejected(item, imageId, e));
      } finally {
        times.addPrepare(System.nanoTime() - start);
      }
    }

    private byte[] readBytes(String path) throws InputRejectedException {
      try {
        return reader.read(path);
      } catch (IOException | RuntimeException e) {
        throw new InputRejectedException(
            RejectReason.UNREADABLE_FILE, path + ": " + e.getClass().getSimpleName() + ": "
                + e.getMessage(), e);
      }
    }

    private void explainPending() {
      int n = pending.size();
      int[] targets = new int[n];
      for (int i = 0; i < n; i++) {
        targets[i] = pending.get(i).target();
      }
      var spec = preprocessor.spec();
      long start = System.nanoTime();
      List<CamResult> results =
          explainer.explain(new InputBatch(n, 3, spec.height(), spec.width(), buffer), targets);
      long explained = System.nanoTime();
      times.addExplain(explained - start);
      for (int i = 0; i < n; i++) {
        Prepared<T> p = pending.get(i);
        ready.add(
            AuditOutcome.explained(
                p.item(), p.input().imageId(),
                measurer.measure(p.input(), results.get(i), p.window(), p.decodeWarning())));
      }
      times.addMeasure(System.nanoTime() - explained);
      pending.clear();
    }
  }

  private int targetOf(String label) throws InputRejectedException {
    if (label == null) {
      return Targets.PREDICTED;
    }
    Integer index = classIndex.get(label);
    if (index == null) {
      throw new InputRejectedException(
          RejectReason.UNKNOWN_LABEL,
          "label '" + label + "' is not one of the model's classes " + explainer.model().classes());
    }
    return index;
  }

  private static void checkBoxes(List<Box> boxes, int width, int height)
      throws InputRejectedException {
    for (Box box : boxes) {
      if (box.x0() < -BOX_TOLERANCE_PIXELS
          || box.y0() < -BOX_TOLERANCE_PIXELS
          || box.x1() > width + BOX_TOLERANCE_PIXELS
          || box.y1() > height + BOX_TOLERANCE_PIXELS) {
        throw new InputRejectedException(
            RejectReason.INVALID_BOX,
            String.format("box (%s, %s, %s, %s) lies outside the %dx%d image",
                box.x0(), box.y0(), box.x1(), box.y1(), width, height));
      }
    }
  }
}
