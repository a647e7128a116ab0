package io.camaudit.it;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/** Edits of the demo manifest that the integration tests use to make a run go wrong. */
final class DemoManifests {

  private DemoManifests() {}

  /** The manifest with every studio image labelled as the next class: a labelling fault. */
  static List<String> withWrongStudioLabels(List<String> lines) {
    List<String> classes = List.of("circle", "square", "triangle");
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      JsonObject json = JsonParser.parseString(line).getAsJsonObject();
      if (json.get("source").getAsString().equals("studio")) {
        String label = json.get("label").getAsString();
        String wrong = classes.get((classes.indexOf(label) + 1) % classes.size());
        json.addProperty("label", wrong);
        json.getAsJsonArray("boxes").get(0).getAsJsonObject().addProperty("label", wrong);
      }
      out.add(json.toString());
    }
    return out;
  }
}
