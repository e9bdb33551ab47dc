package dev.shakedown.etcd;

import dev.shakedown.client.Client;
import dev.shakedown.client.Generators;
import dev.shakedown.client.Load;
import dev.shakedown.client.Op;
import dev.shakedown.client.Result;
import dev.shakedown.cluster.Scope;
import dev.shakedown.history.ChecksummedValue;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * etcd through jetcd, one key per written {@link ChecksummedValue} under {@link #prefix(String)}: a {@code write}
 * puts key prefix + the value's id, a {@code read} gets every value under the prefix (joined by {@code ,}, served by
 * the answering member's id in hex). A call that fails is fail or info as {@link EtcdOutcome} classifies it. Every
 * call is bounded by the deadline plus 1 s; {@link #load(Scope, Etcd)} schedules it.
 */
public final class EtcdClient implements Client {

  private final List<URI> endpoints;
  private final Duration timeout;
  private String prefix = "/shakedown/writes/";
  private io.etcd.jetcd.Client client;
  private volatile KV kv;

  /** A client of the members at {@code endpoints}, each call with deadline {@code timeout}; see {@link #open()}. */
  public EtcdClient(List<URI> endpoints, Duration timeout) {
    this.endpoints = List.copyOf(endpoints);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** A client of an already built key-value API (tests); {@link #open()} then connects nothing. */
  EtcdClient(KV kv, Duration timeout) {
    this(List.of(), timeout);
    this.kv = Objects.requireNonNull(kv, "kv");
  }

  /**
   * The load Shakedown runs against {@code etcd}: 20 unique checksummed writes per second over 4 processes, seeded
   * from the scenario's random source, each bounded by the workload's deadline; closed with the scenario. Deploy
   * {@code etcd} first.
   */
  public static Load load(Scope scope, Etcd etcd) {
    EtcdClient client = etcd.etcdClient();
    return scope.register(Load.of("etcd-writes", client).rate(20).processes(4)
        .timeout(client.timeout().plusSeconds(1)).ops(Generators.uniqueWrites(scope.random().nextLong())));
  }

  /**
   * A load of writes through {@code member} alone (5 per second over 2 processes, under their own prefix
   * {@code /shakedown/writes-<member>/}, seeded from the scenario's random source), to watch what one member
   * acknowledges, e.g. while it is partitioned away; closed with the scenario, not started: call
   * {@link Load#start()}.
   *
   * @throws IllegalArgumentException when {@code member} is not one of {@code etcd}'s members
   */
  public static Load loadThrough(Scope scope, Etcd etcd, String member) {
    EtcdClient client = etcd.etcdClient(member).prefix("/shakedown/writes-" + member + "/");
    return scope.register(Load.of("etcd-writes-via-" + member, client).rate(5).processes(2)
        .timeout(client.timeout().plusSeconds(1)).ops(Generators.uniqueWrites(scope.random().nextLong())));
  }

  /** The key prefix (default {@code /shakedown/writes/}); each write's key is prefix + its unique id. */
  public EtcdClient prefix(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    return this;
  }

  /** The deadline of each call. */
  public Duration timeout() { return timeout; }

  /**
   * Builds the jetcd client (see {@link EtcdClients#build}); connections are made lazily, on the first call.
   *
   * @throws IllegalArgumentException when there is no endpoint to connect to
   */
  @Override
  public synchronized void open() {
    if (kv == null) {
      client = EtcdClients.build(endpoints, timeout);
      kv = client.getKVClient();
    }
  }

  /** Puts a {@code write}, or reads every value under the prefix for a {@code read}. */
  @Override
  public Result invoke(Op op) throws InterruptedException {
    if (!op.isWrite() && !op.isRead()) {
      return Result.fail("etcd client: unknown function " + op.function() + " (write or read)");
    }
    KV api = Objects.requireNonNull(kv, "etcd client not opened");
    long bound = timeout.toMillis() + 1000;
    try {
      if (op.isWrite()) {
        int colon = op.value() == null ? -1 : op.value().indexOf(':');
        if (colon <= 0) {
          return Result.fail("etcd client: write value " + op.value() + " is not <id>:<payload>:<crc32>");
        }
        String id = op.value().substring(0, colon);
        long member = api.put(EtcdClients.bytes(prefix + id), EtcdClients.bytes(op.value()))
            .get(bound, TimeUnit.MILLISECONDS).getHeader().getMemberId();
        return Result.ok(null, Long.toHexString(member));
      }
      GetResponse response = api.get(EtcdClients.bytes(prefix), GetOption.builder().isPrefix(true).build())
          .get(bound, TimeUnit.MILLISECONDS);
      String values = response.getKvs().stream().map(KeyValue::getValue).map(EtcdClients::text)
          .collect(Collectors.joining(","));
      return Result.ok(values, Long.toHexString(response.getHeader().getMemberId()));
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return EtcdOutcome.result(e);
    }
  }

  /** Closes the jetcd client, if {@link #open()} built one. */
  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
      kv = null;
    }
  }

  @Override
  public String toString() {
    return "EtcdClient " + endpoints + " under " + prefix;
  }
}
