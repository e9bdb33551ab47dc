package dev.shakedown.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class EvidenceTest {

  static KubernetesClient client;

  @Test
  void eventsAreListedOldestFirst() {
    client.v1().events().inNamespace("ev").resource(new EventBuilder().withNewMetadata().withName("b").endMetadata()
        .withType("Warning").withReason("BackOff").withLastTimestamp("2026-11-25T10:00:02Z").withCount(3)
        .withNewInvolvedObject().withKind("Pod").withName("web-0").endInvolvedObject()
        .withMessage("Back-off restarting failed container").build()).create();
    client.v1().events().inNamespace("ev").resource(new EventBuilder().withNewMetadata().withName("a").endMetadata()
        .withType("Normal").withReason("Scheduled").withLastTimestamp("2026-11-25T10:00:01Z")
        .withNewInvolvedObject().withKind("Pod").withName("web-0").endInvolvedObject()
        .withMessage("Successfully assigned").build()).create();

    assertThat(Evidence.events(client, "ev")).isEqualTo(
        "2026-11-25T10:00:01Z  Normal  Scheduled  Pod/web-0: Successfully assigned\n"
            + "2026-11-25T10:00:02Z  Warning  BackOff  Pod/web-0: Back-off restarting failed container (x3)\n");
    assertThat(Evidence.events(client, "empty")).isEqualTo("(no events)\n");
  }

  @Test
  void onlyRestartedContainersHaveTheirLogsCollected() {
    Pod pod = new PodBuilder().withNewMetadata().withName("web-0").endMetadata().withNewStatus()
        .addNewContainerStatus().withName("app").withRestartCount(2).endContainerStatus()
        .addNewContainerStatus().withName("sidecar").withRestartCount(0).endContainerStatus()
        .addNewInitContainerStatus().withName("init").withRestartCount(1).endInitContainerStatus()
        .endStatus().build();
    assertThat(Evidence.restarted(pod)).extracting(s -> s.getName()).containsExactly("init", "app");
    assertThat(Evidence.restarted(new Pod())).isEmpty();
  }
}
