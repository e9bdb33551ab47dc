package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Version;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Testcontainers' Docker client works against this machine's engine (Docker 20.10, API 1.41), without Ryuk. */
class DockerClientIT {

  @Test
  void talksToTheEngineAndSeesTheKindNodes() {
    DockerClient docker = DockerSupport.client();

    Version version = docker.versionCmd().exec();
    assertThat(version.getApiVersion()).as("engine API version").isNotBlank();
    assertThat(docker.pingCmd().exec()).isNull();

    List<Container> nodes = docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(Cluster.KIND_CLUSTER_LABEL, ClusterSettings.DEFAULT_KIND_NAME)).exec();
    assertThat(nodes).as("kind node containers of cluster 'shakedown'")
        .extracting(c -> c.getLabels().get(Cluster.KIND_ROLE_LABEL)).contains("control-plane", "worker");
    assertThat(docker.listContainersCmd().withLabelFilter(Map.of("org.testcontainers", "true")).exec())
        .as("no Testcontainers-managed containers (Ryuk disabled, nothing started)").isEmpty();
  }
}
