package org.datolite.edn;

import static org.datolite.testkit.Gen.weight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

class InstantTextTest {

  private static void assertInstant(String expected, String text) {
    assertEquals(Instant.parse(expected), InstantText.parse(text), text);
  }

  private static void assertRejected(String text, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InstantText.parse(text), text);
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), "missing '" + fragment + "' in " + e.getMessage());
    }
  }

  /** format prints what Instant.toString prints, for instants across the whole range and at its edges. */
  @Test
  void format_isInstantToString() {
    for (String edge : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999Z", "2000-02-29T12:00:00.000001Z", "1900-03-01T00:00:00.100Z"}) {
      Instant i = Instant.parse(edge);
      assertEquals(i.toString(), InstantText.format(i), edge);
    }
    assertEquals(Instant.MAX.toString(), InstantText.format(Instant.MAX));
    assertEquals(Instant.MIN.toString(), InstantText.format(Instant.MIN));
    Gen<Long> seconds = Gen.longs(-62_167_219_200L - 86_400L * 400, 253_402_300_800L + 86_400L * 400);
    Gen<Integer> nanos = Gen.ints(0, 999_999_999);
    Seeds.check(2_000, random -> {
      long s = seconds.next(random);
      int kind = random.nextInt(4); // none, millis, micros, nanos
      int nano = kind == 0 ? 0 : kind == 1 ? nanos.next(random) / 1_000_000 * 1_000_000
          : kind == 2 ? nanos.next(random) / 1000 * 1000 : nanos.next(random);
      Instant i = Instant.ofEpochSecond(s, nano);
      assertEquals(i.toString(), InstantText.format(i), "epoch second " + s + ", nano " + nano);
    });
  }

  @Test
  void parse_rfc3339() {
    assertInstant("1985-04-12T23:20:50.520Z", "1985-04-12T23:20:50.52Z");
    assertInstant("1996-12-20T00:39:57Z", "1996-12-19T16:39:57-08:00");
    assertInstant("1990-12-31T23:59:59Z", "1990-12-31T15:59:59-08:00");
    assertInstant("1937-01-01T11:40:27.870Z", "1937-01-01T12:00:27.87+00:20");
    assertInstant("2020-06-30T22:00:00Z", "2020-07-01T00:00:00+02:00");
    assertInstant("1970-01-01T00:00:00.000000001Z", "1970-01-01T00:00:00.000000001Z");
  }

  @Test
  void parse_partialForms() {
    assertInstant("1985-01-01T00:00:00Z", "1985");
    assertInstant("1985-04-01T00:00:00Z", "1985-04");
    assertInstant("1985-04-12T00:00:00Z", "1985-04-12");
    assertInstant("1985-04-12T23:00:00Z", "1985-04-12T23");
    assertInstant("1985-04-12T23:20:00Z", "1985-04-12T23:20Z");
    assertInstant("1985-04-12T21:20:00Z", "1985-04-12T23:20+02:00");
    assertInstant("1985-04-12T23:20:50Z", "1985-04-12T23:20:50");
  }

  @Test
  void parse_fractionBeyondNanosecondsIsTruncated() {
    assertInstant("1985-04-12T23:20:50.123456789Z", "1985-04-12T23:20:50.1234567899999Z");
  }

  @Test
  void parse_leapDays() {
    assertInstant("2000-02-29T00:00:00Z", "2000-02-29");
    assertInstant("2024-02-29T00:00:00Z", "2024-02-29");
    assertRejected("1900-02-29", "day 29 is out of range; expected 01..28");
    assertRejected("2023-02-29", "day 29 is out of range");
  }

  @Test
  void parse_expandedYears() {
    assertEquals(Instant.MAX, InstantText.parse(Instant.MAX.toString()));
    assertEquals(Instant.MIN, InstantText.parse(Instant.MIN.toString()));
    assertInstant("+10000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z");
    assertInstant("-0001-12-31T00:00:00Z", "-0001-12-31T00:00:00Z");
    assertInstant("0000-01-01T00:00:00Z", "0000");
    assertRejected("+1000000001-01-01T00:00:00Z", "outside the range of java.time.Instant");
    assertRejected("+1000000000-12-31T23:59:59-01:00", "outside the range");
  }

  @Test
  void parse_rejectsMalformedText() {
    assertRejected("", "expected a year of four digits");
    assertRejected("85", "expected a year of four digits");
    assertRejected("19850", "expected a year of four digits");
    assertRejected("+123-01-01", "a sign and 4 to 10 digits");
    assertRejected("1985-4", "expected two digits for the month at index 5");
    assertRejected("1985-13", "month 13 is out of range; expected 01..12");
    assertRejected("1985-00", "month 00 is out of range");
    assertRejected("1985-04-31", "day 31 is out of range; expected 01..30");
    assertRejected("1985-04-00", "day 00 is out of range");
    assertRejected("1985-04-12T24:00", "hour 24 is out of range; expected 00..23");
    assertRejected("1985-04-12T23:60", "minute 60 is out of range");
    assertRejected("1985-12-31T23:59:60Z", "second 60 is out of range (Instant has no leap second)");
    assertRejected("1985-04-12T23:20:50.Z", "expected digits after '.' at index 20");
    assertRejected("1985-04-12T23:20+0200", "expected ':' between the offset's hours and minutes");
    assertRejected("1985-04-12T23:20+24:00", "offset hour 24 is out of range");
    assertRejected("1985-04-12 23:20", "unexpected ' ' at index 10");
    assertRejected("1985-04-12t23:20", "unexpected 't'");
    assertRejected("1985-04-12T23:20Zjunk", "unexpected 'j' at index 17");
    assertRejected("1985-04-12T", "expected two digits for the hour");
  }

  private static Gen<Instant> instants() {
    Gen<Long> seconds = Gen.longs(-100_000_000_000L, 300_000_000_000L);
    Gen<Integer> nanos = Gen.ints(0, 999_999_999);
    return Gen.frequency(
        weight(8, r -> Instant.ofEpochSecond(seconds.next(r), nanos.next(r))),
        weight(1, Gen.longs(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()).map(Instant::ofEpochSecond)),
        weight(1, Gen.elements(Instant.MIN, Instant.MAX, Instant.EPOCH)));
  }

  @Test
  void parse_readsInstantToString() {
    Gen<Instant> instants = instants();
    Seeds.check(1000, random -> {
      Instant instant = instants.next(random);
      assertEquals(instant, InstantText.parse(instant.toString()));
    });
  }

  @Test
  void parse_agreesWithJavaTimeOnOffsets() {
    Gen<Long> epochSeconds = Gen.longs(-60_000_000_000L, 250_000_000_000L);
    Gen<Integer> quarterHours = Gen.ints(-18 * 4, 18 * 4);
    Seeds.check(1000, random -> {
      OffsetDateTime time = Instant.ofEpochSecond(epochSeconds.next(random))
          .atOffset(ZoneOffset.ofTotalSeconds(quarterHours.next(random) * 900));
      String text = time.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx"));
      if (time.getYear() >= 0 && time.getYear() <= 9999) {
        assertEquals(time.toInstant(), InstantText.parse(text), text);
      }
    });
  }

  @Test
  void daysSinceEpoch_agreesWithLocalDate() {
    Gen<Long> epochDays = Gen.longs(-999_999_999L, 999_999_999L);
    Seeds.check(1000, random -> {
      LocalDate date = LocalDate.ofEpochDay(epochDays.next(random) % 365_000_000L);
      assertEquals(date.toEpochDay(),
          InstantText.daysSinceEpoch(date.getYear(), date.getMonthValue(), date.getDayOfMonth()));
    });
  }
}
