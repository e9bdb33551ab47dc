package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunIdentityTest {

  private final RunIdentity self = RunIdentity.create();

  @Test
  void runIdIsAValidLabelValue() {
    assertThat(self.runId()).matches("\\d{8}-\\d{6}-[a-z0-9]{4}");
    assertThat(RunIdentity.create().runId()).isNotEqualTo(self.runId());
  }

  @Test
  void thisProcessIsAlive() {
    assertThat(self.ownerAlive(self.owner())).contains(true);
  }

  @Test
  void aDeadProcessOnThisHostIsNotAlive() {
    assertThat(self.ownerAlive(self.host() + "/2147483000/12345")).contains(false);
  }

  @Test
  void aReusedPidWithAnotherStartTimeIsNotAlive() {
    assertThat(self.ownerAlive(self.host() + "/" + self.pid() + "/" + (self.startMillis() - 60_000))).contains(false);
  }

  @Test
  void anotherHostOrGarbageCannotBeJudged() {
    assertThat(self.ownerAlive("elsewhere/1/1")).isEmpty();
    assertThat(self.ownerAlive("garbage")).isEmpty();
    assertThat(self.ownerAlive(null)).isEmpty();
  }
}
