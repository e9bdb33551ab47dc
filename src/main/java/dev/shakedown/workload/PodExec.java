package dev.shakedown.workload;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command in a pod's container through the API server (fabric8 exec) and returns its stdout. Bounded:
 * a command that does not finish within the timeout fails naming the pod, container, command and timeout.
 */
public final class PodExec {

  private PodExec() {}

  /**
   * Runs {@code command} in {@code namespace/pod}, container {@code container}.
   *
   * @throws ShakedownException on a non-zero exit (stderr in the message), a failed exec, or a timeout
   */
  public static String run(KubernetesClient client, String namespace, String pod, String container, Duration timeout,
      String... command) {
    String shown = String.join(" ", command);
    String where = "Pod " + namespace + "/" + pod + " container " + container;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Integer exit;
    try (ExecWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
        .writingOutput(out).writingError(err).exec(command)) {
      exit = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ShakedownException(where + ": exec '" + shown + "' did not finish within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShakedownException(where + ": interrupted during exec '" + shown + "'", e);
    } catch (ExecutionException | RuntimeException e) {
      throw new ShakedownException(where + ": exec '" + shown + "' failed: " + e.getMessage(), e);
    }
    if (exit == null || exit != 0) {
      throw new ShakedownException(where + ": exec '" + shown + "' exited with " + exit + ", expected 0; stderr: "
          + err.toString(StandardCharsets.UTF_8).strip());
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
