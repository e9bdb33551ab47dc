package dev.shakedown.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The controllers work: a Deployment scales to 3 and back, and a deleted pod is recreated. */
class KindControllersIT {

  final KindFixture kind = new KindFixture("controllers");

  @AfterEach
  void cleanUp() {
    kind.close();
  }

  private Deployment deploy(int replicas) {
    Pod template = kind.workloadPod("unused", kind.workerNames().get(0), "web");
    Deployment deployment = new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpecLike(template.getSpec()).withNodeSelector(null).endSpec().endTemplate().endSpec().build();
    return kind.client.apps().deployments().inNamespace(kind.namespace).resource(deployment).create();
  }

  private List<Pod> readyPods() {
    return kind.client.pods().inNamespace(kind.namespace).withLabel("app", "web").list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null).filter(Readiness::isPodReady).toList();
  }

  @Test
  void deploymentScalesToThreeAndBack() {
    deploy(1);
    await("1 web pod Ready").atMost(Duration.ofSeconds(120)).until(() -> readyPods().size() == 1);

    kind.client.apps().deployments().inNamespace(kind.namespace).withName("web").scale(3);
    await("3 web pods Ready").atMost(Duration.ofSeconds(120)).until(() -> readyPods().size() == 3);
    kind.client.apps().deployments().inNamespace(kind.namespace).withName("web").scale(1);
    await("web back to 1 pod, reported in the Deployment's status").atMost(Duration.ofSeconds(120))
        .until(() -> kind.client.pods().inNamespace(kind.namespace).withLabel("app", "web").list().getItems().size() == 1
            && Integer.valueOf(1).equals(kind.client.apps().deployments().inNamespace(kind.namespace).withName("web").get()
                .getStatus().getReplicas()));

    assertThat(readyPods()).hasSize(1);
    assertThat(kind.client.apps().deployments().inNamespace(kind.namespace).withName("web").get()
        .getStatus().getReadyReplicas()).isEqualTo(1);
  }

  @Test
  void deletedPodIsRecreated() {
    deploy(1);
    await("1 web pod Ready").atMost(Duration.ofSeconds(120)).until(() -> readyPods().size() == 1);
    Pod original = readyPods().get(0);

    kind.client.pods().inNamespace(kind.namespace).withName(original.getMetadata().getName()).withGracePeriod(0).delete();

    await("a replacement web pod Ready").atMost(Duration.ofSeconds(120)).until(() -> readyPods().stream()
        .anyMatch(p -> !p.getMetadata().getUid().equals(original.getMetadata().getUid())));
    assertThat(readyPods()).extracting(p -> p.getMetadata().getName())
        .doesNotContain(original.getMetadata().getName());
  }
}
