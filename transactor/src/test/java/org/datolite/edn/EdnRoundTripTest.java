package org.datolite.edn;

import static org.datolite.edn.EdnAssert.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Random forms survive {@link Edn#write} then {@link Edn#read}. */
class EdnRoundTripTest {

  @Provide
  Arbitrary<Object> forms() {
    return EdnArbitraries.forms(4);
  }

  @Provide
  Arbitrary<Object> atoms() {
    return EdnArbitraries.atoms();
  }

  @Provide
  Arbitrary<String> strings() {
    return EdnArbitraries.strings();
  }

  @Provide
  Arbitrary<String> separators() {
    return EdnArbitraries.separators();
  }

  @Property(tries = 500)
  void write_thenRead_isEqual(@ForAll("forms") Object form) {
    String text = Edn.write(form);
    assertEquals(normalize(form), normalize(Edn.read(text)), text);
  }

  @Property(tries = 500)
  void write_isStableAcrossARoundTrip(@ForAll("forms") Object form) {
    String text = Edn.write(form);
    assertEquals(text, Edn.write(Edn.read(text)));
  }

  @Property
  void write_thenRead_keepsTheTypeOfAtoms(@ForAll("atoms") Object atom) {
    Object back = Edn.read(Edn.write(atom));
    assertEquals(atom == null ? null : atom.getClass(), back == null ? null : back.getClass());
    assertEquals(normalize(atom), normalize(back));
  }

  @Property
  void write_thenRead_keepsEveryString(@ForAll("strings") String s) {
    assertEquals(s, Edn.read(Edn.write(s)));
  }

  @Property
  void write_thenRead_keepsEveryChar(@ForAll char c) {
    assertEquals(c, Edn.read(Edn.write(c)));
    assertEquals(List.of(c, "s", c), Edn.read(Edn.write(List.of(c, "s", c))));
  }

  @Property
  void write_floatReadsBackAsItsDecimalDouble(@ForAll float f) {
    Object back = Edn.read(Edn.write(f));
    double expected = Float.isNaN(f) || Float.isInfinite(f) ? (double) f : Double.parseDouble(Float.toString(f));
    assertEquals(expected, back);
  }

  @Property(tries = 200)
  void readAll_readsFormsBetweenSeparators(
      @ForAll @Size(max = 6) List<@net.jqwik.api.From("forms") Object> forms, @ForAll("separators") String separator) {
    StringBuilder text = new StringBuilder(separator);
    for (Object form : forms) {
      text.append(Edn.write(form)).append(separator);
    }
    List<Object> expected = new ArrayList<>();
    forms.forEach(f -> expected.add(normalize(f)));
    List<Object> actual = new ArrayList<>();
    Edn.readAll(text.toString()).forEach(f -> actual.add(normalize(f)));
    assertEquals(expected, actual, text.toString());
  }
}
