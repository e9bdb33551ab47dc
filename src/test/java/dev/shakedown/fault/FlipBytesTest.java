package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.history.Timeline;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class FlipBytesTest {

  KubernetesClient client;

  @Test
  void offsetsAreDistinctSortedInRangeAndReplayableFromTheSeed() {
    FlipBytes flip = Faults.flipBytes(VolumeFile.path("data-pg-0", "f")).bytes(16).within(8192, 16384);
    List<Long> first = flip.offsets(new Random(42), 90_112, "f");
    assertThat(first).hasSize(16).doesNotHaveDuplicates().isSorted().allMatch(o -> o >= 8192 && o < 16384);
    assertThat(flip.offsets(new Random(42), 90_112, "f")).isEqualTo(first);
    assertThat(flip.offsets(new Random(43), 90_112, "f")).isNotEqualTo(first);
  }

  @Test
  void aFileTooSmallForTheFlipsIsATargetError() {
    FlipBytes flip = Faults.flipBytes(VolumeFile.path("data-pg-0", "f")).bytes(8);
    assertThatThrownBy(() -> flip.offsets(new Random(1), 4, "file f of claim data-pg-0"))
        .isInstanceOf(TargetException.class).hasMessageContaining("the file has only 4 bytes");
    assertThatThrownBy(() -> flip.bytes(0)).isInstanceOf(TargetException.class);
    assertThatThrownBy(() -> flip.within(10, 10)).isInstanceOf(TargetException.class);
  }

  @Test
  void volumeFaultsValidateTheirTargetsUpFront() {
    assertThatThrownBy(() -> VolumeFile.path("data-pg-0", "../../etc/shadow")).isInstanceOf(TargetException.class);
    assertThatThrownBy(() -> VolumeFile.matching("data-pg-0", "/abs/*")).isInstanceOf(TargetException.class);
    assertThatThrownBy(() -> Faults.truncateFile(VolumeFile.path("c", "f")).toSize(-1))
        .isInstanceOf(TargetException.class);
    assertThat(Faults.flipBytes(VolumeFile.matching("data-kv-0", "*")).bytes(2))
        .hasToString("flip-bytes(2) of a file matching * of claim data-kv-0");
  }

  @Test
  void aMissingClaimFailsBeforeTouchingAnyNode() {
    FaultScope scope = new FaultScope(client, "chaos", new Timeline(), new Random(1), null);
    assertThatThrownBy(() -> Faults.deleteFile(VolumeFile.path("data-pg-0", "f")).inject(scope))
        .isInstanceOf(TargetException.class).hasMessage("PersistentVolumeClaim chaos/data-pg-0 not found");
    assertThatThrownBy(() -> Faults.wipeVolume("data-pg-0").inject(scope))
        .isInstanceOf(TargetException.class).hasMessage("PersistentVolumeClaim chaos/data-pg-0 not found");
  }
}
