package io.camaudit.model;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import io.camaudit.cam.Head;
import io.camaudit.data.Preprocessing;
import io.camaudit.data.ResizePolicy;
import java.util.List;

/**
 * What a model directory's {@code model.json} says: the weights file, where to cut the network, the
 * classes and the input preprocessing. See {@code docs/models.md}.
 *
 * @param name model name, for outputs
 * @param format storage format
 * @param architecture for {@link ModelFormat#DJL_BLOCK}: a name known to {@link Architectures}
 * @param weights weights file name, relative to the model directory
 * @param layer the target layer: a top-level child block name for DJL blocks; for TorchScript the
 *     layer named at export, recorded for outputs
 * @param classes class names in logit order
 * @param input input preprocessing
 * @param head how the logits become probabilities: {@code softmax} (the default), {@code sigmoid}
 *     (multi-label) or {@code binary} (one logit for two classes)
 * @param tokens how the layer's output becomes {@code [N, K, h, w]} maps; {@link
 *     TokenLayout#CHANNELS_FIRST} when {@code model.json} has no {@code tokens} entry
 */
public record ModelSpec(
    String name,
    ModelFormat format,
    String architecture,
    String weights,
    String layer,
    List<String> classes,
    Preprocessing input,
    Head head,
    TokenLayout tokens) {

  /** The spec file's name inside a model directory. */
  public static final String FILE_NAME = "model.json";

  private static final Gson GSON =
      new GsonBuilder()
          .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
          .setPrettyPrinting()
          .create();

  /** Checks that every required field is present. */
  public ModelSpec {
    require(name, "name");
    require(format, "format");
    require(weights, "weights");
    require(layer, "layer");
    require(input, "input");
    if (format == ModelFormat.DJL_BLOCK) {
      require(architecture, "architecture");
    }
    requireInside(weights);
    if (classes == null || classes.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid " + FILE_NAME + ": 'classes' must list the class names in logit order");
    }
    classes = List.copyOf(classes);
    require(head, "head");
    if (tokens == null) {
      tokens = TokenLayout.CHANNELS_FIRST;
    }
    if (format == ModelFormat.DJL_BLOCK && !(tokens instanceof TokenLayout.ChannelsFirst)) {
      throw new IllegalArgumentException(
          "Invalid "
              + FILE_NAME
              + ": 'tokens' applies to format 'torchscript' only; remove it for a djl-block model");
    }
    if (head == Head.BINARY && classes.size() != 2) {
      throw new IllegalArgumentException(
          "Invalid "
              + FILE_NAME
              + ": a binary head has one logit for two classes, but 'classes' lists "
              + classes.size()
              + "; list the negative class, then the positive one");
    }
  }

  /** The weights must be a file of the model directory: no absolute path, no way out of it. */
  private static void requireInside(String weights) {
    java.nio.file.Path path = java.nio.file.Path.of(weights).normalize();
    if (weights.isBlank()
        || weights.contains(":")
        || weights.contains("\\")
        || path.isAbsolute()
        || path.startsWith("..")
        || path.toString().isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid "
              + FILE_NAME
              + ": 'weights' is '"
              + weights
              + "'; it must name a file inside"
              + " the model directory, such as 'model.pt' (copy the weights file there)");
    }
  }

  private static void require(Object value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(
          "Invalid " + FILE_NAME + ": missing field '" + field + "'");
    }
  }

  /** Parses a {@code model.json} text. */
  public static ModelSpec fromJson(String json) {
    try {
      Json parsed = GSON.fromJson(json, Json.class);
      if (parsed == null) {
        throw new IllegalArgumentException("Invalid " + FILE_NAME + ": empty");
      }
      return parsed.toSpec();
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("Invalid " + FILE_NAME + ": " + e.getMessage(), e);
    }
  }

  /**
   * A preprocessing as {@code model.json}'s {@code input} section writes it (run summaries record
   * the model's so).
   */
  public static JsonElement inputJson(Preprocessing input) {
    return GSON.toJsonTree(InputJson.of(input));
  }

  /** The preprocessing an {@code input} section of {@code model.json} describes. */
  public static Preprocessing inputOf(JsonElement input) {
    try {
      return GSON.fromJson(input, InputJson.class).toPreprocessing();
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("Invalid input section: " + e.getMessage(), e);
    }
  }

  /** This spec as {@code model.json} text. */
  public String toJson() {
    return GSON.toJson(Json.of(this));
  }

  /** The JSON shape of the spec, with lower-case enum names and a nested input section. */
  private static final class Json {
    String name;
    String format;
    String architecture;
    String weights;
    String layer;
    List<String> classes;
    InputJson input;
    String head;
    TokensJson tokens;

    static Json of(ModelSpec spec) {
      Json json = new Json();
      json.name = spec.name;
      json.format = enumName(spec.format);
      json.architecture = spec.architecture;
      json.weights = spec.weights;
      json.layer = spec.layer;
      json.classes = spec.classes;
      json.input = InputJson.of(spec.input);
      json.head = spec.head == Head.SOFTMAX ? null : spec.head.id();
      json.tokens = TokensJson.of(spec.tokens);
      return json;
    }

    ModelSpec toSpec() {
      require(format, "format");
      require(input, "input");
      return new ModelSpec(
          name,
          parseEnum(ModelFormat.class, format, "format"),
          architecture,
          weights,
          layer,
          classes,
          input.toPreprocessing(),
          head == null ? Head.SOFTMAX : parseEnum(Head.class, head, "head"),
          tokens == null ? null : tokens.toLayout());
    }
  }

  /** {@code "tokens": {"layout": "sequence", "prefix": 1, "grid": [14, 14]}} and the like. */
  private static final class TokensJson {
    String layout;
    Integer prefix;
    int[] grid;

    /** Null (no entry) for channels-first activations. */
    static TokensJson of(TokenLayout layout) {
      if (layout instanceof TokenLayout.ChannelsFirst) {
        return null;
      }
      TokensJson json = new TokensJson();
      if (layout instanceof TokenLayout.Sequence sequence) {
        json.layout = enumName(Layout.SEQUENCE);
        json.prefix = sequence.prefix();
        json.grid = new int[] {sequence.rows(), sequence.columns()};
      } else {
        json.layout = enumName(Layout.CHANNELS_LAST);
      }
      return json;
    }

    TokenLayout toLayout() {
      if (layout == null) {
        throw new IllegalArgumentException(
            "Invalid "
                + FILE_NAME
                + ": missing field 'tokens.layout'; use 'sequence' for [N, T, D] tokens (ViT),"
                + " 'channels-last' for [N, H, W, C] (Swin), or remove 'tokens' for"
                + " [N, K, h, w] activations");
      }
      Layout parsed = parseEnum(Layout.class, layout, "tokens.layout");
      if (parsed == Layout.CHANNELS_LAST) {
        if (prefix != null || grid != null) {
          throw new IllegalArgumentException(
              "Invalid "
                  + FILE_NAME
                  + ": 'tokens.prefix' and 'tokens.grid' apply to layout 'sequence' only;"
                  + " remove them for 'channels-last'");
        }
        return TokenLayout.CHANNELS_LAST;
      }
      if (prefix == null) {
        throw new IllegalArgumentException(
            "Invalid "
                + FILE_NAME
                + ": missing field 'tokens.prefix'; give the number of tokens before the patch"
                + " tokens (1 for a class token, 0 for none)");
      }
      if (grid == null || grid.length != 2) {
        throw new IllegalArgumentException(
            "Invalid "
                + FILE_NAME
                + ": 'tokens.grid' must be the patch grid [rows, columns], e.g. [14, 14] for a"
                + " 224x224 input cut into 16x16 patches");
      }
      return new TokenLayout.Sequence(prefix, grid[0], grid[1]);
    }
  }

  /** The values of {@code tokens.layout}. */
  private enum Layout {
    SEQUENCE,
    CHANNELS_LAST
  }

  private static final class InputJson {
    int width;
    int height;
    String resize;
    int resizeShorter;
    float[] mean;
    float[] std;

    static InputJson of(Preprocessing p) {
      InputJson json = new InputJson();
      json.width = p.width();
      json.height = p.height();
      json.resize = enumName(p.resize());
      json.resizeShorter = p.resizeShorter();
      json.mean = p.mean();
      json.std = p.std();
      return json;
    }

    Preprocessing toPreprocessing() {
      require(resize, "input.resize");
      require(mean, "input.mean");
      require(std, "input.std");
      return new Preprocessing(
          width,
          height,
          parseEnum(ResizePolicy.class, resize, "input.resize"),
          resizeShorter,
          mean,
          std);
    }
  }

  private static String enumName(Enum<?> value) {
    return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String field) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid "
              + FILE_NAME
              + ": '"
              + field
              + "' is '"
              + value
              + "', expected one of "
              + java.util.Arrays.toString(type.getEnumConstants())
                  .toLowerCase(java.util.Locale.ROOT),
          e);
    }
  }
}
