package dev.shakedown.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.shakedown.ShakedownException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** {@code docker exec} with separate stdout / stderr, a bound, and the exit code checked. */
final class DockerExec {

  /** How many of the last stdout lines a failure shows (kubeadm prints its errors there, and only warnings on stderr). */
  static final int STDOUT_TAIL = 5;

  private DockerExec() {}

  /**
   * Runs {@code command} in {@code container} and returns its stdout.
   *
   * @throws ShakedownException on a non-zero exit (stderr in the message), a Docker error, or after {@code atMost}
   */
  static String run(DockerClient docker, String container, Duration atMost, String... command) {
    String shown = "node/" + container + ": exec '" + String.join(" ", command) + "'";
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame frame) {
        (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).writeBytes(frame.getPayload());
      }
    };
    Long exit;
    try {
      String execId = docker.execCreateCmd(container).withCmd(command).withAttachStdout(true).withAttachStderr(true)
          .exec().getId();
      if (!docker.execStartCmd(execId).exec(callback).awaitCompletion(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
        callback.close();
        throw new ShakedownException(shown + " did not finish within " + atMost);
      }
      exit = docker.inspectExecCmd(execId).exec().getExitCodeLong();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShakedownException(shown + " was interrupted", e);
    } catch (IOException | DockerException e) {
      throw new ShakedownException(shown + " failed: " + e.getMessage(), e);
    }
    if (exit == null || exit != 0) {
      List<String> out = stdout.toString(StandardCharsets.UTF_8).strip().lines().toList();
      String tail = out.isEmpty() ? "" : "; last stdout lines: "
          + String.join(" | ", out.subList(Math.max(0, out.size() - STDOUT_TAIL), out.size()));
      throw new ShakedownException(shown + " exited with " + exit + ", expected 0; stderr: "
          + stderr.toString(StandardCharsets.UTF_8).strip() + tail);
    }
    return stdout.toString(StandardCharsets.UTF_8);
  }
}
