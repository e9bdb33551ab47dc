package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.cluster.ServiceResidue;
import dev.shakedown.history.Timeline;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ServiceToxicTest {

  KubernetesClient client;

  FaultScope scope() {
    return new FaultScope(client, "chaos", new Timeline(), new Random(1), null);
  }

  @Test
  void refusesBadParametersWhenTheFaultIsMade() {
    assertThatThrownBy(() -> Faults.latency("web", Duration.ofMillis(-1))).isInstanceOf(TargetException.class)
        .hasMessage("latency must be positive, was PT-0.001S");
    assertThatThrownBy(() -> Faults.latency("web", Duration.ofMillis(5), Duration.ofMillis(-5)))
        .hasMessage("jitter must not be negative, was PT-0.005S");
    assertThatThrownBy(() -> Faults.toxic("web", "delay", Map.of())).hasMessage("toxic type 'delay' is not one of"
        + " [bandwidth, latency, limit_data, reset_peer, slicer, slow_close, timeout]");
    assertThatThrownBy(() -> Faults.toxic("web", "timeout", Map.of("Timeout", 5L)))
        .hasMessageContaining("attribute Timeout=5");
  }

  @Test
  void refusesAServiceThatIsMissingHasNoSelectorOrIsAlreadyProxied() {
    client.resource(service("headless", Map.of(), Map.of())).create();
    client.resource(service("proxied", Map.of("app", "x"), Map.of(ServiceResidue.ORIGINAL, "{}"))).create();
    assertThatThrownBy(() -> Faults.latency("nope", Duration.ofMillis(5)).inject(scope()))
        .hasMessage("Service chaos/nope not found; Services there: [headless, proxied]");
    assertThatThrownBy(() -> Faults.latency("headless", Duration.ofMillis(5)).inject(scope()))
        .hasMessageContaining("has no selector");
    assertThatThrownBy(() -> Faults.latency("proxied", Duration.ofMillis(5)).inject(scope()))
        .hasMessageContaining("already behind a proxy");
    assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void restoreBringsBackTheSelectorAndPortsAndDeletesTheProxy() {
    Service original = client.resource(service("web", Map.of("app", "web"), Map.of())).create();
    String saved = ServiceResidue.original(original);
    client.services().inNamespace("chaos").withName("web").edit(s -> {
      s.getMetadata().getAnnotations().put(ServiceResidue.ORIGINAL, saved);
      s.getSpec().setSelector(Map.of(ServiceResidue.PROXY_FOR, "web"));
      s.getSpec().getPorts().get(0).setTargetPort(new IntOrString(20000));
      return s;
    });
    client.resource(new ServiceBuilder().withNewMetadata().withName("web-sd-upstream").withNamespace("chaos")
        .addToLabels(ServiceResidue.PROXY_FOR, "web").endMetadata().build()).create();

    assertThat(ServiceResidue.restore(client, "chaos", "web")).isTrue();

    Service back = client.services().inNamespace("chaos").withName("web").get();
    assertThat(back.getSpec().getSelector()).isEqualTo(Map.of("app", "web"));
    assertThat(back.getSpec().getPorts().get(0).getTargetPort()).isEqualTo(new IntOrString("http"));
    assertThat(back.getMetadata().getAnnotations()).doesNotContainKey(ServiceResidue.ORIGINAL);
    assertThat(client.services().inNamespace("chaos").withName("web-sd-upstream").get()).isNull();
    assertThat(ServiceResidue.restore(client, "chaos", "web")).as("a second restore").isFalse();
  }

  private static Service service(String name, Map<String, String> selector, Map<String, String> annotations) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("chaos").withAnnotations(annotations)
        .endMetadata().withNewSpec().withSelector(selector).addNewPort().withName("http").withPort(80)
        .withTargetPort(new IntOrString("http")).endPort().endSpec().build();
  }
}
