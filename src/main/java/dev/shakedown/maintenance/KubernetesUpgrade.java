package dev.shakedown.maintenance;

import dev.shakedown.ShakedownException;
import dev.shakedown.cluster.Cluster;
import dev.shakedown.cluster.KindConfig;
import dev.shakedown.cluster.Node;
import dev.shakedown.fault.Fault;
import dev.shakedown.fault.FaultHandle;
import dev.shakedown.fault.FaultScope;
import dev.shakedown.fault.Handle;
import dev.shakedown.fault.Targets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A real Kubernetes minor upgrade of the kind cluster, in kubeadm's order (as kinder rehearses it): the next
 * minor's binaries and images (built by {@code kind-config/cluster build --upgrade-to VERSION}) are copied into every
 * node; {@code kubeadm upgrade apply} on the first control-plane node ({@code upgrade node} on any other), then its
 * kubelet (control-plane nodes are not drained); then each worker in turn as a
 * {@link RollingMaintenance} whose work is {@code kubeadm upgrade node} and the new kubelet. Afterwards every node must
 * report the new version. {@link #versions()} says which node runs which version, also after a failure. There is no
 * way back: {@code kind-config/cluster up} recreates a cluster that does not run the pinned version.
 */
public final class KubernetesUpgrade implements Fault {

  private static final Pattern VERSION = Pattern.compile("v1\\.(\\d+)\\.(\\d+)");
  /** Where the artifacts go inside a node. */
  static final String IN_NODE = "/shakedown/upgrades";

  private final String version;
  private Path artifacts;
  private Duration drainTimeout = Duration.ofMinutes(3);
  private Duration readyWithin = Duration.ofMinutes(4);
  private final Map<String, String> versions = new LinkedHashMap<>();
  private volatile RollingMaintenance workers;
  private volatile Duration controlPlane;
  private volatile Duration loading;

  private KubernetesUpgrade(String version) {
    this.version = Objects.requireNonNull(version, "version");
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("upgrade target '" + version + "' is not a version like v1.35.4");
    }
    this.artifacts = KindConfig.cache().resolve("upgrades").resolve(version);
  }

  /** An upgrade to {@code version} (exactly one minor above the cluster's). */
  public static KubernetesUpgrade to(String version) {
    return new KubernetesUpgrade(version);
  }

  /**
   * An upgrade to {@code UPGRADE_KUBERNETES_VERSION} of {@code kind-config/versions.env} (the kind-config of
   * {@code -Dshakedown.kindConfig}, default the bundled one).
   */
  public static KubernetesUpgrade toPinnedNextMinor() {
    Path file = KindConfig.locate(Path.of(System.getProperty("shakedown.kindConfig", "kind-config")))
        .resolve("versions.env");
    java.util.Properties pins = new java.util.Properties();
    try (var in = Files.newBufferedReader(file)) {
      pins.load(in);
    } catch (java.io.IOException e) {
      throw new ShakedownException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String version = pins.getProperty("UPGRADE_KUBERNETES_VERSION");
    if (version == null) {
      throw new IllegalArgumentException(file + " has no UPGRADE_KUBERNETES_VERSION (the upgrade rehearsal's target)");
    }
    return to(version.strip());
  }

  /** Where the artifacts are (default {@code ${SHAKEDOWN_CACHE:-~/.cache/shakedown}/upgrades/<version>}). */
  public KubernetesUpgrade artifacts(Path dir) {
    this.artifacts = Objects.requireNonNull(dir, "dir");
    return this;
  }

  /** The bound of each worker's drain (default 3 minutes). */
  public KubernetesUpgrade drainTimeout(Duration timeout) {
    this.drainTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** How long each node may take to be Ready again (default 4 minutes). */
  public KubernetesUpgrade readyWithin(Duration atMost) {
    this.readyWithin = Objects.requireNonNull(atMost, "atMost");
    return this;
  }

  /** Node → the kubelet version it reports, read after each step (and at a failure). */
  public synchronized Map<String, String> versions() {
    return Map.copyOf(versions);
  }

  /** The workers' maintenance, once it started: each node's drain and upgrade times. */
  public List<NodeMaintenance> workerReport() {
    RollingMaintenance w = workers;
    return w == null ? List.of() : w.report();
  }

  /**
   * Copying the artifacts into every node and importing their images, once done: the price of keeping them out of the
   * node image (which every other scenario boots), paid only by an upgrade rehearsal.
   */
  public Duration loadTime() {
    return loading;
  }

  /** {@code kubeadm upgrade apply} plus the control plane's kubelet, once done. */
  public Duration controlPlaneTime() {
    return controlPlane;
  }

  @Override
  public String name() {
    return "kubernetes-upgrade";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    Cluster cluster = scope.requireCluster(name());
    String from = scope.client().getKubernetesVersion().getGitVersion();
    requireNextMinor(from, version);
    for (String file : List.of("kubeadm", "kubelet", "kubectl", "images.tar")) {
      if (!Files.isRegularFile(artifacts.resolve(file))) {
        throw new IllegalArgumentException("upgrade artifacts for " + version + " are missing: no " + artifacts
            .resolve(file) + "; build them with: kind-config/cluster build --upgrade-to " + version);
      }
    }
    List<String> controlPlanes = scope.client().nodes().withLabel(Targets.CONTROL_PLANE_LABEL).list().getItems()
        .stream().map(n -> n.getMetadata().getName()).sorted().toList();
    List<String> all = scope.client().nodes().list().getItems().stream().map(n -> n.getMetadata().getName())
        .sorted().toList();
    Handle.chosen(scope, name(), from + " -> " + version, all);
    try {
      return upgrade(scope, cluster, from, controlPlanes, all);
    } catch (RuntimeException e) {
      readVersions(scope);
      throw new ShakedownException("upgrade to " + version + " stopped: " + e.getMessage() + "; node versions now: "
          + new java.util.TreeMap<>(versions()) + "; kind-config/cluster up recreates the cluster on the pinned "
          + "version", e);
    }
  }

  private FaultHandle upgrade(FaultScope scope, Cluster cluster, String from, List<String> controlPlanes,
      List<String> all) {
    long l0 = System.nanoTime();
    for (String n : all) {
      load(scope, cluster.node(n));
    }
    loading = Duration.ofNanos(System.nanoTime() - l0);
    step(scope, "all nodes", "artifacts copied in and imported in " + loading.toMillis() + " ms");
    allowCgroupV1(scope);
    long c0 = System.nanoTime();
    for (String cp : controlPlanes) {
      Node node = cluster.node(cp);
      step(scope, cp, "kubeadm upgrade apply " + version);
      if (cp.equals(controlPlanes.get(0))) {
        node.exec(Duration.ofMinutes(10), inNode() + "/kubeadm", "upgrade", "apply", version, "--yes",
            "--ignore-preflight-errors=all");
      } else {   // kubeadm: apply on the first control-plane node, upgrade node on the others
        node.exec(Duration.ofMinutes(10), inNode() + "/kubeadm", "upgrade", "node", "--ignore-preflight-errors=all");
      }
      Map<String, String> hashes = staticPodHashes(scope, cp);
      swapKubelet(node);
      node.awaitReady(readyWithin);
      awaitStaticPodsRecreated(scope, cp, hashes);
      awaitServing(scope, cp);
      readVersions(scope);
    }
    controlPlane = Duration.ofNanos(System.nanoTime() - c0);
    step(scope, "control-plane", "upgraded in " + controlPlane.toMillis() + " ms; versions " + versions());
    RollingMaintenance rolling = RollingMaintenance.of(Targets.workers().all()).drainTimeout(drainTimeout)
        .readyWithin(readyWithin).work("kubeadm upgrade node and kubelet " + version, node -> {
          node.exec(Duration.ofMinutes(5), inNode() + "/kubeadm", "upgrade", "node",
              "--ignore-preflight-errors=all");   // SystemVerification: cgroup v1 (failCgroupV1: false is set)
          swapKubelet(node);
          awaitServing(scope, node.name());   // the new kubelet runs and reports its version
        });
    workers = rolling;
    FaultHandle maintained;
    try {
      maintained = rolling.inject(scope);
    } finally {
      readVersions(scope);
    }
    List<String> behind = versions().entrySet().stream().filter(e -> !e.getValue().equals(version))
        .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    if (!behind.isEmpty()) {
      maintained.close();
      throw new ShakedownException("nodes not on " + version + " after the upgrade: " + behind);
    }
    step(scope, "cluster", "every node reports " + version);
    return Handle.injected(scope, name(), from + " -> " + version, all.stream().map(n -> "node/" + n).toList(),
        maintained::close);
  }

  /** One clear line unless {@code to} is exactly one minor above {@code from}. */
  static void requireNextMinor(String from, String to) {
    Matcher f = VERSION.matcher(from);
    Matcher t = VERSION.matcher(to);
    if (!f.lookingAt() || !t.matches()) {
      throw new IllegalArgumentException("cannot compare versions '" + from + "' and '" + to + "'");
    }
    int fromMinor = Integer.parseInt(f.group(1));
    int toMinor = Integer.parseInt(t.group(1));
    if (toMinor != fromMinor + 1) {
      throw new IllegalArgumentException("upgrade target " + to + " is not exactly one minor above the cluster's "
          + from + " (kubeadm upgrades one minor at a time): give a v1." + (fromMinor + 1) + ".x version");
    }
  }

  /** The artifacts' directory inside a node: {@code docker cp} keeps the host folder's name. */
  private String inNode() {
    return IN_NODE + "/" + artifacts.getFileName();
  }

  private void load(FaultScope scope, Node node) {
    step(scope, node.name(), "copying " + version + "'s binaries and images in");
    node.exec("mkdir", "-p", IN_NODE);
    node.copyIn(artifacts, IN_NODE);
    node.exec(Duration.ofMinutes(5), "ctr", "--namespace=k8s.io", "images", "import", "--no-unpack",
        inNode() + "/images.tar");
  }

  /**
   * The kubelet of 1.35 and later refuses a cgroup v1 host unless its configuration says {@code failCgroupV1: false};
   * kubeadm writes every node's kubelet configuration from the kube-system/kubelet-config ConfigMap during the upgrade.
   */
  private static void allowCgroupV1(FaultScope scope) {
    YAMLMapper yaml = YAMLMapper.builder().build();
    scope.client().configMaps().inNamespace("kube-system").withName("kubelet-config").edit(cm -> {
      ObjectNode config = (ObjectNode) yaml.readTree(cm.getData().get("kubelet"));
      config.put("failCgroupV1", false);
      ConfigMap edited = cm;
      edited.getData().put("kubelet", yaml.writeValueAsString(config));
      return edited;
    });
  }

  private void swapKubelet(Node node) {
    String dir = inNode();
    node.exec("sh", "-c", "install -m 0755 " + dir + "/kubectl /usr/bin/kubectl && systemctl stop kubelet && "
        + "install -m 0755 " + dir + "/kubelet /usr/bin/kubelet && systemctl daemon-reload && systemctl start kubelet");
  }

  /** Static pod → its {@code kubernetes.io/config.hash} (its UID on the node), of the control-plane pods on a node. */
  private static Map<String, String> staticPodHashes(FaultScope scope, String node) {
    Map<String, String> hashes = new java.util.TreeMap<>();
    scope.client().pods().inNamespace("kube-system").withLabel("tier", "control-plane")
        .withField("spec.nodeName", node).list().getItems().forEach(p -> hashes.put(p.getMetadata().getName(),
            String.valueOf(p.getMetadata().getAnnotations().get("kubernetes.io/config.hash"))));
    return hashes;
  }

  /**
   * The new kubelet computes other static pod hashes and recreates every control-plane pod (etcd and the API server
   * too) shortly after it starts: wait until each has a new hash and is Ready, or the next steps meet an API server
   * that is restarting.
   */
  private void awaitStaticPodsRecreated(FaultScope scope, String node, Map<String, String> before) {
    dev.shakedown.internal.Waits.until("control-plane static pods " + before.keySet() + " on " + node
        + " recreated by kubelet " + version + " and Ready", readyWithin, dev.shakedown.internal.Waits.POLL, () -> {
          try {
            List<String> waiting = new java.util.ArrayList<>();
            for (var p : scope.client().pods().inNamespace("kube-system").withLabel("tier", "control-plane")
                .withField("spec.nodeName", node).list().getItems()) {
              String hash = String.valueOf(p.getMetadata().getAnnotations().get("kubernetes.io/config.hash"));
              boolean ready = p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus()
                  .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
              if (hash.equals(before.get(p.getMetadata().getName())) || !ready) {
                waiting.add(p.getMetadata().getName() + (ready ? " (old hash)" : " (not Ready)"));
              }
            }
            before.keySet().stream().filter(name -> waiting.stream().noneMatch(w -> w.startsWith(name)))
                .filter(name -> scope.client().pods().inNamespace("kube-system").withName(name).get() == null)
                .forEach(name -> waiting.add(name + " (absent)"));
            return waiting;
          } catch (RuntimeException e) {
            return List.of("API: " + e.getMessage());
          }
        }, List::isEmpty);
  }

  /**
   * Right after its restart the upgraded API server answered {@code nodes is forbidden} for a while (its RBAC caches
   * not yet filled): wait until it lists nodes for the harness's user and the node reports the new kubelet.
   */
  private void awaitServing(FaultScope scope, String node) {
    dev.shakedown.internal.Waits.until("the upgraded API server lists nodes and " + node + " reports kubelet "
        + version, readyWithin, dev.shakedown.internal.Waits.POLL, () -> {
          try {
            return scope.client().nodes().withName(node).get().getStatus().getNodeInfo().getKubeletVersion();
          } catch (RuntimeException e) {
            return e.getMessage();
          }
        }, version::equals);
  }

  private synchronized void readVersions(FaultScope scope) {
    try {
      var nodes = scope.client().nodes().list().getItems();
      versions.clear();
      nodes.forEach(n -> versions.put(n.getMetadata().getName(), n.getStatus().getNodeInfo().getKubeletVersion()));
    } catch (RuntimeException e) {
      versions.put("(API)", "unreadable: " + e.getMessage());
    }
  }

  private static void step(FaultScope scope, String subject, String detail) {
    System.out.println("[upgrade] " + subject + ": " + detail);
    scope.timeline().mark("upgrade", "step").subject(subject).detail(detail).record();
  }

  @Override
  public String toString() {
    return "Kubernetes upgrade to " + version;
  }
}
