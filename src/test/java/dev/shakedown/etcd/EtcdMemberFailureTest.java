package dev.shakedown.etcd;

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

  @Test
  void theCauseIsTheLastFatalOrPanicEntryOfTheLog() {
    String crc = "{\"level\":\"info\",\"msg\":\"closed etcd server\"}\n"
        + "{\"level\":\"fatal\",\"ts\":\"2026-11-25T13:42:29Z\",\"caller\":\"etcdmain/etcd.go:183\","
        + "\"msg\":\"discovery failed\",\"error\":\"walpb: crc mismatch: expected: 3396c6cf computed: 6a14b396\","
        + "\"stacktrace\":\"go.etcd.io/etcd/server/v3/etcdmain.startEtcdOrProxyV2\\n\\tetcd.go:183\"}\n";
    assertThat(failure(crc).cause())
        .isEqualTo("discovery failed: walpb: crc mismatch: expected: 3396c6cf computed: 6a14b396");

    String panic = "{\"level\":\"info\",\"msg\":\"repairing\",\"path\":\"x.wal\"}\n"
        + "{\"level\":\"panic\",\"msg\":\"tocommit(212) is out of range [lastIndex(3)]. Was the raft log "
        + "corrupted, truncated, or lost?\"}\n"
        + "panic: tocommit(212) is out of range [lastIndex(3)]. Was the raft log corrupted, truncated, or lost?\n"
        + "\ngoroutine 160 [running]:\ngo.etcd.io/raft/v3/node.go:287 +0x245\n";
    assertThat(failure(panic).cause()).startsWith("tocommit(212) is out of range").endsWith("or lost?");

    assertThat(failure("panic: runtime error: index out of range\n\ngoroutine 1 [running]:\n").cause())
        .isEqualTo("panic: runtime error: index out of range");
    assertThat(failure("{\"level\":\"info\",\"msg\":\"starting\"}").cause()).isEmpty();
  }

  private static EtcdMemberFailure failure(String log) {
    return new EtcdMemberFailure("etcd-1", "container etcd terminated", java.time.Duration.ZERO, log);
  }
}
