package dev.shakedown.workload;

import dev.shakedown.internal.Waits;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** Bounded waits for controllers to have all their replicas Ready, failing with what was seen last. */
public final class Readiness {

  private Readiness() {}

  public static void awaitDeployment(KubernetesClient client, String namespace, String name, Duration atMost) {
    Supplier<Deployment> get = () -> client.apps().deployments().inNamespace(namespace).withName(name).get();
    awaitReplicas("Deployment", namespace, name, atMost, () -> {
      Deployment d = get.get();
      return d == null ? null : new int[] {orZero(d.getSpec().getReplicas()), orZero(d.getStatus() == null ? null
          : d.getStatus().getReadyReplicas()), orZero(d.getStatus() == null ? null : d.getStatus().getUpdatedReplicas())};
    });
  }

  public static void awaitStatefulSet(KubernetesClient client, String namespace, String name, Duration atMost) {
    Supplier<StatefulSet> get = () -> client.apps().statefulSets().inNamespace(namespace).withName(name).get();
    awaitReplicas("StatefulSet", namespace, name, atMost, () -> {
      StatefulSet s = get.get();
      return s == null ? null : new int[] {orZero(s.getSpec().getReplicas()), orZero(s.getStatus() == null ? null
          : s.getStatus().getReadyReplicas()), orZero(s.getStatus() == null ? null : s.getStatus().getUpdatedReplicas())};
    });
  }

  /** Every pod the DaemonSet should run is scheduled, updated and Ready. */
  public static void awaitDaemonSet(KubernetesClient client, String namespace, String name, Duration atMost) {
    awaitReplicas("DaemonSet", namespace, name, atMost, () -> {
      var d = client.apps().daemonSets().inNamespace(namespace).withName(name).get();
      return d == null ? null : d.getStatus() == null ? new int[] {1, 0, 0}
          : new int[] {orZero(d.getStatus().getDesiredNumberScheduled()), orZero(d.getStatus().getNumberReady()),
              orZero(d.getStatus().getUpdatedNumberScheduled())};
    });
  }

  /**
   * The Job has completed (condition Complete); a Job that failed (condition Failed) ends the wait at once.
   *
   * @throws dev.shakedown.ShakedownException naming the Job's condition when it failed
   */
  public static void awaitJob(KubernetesClient client, String namespace, String name, Duration atMost) {
    String done = Waits.until("Job " + namespace + "/" + name + " completes", atMost, Waits.POLL, () -> {
      var job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
      if (job == null) {
        return "it does not exist";
      }
      var conditions = job.getStatus() == null || job.getStatus().getConditions() == null ? List.<io.fabric8
          .kubernetes.api.model.batch.v1.JobCondition>of() : job.getStatus().getConditions();
      return conditions.stream().filter(c -> "True".equals(c.getStatus()))
          .filter(c -> "Complete".equals(c.getType()) || "Failed".equals(c.getType()))
          .map(c -> c.getType() + (c.getMessage() == null ? "" : ": " + c.getMessage())).findFirst()
          .orElse("running");
    }, state -> state.startsWith("Complete") || state.startsWith("Failed"));
    if (done.startsWith("Failed")) {
      throw new dev.shakedown.ShakedownException("Job " + namespace + "/" + name + " failed: " + done);
    }
  }

  /** counts = {desired, ready, updated}, or {@code null} when the object does not exist. */
  /**
   * Waits until every Ready node accepts TCP connections on each node port of the NodePort Service {@code name}:
   * each node's kube-proxy programs a new Service's node ports on its own schedule (measured here: up to 0.9 s after
   * the Service is created), and a client that starts before then sees refused connections.
   */
  public static void awaitNodePorts(KubernetesClient client, String namespace, String name, Duration atMost) {
    Waits.until("every Ready node accepts connections on the node ports of Service " + namespace + "/" + name, atMost,
        Duration.ofMillis(200), () -> refusing(client, namespace, name), List::isEmpty,
        r -> "refused or timed out at " + r);
  }

  private static List<String> refusing(KubernetesClient client, String namespace, String name) {
    var service = client.services().inNamespace(namespace).withName(name).get();
    if (service == null) {
      return List.of("Service missing");
    }
    List<String> refused = new java.util.ArrayList<>();
    for (var node : client.nodes().list().getItems()) {
      String ip = NodePortEndpoints.internalIp(node);
      if (!NodePortEndpoints.isReady(node) || ip == null) {
        continue;
      }
      for (var port : service.getSpec().getPorts()) {
        if (port.getNodePort() != null && !accepts(ip, port.getNodePort())) {
          refused.add(ip + ":" + port.getNodePort());
        }
      }
    }
    return refused;
  }

  private static boolean accepts(String ip, int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(ip, port), 500);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static void awaitReplicas(String kind, String namespace, String name, Duration atMost,
      Supplier<int[]> counts) {
    Waits.until(kind + " " + namespace + "/" + name + " has all replicas Ready", atMost, Waits.POLL, counts::get,
        c -> c != null && c[1] == c[0] && c[2] == c[0],
        c -> c == null ? "it does not exist" : "desired " + c[0] + ", ready " + c[1] + ", updated " + c[2]);
  }

  private static int orZero(Integer value) {
    return Objects.requireNonNullElse(value, 0);
  }
}
