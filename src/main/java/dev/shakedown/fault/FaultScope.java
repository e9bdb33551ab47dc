package dev.shakedown.fault;

import dev.shakedown.cluster.Cluster;
import dev.shakedown.history.Timeline;
import dev.shakedown.cluster.Scope;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import java.util.Random;

/**
 * What a fault acts on and reports to: the API client, the scenario's namespace, its timeline and seeded
 * random source, and (for node faults) the cluster. Usually {@link #of(Scope)}; tests build one.
 *
 * @param cluster the cluster's node handles; may be {@code null} for pod-level faults
 */
public record FaultScope(KubernetesClient client, String namespace, Timeline timeline, Random random, Cluster cluster) {

  public FaultScope {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(timeline, "timeline");
    Objects.requireNonNull(random, "random");
  }

  public static FaultScope of(Scope ctx) {
    return new FaultScope(ctx.client(), ctx.namespace(), ctx.timeline(), ctx.random(), ctx.cluster());
  }

  /** The cluster, or a clear failure for a node fault run without one. */
  public Cluster requireCluster(String fault) {
    if (cluster == null) {
      throw new IllegalStateException(fault + " acts on nodes and needs a Cluster in its FaultScope");
    }
    return cluster;
  }
}
