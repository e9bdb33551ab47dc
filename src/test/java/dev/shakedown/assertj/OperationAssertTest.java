package dev.shakedown.assertj;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.assertj.ShakedownAssertions.assertThatThrownBy;

import dev.shakedown.history.Operation;
import dev.shakedown.history.Operation.Type;
import org.junit.jupiter.api.Test;

class OperationAssertTest {

  private static final Operation INVOKE = new Operation(6, 2, Type.INVOKE, "write", "5", 100L, null, null);
  private static final Operation OK = new Operation(7, 2, Type.OK, "write", "5", 200L, "web-0", null);
  private static final Operation FAIL =
      new Operation(8, 3, Type.FAIL, "read", null, 300L, "web-1", "connection refused");
  private static final Operation INFO = new Operation(9, 4, Type.INFO, "write", "6", 400L, null, "read timed out");

  @Test
  void isOkPassesOnOkAndFailsNamingTheOperation() {
    assertThat(OK).isOk();
    assertThatThrownBy(() -> assertThat(FAIL).isOk()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected type OK but was FAIL")
        .hasMessageContaining("operation #8 (process 3, read FAIL")
        .hasMessageContaining("error \"connection refused\"");
  }

  @Test
  void isFailPassesOnFailAndFailsOnOk() {
    assertThat(FAIL).isFail();
    assertThatThrownBy(() -> assertThat(OK).isFail()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected type FAIL but was OK")
        .hasMessageContaining("operation #7 (process 2, write OK");
  }

  @Test
  void isInfoPassesOnInfoAndFailsOnFail() {
    assertThat(INFO).isInfo();
    assertThatThrownBy(() -> assertThat(FAIL).isInfo()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected type INFO but was FAIL");
  }

  @Test
  void isInvokePassesOnInvokeAndFailsOnACompletion() {
    assertThat(INVOKE).isInvoke();
    assertThatThrownBy(() -> assertThat(INFO).isInvoke()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected type INVOKE but was INFO")
        .hasMessageContaining("error \"read timed out\"");
  }

  @Test
  void hasFunctionComparesTheFunction() {
    assertThat(OK).hasFunction("write");
    assertThatThrownBy(() -> assertThat(OK).hasFunction("read")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected function read but was write")
        .hasMessageContaining("operation #7");
  }

  @Test
  void hasValueComparesTheValueIncludingAnAbsentOne() {
    assertThat(OK).hasValue("5");
    assertThat(FAIL).hasValue(null);
    assertThatThrownBy(() -> assertThat(OK).hasValue("6")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected value 6 but was 5");
    assertThatThrownBy(() -> assertThat(FAIL).hasValue("5")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected value 5 but was null");
  }

  @Test
  void wasServedByComparesTheServingPod() {
    assertThat(OK).wasServedBy("web-0");
    assertThatThrownBy(() -> assertThat(OK).wasServedBy("web-1")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("served by web-1 but it was served by web-0");
    assertThatThrownBy(() -> assertThat(INFO).wasServedBy("web-0")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("it was served by null");
  }

  @Test
  void hasErrorContainingMatchesAFragmentAndFailsWithoutAnError() {
    assertThat(FAIL).hasErrorContaining("refused");
    assertThatThrownBy(() -> assertThat(FAIL).hasErrorContaining("timed out")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected an error containing \"timed out\"")
        .hasMessageContaining("error \"connection refused\"");
    assertThatThrownBy(() -> assertThat(OK).hasErrorContaining("refused")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("error none");
  }

  @Test
  void assertionsChainAndANullOperationFails() {
    assertThat(OK).isOk().hasFunction("write").hasValue("5").wasServedBy("web-0");
    assertThatThrownBy(() -> assertThat((Operation) null).isOk()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }

  @Test
  void hasErrorContainingAnyOfPassesOnOneFragmentAndFailsOnNone() {
    Operation failed = new Operation(3, 1, Operation.Type.FAIL, "read", null, 0, null, "ERROR: invalid page in block 0");
    assertThat(failed).hasErrorContainingAnyOf("checksum", "invalid page");
    assertThatThrownBy(() -> assertThat(failed).hasErrorContainingAnyOf("checksum", "crc"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("any of [checksum, crc]");
  }
}
