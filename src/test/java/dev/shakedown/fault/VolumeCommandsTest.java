package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolumeCommandsTest {

  @Test
  void acceptsPlainRelativePaths() {
    assertThat(VolumeCommands.relative("pgdata/base/5/16385", "path")).isEqualTo("pgdata/base/5/16385");
    assertThat(VolumeCommands.relative("./kv-key", "path")).isEqualTo("kv-key");
    assertThat(VolumeCommands.relative("pgdata/base/*/1*", "glob")).isEqualTo("pgdata/base/*/1*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "/etc/passwd", "../other-claim/x", "a/../../b", "a//b", "a/./b", "a/", "a\nb"})
  void refusesPathsThatLeaveTheVolumeOrAreAmbiguous(String path) {
    assertThatThrownBy(() -> VolumeCommands.relative(path, "path")).isInstanceOf(TargetException.class)
        .hasMessageStartingWith("path");
  }

  @Test
  void quotesForTheShell() {
    assertThat(VolumeCommands.quote("/v/it's here")).isEqualTo("'/v/it'\\''s here'");
  }

  @Test
  void probeDistinguishesFileDirectoryAndMissing() {
    String script = VolumeCommands.probe("/var/lp/pv_ns_c/f")[2];
    assertThat(VolumeCommands.probe("/x")).startsWith("sh", "-c");
    assertThat(script).contains("[ -f '/var/lp/pv_ns_c/f' ]", "stat -c %s '/var/lp/pv_ns_c/f'", "echo dir",
        "echo missing");
  }

  @Test
  void readsAndWritesSingleBytesAtOffsets() {
    assertThat(VolumeCommands.readBytes("/v/f", List.of(3L, 8192L))[2])
        .isEqualTo("for o in 3 8192; do od -An -tu1 -v -j \"$o\" -N 1 '/v/f'; done");
    Map<Long, Integer> bytes = new LinkedHashMap<>();
    bytes.put(9L, 255);
    bytes.put(2L, 1);
    assertThat(VolumeCommands.writeBytes("/v/f", bytes)[2]).isEqualTo(
        "printf '\\001' | dd of='/v/f' bs=1 seek=2 count=1 conv=notrunc,fsync status=none && "
            + "printf '\\377' | dd of='/v/f' bs=1 seek=9 count=1 conv=notrunc,fsync status=none");
  }

  @Test
  void parsesOdOutputStrictly() {
    assertThat(VolumeCommands.parseBytes("   1\n 255\n   0\n", 3)).containsExactly(1, 255, 0);
    assertThatThrownBy(() -> VolumeCommands.parseBytes(" 1\n", 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 2 byte values");
  }

  @Test
  void otherCommandsTakeThePathAsOneArgument() {
    assertThat(VolumeCommands.truncate("/v/a b", 0)).containsExactly("truncate", "-s", "0", "--", "/v/a b");
    assertThat(VolumeCommands.delete("/v/a b")).containsExactly("rm", "-f", "--", "/v/a b");
    assertThat(VolumeCommands.find("/v", "pgdata/base/*")).containsExactly("find", "/v", "-type", "f", "-path",
        "/v/pgdata/base/*");
    assertThat(VolumeCommands.wipe("/v")).containsExactly("find", "/v", "-mindepth", "1", "-delete");
    assertThat(VolumeCommands.lines("/v/b\n\n/v/a\n")).containsExactly("/v/a", "/v/b");
  }
}
