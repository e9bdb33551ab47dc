package dev.shakedown.web;

import dev.shakedown.history.Timeline;
import dev.shakedown.history.TimelineEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.shakedown.workload.Endpoints;
import dev.shakedown.history.Operation;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ProbeTest {

  @Test
  void recordsEveryResultAndMarksUpAndDownTransitions() throws Exception {
    AtomicBoolean healthy = new AtomicBoolean(true);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "{\"pod\":\"web-0\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(healthy.get() ? 200 : 503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    Timeline timeline = new Timeline();
    try (Probe probe = Probe.http("web", Endpoints.fixed(URI.create("http://127.0.0.1:" + server.getAddress().getPort())),
        timeline).rate(50).start()) {
      await("probe saw the service up").atMost(Duration.ofSeconds(5))
          .until(() -> probe.history().snapshot().stream().anyMatch(Operation::isOk));
      healthy.set(false);
      await("probe saw the service down").atMost(Duration.ofSeconds(5))
          .until(() -> probe.history().snapshot().stream().anyMatch(Operation::isFail));
      healthy.set(true);
      await("probe saw the service up again").atMost(Duration.ofSeconds(5))
          .until(() -> timeline.snapshot().size() >= 3);
    } finally {
      server.stop(0);
    }
    assertThat(timeline.snapshot()).extracting(TimelineEvent::kind).startsWith("up", "down", "up");
    assertThat(timeline.snapshot()).allSatisfy(e -> assertThat(e.subject()).isEqualTo("probe/web"));
  }
}
