package org.datolite.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.datolite.Database;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.DatoliteException;
import org.datolite.QueryFixture;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9: bad inputs that got through the Datalog engine. Regular expressions that backtrack
 * past the timeout or an interrupt, nested queries and other recursion that overflowed the stack,
 * invalid regular expressions, inputs the engine has no use for, and the other raw Java
 * exceptions a caller could provoke: each must end in a {@link DatoliteException} with the
 * SQLState docs/datalog.md gives.
 */
class BadQueryInputTest {
  /** Backtracks exponentially on {@link #PATHOLOGICAL}: about 80 s of matching. */
  private static final String BACKTRACKING = "^(a+)+\\\\1$";
  private static final String PATHOLOGICAL = "a".repeat(32) + "!";
  private static QueryFixture people;
  private static DatoliteConnection conn;
  private static Database db;
  private static long ann;

  @BeforeAll
  static void load() {
    people = QueryFixture.memory("bad-input");
    conn = people.conn();
    people.transact(QueryFixture.PEOPLE_SCHEMA);
    ann = people.transact("[{:db/id \"a\" :p/name \"Ann\" :p/friend [\"b\"]} {:db/id \"b\" :p/name \"Bob\""
        + " :p/friend [\"a\"]}]").tempids().get("a");
    db = people.db();
  }

  @AfterAll
  static void close() {
    people.close();
  }

  private static DatoliteException fails(String sqlState, Executable query) {
    DatoliteException e = assertThrows(DatoliteException.class, query);
    assertEquals(sqlState, e.sqlState(), e.getMessage());
    return e;
  }

  private static void contains(DatoliteException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' is not in: " + e.getMessage());
    }
  }

  /** Runs a task on a new thread with the given stack size (0: the JVM's default) and returns what it threw. */
  private static Throwable onThread(long stackSize, Callable<?> task) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        task.call();
      } catch (Throwable e) {
        thrown.set(e);
      }
    }, "query", stackSize);
    t.setDaemon(true);
    t.start();
    t.join(60_000);
    assertFalse(t.isAlive(), "the query is still running");
    return thrown.get();
  }

  // ---- item 4: regular expressions honour the timeout and cancellation ------------------------

  @Test
  void reFind_backtrackingPastTheTimeout_failsWith57014() {
    // issue 9: query-timeout-ms=2000 did not stop this after 10 s (80 s in all)
    Properties props = new Properties();
    props.setProperty("query-timeout-ms", "300");
    try (DatoliteConnection limited = QueryFixture.connect("regex", props)) {
      long start = System.nanoTime();
      DatoliteException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
          DatoliteException.class, () -> limited.q("[:find ?m . :in $ ?s :where [(re-pattern \"" + BACKTRACKING
              + "\") ?re] [(re-find ?re ?s) ?m]]", PATHOLOGICAL)));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals("57014", e.sqlState());
      assertEquals("the query ran longer than its timeout of 300 ms", e.getMessage());
      assertTrue(millis < 3000, "stopped after " + millis + " ms");
    }
  }

  @Test
  void reMatches_backtrackingThreadInterrupted_failsWith57014() throws InterruptedException {
    // issue 9: Thread.interrupt did not reach a backtracking regex either
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread worker = new Thread(() -> {
      try {
        Datolite.q("[:find ?m . :in ?s :where [(re-matches \"" + BACKTRACKING + "\" ?s) ?m]]", PATHOLOGICAL);
      } catch (Throwable e) {
        thrown.set(e);
        stillInterrupted.set(Thread.currentThread().isInterrupted());
      }
    }, "regex-query");
    worker.setDaemon(true);
    worker.start();
    Thread.sleep(200);
    long start = System.nanoTime();
    worker.interrupt();
    worker.join(5000);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertFalse(worker.isAlive(), "the query ignored the interrupt");
    assertTrue(millis < 2000, "stopped " + millis + " ms after the interrupt");
    DatoliteException e = assertInstanceOf(DatoliteException.class, thrown.get());
    assertEquals("57014", e.sqlState());
    assertEquals("the query was cancelled (its thread was interrupted)", e.getMessage());
    assertTrue(stillInterrupted.get(), "the interrupt flag stays set for the caller");
  }

  @Test
  void reFind_withoutLimits_answersAsBefore() {
    assertEquals(List.of("ab12", "ab", "12"), Datolite.q("[:find ?m . :in ?s :where [(re-find \"([a-z]+)(\\\\d+)\" ?s)"
        + " ?m]]", "-- ab12 --"));
    assertEquals("b", Datolite.q("[:find ?m . :in ?s :where [(re-pattern \"b\") ?re] [(re-find ?re ?s) ?m]]", "abc"));
    assertEquals("abc", Datolite.q("[:find ?m . :in ?s :where [(re-matches \"a.c\" ?s) ?m]]", "abc"));
    assertNull(Datolite.q("[:find ?m . :in ?s :where [(re-matches \"a\" ?s) ?m]]", "abc"));
    Object m = Datolite.q("[:find ?m . :in ?s :where [(re-find \"a(x)?(b)\" ?s) ?m]]", "ab");
    assertEquals(Arrays.asList("ab", null, "b"), m);
    assertInstanceOf(String.class, ((List<?>) m).get(0));
  }

  @Test
  void reFind_recursingTooDeeply_failsWith54001() throws InterruptedException {
    // java.util.regex recurses per repetition of an alternation: a long input overflowed the stack
    Throwable t = onThread(0, () -> Datolite.q("[:find ?m . :in ?s :where [(re-find \"(a|b)*\" ?s) ?m]]",
        "ab".repeat(100_000)));
    DatoliteException e = assertInstanceOf(DatoliteException.class, t);
    assertEquals("54001", e.sqlState());
    contains(e, "(a|b)*", "200000");
  }

  // ---- item 5: nesting and recursion end in 54001, never a StackOverflowError -----------------

  private static final String SELF = "[:find ?r . :in $ ?qs :where [(q ?qs $ ?qs) ?r]]";
  /** Nests itself ?n levels deep and returns ?n. */
  private static final String COUNTDOWN = "[:find ?r . :in $ ?qs ?n :where (or-join [?qs ?n ?r]"
      + " (and [(= ?n 0)] [(ground 0) ?r]) (and [(> ?n 0)] [(dec ?n) ?m] [(q ?qs $ ?qs ?m) ?s] [(inc ?s) ?r]))]";

  @Test
  void nestedQuery_recursingIntoItself_failsWith54001() throws InterruptedException {
    // issue 9: this threw StackOverflowError
    Throwable t = onThread(0, () -> db.q(SELF, SELF));
    DatoliteException e = assertInstanceOf(DatoliteException.class, t);
    assertEquals("54001", e.sqlState());
    contains(e, "nested queries", String.valueOf(16));
  }

  @Test
  void nestedQuery_atTheLimit_runsOnADefaultStack_andOneMoreFails() throws InterruptedException {
    // issue 9: the bound must be low enough that nesting up to it fits a default thread stack
    long limit = 16;
    AtomicReference<Object> result = new AtomicReference<>();
    assertNull(onThread(0, () -> {
      result.set(db.q(COUNTDOWN, COUNTDOWN, limit));
      return null;
    }));
    assertEquals(limit, result.get());
    Throwable t = onThread(0, () -> db.q(COUNTDOWN, COUNTDOWN, limit + 1));
    DatoliteException e = assertInstanceOf(DatoliteException.class, t);
    assertEquals("54001", e.sqlState());
  }

  @Test
  void clauseNesting_atTheLimit_runsOnADefaultStack_andOneMoreFails() throws InterruptedException {
    // issue 9: and / or nested as deep as EDN allows (500) overflowed a default stack in the parser
    int limit = QueryLimits.MAX_CLAUSE_NESTING;
    String and = "(and ".repeat(limit) + "[?e :p/name ?n]" + ")".repeat(limit);
    String or = "(or ".repeat(limit) + "[?e :p/name ?n]" + ")".repeat(limit);
    // an odd number of not-joins keeps everyone: the innermost removes no one
    String not = "[?e :p/name ?n] " + "(not-join [?e] [?e :p/friend ?f] ".repeat(limit - 1) + "[?f :p/name \"Zed\"]"
        + ")".repeat(limit - 1);
    for (String where : List.of(and, or, not)) {
      AtomicReference<Object> result = new AtomicReference<>();
      assertNull(onThread(0, () -> {
        result.set(db.q("[:find [?n ...] :where " + where + "]"));
        return null;
      }));
      assertEquals(Set.of("Ann", "Bob"), Set.copyOf((Collection<?>) result.get()));
    }
    String deeper = "(and ".repeat(500) + "[?e :p/name ?n]" + ")".repeat(500);
    Throwable t = onThread(0, () -> db.q("[:find [?n ...] :where " + deeper + "]"));
    DatoliteException e = assertInstanceOf(DatoliteException.class, t);
    assertEquals("54001", e.sqlState());
    contains(e, "nest deeper than " + limit, "MAX_CLAUSE_NESTING");
    Throwable inRules = onThread(0, () -> db.q("[:find ?e :in $ % :where (r ?e)]", "[[(r ?e) " + deeper + "]]"));
    assertEquals("54001", assertInstanceOf(DatoliteException.class, inRules).sqlState());
  }

  @Test
  void nestedQuery_withClauseNestingPastTheLimitInAll_failsWith54001() throws InterruptedException {
    // each of a few nested queries within the clause limit, but not all of them together
    String wrapped = "[:find ?r . :in $ ?qs ?n :where " + "(and ".repeat(40) + COUNTDOWN.substring(
        COUNTDOWN.indexOf("(or-join"), COUNTDOWN.length() - 1) + ")".repeat(40) + "]";
    AtomicReference<Object> one = new AtomicReference<>();
    assertNull(onThread(0, () -> {
      one.set(db.q(wrapped, wrapped, 0L));
      return null;
    }));
    assertEquals(0L, one.get());
    Throwable t = onThread(0, () -> db.q(wrapped, wrapped, 2L));
    DatoliteException e = assertInstanceOf(DatoliteException.class, t);
    assertEquals("54001", e.sqlState());
    contains(e, "in all", String.valueOf(QueryLimits.MAX_CLAUSE_NESTING));
  }

  @Test
  void query_overflowingTheStackAnyway_failsWith54001() throws InterruptedException {
    // issue 9: a StackOverflowError that escapes the engine becomes 54001 at the query boundary,
    // and the thread goes on answering. Here a Java method the query may call returns a list
    // that contains itself, and hashing it for the result set recurses without end.
    QueryLimits allowed = QueryLimits.DEFAULT.withJavaClasses(Set.of(SelfContaining.class.getName()));
    AtomicReference<Object> after = new AtomicReference<>();
    Throwable t = onThread(0, () -> {
      try {
        return Datolite.q(allowed, "[:find ?x :where [(org.datolite.query.SelfContaining/list) ?x]]", db);
      } finally {
        after.set(db.q("[:find ?n . :where [?e :p/name \"Ann\"] [?e :p/name ?n]]"));
      }
    });
    DatoliteException e = assertInstanceOf(DatoliteException.class, t);
    assertEquals("54001", e.sqlState());
    contains(e, "stack");
    assertInstanceOf(StackOverflowError.class, e.getCause());
    assertEquals("Ann", after.get());
  }

  @Test
  void pull_recursionOnACycle_failsWith54001OnADefaultStack() throws InterruptedException {
    Throwable t = onThread(0, () -> db.pull("[:p/name {:p/friend ...}]", ann));
    assertEquals("54001", assertInstanceOf(DatoliteException.class, t).sqlState());
    Throwable inQuery = onThread(0, () -> db.q("[:find (pull ?e [:p/name {:p/friend ...}]) :where [?e :p/name]]"));
    assertEquals("54001", assertInstanceOf(DatoliteException.class, inQuery).sqlState());
  }

  // ---- item 6: invalid regular expressions -----------------------------------------------------

  @Test
  void rePattern_invalidRegex_failsWith2201B() {
    // issue 9: a raw PatternSyntaxException without a SQLState
    DatoliteException e = fails("2201B", () -> db.q("[:find ?x . :where [(re-pattern \"(\") ?x]]"));
    contains(e, "re-pattern", "\"(\"", "Unclosed group");
  }

  @Test
  void reFind_invalidRegexString_failsWith2201B() {
    DatoliteException e = fails("2201B", () -> Datolite.q("[:find ?m . :in ?s :where [(re-find \"[a-\" ?s) ?m]]", "a"));
    contains(e, "re-find", "\"[a-\"");
    fails("2201B", () -> Datolite.q("[:find ?m . :in ?re ?s :where [(re-matches ?re ?s) ?m]]", "a{2,1}", "aa"));
  }

  // ---- item 7: inputs the engine has no use for, and other raw exceptions ---------------------

  @Test
  void q_inputOfAClassWithoutEdnForm_failsWith22023NamingPositionAndClass() {
    // issue 9: db.q(query, new Object()) threw IllegalArgumentException (or was taken as is)
    Object junk = new Object();
    DatoliteException e = fails("22023", () -> db.q("[:find ?e :in $ ?x :where [?e :p/name ?x]]", junk));
    contains(e, "input 2 (?x)", "java.lang.Object");
    fails("22023", () -> db.q("[:find ?x :in $ ?x]", junk));
    e = fails("22023", () -> Datolite.q("[:find ?x :in [?x ...]]", List.of(1L, junk)));
    contains(e, "input 1 ([?x ...])", "java.lang.Object", "[1]");
    e = fails("22023", () -> Datolite.q("[:find ?a :in $ [?a ?b]]", db, List.of(1L, junk)));
    contains(e, "input 2 ([?a ?b])", "java.lang.Object");
    e = fails("22023", () -> db.q("[:find ?a :in $ [[?a ?b]]]", List.of(List.of(1L, 2L), List.of(3L, junk))));
    contains(e, "input 2 ([[?a ?b]])", "java.lang.Object", "[1 1]");
    e = fails("22023", () -> Datolite.q("[:find ?a :in $s :where [$s ?a ?b]]", List.of(List.of(1L, List.of(junk)))));
    contains(e, "input 1 ($s)", "java.lang.Object", "[0 1 0]");
    e = fails("22023", () -> db.q("[:find ?m :in $ ?m]", Map.of(Keyword.of("k"), new StringBuilder())));
    contains(e, "input 2 (?m)", "java.lang.StringBuilder");
    e = fails("22023", () -> db.q("[:find ?x :in $ % :where (r ?x)]", List.of(junk)));
    contains(e, "input 2 (%)", "java.lang.Object");
  }

  @Test
  void q_inputsTheEngineUses_areAccepted() {
    // databases (the log), compiled patterns, arrays as collections, and classes queries may call
    assertEquals((long) db.txRange(null, null).size(), db.q("[:find (count ?tx) . :in $ ?log :where"
        + " [(tx-ids ?log nil nil) [?tx ...]]]", db));
    assertEquals("b", Datolite.q("[:find ?m . :in ?re ?s :where [(re-find ?re ?s) ?m]]", Pattern.compile("b"), "abc"));
    assertEquals(Set.of(List.of(1L), List.of(2L)), Set.copyOf((Collection<?>) Datolite.q(
        "[:find ?x :in [?x ...]]", (Object) new Object[] {1L, 2L})));
    QueryLimits allowed = QueryLimits.DEFAULT.withJavaClasses(Set.of("java.lang.StringBuilder"));
    assertEquals(3L, Datolite.q(allowed, "[:find ?n . :in ?sb :where [(.length ?sb) ?n]]", new StringBuilder("abc")));
    assertEquals(Set.of(List.of(ann)), Set.copyOf((Collection<?>) db.q("[:find ?e :in $ ?x :where"
        + " [?e :p/name ?x]]", "Ann")));
    // a database where a string belongs is the attribute's type error, not an IllegalArgumentException
    contains(fails("22023", () -> db.q("[:find ?e :in $ ?x :where [?e :p/name ?x]]", db)), ":p/name holds string");
  }

  @Test
  void q_inputNestedTooDeep_failsWith54001() {
    List<Object> itself = new ArrayList<>();
    itself.add(itself);
    DatoliteException e = fails("54001", () -> db.q("[:find ?x :in $ ?x]", itself));
    contains(e, "input 2 (?x)", "512");
    Object deep = 1L;
    for (int i = 0; i < 100_000; i++) {
      deep = List.of(deep);
    }
    Object d = deep;
    fails("54001", () -> db.q("[:find ?x :in $ [?x ...]]", List.of(d, d)));
  }

  @Test
  void q_nullArguments_failWithSqlStates() {
    String query = "[:find ?e :where [?e :p/name]]";
    contains(fails("22023", () -> db.q(query, (Object[]) null)), "null");
    contains(fails("22023", () -> conn.q(query, (Object[]) null)), "null");
    contains(fails("22023", () -> Datolite.q(query, (Object[]) null)), "null");
    contains(fails("22023", () -> Datolite.q((QueryLimits) null, query, db)), "limits");
    contains(fails("42601", () -> db.q(null)), "query");
    contains(fails("42601", () -> Datolite.q((String) null, db)), "query");
    // one nil input is a value, not a missing array: no datom holds nil (it matched every name)
    assertEquals(List.of(), db.q("[:find ?e :in $ ?x :where [?e :p/name ?x]]", (Object) null));
    assertEquals(List.of(), db.q("[:find ?n :in $ ?e :where [?e :p/name ?n]]", (Object) null));
    assertEquals(List.of(), db.q("[:find ?e :in $ [?x ...] :where [?e :p/name ?x]]", Arrays.asList((Object) null)));
    assertEquals(List.of(), db.q("[:find ?b :in $ % ?a :where (r ?a ?b)]", "[[(r ?a ?b) [?a :p/friend ?b]]"
        + " [(r ?a ?b) (r ?a ?x) [?x :p/friend ?b]]]", null));
    assertEquals(List.of(), db.q("[:find ?b :in $ % ?a :where (r ?a ?b)]", "[[(r ?a ?b) [?a :p/friend ?b]]"
        + " [(r ?a ?b) [?a :p/friend ?x] [?x :p/name ?b]]]", null));
  }

  @Test
  void pull_nullArguments_failWithSqlStates() {
    contains(fails("42601", () -> db.pull(null, ann)), "pattern");
    contains(fails("22023", () -> db.pullMany("[*]", null)), "null");
  }

  @Test
  void builtInFunction_wrongNumberOfArguments_failsWith42601() {
    // these indexed past their arguments (ArrayIndexOutOfBoundsException)
    DatoliteException e = fails("42601", () -> db.q("[:find ?x :where [(subs \"abc\") ?x]]"));
    contains(e, "subs", "2 or 3", "got 1");
    fails("42601", () -> db.q("[:find ?x :where [(identity) ?x]]"));
    fails("42601", () -> db.q("[:find ?x :where [(re-find \"a\") ?x]]"));
    fails("42601", () -> db.q("[:find ?x :where [(max) ?x]]"));
    fails("42601", () -> db.q("[:find ?x :where [(inc 1 2) ?x]]"));
    fails("42601", () -> db.q("[:find ?e :where [?e :p/name ?n] [(quot 1)]]"));
    assertEquals("", db.q("[:find ?x . :where [(str) ?x]]"), "str takes any number");
  }

  @Test
  void aggregate_negativeCount_failsWith42601() {
    // (sample -1 ?x) and (max -1 ?x) threw IllegalArgumentException
    DatoliteException e = fails("42601", () -> Datolite.q("[:find (sample -1 ?x) . :in [?x ...]]", List.of(1L, 2L)));
    contains(e, "sample", "-1");
    fails("42601", () -> Datolite.q("[:find (max -1 ?x) . :in [?x ...]]", List.of(1L, 2L)));
    fails("42601", () -> Datolite.q("[:find (min \"2\" ?x) . :in [?x ...]]", List.of(1L, 2L)));
    fails("42601", () -> Datolite.q("[:find (count 1 ?x) . :in [?x ...]]", List.of(1L, 2L)));
    assertEquals(List.of(2L), Datolite.q("[:find (max 1 ?x) . :in [?x ...]]", List.of(1L, 2L)));
  }

  @Test
  void compare_valuesWithoutAnOrder_failsWith22023() {
    // characters, maps, sets, symbols and patterns are values but have no order: this threw
    // IllegalArgumentException from the storage's value order
    String less = "[:find ?a . :in ?a ?b :where [(< ?a ?b)]]";
    contains(fails("22023", () -> Datolite.q(less, 'a', 'b')), "cannot compare", "Character");
    fails("22023", () -> Datolite.q(less, Set.of(1L), Set.of(2L)));
    fails("22023", () -> Datolite.q(less, List.of('a'), List.of('b')));
    fails("22023", () -> Datolite.q(less, Pattern.compile("a"), Pattern.compile("b")));
    fails("22023", () -> Datolite.q("[:find (max ?a) . :in [?a ...]]", List.of('a', 'b')));
    assertEquals(Map.of(), Datolite.q("[:find ?a . :in ?a ?b :where [(= ?a ?b)]]", Map.of(),
        Map.of()), "equality needs no order");
  }

  @Test
  void rulesInput_parsedRulesMixedWithOtherValues_failsWith42601() {
    // a list starting with a parsed rule was cast whole to rules (ClassCastException)
    Rule r = QueryParser.parseRules("[[(r ?x) [(ground 1) ?x]]]").get(0);
    assertEquals(List.of(1L), Datolite.q("[:find [?x ...] :in % :where (r ?x)]", List.of(r)));
    fails("42601", () -> Datolite.q("[:find ?x :in % :where (r ?x)]", List.of(r, "x")));
  }

  @Test
  void keywordFunctions_wrongArguments_failWith22023or42601() {
    contains(fails("22023", () -> Datolite.q("[:find ?n . :in ?x :where [(name ?x) ?n]]", 1L)), "(name …) got");
    contains(fails("22023", () -> Datolite.q("[:find ?n . :in ?x :where [(namespace ?x) ?n]]", "a/b")),
        "(namespace …) got");
    contains(fails("22023", () -> Datolite.q("[:find ?k . :in ?x :where [(keyword ?x) ?k]]", "a b")), "keyword:");
    contains(fails("22023", () -> Datolite.q("[:find ?k . :in ?x :where [(keyword ?x \"\") ?k]]", "a")),
        "keyword:");
    contains(fails("42601", () -> Datolite.q("[:find ?k . :in ?x :where [(keyword ?x \"b\" \"c\") ?k]]", "a")),
        "(keyword …) takes 1 or 2 arguments; got 3");
    contains(fails("42601", () -> Datolite.q("[:find ?k . :in ?x :where [(name) ?k]]", "a")),
        "(name …) takes 1 argument; got 0");
  }

  @Test
  void subs_indexBeyondAnInt_failsWith22011() {
    // (int) of 2^40 is 0: this answered "abc"
    fails("22011", () -> Datolite.q("[:find ?y . :in ?i :where [(subs \"abc\" ?i) ?y]]", 1L << 40));
    fails("22011", () -> Datolite.q("[:find ?y . :in ?i :where [(subs \"abc\" 0 ?i) ?y]]", (1L << 32) + 2));
  }

  @Test
  void pull_malformedOptions_failWith42601() {
    fails("42601", () -> db.pull("[[:p/name nil 1]]", ann)); // was a NullPointerException
    fails("42601", () -> db.pull("[{:p/friend -1}]", ann)); // was silently nothing
    // 2^32 - 1 wrapped to -1 as an int, recursing nowhere; as good as unbounded, it stops at 100 levels
    fails("54001", () -> db.pull("[:p/name {:p/friend 4294967295}]", ann));
  }

  @Test
  void or_ofPredicatesOnlyOverOuterVariables_filtersRows() {
    // each branch binds nothing new: the or is a filter (was ArrayIndexOutOfBoundsException)
    Object r = Datolite.q("[:find ?g :in [[?g ?c]] :where (or [(= ?c \"c\")] [(= ?g \"x\")])]",
        List.of(List.of("a", "c"), List.of("x", "d"), List.of("y", "e")));
    assertEquals(Set.of(List.of("a"), List.of("x")), new HashSet<>((Collection<?>) r));
    // a variable no branch binds and nothing outside binds is an error, not an exception
    DatoliteException e = assertThrows(DatoliteException.class,
        () -> Datolite.q("[:find ?g :in [?g ...] :where (or [(= ?z 1)] [(= ?g \"x\")])]", List.of("x")));
    assertTrue(e.getMessage().contains("?z"), e.getMessage());
    assertTrue(e.sqlState().startsWith("42"), e.sqlState());
  }
}
