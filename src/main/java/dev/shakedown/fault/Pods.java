package dev.shakedown.fault;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/** Small reads of pod state shared by the pod faults. */
final class Pods {

  private Pods() {}

  static Optional<OwnerReference> controller(Pod pod) {
    List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
    return refs == null ? Optional.empty()
        : refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
  }

  static boolean isReady(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static long readyOwnedBy(KubernetesClient client, String namespace, String ownerUid) {
    return client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> controller(p).map(o -> ownerUid.equals(o.getUid())).orElse(false))
        .filter(Pods::isReady)
        .count();
  }

  static boolean isDaemonSetPod(Pod pod) {
    return controller(pod).map(o -> "DaemonSet".equals(o.getKind())).orElse(false);
  }

  static boolean isMirrorPod(Pod pod) {
    return pod.getMetadata().getAnnotations() != null
        && pod.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror");
  }

  static Optional<ContainerStatus> containerStatus(Pod pod, String container) {
    if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream().filter(s -> container.equals(s.getName())).findFirst();
  }

  static String mainContainer(Pod pod, String requested) {
    return requested != null ? requested : pod.getSpec().getContainers().get(0).getName();
  }
}
