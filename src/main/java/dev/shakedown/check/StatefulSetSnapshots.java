package dev.shakedown.check;

import dev.shakedown.ShakedownException;
import dev.shakedown.check.StatefulSetSnapshot.PodState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds {@link StatefulSetSnapshot}s from fabric8 model objects; keeps the snapshot itself fabric8-free. */
public final class StatefulSetSnapshots {

  /** The label Kubernetes 1.28+ puts on every StatefulSet pod. */
  static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

  private StatefulSetSnapshots() {}

  /**
   * Snapshot of {@code set} and its {@code pods}, resolving each mounted claim to its volume through
   * {@code claims}.
   *
   * @param set the StatefulSet as read from the API
   * @param pods the pods of that set (the caller selects them, e.g. by the set's selector)
   * @param claims the PersistentVolumeClaims of the namespace (unknown claims map to a {@code null} volume)
   * @param readyAfter time from the fault until every replica was Ready, or {@code null} if not measured
   */
  /**
   * The StatefulSet {@code namespace/name} now, with {@code pods} and the namespace's claims.
   *
   * @throws dev.shakedown.ShakedownException when the StatefulSet does not exist
   */
  public static StatefulSetSnapshot of(io.fabric8.kubernetes.client.KubernetesClient client, String namespace,
      String name, List<Pod> pods, java.time.Duration readyAfter) {
    StatefulSet set = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
    if (set == null) {
      throw new dev.shakedown.ShakedownException("StatefulSet " + namespace + "/" + name + " does not exist");
    }
    return from(set, pods, client.persistentVolumeClaims().inNamespace(namespace).list().getItems(), readyAfter);
  }

  public static StatefulSetSnapshot from(StatefulSet set, List<Pod> pods, List<PersistentVolumeClaim> claims,
      Duration readyAfter) {
    String name = set.getMetadata().getName();
    Map<String, String> volumeOfClaim = new HashMap<>();
    for (PersistentVolumeClaim claim : claims) {
      volumeOfClaim.put(claim.getMetadata().getName(),
          claim.getSpec() == null ? null : claim.getSpec().getVolumeName());
    }
    Integer replicas = set.getSpec() == null ? null : set.getSpec().getReplicas();
    List<PodState> states = pods.stream().map(pod -> podState(name, pod, volumeOfClaim)).toList();
    return new StatefulSetSnapshot(set.getMetadata().getNamespace(), name, replicas == null ? 1 : replicas,
        readyAfter, states);
  }

  private static PodState podState(String setName, Pod pod, Map<String, String> volumeOfClaim) {
    Map<String, String> volumes = new TreeMap<>();
    List<Volume> podVolumes = pod.getSpec() == null ? List.of() : pod.getSpec().getVolumes();
    for (Volume volume : podVolumes == null ? List.<Volume>of() : podVolumes) {
      if (volume.getPersistentVolumeClaim() != null) {
        String claim = volume.getPersistentVolumeClaim().getClaimName();
        volumes.put(claim, volumeOfClaim.get(claim));
      }
    }
    var status = pod.getStatus();
    boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    int restarts = status == null || status.getContainerStatuses() == null ? 0 : status.getContainerStatuses()
        .stream().map(ContainerStatus::getRestartCount).mapToInt(n -> n == null ? 0 : n).sum();
    String podName = pod.getMetadata().getName();
    return new PodState(podName, ordinal(setName, pod), pod.getMetadata().getUid(), ready, restarts, volumes,
        pod.getSpec() == null ? null : pod.getSpec().getNodeName());
  }

  /** The pod-index label when present, else the numeric suffix of {@code <set>-<ordinal>}. */
  static int ordinal(String setName, Pod pod) {
    String podName = pod.getMetadata().getName();
    String label = Optional.ofNullable(pod.getMetadata().getLabels()).map(l -> l.get(POD_INDEX_LABEL)).orElse(null);
    String suffix = label != null ? label
        : podName.startsWith(setName + "-") ? podName.substring(setName.length() + 1) : "";
    try {
      return Integer.parseInt(suffix);
    } catch (NumberFormatException e) {
      throw new ShakedownException("StatefulSet " + setName + ": cannot tell the ordinal of pod " + podName
          + " (expected label " + POD_INDEX_LABEL + " or name " + setName + "-<ordinal>)", e);
    }
  }
}
