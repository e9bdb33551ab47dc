package dev.shakedown.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** On the real cluster: the evidence the extension attaches includes the events and the logs of a restarted pod. */
@ChaosTest
class EvidenceIT {

  private static final String IMAGE = System.getProperty("shakedown.image.workload", "shakedown/workload:0.1");

  @Test
  void collectsEventsAndTheLogsOfARestartedContainer(ScenarioContext ctx) {
    ctx.client().pods().inNamespace(ctx.namespace()).resource(new PodBuilder().withNewMetadata().withName("crasher")
        .endMetadata().withNewSpec().withRestartPolicy("Always").withTerminationGracePeriodSeconds(0L)
        .addNewContainer().withName("main").withImage(IMAGE).withImagePullPolicy("IfNotPresent")
        .withCommand("sh", "-c", "echo crash-marker; sleep 1; exit 1").endContainer().endSpec().build()).create();

    Awaitility.await("pod " + ctx.namespace() + "/crasher restarted at least once").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1)).until(() -> {
          Pod pod = ctx.client().pods().inNamespace(ctx.namespace()).withName("crasher").get();
          return !Evidence.restarted(pod).isEmpty();
        });

    Map<String, String> logs = Evidence.restartedLogs(ctx.client(), ctx.namespace());
    assertThat(logs.keySet()).anyMatch(k -> k.startsWith("log crasher/main (previous, restarts="));
    assertThat(logs.entrySet()).filteredOn(e -> e.getKey().contains("previous"))
        .singleElement().satisfies(e -> assertThat(e.getValue()).contains("crash-marker"));
    assertThat(Evidence.events(ctx.client(), ctx.namespace())).contains("Pod/crasher").contains("Scheduled");
  }
}
