package dev.shakedown.maintenance;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KubernetesUpgradeTest {

  @Test
  void theNextMinorIsAcceptedAndAnythingElseIsOneClearLine() {
    assertThatCode(() -> KubernetesUpgrade.requireNextMinor("v1.34.4", "v1.35.4")).doesNotThrowAnyException();
    assertThatCode(() -> KubernetesUpgrade.requireNextMinor("v1.34.4+shakedown", "v1.35.0")).doesNotThrowAnyException();
    assertThatThrownBy(() -> KubernetesUpgrade.requireNextMinor("v1.34.4", "v1.36.1"))
        .hasMessage("upgrade target v1.36.1 is not exactly one minor above the cluster's v1.34.4 (kubeadm upgrades one "
            + "minor at a time): give a v1.35.x version");
    assertThatThrownBy(() -> KubernetesUpgrade.requireNextMinor("v1.34.4", "v1.34.5"))
        .hasMessageContaining("not exactly one minor above");
    assertThatThrownBy(() -> KubernetesUpgrade.to("1.35")).hasMessage("upgrade target '1.35' is not a version like "
        + "v1.35.4");
  }
}
