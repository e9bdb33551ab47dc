package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shakedown.junit.ChaosTest;
import dev.shakedown.history.TimelineEvent;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.workload.NodePortEndpoints;
import dev.shakedown.web.StatefulKv;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each volume fault really changes the bytes the workload reads back (the key-value store keeps one file per key). */
@ChaosTest
class VolumeCorruptionIT {

  static final String VALUE = "0123456789abcdefghijklmnopqrstuvwxyz";
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  HttpResponse<byte[]> send(URI base, String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5));
    request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void eachCorruptionReallyHappensOnTheNodeAndIsRecorded(ScenarioContext ctx) throws Exception {
    StatefulKv kv = StatefulKv.of(ctx).replicas(1).deploy().awaitReady(Duration.ofMinutes(3));
    URI base = NodePortEndpoints.of(ctx.client(), kv.namespace(), kv.clientServiceName()).next();
    for (String key : new String[] {"alpha", "beta", "gamma", "delta"}) {
      await("PUT /kv/" + key + " through NodePort " + base).atMost(Duration.ofMinutes(1)).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
          .until(() -> send(base, "PUT", "/kv/" + key, VALUE).statusCode() == 200);
    }
    String claim = "data-kv-0";

    FaultHandle flip = Faults.flipBytes(VolumeFile.path(claim, "alpha")).bytes(4).inject(ctx);
    byte[] flipped = send(base, "GET", "/kv/alpha", null).body();
    assertThat(flipped).hasSize(VALUE.length()).isNotEqualTo(VALUE.getBytes(StandardCharsets.UTF_8));
    int changed = 0;
    for (int i = 0; i < flipped.length; i++) {
      changed += flipped[i] != VALUE.charAt(i) ? 1 : 0;
    }
    assertThat(changed).as("bytes changed").isEqualTo(4);
    flip.close();
    flip.close();
    assertThat(flip.isHealed()).isTrue();

    Faults.truncateFile(VolumeFile.path(claim, "beta")).toSize(3).inject(ctx);
    assertThat(new String(send(base, "GET", "/kv/beta", null).body(), StandardCharsets.UTF_8)).isEqualTo("012");

    FaultHandle delete = Faults.deleteFile(VolumeFile.matching(claim, "gam*")).inject(ctx);
    assertThat(delete.targets()).containsExactly("pvc/" + ctx.namespace() + "/" + claim + ":gamma");
    assertThat(send(base, "GET", "/kv/gamma", null).statusCode()).isEqualTo(404);

    String node = ClaimVolume.resolve(ctx.client(), ctx.namespace(), claim).node();
    assertThatThrownBy(() -> Faults.flipBytes(VolumeFile.path(claim, "no-such-key")).inject(ctx))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("PersistentVolumeClaim " + ctx.namespace() + "/" + claim)
        .hasMessageContaining("node/" + node).hasMessageContaining("/no-such-key").hasMessageContaining("does not exist");

    Faults.wipeVolume(claim).inject(ctx);
    assertThat(new String(send(base, "GET", "/kv", null).body(), StandardCharsets.UTF_8)).isEmpty();

    var marks = ctx.timeline().snapshot().stream().filter(e -> e.source().equals("fault") && e.kind().equals("inject"))
        .toList();
    marks.forEach(e -> System.out.println("MEASURE corruption mark: " + e.subject() + " " + e.detail()));
    assertThat(marks).extracting(TimelineEvent::subject)
        .containsExactly("flip-bytes", "truncate-file", "delete-file", "wipe-volume");
    assertThat(marks.get(0).detail()).contains("node/" + node, "/var/local-path-provisioner/", "/alpha @")
        .containsPattern("0x[0-9a-f]{2}->0x[0-9a-f]{2}");
    assertThat(marks.get(1).detail()).contains("size " + VALUE.length() + " -> 3 bytes");
  }
}
