package dev.shakedown.workload;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Bounded waits for controllers to have all their replicas Ready, failing with what was seen last. */
final class Readiness {

  private Readiness() {}

  static void awaitDeployment(KubernetesClient client, String namespace, String name, Duration atMost) {
    Supplier<Deployment> get = () -> client.apps().deployments().inNamespace(namespace).withName(name).get();
    awaitReplicas("Deployment", namespace, name, atMost, () -> {
      Deployment d = get.get();
      return d == null ? null : new int[] {orZero(d.getSpec().getReplicas()), orZero(d.getStatus() == null ? null
          : d.getStatus().getReadyReplicas()), orZero(d.getStatus() == null ? null : d.getStatus().getUpdatedReplicas())};
    });
  }

  static void awaitStatefulSet(KubernetesClient client, String namespace, String name, Duration atMost) {
    Supplier<StatefulSet> get = () -> client.apps().statefulSets().inNamespace(namespace).withName(name).get();
    awaitReplicas("StatefulSet", namespace, name, atMost, () -> {
      StatefulSet s = get.get();
      return s == null ? null : new int[] {orZero(s.getSpec().getReplicas()), orZero(s.getStatus() == null ? null
          : s.getStatus().getReadyReplicas()), orZero(s.getStatus() == null ? null : s.getStatus().getUpdatedReplicas())};
    });
  }

  /** counts = {desired, ready, updated}, or {@code null} when the object does not exist. */
  private static void awaitReplicas(String kind, String namespace, String name, Duration atMost,
      Supplier<int[]> counts) {
    int[][] last = new int[1][];
    try {
      Awaitility.await(kind + " " + namespace + "/" + name + " has all replicas Ready")
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> {
            last[0] = counts.get();
            return last[0] != null && last[0][1] == last[0][0] && last[0][2] == last[0][0];
          });
    } catch (ConditionTimeoutException e) {
      String seen = last[0] == null ? "it does not exist"
          : "desired " + last[0][0] + ", ready " + last[0][1] + ", updated " + last[0][2];
      throw new ShakedownException(kind + " " + namespace + "/" + name + ": expected all replicas Ready within "
          + atMost + ", but " + seen, e);
    }
  }

  private static int orZero(Integer value) {
    return Objects.requireNonNullElse(value, 0);
  }
}
