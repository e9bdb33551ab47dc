package dev.shakedown.workload;

import dev.shakedown.scenario.ScenarioContext;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Static factories for the workloads Shakedown ships. All run the workload image
 * (system property {@value #IMAGE_PROPERTY}, default {@value #DEFAULT_IMAGE}).
 *
 * <pre>{@code
 * HttpService web = Workloads.httpService(ctx).replicas(3).deploy().awaitReady(Duration.ofMinutes(2));
 * LoadClient load = Workloads.load(ctx, web).rate(20);
 * }</pre>
 */
public final class Workloads {

  public static final String IMAGE_PROPERTY = "shakedown.image.workload";
  public static final String DEFAULT_IMAGE = "shakedown/workload:0.1";

  private Workloads() {}

  /** The workload image in use. */
  public static String image() {
    return System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
  }

  /** A stateless HTTP service named {@code web} (3 replicas, PDB, probes, NodePort), torn down with the scenario. */
  public static HttpService httpService(ScenarioContext ctx) {
    return ctx.register(new HttpService(ctx.client(), ctx.namespace(), "web"));
  }

  public static HttpService httpService(KubernetesClient client, String namespace, String name) {
    return new HttpService(client, namespace, name);
  }

  /** A 3-replica StatefulSet named {@code kv} with one volume per pod, spread over nodes. */
  public static StatefulKv statefulKv(ScenarioContext ctx) {
    return ctx.register(new StatefulKv(ctx.client(), ctx.namespace(), "kv"));
  }

  public static StatefulKv statefulKv(KubernetesClient client, String namespace, String name) {
    return new StatefulKv(client, namespace, name);
  }

  /**
   * A writer of unique checksummed values into the key-value store behind {@code kv}'s client NodePort
   * (function {@code write}; {@link LoadClient#finalRead()} adds the {@code read}); stopped with the scenario.
   */
  public static LoadClient kvWriter(ScenarioContext ctx, StatefulKv kv) {
    return ctx.register(new LoadClient(NodePortEndpoints.of(ctx.client(), kv.namespace(), kv.clientServiceName()),
        new History()).writes());
  }

  /** A load client against an HTTP service's NodePort; stopped with the scenario. */
  public static LoadClient load(ScenarioContext ctx, HttpService service) {
    return ctx.register(new LoadClient(NodePortEndpoints.of(ctx.client(), service), new History()));
  }

  /** A single-primary PostgreSQL named {@code pg} (see {@link Postgres}), torn down with the scenario. */
  public static Postgres postgres(ScenarioContext ctx) {
    return ctx.register(new Postgres(ctx.client(), ctx.namespace(), "pg"));
  }

  public static Postgres postgres(KubernetesClient client, String namespace, String name) {
    return new Postgres(client, namespace, name);
  }

  /**
   * A JDBC writer of unique checksummed rows into {@code pg} through its client NodePort, its payloads seeded
   * from the scenario's random source; stopped with the scenario. Deploy {@code pg} first.
   */
  public static JdbcWriter postgresWriter(ScenarioContext ctx, Postgres pg) {
    return ctx.register(new JdbcWriter(NodePortEndpoints.of(ctx.client(), pg.namespace(), pg.clientServiceName()),
        new History()).seed(ctx.random().nextLong()));
  }

  /** A 3-member etcd cluster named {@code etcd} (see {@link Etcd}), torn down with the scenario. */
  public static Etcd etcd(ScenarioContext ctx) {
    return ctx.register(new Etcd(ctx.client(), ctx.namespace(), "etcd"));
  }

  public static Etcd etcd(KubernetesClient client, String namespace, String name) {
    return new Etcd(client, namespace, name);
  }

  /**
   * A jetcd writer of unique checksummed values into {@code etcd} through its members' NodePorts, its payloads
   * seeded from the scenario's random source; closed with the scenario. Deploy {@code etcd} first.
   */
  public static EtcdWriter etcdWriter(ScenarioContext ctx, Etcd etcd) {
    return ctx.register(etcd.writer().seed(ctx.random().nextLong()));
  }
}
