package dev.shakedown.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bash <kindConfig>/cluster up}, which creates or repairs the embedded kind cluster; its output is
 * echoed with a {@code [cluster up]} prefix, and the last lines are kept for the error message.
 */
final class KindClusterScript {

  private static final int TAIL_LINES = 25;

  private final Path kindConfig;

  /** Whether the setting was left at its default ({@code kind-config} in the working directory). */
  private final boolean isDefault;

  KindClusterScript(Path kindConfig) {
    this.isDefault = kindConfig.equals(Path.of(DEFAULT_DIR));
    this.kindConfig = kindConfig.toAbsolutePath().normalize();
  }

  static final String DEFAULT_DIR = "kind-config";

  /**
   * @throws ClusterUnavailableException when the script is missing, fails, or runs longer than {@code atMost}
   */
  void up(Duration atMost) {
    Path script = kindConfig.resolve("cluster");
    if (!Files.isRegularFile(script) && isDefault) {
      script = KindConfig.locate(kindConfig).resolve("cluster"); // no checkout here: the copy in Shakedown's jar
    }
    if (!Files.isRegularFile(script)) {
      throw new ClusterUnavailableException("kind cluster '" + ClusterSettings.DEFAULT_KIND_NAME
          + "' is absent or unreachable and there is no script " + script + " to create it; set -D"
          + ClusterSettings.KIND_CONFIG + "=<dir of the cluster script> or -D" + ClusterSettings.CONTEXT + "=<context>");
    }
    Deque<String> tail = new ArrayDeque<>();
    Process process;
    try {
      process = new ProcessBuilder("bash", script.toString(), "up").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new ClusterUnavailableException("cannot run 'bash " + script + " up': " + e.getMessage(), e);
    }
    Thread pump = new Thread(() -> pump(process, tail), "shakedown-cluster-up");
    pump.setDaemon(true);
    pump.start();
    try {
      if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new ClusterUnavailableException("'bash " + script + " up' did not finish within " + atMost
            + " (set -D" + ClusterSettings.CLUSTER_UP_TIMEOUT + "); last output:\n" + join(tail));
      }
      pump.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new ClusterUnavailableException("interrupted while running 'bash " + script + " up'", e);
    }
    if (process.exitValue() != 0) {
      throw new ClusterUnavailableException("'bash " + script + " up' exited with " + process.exitValue()
          + ", expected 0; last output:\n" + join(tail));
    }
  }

  private static void pump(Process process, Deque<String> tail) {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        System.out.println("[cluster up] " + line);
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      // the process ended or was destroyed; the exit code tells the rest
    }
  }

  private static String join(Deque<String> tail) {
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }
}
