package dev.shakedown.workload;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels Shakedown puts on every object it deploys. */
final class Labels {

  static final String APP = "app.kubernetes.io/name";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private Labels() {}

  static Map<String, String> selector(String name) {
    return Map.of(APP, name);
  }

  static Map<String, String> of(String name) {
    Map<String, String> labels = new LinkedHashMap<>(selector(name));
    labels.put(MANAGED_BY, "shakedown");
    return labels;
  }
}
