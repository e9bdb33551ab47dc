package dev.shakedown.junit;

import dev.shakedown.ShakedownException;
import dev.shakedown.cluster.Cluster;
import dev.shakedown.cluster.ClusterProvider;
import dev.shakedown.cluster.ClusterSettings;
import dev.shakedown.cluster.KubeconfigClusterProvider;
import dev.shakedown.cluster.RunIdentity;
import dev.shakedown.cluster.RunLease;
import dev.shakedown.cluster.Sweeper;
import dev.shakedown.Settings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * What a run shares, kept once in the root store: its identity, the connected cluster and the run lease. Opening
 * it connects (guarded), opens the lease and sweeps; if any of that fails (a sweep that cannot look for the nodes an
 * earlier run left stopped or paused included) the failure is kept, and every test of the run fails fast with it
 * instead of waiting for the cluster again. Closing it drops the lease and closes the client.
 */
final class RunState implements AutoCloseable {

  /** Setting: class name of a {@link ClusterProvider} with a public no-argument constructor. */
  static final String PROVIDER = "shakedown.clusterProvider";
  static final String NODE_READY_TIMEOUT = "shakedown.nodeReadyTimeout";
  static final String NAMESPACE_TIMEOUT = "shakedown.namespaceTimeout";
  /** Setting: the folder of run output (the build sets it to the project's {@code reports/}). */
  static final String REPORTS = "shakedown.reports";

  private final RunIdentity identity = RunIdentity.create();
  private final Settings settings;
  private Cluster cluster;
  private RunLease lease;
  private RuntimeException failure;
  private dev.shakedown.report.RunReport report;

  private RunState(Settings settings) {
    this.settings = settings;
  }

  static RunState open(Settings settings) {
    RunState state = new RunState(settings);
    try {
      state.connect();
    } catch (RuntimeException e) {
      state.failure = e;
      state.close();
    }
    return state;
  }

  private void connect() {
    ClusterSettings clusterSettings = ClusterSettings.from(settings);
    cluster = provider().connect(clusterSettings);
    clusterSettings.guard().check(cluster.context());
    System.out.println("[shakedown] run " + identity.runId() + " on " + cluster);
    lease = RunLease.open(cluster.client(), identity);
    List<String> swept;
    try {
      swept = new Sweeper(cluster, identity, nodeReadyTimeout()).sweep();
    } catch (RuntimeException e) {
      throw new ShakedownException("sweep failed, so what an earlier run left behind (stopped or paused nodes, cordons, "
          + "namespaces) may still be there: " + e.getMessage(), e);
    }
    if (swept.isEmpty()) {
      System.out.println("[shakedown] sweep: nothing left behind by earlier runs (namespaces, leases, cordons, node containers)");
    }
    swept.forEach(action -> System.out.println("[shakedown] sweep: " + action));
  }

  private ClusterProvider provider() {
    String className = settings.get(PROVIDER).orElse(null);
    if (className == null) {
      return new KubeconfigClusterProvider();
    }
    try {
      Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
      return (ClusterProvider) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new ExtensionConfigurationException("setting " + PROVIDER + "='" + className + "' must name a class implementing "
          + ClusterProvider.class.getName() + " with a public no-argument constructor: " + e, e);
    }
  }

  /** The run's cluster, or the connection failure of this run (not retried). */
  Cluster cluster() {
    if (failure != null) {
      if (failure instanceof ExtensionConfigurationException) {
        throw new ExtensionConfigurationException(failure.getMessage(), failure);
      }
      throw new ShakedownException(failure.getMessage() + " [failed at the run's first test; not retried]", failure);
    }
    return cluster;
  }

  RunIdentity identity() {
    return identity;
  }

  Settings settings() {
    return settings;
  }

  /** The run's evidence folder under the setting {@value #REPORTS} (default {@code reports}). */
  synchronized dev.shakedown.report.RunReport report() {
    if (report == null) {
      report = dev.shakedown.report.RunReport.under(java.nio.file.Path.of(settings.get(REPORTS, "reports")),
          identity.runId());
    }
    return report;
  }

  Duration nodeReadyTimeout() {
    return settings.duration(NODE_READY_TIMEOUT, Duration.ofMinutes(3));
  }

  Duration namespaceTimeout() {
    return settings.duration(NAMESPACE_TIMEOUT, Duration.ofMinutes(2));
  }

  @Override
  public void close() {
    synchronized (this) {
      if (report != null) {
        report.printSummary();
      }
    }
    if (lease != null) {
      lease.close();
      lease = null;
    }
    if (cluster != null) {
      cluster.close();
    }
  }
}
