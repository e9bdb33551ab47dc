package dev.shakedown.junit;

import dev.shakedown.cluster.Cluster;
import dev.shakedown.cluster.ClusterProvider;
import dev.shakedown.cluster.ClusterSettings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.atomic.AtomicInteger;

/** Connects the extension to the test's fabric8 mock server; set {@link #config} first. */
public class MockClusterProvider implements ClusterProvider {

  static volatile Config config;
  static volatile String context = "kind-mock";
  static volatile RuntimeException failure;
  static final AtomicInteger connects = new AtomicInteger();

  static void reset(Config mockConfig) {
    config = mockConfig;
    context = "kind-mock";
    failure = null;
    connects.set(0);
  }

  @Override
  public Cluster connect(ClusterSettings settings) {
    connects.incrementAndGet();
    if (failure != null) {
      throw failure;
    }
    return Cluster.of(new KubernetesClientBuilder().withConfig(config).build(), context, "", () -> {
      throw new IllegalStateException("no Docker in unit tests");
    });
  }
}
