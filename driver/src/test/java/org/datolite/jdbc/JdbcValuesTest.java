package org.datolite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.TimeZone;
import java.util.function.Supplier;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/** How bound JDBC values become SQL's internal ones. */
class JdbcValuesTest {
  /** Zones with DST, half-hour and 45-minute offsets, a half-hour DST shift and a skipped day. */
  private static final String[] ZONES = {"UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata",
      "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Apia", "America/St_Johns", "Europe/Dublin"};

  /**
   * A Timestamp or Date means its wall-clock fields in the default zone: the instant plus the
   * zone's offset must give what {@code toLocalDateTime()} and {@code toLocalDate()} give, across
   * DST changes and before the Gregorian calendar (where those count in the Julian one).
   */
  @Test
  void timestampsAndDates_areTheirWallClockFieldsInTheDefaultZone() {
    TimeZone saved = TimeZone.getDefault();
    try {
      for (String zone : ZONES) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        Seeds.check(3, random -> {
          for (int i = 0; i < 20_000; i++) {
            long ms = switch (i % 5) {
              case 0 -> JdbcValues.GREGORIAN_MILLIS
                  + (long) (random.nextDouble() * (JdbcValues.YEAR_2038_MILLIS - JdbcValues.GREGORIAN_MILLIS));
              case 1 -> JdbcValues.GREGORIAN_MILLIS + random.nextInt(6 * 86_400_000) - 3 * 86_400_000L; // the calendar change
              case 2 -> -62_135_596_800_000L + (long) (random.nextDouble() * 70_000_000_000_000L); // from year 1
              case 3 -> 1_700_000_000_000L + (random.nextLong() % 1_000_000_000_000L); // recent, DST changes
              default -> switch (i % 3) { // from 2038, where the getters' path is taken
                case 0 -> Long.MAX_VALUE - random.nextInt(100_000_000); // to the overflow
                case 1 -> JdbcValues.YEAR_2038_MILLIS + (long) (random.nextDouble() * 250_000_000_000_000L);
                default -> JdbcValues.YEAR_2038_MILLIS + random.nextInt(6 * 86_400_000) - 3 * 86_400_000L;
              };
            };
            Timestamp ts = new Timestamp(ms);
            ts.setNanos(ts.getNanos() + random.nextInt(1_000_000)); // below a millisecond
            assertEquals(outcome(() -> ts.toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli()),
                outcome(() -> JdbcValues.normalize(ts)), zone + " " + ts + " at " + ms);
            Date d = new Date(ms);
            assertEquals(outcome(() -> (int) d.toLocalDate().toEpochDay()), outcome(() -> JdbcValues.normalize(d)),
                zone + " " + d + " at " + ms);
          }
        });
      }
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  /** The value, or the exception's class where there is none (a Julian February 29 that Gregorian lacks). */
  private static Object outcome(Supplier<Object> f) {
    try {
      return f.get();
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }
}
