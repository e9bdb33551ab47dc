package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContextGuardTest {

  @Test
  void allowsKindContextsByDefault() {
    ContextGuard guard = ContextGuard.allowing(null);
    assertThat(guard.globs()).containsExactly("kind-*");
    assertThat(guard.allows("kind-shakedown")).isTrue();
    assertThat(guard.allows("kind-")).isTrue();
    assertThat(guard.allows("kind")).isFalse();
    assertThat(guard.allows("prod-kind-shakedown")).isFalse();
    assertThat(guard.allows(null)).isFalse();
  }

  @Test
  void refusalNamesTheContextTheAllowListAndHowToAllowIt() {
    assertThatThrownBy(() -> ContextGuard.allowing("").check("gke_prod_europe"))
        .isInstanceOf(ContextRefusedException.class)
        .hasMessageContaining("'gke_prod_europe'")
        .hasMessageContaining("allowed: kind-*")
        .hasMessageContaining("-Dshakedown.allowedContexts=gke_prod_europe")
        .hasMessageContaining("SHAKEDOWN_ALLOWED_CONTEXTS=gke_prod_europe")
        .extracting(e -> ((ContextRefusedException) e).context()).isEqualTo("gke_prod_europe");
  }

  @Test
  void extraGlobsExtendTheDefault() {
    ContextGuard guard = ContextGuard.allowing(" minikube , k3d-*,dev-cluster-?, kind-* ");
    assertThat(guard.globs()).containsExactly("kind-*", "minikube", "k3d-*", "dev-cluster-?");
    assertThat(guard.allows("minikube")).isTrue();
    assertThat(guard.allows("k3d-test")).isTrue();
    assertThat(guard.allows("dev-cluster-1")).isTrue();
    assertThat(guard.allows("dev-cluster-10")).isFalse();
    assertThatCode(() -> guard.check("kind-other")).doesNotThrowAnyException();
  }

  @Test
  void regexCharactersInGlobsAreLiteral() {
    ContextGuard guard = ContextGuard.allowing("arn:aws:eks:eu-west-1:123:cluster/chaos.test");
    assertThat(guard.allows("arn:aws:eks:eu-west-1:123:cluster/chaos.test")).isTrue();
    assertThat(guard.allows("arn:aws:eks:eu-west-1:123:cluster/chaosXtest")).isFalse();
  }
}
