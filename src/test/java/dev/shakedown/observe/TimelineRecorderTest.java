package dev.shakedown.observe;

import dev.shakedown.history.Timeline;
import dev.shakedown.history.TimelineEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class TimelineRecorderTest {

  KubernetesClient client;

  @Test
  void recordsPodNodeAndEventChangesWithTheirApiTimes() {
    client.resource(new NodeBuilder().withNewMetadata().withName("worker").endMetadata().withNewSpec().endSpec()
        .withNewStatus().addNewCondition().withType("Ready").withStatus("True")
        .withLastTransitionTime("2026-01-01T00:00:00Z").endCondition().endStatus().build()).create();
    Timeline timeline = new Timeline();

    try (TimelineRecorder recorder = TimelineRecorder.start(client, "ns", timeline)) {
      assertThat(recorder.isWatching()).isTrue();
      client.resource(new PodBuilder().withNewMetadata().withName("web-0").withNamespace("ns").endMetadata()
          .withNewSpec().withNodeName("worker").endSpec()
          .withNewStatus().withPhase("Pending").endStatus().build()).create();
      client.pods().inNamespace("ns").withName("web-0").editStatus(p -> new PodBuilder(p).editStatus()
          .withPhase("Running")
          .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime("2026-01-01T00:00:05Z")
          .endCondition().endStatus().build());
      client.nodes().withName("worker").editStatus(n -> new NodeBuilder(n).editStatus().editFirstCondition()
          .withStatus("Unknown").withReason("NodeStatusUnknown").withLastTransitionTime("2026-01-01T00:00:09Z")
          .endCondition().endStatus().build());
      client.resource(new EventBuilder().withNewMetadata().withName("web-0.1").withNamespace("ns").endMetadata()
          .withReason("Killing").withType("Normal").withMessage("Stopping container workload")
          .withNewInvolvedObject().withKind("Pod").withNamespace("ns").withName("web-0").endInvolvedObject()
          .withLastTimestamp("2026-01-01T00:00:07Z").build()).create();

      await("timeline has the pod Ready, node Unknown and event Killing").atMost(Duration.ofSeconds(10))
          .until(() -> timeline.snapshot().stream().map(TimelineEvent::kind).toList()
              .containsAll(java.util.List.of("Ready", "Unknown", "Killing", "Running")));
    }

    assertThat(timeline.snapshot()).filteredOn(e -> e.kind().equals("Ready")).singleElement().satisfies(e -> {
      assertThat(e.subject()).isEqualTo("pod/ns/web-0");
      assertThat(e.apiTime()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
      assertThat(e.lag()).isPositive();
    });
    assertThat(timeline.snapshot()).filteredOn(e -> e.kind().equals("Unknown")).singleElement()
        .satisfies(e -> assertThat(e.subject()).isEqualTo("node/worker"))
        .satisfies(e -> assertThat(e.apiTime()).isEqualTo(Instant.parse("2026-01-01T00:00:09Z")));
    assertThat(timeline.snapshot()).filteredOn(e -> e.kind().equals("Killing")).singleElement()
        .satisfies(e -> assertThat(e.subject()).isEqualTo("pod/ns/web-0"))
        .satisfies(e -> assertThat(e.source()).isEqualTo("event"))
        .satisfies(e -> assertThat(e.apiTime()).isEqualTo(Instant.parse("2026-01-01T00:00:07Z")));
  }
}
