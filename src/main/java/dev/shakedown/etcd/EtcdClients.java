package dev.shakedown.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * jetcd clients that never hang: every call carries a deadline, {@code waitForReady(false)} fails a call at
 * once while no endpoint is connected, the connect timeout is no longer than the deadline, and jetcd's own
 * retries are off (the harness records each attempt and retries reads itself).
 */
final class EtcdClients {

  private EtcdClients() {}

  static Client build(List<URI> endpoints, Duration deadline) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("no etcd endpoint to connect to");
    }
    Duration connect = deadline.compareTo(Duration.ofSeconds(2)) < 0 ? deadline : Duration.ofSeconds(2);
    return Client.builder()
        .endpoints(endpoints)
        .waitForReady(false)
        .connectTimeout(connect)
        .keepaliveTime(Duration.ofSeconds(10))
        .keepaliveTimeout(Duration.ofSeconds(5))
        .keepaliveWithoutCalls(true)
        .retryMaxAttempts(0)
        .interceptor(deadlineOf(deadline))
        .build();
  }

  /** Puts {@code deadline} on every call that has none (or a later one). */
  static ClientInterceptor deadlineOf(Duration deadline) {
    long nanos = deadline.toNanos();
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        io.grpc.Deadline mine = io.grpc.Deadline.after(nanos, TimeUnit.NANOSECONDS);
        io.grpc.Deadline set = options.getDeadline();
        return next.newCall(method, set != null && set.isBefore(mine) ? options : options.withDeadline(mine));
      }
    };
  }

  static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  static String text(ByteSequence bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
