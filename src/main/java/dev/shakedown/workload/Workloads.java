package dev.shakedown.workload;

import dev.shakedown.cluster.Scope;
import java.nio.file.Path;


/**
 * The workload image every built-in system runs (system property {@value #IMAGE_PROPERTY}, default
 * {@value #DEFAULT_IMAGE}). Each system makes its own workloads: {@code HttpService.of(ctx)}, {@code Etcd.of(ctx)},
 * {@code Postgres.of(ctx)}.
 */
public final class Workloads {

  public static final String IMAGE_PROPERTY = "shakedown.image.workload";
  public static final String DEFAULT_IMAGE = "shakedown/workload:0.1";

  private Workloads() {}

  /**
   * A workload of the user's own manifests: YAML files or directories (multi-document files too), applied into the
   * scenario's namespace, torn down with the scenario; named after the first path (e.g. {@code k8s}). Bad input is a
   * {@link Manifests.ManifestException} naming the file, line and problem, before anything is deployed.
   */
  public static ManifestWorkload manifests(Scope scope, Path... paths) {
    String name = name(paths.length == 0 ? "app" : paths[0].getFileName().toString());
    return scope.register(new ManifestWorkload(scope.client(), scope.namespace(), name,
        Manifests.read(scope.namespace(), paths)));
  }

  /**
   * A user's Helm chart (a chart directory or archive), rendered with the pinned Helm ({@code helm template}) into the
   * scenario's namespace and deployed like {@link #manifests}; torn down with the scenario.
   */
  public static HelmChart helm(Scope scope, Path chart) {
    return scope.register(new HelmChart(scope, chart));
  }

  /** {@link #manifests(Scope, Path...)} under another name. */
  public static ManifestWorkload manifests(Scope scope, String name, Path... paths) {
    return scope.register(new ManifestWorkload(scope.client(), scope.namespace(), name(name),
        Manifests.read(scope.namespace(), paths)));
  }

  /** A DNS label from a file name: lower case, {@code .yaml} dropped, other characters as {@code -}. */
  static String name(String raw) {
    String name = raw.toLowerCase(java.util.Locale.ROOT).replaceFirst("\\.ya?ml$", "").replaceAll("[^a-z0-9-]", "-")
        .replaceAll("^-+|-+$", "");
    return name.isEmpty() ? "app" : name.length() > 40 ? name.substring(0, 40).replaceAll("-+$", "") : name;
  }

  /** The workload image in use. */
  public static String image() {
    return System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
  }
}
