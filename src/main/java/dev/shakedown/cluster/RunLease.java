package dev.shakedown.cluster;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Lease ({@code default/shakedown-run-<runId>}) that shows this run is alive while it is open: renewed every
 * 30 s, deleted on close. Other runs read it to leave this run's namespaces and faults alone; a lease whose
 * process died is swept.
 */
public final class RunLease implements AutoCloseable {

  static final String NAMESPACE = "default";
  static final int DURATION_SECONDS = 120;
  private static final Duration RENEW_EVERY = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final RunIdentity self;
  private final ScheduledExecutorService heartbeat;

  private RunLease(KubernetesClient client, RunIdentity self) {
    this.client = client;
    this.self = self;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "shakedown-run-lease");
      t.setDaemon(true);
      return t;
    });
  }

  /** Creates this run's lease and starts renewing it. */
  public static RunLease open(KubernetesClient client, RunIdentity self) {
    RunLease lease = new RunLease(client, self);
    client.leases().inNamespace(NAMESPACE).resource(new LeaseBuilder()
        .withNewMetadata().withName(name(self.runId())).addToLabels(ShakedownLabels.RUN_LEASE, "true")
        .addToLabels(ShakedownLabels.RUN, self.runId()).addToAnnotations(ShakedownLabels.OWNER, self.owner()).endMetadata()
        .withNewSpec().withHolderIdentity(self.owner()).withLeaseDurationSeconds(DURATION_SECONDS)
        .withRenewTime(now()).withAcquireTime(now()).endSpec().build()).createOr(r -> r.update());
    lease.heartbeat.scheduleAtFixedRate(lease::renew, RENEW_EVERY.toSeconds(), RENEW_EVERY.toSeconds(), TimeUnit.SECONDS);
    return lease;
  }

  static String name(String runId) {
    return "shakedown-run-" + runId;
  }

  /** All run leases in the cluster. */
  static List<Lease> all(KubernetesClient client) {
    return client.leases().inNamespace(NAMESPACE).withLabel(ShakedownLabels.RUN_LEASE, "true").list().getItems();
  }

  /** Whether the run holding this lease is alive: its process, when on this host; else a renewal within the lease duration. */
  static boolean alive(Lease lease, RunIdentity self) {
    String owner = lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    return self.ownerAlive(owner).orElseGet(() -> {
      ZonedDateTime renewed = lease.getSpec() == null ? null : lease.getSpec().getRenewTime();
      int seconds = lease.getSpec() == null || lease.getSpec().getLeaseDurationSeconds() == null
          ? DURATION_SECONDS : lease.getSpec().getLeaseDurationSeconds();
      return renewed != null && renewed.plusSeconds(seconds).isAfter(now());
    });
  }

  /** The ids of other runs that are alive now. */
  static Set<String> otherLiveRuns(KubernetesClient client, RunIdentity self) {
    return all(client).stream().filter(l -> alive(l, self))
        .map(l -> l.getMetadata().getLabels().get(ShakedownLabels.RUN))
        .filter(run -> run != null && !run.equals(self.runId())).collect(Collectors.toSet());
  }

  private void renew() {
    try {
      client.leases().inNamespace(NAMESPACE).withName(name(self.runId()))
          .edit(l -> new LeaseBuilder(l).editSpec().withRenewTime(now()).endSpec().build());
    } catch (KubernetesClientException e) {
      System.err.println("[shakedown] could not renew run lease " + name(self.runId()) + ": " + e.getMessage());
    }
  }

  private static ZonedDateTime now() {
    return ZonedDateTime.now(ZoneOffset.UTC);
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      client.leases().inNamespace(NAMESPACE).withName(name(self.runId())).delete();
    } catch (KubernetesClientException e) {
      System.err.println("[shakedown] could not delete run lease " + name(self.runId()) + ": " + e.getMessage());
    }
  }
}
