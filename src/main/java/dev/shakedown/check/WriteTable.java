package dev.shakedown.check;

import dev.shakedown.workload.Operation;

/**
 * Open-addressing table of written values for {@link WriteSetScanner}: one slot per distinct value.
 * Read values are looked up by region of the joined read, so checking a final read of a million values
 * allocates nothing for the values that match. Each slot keeps its hash and counters side by side in
 * one {@code int[]} and its value and completion side by side in one {@code Object[]}: one probe touches
 * few cache lines, and a slot whose hash differs is skipped without reading its key.
 */
final class WriteTable {

  private static final int HASH = 0;
  private static final int PRESENT = 1;
  private static final int LAST_READ = 2; // read number + 1; 0 = not seen yet
  private static final int INTS = 3;

  private Object[] entries; // value, completion
  private int[] meta; // hash, present-in-reads, last read seen
  private int mask;
  private int size;

  WriteTable(int expected) {
    allocate(Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1);
  }

  private void allocate(int capacity) {
    entries = new Object[capacity * 2];
    meta = new int[capacity * INTS];
    mask = capacity - 1;
  }

  int size() { return size; }

  int capacity() { return mask + 1; }

  /** The slot of {@code value}, added if absent. */
  int slotOf(String value) {
    int hash = value.hashCode();
    int slot = spread(hash) & mask;
    for (Object key; (key = entries[slot * 2]) != null; slot = (slot + 1) & mask) {
      if (key == value || meta[slot * INTS + HASH] == hash && key.equals(value)) {
        return slot;
      }
    }
    entries[slot * 2] = value;
    meta[slot * INTS + HASH] = hash;
    if (++size * 2 > capacity()) {
      grow();
      return slotOf(value);
    }
    return slot;
  }

  /** The slot of the value spelled by {@code text[start, end)}, or -1; hashes like {@link String#hashCode}. */
  int find(String text, int start, int end) {
    int hash = 0;
    for (int i = start; i < end; i++) {
      hash = 31 * hash + text.charAt(i);
    }
    int length = end - start;
    for (int slot = spread(hash) & mask; entries[slot * 2] != null; slot = (slot + 1) & mask) {
      if (meta[slot * INTS + HASH] == hash) {
        String key = (String) entries[slot * 2];
        if (key.length() == length && key.regionMatches(0, text, start, length)) {
          return slot;
        }
      }
    }
    return -1;
  }

  /** The value of {@code slot}, or {@code null} for an empty slot. */
  String value(int slot) { return (String) entries[slot * 2]; }

  Operation completion(int slot) { return (Operation) entries[slot * 2 + 1]; }

  /** Records a completion; an OK is kept over any other outcome of the same value. */
  void complete(int slot, Operation completion) {
    Operation previous = completion(slot);
    if (previous == null || !previous.isOk()) {
      entries[slot * 2 + 1] = completion;
    }
  }

  int presentInReads(int slot) { return meta[slot * INTS + PRESENT]; }

  /** Marks the value seen in read {@code readNumber}; false if that read already had it (a duplicate). */
  boolean markSeen(int slot, int readNumber) {
    int at = slot * INTS;
    if (meta[at + LAST_READ] == readNumber + 1) {
      return false;
    }
    meta[at + LAST_READ] = readNumber + 1;
    meta[at + PRESENT]++;
    return true;
  }

  private void grow() {
    Object[] oldEntries = entries;
    int[] oldMeta = meta;
    allocate(capacity() * 2);
    for (int old = 0; old < oldEntries.length / 2; old++) {
      if (oldEntries[old * 2] != null) {
        int slot = spread(oldMeta[old * INTS + HASH]) & mask;
        while (entries[slot * 2] != null) {
          slot = (slot + 1) & mask;
        }
        System.arraycopy(oldEntries, old * 2, entries, slot * 2, 2);
        System.arraycopy(oldMeta, old * INTS, meta, slot * INTS, INTS);
      }
    }
  }

  private static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
