package dev.shakedown.check;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;

import dev.shakedown.history.ChecksummedValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataKeptTest {

  static final String KV0 = ChecksummedValue.encode("kv-0-marker", "a1");
  static final String KV1 = ChecksummedValue.encode("kv-1-marker", "b2");

  Verdict check(Map<String, String> before, Map<String, String> after) {
    return Checkers.dataKept().check(BeforeAfter.of(before, after));
  }

  @Test
  void everyReplicaReadingBackWhatItWasWrittenIsValid() {
    assertThat(check(Map.of("kv-0", KV0, "kv-1", KV1), Map.of("kv-0", KV0, "kv-1", KV1))).isValid();
  }

  @Test
  void aReplicaThatCameBackWithoutItsDataIsInvalidAndNamed() {
    Verdict verdict = check(Map.of("kv-0", KV0, "kv-1", KV1), Map.of("kv-0", KV0));

    assertThat(verdict).isInvalid();
    assertThat(verdict.summary()).isEqualTo("data-kept INVALID: data lost on [kv-1]");
    assertThat(verdict.count("lost")).isEqualTo(1);
  }

  @Test
  void aValueThatChangedOrNoLongerVerifiesIsInvalid() {
    String corrupted = KV1.substring(0, KV1.length() - 1) + (KV1.endsWith("0") ? "1" : "0");
    Verdict verdict = check(Map.of("kv-0", KV0, "kv-1", KV1), Map.of("kv-0", KV1, "kv-1", corrupted));

    assertThat(verdict).isInvalid();
    assertThat(verdict.count("changed")).isEqualTo(2);
    assertThat(verdict.summary()).contains("data changed on [kv-0 (wrote " + KV0);
  }

  @Test
  void nothingWrittenIsUnknownNotValid() {
    assertThat(check(Map.of(), Map.of()).status()).isEqualTo(Verdict.Status.UNKNOWN);
  }
}
