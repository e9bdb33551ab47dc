package dev.shakedown.cluster;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared by all {@link Node} handles of one {@link Cluster}: what they changed and have not restored yet (node name
 * → change), read by the after-test residue check so a node stopped by another, concurrent run is not blamed on this
 * test; and when each node was last started or unpaused, so {@link Node#awaitReady} ignores a stale Ready.
 */
final class NodeLedger {

  private final Map<String, String> pending = new ConcurrentHashMap<>();
  private final Map<String, Instant> resumed = new ConcurrentHashMap<>();

  void changed(String node, String change) {
    pending.put(node, change);
  }

  void restored(String node) {
    resumed.put(node, Instant.now());
    pending.remove(node);
  }

  /** When the node was last started or unpaused through a handle, or {@code null}. */
  Instant resumedAt(String node) {
    return resumed.get(node);
  }

  /** An immutable copy: node name → the last change not yet undone. */
  Map<String, String> pending() {
    return Map.copyOf(pending);
  }
}
