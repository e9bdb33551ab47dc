package dev.shakedown.check;

import static dev.shakedown.history.Operation.Type.FAIL;
import static dev.shakedown.history.Operation.Type.INFO;
import static dev.shakedown.history.Operation.Type.OK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.history.Operation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutagesTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private final HistoryFixture h = new HistoryFixture();

  private List<Outages.Outage> outages() {
    return Outages.of(h.history().snapshot());
  }

  @Test
  void noFailuresNoOutage() {
    h.request(0, OK);
    h.at(SECOND).request(1, OK);

    assertThat(outages()).isEmpty();
    assertThat(Outages.of(List.of())).isEmpty();
  }

  @Test
  void anOutageRunsFromTheLastOkBeforeToTheFirstOkAfter() {
    Operation lastOk = h.at(SECOND).request(0, OK);
    Operation firstFailure = h.at(2 * SECOND).request(0, FAIL);
    h.at(3 * SECOND).request(0, FAIL);
    Operation nextOk = h.at(5 * SECOND).request(0, OK);
    h.at(6 * SECOND).request(0, OK);

    assertThat(outages()).containsExactly(
        new Outages.Outage(firstFailure, lastOk.nanos(), nextOk.nanos(), true));
    assertThat(outages().get(0).length()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void anOutageStillRunningAtTheEndRunsToTheLastCompletion() {
    Operation lastOk = h.at(SECOND).request(0, OK);
    Operation firstFailure = h.at(2 * SECOND).request(0, FAIL);
    h.at(3 * SECOND).op(1, Operation.Type.INVOKE, "get", null);
    Operation last = h.at(4 * SECOND).request(0, INFO);

    assertThat(outages()).containsExactly(new Outages.Outage(firstFailure, lastOk.nanos(), last.nanos(), false));
  }

  @Test
  void failAndInfoBothCount() {
    Operation first = h.at(0).request(0, OK);
    Operation info = h.at(SECOND).request(0, INFO);
    Operation ok = h.at(2 * SECOND).request(0, OK);
    Operation fail = h.at(3 * SECOND).request(0, FAIL);
    h.at(4 * SECOND).request(0, OK);

    assertThat(outages()).extracting(Outages.Outage::firstFailure).containsExactly(info, fail);
    assertThat(outages()).extracting(Outages.Outage::fromNanos).containsExactly(first.nanos(), ok.nanos());
    assertThat(outages()).allMatch(Outages.Outage::ended);
  }
}
