package dev.shakedown.workload;

import dev.shakedown.cluster.Scope;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user's Helm chart as a workload: rendered once ({@link Helm#render}) with its {@link #values(Map) values}, then a
 * {@link ManifestWorkload} like any YAML: same parts, readiness, image check and teardown.
 */
public final class HelmChart implements Workload {

  private final Scope scope;
  private final Path chart;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private String release;
  private ManifestWorkload rendered;

  HelmChart(Scope scope, Path chart) {
    this.scope = Objects.requireNonNull(scope, "scope");
    this.chart = Objects.requireNonNull(chart, "chart");
    this.release = Workloads.name(chart.getFileName().toString());
  }

  /** Values, as {@code --values} would give them (nested maps for nested keys); before the first use. */
  public HelmChart values(Map<String, ?> more) {
    requireNotRendered("values");
    values.putAll(more);
    return this;
  }

  /** The release name (default: the chart directory's name); before the first use. */
  public HelmChart release(String name) {
    requireNotRendered("release");
    this.release = Workloads.name(name);
    return this;
  }

  /** The rendered workload (renders on first call). */
  public synchronized ManifestWorkload rendered() {
    if (rendered == null) {
      rendered = new ManifestWorkload(scope.client(), scope.namespace(), release,
          Helm.render(chart, release, scope.namespace(), values));
    }
    return rendered;
  }

  /** A controller of the chart, e.g. {@code deployment/<release>-web}; see {@link ManifestWorkload#part}. */
  public Workload part(String kindSlashName) {
    return rendered().part(kindSlashName);
  }

  @Override
  public String name() {
    return release;
  }

  @Override
  public String namespace() {
    return scope.namespace();
  }

  @Override
  public Map<String, String> selector() {
    return rendered().selector();
  }

  @Override
  public HelmChart deploy() {
    rendered().deploy();
    return this;
  }

  @Override
  public HelmChart awaitReady(Duration atMost) {
    rendered().awaitReady(atMost);
    return this;
  }

  @Override
  public List<Pod> pods() {
    return rendered().pods();
  }

  @Override
  public void teardown() {
    if (rendered != null) {
      rendered.teardown();
    }
  }

  @Override
  public String toString() {
    return "helm chart " + chart + " as " + release + (rendered == null ? "" : ": " + rendered);
  }

  private synchronized void requireNotRendered(String what) {
    if (rendered != null) {
      throw new IllegalStateException(what + " after the chart was rendered (" + release + "); set it before deploy");
    }
  }
}
