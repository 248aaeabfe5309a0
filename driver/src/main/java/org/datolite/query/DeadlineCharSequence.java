package org.datolite.query;

/**
 * A string that checks its query's {@link Deadline} every {@link #CHECK_EVERY} characters read,
 * so that a regular expression matched against it stops at the timeout or on an interrupt
 * (57014) instead of backtracking for as long as it likes: {@code java.util.regex} reads its
 * input only through {@link #charAt}, and a catastrophic backtrack reads characters billions of
 * times. Between checks a read costs a counter increment; with no timeout a check is one look at
 * the interrupt flag.
 */
final class DeadlineCharSequence implements CharSequence {
  /** Characters read between two checks (a power of two). No benchmark set it. */
  static final int CHECK_EVERY = 1 << 12;
  private final String text;
  private final Deadline deadline;
  private int reads;

  DeadlineCharSequence(String text, Deadline deadline) {
    this.text = text;
    this.deadline = deadline;
  }

  @Override
  public char charAt(int index) {
    if ((++reads & (CHECK_EVERY - 1)) == 0) {
      deadline.check();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  /** A plain string: what a match's groups are made of. */
  @Override
  public CharSequence subSequence(int start, int end) {
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
