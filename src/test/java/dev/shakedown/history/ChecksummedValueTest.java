package dev.shakedown.history;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.assertj.ShakedownAssertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksummedValueTest {

  @Test
  void encodesIdPayloadAndEightHexDigitCrc32() {
    // the same CRC-32 as zlib's crc32(b"a:b"), so clients in any language can produce values
    assertThat(ChecksummedValue.encode("a", "b")).isEqualTo("a:b:3041a608");
    assertThat(ChecksummedValue.encode("k1", "")).isEqualTo("k1::bb9223d3");
  }

  @Test
  void roundTripsThroughVerifyAndDecode() {
    String encoded = ChecksummedValue.encode("p3-1042", "héllo:with:colons");

    assertThat(ChecksummedValue.verify(encoded)).isTrue();
    assertThat(ChecksummedValue.decode(encoded)).isEqualTo(new ChecksummedValue("p3-1042", "héllo:with:colons"));
  }

  @Test
  void rejectsATamperedPayloadOrChecksum() {
    String encoded = ChecksummedValue.encode("w1", "payload");
    String tamperedPayload = encoded.replace("payload", "paylaod");
    char last = encoded.charAt(encoded.length() - 1);
    String tamperedChecksum = encoded.substring(0, encoded.length() - 1) + (last == '0' ? '1' : '0');

    assertThat(ChecksummedValue.verify(tamperedPayload)).isFalse();
    assertThat(ChecksummedValue.verify(tamperedChecksum)).isFalse();
    assertThatThrownBy(() -> ChecksummedValue.decode(tamperedPayload))
        .isInstanceOf(ShakedownException.class).hasMessageContaining(tamperedPayload);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "a:b", ":b:00000000", "a:b:0000000", "a:b:zzzzzzzz", "a:b:0000000000"})
  void rejectsMalformedValues(String malformed) {
    assertThat(ChecksummedValue.verify(malformed)).isFalse();
  }

  @Test
  void rejectsUpperCaseHexSoEveryValueHasOneSpelling() {
    String encoded = ChecksummedValue.encode("w1", "x");
    String upper = encoded.substring(0, 5) + encoded.substring(5).toUpperCase();

    assertThat(upper).isNotEqualTo(encoded);
    assertThat(ChecksummedValue.verify(upper)).isFalse();
    assertThat(ChecksummedValue.verify(null)).isFalse();
  }

  @Test
  void refusesIdsAndPayloadsThatWouldBreakTheFormat() {
    assertThatThrownBy(() -> new ChecksummedValue("a:b", "x")).isInstanceOf(ShakedownException.class);
    assertThatThrownBy(() -> new ChecksummedValue("", "x")).isInstanceOf(ShakedownException.class);
    assertThatThrownBy(() -> new ChecksummedValue("a", "x,y")).isInstanceOf(ShakedownException.class);
  }
}
