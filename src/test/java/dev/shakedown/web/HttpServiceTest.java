package dev.shakedown.web;

import dev.shakedown.workload.Workloads;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class HttpServiceTest {

  KubernetesClient client;

  @Test
  void defaultIsThreeReplicasWithProbesNodePortAndBudget() {
    HttpService web = HttpService.of(client, "ns", "web");

    Deployment deployment = web.deployment();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(web.selector());
    Container c = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getImage()).isEqualTo(Workloads.DEFAULT_IMAGE);
    assertThat(c.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(8080);
    assertThat(web.service().getSpec().getType()).isEqualTo("NodePort");
    assertThat(web.service().getSpec().getSelector()).isEqualTo(web.selector());
    assertThat(web.podDisruptionBudget().getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
    assertThat(web.manifests()).extracting(HasMetadata::getKind)
        .containsExactly("Deployment", "Service", "PodDisruptionBudget");
  }

  @Test
  void fragileVariantHasOneReplicaAndNoBudget() {
    HttpService fragile = HttpService.of(client, "ns", "fragile").replicas(1).pdb(false);
    assertThat(fragile.deployment().getSpec().getReplicas()).isEqualTo(1);
    assertThat(fragile.manifests()).extracting(HasMetadata::getKind).containsExactly("Deployment", "Service");
  }

  @Test
  void minAvailableAndImageAreConfigurable() {
    System.setProperty(Workloads.IMAGE_PROPERTY, "example/other:1");
    try {
      HttpService web = HttpService.of(client, "ns", "web").replicas(5).minAvailable(4);
      assertThat(web.podDisruptionBudget().getSpec().getMinAvailable().getIntVal()).isEqualTo(4);
      assertThat(web.deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .isEqualTo("example/other:1");
    } finally {
      System.clearProperty(Workloads.IMAGE_PROPERTY);
    }
  }

  @Test
  void deployCreatesAndTeardownDeletesTheObjects() {
    HttpService web = HttpService.of(client, "ns", "web").deploy();
    web.deploy(); // a second deploy replaces, it does not fail
    assertThat(client.apps().deployments().inNamespace("ns").withName("web").get()).isNotNull();
    assertThat(client.services().inNamespace("ns").withName("web").get()).isNotNull();
    assertThat(client.policy().v1().podDisruptionBudget().inNamespace("ns").withName("web").get()).isNotNull();

    web.close();
    assertThat(client.apps().deployments().inNamespace("ns").list().getItems()).isEmpty();
    assertThat(client.services().inNamespace("ns").list().getItems()).isEmpty();
    assertThat(client.policy().v1().podDisruptionBudget().inNamespace("ns").list().getItems()).isEmpty();
  }
}
