package dev.shakedown.workload;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels Shakedown puts on every object it deploys. */
public final class Labels {

  public static final String APP = "app.kubernetes.io/name";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private Labels() {}

  public static Map<String, String> selector(String name) {
    return Map.of(APP, name);
  }

  public static Map<String, String> of(String name) {
    Map<String, String> labels = new LinkedHashMap<>(selector(name));
    labels.put(MANAGED_BY, "shakedown");
    return labels;
  }
}
