package dev.shakedown.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.shakedown.cluster.Cluster;
import dev.shakedown.cluster.Node;
import dev.shakedown.scenario.ScenarioContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** On the real cluster: a test that leaves a worker paused fails, and the harness unpauses it. */
@ChaosTest
class ResidueIT {

  @Test
  void aTestThatLeavesAWorkerPausedFailsAndTheWorkerIsRestored(Cluster cluster) {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(LeavesWorkerPaused.class)).execute().testEvents()
        .assertThatEvents().haveExactly(1, event(test("pausesAndForgets"), finishedWithFailure(
            instanceOf(ResidueException.class),
            message(m -> m.contains("container is paused, expected running (paused by this run)")
                && m.contains("the harness has restored these nodes")))));

    Node worker = cluster.workers().get(0);
    assertThat(worker.isPaused()).isFalse();
    worker.awaitReady(Duration.ofMinutes(1));
  }

  /** Run only through the test kit (failsafe skips nested classes). */
  @ChaosTest
  static class LeavesWorkerPaused {
    @Test
    void pausesAndForgets(ScenarioContext ctx) {
      ctx.cluster().workers().get(0).pause();
    }
  }
}
