package dev.shakedown.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pods on two different workers reach each other by pod IP and by Service DNS name. */
class KindPodNetworkIT {

  final KindFixture kind = new KindFixture("network");

  @AfterEach
  void cleanUp() {
    kind.close();
  }

  @Test
  void podsOnDifferentWorkersReachEachOther() throws Exception {
    List<String> workers = kind.workerNames();
    kind.client.pods().inNamespace(kind.namespace).resource(kind.workloadPod("alpha", workers.get(0), "alpha")).create();
    kind.client.pods().inNamespace(kind.namespace).resource(kind.workloadPod("beta", workers.get(1), "beta")).create();
    kind.client.services().inNamespace(kind.namespace).resource(new ServiceBuilder().withNewMetadata().withName("beta")
        .endMetadata().withNewSpec().addToSelector("app", "beta").addNewPort().withPort(80).withNewTargetPort(8080)
        .endPort().endSpec().build()).create();
    Pod alpha = kind.awaitReady("alpha", Duration.ofSeconds(120));
    Pod beta = kind.awaitReady("beta", Duration.ofSeconds(120));
    assertThat(alpha.getSpec().getNodeName()).isNotEqualTo(beta.getSpec().getNodeName());

    String byIp = kind.exec("alpha", "curl", "-sS", "--max-time", "10", "http://" + beta.getStatus().getPodIP() + ":8080/");
    String back = kind.exec("beta", "curl", "-sS", "--max-time", "10", "http://" + alpha.getStatus().getPodIP() + ":8080/");
    // kube-proxy on alpha's node programs the new Service a moment after beta turns Ready: allow it that long.
    String byName = await("Service beta reachable by DNS name from pod alpha").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .until(() -> kind.exec("alpha", "curl", "-sS", "--max-time", "5", "http://beta." + kind.namespace + ".svc.cluster.local/"),
            body -> body.contains("\"beta\""));

    assertThat(byIp).contains("\"beta\"");
    assertThat(byName).contains("\"beta\"");
    assertThat(back).contains("\"alpha\"");
  }
}
