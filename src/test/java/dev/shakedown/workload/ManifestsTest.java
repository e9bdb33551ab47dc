package dev.shakedown.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsTest {

  static final Path WEB = Path.of("src/test/resources/dev/shakedown/workload/web-app");

  @TempDir
  Path dir;

  Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  @Test
  void aDirectoryOfMultiDocumentFilesGivesEveryObjectInTheScenarioNamespace() {
    List<HasMetadata> objects = Manifests.read("sd-test-1", WEB);

    assertThat(objects).extracting(HasMetadata::getKind)
        .containsExactly("Deployment", "Service", "PodDisruptionBudget", "Service");
    assertThat(objects).extracting(o -> o.getMetadata().getNamespace()).containsOnly("sd-test-1");
  }

  @Test
  void aManifestThatDoesNotParseNamesTheFileAndLine() throws IOException {
    Path bad = write("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: [unclosed\n");

    assertThatThrownBy(() -> Manifests.read("ns", bad)).isInstanceOf(Manifests.ManifestException.class)
        .hasMessageStartingWith(bad + ":").hasMessageContaining("not valid YAML");
  }

  @Test
  void anUnsupportedOrClusterScopedKindNamesTheFileLineKindAndTheSupportedKinds() throws IOException {
    Path role = write("role.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\n"
        + "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: admin}\n");

    assertThatThrownBy(() -> Manifests.read("ns", role)).isInstanceOf(Manifests.ManifestException.class)
        .hasMessageContaining(role + ":5: kind ClusterRole is not supported (it is cluster-scoped")
        .hasMessageContaining("supported: ConfigMap, DaemonSet, Deployment, Job, PersistentVolumeClaim,"
            + " PodDisruptionBudget, Secret, Service, StatefulSet");
    Path ingress = write("ingress.yaml", "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\n");
    assertThatThrownBy(() -> Manifests.read("ns", ingress)).hasMessageContaining("kind Ingress is not supported;");
  }

  @Test
  void aDocumentWithoutKindOrNameAndAMissingPathAreNamed() throws IOException {
    Path noKind = write("nokind.yaml", "apiVersion: v1\nmetadata: {name: x}\n");
    assertThatThrownBy(() -> Manifests.read("ns", noKind)).hasMessageContaining("a document without a kind");
    Path noName = write("noname.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {}\n");
    assertThatThrownBy(() -> Manifests.read("ns", noName)).hasMessageContaining("Secret without metadata.name");
    assertThatThrownBy(() -> Manifests.read("ns", dir.resolve("missing.yaml")))
        .hasMessageContaining("missing.yaml: no such file or directory");
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertThatThrownBy(() -> Manifests.read("ns", empty)).hasMessageContaining("no Kubernetes object");
  }
}
