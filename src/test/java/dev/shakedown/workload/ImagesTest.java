package dev.shakedown.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ImagesTest {

  static KubernetesClient client;

  @Test
  void referencesAreNormalizedAsTheKubeletReportsThem() {
    assertThat(Images.normalize("shakedown/workload:0.1")).isEqualTo("docker.io/shakedown/workload:0.1");
    assertThat(Images.normalize("nginx")).isEqualTo("docker.io/library/nginx:latest");
    assertThat(Images.normalize("registry.k8s.io/pause:3.10.1")).isEqualTo("registry.k8s.io/pause:3.10.1");
    assertThat(Images.normalize("localhost:5000/app")).isEqualTo("localhost:5000/app:latest");
  }

  @Test
  void anImageOnNoNodeFailsNamingItWhereItIsUsedAndTheLoadCommand() {
    client.resource(new NodeBuilder().withNewMetadata().withName("w1").endMetadata().withNewStatus()
        .addNewImage().withNames("docker.io/shakedown/workload:0.1").endImage().endStatus().build()).create();
    var objects = Manifests.read("ns", Path.of("src/test/resources/dev/shakedown/workload/web-app"));
    Images.requireOnNodes(client, objects); // present

    ((io.fabric8.kubernetes.api.model.apps.Deployment) objects.get(0)).getSpec().getTemplate().getSpec()
        .getContainers().get(0).setImage("acme/shop:1.2");
    assertThatThrownBy(() -> Images.requireOnNodes(client, objects)).isInstanceOf(ShakedownException.class)
        .hasMessageContaining("acme/shop:1.2 (Deployment/shop container shop)")
        .hasMessageEndingWith("load them with: bash kind-config/cluster load acme/shop:1.2");
  }
}
