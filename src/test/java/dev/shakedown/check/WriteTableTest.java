package dev.shakedown.check;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;

import dev.shakedown.history.Operation;
import org.junit.jupiter.api.Test;

class WriteTableTest {

  @Test
  void numbersValuesInOrderAndFindsThemByRegionAcrossGrowth() {
    WriteTable table = new WriteTable(1);
    for (int i = 0; i < 1_000; i++) {
      assertThat(table.numberOf("v" + i + "-é")).isEqualTo(i);
    }
    String joined = "v7-é,v999-é,nope,v1000-é";

    assertThat(table.size()).isEqualTo(1_000);
    assertThat(table.numberOf(new String("v7-é"))).isEqualTo(7);
    assertThat(table.find(joined, 0, 4)).isEqualTo(7);
    assertThat(table.value(table.find(joined, 5, 11))).isEqualTo("v999-é");
    assertThat(table.find(joined, 12, 16)).isEqualTo(-1);
    assertThat(table.find(joined, 17, joined.length())).isEqualTo(-1);
  }

  @Test
  void keepsAnOkCompletionAndCountsEachReadOnce() {
    WriteTable table = new WriteTable(4);
    int number = table.numberOf("a");
    Operation ok = new Operation(1, 0, Operation.Type.OK, "write", "a", 1, null, null);
    table.complete(number, ok);
    table.complete(number, new Operation(2, 0, Operation.Type.INFO, "write", "a", 2, null, "timeout"));

    assertThat(table.completion(number)).isEqualTo(ok);
    assertThat(table.markSeen(number, 0)).isTrue();
    assertThat(table.markSeen(number, 0)).isFalse();
    assertThat(table.markSeen(number, 1)).isTrue();
    assertThat(table.presentInReads(number)).isEqualTo(2);
  }
}
