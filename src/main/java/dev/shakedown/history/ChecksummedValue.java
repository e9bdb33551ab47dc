package dev.shakedown.history;

import dev.shakedown.ShakedownException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A written value that proves its own integrity: {@code <id>:<payload>:<crc32>}, where the checksum is
 * the CRC-32 of the UTF-8 bytes of {@code <id>:<payload>}, as eight lower-case hex digits. Clients write
 * {@link #encode()}d values; {@link Checkers#noLostWrites()} reports a read value that does not
 * {@link #verify} as corrupt.
 *
 * <p>The id must be unique per write and contain neither {@code :} nor {@code ,}; the payload must not
 * contain {@code ,} (final reads join values with {@code ,}).
 *
 * @param id unique id of the write, e.g. {@code "p3-1042"}
 * @param payload arbitrary text carried by the write
 */
public record ChecksummedValue(String id, String payload) {

  private static final int HEX_DIGITS = 8;

  public ChecksummedValue {
    if (id == null || id.isEmpty() || id.indexOf(':') >= 0 || id.indexOf(',') >= 0) {
      throw new ShakedownException("checksummed value id must be non-empty without ':' or ',': " + id);
    }
    if (payload == null || payload.indexOf(',') >= 0) {
      throw new ShakedownException("checksummed value payload must be non-null without ',': " + payload);
    }
  }

  /** Shorthand for {@code new ChecksummedValue(id, payload).encode()}. */
  public static String encode(String id, String payload) {
    return new ChecksummedValue(id, payload).encode();
  }

  /** The wire form {@code <id>:<payload>:<crc32>}. */
  public String encode() {
    String body = id + ':' + payload;
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    String hex = Long.toHexString(crc.getValue());
    return body + ':' + "0".repeat(HEX_DIGITS - hex.length()) + hex;
  }

  /** Whether {@code encoded} is well formed and its checksum matches; never throws. */
  public static boolean verify(String encoded) {
    if (encoded == null) {
      return false;
    }
    byte[] bytes = encoded.getBytes(StandardCharsets.UTF_8);
    int checksumColon = bytes.length - HEX_DIGITS - 1;
    if (checksumColon < 2 || bytes[checksumColon] != ':' || indexOfColon(bytes, checksumColon) <= 0) {
      return false;
    }
    long expected = 0;
    for (int i = checksumColon + 1; i < bytes.length; i++) {
      int digit = Character.digit(bytes[i], 16);
      if (digit < 0 || Character.isUpperCase(bytes[i])) {
        return false;
      }
      expected = (expected << 4) | digit;
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, checksumColon);
    return crc.getValue() == expected;
  }

  /** Parses and verifies {@code encoded}; throws {@link ShakedownException} when it does not verify. */
  public static ChecksummedValue decode(String encoded) {
    if (!verify(encoded)) {
      throw new ShakedownException("not a valid checksummed value <id>:<payload>:<crc32>: " + encoded);
    }
    int firstColon = encoded.indexOf(':');
    int checksumColon = encoded.length() - HEX_DIGITS - 1;
    return new ChecksummedValue(encoded.substring(0, firstColon), encoded.substring(firstColon + 1, checksumColon));
  }

  private static int indexOfColon(byte[] bytes, int before) {
    for (int i = 0; i < before; i++) {
      if (bytes[i] == ':') {
        return i;
      }
    }
    return -1;
  }
}
