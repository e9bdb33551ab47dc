package dev.shakedown.etcd;

import dev.shakedown.cluster.Scope;
import dev.shakedown.workload.KubernetesWorkload;
import dev.shakedown.workload.NodePortEndpoints;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An etcd cluster as a StatefulSet (default 3 members, image {@value #DEFAULT_IMAGE}, property
 * {@value #IMAGE_PROPERTY}): stable peer names through a headless Service, one claim per member from the default
 * StorageClass, required anti-affinity (one member per node), readiness on {@code /readyz}, and one NodePort
 * Service per member so {@link #etcdClient()} and {@link #members()} reach each member from the test JVM. See
 * {@link EtcdManifests} for the objects and {@link #joinAsExisting(String)} for re-adding a member.
 */
public final class Etcd extends KubernetesWorkload<Etcd> {

  public static final String IMAGE_PROPERTY = "shakedown.image.etcd";
  public static final String DEFAULT_IMAGE = "registry.k8s.io/etcd:3.6.5-0";

  private String image = System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
  private int replicas = 3;
  private String storage = "256Mi";
  private Duration deadline = Duration.ofSeconds(2);

  /** A 3-member etcd cluster named {@code etcd}, torn down with the scenario. */
  public static Etcd of(Scope scope) {
    return scope.register(new Etcd(scope.client(), scope.namespace(), "etcd"));
  }

  public static Etcd of(KubernetesClient client, String namespace, String name) {
    return new Etcd(client, namespace, name);
  }

  Etcd(KubernetesClient client, String namespace, String name) {
    super(client, namespace, name);
  }

  public Etcd replicas(int replicas) { this.replicas = replicas; return this; }

  public Etcd storage(String size) { this.storage = Objects.requireNonNull(size, "size"); return this; }

  public Etcd image(String image) { this.image = Objects.requireNonNull(image, "image"); return this; }

  /** The deadline of each jetcd call made by {@link #etcdClient()} and {@link #members()} (default 2 s). */
  public Etcd deadline(Duration deadline) { this.deadline = Objects.requireNonNull(deadline, "deadline"); return this; }

  /** The objects {@link #deploy()} creates. */
  public EtcdManifests manifests() {
    return new EtcdManifests(name, namespace, replicas, image, storage);
  }

  /** Member names, which are also pod names: {@code <name>-0 ...}. */
  public List<String> memberNames() {
    return manifests().members();
  }

  /**
   * Each member's client endpoint from the host: {@code http://<node InternalIP>:<member's NodePort>}, member i on
   * the i-th Ready node (sorted by name, wrapping), so the endpoints do not all depend on one node.
   *
   * @throws ShakedownException when a member Service is missing or no node is Ready
   */
  public Map<String, URI> endpoints() {
    List<String> ips = client.nodes().list().getItems().stream().filter(NodePortEndpoints::isReady)
        .sorted(java.util.Comparator.comparing(n -> n.getMetadata().getName()))
        .map(NodePortEndpoints::internalIp).filter(Objects::nonNull).toList();
    if (ips.isEmpty()) {
      throw new ShakedownException("etcd " + namespace + "/" + name + ": no Ready node with an InternalIP to reach"
          + " its NodePorts through");
    }
    Map<String, URI> uris = new LinkedHashMap<>();
    List<String> members = memberNames();
    for (int i = 0; i < members.size(); i++) {
      String serviceName = EtcdManifests.memberServiceName(members.get(i));
      Service service = client.services().inNamespace(namespace).withName(serviceName).get();
      Integer port = service == null ? null : service.getSpec().getPorts().get(0).getNodePort();
      if (port == null) {
        throw new ShakedownException("Service " + namespace + "/" + serviceName + ": expected a NodePort Service, "
            + (service == null ? "it does not exist (deploy() first)" : "it has no node port"));
      }
      uris.put(members.get(i), URI.create("http://" + ips.get(i % ips.size()) + ":" + port));
    }
    return uris;
  }

  /**
   * A jetcd {@link EtcdClient} of every member's endpoint, with this workload's deadline; run it with a
   * {@link dev.shakedown.client.Load} (see {@link EtcdClient#load}), which closes it.
   */
  public EtcdClient etcdClient() {
    return new EtcdClient(List.copyOf(endpoints().values()), deadline);
  }

  /** Like {@link #etcdClient()}, but only through {@code member}'s endpoint (e.g. to read a replaced member's copy). */
  public EtcdClient etcdClient(String member) {
    URI endpoint = endpoints().get(member);
    if (endpoint == null) {
      throw new IllegalArgumentException("etcd member " + member + " is not one of " + memberNames());
    }
    return new EtcdClient(List.of(endpoint), deadline);
  }

  /** Membership and status of the members through their endpoints; the caller closes it. */
  public EtcdMembers members() {
    return new EtcdMembers(endpoints(), deadline);
  }

  /**
   * Like {@link #members()}, but member list / add / remove are asked only of the other members, never of
   * {@code excluded} (a member being replaced may still answer with its stale view of the membership).
   */
  public EtcdMembers membersExcept(String excluded) {
    List<String> others = memberNames().stream().filter(m -> !m.equals(excluded)).toList();
    return new EtcdMembers(endpoints(), deadline, others);
  }

  /** The peer URL a member is known by, {@code http://<member>.<name>.<namespace>.svc:2380}. */
  public URI peerUrl(String member) {
    return URI.create(manifests().peerUrl(member));
  }

  /**
   * Makes {@code member} start as {@code --initial-cluster-state=existing} the next time it starts on an empty
   * data directory (after {@code member add}); a member with data on disk ignores the setting.
   */
  public void joinAsExisting(String member) {
    if (!memberNames().contains(member)) {
      throw new IllegalArgumentException("etcd member " + member + " is not one of " + memberNames());
    }
    String configMap = manifests().configMapName();
    if (client.configMaps().inNamespace(namespace).withName(configMap).get() == null) {
      throw new ShakedownException("ConfigMap " + namespace + "/" + configMap + " not found: deploy() first");
    }
    client.configMaps().inNamespace(namespace).withName(configMap)
        .edit(cm -> { cm.getData().put(EtcdManifests.stateKey(member), "existing"); return cm; });
  }

  @Override
  protected List<HasMetadata> objects() {
    return manifests().all();
  }

  @Override
  public String toString() {
    return "Etcd " + namespace + "/" + name + " (" + replicas + " members, " + image + ")";
  }
}
