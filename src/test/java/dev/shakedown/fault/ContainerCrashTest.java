package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import org.junit.jupiter.api.Test;

class ContainerCrashTest {

  @Test
  void killsTheRunningContainerByItsContainerdId() {
    var running = new ContainerStatusBuilder().withName("etcd").withContainerID("containerd://abc123")
        .withNewState().withNewRunning().endRunning().endState().build();
    assertThat(ContainerCrash.containerdId(running, "ns/etcd-0/etcd")).isEqualTo("abc123");
    assertThat(Faults.containerCrash(Targets.pod("etcd-0")).name()).isEqualTo("container-crash");
  }

  @Test
  void refusesAContainerThatIsNotRunning() {
    var waiting = new ContainerStatusBuilder().withName("etcd").withContainerID("containerd://abc123")
        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState().build();
    var docker = new ContainerStatusBuilder().withName("etcd").withContainerID("docker://abc123")
        .withNewState().withNewRunning().endRunning().endState().build();
    assertThatThrownBy(() -> ContainerCrash.containerdId(waiting, "ns/etcd-0/etcd"))
        .isInstanceOf(ShakedownException.class).hasMessageContaining("container ns/etcd-0/etcd: expected a running");
    assertThatThrownBy(() -> ContainerCrash.containerdId(docker, "ns/etcd-0/etcd"))
        .hasMessageContaining("docker://abc123");
  }
}
