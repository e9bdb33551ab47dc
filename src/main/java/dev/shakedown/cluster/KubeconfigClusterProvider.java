package dev.shakedown.cluster;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The default {@link ClusterProvider}: a context of the kubeconfig ({@code KUBECONFIG} or {@code ~/.kube/config}).
 * Checks the {@link ContextGuard} first, then that the API server answers {@code GET /version} within the connect
 * timeout. Without an explicit context it uses the embedded kind cluster and runs {@code cluster up} when that
 * context is absent or unreachable; with an explicit one it fails instead. Last, unless the context is explicitly
 * allow-listed, its API server must be a kind node container on this machine ({@link ContextGuard#checkServer}).
 */
public final class KubeconfigClusterProvider implements ClusterProvider {

  private final BiFunction<String, URI, Optional<String>> localKindNode;

  public KubeconfigClusterProvider() {
    this((kindName, server) -> KindApiServers.nodeServing(DockerSupport.client(), kindName, server));
  }

  /** With another lookup of the kind node container serving an API server address (for tests). */
  KubeconfigClusterProvider(BiFunction<String, URI, Optional<String>> localKindNode) {
    this.localKindNode = localKindNode;
  }

  @Override
  @SuppressWarnings("try")
  public Cluster connect(ClusterSettings settings) {
    String context = settings.effectiveContext();
    settings.guard().check(context);
    Optional<String> problem = problem(context, settings.connectTimeout());
    if (problem.isPresent()) {
      if (!settings.embedded()) {
        throw new ClusterUnavailableException(problem.get());
      }
      try (ClusterUpLock lock = ClusterUpLock.acquire(ClusterUpLock.defaultFile(), settings.clusterUpTimeout())) {
        problem = problem(context, settings.connectTimeout());
        if (problem.isPresent()) {
          System.out.println("[shakedown] " + problem.get() + "; running cluster up");
          new KindClusterScript(settings.kindConfig()).up(settings.clusterUpTimeout());
          problem = problem(context, settings.connectTimeout());
        }
      }
      if (problem.isPresent()) {
        throw new ClusterUnavailableException(problem.get() + " (even after cluster up)");
      }
    }
    Config config = config(context, settings.connectTimeout(), true);
    settings.guard().checkServer(context, URI.create(config.getMasterUrl()), localKindNode);
    return Cluster.of(new KubernetesClientBuilder().withConfig(config).build(), context, ClusterSettings.kindName(context));
  }

  /** Why the context cannot be used now, or empty when its API server answers within {@code timeout}. */
  static Optional<String> problem(String context, Duration timeout) {
    List<String> contexts = Config.autoConfigure(null).getContexts().stream().map(NamedContext::getName).sorted().toList();
    if (!contexts.contains(context)) {
      return Optional.of("kubeconfig context '" + context + "' does not exist (kubeconfig " + Config.getKubeconfigFilenames()
          + ", contexts: " + (contexts.isEmpty() ? "none" : String.join(", ", contexts)) + ")");
    }
    Config config = config(context, timeout, false);
    try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(config).build()) {
      // the probe's own request timeout (= timeout) ends the request first; the outer bound is a backstop, so the
      // client is not closed under a request still in flight (netty then logs a rejected listener notification)
      VersionInfo version = CompletableFuture.supplyAsync(probe::getKubernetesVersion)
          .get(timeout.plusSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
      return version != null && version.getGitVersion() != null ? Optional.empty()
          : Optional.of(unreachable(context, config, "GET /version did not answer like a Kubernetes API server"));
    } catch (TimeoutException e) {
      return Optional.of(unreachable(context, config, "no answer to GET /version within " + timeout));
    } catch (ExecutionException e) {
      return Optional.of(unreachable(context, config, "GET /version failed within " + timeout + ": " + rootMessage(e)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(unreachable(context, config, "interrupted"));
    }
  }

  private static String unreachable(String context, Config config, String why) {
    return "cluster of kubeconfig context '" + context + "' (server " + config.getMasterUrl() + ") is unreachable: "
        + why + "; is it running? (kind: docker ps --filter label=" + Cluster.KIND_CLUSTER_LABEL + "; kind-config/cluster status)";
  }

  /**
   * How often the harness's client retries a request that could not connect or got a 5xx, and the first pause
   * (doubled each time): 200 + 400 + 800 ms. fabric8's default (10 retries from 100 ms, the pause capped at 3.2 s)
   * held every call for about 19 s while the API server was down, so a harness wait that asks the API went blind
   * for that long; three retries ride over a restart's blip and fail a real outage in about 1.5 s.
   */
  static final int RETRIES = 3;
  static final int RETRY_PAUSE_MILLIS = 200;

  static Config config(String context, Duration timeout, boolean retries) {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    ConfigBuilder builder = new ConfigBuilder(Config.autoConfigure(context))
        .withConnectionTimeout(Math.min(millis, 10_000))
        .withRequestRetryBackoffLimit(retries ? RETRIES : 0)
        .withRequestRetryBackoffInterval(RETRY_PAUSE_MILLIS);
    if (!retries) {
      builder.withRequestTimeout(millis);
    }
    return builder.build();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
