package dev.shakedown.cluster;

import dev.shakedown.history.Timeline;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Random;

/**
 * Where one rehearsal acts and what it records into: the cluster, the test's own namespace, the timeline, the seeded
 * random source and the resources closed at test end. Workloads, faults and watches take a scope; the scenario
 * context is the one a {@code @ChaosTest} hands out.
 */
public interface Scope {

  Cluster cluster();

  default KubernetesClient client() {
    return cluster().client();
  }

  /** The test's own namespace. */
  String namespace();

  Timeline timeline();

  /** The seed of {@link #random()}; replaying it replays every choice. */
  long seed();

  /** The seeded random source: every random choice (targets, timings, payloads) comes from it. */
  Random random();

  /** Registers a resource to be closed at test end, newest first; returns it. */
  <T extends AutoCloseable> T register(T resource);

  /**
   * The steady-state hypothesis before the first fault: returns once the cluster is healthy, or aborts the test as
   * "not in steady state", naming what is wrong.
   */
  void awaitSteadyState();
}
