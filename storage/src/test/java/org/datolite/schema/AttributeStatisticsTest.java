package org.datolite.schema;

import static org.datolite.schema.TestDatabase.AGE;
import static org.datolite.schema.TestDatabase.FRIEND;
import static org.datolite.schema.TestDatabase.NAME;
import static org.datolite.schema.TestDatabase.TAG;
import static org.datolite.schema.TestDatabase.entity;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.db.Db;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The statistics the planner reads, alone: counts by index and range, and the samples, on a value built datom by datom. */
class AttributeStatisticsTest {
  /** More people than a sample reads, so that scaling shows. */
  private static final int PEOPLE = 2 * AttributeStatistics.SAMPLE;
  private static TestDatabase test;

  /** Person i: one of four names, age i (all distinct), a friend (person i - 1) and i % 3 + 1 tags. */
  @BeforeAll
  static void load() {
    test = TestDatabase.withPeopleSchema();
    long tx = test.nextTx();
    List<Datom> datoms = new ArrayList<>();
    for (int i = 1; i <= PEOPLE; i++) {
      datoms.add(Datom.of(entity(i), NAME, "name" + i % 4 + "-" + (i > 4 ? "x" : "unique" + i), tx));
      datoms.add(Datom.of(entity(i), AGE, (long) i, tx));
      if (i > 1) {
        datoms.add(Datom.of(entity(i), FRIEND, entity(i - 1), tx));
      }
      for (int k = 0; k <= i % 3; k++) {
        datoms.add(Datom.of(entity(i), TAG, Keyword.of("t" + k), tx));
      }
    }
    test.transact(datoms);
  }

  @Test
  void count_byLeadingComponents_resolvedAsTheIndexApiResolvesThem() {
    AttributeStatistics s = AttributeStatistics.of(test.resolver());
    assertEquals(PEOPLE, s.count(Index.AEVT, Keyword.of("p/age")));
    assertEquals(PEOPLE, s.count(Index.AEVT, AGE), "an attribute by id");
    assertEquals(1, s.count(Index.AVET, Keyword.of("p/age"), 7), "an int value widened");
    assertEquals(1, s.count(Index.AVET, Keyword.of("p/friend"), entity(6)));
    assertEquals(1, s.count(Index.VAET, entity(6), Keyword.of("p/friend")));
    assertEquals(6, s.count(Index.EAVT, entity(5)), "name, age, friend and three tags");
  }

  @Test
  void count_ofWhatDoesNotResolve_isZero() {
    AttributeStatistics s = AttributeStatistics.of(test.resolver());
    assertEquals(0, s.count(Index.AEVT, Keyword.of("no/such")), "an unknown attribute");
    assertEquals(0, s.count(Index.AVET, Keyword.of("p/friend"), Keyword.of("no/such")), "an entity that does not resolve");
    assertEquals(0, s.count(Index.AEVT, 3.5), "a component that cannot name an attribute");
  }

  @Test
  void rangeCount_includesOrExcludesEachEnd() {
    AttributeStatistics s = AttributeStatistics.of(test.resolver());
    Attribute age = test.resolver().attribute(AGE);
    assertEquals(11, s.rangeCount(age, 10L, true, 20L, true));
    assertEquals(10, s.rangeCount(age, 10L, true, 20L, false));
    assertEquals(9, s.rangeCount(age, 10L, false, 20L, false));
    assertEquals(PEOPLE - 10, s.rangeCount(age, 10L, false, null, false));
    assertEquals(PEOPLE, s.rangeCount(age, null, false, null, false));
  }

  @Test
  void samples_perEntityAndDistinctValues() {
    AttributeStatistics s = AttributeStatistics.of(test.resolver());
    Attribute age = test.resolver().attribute(AGE);
    Attribute tag = test.resolver().attribute(TAG);
    Attribute name = test.resolver().attribute(NAME);
    assertEquals(1.0, s.datomsPerEntity(age));
    assertEquals(PEOPLE, s.distinctValues(age), 1e-9, "all distinct in the sample: scaled up to the count");
    assertEquals(3, s.distinctValues(tag), "few distinct values: as many as the sample saw");
    double tagsPerPerson = (double) AttributeStatistics.SAMPLE / 256; // the sample's first 256 people hold 512 tags
    assertEquals(tagsPerPerson, s.datomsPerEntity(tag), 0.05);
    assertEquals(8, s.distinctValues(name), "four names with an x, four unique ones among the first people");
    AttributeStatistics other = AttributeStatistics.of(test.resolver());
    assertEquals(s.distinctValues(tag), other.distinctValues(tag), "another instance over the value reads the same samples");
  }

  @Test
  void counts_areRememberedByTheInstance_notByTheValue() {
    TestDatabase growing = TestDatabase.withPeopleSchema();
    long tx = growing.nextTx();
    growing.transact(List.of(Datom.of(entity(1), AGE, 1L, tx)));
    Db value = growing.db();
    AttributeStatistics first = AttributeStatistics.of(new Resolver(value, growing.schema()));
    assertEquals(1, first.count(Index.AEVT, AGE));
    tx = growing.nextTx();
    growing.transact(List.of(Datom.of(entity(2), AGE, 2L, tx)));
    assertEquals(1, first.count(Index.AEVT, AGE), "remembered");
    assertEquals(2, AttributeStatistics.of(new Resolver(value, growing.schema())).count(Index.AEVT, AGE),
        "a new instance over the same value estimates afresh: the novelty it reads grew (an upper bound)");
  }
}
