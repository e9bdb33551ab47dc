package dev.shakedown.fault;

import static dev.shakedown.fault.PodShell.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.cluster.NodeResidue;
import dev.shakedown.internal.Waits;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.workload.Workloads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A full volume on kind: a pod whose {@code mem} volume is a 64 MiB memory-backed emptyDir cannot write once it is
 * filled and can again after the heal (or after the sweep, for a killed run's filler); a volume on the node's own
 * filesystem is refused, naming why.
 */
@ChaosTest
class FillVolumeIT {

  /** Writes 1 MiB and deletes it again, so the probe itself never holds space. */
  private static final String WRITE = "head -c 1048576 /dev/zero > /mem/probe 2>&1 && echo written || echo failed;"
      + " rm -f /mem/probe";

  @Test
  void aFilledVolumeRefusesWritesUntilHealedAndTheNodesDiskIsNeverTouched(ScenarioContext ctx) {
    Pod pod = pod(ctx);
    assertThat(exec(ctx, pod, "sh", "-c", WRITE)).contains("written");

    long t0 = System.nanoTime();
    FaultHandle full = Faults.fillVolume(Targets.pod("filler"), "mem").inject(ctx);
    long injected = System.nanoTime();
    assertThat(exec(ctx, pod, "sh", "-c", WRITE)).as("a 1 MiB write into the full volume")
        .contains("failed");
    assertThat(exec(ctx, pod, "df", "-B1", "--output=avail", "/mem")).containsPattern("\\n\\s*[0-9]{1,4}\\s*$");
    long h0 = System.nanoTime();
    full.close();
    long healed = System.nanoTime();
    assertThat(exec(ctx, pod, "sh", "-c", WRITE)).contains("written");
    System.out.printf("MEASURE fill-volume (64 MiB tmpfs): inject %d ms, heal %d ms%n", (injected - t0) / 1_000_000,
        (healed - h0) / 1_000_000);

    assertThatThrownBy(() -> Faults.fillVolume(Targets.pod("filler"), "disk").inject(ctx))
        .isInstanceOf(TargetException.class).hasMessageContaining("volume disk is not a filesystem of its own")
        .hasMessageContaining("medium: Memory");
    assertThatThrownBy(() -> Faults.fillVolume(Targets.pod("filler"), "nope").inject(ctx))
        .isInstanceOf(TargetException.class).hasMessageContaining("has no volume nope; its volumes: [mem, disk");
    assertThatThrownBy(() -> Faults.fillVolume(Targets.pod("filler"), "mem").leaving(-1))
        .hasMessage("bytes left free must be >= 0, was -1");

    Faults.fillVolume(Targets.pod("filler"), "mem").leaving(4096).inject(FaultScope.of(ctx));   // never healed
    assertThat(exec(ctx, pod, "sh", "-c", WRITE)).contains("failed");
    var node = ctx.cluster().node(pod.getSpec().getNodeName());
    assertThat(NodeResidue.restore(node)).anyMatch(l -> l.startsWith("deleted volume filler "));
    assertThat(exec(ctx, pod, "sh", "-c", WRITE)).as("after the sweep's restore").contains("written");
  }

  private static Pod pod(ScenarioContext ctx) {
    ctx.client().pods().inNamespace(ctx.namespace()).resource(new PodBuilder().withNewMetadata().withName("filler")
        .endMetadata().withNewSpec().addNewContainer().withName("main").withImage(Workloads.DEFAULT_IMAGE)
        .withImagePullPolicy("IfNotPresent").addNewVolumeMount().withName("mem").withMountPath("/mem").endVolumeMount()
        .addNewVolumeMount().withName("disk").withMountPath("/disk").endVolumeMount().endContainer()
        .addNewVolume().withName("mem").withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity("64Mi"))
        .endEmptyDir().endVolume()
        .addNewVolume().withName("disk").withNewEmptyDir().endEmptyDir().endVolume().endSpec().build()).create();
    return Waits.until("pod filler Running", Duration.ofMinutes(2), Waits.POLL,
        () -> ctx.client().pods().inNamespace(ctx.namespace()).withName("filler").get(),
        p -> p != null && "Running".equals(p.getStatus().getPhase()));
  }
}
