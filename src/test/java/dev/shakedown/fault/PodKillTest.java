package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import dev.shakedown.history.Timeline;
import dev.shakedown.history.TimelineEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PodKillTest {

  KubernetesClient client;
  Timeline timeline = new Timeline();

  FaultScope scope() {
    return new FaultScope(client, Fixtures.NS, timeline, new Random(5), null);
  }

  @Test
  void killsTheChosenPodAndHealsOnceItsOwnerReplacedIt() {
    Fixtures.pod(client, "web-a", "worker", "ReplicaSet", "rs-1", true);
    Fixtures.pod(client, "web-b", "worker2", "ReplicaSet", "rs-1", true);

    FaultHandle handle = Faults.podKill(Targets.pod("web-a")).recoverWithin(Duration.ofSeconds(10)).inject(scope());

    assertThat(handle.fault()).isEqualTo("pod-kill");
    assertThat(handle.targets()).containsExactly("pod/chaos/web-a");
    assertThat(client.pods().inNamespace(Fixtures.NS).withName("web-a").get()).isNull();
    assertThat(handle.isHealed()).isFalse();

    Fixtures.pod(client, "web-c", "worker3", "ReplicaSet", "rs-1", true); // what the ReplicaSet would do
    handle.close();
    handle.close();

    assertThat(handle.isHealed()).isTrue();
    assertThat(timeline.snapshot()).extracting(TimelineEvent::kind).containsExactly("inject", "heal");
    assertThat(timeline.snapshot().get(0).detail()).contains("one() of pods named web-a", "pod/chaos/web-a");
  }

  @Test
  void healFailsClearlyWhenNoReplacementBecomesReady() {
    Fixtures.pod(client, "web-a", "worker", "ReplicaSet", "rs-1", true);
    FaultHandle handle = Faults.podKill(Targets.bySelector("app=web")).recoverWithin(Duration.ofSeconds(1))
        .inject(scope());

    assertThatThrownBy(handle::close).isInstanceOf(ShakedownException.class)
        .hasMessageContaining("Pod chaos/web-a replaced by its ReplicaSet owner (1 Ready pods): not within PT1S; last seen: 0 are Ready");
    handle.close(); // a second close does not wait again
    assertThat(timeline.snapshot()).last().extracting(TimelineEvent::detail).asString().contains("FAILED");
  }

  @Test
  void aPodWithoutControllerHealsImmediately() {
    Fixtures.pod(client, "lonely", "worker", null, null, true);
    try (FaultHandle handle = Faults.podKill(Targets.pod("lonely")).inject(scope())) {
      assertThat(client.pods().inNamespace(Fixtures.NS).withName("lonely").get()).isNull();
    }
  }
}
