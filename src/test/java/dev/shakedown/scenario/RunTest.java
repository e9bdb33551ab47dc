package dev.shakedown.scenario;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.check.Verdict;
import dev.shakedown.client.Generators;
import dev.shakedown.client.Load;
import dev.shakedown.client.Result;
import dev.shakedown.cluster.Cluster;
import dev.shakedown.fault.Fault;
import dev.shakedown.fault.FaultHandle;
import dev.shakedown.fault.FaultScope;
import dev.shakedown.history.TimelineEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Run's lifecycle on an empty mock cluster (healthy: no nodes, no kube-system pods) with a fake client. */
@EnableKubernetesMockClient(crud = true)
class RunTest {

  static KubernetesClient client;

  final ScenarioContext ctx = ScenarioContext.of(Cluster.of(client, "kind-test", ""), "sd-run-abcde", 7);
  final List<String> steps = new ArrayList<>();

  Load load() {
    return Load.of("fake", op -> Result.ok()).rate(50).ops(Generators.uniqueWrites(1));
  }

  /** A fault that heals by recording it; mark the timeline as real faults do, so faults-healed can judge it. */
  Fault fault(String name) {
    return new Fault() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public FaultHandle inject(FaultScope scope) {
        steps.add("inject " + name);
        scope.timeline().markFault("inject", name, "");
        return new FaultHandle() {
          boolean healed;

          @Override
          public String fault() {
            return name;
          }

          @Override
          public List<String> targets() {
            return List.of("pod/x");
          }

          @Override
          public boolean isHealed() {
            return healed;
          }

          @Override
          public void close() {
            if (!healed) {
              healed = true;
              steps.add("heal " + name);
              scope.timeline().markFault("heal", name, "");
            }
          }
        };
      }
    };
  }

  @Test
  void stepsArePhasesHealIsNewestFirstAndTheVerdictKeepsItsOwnParts() {
    Run run = ctx.run(load()).holdUntilOk(5, Duration.ofSeconds(10));
    run.inject(fault("a")).inject(fault("b")).hold(Duration.ofMillis(50)).heal().recover(() -> steps.add("recover"));

    Verdict verdict = run.check(Checkers.noLostWrites().on(Facts::history));

    assertThat(steps).containsExactly("inject a", "inject b", "heal b", "heal a", "recover");
    assertThat(verdict.parts()).extracting(Verdict::checker)
        .containsExactly("no-lost-writes", "faults-healed", "steady-state");
    assertThat(verdict.part("faults-healed")).isValid();
    assertThat(verdict.part("steady-state")).isValid();
    assertThat(ctx.timeline().snapshot()).filteredOn(e -> e.source().equals("phase") && e.kind().equals("begin"))
        .extracting(TimelineEvent::subject)
        .containsSubsequence("load", "steady state", "hold", "inject", "inject", "hold", "heal", "recover", "verify");
    assertThat(run.loads().get(0).isRunning()).as("check stops the loads").isFalse();
  }

  @Test
  void checkHealsWhatIsStillInjected() {
    Run run = ctx.run(load());
    run.inject(fault("left-open"));

    Verdict verdict = run.check(Checkers.noLostWrites().on(Facts::history));

    assertThat(steps).containsExactly("inject left-open", "heal left-open");
    assertThat(verdict.part("faults-healed")).isValid();
  }

  @Test
  void badInputSaysWhatToCallInstead() {
    assertThatThrownBy(() -> ctx.run()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run needs at least one load");
    Run run = ctx.run(load());
    assertThatThrownBy(() -> run.hold(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hold must be positive, was PT0S; to heal at once, call heal() without a hold");
    assertThatThrownBy(() -> run.check()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("check needs at least one checker");
    run.check(Checkers.noLostWrites().on(Facts::history));
    assertThatThrownBy(() -> run.inject(fault("late"))).isInstanceOf(IllegalStateException.class)
        .hasMessage("inject after check: this run is judged; start another with ctx.run(...)");
  }
}
