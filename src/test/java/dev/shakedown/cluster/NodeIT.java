package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.AlwaysClose;
import dev.shakedown.scenario.ScenarioContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node-level primitive on a real kind worker: stop / start and pause / unpause, each back to Ready; copy in. */
@ChaosTest
class NodeIT {

  private static final Duration READY = Duration.ofMinutes(3);

  /** Heals the node if the test fails half-way. */
  private static Node guarded(ScenarioContext ctx, Node node) {
    ctx.register((AlwaysClose) () -> {
      if (!node.isRunning()) {
        node.start();
      } else if (node.isPaused()) {
        node.unpause();
      }
      node.awaitReady(READY);
    });
    return node;
  }

  @Test
  void stopAndStartAWorker(ScenarioContext ctx, Cluster cluster) {
    Node worker = guarded(ctx, cluster.workers().get(cluster.workers().size() - 1));
    assertThat(worker.exec("cat", "/etc/hostname").strip()).isEqualTo(worker.name());
    assertThatThrownBy(() -> worker.exec("sh", "-c", "echo oops >&2; exit 4"))
        .isInstanceOf(ShakedownException.class).hasMessageContaining("exited with 4").hasMessageContaining("oops");

    worker.stop();
    assertThat(worker.isRunning()).isFalse();
    worker.start();
    worker.awaitReady(READY);
    assertThat(worker.isRunning()).isTrue();
    assertThat(cluster.pendingNodeChanges()).isEmpty();
  }

  @Test
  void aCopiedDirectoryArrivesWithItsNameContentAndExecutableBit(Cluster cluster, @TempDir Path tmp) throws Exception {
    Node worker = cluster.workers().get(0);
    Path dir = Files.createDirectories(tmp.resolve("shakedown-copy-it"));
    Files.writeString(dir.resolve("tool"), "#!/bin/sh\necho copied\n");
    Files.setPosixFilePermissions(dir.resolve("tool"), PosixFilePermissions.fromString("rwxr-xr-x"));
    try {
      worker.copyIn(dir, "/var/tmp");
      assertThat(worker.exec("/var/tmp/shakedown-copy-it/tool").strip()).isEqualTo("copied");
    } finally {
      worker.exec("rm", "-rf", "/var/tmp/shakedown-copy-it");
    }
  }

  @Test
  void pauseAndUnpauseAWorker(ScenarioContext ctx, Cluster cluster) {
    Node worker = guarded(ctx, cluster.workers().get(0));
    worker.pause();
    assertThat(worker.isPaused()).isTrue();
    assertThat(worker.isRunning()).isTrue();
    worker.unpause();
    worker.awaitReady(READY);
    assertThat(worker.isPaused()).isFalse();
  }
}
