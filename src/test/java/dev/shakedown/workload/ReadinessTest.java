package dev.shakedown.workload;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.WaitTimeoutException;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ReadinessTest {

  KubernetesClient client;

  @Test
  void aNodePortIsReadyOnceEveryReadyNodeAcceptsConnectionsOnIt() throws Exception {
    client.resource(new NodeBuilder().withNewMetadata().withName("n1").endMetadata().withNewStatus()
        .addNewCondition().withType("Ready").withStatus("True").endCondition()
        .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress().endStatus().build()).create();
    int port;
    try (ServerSocket open = new ServerSocket(0)) {
      port = open.getLocalPort();
      service(port);
      assertThatCode(() -> Readiness.awaitNodePorts(client, "ns", "web", Duration.ofSeconds(5)))
          .doesNotThrowAnyException();
    }
    assertThatThrownBy(() -> Readiness.awaitNodePorts(client, "ns", "web", Duration.ofSeconds(1)))
        .isInstanceOf(WaitTimeoutException.class)
        .hasMessageContaining("every Ready node accepts connections on the node ports of Service ns/web")
        .hasMessageContaining("refused or timed out at [127.0.0.1:" + port + "]");
  }

  private void service(int nodePort) {
    client.resource(new ServiceBuilder().withNewMetadata().withName("web").withNamespace("ns").endMetadata()
        .withNewSpec().withType("NodePort").addToSelector("app", "web").addNewPort().withPort(80)
        .withTargetPort(new IntOrString(8080)).withNodePort(nodePort).endPort().endSpec().build()).create();
  }
}
