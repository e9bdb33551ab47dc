package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import dev.shakedown.check.AvailabilityThresholds;
import dev.shakedown.check.Checkers;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.HttpService;
import dev.shakedown.web.WebClient;
import org.junit.jupiter.api.Test;

/** The README's tutorial, verbatim (ReadmeTutorialTest keeps the two the same). */
// tutorial:begin
@ChaosTest
class MyServiceSurvivesPodKillScenario {

  @Test
  void survivesAPodKill(ScenarioContext ctx) {
    HttpService web = ctx.deploy(HttpService.of(ctx).replicas(3));     // steady: watches, deploy, Ready
    Run run = ctx.run(WebClient.load(ctx, web).rate(20));               // load: every request recorded
    run.inject(Faults.podKill(Targets.pods(web).one()))                 // a seeded pod, SIGKILLed
        .hold(ofSeconds(10))                                            // while the load runs
        .heal()                                                         // the replacement is Ready
        .recover(() -> web.awaitReady(ofMinutes(2)));
    assertThat(run.check(Checkers.availability(AvailabilityThresholds.none()
        .minSuccessRatio(0.98).maxOutage(ofSeconds(2))))).isValid();    // + faults healed, steady state after
  }
}
// tutorial:end
