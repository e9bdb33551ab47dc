package dev.shakedown.kind;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * What the cluster ITs share: a fabric8 client on the kind cluster's context and a throwaway namespace
 * that is deleted (and awaited) on close.
 */
final class KindFixture implements AutoCloseable {

  static final String CONTEXT = System.getProperty("shakedown.context", "kind-shakedown");
  static final String IMAGE = System.getProperty("shakedown.image.workload", "shakedown/workload:0.1");

  final KubernetesClient client;
  final String namespace;

  KindFixture(String purpose) {
    client = new KubernetesClientBuilder().withConfig(Config.autoConfigure(CONTEXT)).build();
    namespace = "sd-kind-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 6);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
        .addToLabels("shakedown.dev/managed", "true").endMetadata().build()).create();
  }

  List<String> workerNames() {
    return client.nodes().withoutLabel("node-role.kubernetes.io/control-plane").list().getItems().stream()
        .map(n -> n.getMetadata().getName()).sorted().toList();
  }

  /** A pod of the workload image pinned to a node by its hostname label (so the scheduler still runs). */
  Pod workloadPod(String name, String node, String app) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).addToLabels("app", app).endMetadata()
        .withNewSpec().withTerminationGracePeriodSeconds(0L)
        .addToNodeSelector("kubernetes.io/hostname", node)
        .addNewContainer().withName("main").withImage(IMAGE).withImagePullPolicy("IfNotPresent")
        .addNewPort().withContainerPort(8080).endPort()
        .withNewReadinessProbe().withNewHttpGet().withPath("/healthz").withNewPort(8080).endHttpGet()
        .withPeriodSeconds(1).endReadinessProbe()
        .endContainer().endSpec().build();
  }

  Pod awaitReady(String pod, Duration atMost) {
    await("pod " + namespace + "/" + pod + " Ready").atMost(atMost).pollInterval(Duration.ofMillis(500))
        .until(() -> Readiness.isPodReady(client.pods().inNamespace(namespace).withName(pod).get()));
    return client.pods().inNamespace(namespace).withName(pod).get();
  }

  /** Runs a command in a pod's main container and returns its stdout. */
  String exec(String pod, String... command) throws Exception {
    try (var out = new java.io.ByteArrayOutputStream();
        var watch = client.pods().inNamespace(namespace).withName(pod).writingOutput(out).exec(command)) {
      Integer code = watch.exitCode().get(60, java.util.concurrent.TimeUnit.SECONDS);
      if (code == null || code != 0) {
        throw new AssertionError("command " + String.join(" ", command) + " in pod " + namespace + "/" + pod
            + " exited with " + code + ": " + out);
      }
      return out.toString();
    }
  }

  @Override
  public void close() {
    client.namespaces().withName(namespace).delete();
    await("namespace " + namespace + " deleted").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> client.namespaces().withName(namespace).get() == null);
    client.close();
  }
}
