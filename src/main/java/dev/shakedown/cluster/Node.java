package dev.shakedown.cluster;

import dev.shakedown.internal.Waits;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A kind node: a Docker container whose name is the Kubernetes node name. Stop, start, kill, pause and
 * unpause act on the container through Testcontainers' Docker client; {@link #awaitReady(Duration)} waits
 * until the container runs and the kubelet reports the node Ready again.
 */
public final class Node {

  /** How long {@link #exec(String...)} may run before it is reported as hung. */
  static final Duration EXEC_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final Supplier<DockerClient> docker;
  private final KubernetesClient client;
  private final NodeLedger ledger;

  Node(String name, Supplier<DockerClient> docker, KubernetesClient client, NodeLedger ledger) {
    this.name = Objects.requireNonNull(name, "name");
    this.docker = Objects.requireNonNull(docker, "docker");
    this.client = Objects.requireNonNull(client, "client");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /** The Kubernetes node name, which is also the Docker container name. */
  public String name() {
    return name;
  }

  /** Stops the container ({@code docker stop}: the stop signal, then SIGKILL after 10 s). */
  public void stop() {
    ledger.changed(name, "stopped");
    docker("stop", () -> docker.get().stopContainerCmd(name).withTimeout(10).exec());
  }

  /** Starts a stopped container; call {@link #awaitReady(Duration)} to wait for the kubelet. */
  public void start() {
    docker("start", () -> docker.get().startContainerCmd(name).exec());
    ledger.restored(name);
  }

  /** Kills the container with SIGKILL: a power cut, no graceful shutdown. */
  public void kill() {
    ledger.changed(name, "killed");
    docker("kill", () -> docker.get().killContainerCmd(name).exec());
  }

  /** Freezes every process of the node (cgroup freezer): the node hangs without crashing. */
  public void pause() {
    ledger.changed(name, "paused");
    docker("pause", () -> docker.get().pauseContainerCmd(name).exec());
  }

  /** Thaws a paused node. */
  public void unpause() {
    docker("unpause", () -> docker.get().unpauseContainerCmd(name).exec());
    ledger.restored(name);
  }

  /** Whether the container is running (a paused container counts as running, as in Docker). */
  public boolean isRunning() {
    return Boolean.TRUE.equals(inspect().getState().getRunning());
  }

  /** Whether the container is paused. */
  public boolean isPaused() {
    return Boolean.TRUE.equals(inspect().getState().getPaused());
  }

  /**
   * Runs a command inside the node container and returns its stdout.
   *
   * @throws ShakedownException on a non-zero exit (stderr in the message) or after {@link #EXEC_TIMEOUT}
   */
  public String exec(String... command) {
    return DockerExec.run(docker.get(), name, EXEC_TIMEOUT, command);
  }

  /** Like {@link #exec(String...)}, bounded by {@code timeout} instead (e.g. a kubeadm upgrade takes minutes). */
  public String exec(Duration timeout, String... command) {
    return DockerExec.run(docker.get(), name, timeout, command);
  }

  /**
   * Copies the host file or directory {@code hostPath} into {@code remoteDir} of the node container ({@code docker
   * cp}; a directory keeps its name, files their executable bit). The archive is staged uncompressed in a temporary
   * file, which is deleted afterwards.
   */
  public void copyIn(java.nio.file.Path hostPath, String remoteDir) {
    java.nio.file.Path tar;
    try {
      tar = java.nio.file.Files.createTempFile("shakedown-copy-", ".tar");
    } catch (java.io.IOException e) {
      throw new ShakedownException("cannot copy " + hostPath + " into node " + name + ": no temporary file: " + e, e);
    }
    try {
      try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(tar)) {
        TarArchive.write(hostPath, out);
      }
      try (java.io.InputStream in = java.nio.file.Files.newInputStream(tar)) {
        docker("cp " + hostPath, () -> docker.get().copyArchiveToContainerCmd(name).withTarInputStream(in)
            .withRemotePath(remoteDir).exec());
      }
    } catch (java.io.IOException e) {
      throw new ShakedownException("cannot copy " + hostPath + " into node " + name + ":" + remoteDir + ": " + e, e);
    } finally {
      tar.toFile().delete();
    }
  }

  /**
   * Waits until the container runs unpaused and the Kubernetes node is Ready; after {@link #start()} or
   * {@link #unpause()} the kubelet must also have renewed its lease since then, so a stale Ready does not count.
   *
   * @throws ShakedownException naming the node and the last state seen when {@code atMost} elapses
   */
  public void awaitReady(Duration atMost) {
    Instant since = ledger.resumedAt(name);
    Waits.until("node/" + name + " Ready" + (since == null ? "" : " (lease renewed after " + since + ")"), atMost,
        Waits.POLL, () -> {
          try {
            return Optional.ofNullable(readiness(since));
          } catch (RuntimeException e) {
            return Optional.of("error: " + e.getMessage());
          }
        }, Optional::isEmpty, missing -> missing.orElse("Ready"));
  }

  /** Null when ready, else what is missing. */
  private String readiness(Instant since) {
    InspectContainerResponse.ContainerState state = inspect().getState();
    if (!Boolean.TRUE.equals(state.getRunning())) {
      return "container is " + state.getStatus();
    }
    if (Boolean.TRUE.equals(state.getPaused())) {
      return "container is paused";
    }
    io.fabric8.kubernetes.api.model.Node node = client.nodes().withName(name).get();
    if (node == null) {
      return "node object is missing";
    }
    boolean ready = node.getStatus() != null && node.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    if (!ready) {
      return "condition Ready is not True";
    }
    if (since != null) {
      Lease lease = client.leases().inNamespace("kube-node-lease").withName(name).get();
      ZonedDateTime renewed = lease == null || lease.getSpec() == null ? null : lease.getSpec().getRenewTime();
      if (renewed == null || renewed.toInstant().isBefore(since.minusSeconds(1))) {
        return "kubelet has not renewed its lease since " + since + " (last renewal " + renewed + ")";
      }
    }
    return null;
  }

  private InspectContainerResponse inspect() {
    return docker("inspect", () -> docker.get().inspectContainerCmd(name).exec());
  }

  private <T> T docker(String action, Supplier<T> call) {
    try {
      return call.get();
    } catch (DockerException | IllegalStateException e) {
      throw new ShakedownException("node/" + name + ": docker " + action + " failed: " + e.getMessage(), e);
    }
  }

  private void docker(String action, Runnable call) {
    docker(action, () -> {
      call.run();
      return null;
    });
  }

  @Override
  public String toString() {
    return "node/" + name;
  }
}
