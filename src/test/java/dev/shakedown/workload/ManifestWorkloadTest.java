package dev.shakedown.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ManifestWorkloadTest {

  static KubernetesClient client;

  ManifestWorkload app(String dir) {
    return new ManifestWorkload(client, "sd-app", "app",
        Manifests.read("sd-app", Path.of("src/test/resources/dev/shakedown/workload/" + dir)));
  }

  @Test
  void podTemplatesCarryTheWorkloadLabelAndEachControllerIsAPart() {
    ManifestWorkload app = app("web-app");

    Deployment shop = (Deployment) app.objects().get(0);
    assertThat(shop.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app", "shop").containsEntry(ManifestWorkload.LABEL, "app");
    assertThat(app.selector()).isEqualTo(Map.of(ManifestWorkload.LABEL, "app"));
    assertThat(app.parts()).containsExactly("deployment/shop");
    assertThat(app.part("deployment/shop").name()).isEqualTo("app:deployment/shop");
    assertThatThrownBy(() -> app.part("statefulset/db")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workload app has no part statefulset/db; its parts: [deployment/shop]");
  }

  @Test
  void deployChecksImagesFirstThenAppliesEveryObjectIntoTheNamespace() {
    ManifestWorkload app = app("kv-app");
    assertThatThrownBy(app::deploy).isInstanceOf(ShakedownException.class).hasMessageContaining("on no node");
    assertThat(client.apps().statefulSets().inNamespace("sd-app").list().getItems()).as("nothing deployed").isEmpty();

    client.resource(new NodeBuilder().withNewMetadata().withName("w1").endMetadata().withNewStatus()
        .addNewImage().withNames("docker.io/shakedown/workload:0.1").endImage().endStatus().build()).create();
    app.deploy();

    assertThat(client.apps().statefulSets().inNamespace("sd-app").withName("store").get()).isNotNull();
    assertThat(client.services().inNamespace("sd-app").withName("store").get()).isNotNull();
    app.teardown();
    assertThat(client.apps().statefulSets().inNamespace("sd-app").list().getItems()).isEmpty();
  }
}
