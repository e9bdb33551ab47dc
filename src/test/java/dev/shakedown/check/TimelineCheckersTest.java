package dev.shakedown.check;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;

import dev.shakedown.history.Timeline;
import org.junit.jupiter.api.Test;

class TimelineCheckersTest {

  static final String PODS = "pod/ns/web-";

  static Timeline steadyWithThreeReady() {
    Timeline t = new Timeline();
    t.mark("phase", "begin").subject("steady").record();
    for (String pod : new String[] {"a", "b", "c"}) {
      t.mark("pod", "Ready").subject(PODS + pod).record();
    }
    t.mark("phase", "end").subject("steady").record();
    return t;
  }

  @Test
  void oneDisruptionAtATimeRespectsMinAvailableTwo() {
    Timeline t = steadyWithThreeReady();
    t.mark("pod", "Terminating").subject(PODS + "a").record();
    t.mark("pod", "Ready").subject(PODS + "d").record();
    t.mark("pod", "Terminating").subject(PODS + "b").record();
    t.mark("pod", "Ready").subject(PODS + "e").record();
    t.mark("phase", "begin").subject("verify").record();
    t.mark("pod", "DELETED").subject(PODS + "c").detail("teardown, after verify began").record();
    t.mark("pod", "DELETED").subject(PODS + "d").record();

    Verdict verdict = TimelineCheckers.minReady(PODS, 2).check(t);

    assertThat(verdict).isValid().hasCount("min-ready", 2).hasCount("min-available", 2).hasCount("changes", 4);
    assertThat(verdict.summary()).startsWith("min-ready pod/ns/web-* VALID: at least 2 Ready throughout (lowest 2");
  }

  @Test
  void twoPodsDownAtOnceBreaksTheBudgetAndSaysWhen() {
    Timeline t = steadyWithThreeReady();
    t.mark("pod", "Terminating").subject(PODS + "a").record();
    t.mark("pod", "NotReady").subject(PODS + "b").record();
    t.mark("pod", "Ready").subject(PODS + "b").record();

    Verdict verdict = TimelineCheckers.minReady(PODS, 2).check(t);

    assertThat(verdict).isInvalid().hasCount("min-ready", 1).hasDetail("time-below");
    assertThat(verdict.summary()).startsWith("min-ready pod/ns/web-* INVALID: only 1 Ready at +")
        .contains("(pod/ns/web-b NotReady), below 2;");
  }

  @Test
  void withoutASteadyPhaseThereIsNothingToJudge() {
    Timeline t = new Timeline();
    t.mark("pod", "Ready").subject(PODS + "a").record();
    assertThat(TimelineCheckers.minReady(PODS, 1).check(t)).isUnknown();
  }

  @Test
  void everyInjectHealedIsValid() {
    Timeline t = new Timeline();
    t.markFault("inject", "pod-kill", "one() -> [pod/ns/web-a]");
    t.markFault("heal", "pod-kill", "[pod/ns/web-a]");
    t.markFault("inject", "node-drain", "one() -> [node/w2]");
    t.markFault("heal", "node-drain", "[node/w2]");

    Verdict verdict = TimelineCheckers.faultsHealed().check(t);

    assertThat(verdict).isValid().hasCount("injected", 2).hasCount("healed", 2).hasCount("unhealed", 0);
    assertThat(verdict.summary()).isEqualTo("faults-healed VALID: 2 of 2 faults healed");
  }

  @Test
  void aFaultNeverHealedOrFailingToHealIsInvalid() {
    Timeline t = new Timeline();
    t.markFault("inject", "pod-kill", "one() -> [pod/ns/web-a]");
    t.markFault("heal", "pod-kill", "[pod/ns/web-a] FAILED: replacement not Ready within PT2M");
    t.markFault("inject", "node-stop", "one() -> [node/w3]");
    t.markFault("heal", "node-drain", "[node/w1] (no inject on this timeline: ignored)");

    Verdict verdict = TimelineCheckers.faultsHealed().check(t);

    assertThat(verdict).isInvalid().hasCount("healed", 0).hasCount("unhealed", 2).hasCount("failed-heals", 1);
    assertThat(verdict.summary()).startsWith("faults-healed INVALID: 0 of 2 faults healed; ")
        .contains("pod-kill heal failed: [pod/ns/web-a] FAILED: replacement not Ready within PT2M")
        .contains("node-stop one() -> [node/w3] never healed");
  }

  @Test
  void noFaultIsUnknown() {
    assertThat(TimelineCheckers.faultsHealed().check(new Timeline())).isUnknown();
  }
}
