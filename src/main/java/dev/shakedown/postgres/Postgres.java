package dev.shakedown.postgres;

import dev.shakedown.cluster.Scope;
import dev.shakedown.workload.KubernetesWorkload;
import dev.shakedown.workload.Labels;
import dev.shakedown.workload.NodePortEndpoints;
import dev.shakedown.workload.PodExec;

import dev.shakedown.internal.Waits;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A single-primary PostgreSQL: a one-replica StatefulSet of the PostgreSQL image (system property
 * {@value #IMAGE_PROPERTY}, default {@value #DEFAULT_IMAGE}) with a claim {@code data-<name>-0} from the
 * default StorageClass mounted at {@value #MOUNT} ({@code $PGDATA} is its {@value #PGDATA_DIR} subdirectory),
 * an exec readiness probe ({@code pg_isready}), a headless Service {@code <name>} and a NodePort Service
 * {@code <name>-client} for the test JVM. A preStop hook sends the postmaster (PID 1) SIGINT, so every graceful
 * stop is a fast shutdown (checkpoint, then exit) that never waits for clients to disconnect, as the SIGTERM
 * kubelet sends (a "smart" shutdown) would.
 */
public final class Postgres extends KubernetesWorkload<Postgres> {

  public static final String IMAGE_PROPERTY = "shakedown.image.postgres";
  public static final String DEFAULT_IMAGE = "shakedown/postgres:17";
  public static final int PORT = 5432;
  public static final String CONTAINER = "postgres";
  /** Where the data claim is mounted. */
  public static final String MOUNT = "/var/lib/postgresql/data";
  /** {@code $PGDATA}, relative to the data volume. */
  public static final String PGDATA_DIR = "pgdata";
  static final Duration EXEC_TIMEOUT = Duration.ofSeconds(30);

  private String image = System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
  private String storage = "256Mi";
  private String memoryVolume;

  /** The StatefulSet, its pod and claims now, for {@code Checkers.statefulSetRecovered}. */
  public dev.shakedown.check.StatefulSetSnapshot snapshot(Duration readyAfter) {
    return dev.shakedown.check.StatefulSetSnapshots.of(client, namespace, name, pods(), readyAfter);
  }

  /** A single-primary PostgreSQL named {@code pg}, torn down with the scenario. */
  public static Postgres of(Scope scope) {
    return scope.register(new Postgres(scope.client(), scope.namespace(), "pg"));
  }

  public static Postgres of(KubernetesClient client, String namespace, String name) {
    return new Postgres(client, namespace, name);
  }

  Postgres(KubernetesClient client, String namespace, String name) {
    super(client, namespace, name);
  }

  public Postgres image(String image) { this.image = Objects.requireNonNull(image, "image"); return this; }

  /** The data claim's requested size (default 256Mi; local-path does not enforce it). */
  public Postgres storage(String size) { this.storage = Objects.requireNonNull(size, "size"); return this; }

  /**
   * Keeps the data on a memory-backed emptyDir of {@code size} (a filesystem of its own, so it can be filled, see
   * {@code Faults.fillVolume}) instead of a claim; it lives as long as the pod. Counts against the pod's memory.
   */
  public Postgres memoryVolume(String size) {
    this.memoryVolume = Objects.requireNonNull(size, "size");
    return this;
  }

  public String image() { return image; }

  /** The primary's pod, {@code <name>-0}. */
  public String podName() { return name + "-0"; }

  /** The primary's data claim, {@code data-<name>-0}. */
  public String claimName() { return "data-" + podName(); }

  /** The NodePort Service the JVM client connects through. */
  public String clientServiceName() { return name + "-client"; }

  /** The primary's stable in-cluster DNS name, {@code <name>-0.<name>.<namespace>.svc}. */
  public String podHost() { return podName() + "." + name + "." + namespace + ".svc"; }

  /** The objects {@link #deploy()} creates, in creation order. */
  public List<HasMetadata> manifests() {
    return List.of(headlessService(), clientService(), statefulSet());
  }

  public Service headlessService() {
    return service(name, "ClusterIP", "None");
  }

  public Service clientService() {
    return service(clientServiceName(), "NodePort", null);
  }

  private Service service(String serviceName, String type, String clusterIp) {
    return new ServiceBuilder()
        .withNewMetadata().withName(serviceName).withNamespace(namespace).withLabels(Labels.of(name)).endMetadata()
        .withNewSpec()
          .withType(type).withClusterIP(clusterIp).withSelector(selector())
          .addNewPort().withName("postgres").withPort(PORT).withTargetPort(new IntOrString("postgres")).endPort()
        .endSpec()
        .build();
  }

  public StatefulSet statefulSet() {
    StatefulSet set = new StatefulSetBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(Labels.of(name)).endMetadata()
        .withNewSpec()
          .withReplicas(1)
          .withServiceName(name)
          .withNewSelector().withMatchLabels(selector()).endSelector()
          .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted("Delete").withWhenScaled("Retain")
          .endPersistentVolumeClaimRetentionPolicy()
          .withNewTemplate()
            .withNewMetadata().withLabels(Labels.of(name)).endMetadata()
            .withNewSpec().withTerminationGracePeriodSeconds(30L).withContainers(container()).endSpec()
          .endTemplate()
        .endSpec()
        .build();
    if (memoryVolume != null) {
      return new StatefulSetBuilder(set).editSpec().editTemplate().editSpec().addNewVolume().withName("data")
          .withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity(memoryVolume)).endEmptyDir().endVolume()
          .endSpec().endTemplate().endSpec().build();
    }
    return new StatefulSetBuilder(set).editSpec().addNewVolumeClaimTemplate()
        .withNewMetadata().withName("data").withLabels(Labels.of(name)).endMetadata()
        .withNewSpec()
          .withAccessModes("ReadWriteOnce")
          .withNewResources().addToRequests("storage", new Quantity(storage)).endResources()
        .endSpec()
        .endVolumeClaimTemplate().endSpec().build();
  }

  Container container() {
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withArgs("-c", "shared_buffers=32MB", "-c", "max_connections=60", "-c", "fsync=on",
            "-c", "synchronous_commit=on", "-c", "full_page_writes=on")
        .addNewPort().withName("postgres").withContainerPort(PORT).endPort()
        .addNewVolumeMount().withName("data").withMountPath(MOUNT).endVolumeMount()
        .withNewReadinessProbe()
          .withNewExec().withCommand("pg_isready", "-h", "127.0.0.1", "-p", String.valueOf(PORT), "-U", "postgres")
          .endExec()
          .withPeriodSeconds(2).withTimeoutSeconds(2).withFailureThreshold(2)
        .endReadinessProbe()
        .withNewLifecycle().withNewPreStop().withNewExec().withCommand("sh", "-c", "kill -INT 1").endExec().endPreStop()
        .endLifecycle()
        .withNewResources()
          .addToRequests("cpu", new Quantity("50m"))
          .addToRequests("memory", new Quantity("64Mi"))
          .addToLimits("memory", new Quantity("384Mi"))
        .endResources()
        .build();
  }

  /**
   * Scales the StatefulSet to 0 (a fast shutdown: checkpoint, then exit) and waits until its pod is gone; the
   * data claim stays.
   *
   * @throws dev.shakedown.ShakedownException naming the pods that remain after {@code atMost}
   */
  public Postgres stop(Duration atMost) {
    client.apps().statefulSets().inNamespace(namespace).withName(name).scale(0);
    String what = "StatefulSet " + namespace + "/" + name + " scaled to 0 and its pod " + podName() + " gone";
    Waits.until(what, atMost, Waits.POLL, () -> pods().stream().map(p -> p.getMetadata().getName()).toList(),
        List::isEmpty, left -> "pods remain: " + left);
    return this;
  }

  /** Scales the StatefulSet back to 1 and waits until the primary is Ready. */
  public Postgres start(Duration atMost) {
    client.apps().statefulSets().inNamespace(namespace).withName(name).scale(1);
    return awaitReady(atMost);
  }

  /**
   * A {@link JdbcClient} of this database through its client NodePort; run it with a
   * {@link dev.shakedown.client.Load} (see {@link JdbcClient#load}), which closes it.
   */
  public JdbcClient jdbcClient() {
    return new JdbcClient(NodePortEndpoints.of(client, namespace, clientServiceName()));
  }

  /** The data claim as the API server sees it now, or {@code null}. */
  public PersistentVolumeClaim claim() {
    return client.persistentVolumeClaims().inNamespace(namespace).withName(claimName()).get();
  }

  /**
   * Runs SQL with {@code psql} inside the primary's pod (unaligned, tuples only) and returns its output.
   *
   * @throws dev.shakedown.ShakedownException when psql fails or does not finish within 30 s
   */
  public String psql(String sql) {
    return PodExec.run(client, namespace, podName(), CONTAINER, EXEC_TIMEOUT,
        "psql", "-U", "postgres", "-h", "127.0.0.1", "-v", "ON_ERROR_STOP=1", "-Atqc", sql).strip();
  }

  @Override
  protected List<HasMetadata> objects() {
    return manifests();
  }

  @Override
  public String toString() {
    return "Postgres " + namespace + "/" + name + " (" + image + ")";
  }
}
