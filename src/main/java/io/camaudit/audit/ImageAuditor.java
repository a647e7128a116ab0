package io.camaudit.audit;

import io.camaudit.cam.CamExplainer;
import io.camaudit.cam.CamMethods;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.TargetRequest;
import io.camaudit.data.DecodeSettings;
import io.camaudit.data.DecodedImage;
import io.camaudit.data.ImageDecoder;
import io.camaudit.data.ImagePreprocessor;
import io.camaudit.data.InputRejectedException;
import io.camaudit.data.RejectReason;
import io.camaudit.image.Box;
import io.camaudit.image.CropWindow;
import io.camaudit.image.RegionFill;
import io.camaudit.model.LoadedModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Audits a stream of images in batches: read, decode, validate, preprocess, explain, measure. Every
 * item comes out exactly once, explained or rejected with a reason, in input order.
 *
 * <p>Reading, decoding and preprocessing run on a small pool of prepare threads, which may work a
 * few batches ahead of the model, so that an accelerator does not wait for the CPU work around it
 * (nor for object-store reads); several auditors (task threads) decode side by side, each with its
 * own pool. Memory stays bounded: at most that many batches of preprocessed images are held, in
 * reused arrays. Close the auditor to stop its threads.
 */
public final class ImageAuditor implements AutoCloseable {

  /** Box coordinates may overshoot the image by this much (rounding in annotation tools). */
  static final double BOX_TOLERANCE_PIXELS = 0.5;

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final CamExplainer explainer;
  private final ImagePreprocessor preprocessor;
  private final ImageDecoder decoder;
  private final ImageReader reader;
  private final int batchSize;
  private final ImageMeasurer measurer;
  private final TargetSelection targets;
  private final Map<String, Integer> classIndex = new LinkedHashMap<>();
  private final StageTimes times = new StageTimes();
  private final ExecutorService preparers;
  private final int batchesAhead;

  /** Which images are measured on perturbed inputs; null for none. */
  private final PerturbationSettings perturbation;

  /** Whether the CAM multiplication's confidence change is measured, on the perturbation sample. */
  private final boolean measuresCamMultiplication;

  /** Measures background reliance, on the perturbation sample, when a fill is set; else null. */
  private final ObjectOcclusion occlusion;

  /** Measures ROAD, on its sample, when it has one; else null. */
  private final Road road;

  /**
   * An auditor explaining with {@code explainer}.
   *
   * @param targets which classes of each image to explain
   * @param batchSize images per model call, {@code > 0}
   * @param prepareThreads threads reading, decoding and preprocessing images, {@code > 0}
   * @param batchesAhead batches prepared while the model explains one, {@code >= 0}: 0 keeps
   *     preparing and explaining apart (the CPU work of a task stays within its cores when the
   *     model runs on them too)
   */
  public ImageAuditor(
      CamExplainer explainer,
      TargetSelection targets,
      ImagePreprocessor preprocessor,
      ImageDecoder decoder,
      ImageReader reader,
      int batchSize,
      int prepareThreads,
      int batchesAhead,
      MeasureSettings measures) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("Invalid batch size (expected > 0): " + batchSize);
    }
    if (prepareThreads <= 0) {
      throw new IllegalArgumentException(
          "Invalid prepare threads (expected > 0): " + prepareThreads);
    }
    if (batchesAhead < 0) {
      throw new IllegalArgumentException("Invalid batches ahead (expected >= 0): " + batchesAhead);
    }
    this.batchesAhead = batchesAhead;
    this.explainer = explainer;
    this.targets = targets;
    this.preprocessor = preprocessor;
    this.decoder = decoder;
    this.reader = reader;
    this.batchSize = batchSize;
    this.measurer =
        new ImageMeasurer(
            explainer.model().classes(),
            measures,
            preprocessor.spec().width(),
            preprocessor.spec().height());
    this.perturbation = measures.perturbation();
    boolean sampled = perturbation != null && perturbation.sample() > 0;
    this.measuresCamMultiplication = sampled;
    this.occlusion =
        sampled && perturbation.occlusionFill() != null
            ? new ObjectOcclusion(perturbation.occlusionFill())
            : null;
    this.road =
        perturbation != null && perturbation.roadSample() > 0
            ? new Road(explainer.model(), RegionFill.IMPUTATION_NOISE)
            : null;
    List<String> classes = explainer.model().classes();
    for (int c = 0; c < classes.size(); c++) {
      classIndex.put(classes.get(c), c);
    }
    String pool = "cam-audit-prepare-" + POOLS.incrementAndGet() + "-";
    AtomicInteger threads = new AtomicInteger();
    this.preparers =
        Executors.newFixedThreadPool(
            prepareThreads,
            task -> {
              Thread thread = new Thread(task, pool + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * An auditor for a loaded model with the named CAM method.
   *
   * @throws IllegalArgumentException for an unknown method
   */
  public static ImageAuditor of(
      LoadedModel model,
      String method,
      TargetSelection targets,
      DecodeSettings decoding,
      ImageReader reader,
      int batchSize,
      int prepareThreads,
      int batchesAhead,
      MeasureSettings measures) {
    return new ImageAuditor(
        new CamExplainer(model.model(), CamMethods.byName(method)),
        targets,
        new ImagePreprocessor(model.spec().input()),
        new ImageDecoder(decoding),
        reader,
        batchSize,
        prepareThreads,
        batchesAhead,
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
    return new Pipeline<>(items, idOf, view, null);
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
    return new Pipeline<>(items, idOf, view, pixels);
  }

  /** Time spent per stage by every {@link #audit} of this auditor so far. */
  public StageTimes times() {
    return times;
  }

  /** Stops the prepare threads; images still being prepared are abandoned. */
  @Override
  public void close() {
    preparers.shutdownNow();
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

  /**
   * One item after the prepare stage: its model input in {@code pixels}, or why it was rejected;
   * {@code thumbnail} is the picture overlays are drawn on, null unless asked for; {@code occluded}
   * where its boxes lie on the model input, null unless it is in the perturbation sample.
   */
  private record Prepared<T>(
      T item,
      String imageId,
      AuditInput input,
      TargetRequest request,
      CropWindow window,
      String decodeWarning,
      float[] pixels,
      BufferedImage thumbnail,
      ObjectOcclusion.Occluded occluded,
      InputRejectedException rejection) {}

  /**
   * The items in input order: prepare jobs run ahead on the pool; the calling thread takes their
   * results in order, batches the explainable ones, explains and measures a batch, then emits every
   * item up to the batch's last, rejections in their places.
   */
  private final class Pipeline<T> implements Iterator<AuditOutcome<T>> {
    private final Iterator<T> items;
    private final Function<T, String> idOf;
    private final InputView<T> view;
    private final PixelView<T> pixelView;
    private final Deque<Future<Prepared<T>>> preparing = new ArrayDeque<>();
    private final Deque<float[]> freeArrays = new ArrayDeque<>();
    private final Deque<AuditOutcome<T>> ready = new ArrayDeque<>();
    private final int imageLength = preprocessor.spec().imageLength();
    private final float[] batch = new float[batchSize * imageLength];

    /** The perturbed copies' array, reused from batch to batch. */
    private float[] copiesBuffer = new float[0];

    Pipeline(
        Iterator<T> items, Function<T, String> idOf, InputView<T> view, PixelView<T> pixelView) {
      this.items = items;
      this.idOf = idOf;
      this.view = view;
      this.pixelView = pixelView;
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && (items.hasNext() || !preparing.isEmpty())) {
        List<Prepared<T>> segment = new ArrayList<>();
        int explainable = 0;
        submit((batchesAhead + 1) * batchSize);
        while (explainable < batchSize && (items.hasNext() || !preparing.isEmpty())) {
          submit(1);
          Prepared<T> next = awaitNext();
          segment.add(next);
          explainable += next.rejection() == null ? 1 : 0;
        }
        explain(segment, explainable);
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

    /**
     * Keeps at least {@code inFlight} items being prepared, while there are items: the current
     * batch and {@code batchesAhead} more at the start of a batch, one more whenever a rejection
     * leaves the batch short.
     */
    private void submit(int inFlight) {
      while (preparing.size() < inFlight && items.hasNext()) {
        T item = items.next();
        float[] pixels = freeArrays.isEmpty() ? new float[imageLength] : freeArrays.pop();
        preparing.add(preparers.submit(() -> prepare(item, pixels)));
      }
    }

    private Prepared<T> awaitNext() {
      long start = System.nanoTime();
      try {
        return preparing.removeFirst().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while images were being prepared", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException("Preparing an image failed", e.getCause());
      } finally {
        times.addPrepareWait(System.nanoTime() - start);
      }
    }

    /** Runs on a prepare thread: read, decode, validate, preprocess into {@code pixels}. */
    private Prepared<T> prepare(T item, float[] pixels) {
      long start = System.nanoTime();
      String imageId = idOf.apply(item);
      try {
        AuditInput input = view.toInput(item);
        DecodedImage image =
            pixelView == null
                ? decoder.decode(readBytes(input.path()), preprocessor.spec())
                : DecodedImage.of(pixelView.toImage(item));
        checkBoxes(input.boxes(), image.width(), image.height());
        TargetRequest request = targets.requestFor(input, classIndex);
        CropWindow window = preprocessor.preprocess(image, pixels, 0);
        BufferedImage thumbnail = measurer.thumbnail(image);
        return new Prepared<>(
            item,
            imageId,
            input,
            request,
            window,
            image.warning(),
            pixels,
            thumbnail,
            occluded(input, window),
            null);
      } catch (InputRejectedException e) {
        return new Prepared<>(item, imageId, null, null, null, null, pixels, null, null, e);
      } finally {
        times.addPrepare(System.nanoTime() - start);
      }
    }

    private ObjectOcclusion.Occluded occluded(AuditInput input, CropWindow window) {
      if (perturbation == null || !perturbation.samples(input.imageId())) {
        return null;
      }
      var spec = preprocessor.spec();
      return ObjectOcclusion.occluded(input, window, spec.width(), spec.height());
    }

    private byte[] readBytes(String path) throws InputRejectedException {
      try {
        return reader.read(path);
      } catch (IOException | RuntimeException e) {
        throw new InputRejectedException(
            RejectReason.UNREADABLE_FILE,
            path + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(),
            e);
      }
    }

    /** Explains the segment's explainable images as one batch, then emits the whole segment. */
    private void explain(List<Prepared<T>> segment, int explainable) {
      List<TargetRequest> requests = new ArrayList<>(explainable);
      List<ObjectOcclusion.Occluded> occluded = new ArrayList<>(explainable);
      for (Prepared<T> p : segment) {
        if (p.rejection() == null) {
          System.arraycopy(p.pixels(), 0, batch, requests.size() * imageLength, imageLength);
          requests.add(p.request());
          occluded.add(p.occluded());
        }
        freeArrays.push(p.pixels());
      }
      List<List<CamResult>> results = List.of();
      List<List<BackgroundReliance>> reliance = null;
      List<List<Double>> camMult = null;
      List<List<RoadScores>> roadScores = null;
      if (explainable > 0) {
        var spec = preprocessor.spec();
        long start = System.nanoTime();
        InputBatch input = new InputBatch(explainable, 3, spec.height(), spec.width(), batch);
        results = explainer.explain(input, requests);
        if (measuresCamMultiplication) {
          PerturbedCopies copies = new PerturbedCopies(input, copiesBuffer);
          boolean[] sampled = new boolean[explainable];
          for (int n = 0; n < explainable; n++) {
            sampled[n] = occluded.get(n) != null;
          }
          var camMultiplied = CamMultiplication.addCopies(copies, results, sampled);
          var occludedCopies =
              occlusion == null ? null : occlusion.addCopies(copies, occluded, results);
          PerturbedCopies.Scores scores = copies.score(explainer.model());
          copiesBuffer = copies.data();
          camMult = camMultiplied.apply(scores);
          reliance = occludedCopies == null ? null : occludedCopies.apply(scores);
        }
        if (road != null) {
          roadScores = measureRoad(segment, input, results);
        }
        times.addExplain(System.nanoTime() - start);
      }
      long measuring = System.nanoTime();
      int r = 0;
      for (Prepared<T> p : segment) {
        if (p.rejection() != null) {
          ready.add(AuditOutcome.Rejected.of(p.item(), p.imageId(), p.rejection()));
        } else {
          List<ImageStats> stats =
              measure(
                  p,
                  results.get(r),
                  camMult == null ? null : camMult.get(r),
                  reliance == null ? null : reliance.get(r),
                  roadScores == null ? null : roadScores.get(r));
          r++;
          ready.add(new AuditOutcome.Explained<>(p.item(), p.input().imageId(), stats));
        }
      }
      times.addMeasure(System.nanoTime() - measuring);
    }

    /** ROAD on the explained images of the segment that its sample holds. */
    private List<List<RoadScores>> measureRoad(
        List<Prepared<T>> segment, InputBatch input, List<List<CamResult>> results) {
      boolean[] sampled = new boolean[input.size()];
      long[] seeds = new long[input.size()];
      int n = 0;
      for (Prepared<T> p : segment) {
        if (p.rejection() == null) {
          String id = p.input().imageId();
          sampled[n] = perturbation.roadSamples(id);
          seeds[n++] = ObjectOcclusion.seedOf(id);
        }
      }
      return road.measure(input, results, sampled, seeds);
    }

    /**
     * The measurements of each explained class of an image.
     *
     * @param camMult per result, its confidence change under CAM multiplication; null where not
     *     measured
     * @param reliance per result, its background reliance; null where not measured
     * @param roadScores per result, its ROAD scores; null where not measured
     */
    private List<ImageStats> measure(
        Prepared<T> p,
        List<CamResult> results,
        List<Double> camMult,
        List<BackgroundReliance> reliance,
        List<RoadScores> roadScores) {
      List<ImageStats> stats = new ArrayList<>(results.size());
      for (int i = 0; i < results.size(); i++) {
        stats.add(
            measurer.measure(
                p.input(),
                results.get(i),
                p.window(),
                p.thumbnail(),
                p.decodeWarning(),
                camMult == null ? null : camMult.get(i),
                reliance == null ? null : reliance.get(i),
                roadScores == null ? null : roadScores.get(i)));
      }
      return stats;
    }
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
            String.format(
                "box (%s, %s, %s, %s) lies outside the %dx%d image",
                box.x0(), box.y0(), box.x1(), box.y1(), width, height));
      }
    }
  }
}
