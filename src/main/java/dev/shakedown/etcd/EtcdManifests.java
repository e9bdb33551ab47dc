package dev.shakedown.etcd;

import dev.shakedown.web.StatefulKv;
import dev.shakedown.workload.Labels;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The Kubernetes objects of an {@link Etcd} workload, built without a cluster: a headless Service (peer DNS
 * names, published before readiness so members find each other while bootstrapping), one NodePort Service per
 * member (how the test JVM reaches each member), a ConfigMap with the start script and each member's
 * {@code --initial-cluster-state}, and a StatefulSet with {@code Parallel} pod management (an ordered start
 * would wait forever for a first member that cannot be Ready without quorum).
 */
public record EtcdManifests(String name, String namespace, int replicas, String image, String storage) {

  public static final int CLIENT_PORT = 2379;
  public static final int PEER_PORT = 2380;
  public static final int METRICS_PORT = 2381;
  /** Where the volume is mounted and etcd keeps {@code member/snap/db} and {@code member/wal/}. */
  public static final String DATA_DIR = "/var/lib/etcd";
  static final String CONFIG_DIR = "/etc/shakedown-etcd";
  static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  static final String SCRIPT = "start.sh";

  public EtcdManifests {
    if (replicas < 1) {
      throw new IllegalArgumentException("etcd replicas must be >= 1, was " + replicas);
    }
  }

  /** Member names, which are also the pod names: {@code <name>-0 .. <name>-(replicas-1)}. */
  public List<String> members() {
    return IntStream.range(0, replicas).mapToObj(i -> name + "-" + i).toList();
  }

  /** A member's peer URL, {@code http://<member>.<name>.<namespace>.svc:2380}. */
  public String peerUrl(String member) {
    return "http://" + member + "." + name + "." + namespace + ".svc:" + PEER_PORT;
  }

  /** {@code --initial-cluster}: {@code <name>-0=<peer url>,<name>-1=<peer url>,...} in ordinal order. */
  public String initialCluster() {
    return members().stream().map(m -> m + "=" + peerUrl(m)).collect(Collectors.joining(","));
  }

  /** The ConfigMap key holding a member's {@code --initial-cluster-state} ({@code new} or {@code existing}). */
  public static String stateKey(String member) {
    return member + ".state";
  }

  public String configMapName() { return name + "-config"; }

  /** The NodePort Service of one member: {@code <member>-client}. */
  public static String memberServiceName(String member) { return member + "-client"; }

  /** The claim the StatefulSet makes for a member: {@code data-<member>}. */
  public static String claimName(String member) { return "data-" + member; }

  /** Every object, in creation order. */
  public List<HasMetadata> all() {
    List<HasMetadata> objects = new ArrayList<>(List.of(configMap(), headlessService()));
    members().forEach(m -> objects.add(memberService(m)));
    objects.add(statefulSet());
    return objects;
  }

  public ConfigMap configMap() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(SCRIPT, startScript());
    members().forEach(m -> data.put(stateKey(m), "new"));
    return new ConfigMapBuilder()
        .withNewMetadata().withName(configMapName()).withNamespace(namespace).withLabels(Labels.of(name)).endMetadata()
        .withData(data)
        .build();
  }

  public Service headlessService() {
    return new ServiceBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(Labels.of(name)).endMetadata()
        .withNewSpec()
          .withClusterIP("None")
          .withPublishNotReadyAddresses(true)
          .withSelector(Labels.selector(name))
          .addNewPort().withName("client").withPort(CLIENT_PORT).withTargetPort(new IntOrString("client")).endPort()
          .addNewPort().withName("peer").withPort(PEER_PORT).withTargetPort(new IntOrString("peer")).endPort()
        .endSpec()
        .build();
  }

  /** NodePort to one member's client port; not-ready members stay reachable, so clients see what etcd answers. */
  public Service memberService(String member) {
    Map<String, String> selector = new LinkedHashMap<>(Labels.selector(name));
    selector.put(POD_NAME_LABEL, member);
    return new ServiceBuilder()
        .withNewMetadata().withName(memberServiceName(member)).withNamespace(namespace).withLabels(Labels.of(name))
        .endMetadata()
        .withNewSpec()
          .withType("NodePort")
          .withPublishNotReadyAddresses(true)
          .withSelector(selector)
          .addNewPort().withName("client").withPort(CLIENT_PORT).withTargetPort(new IntOrString("client")).endPort()
        .endSpec()
        .build();
  }

  public StatefulSet statefulSet() {
    return new StatefulSetBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(Labels.of(name)).endMetadata()
        .withNewSpec()
          .withReplicas(replicas)
          .withServiceName(name)
          .withPodManagementPolicy("Parallel")
          .withNewSelector().withMatchLabels(Labels.selector(name)).endSelector()
          .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted("Delete").withWhenScaled("Retain")
          .endPersistentVolumeClaimRetentionPolicy()
          .withNewTemplate()
            .withNewMetadata().withLabels(Labels.of(name)).endMetadata()
            .withNewSpec()
              .withTerminationGracePeriodSeconds(10L)
              .withEnableServiceLinks(false)
              .withNewAffinity().withNewPodAntiAffinity()
                .addToRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder()
                    .withNewLabelSelector().withMatchLabels(Labels.selector(name)).endLabelSelector()
                    .withTopologyKey(StatefulKv.TOPOLOGY_KEY).build())
              .endPodAntiAffinity().endAffinity()
              .withContainers(container())
              .addNewVolume().withName("config").withNewConfigMap().withName(configMapName()).withDefaultMode(0555)
              .endConfigMap().endVolume()
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

  Container container() {
    return new ContainerBuilder()
        .withName("etcd")
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withCommand("/bin/sh", CONFIG_DIR + "/" + SCRIPT)
        .addNewPort().withName("client").withContainerPort(CLIENT_PORT).endPort()
        .addNewPort().withName("peer").withContainerPort(PEER_PORT).endPort()
        .addNewPort().withName("metrics").withContainerPort(METRICS_PORT).endPort()
        .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
            .endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName("NAMESPACE").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.namespace")
            .endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName("SERVICE").withValue(name).endEnv()
        .addNewEnv().withName("DATA_DIR").withValue(DATA_DIR).endEnv()
        .addNewEnv().withName("INITIAL_CLUSTER").withValue(initialCluster()).endEnv()
        .addNewEnv().withName("CLUSTER_TOKEN").withValue(name + "-" + namespace).endEnv()
        .addNewVolumeMount().withName("data").withMountPath(DATA_DIR).endVolumeMount()
        .addNewVolumeMount().withName("config").withMountPath(CONFIG_DIR).withReadOnly(true).endVolumeMount()
        .withNewReadinessProbe()
          .withNewHttpGet().withPath("/readyz").withPort(new IntOrString("metrics")).endHttpGet()
          .withInitialDelaySeconds(1).withPeriodSeconds(2).withTimeoutSeconds(2).withFailureThreshold(3)
        .endReadinessProbe()
        .withNewResources()
          .addToRequests("cpu", new Quantity("50m"))
          .addToRequests("memory", new Quantity("64Mi"))
          .addToLimits("memory", new Quantity("512Mi"))
        .endResources()
        .build();
  }

  /** The start script (classpath resource {@code etcd-start.sh}). */
  static String startScript() {
    try (InputStream in = EtcdManifests.class.getResourceAsStream("etcd-start.sh")) {
      if (in == null) {
        throw new ShakedownException("classpath resource dev/shakedown/etcd/etcd-start.sh is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ShakedownException("cannot read dev/shakedown/etcd/etcd-start.sh: " + e.getMessage(), e);
    }
  }
}
