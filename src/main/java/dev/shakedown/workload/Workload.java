package dev.shakedown.workload;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Something a scenario keeps busy: a set of Kubernetes objects deployed into one namespace. The lifecycle
 * is {@link #deploy()} → {@link #awaitReady(Duration)} → {@link #teardown()}; {@link #close()} tears down,
 * so a workload registered with the scenario context disappears even when the test fails.
 */
public interface Workload extends AutoCloseable {

  /** The workload's name: the name of its Deployment / StatefulSet and Service. */
  String name();

  String namespace();

  /** The labels that select this workload's pods (also the Service selector). */
  Map<String, String> selector();

  /** Creates (or replaces) the workload's objects; returns {@code this}. */
  Workload deploy();

  /** Waits until every replica is Ready; throws a {@code ShakedownException} naming what was not, on timeout. */
  Workload awaitReady(Duration atMost);

  /** The workload's pods as the API server sees them now. */
  List<Pod> pods();

  /**
   * The workload's own steady-state probe: what is wrong with it now (empty when healthy). By default, every pod
   * must exist and be Ready; a workload with a stronger notion (a leader elected, replicas in sync) overrides it.
   */
  default List<String> steadyStateProblems() {
    List<Pod> pods = pods();
    if (pods.isEmpty()) {
      return List.of(namespace() + "/" + name() + ": no pods");
    }
    return pods.stream().filter(p -> !io.fabric8.kubernetes.client.readiness.Readiness.isPodReady(p))
        .map(p -> "pod " + namespace() + "/" + p.getMetadata().getName() + " not Ready").toList();
  }

  /** Deletes the workload's objects; harmless when they are already gone. */
  void teardown();

  @Override
  default void close() {
    teardown();
  }
}
