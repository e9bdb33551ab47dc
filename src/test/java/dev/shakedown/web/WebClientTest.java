package dev.shakedown.web;

import dev.shakedown.workload.Endpoints;
import dev.shakedown.history.Operation;
import dev.shakedown.client.Generators;
import dev.shakedown.client.Load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebClientTest {

  HttpServer server;
  final CountDownLatch release = new CountDownLatch(1);
  final java.util.concurrent.atomic.AtomicInteger flaky = new java.util.concurrent.atomic.AtomicInteger();
  final List<String> ports = new java.util.concurrent.CopyOnWriteArrayList<>();
  final java.util.Map<String, String> store = new java.util.concurrent.ConcurrentSkipListMap<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "{\"pod\":\"web-1\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.createContext("/flaky", exchange -> {
      int n = flaky.incrementAndGet();
      ports.add(n + (n % 3 == 0 ? " 503 " : " 200 ") + exchange.getRemoteAddress().getPort());
      byte[] body = "{\"pod\":\"web-1\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(n % 3 == 0 ? 503 : 200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.createContext("/error", exchange -> {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.createContext("/hang", exchange -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    server.createContext("/kv", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body;
      if ("PUT".equals(exchange.getRequestMethod())) {
        String value = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        store.put(path.substring("/kv/".length()), value);
        body = "ok".getBytes(StandardCharsets.UTF_8);
      } else {
        StringBuilder listing = new StringBuilder();
        store.forEach((k, v) -> listing.append(k).append('=').append(v).append('\n'));
        body = listing.toString().getBytes(StandardCharsets.UTF_8);
      }
      exchange.getResponseHeaders().add("X-Pod", "kv-0");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void recordsOkWithThePodThatServedAtTheBoundedRate() {
    Load load = Load.of(WebClient.of(Endpoints.fixed(base()), Duration.ofSeconds(2), "/")).ops(Generators.constant("get")).rate(20);
    List<Operation> ops = load.run(Duration.ofSeconds(1)).snapshot();

    List<Operation> invokes = ops.stream().filter(Operation::isInvoke).toList();
    assertThat(invokes.size()).as("about 20 requests in 1 s at 20/s").isBetween(15, 25);
    assertThat(ops.stream().filter(Operation::isOk)).hasSameSizeAs(invokes)
        .allSatisfy(op -> assertThat(op.servedBy()).isEqualTo("web-1"));
  }

  @Test
  void connectionRefusedIsFailHttpErrorIsFailTimeoutIsInfo() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    List<Operation> refused = Load.of(WebClient.of(Endpoints.fixed(URI.create("http://127.0.0.1:" + closedPort)), Duration.ofSeconds(2), "/")).ops(Generators.constant("get"))
        .rate(10).run(Duration.ofMillis(300)).snapshot();
    assertThat(refused).filteredOn(op -> !op.isInvoke()).isNotEmpty()
        .allSatisfy(op -> assertThat(op.isFail()).isTrue())
        .allSatisfy(op -> assertThat(op.error()).startsWith("ConnectException"));

    List<Operation> errors = Load.of(WebClient.of(Endpoints.fixed(base()), Duration.ofSeconds(2), "/error")).ops(Generators.constant("get")).rate(10)
        .run(Duration.ofMillis(300)).snapshot();
    assertThat(errors).filteredOn(op -> !op.isInvoke()).isNotEmpty()
        .allSatisfy(op -> assertThat(op.error()).startsWith("HTTP 503"));

    List<Operation> hung = Load.of(WebClient.of(Endpoints.fixed(base()), Duration.ofMillis(300), "/hang")).ops(Generators.constant("get")).rate(10)
        .timeout(Duration.ofMillis(300)).run(Duration.ofMillis(300)).snapshot();
    assertThat(hung).filteredOn(op -> !op.isInvoke()).isNotEmpty()
        .allSatisfy(op -> assertThat(op.isInfo()).isTrue())
        .allSatisfy(op -> assertThat(op.error()).contains("HttpTimeoutException"));
    assertThat(hung.stream().filter(Operation::isInvoke).count())
        .as("every invoke is completed").isEqualTo(hung.stream().filter(op -> !op.isInvoke()).count());
  }

  @Test
  void inFlightRequestsAreBoundedByProcesses() {
    Load load = Load.of(WebClient.of(Endpoints.fixed(base()), Duration.ofSeconds(1), "/hang")).ops(Generators.constant("get")).rate(50)
        .processes(2).timeout(Duration.ofSeconds(1));
    load.run(Duration.ofMillis(400));
    assertThat(load.history().snapshot().stream().filter(Operation::isInvoke).count()).isEqualTo(2);
    assertThat(load.skipped()).isGreaterThan(5);
    load.close();
  }

  @Test
  void writesUniqueChecksummedValuesAndFinalReadReturnsThemAll() {
    Load writer = Load.of(WebClient.of(Endpoints.fixed(base()), Duration.ofSeconds(2), "/")).ops(Generators.uniqueWrites(1)).rate(50).processes(3);
    writer.run(Duration.ofMillis(500));
    Operation read = writer.finalRead(Duration.ofSeconds(5));

    List<Operation> writes = writer.history().snapshot().stream().filter(op -> op.function().equals("write")).toList();
    List<String> acknowledged = writes.stream().filter(Operation::isOk).map(Operation::value).toList();
    assertThat(acknowledged).hasSizeGreaterThan(10).doesNotHaveDuplicates()
        .allMatch(dev.shakedown.history.ChecksummedValue::verify);
    assertThat(read.isOk()).isTrue();
    assertThat(read.function()).isEqualTo("read");
    assertThat(read.process()).isEqualTo(3);
    assertThat(read.servedBy()).isEqualTo("kv-0");
    assertThat(read.value().split(",")).containsExactlyInAnyOrderElementsOf(acknowledged);
  }

  @Test
  void aRequestAfterANonOkAnswerGoesOnANewConnectionAndAfterAnOkOneReusesIt() {
    Load load = Load.of(WebClient.of(Endpoints.fixed(base()), Duration.ofSeconds(2), "/flaky")).ops(Generators.constant("get")).processes(1).rate(20);
    load.run(Duration.ofSeconds(2));

    assertThat(ports).hasSizeGreaterThanOrEqualTo(12);
    for (int i = 1; i < ports.size(); i++) {
      String[] before = ports.get(i - 1).split(" ");
      String port = ports.get(i).split(" ")[2];
      if (before[1].equals("503")) {
        assertThat(port).as("request after the 503 of %s", ports.get(i - 1)).isNotEqualTo(before[2]);
      } else {
        assertThat(port).as("request after the 200 of %s (kept alive)", ports.get(i - 1)).isEqualTo(before[2]);
      }
    }
  }
}
