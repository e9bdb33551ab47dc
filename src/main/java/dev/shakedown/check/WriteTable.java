package dev.shakedown.check;

import dev.shakedown.history.Operation;
import java.util.Arrays;

/**
 * Table of written values for {@link WriteSetScanner}, built for million-operation histories. Values
 * get dense numbers {@code 0..size()-1} in the order first seen, their state lives in arrays indexed by
 * that number, and a compact open-addressing index ({@code long}: hash in the high half, number + 1 in
 * the low half) finds them. One probe touches one cache line of the index; a differing hash skips the
 * key. Read values are looked up by region of the joined read, allocating nothing when they match.
 */
final class WriteTable {

  private long[] index;
  private int mask;
  private String[] values;
  private Operation[] completions;
  private int[] presentInReads;
  private int[] lastReadSeen; // read number + 1; 0 = not seen yet
  private int[] firstReadSeen; // read number + 1; 0 = not seen yet
  private int size;

  WriteTable(int expected) {
    int capacity = Math.max(16, expected);
    values = new String[capacity];
    completions = new Operation[capacity];
    presentInReads = new int[capacity];
    lastReadSeen = new int[capacity];
    firstReadSeen = new int[capacity];
    index = new long[Integer.highestOneBit(capacity * 2 - 1) << 1];
    mask = index.length - 1;
  }

  /** Number of distinct values; they are numbered {@code 0..size()-1}. */
  int size() { return size; }

  /** The number of {@code value}, added if absent. */
  int numberOf(String value) {
    int hash = value.hashCode();
    int slot = spread(hash) & mask;
    for (long entry; (entry = index[slot]) != 0; slot = (slot + 1) & mask) {
      if ((int) (entry >>> 32) == hash) {
        String key = values[(int) entry - 1];
        if (key == value || key.equals(value)) {
          return (int) entry - 1;
        }
      }
    }
    int number = add(value);
    index[slot] = ((long) hash << 32) | (number + 1);
    if (size * 2 > index.length) {
      rehash(index.length * 2);
    }
    return number;
  }

  /** The number of the value spelled by {@code text[start, end)}, or -1; hashes like {@link String#hashCode}. */
  int find(String text, int start, int end) {
    int hash = 0;
    for (int i = start; i < end; i++) {
      hash = 31 * hash + text.charAt(i);
    }
    int length = end - start;
    for (int slot = spread(hash) & mask; index[slot] != 0; slot = (slot + 1) & mask) {
      long entry = index[slot];
      if ((int) (entry >>> 32) == hash) {
        String key = values[(int) entry - 1];
        if (key.length() == length && key.regionMatches(0, text, start, length)) {
          return (int) entry - 1;
        }
      }
    }
    return -1;
  }

  String value(int number) { return values[number]; }

  Operation completion(int number) { return completions[number]; }

  /** Records a completion; an OK is kept over any other outcome of the same value. */
  void complete(int number, Operation completion) {
    Operation previous = completions[number];
    if (previous == null || !previous.isOk()) {
      completions[number] = completion;
    }
  }

  int presentInReads(int number) { return presentInReads[number]; }

  /** The number of the first read that had the value, or -1. */
  int firstReadSeen(int number) { return firstReadSeen[number] - 1; }

  /** Marks the value seen in read {@code readNumber}; false if that read already had it (a duplicate). */
  boolean markSeen(int number, int readNumber) {
    if (lastReadSeen[number] == readNumber + 1) {
      return false;
    }
    lastReadSeen[number] = readNumber + 1;
    if (firstReadSeen[number] == 0) {
      firstReadSeen[number] = readNumber + 1;
    }
    presentInReads[number]++;
    return true;
  }

  private int add(String value) {
    if (size == values.length) {
      int capacity = size * 2;
      values = Arrays.copyOf(values, capacity);
      completions = Arrays.copyOf(completions, capacity);
      presentInReads = Arrays.copyOf(presentInReads, capacity);
      lastReadSeen = Arrays.copyOf(lastReadSeen, capacity);
      firstReadSeen = Arrays.copyOf(firstReadSeen, capacity);
    }
    values[size] = value;
    return size++;
  }

  private void rehash(int capacity) {
    long[] old = index;
    index = new long[capacity];
    mask = capacity - 1;
    for (long entry : old) {
      if (entry != 0) {
        int slot = spread((int) (entry >>> 32)) & mask;
        while (index[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        index[slot] = entry;
      }
    }
  }

  private static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
