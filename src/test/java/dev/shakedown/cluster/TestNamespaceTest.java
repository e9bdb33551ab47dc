package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class TestNamespaceTest {

  static KubernetesClient client;

  private static final String DNS_1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

  @Test
  void nameIsSdSlugAndRandomSuffix() {
    String name = TestNamespace.name("podKill_survives Primary-Loss()", new Random(1));
    assertThat(name).matches("sd-podkill-survives-primary-loss-[a-z0-9]{5}").matches(DNS_1123_LABEL);
  }

  @Test
  void longNamesAreCutToALabelOf63Characters() {
    String name = TestNamespace.name("a".repeat(40) + "_" + "b".repeat(40), new Random(2));
    assertThat(name).hasSizeLessThanOrEqualTo(63).startsWith("sd-aaaa").matches(DNS_1123_LABEL);
    String cutAtDash = TestNamespace.name("x".repeat(51) + "-yyyyy", new Random(3));
    assertThat(cutAtDash).matches(DNS_1123_LABEL).doesNotContain("--");
  }

  @Test
  void nameWithoutUsableCharactersIsStillValid() {
    assertThat(TestNamespace.name("测试()", new Random(4))).matches("sd-[a-z0-9]{5}");
  }

  @Test
  void namesDiffer() {
    Random random = new Random();
    assertThat(TestNamespace.name("t", random)).isNotEqualTo(TestNamespace.name("t", random));
  }

  @Test
  void createLabelsTheNamespaceSoItCanBeSwept() {
    RunIdentity run = RunIdentity.create();
    TestNamespace ns = TestNamespace.create(client, "createLabels", run);

    Namespace created = client.namespaces().withName(ns.name()).get();
    assertThat(created.getMetadata().getLabels())
        .containsEntry(ShakedownLabels.RUN, run.runId())
        .containsEntry(ShakedownLabels.MANAGED, "true")
        .containsEntry(ShakedownLabels.TEST, "createlabels");
    assertThat(created.getMetadata().getAnnotations()).containsEntry(ShakedownLabels.OWNER, run.owner());

    ns.close();
    ns.close();
    ns.awaitGone(Duration.ofSeconds(5));
    assertThat(ns.exists()).isFalse();
  }

  @Test
  void awaitGoneNamesTheNamespaceAndTimeout() {
    TestNamespace ns = TestNamespace.create(client, "stays", RunIdentity.create());
    assertThatThrownBy(() -> ns.awaitGone(Duration.ofMillis(600)))
        .isInstanceOf(ShakedownException.class)
        .hasMessageContaining("namespace/" + ns.name())
        .hasMessageContaining("PT0.6S")
        .hasMessageContaining("not within PT0.6S; last seen: it still exists");
    ns.close();
  }
}
