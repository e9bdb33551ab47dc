package dev.shakedown.workload;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a chart with Helm's own {@code helm template} into manifests (Helm installs nothing: the objects go through
 * {@link ManifestWorkload}). The binary is the setting {@value #PROPERTY}, else the pinned Helm that
 * {@code kind-config/cluster helm} builds into the cache on first use.
 */
public final class Helm {

  /** System property (or environment {@code SHAKEDOWN_HELM}): the helm binary to use. */
  public static final String PROPERTY = "shakedown.helm";
  static final Duration BUILD_WITHIN = Duration.ofMinutes(20);
  static final Duration RENDER_WITHIN = Duration.ofMinutes(2);

  private Helm() {}

  /**
   * The chart's objects for {@code release} in {@code namespace}, with {@code values} (as {@code --values}).
   *
   * @throws ShakedownException with Helm's own message when the chart does not render
   */
  public static List<HasMetadata> render(Path chart, String release, String namespace, Map<String, ?> values) {
    if (!Files.isDirectory(chart) && !Files.isRegularFile(chart)) {
      throw new ShakedownException("Helm chart " + chart + ": no such directory or archive");
    }
    try {
      Path work = Files.createTempDirectory("shakedown-helm");
      Path valuesFile = work.resolve("values.yaml");
      Files.writeString(valuesFile, YAMLMapper.builder().build().writeValueAsString(values));
      Path rendered = work.resolve(release + ".yaml");
      run(List.of(binary(), "template", release, chart.toString(), "--namespace", namespace, "--values",
          valuesFile.toString()), rendered, RENDER_WITHIN, "helm template " + release + " " + chart);
      return Manifests.read(namespace, rendered);
    } catch (IOException e) {
      throw new ShakedownException("Helm chart " + chart + ": cannot write its temporary files: " + e.getMessage(), e);
    }
  }

  /** The helm binary: the setting, else the cached pinned build (built on first use). */
  static String binary() throws IOException {
    String set = System.getProperty(PROPERTY, System.getenv("SHAKEDOWN_HELM"));
    if (set != null && !set.isBlank()) {
      return set;
    }
    Path script = dev.shakedown.cluster.KindConfig.locate(Path.of(System.getProperty("shakedown.kindConfig",
        "kind-config"))).resolve("cluster");
    Path out = Files.createTempFile("shakedown-helm-path", ".txt");
    System.out.println("[shakedown] helm: 'bash " + script + " helm' (builds the pinned Helm on first use)");
    run(List.of("bash", script.toString(), "helm"), out, BUILD_WITHIN, "bash " + script + " helm");
    List<String> lines = Files.readAllLines(out);
    return lines.get(lines.size() - 1).trim();
  }

  private static void run(List<String> command, Path stdout, Duration atMost, String what) throws IOException {
    Path stderr = Files.createTempFile("shakedown-helm", ".err");
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
        .start();
    try {
      if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new ShakedownException(what + ": did not finish within " + atMost);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new ShakedownException(what + ": interrupted", e);
    }
    if (process.exitValue() != 0) {
      List<String> err = new ArrayList<>(Files.readAllLines(stderr, StandardCharsets.UTF_8));
      throw new ShakedownException(what + " failed (exit " + process.exitValue() + "): "
          + String.join("\n", err.subList(Math.max(0, err.size() - 20), err.size())));
    }
  }
}
