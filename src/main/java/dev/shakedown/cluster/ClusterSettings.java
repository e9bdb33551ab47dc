package dev.shakedown.cluster;

import dev.shakedown.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach the cluster.
 *
 * @param context the explicit kubeconfig context ({@value #CONTEXT} / {@code SHAKEDOWN_CONTEXT}); empty means the
 *     embedded kind cluster {@value #DEFAULT_CONTEXT}, created with {@code <kindConfig>/cluster up} when absent
 * @param allowedContexts extra allow-listed context globs, comma-separated (see {@link ContextGuard})
 * @param kindConfig the kind-config directory holding the {@code cluster} script ({@value #KIND_CONFIG})
 * @param connectTimeout bound for the API server to answer ({@value #CONNECT_TIMEOUT}, default 20 s)
 * @param clusterUpTimeout bound for {@code cluster up} ({@value #CLUSTER_UP_TIMEOUT}, default 30 min)
 */
public record ClusterSettings(Optional<String> context, String allowedContexts, Path kindConfig,
    Duration connectTimeout, Duration clusterUpTimeout) {

  public static final String CONTEXT = "shakedown.context";
  public static final String KIND_CONFIG = "shakedown.kindConfig";
  public static final String CONNECT_TIMEOUT = "shakedown.connectTimeout";
  public static final String CLUSTER_UP_TIMEOUT = "shakedown.clusterUpTimeout";
  /** The context of the embedded kind cluster named {@value #DEFAULT_KIND_NAME}. */
  public static final String DEFAULT_CONTEXT = "kind-shakedown";
  public static final String DEFAULT_KIND_NAME = "shakedown";

  public static ClusterSettings from(Settings settings) {
    return new ClusterSettings(settings.get(CONTEXT), settings.get(ContextGuard.PROPERTY, ""),
        Path.of(settings.get(KIND_CONFIG, "kind-config")),
        settings.duration(CONNECT_TIMEOUT, Duration.ofSeconds(20)),
        settings.duration(CLUSTER_UP_TIMEOUT, Duration.ofMinutes(30)));
  }

  /** The context to use: the explicit one, else {@value #DEFAULT_CONTEXT}. */
  public String effectiveContext() {
    return context.orElse(DEFAULT_CONTEXT);
  }

  /** Whether Shakedown manages the cluster itself (no explicit context given). */
  public boolean embedded() {
    return context.isEmpty();
  }

  public ContextGuard guard() {
    return ContextGuard.allowing(allowedContexts);
  }

  /** The kind cluster name behind a {@code kind-<name>} context, else empty (no node containers). */
  public static String kindName(String context) {
    return context.startsWith("kind-") ? context.substring("kind-".length()) : "";
  }
}
