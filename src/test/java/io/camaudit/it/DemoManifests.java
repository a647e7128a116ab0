package io.camaudit.it;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/** Edits of the demo manifest that the integration tests use to make a run go wrong. */
final class DemoManifests {

  /** The demo's classes. */
  private static final List<String> CLASSES = List.of("circle", "square", "triangle");

  private DemoManifests() {}

  /**
   * The manifest with every label, the boxes' too, named by its class's index (0, 1, 2), as the
   * test fixtures' models name their classes.
   */
  static List<String> withClassIndices(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      JsonObject json = JsonParser.parseString(line).getAsJsonObject();
      json.addProperty("label", "" + CLASSES.indexOf(json.get("label").getAsString()));
      for (JsonElement box : json.getAsJsonArray("boxes")) {
        box.getAsJsonObject().add("label", json.get("label"));
      }
      out.add(json.toString());
    }
    return out;
  }

  /** The manifest with every studio image labelled as the next class: a labelling fault. */
  static List<String> withWrongStudioLabels(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      JsonObject json = JsonParser.parseString(line).getAsJsonObject();
      if (json.get("source").getAsString().equals("studio")) {
        String label = json.get("label").getAsString();
        String wrong = CLASSES.get((CLASSES.indexOf(label) + 1) % CLASSES.size());
        json.addProperty("label", wrong);
        json.getAsJsonArray("boxes").get(0).getAsJsonObject().addProperty("label", wrong);
      }
      out.add(json.toString());
    }
    return out;
  }
}
