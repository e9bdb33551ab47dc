package dev.shakedown.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this run's {@link Node} handles changed and have not restored yet (node name → change). The
 * after-test residue check reads it, so a node stopped by another, concurrent run is not blamed on this test.
 */
final class NodeLedger {

  private final Map<String, String> pending = new ConcurrentHashMap<>();

  void changed(String node, String change) {
    pending.put(node, change);
  }

  void restored(String node) {
    pending.remove(node);
  }

  /** An immutable copy: node name → the last change not yet undone. */
  Map<String, String> pending() {
    return Map.copyOf(pending);
  }
}
