package dev.shakedown.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.shakedown.ShakedownException;
import dev.shakedown.check.Checkers;
import dev.shakedown.check.Verdict;
import dev.shakedown.client.Generators;
import dev.shakedown.client.Load;
import dev.shakedown.client.Op;
import dev.shakedown.history.ChecksummedValue;
import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.grpc.Status;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The client against endpoints where nothing listens, and against an in-memory key-value API. */
class EtcdClientTest {

  private static URI deadEndpoint() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  /**
   * An in-memory KV whose put number 3 is refused (never sent: fail) and number 5 times out after being applied
   * (unknown: info); every answer is served by member 0xabc.
   */
  private static KV memoryKv(Map<String, String> store) {
    AtomicInteger puts = new AtomicInteger();
    ResponseHeader header = ResponseHeader.newBuilder().setMemberId(0xabc).build();
    return (KV) Proxy.newProxyInstance(KV.class.getClassLoader(), new Class<?>[] {KV.class}, (proxy, method, args) -> {
      switch (method.getName()) {
        case "put": {
          int n = puts.incrementAndGet();
          if (n == 3) {
            return CompletableFuture.failedFuture(Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new ConnectException("Connection refused")).asRuntimeException());
          }
          store.put(text(args[0]), text(args[1]));
          if (n == 5) {
            return CompletableFuture.failedFuture(Status.UNAVAILABLE.withDescription("etcdserver: request timed out")
                .asRuntimeException());
          }
          return CompletableFuture.completedFuture(new PutResponse(
              io.etcd.jetcd.api.PutResponse.newBuilder().setHeader(header).build(), ByteSequence.EMPTY));
        }
        case "get": {
          String prefix = text(args[0]);
          RangeResponse.Builder range = RangeResponse.newBuilder().setHeader(header);
          store.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
              range.addKvs(io.etcd.jetcd.api.KeyValue.newBuilder().setKey(ByteString.copyFromUtf8(k))
                  .setValue(ByteString.copyFromUtf8(v)));
            }
          });
          return CompletableFuture.completedFuture(new GetResponse(range.build(), ByteSequence.EMPTY));
        }
        case "close":
          return null;
        default:
          throw new UnsupportedOperationException(method.getName());
      }
    });
  }

  private static String text(Object bytes) {
    return ((ByteSequence) bytes).toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesOneKeyPerIdClassifiesFailuresAndTheFinalReadHoldsEveryValueUnderThePrefix() {
    Map<String, String> store = new ConcurrentSkipListMap<>(Map.of("/other/key", "not-under-the-prefix"));
    EtcdClient client = new EtcdClient(memoryKv(store), Duration.ofSeconds(1)).prefix("/t/");
    Load load = Load.of("etcd-writes", client).rate(100).processes(1)
        .ops(Generators.limit(8, Generators.uniqueWrites(7)));
    load.run(Duration.ofMillis(500));
    Operation read = load.finalRead(Duration.ofSeconds(5));

    List<Operation> writes = load.history().snapshot().stream().filter(o -> o.function().equals("write")).toList();
    assertThat(writes).filteredOn(Operation::isInvoke).hasSize(8).extracting(Operation::value)
        .allMatch(ChecksummedValue::verify).doesNotHaveDuplicates();
    assertThat(writes).filteredOn(Operation::isFail).singleElement()
        .satisfies(o -> assertThat(o.error()).startsWith("UNAVAILABLE: io exception (ConnectException"));
    assertThat(writes).filteredOn(Operation::isInfo).singleElement()
        .satisfies(o -> assertThat(o.error()).isEqualTo("UNAVAILABLE: etcdserver: request timed out"));
    assertThat(writes).filteredOn(Operation::isOk).hasSize(6).allMatch(o -> "abc".equals(o.servedBy()));
    store.forEach((key, value) -> {
      if (key.startsWith("/t/")) {
        assertThat(key).as("key of %s", value).isEqualTo("/t/" + ChecksummedValue.decode(value).id());
      }
    });

    assertThat(read.isOk()).as("final read %s", read).isTrue();
    assertThat(read.servedBy()).isEqualTo("abc");
    assertThat(read.value().split(",")).hasSize(7).containsExactlyInAnyOrderElementsOf(
        store.entrySet().stream().filter(e -> e.getKey().startsWith("/t/")).map(Map.Entry::getValue).toList());
    Verdict verdict = Checkers.noLostWrites().check(load.history());
    assertThat(verdict.count("ok")).isEqualTo(6);
    assertThat(verdict.count("info-present")).isEqualTo(1);
    assertThat(verdict.count("lost")).isZero();
    assertThat(verdict.count("failed-but-present")).isZero();
  }

  @Test
  void writesToADeadClusterAreFailuresAndTheFinalReadGivesUpWithinItsBound() throws IOException {
    long start = System.nanoTime();
    long skipped;
    History history;
    try (Load load = Load.of("etcd-writes", new EtcdClient(List.of(deadEndpoint()), Duration.ofMillis(500)))
        .rate(20).timeout(Duration.ofMillis(1500)).ops(Generators.uniqueWrites(7))) {
      load.run(Duration.ofSeconds(1));
      skipped = load.skipped();
      Operation read = load.finalRead(Duration.ofSeconds(2));
      assertThat(read.isFail()).as("final read of a dead cluster: %s", read).isTrue();
      history = load.history();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));

    List<Operation> writes = history.snapshot().stream().filter(o -> o.function().equals("write")).toList();
    long invokes = writes.stream().filter(Operation::isInvoke).count();
    assertThat(invokes + skipped).as("ticks at 20/s for 1 s (invoked or skipped while all 4 were busy)")
        .isBetween(10L, 25L);
    assertThat(invokes).isPositive();
    assertThat(writes.stream().filter(o -> !o.isInvoke())).isNotEmpty()
        .allSatisfy(o -> assertThat(o.isFail()).as("%s", o).isTrue());
    assertThat(writes.stream().filter(Operation::isInvoke).map(Operation::value))
        .allMatch(ChecksummedValue::verify).doesNotHaveDuplicates();
    assertThat(Checkers.noLostWrites().check(history).status()).isEqualTo(Verdict.Status.UNKNOWN);
  }

  @Test
  void noEndpointAtAllFailsTheStartAndTheFinalReadNamingIt() {
    try (Load load = Load.of("etcd-writes", new EtcdClient(List.of(), Duration.ofSeconds(1)))) {
      assertThatThrownBy(load::start).isInstanceOf(ShakedownException.class)
          .hasMessage("load etcd-writes: cannot open its client: no etcd endpoint to connect to");
      Operation read = load.finalRead(Duration.ofMillis(500));
      assertThat(read.isFail()).isTrue();
      assertThat(read.error()).contains("no etcd endpoint to connect to");
    }
  }

  @Test
  void aValueThatIsNotChecksummedIsAFailedWriteNotACrash() throws Exception {
    EtcdClient client = new EtcdClient(memoryKv(new ConcurrentSkipListMap<>()), Duration.ofSeconds(1));
    assertThat(client.invoke(new Op(0, "write", "no-colon")).error())
        .isEqualTo("etcd client: write value no-colon is not <id>:<payload>:<crc32>");
    assertThat(client.invoke(new Op(0, "cas", null)).error())
        .contains("unknown function cas");
  }
}
