package dev.shakedown.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import org.junit.jupiter.api.Test;

class EtcdMemberFailureTest {

  @Test
  void aCrashLoopOrAnErrorExitIsAFailure() {
    ContainerStatus crashLoop = new ContainerStatusBuilder().withName("etcd").withRestartCount(2)
        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
        .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error").endTerminated().endLastState()
        .build();
    assertThat(EtcdMemberFailure.failed(crashLoop)).isTrue();
    assertThat(EtcdMemberFailure.describe(crashLoop))
        .isEqualTo("container etcd terminated: exit code 1 (Error), 2 restarts, waiting CrashLoopBackOff");

    ContainerStatus erroredNow = new ContainerStatusBuilder().withName("etcd").withRestartCount(0)
        .withNewState().withNewTerminated().withExitCode(2).withReason("Error").endTerminated().endState().build();
    assertThat(EtcdMemberFailure.failed(erroredNow)).isTrue();
  }

  @Test
  void startingRunningOrACleanExitIsNot() {
    ContainerStatus creating = new ContainerStatusBuilder().withName("etcd").withRestartCount(0)
        .withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting().endState().build();
    ContainerStatus running = new ContainerStatusBuilder().withName("etcd").withRestartCount(1).withReady(false)
        .withNewState().withNewRunning().endRunning().endState()
        .withNewLastState().withNewTerminated().withExitCode(0).withReason("Completed").endTerminated().endLastState()
        .build();
    assertThat(EtcdMemberFailure.failed(creating)).isFalse();
    assertThat(EtcdMemberFailure.failed(running)).isFalse();
    assertThat(EtcdMemberFailure.describe(running))
        .isEqualTo("container etcd terminated: exit code 0 (Completed), 1 restarts, running, ready false");
  }
}
