package org.datolite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.datolite.cli.shell.Shell;
import org.datolite.cli.shell.ShellCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellCommandTest {
  private static final AtomicInteger NAMES = new AtomicInteger();

  @TempDir
  Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run shell(String input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 1];
    all[0] = "shell";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = DatoliteCommand.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), all);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String memUrl() {
    return "mem:shell-test-" + NAMES.incrementAndGet();
  }

  private static final String CUSTOMERS = """
      CREATE TABLE customer (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, email VARCHAR(100) UNIQUE,
        credit DECIMAL(10, 2));
      INSERT INTO customer (id, name, email, credit) VALUES (1, 'Ada', NULL, 1.5), (2, 'Bob', 'bob@example.org', NULL);
      """;

  @Test
  void datalogQuery_runsWithinTheConnectionsQueryLimits() {
    Run run = shell(CUSTOMERS + "!datalog\n[:find ?n :where [_ :customer/name ?n]]\n", memUrl(), "-p",
        "query-max-rows=1", "--no-timing");
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue((run.out() + run.err()).contains("ERROR ") && (run.out() + run.err()).contains("1"),
        "two names against a limit of one row:\n" + run.out() + run.err());
    Run within = shell(CUSTOMERS + "!datalog\n[:find ?n :where [_ :customer/name ?n]]\n", memUrl(), "-p",
        "query-max-rows=2", "--no-timing");
    assertEquals(0, within.exit(), within.out() + within.err());
  }

  @Test
  void fileDatabase_createInsertSelect_printsAlignedTableWithNullAndRowCount() {
    String url = "file:" + dir.resolve("db");
    Run run = shell(CUSTOMERS + "SELECT id, name, email, credit FROM customer ORDER BY id;\n", url, "--no-timing");
    assertEquals(0, run.exit(), run.err());
    assertEquals("""
        OK
        (2 rows affected)
         ID | NAME | EMAIL           | CREDIT
        ----+------+-----------------+--------
          1 | Ada  | NULL            |   1.50
          2 | Bob  | bob@example.org |   NULL
        (2 rows)
        """, run.out());
    assertEquals("", run.err());

    Run again = shell("select name from customer where id = 2;", "jdbc:datolite:" + url, "--no-timing");
    assertEquals(0, again.exit(), again.err());
    assertEquals(" NAME\n------\n Bob\n(1 row)\n", again.out(), "the file database kept the rows");

    Run datalog = shell("[{:customer/id 3 :customer/name \"Cy\"}]\n", url, "--datalog", "--no-timing");
    assertEquals(0, datalog.exit(), datalog.err());
    Run read = shell("[:find [?n ...] :where [_ :customer/name ?n]]\n", url, "--datalog", "--no-timing");
    assertEquals(" ?n\n-----\n Ada\n Bob\n Cy\n(3 rows)\n", read.out(), "the transaction was kept: " + read.err());
  }

  @Test
  void timing_isPrintedWithTheRowCount() {
    Run run = shell(CUSTOMERS + "select name from customer where id = 1;\n", memUrl());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().matches("(?s)OK \\([0-9.]+ ms\\)\n\\(2 rows affected, [0-9.]+ ms\\)\n.*\\(1 row, [0-9.]+ ms\\)\n"),
        run.out());
  }

  @Test
  void multiLineStatement_withQuotesAndCommentsHoldingSemicolons_runsOnce() {
    Run run = shell(CUSTOMERS + """
        SELECT name, -- the name; not the email
               'a;b' AS "x;y"
          /* a block comment;
             over two lines */
          FROM customer
         WHERE id = 1
        ;
        """, memUrl(), "--no-timing");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().endsWith(" NAME | x;y\n------+-----\n Ada  | a;b\n(1 row)\n"), run.out());
  }

  @Test
  void syntaxError_isOneLineWithItsSqlState_andTheSessionContinues() {
    Run run = shell(CUSTOMERS + "SELEC 1;\nselect * from nope;\nselect count(*) AS n from customer;\n", memUrl(),
        "--no-timing");
    assertEquals(1, run.exit(), "a script with a failed statement exits 1");
    List<String> errors = run.err().lines().toList();
    assertEquals(2, errors.size(), run.err());
    assertTrue(errors.get(0).startsWith("ERROR 42601: "), errors.get(0));
    assertTrue(errors.get(1).startsWith("ERROR 42P01: ") && errors.get(1).contains("'NOPE' not found"), errors.get(1));
    assertFalse(run.err().contains("\tat "), "no stack trace");
    assertTrue(run.out().endsWith(" N\n---\n 2\n(1 row)\n"), run.out());
  }

  @Test
  void trace_printsTheStackTraceBelowTheLine() {
    Run run = shell("select * from nope;\n", memUrl(), "--trace");
    assertEquals(1, run.exit());
    assertTrue(run.err().startsWith("ERROR 42P01: "), run.err());
    assertTrue(run.err().contains("\tat "), run.err());

    run = shell("!trace on\nselect * from nope;\n!trace off\nselect * from nope;\n", memUrl());
    assertEquals(2, run.err().split("ERROR 42P01", -1).length - 1, run.err());
    assertEquals(1, run.err().split("SQLSyntaxErrorException", -1).length - 1, "one trace: " + run.err());
  }

  @Test
  void datalogMode_queriesAndTransactions_andSwitchingBack() {
    Run run = shell(CUSTOMERS + """
        !datalog
        [{:db/id "cy" :customer/id 3 :customer/name "Cy"}]
        [:find ?id ?name
         :where [?c :customer/id ?id]
                [?c :customer/name ?name]] ; a comment with a bracket ]
        [:find [?n ...] :where [_ :customer/name ?n]]
        [:find (count ?c) . :where [?c :customer/id]]
        {:find [?e] :where [[?c :customer/email ?e]]}
        [:find ?n ?i :keys name id :where [?c :customer/name ?n] [?c :customer/id ?i] [(= ?i 2)]]
        [:find (pull ?c [:customer/name]) . :where [?c :customer/id 3]]
        !pull [:customer/name :customer/id] [:customer/id 1]
        !sql
        select name from customer where id = 3;
        !q [:find ?i . :where [?c :customer/name "Bob"] [?c :customer/id ?i]]
        !tx [[:db/add "d" :customer/id 4] [:db/add "d" :customer/name "Di"]]
        select count(*) as n from customer;
        """, memUrl(), "--no-timing");
    assertEquals(0, run.exit(), run.err());
    String out = run.out();
    assertTrue(out.contains("Datalog mode"), out);
    assertTrue(out.matches("(?s).*tempids: \\{\"cy\" \\d+}\n\\(transaction t \\d+, 4 datoms\\)\n.*"), out);
    assertTrue(out.contains("""
         ?id | ?name
        -----+-------
           1 | Ada
           2 | Bob
           3 | Cy
        (3 rows)
        """), out);
    assertTrue(out.contains(" ?n\n-----\n Ada\n Bob\n Cy\n(3 rows)\n"), out);
    assertTrue(out.contains(" (count ?c)\n------------\n          3\n(1 row)\n"), out);
    assertTrue(out.contains(" ?e\n-----------------\n bob@example.org\n(1 row)\n"), out);
    assertTrue(out.contains(" name | id\n------+----\n Bob  |  2\n(1 row)\n"), out);
    assertTrue(out.contains("{:customer/name \"Cy\"}"), out);
    assertTrue(out.contains("{:customer/name \"Ada\", :customer/id 1}\n(1 entity)\n"), out);
    assertTrue(out.contains("SQL mode"), out);
    assertTrue(out.contains(" NAME\n------\n Cy\n(1 row)\n"), out);
    assertTrue(out.contains(" ?i\n----\n  2\n(1 row)\n"), out);
    assertTrue(out.endsWith(" N\n---\n 4\n(1 row)\n"), out);
  }

  @Test
  void datalogErrors_areOneLine_andTheSessionContinues() {
    Run run = shell("""
        !datalog
        [:find ?x :where [?e :nope/x ?x]]
        [{:nope/x 1}]
        :not-a-query
        [:find ?x :where [?e :db/ident ?x] [(= ?x :db/ident)]]
        !tx [:find ?x :where [?e :db/ident ?x]]
        !q [{:a 1}]
        """, memUrl(), "--no-timing");
    assertEquals(1, run.exit());
    List<String> errors = run.err().lines().toList();
    assertEquals(5, errors.size(), run.err());
    assertTrue(errors.get(0).startsWith("ERROR 42") && errors.get(0).contains(":nope/x"), errors.get(0));
    assertTrue(errors.get(1).startsWith("ERROR 42703: UNKNOWN_ATTRIBUTE"), errors.get(1));
    assertTrue(errors.get(2).startsWith("ERROR 42601: expected a query"), errors.get(2));
    assertTrue(errors.get(3).startsWith("ERROR 42601: expected transaction data"), errors.get(3));
    assertTrue(errors.get(4).startsWith("ERROR 42601: expected a query"), errors.get(4));
    assertTrue(run.out().contains(" ?x\n-----------\n :db/ident\n(1 row)\n"), run.out());
  }

  @Test
  void malformedInputAtTheEnd_isAClearError() {
    Run edn = shell("!datalog\n[:find ?x :where [?e :db/ident ?x]\n", memUrl());
    assertEquals(1, edn.exit());
    assertEquals("ERROR 42601: input ends with 1 unclosed bracket ((, [ or {)\n", edn.err());

    Run string = shell("select 'abc;\n", memUrl());
    assertEquals(1, string.exit());
    assertEquals("ERROR 42601: input ends inside a string literal opened at line 1, column 8\n", string.err());

    Run ednString = shell("!q [:find ?x :where [?e :db/doc \"open]]\n", memUrl());
    assertEquals(1, ednString.exit());
    assertTrue(ednString.err().startsWith("ERROR 42601: input ends inside a string opened at line 1"), ednString.err());

    Run comment = shell("!datalog\n; only a comment at the end\n", memUrl());
    assertEquals(0, comment.exit(), comment.err());

    Run empty = shell("!q\n", memUrl());
    assertEquals(1, empty.exit());
    assertTrue(empty.err().startsWith("ERROR 42601: no EDN form given"), empty.err());

    Run edn2 = shell("!datalog\n[:find ?x :where [?e :db/ident ?x]]]\n", memUrl());
    assertEquals(1, edn2.exit());
    assertTrue(edn2.err().startsWith("ERROR 42601: EDN syntax error at line 1"), edn2.err());
  }

  @Test
  void lastStatementWithoutSemicolon_stillRuns() {
    Run run = shell("select 1 as a;\nselect 2 as b", memUrl(), "--no-timing");
    assertEquals(0, run.exit(), run.err());
    assertEquals(" A\n---\n 1\n(1 row)\n B\n---\n 2\n(1 row)\n", run.out());
  }

  @Test
  void tablesAndDescribe() {
    Run run = shell(CUSTOMERS + """
        CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id INT NOT NULL REFERENCES customer (id));
        CREATE TABLE order_lines (id BIGINT PRIMARY KEY, qty INT DEFAULT 1);
        CREATE TABLE orderxlines (id BIGINT PRIMARY KEY);
        !tables
        !describe order_lines
        !describe customer
        !describe PUBLIC.ORDERS
        !describe history.customer
        !describe nope
        """, memUrl(), "--no-timing");
    assertEquals(1, run.exit());
    assertTrue(run.out().contains("""
         table       | type
        -------------+-------
         CUSTOMER    | TABLE
         ORDERS      | TABLE
         ORDERXLINES | TABLE
         ORDER_LINES | TABLE
        (4 tables)
        """), run.out());
    assertTrue(run.out().contains("""
         column | type    | null | default | key
        --------+---------+------+---------+-------------
         DB_ID  | BIGINT  | NO   |         |
         ID     | BIGINT  | NO   |         | PRIMARY KEY
         QTY    | INTEGER | YES  | 1       |
        (3 columns)
        """), "only ORDER_LINES, _ is no wildcard: " + run.out());
    assertTrue(run.out().contains("""
         column | type           | null | default | key
        --------+----------------+------+---------+-------------
         DB_ID  | BIGINT         | NO   |         |
         ID     | INTEGER        | NO   |         | PRIMARY KEY
         NAME   | VARCHAR(40)    | NO   |         |
         EMAIL  | VARCHAR(100)   | YES  |         | UNIQUE
         CREDIT | DECIMAL(10, 2) | YES  |         |
        (5 columns)
        """), run.out());
    assertTrue(run.out().contains(" CUSTOMER_ID | INTEGER | NO   |         | REFERENCES CUSTOMER (ID)"), run.out());
    assertTrue(run.out().contains(" NAME      | VARCHAR            | YES  |"), "HISTORY.CUSTOMER: " + run.out());
    assertFalse(run.out().contains("2147483647"), "unbounded text has no size: " + run.out());
    assertEquals("ERROR 42P01: table \"nope\" not found; !tables lists the tables\n", run.err());
  }

  @Test
  void help_listsEveryCommand_andAnUnknownCommandPointsAtIt() {
    Run run = shell("!help\n\\?\n!frobnicate now\n", memUrl());
    assertEquals(1, run.exit());
    for (String command : Shell.commandNames()) {
      assertTrue(run.out().contains(command), command + " in " + run.out());
    }
    assertEquals(2, run.out().split("!describe", -1).length - 1, "\\? lists them too");
    assertEquals("ERROR 42601: unknown command !frobnicate; !help lists the commands\n", run.err());
  }

  @Test
  void settings_maxrowsTimingQuit() {
    Run run = shell("""
        !maxrows 2
        select * from (values (1), (2), (3)) as t (x);
        !maxrows zero
        !timing off
        !quit
        select 1;
        """, memUrl());
    assertEquals(1, run.exit(), "the bad !maxrows argument");
    assertTrue(run.out().contains(" 2\n(first 2 rows shown; there are more: !maxrows N shows more; "), run.out());
    assertTrue(run.out().endsWith("timing off\n"), "nothing after !quit runs: " + run.out());
    assertTrue(run.err().startsWith("ERROR 22023: !maxrows expects a whole number"), run.err());
  }

  @Test
  void execute_runsStatementsAndExits_nonZeroOnFailure() {
    String url = memUrl();
    Run ok = shell("", url, "--no-timing", "-e", "create table t (id int primary key, s varchar(10));",
        "-e", "insert into t values (1, 'x'); select s from t");
    assertEquals(0, ok.exit(), ok.err());
    assertEquals("OK\n(1 row affected)\n S\n---\n x\n(1 row)\n", ok.out());

    Run failing = shell("", url, "-e", "select * from missing_table; select 1 as one_more;");
    assertEquals(1, failing.exit());
    assertTrue(failing.err().startsWith("ERROR 42P01: "), failing.err());
    assertTrue(failing.out().contains("ONE_MORE"), "the next statement ran: " + failing.out());

    Run stopped = shell("", url, "--stop-on-error", "-e", "select * from missing_table;", "-e", "select 1 as one_more;");
    assertEquals(1, stopped.exit());
    assertFalse(stopped.out().contains("ONE_MORE"), stopped.out());
  }

  @Test
  void stopOnError_stopsWithinOneLine_afterTheFailedStatement() {
    String url = memUrl();
    Run run = shell("create table s1 (id int primary key);\nselect nosuch; insert into s1 values (1);\n", url,
        "--no-timing", "--stop-on-error");
    assertEquals(1, run.exit());
    assertTrue(run.err().startsWith("ERROR "), run.err());
    assertFalse(run.out().contains("affected"), "the INSERT after the failure did not run: " + run.out());
    Run count = shell("select count(*) as n from s1;", url, "--no-timing");
    assertEquals(" N\n---\n 0\n(1 row)\n", count.out(), count.err());
  }

  @Test
  void execute_eachValueIsItsOwnInput() {
    Run two = shell("", memUrl(), "--no-timing", "-e", "select 1 as a", "-e", "select 2 as b");
    assertEquals(0, two.exit(), two.err());
    assertEquals(" A\n---\n 1\n(1 row)\n B\n---\n 2\n(1 row)\n", two.out());

    Run open = shell("", memUrl(), "--no-timing", "-e", "select 'x", "-e", "select 3 as c;");
    assertEquals(1, open.exit());
    assertEquals("ERROR 42601: input ends inside a string literal opened at line 1, column 8\n", open.err());
    assertEquals(" C\n---\n 3\n(1 row)\n", open.out(), "the next value still ran");

    Run stopped = shell("", memUrl(), "--no-timing", "--stop-on-error", "-e", "select 'x", "-e", "select 3 as c;");
    assertEquals(1, stopped.exit());
    assertEquals("", stopped.out(), "--stop-on-error stops after the failed value");
  }

  @Test
  void commands_acceptOneTrailingSemicolon() {
    Run run = shell("create table orders (id int primary key);\n!tables;\n\\d orders;\n!describe orders ; \n", memUrl(),
        "--no-timing");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains(" ORDERS | TABLE\n(1 table)\n"), run.out());
    assertEquals(2, run.out().split("\\(2 columns\\)", -1).length - 1, run.out());
  }

  @Test
  void badUrl_isOneClearLine_andExitsNonZero() {
    Run unknown = shell("", "bogus:thing");
    assertEquals(2, unknown.exit());
    assertEquals(1, unknown.err().lines().count(), unknown.err());
    assertTrue(unknown.err().startsWith("datolite: unknown database URL 'bogus:thing'; expected file:PATH"),
        unknown.err());

    Run property = shell("", memUrl(), "-p", "no-such-property=1");
    assertEquals(3, property.exit());
    assertEquals(1, property.err().lines().count(), property.err());
    assertTrue(property.err().startsWith("datolite shell: cannot open jdbc:datolite:mem:"), property.err());
    assertTrue(property.err().contains("ERROR 42704: "), property.err());
  }

  @Test
  void unopenableFileDatabase_isOneClearLine() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Run run = shell("", "file:" + file);
    assertEquals(3, run.exit());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("datolite shell: cannot open jdbc:datolite:file:" + file + ": ERROR 08001: "),
        run.err());
  }

  @Test
  void postgresqlPeerWithoutSecret_isABadArgument() {
    Run run = shell("", "postgresql://127.0.0.1:1/none?db=x", "--secret-env", "DATOLITE_SHELL_TEST_NO_SUCH_VARIABLE");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("no secret for a transactor peer"), run.err());
  }

  @Test
  void completion_offersTablesColumnsKeywordsAndCommands_andSeesNewTables() throws Exception {
    try (Connection conn = DriverManager.getConnection("jdbc:datolite:" + memUrl())) {
      try (Statement s = conn.createStatement()) {
        s.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, email VARCHAR(100))");
      }
      Shell shell = new Shell(conn, new PrintWriter(new ByteArrayOutputStream()),
          new PrintWriter(new ByteArrayOutputStream()));
      ShellCompleter completer = shell.completer();
      assertEquals(List.of("customer", "customer.db_id", "customer.email", "customer.id"),
          completer.candidates("select * from cust", 18));
      assertEquals(List.of("email"), completer.candidates("select id,em", 12));
      assertEquals(List.of("CUSTOMER.EMAIL"), completer.candidates("SELECT CUSTOMER.E from x", 17));
      assertTrue(completer.candidates("SEL", 3).contains("SELECT"));
      assertEquals(List.of("!describe"), completer.candidates("!desc", 5));
      assertEquals(List.of("customer"), completer.candidates("!describe cu", 12));

      assertTrue(shell.execute("create table product (sku varchar(20) primary key);"));
      assertEquals(List.of("product", "product.db_id", "product.sku"), completer.candidates("select * from pro", 17),
          "names are read again after DDL");

      shell.mode(Shell.Mode.DATALOG);
      assertEquals(List.of(":customer/email"), completer.candidates("[:find ?e :where [_ :customer/em", 32));
      assertTrue(shell.execute("[{:db/ident :note/text :db/valueType :db.type/string :db/cardinality"
          + " :db.cardinality/one}]"));
      assertEquals(List.of(":note/text"), completer.candidates("[:find ?t :where [_ :note/", 26),
          "idents are read again after a transaction");
    }
  }

  @Test
  void terminalSession_multiLineInputCompletesOnSemicolon_andKeepsHistory() throws Exception {
    Path history = dir.resolve("history");
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    String typed = "select 1\n  as x;\n!datalog\n[:find ?i\n :where [?e :db/ident ?i] [(= ?i :db/ident)]]\n!history\n"
        + "!quit\n";
    try (Connection conn = DriverManager.getConnection("jdbc:datolite:" + memUrl());
        Terminal terminal = TerminalBuilder.builder().system(false).dumb(true).type("dumb")
            .streams(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen).build()) {
      Shell shell = new Shell(conn, terminal.writer(), terminal.writer());
      shell.timing(false);
      shell.runInteractive(terminal, history);
      assertEquals(0, shell.failures());
    }
    String out = screen.toString(StandardCharsets.UTF_8).replace("\r", "");
    assertTrue(out.contains("datolite> select 1\n       ->   as x;\n"), "the continuation prompt: " + out);
    assertTrue(out.contains(" X\n---\n 1\n(1 row)\n"), out);
    assertTrue(out.contains(" ?i\n-----------\n :db/ident\n(1 row)\n"), out);
    assertTrue(out.contains("datalog> "), out);
    assertTrue(out.contains("    1  select 1\n         as x;\n    2  !datalog\n"), "history lists the multi-line input: "
        + out);
    String saved = Files.readString(history);
    assertTrue(saved.contains("!datalog"), saved);
  }
}
