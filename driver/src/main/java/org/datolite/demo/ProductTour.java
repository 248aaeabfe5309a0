package org.datolite.demo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.datolite.Database;
import org.datolite.cli.Progress;
import org.datolite.cli.shell.ResultTable;
import org.datolite.DatoliteConnection;
import org.datolite.edn.Edn;

/**
 * The demo: a tour of what Datolite does that other databases do not, on a sample shop
 * ({@link StoreData}) in an embedded {@code file:} database. The same data is answered in SQL and
 * in Datalog, a value changed by an {@code UPDATE} is still there as of before it, and every
 * answer is computed in this process from the peer's own indexes, timed.
 *
 * <p>Each step prints a one-line caption, the statement, its answer as a table and the time it
 * took; the run ends with the timings side by side. A database that already holds the shop is
 * reopened, not loaded again, so a second run shows the first run's {@code UPDATE} in history.
 */
public final class ProductTour {
  private final String url;
  private final PrintWriter out;
  private final List<List<Object>> timings = new ArrayList<>();

  /** A tour of the database at {@code jdbcUrl}, printed to {@code out}. */
  public ProductTour(String jdbcUrl, PrintWriter out) {
    this.url = jdbcUrl;
    this.out = out;
  }

  /**
   * Runs the tour, loading the shop at {@code scale} first if the database has no customers, with
   * a bar of {@code progress} counting the entities loaded.
   */
  public void run(int scale, long seed, Progress progress) throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      DatoliteConnection peer = c.unwrap(DatoliteConnection.class);
      load(c, peer, scale, seed, progress);
      sqlOverEntities(c);
      joinAlongRefs(c);
      datalogWithRule(peer);
      pull(peer);
      datalogInSql(c);
      updateThenAsOf(c);
      history(c);
      summary();
    }
    out.flush();
  }

  private void load(Connection c, DatoliteConnection conn, int scale, long seed,
      Progress progress) throws SQLException {
    List<String> tables = tables(c);
    if (!tables.isEmpty() && !tables.containsAll(StoreData.TABLES)) {
      throw new IllegalStateException(url + " holds another database (tables " + tables + "); the demo loads its shop"
          + " only into an empty directory or reopens one it made");
    }
    if (!tables.isEmpty()) {
      out.printf(Locale.ROOT, "Opened the sample shop at %s (basis t %d): %s customers, %s orders.%n%n", url,
          conn.db().basisT(), count(c, "customer"), count(c, "orders"));
      return;
    }
    StoreData data = new StoreData(scale, seed);
    long t0 = System.nanoTime();
    conn.transact(StoreData.SCHEMA);
    List<String> txs = data.transactions(250);
    long entities = txs.stream().mapToLong(ProductTour::countMaps).sum();
    try (Progress.Bar bar = progress.start("Loading", entities)) {
      for (String tx : txs) {
        conn.transact(tx);
        bar.stepBy(countMaps(tx));
      }
    }
    out.printf(Locale.ROOT, "Loaded a sample shop into %s: %,d customers, %,d products, %,d orders and their lines"
        + " (%,d entities, %,d transactions) in %.1f s.%n%n", url, data.customers(), data.products(), data.orders(),
        entities, txs.size() + 1, (System.nanoTime() - t0) / 1e9);
  }

  /** The entities of a transaction: its maps (the text holds no braces in strings). */
  private static long countMaps(String tx) {
    long n = 0;
    for (int i = 0; i < tx.length(); i++) {
      if (tx.charAt(i) == '{') {
        n++;
      }
    }
    return n;
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", null)) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return names;
  }

  private static String count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return String.format(Locale.ROOT, "%,d", rs.getLong(1));
    }
  }

  // ---- the steps --------------------------------------------------------------------------------

  private void sqlOverEntities(Connection c) throws SQLException {
    caption(1, "SQL over entity tables: each attribute namespace is a table (:customer/city is CUSTOMER.CITY).");
    query(c, "Customers in Lisbon", """
        SELECT name, email FROM customer WHERE city = 'Lisbon' ORDER BY name LIMIT 5""");
  }

  private void joinAlongRefs(Connection c) throws SQLException {
    caption(2, "A join along refs: orders point at customers, lines at orders and products.");
    query(c, "Best customers", """
        SELECT c.name, COUNT(DISTINCT o.db_id) AS orders, SUM(l.quantity * l.price) AS spent
        FROM customer c JOIN orders o ON o.customer = c.db_id JOIN line l ON l.orders = o.db_id
        GROUP BY c.name ORDER BY spent DESC LIMIT 5""");
  }

  private void datalogWithRule(DatoliteConnection conn) {
    caption(3, "Datalog with a rule, on the same data, through Connection.unwrap(DatoliteConnection.class).");
    String rules = """
        [[(bought ?c ?p) [?o :orders/customer ?c] [?l :line/orders ?o] [?l :line/product ?p]]]""";
    String q = """
        [:find ?city (count-distinct ?c)
         :in $ %
         :where [?p :product/tags "eco"] (bought ?c ?p) [?c :customer/city ?city]]""";
    out.println("  rules: " + rules);
    out.println(indent(q));
    Database db = conn.db();
    long t0 = System.nanoTime();
    Object result = db.q(q, rules);
    long nanos = System.nanoTime() - t0;
    long t1 = System.nanoTime();
    db.q(q, rules);
    long again = System.nanoTime() - t1;
    List<List<Object>> rows = new ArrayList<>();
    for (Object row : (Collection<?>) result) {
      rows.add(new ArrayList<>((List<?>) row));
    }
    rows.sort((x, y) -> Long.compare(((Number) y.get(1)).longValue(), ((Number) x.get(1)).longValue()));
    table(List.of("?city", "(count-distinct ?c)"), rows);
    timed("Customers who bought eco products, by city (Datalog)", rows.size(), nanos, again);
  }

  private void pull(DatoliteConnection conn) {
    caption(4, "A pull: one order as a tree, following refs forward and back (:line/_orders).");
    String pattern = "[:orders/number :orders/status {:orders/customer [:customer/name :customer/city]}"
        + " {:line/_orders [:line/quantity {:line/product [:product/name :product/tags]}]}]";
    out.println("  " + pattern + "  of  [:orders/number 100000]");
    Database db = conn.db();
    List<Object> order = List.of(Edn.read(":orders/number"), 100_000L);
    long t0 = System.nanoTime();
    Map<Object, Object> tree = db.pull(pattern, order);
    long nanos = System.nanoTime() - t0;
    long t1 = System.nanoTime();
    db.pull(pattern, order);
    long again = System.nanoTime() - t1;
    out.println(indent(Edn.write(tree)));
    timed("One order with its customer and lines (pull)", 1, nanos, again);
  }

  private void datalogInSql(Connection c) throws SQLException {
    caption(5, "DATALOG(…) inside SQL: a Datalog query is a table SQL can join.");
    query(c, "Eco products, priciest first", """
        SELECT p.sku, d.name, p.price
        FROM DATALOG('[:find ?p ?name :where [?p :product/tags "eco"] [?p :product/name ?name]]') AS d
        JOIN product p ON p.db_id = d.p
        ORDER BY p.price DESC LIMIT 5""");
  }

  private void updateThenAsOf(Connection c) throws SQLException {
    caption(6, "An UPDATE, then the same query FOR SYSTEM_TIME AS OF before it: nothing is overwritten.");
    long before = c.unwrap(DatoliteConnection.class).db().basisT();
    String sku = StoreData.sku(0);
    try (PreparedStatement p = c.prepareStatement("UPDATE product SET price = price * 1.1 WHERE sku = ?")) {
      p.setString(1, sku);
      long t0 = System.nanoTime();
      int n = p.executeUpdate();
      long nanos = System.nanoTime() - t0;
      out.printf(Locale.ROOT, "  UPDATE product SET price = price * 1.1 WHERE sku = '%s'%n  -> %d row updated%n", sku, n);
      timed("The price rises by 10% (UPDATE, one transaction)", n, nanos, -1);
    }
    query(c, "The price now", "SELECT sku, name, price FROM product WHERE sku = '" + sku + "'");
    query(c, "The price before the UPDATE", "SELECT sku, name, price FROM product FOR SYSTEM_TIME AS OF BASIS_T("
        + before + ") WHERE sku = '" + sku + "'");
  }

  private void history(Connection c) throws SQLException {
    caption(7, "The history of one value: every assertion and retraction of the price, with its transaction.");
    query(c, "Price history", """
        SELECT h.price, h.added, t.t, t.instant
        FROM history.product h JOIN datoms.transactions t ON t.tx = h.tx
        WHERE h.db_id = (SELECT db_id FROM product WHERE sku = '%s') AND h.price IS NOT NULL
        ORDER BY t.t, h.added""".formatted(StoreData.sku(0)));
  }

  private void summary() {
    caption(8, "How long each answer took. Every read ran in this process, on the peer's own copy of the indexes:"
        + " no server round trip.");
    table(List.of("answer", "rows", "first ms", "again ms"), timings, "-");
    out.println("  The first run of a statement plans it (and compiles its code); again, it runs the cached plan.");
    out.println();
  }

  // ---- printing ---------------------------------------------------------------------------------

  private void caption(int step, String text) {
    out.printf(Locale.ROOT, "%d. %s%n", step, text);
  }

  /** Runs a query twice (the first run plans and compiles it), prints its answer and both times. */
  private void query(Connection c, String title, String sql) throws SQLException {
    out.println(indent(sql));
    List<String> header = new ArrayList<>();
    List<List<Object>> rows = new ArrayList<>();
    long first = read(c, sql, header, rows);
    long again = read(c, sql, new ArrayList<>(), new ArrayList<>());
    table(header, rows);
    timed(title, rows.size(), first, again);
  }

  private static long read(Connection c, String sql, List<String> header, List<List<Object>> rows)
      throws SQLException {
    long t0 = System.nanoTime();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        header.add(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT));
      }
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= header.size(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return System.nanoTime() - t0;
  }

  /** Prints and keeps an answer's times: the first run, and a second one ({@code again}, or -1 for none). */
  private void timed(String title, int rows, long nanos, long again) {
    out.printf(Locale.ROOT, "  (%d row%s, %.1f ms%s)%n%n", rows, rows == 1 ? "" : "s", nanos / 1e6,
        again < 0 ? "" : String.format(Locale.ROOT, "; again: %.2f ms", again / 1e6));
    timings.add(Arrays.asList(title, rows, millis(nanos), again < 0 ? null : millis(again)));
  }

  private static BigDecimal millis(long nanos) {
    return BigDecimal.valueOf(nanos / 10_000).movePointLeft(2);
  }

  private void table(List<String> header, List<List<Object>> rows) {
    table(header, rows, ResultTable.NULL);
  }

  /** Prints rows as the shell does ({@link ResultTable}), numeric columns right-aligned, null as {@code nullText}. */
  private void table(List<String> header, List<List<Object>> rows, String nullText) {
    boolean[] numeric = new boolean[header.size()];
    for (int i = 0; i < numeric.length; i++) {
      int column = i;
      numeric[i] = !rows.isEmpty() && rows.stream().allMatch(r -> r.get(column) == null || r.get(column) instanceof Number);
    }
    ResultTable table = new ResultTable(header, numeric);
    for (List<Object> row : rows) {
      table.add(row.stream().map(v -> v == null ? nullText : v.toString()).toList());
    }
    StringWriter text = new StringWriter();
    table.print(new PrintWriter(text));
    text.toString().lines().forEach(line -> out.println(" " + line)); // the shell's table, indented as the statements
  }

  private static String indent(String text) {
    return "  " + text.replace("\n", "\n  ");
  }
}
