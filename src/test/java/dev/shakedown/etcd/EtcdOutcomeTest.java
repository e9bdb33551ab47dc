package dev.shakedown.etcd;

import dev.shakedown.client.Result;
import dev.shakedown.history.Operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class EtcdOutcomeTest {

  private static Throwable grpc(Status status) {
    return new ExecutionException(status.asRuntimeException());
  }

  @Test
  void neverSentIsFail() {
    Throwable refused = grpc(Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new ConnectException("Connection refused: /172.18.0.4:31000")));
    Throwable unroutable = grpc(Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new NoRouteToHostException("No route to host")));
    Throwable stillWaiting = grpc(Status.DEADLINE_EXCEEDED.withDescription("CallOptions deadline exceeded after"
        + " 1.99s. [closed=[], open=[[connecting_and_lb_delay=1997961217ns, was_still_waiting]]]"));
    assertThat(EtcdOutcome.neverTookEffect(refused)).isTrue();
    assertThat(EtcdOutcome.neverTookEffect(unroutable)).isTrue();
    assertThat(EtcdOutcome.neverTookEffect(stillWaiting)).isTrue();
    assertThat(EtcdOutcome.describe(refused)).isEqualTo("UNAVAILABLE: io exception (ConnectException: Connection"
        + " refused: /172.18.0.4:31000)");
  }

  @Test
  void rejectedByTheServerBeforeProposingIsFail() {
    assertThat(EtcdOutcome.neverTookEffect(grpc(Status.RESOURCE_EXHAUSTED.withDescription(
        "etcdserver: too many requests")))).isTrue();
    assertThat(EtcdOutcome.neverTookEffect(grpc(Status.INVALID_ARGUMENT.withDescription(
        "etcdserver: request is too large")))).isTrue();
    assertThat(EtcdOutcome.neverTookEffect(new IllegalStateException("client closed"))).isTrue();
  }

  @Test
  void anythingThatMayHaveReachedTheServerIsInfo() {
    assertThat(EtcdOutcome.neverTookEffect(grpc(Status.DEADLINE_EXCEEDED.withDescription(
        "deadline exceeded after 1.99s. [closed=[], open=[[remote_addr=/172.18.0.4:31000]]]")))).isFalse();
    assertThat(EtcdOutcome.neverTookEffect(grpc(Status.UNAVAILABLE.withDescription(
        "etcdserver: request timed out")))).isFalse();
    assertThat(EtcdOutcome.neverTookEffect(grpc(Status.UNAVAILABLE.withDescription(
        "etcdserver: leader changed")))).isFalse();
    assertThat(EtcdOutcome.neverTookEffect(grpc(Status.UNAVAILABLE.withDescription(
        "Network closed for unknown reason")))).isFalse();
    assertThat(EtcdOutcome.neverTookEffect(grpc(Status.UNKNOWN.withDescription("raft: proposal dropped"))))
        .isFalse();
    assertThat(EtcdOutcome.neverTookEffect(grpc(Status.CANCELLED))).isFalse();
    assertThat(EtcdOutcome.neverTookEffect(new CompletionException(new TimeoutException()))).isFalse();
    assertThat(EtcdOutcome.neverTookEffect(new TimeoutException())).isFalse();
  }

  @Test
  void resultIsFailOrInfoWithTheDescription() {
    Result fail = EtcdOutcome.result(grpc(Status.UNAVAILABLE.withCause(new ConnectException("refused"))));
    Result info = EtcdOutcome.result(grpc(Status.UNAVAILABLE.withDescription("etcdserver: request timed out")));
    assertThat(fail.type()).isEqualTo(Operation.Type.FAIL);
    assertThat(fail.error()).isEqualTo("UNAVAILABLE:  (ConnectException: refused)");
    assertThat(info.type()).isEqualTo(Operation.Type.INFO);
    assertThat(info.error()).isEqualTo("UNAVAILABLE: etcdserver: request timed out");
  }
}
