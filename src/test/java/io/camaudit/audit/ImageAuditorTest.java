package io.camaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.cam.CamExplainer;
import io.camaudit.cam.CamModel;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.GradCam;
import io.camaudit.cam.Head;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.LayerPass;
import io.camaudit.cam.TargetPairs;
import io.camaudit.cam.TargetRequest;
import io.camaudit.data.DecodeSettings;
import io.camaudit.data.ImageDecoder;
import io.camaudit.data.ImagePreprocessor;
import io.camaudit.data.InputRejectedException;
import io.camaudit.data.Preprocessing;
import io.camaudit.data.RejectReason;
import io.camaudit.data.ResizePolicy;
import io.camaudit.image.Box;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The batching pipeline on a fake model: every input accounted for, with reasons. */
class ImageAuditorTest {

  /** A model whose map is 1 everywhere and which always predicts class 1. */
  private static final class UniformModel implements CamModel {
    final List<Integer> batchSizes = new ArrayList<>();

    @Override
    public List<String> classes() {
      return List.of("cat", "dog");
    }

    @Override
    public String layer() {
      return "fake";
    }

    @Override
    public LayerPass forwardBackward(InputBatch batch, List<TargetRequest> requests) {
      batchSizes.add(batch.size());
      TargetPairs pairs = TargetPairs.resolve(requests, predict(batch), 2, Head.SOFTMAX);
      float[] logits = new float[pairs.size() * 2];
      for (int p = 0; p < pairs.size(); p++) {
        logits[2 * p + 1] = 1f;
      }
      float[] ones = new float[pairs.size() * 16];
      Arrays.fill(ones, 1f);
      return new LayerPass(
          pairs.size(), pairs.images(), 2, logits, pairs.targets(), 1, 4, 4, ones, ones.clone());
    }

    @Override
    public float[] predict(InputBatch batch) {
      float[] logits = new float[batch.size() * 2];
      for (int n = 0; n < batch.size(); n++) {
        logits[2 * n + 1] = 1f;
      }
      return logits;
    }

    @Override
    public void close() {}
  }

  private record Item(String id, String path, String label, List<Box> boxes) {}

  private static byte[] png(int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  @Test
  void explainsGoodInputsInBatchesAndRejectsBadOnesWithReasons() throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    files.put("good.png", png(40, 20));
    files.put("empty.png", new byte[0]);
    files.put("text.jpg", "hello".getBytes(StandardCharsets.US_ASCII));
    List<Item> bad =
        List.of(
            new Item("empty", "empty.png", "cat", List.of()),
            new Item("text", "text.jpg", "cat", List.of()),
            new Item("missing", "nowhere.png", "cat", List.of()),
            new Item("unknown-label", "good.png", "horse", List.of()),
            new Item("box-outside", "good.png", "cat", List.of(new Box(30, 5, 45, 10, "cat"))),
            new Item(null, "good.png", "cat", List.of()));
    // Good and bad items alternate, so that rejections fall inside batches.
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      items.add(
          new Item(
              "ok-" + i,
              "good.png",
              i % 2 == 0 ? "cat" : null,
              List.of(new Box(0, 0, 20, 20, "cat"))));
      items.add(bad.get(i));
    }
    items.add(bad.get(5));

    UniformModel model = new UniformModel();
    ImageAuditor auditor = auditor(model, TargetSelection.LABEL, files, 2);
    var outcomes =
        auditor.audit(
            items.iterator(),
            Item::id,
            item -> {
              if (item.id() == null) {
                throw new InputRejectedException(RejectReason.MISSING_FIELD, "image_id is empty");
              }
              return new AuditInput(item.id(), item.path(), item.label(), item.boxes());
            });
    List<Item> order = new ArrayList<>();
    Map<String, AuditOutcome<Item>> byId = new HashMap<>();
    while (outcomes.hasNext()) {
      AuditOutcome<Item> outcome = outcomes.next();
      order.add(outcome.item());
      byId.put(String.valueOf(outcome.imageId()), outcome);
    }
    assertEquals(items, order, "every input comes out once, in input order");
    assertEquals(List.of(2, 2, 1), model.batchSizes);
    assertEquals(RejectReason.EMPTY_FILE, rejected(byId, "empty").reason());
    assertEquals(RejectReason.UNSUPPORTED_FORMAT, rejected(byId, "text").reason());
    assertEquals(RejectReason.UNREADABLE_FILE, rejected(byId, "missing").reason());
    assertEquals(RejectReason.UNKNOWN_LABEL, rejected(byId, "unknown-label").reason());
    assertEquals(RejectReason.INVALID_BOX, rejected(byId, "box-outside").reason());
    assertEquals(RejectReason.MISSING_FIELD, rejected(byId, "null").reason());
    assertTrue(rejected(byId, "box-outside").detail().contains("lies outside the 40x20 image"));

    ImageStats labelled = explained(byId, "ok-0");
    assertEquals(0, labelled.result().targetClass(), "the label is the target");
    assertEquals(40, labelled.imageWidth());
    // A uniform map over a 40x20 image with the left half boxed: half the energy, lift 1.
    assertEquals(0.5, labelled.energy().inFraction(), 1e-6);
    assertEquals(1.0, labelled.energy().lift(), 1e-6);

    ImageStats predicted = explained(byId, "ok-1");
    assertEquals(1, predicted.result().targetClass(), "no label: the prediction is the target");
    assertEquals(0, predicted.targetBoxCount(), "the only box is of another class");
    assertNull(predicted.energy());
  }

  @Test
  void explainsEveryAnnotatedClassOrTheTopKOfOneForwardPass() throws IOException {
    Map<String, byte[]> files = Map.of("good.png", png(40, 20));
    List<Box> boxes =
        List.of(
            new Box(0, 0, 20, 20, "dog"), new Box(20, 0, 40, 20, null), new Box(0, 0, 5, 5, "dog"));
    List<Item> items =
        List.of(
            new Item("both", "good.png", "cat", boxes),
            new Item("unlabelled", "good.png", null, List.of()),
            new Item("box-horse", "good.png", "cat", List.of(new Box(0, 0, 5, 5, "horse"))));

    UniformModel model = new UniformModel();
    Map<String, AuditOutcome<Item>> all =
        byId(auditor(model, TargetSelection.parse("all-labels"), files, 4), items);
    assertEquals(List.of(2), model.batchSizes, "one model call for the two explainable images");
    List<ImageStats> both = explainedAll(all, "both");
    assertEquals(List.of(0, 1), targetClasses(both), "the label first, then the boxes' classes");
    assertEquals(1, both.get(0).targetBoxCount(), "the unlabelled box outlines the label");
    assertEquals(2, both.get(1).targetBoxCount());
    assertEquals(0.5, both.get(0).energy().inFraction(), 1e-6);
    assertEquals(List.of(1), targetClasses(explainedAll(all, "unlabelled")), "none: predicted");
    assertEquals(RejectReason.UNKNOWN_LABEL, rejected(all, "box-horse").reason());
    assertTrue(rejected(all, "box-horse").detail().contains("box label 'horse'"));

    Map<String, AuditOutcome<Item>> top =
        byId(auditor(new UniformModel(), TargetSelection.parse("top-k:2"), files, 4), items);
    assertEquals(
        List.of(1, 0), targetClasses(explainedAll(top, "unlabelled")), "most probable first");
    assertEquals(
        CamResult.TargetSource.PREDICTED, explainedAll(top, "both").get(1).result().targetSource());
  }

  private static List<Integer> targetClasses(List<ImageStats> stats) {
    return stats.stream().map(s -> s.result().targetClass()).toList();
  }

  private static Map<String, AuditOutcome<Item>> byId(ImageAuditor auditor, List<Item> items) {
    Map<String, AuditOutcome<Item>> byId = new HashMap<>();
    var outcomes =
        auditor.audit(
            items.iterator(),
            Item::id,
            item -> new AuditInput(item.id(), item.path(), item.label(), item.boxes()));
    outcomes.forEachRemaining(outcome -> byId.put(outcome.imageId(), outcome));
    return byId;
  }

  private static ImageAuditor auditor(
      CamModel model, TargetSelection targets, Map<String, byte[]> files, int batchSize) {
    return new ImageAuditor(
        new CamExplainer(model, new GradCam()),
        targets,
        new ImagePreprocessor(
            new Preprocessing(
                8,
                8,
                ResizePolicy.STRETCH,
                0,
                Preprocessing.imagenetMean(),
                Preprocessing.imagenetStd())),
        new ImageDecoder(new DecodeSettings(1 << 20, 1_000_000, false)),
        path -> {
          byte[] bytes = files.get(path);
          if (bytes == null) {
            throw new FileNotFoundException(path);
          }
          return bytes;
        },
        batchSize,
        2,
        1,
        MeasureSettings.defaults());
  }

  private static AuditOutcome.Rejected<Item> rejected(
      Map<String, AuditOutcome<Item>> byId, String id) {
    return assertInstanceOf(AuditOutcome.Rejected.class, byId.get(id), id);
  }

  private static ImageStats explained(Map<String, AuditOutcome<Item>> byId, String id) {
    List<ImageStats> stats = explainedAll(byId, id);
    assertEquals(1, stats.size(), "one class per image with --targets label");
    return stats.get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<ImageStats> explainedAll(Map<String, AuditOutcome<Item>> byId, String id) {
    return assertInstanceOf(AuditOutcome.Explained.class, byId.get(id), id).stats();
  }
}
