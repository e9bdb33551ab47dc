package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.junit.ChaosTest;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** On the real cluster: what a killed run left (its lease and namespace) is swept by the next run. */
@ChaosTest
class SweepIT {

  @Test
  void aDeadRunsNamespaceAndLeaseAreSwept(Cluster cluster) {
    RunIdentity self = RunIdentity.create();
    String deadRun = "19700101-000000-dead";
    String deadOwner = self.host() + "/2147483000/1";
    String namespace = "sd-killed-run-" + RunIdentity.randomSuffix(5);
    cluster.client().leases().inNamespace(RunLease.NAMESPACE).resource(new LeaseBuilder().withNewMetadata()
        .withName(RunLease.name(deadRun)).addToLabels(ShakedownLabels.RUN_LEASE, "true")
        .addToLabels(ShakedownLabels.RUN, deadRun).endMetadata().withNewSpec().withHolderIdentity(deadOwner)
        .withLeaseDurationSeconds(120).withRenewTime(ZonedDateTime.now(ZoneOffset.UTC)).endSpec().build()).create();
    cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
        .addToLabels(ShakedownLabels.MANAGED, "true").addToLabels(ShakedownLabels.RUN, deadRun).endMetadata().build())
        .create();

    List<String> actions = new Sweeper(cluster, self, Duration.ofMinutes(1)).sweep();

    assertThat(actions).contains("deleted lease of dead run " + deadRun,
        "deleted namespace/" + namespace + " of run " + deadRun);
    assertThat(cluster.client().leases().inNamespace(RunLease.NAMESPACE).withName(RunLease.name(deadRun)).get()).isNull();
    Awaitility.await("namespace/" + namespace + " deleted by the sweep").atMost(Duration.ofMinutes(2))
        .until(() -> cluster.client().namespaces().withName(namespace).get() == null);
  }
}
