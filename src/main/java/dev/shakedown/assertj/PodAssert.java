package dev.shakedown.assertj;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a fabric8 {@link Pod} as last read from the API; every failure message shows the pod's
 * namespace/name, phase, Ready condition, node and restart count.
 */
public class PodAssert extends AbstractAssert<PodAssert, Pod> {

  public PodAssert(Pod actual) {
    super(actual, PodAssert.class);
  }

  /** The pod's {@code Ready} condition is {@code True}. */
  public PodAssert isReady() {
    isNotNull();
    if (!"True".equals(readyStatus(actual))) {
      failWithMessage("Expected a Ready pod but it was not: %s", describe(actual));
    }
    return this;
  }

  /** The pod's {@code Ready} condition is not {@code True} ({@code False}, {@code Unknown} or absent). */
  public PodAssert isNotReady() {
    isNotNull();
    if ("True".equals(readyStatus(actual))) {
      failWithMessage("Expected a pod that is not Ready but it was: %s", describe(actual));
    }
    return this;
  }

  /** The pod's {@code status.phase} is {@code Running}. */
  public PodAssert isRunning() {
    isNotNull();
    if (!"Running".equals(phase(actual))) {
      failWithMessage("Expected a Running pod but its phase was %s: %s", phase(actual), describe(actual));
    }
    return this;
  }

  /** The pod is scheduled on the node {@code node} ({@code spec.nodeName}). */
  public PodAssert isOnNode(String node) {
    isNotNull();
    if (!Objects.equals(nodeName(actual), node)) {
      failWithMessage("Expected a pod on node %s but it was on %s: %s", node, nodeName(actual), describe(actual));
    }
    return this;
  }

  /** The restart counts of the pod's containers ({@code status.containerStatuses}) add up to at least {@code n}. */
  public PodAssert hasRestartCountAtLeast(int n) {
    isNotNull();
    int restarts = restarts(actual);
    if (restarts < n) {
      failWithMessage("Expected at least %d restarts but found %d: %s", n, restarts, describe(actual));
    }
    return this;
  }

  /**
   * One of the pod's {@code metadata.ownerReferences} is the object {@code kind}/{@code name}, e.g.
   * {@code isOwnedBy("StatefulSet", "db")}.
   */
  public PodAssert isOwnedBy(String kind, String name) {
    isNotNull();
    List<OwnerReference> owners = owners(actual);
    if (owners.stream().noneMatch(o -> Objects.equals(o.getKind(), kind) && Objects.equals(o.getName(), name))) {
      failWithMessage("Expected a pod owned by %s/%s but its owners were %s: %s", kind, name,
          owners.stream().map(o -> o.getKind() + "/" + o.getName()).toList(), describe(actual));
    }
    return this;
  }

  /** E.g. {@code pod chaos-1/db-0 (phase Running, Ready=True, node kind-worker, restarts 2)}. */
  static String describe(Pod pod) {
    ObjectMeta meta = pod.getMetadata();
    String ns = meta == null ? null : meta.getNamespace();
    String name = meta == null ? null : meta.getName();
    String ready = readyStatus(pod);
    return String.format("pod %s/%s (phase %s, Ready=%s, node %s, restarts %d)", ns, name, phase(pod),
        ready == null ? "absent" : ready, nodeName(pod), restarts(pod));
  }

  private static String readyStatus(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return null;
    }
    return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
        .map(PodCondition::getStatus).findFirst().orElse(null);
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  private static String nodeName(Pod pod) {
    return pod.getSpec() == null ? null : pod.getSpec().getNodeName();
  }

  private static int restarts(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return 0;
    }
    return pod.getStatus().getContainerStatuses().stream().map(ContainerStatus::getRestartCount)
        .mapToInt(r -> r == null ? 0 : r).sum();
  }

  private static List<OwnerReference> owners(Pod pod) {
    ObjectMeta meta = pod.getMetadata();
    return meta == null || meta.getOwnerReferences() == null ? List.of() : meta.getOwnerReferences();
  }
}
