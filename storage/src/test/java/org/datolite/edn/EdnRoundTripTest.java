package org.datolite.edn;

import static org.datolite.edn.EdnAssert.normalize;
import static org.datolite.testkit.Gen.weight;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/** Random forms survive {@link Edn#write} then {@link Edn#read}. */
class EdnRoundTripTest {

  @Test
  void write_thenRead_isEqual() {
    Gen<Object> forms = EdnGen.forms(4);
    Seeds.check(500, random -> {
      Object form = forms.next(random);
      String text = Edn.write(form);
      assertEquals(normalize(form), normalize(Edn.read(text)), text);
    });
  }

  @Test
  void write_isStableAcrossARoundTrip() {
    Gen<Object> forms = EdnGen.forms(4);
    Seeds.check(500, random -> {
      String text = Edn.write(forms.next(random));
      assertEquals(text, Edn.write(Edn.read(text)));
    });
  }

  @Test
  void write_thenRead_keepsTheTypeOfAtoms() {
    Gen<Object> atoms = EdnGen.atoms();
    Seeds.check(1000, random -> {
      Object atom = atoms.next(random);
      Object back = Edn.read(Edn.write(atom));
      assertEquals(atom == null ? null : atom.getClass(), back == null ? null : back.getClass());
      assertEquals(normalize(atom), normalize(back));
    });
  }

  @Test
  void write_thenRead_keepsEveryString() {
    Gen<String> strings = EdnGen.strings();
    Seeds.check(1000, random -> {
      String s = strings.next(random);
      assertEquals(s, Edn.read(Edn.write(s)));
    });
  }

  @Test
  void write_thenRead_keepsEveryChar() {
    Gen<Character> chars = EdnGen.chars();
    Seeds.check(1000, random -> {
      char c = chars.next(random);
      assertEquals(c, Edn.read(Edn.write(c)));
      assertEquals(List.of(c, "s", c), Edn.read(Edn.write(List.of(c, "s", c))));
    });
  }

  @Test
  void write_floatReadsBackAsItsDecimalDouble() {
    Gen<Float> floats = Gen.frequency(
        weight(3, Gen.floats(-1e6f, 1e6f)),
        weight(3, r -> Float.intBitsToFloat(r.nextInt())),
        weight(1, Gen.elements(Float.NaN, -0.0f, 0.0f, 0.01f, -0.01f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE)));
    Seeds.check(1000, random -> {
      float f = floats.next(random);
      Object back = Edn.read(Edn.write(f));
      double expected = Float.isNaN(f) || Float.isInfinite(f) ? (double) f : Double.parseDouble(Float.toString(f));
      assertEquals(expected, back);
    });
  }

  @Test
  void readAll_readsFormsBetweenSeparators() {
    Gen<List<Object>> formLists = EdnGen.forms(4).list(0, 6);
    Gen<String> separators = EdnGen.separators();
    Seeds.check(200, random -> {
      List<Object> forms = formLists.next(random);
      String separator = separators.next(random);
      StringBuilder text = new StringBuilder(separator);
      for (Object form : forms) {
        text.append(Edn.write(form)).append(separator);
      }
      List<Object> expected = new ArrayList<>();
      forms.forEach(f -> expected.add(normalize(f)));
      List<Object> actual = new ArrayList<>();
      Edn.readAll(text.toString()).forEach(f -> actual.add(normalize(f)));
      assertEquals(expected, actual, text.toString());
    });
  }
}
