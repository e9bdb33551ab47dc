package dev.shakedown.workload;

import dev.shakedown.web.HttpService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class NodePortEndpointsTest {

  KubernetesClient client;

  void node(String name, String ip, String ready) {
    client.resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition()
        .addNewAddress().withType("Hostname").withAddress(name).endAddress()
        .addNewAddress().withType("InternalIP").withAddress(ip).endAddress().endStatus().build()).create();
  }

  @Test
  void roundRobinOverReadyNodesInternalIps() {
    node("a", "172.19.0.2", "True");
    node("b", "172.19.0.3", "True");
    node("c", "172.19.0.4", "Unknown");
    HttpService web = HttpService.of(client, "ns", "web").deploy();
    client.services().inNamespace("ns").withName("web").edit(s -> {
      s.getSpec().getPorts().get(0).setNodePort(31234);
      return s;
    });

    NodePortEndpoints endpoints = NodePortEndpoints.of(client, web.namespace(), web.name());

    assertThat(endpoints.uris()).containsExactly(URI.create("http://172.19.0.2:31234"),
        URI.create("http://172.19.0.3:31234"));
    Set<URI> seen = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      seen.add(endpoints.next());
    }
    assertThat(seen).hasSize(2);
  }

  @Test
  void aRefreshReturnsAtOnceAndTheNodeListChangesInTheBackground() {
    node("a", "172.19.0.2", "True");
    node("b", "172.19.0.3", "True");
    NodePortEndpoints endpoints = new NodePortEndpoints(client, 31234);
    client.nodes().withName("b").edit(n -> new NodeBuilder(n).editStatus().editFirstCondition().withStatus("False")
        .endCondition().endStatus().build());

    endpoints.refresh();

    dev.shakedown.internal.Waits.untilTrue("node b dropped", java.time.Duration.ofSeconds(10),
        java.time.Duration.ofMillis(20), () -> endpoints.uris().size() == 1);
    assertThat(endpoints.uris()).containsExactly(URI.create("http://172.19.0.2:31234"));
  }

  @Test
  void missingServiceFailsNamingIt() {
    assertThatThrownBy(() -> NodePortEndpoints.of(client, "ns", "nope"))
        .isInstanceOf(ShakedownException.class)
        .hasMessage("Service ns/nope: expected a NodePort Service, it does not exist");
  }

  @Test
  void aServiceOrPortThatDoesNotExistIsNamedWithThoseThatDo() {
    client.resource(new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName("shop")
        .withNamespace("ns").endMetadata().withNewSpec().withType("ClusterIP").addNewPort().withPort(80).endPort()
        .endSpec().build()).create();

    assertThatThrownBy(() -> NodePortEndpoints.of(client, "ns", "nope", 80))
        .hasMessage("Service ns/nope does not exist; Services there: [shop]");
    assertThatThrownBy(() -> NodePortEndpoints.of(client, "ns", "shop", 8080))
        .hasMessage("Service ns/shop has no port 8080; its ports: [80]");
    assertThatThrownBy(() -> NodePortEndpoints.of(client, "ns", "shop", 80))
        .hasMessageContaining("port 80 has no node port (type ClusterIP)");
  }
}
