package dev.shakedown.web;

import dev.shakedown.check.StatefulSetSnapshot;
import dev.shakedown.check.StatefulSetSnapshots;
import dev.shakedown.cluster.Scope;
import dev.shakedown.history.ChecksummedValue;
import dev.shakedown.workload.KubernetesWorkload;
import dev.shakedown.workload.Containers;
import dev.shakedown.workload.Labels;
import dev.shakedown.workload.Workloads;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.PodAntiAffinityBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A StatefulSet of the workload image's key-value store: default 3 replicas, one PersistentVolumeClaim per
 * pod from the default StorageClass mounted at {@code /data}, a headless Service, and required pod
 * anti-affinity on {@code kubernetes.io/hostname} (one pod per node; with 3 workers all 3 schedule).
 * {@code unsafe(true)} makes the store acknowledge writes before persisting them (a planted defect).
 * A NodePort Service {@code <name>-client} lets {@link Workloads#kvWriter} reach it; with more than one
 * replica each pod keeps its own data, so a lost-write check wants {@code replicas(1)}.
 */
public final class StatefulKv extends KubernetesWorkload<StatefulKv> {

  public static final String TOPOLOGY_KEY = "kubernetes.io/hostname";

  private String image = Workloads.image();
  private int replicas = 3;
  private String storage = "64Mi";
  private boolean unsafe;
  private boolean requiredSpread = true;

  /** A 3-replica StatefulSet named {@code kv} with one volume per pod, spread over nodes. */
  public static StatefulKv of(Scope scope) {
    return scope.register(new StatefulKv(scope.client(), scope.namespace(), "kv"));
  }

  public static StatefulKv of(KubernetesClient client, String namespace, String name) {
    return new StatefulKv(client, namespace, name);
  }

  StatefulKv(KubernetesClient client, String namespace, String name) {
    super(client, namespace, name);
  }

  public StatefulKv replicas(int replicas) { this.replicas = replicas; return this; }

  public StatefulKv storage(String size) { this.storage = Objects.requireNonNull(size, "size"); return this; }

  public StatefulKv unsafe(boolean unsafe) { this.unsafe = unsafe; return this; }

  /** {@code true} (default): required anti-affinity; {@code false}: preferred (pods may share a node). */
  public StatefulKv requiredSpread(boolean required) { this.requiredSpread = required; return this; }

  public StatefulKv image(String image) { this.image = Objects.requireNonNull(image, "image"); return this; }

  /** The objects {@link #deploy()} creates, in creation order. */
  public List<HasMetadata> manifests() {
    return List.of(headlessService(), clientService(), statefulSet());
  }

  /** A NodePort Service {@code <name>-client} over the set's pods, how the test JVM reaches the store. */
  public Service clientService() {
    return new ServiceBuilder()
        .withNewMetadata().withName(clientServiceName()).withNamespace(namespace).withLabels(Labels.of(name))
        .endMetadata()
        .withNewSpec()
          .withType("NodePort")
          .withSelector(selector())
          .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
        .endSpec()
        .build();
  }

  /**
   * Writes one checksummed value (seeded from {@code random}) under {@code key} into each pod's own store, through a
   * port-forward to the pod; returns pod name → value written. Data to read back with {@link #readEach(String)} after
   * the faults: a pod that came back on a wiped volume has lost it.
   */
  public Map<String, String> writeEach(String key, java.util.Random random) {
    Map<String, String> written = new java.util.TreeMap<>();
    for (Pod pod : pods()) {
      String podName = pod.getMetadata().getName();
      String value = ChecksummedValue.encode(podName + "-" + key, Long.toHexString(random.nextLong()));
      new PodKv(client, namespace, podName).put(key, value);
      written.put(podName, value);
    }
    return written;
  }

  /** Pod name → the value under {@code key} in that pod's own store; a pod without it is absent from the map. */
  public Map<String, String> readEach(String key) {
    Map<String, String> read = new java.util.TreeMap<>();
    for (Pod pod : pods()) {
      String podName = pod.getMetadata().getName();
      new PodKv(client, namespace, podName).get(key).ifPresent(v -> read.put(podName, v));
    }
    return read;
  }

  /** The StatefulSet, its pods and claims now, for {@code Checkers.statefulSetRecovered}. */
  public StatefulSetSnapshot snapshot(Duration readyAfter) {
    return StatefulSetSnapshots.of(client, namespace, name, pods(), readyAfter);
  }

  public String clientServiceName() {
    return name + "-client";
  }

  public Service headlessService() {
    return new ServiceBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(Labels.of(name)).endMetadata()
        .withNewSpec()
          .withClusterIP("None")
          .withPublishNotReadyAddresses(false)
          .withSelector(selector())
          .addNewPort().withName("http").withPort(Containers.PORT).withTargetPort(new IntOrString("http")).endPort()
        .endSpec()
        .build();
  }

  public StatefulSet statefulSet() {
    List<EnvVar> env = List.of(new EnvVar("DATA_DIR", "/data", null), new EnvVar("UNSAFE", String.valueOf(unsafe), null));
    var container = Containers.workload(image, env);
    container.setVolumeMounts(List.of(new io.fabric8.kubernetes.api.model.VolumeMountBuilder()
        .withName("data").withMountPath("/data").build()));
    return new StatefulSetBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(Labels.of(name)).endMetadata()
        .withNewSpec()
          .withReplicas(replicas)
          .withServiceName(name)
          .withPodManagementPolicy("Parallel")
          .withNewSelector().withMatchLabels(selector()).endSelector()
          .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted("Delete").withWhenScaled("Retain")
          .endPersistentVolumeClaimRetentionPolicy()
          .withNewTemplate()
            .withNewMetadata().withLabels(Labels.of(name)).endMetadata()
            .withNewSpec()
              .withTerminationGracePeriodSeconds(5L)
              .withNewAffinity().withPodAntiAffinity(antiAffinity()).endAffinity()
              .withContainers(container)
            .endSpec()
          .endTemplate()
          .addNewVolumeClaimTemplate()
            .withNewMetadata().withName("data").withLabels(Labels.of(name)).endMetadata()
            .withNewSpec()
              .withAccessModes("ReadWriteOnce")
              .withNewResources().addToRequests("storage", new Quantity(storage)).endResources()
            .endSpec()
          .endVolumeClaimTemplate()
        .endSpec()
        .build();
  }

  private PodAntiAffinity antiAffinity() {
    var term = new io.fabric8.kubernetes.api.model.PodAffinityTermBuilder()
        .withNewLabelSelector().withMatchLabels(selector()).endLabelSelector()
        .withTopologyKey(TOPOLOGY_KEY)
        .build();
    return requiredSpread
        ? new PodAntiAffinityBuilder().withRequiredDuringSchedulingIgnoredDuringExecution(term).build()
        : new PodAntiAffinityBuilder().addNewPreferredDuringSchedulingIgnoredDuringExecution()
            .withWeight(100).withPodAffinityTerm(term).endPreferredDuringSchedulingIgnoredDuringExecution().build();
  }

  @Override
  protected List<HasMetadata> objects() {
    return manifests();
  }

  @Override
  public String toString() {
    return "StatefulKv " + namespace + "/" + name + " (replicas " + replicas + ", unsafe " + unsafe + ")";
  }
}
