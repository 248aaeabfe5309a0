package org.datolite.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.datolite.datom.Datom;
import org.datolite.value.Keyword;

/**
 * A deterministic, realistic dataset of people, products and orders, as a transaction log: the
 * datoms of each transaction in order, with ids laid out as Datomic lays them out (user entities
 * from {@code 2^44}, transaction entities from {@code 3·2^42}). Some orders later change status,
 * which retracts the old value, so the data has history too.
 *
 * <p>Used by the demo and by the storage benchmarks; the same seed and size always give the same
 * datoms. The attribute ids below stand in for an installed schema until the transactor exists.
 */
public final class SampleData {
  /** The attributes of the dataset: id, ident, and whether values are entity ids. */
  public record Attribute(long id, Keyword ident, boolean ref) {}

  public static final Map<Long, Attribute> ATTRIBUTES = new LinkedHashMap<>();

  public static final long PERSON_NAME = attr(100, ":person/name", false);
  public static final long PERSON_EMAIL = attr(101, ":person/email", false);
  public static final long PERSON_AGE = attr(102, ":person/age", false);
  public static final long PERSON_CITY = attr(103, ":person/city", true);
  public static final long PERSON_JOINED = attr(104, ":person/joined", false);
  public static final long CITY_NAME = attr(110, ":city/name", false);
  public static final long PRODUCT_SKU = attr(120, ":product/sku", false);
  public static final long PRODUCT_NAME = attr(121, ":product/name", false);
  public static final long PRODUCT_PRICE = attr(122, ":product/price", false);
  public static final long PRODUCT_CATEGORY = attr(123, ":product/category", false);
  public static final long ORDER_ID = attr(130, ":order/id", false);
  public static final long ORDER_CUSTOMER = attr(131, ":order/customer", true);
  public static final long ORDER_PLACED = attr(132, ":order/placedAt", false);
  public static final long ORDER_STATUS = attr(133, ":order/status", false);
  public static final long ORDER_TOTAL = attr(134, ":order/total", false);
  public static final long ORDER_LINES = attr(135, ":order/lines", true);
  public static final long LINE_PRODUCT = attr(140, ":line/product", true);
  public static final long LINE_QUANTITY = attr(141, ":line/quantity", false);
  public static final long LINE_PRICE = attr(142, ":line/price", false);
  public static final long TX_INSTANT = attr(50, ":db/txInstant", false);

  /** The first user entity id (Datomic's user partition). */
  public static final long FIRST_ENTITY = 1L << 44;
  /** The transaction entity of t = 0 (Datomic's tx partition). */
  public static final long TX0 = 3L << 42;

  private static final String[] FIRST = {"Ivan", "Petr", "Sergei", "Anna", "Maria", "Olga", "Oleg", "Elena"};
  private static final String[] LAST = {"Ivanov", "Petrov", "Sidorov", "Smirnova", "Kuznetsova", "Popova"};
  private static final String[] CITIES = {"Berlin", "Lisbon", "Oslo", "Riga", "Tallinn", "Vienna", "Zurich", "Porto"};
  private static final String[] ADJECTIVES = {"Compact", "Deluxe", "Eco", "Heavy", "Light", "Smart", "Classic"};
  private static final String[] NOUNS = {"Kettle", "Lamp", "Chair", "Desk", "Router", "Backpack", "Monitor", "Drill"};
  private static final Keyword[] CATEGORIES = {
      Keyword.of(":category/home"), Keyword.of(":category/office"), Keyword.of(":category/outdoor"),
      Keyword.of(":category/electronics")};
  private static final Keyword PLACED = Keyword.of(":status/placed");
  private static final Keyword[] LATER = {Keyword.of(":status/shipped"), Keyword.of(":status/delivered"),
      Keyword.of(":status/cancelled")};

  private SampleData() {}

  private static long attr(long id, String ident, boolean ref) {
    ATTRIBUTES.put(id, new Attribute(id, Keyword.of(ident), ref));
    return id;
  }

  /** Whether an attribute of the dataset holds entity ids. */
  public static boolean isRef(long attribute) {
    Attribute a = ATTRIBUTES.get(attribute);
    return a != null && a.ref();
  }

  /** The transaction id of basis {@code t}. */
  public static long tx(long t) {
    return TX0 + t;
  }

  /**
   * The transactions of a dataset of about {@code targetDatoms} datoms: cities, then people and
   * products, then orders with their lines, with one in ten orders later changing status.
   *
   * @return each transaction's datoms, transaction {@code i} having t = i + 1
   */
  public static List<List<Datom>> transactions(long targetDatoms, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Generator g = new Generator(random);
    long people = Math.max(10, targetDatoms / 50);
    long products = Math.max(10, targetDatoms / 200);
    List<List<Datom>> txs = new ArrayList<>();
    long[] cities = new long[CITIES.length];
    List<Datom> first = g.begin();
    for (int i = 0; i < CITIES.length; i++) {
      cities[i] = g.entity();
      first.add(Datom.of(cities[i], CITY_NAME, CITIES[i], g.tx));
    }
    txs.add(first);
    long[] personIds = new long[(int) people];
    for (int i = 0; i < people; i++) {
      List<Datom> tx = g.begin();
      long e = g.entity();
      personIds[i] = e;
      String firstName = FIRST[random.nextInt(FIRST.length)];
      String lastName = LAST[random.nextInt(LAST.length)];
      tx.add(Datom.of(e, PERSON_NAME, firstName + " " + lastName, g.tx));
      tx.add(Datom.of(e, PERSON_EMAIL, firstName.toLowerCase() + "." + lastName.toLowerCase() + i + "@example.com", g.tx));
      tx.add(Datom.of(e, PERSON_AGE, 18L + random.nextInt(70), g.tx));
      tx.add(Datom.of(e, PERSON_CITY, cities[random.nextInt(cities.length)], g.tx));
      tx.add(Datom.of(e, PERSON_JOINED, g.now(), g.tx));
      txs.add(tx);
    }
    long[] productIds = new long[(int) products];
    BigDecimal[] prices = new BigDecimal[(int) products];
    for (int i = 0; i < products; i++) {
      List<Datom> tx = g.begin();
      long e = g.entity();
      productIds[i] = e;
      prices[i] = BigDecimal.valueOf(99 + random.nextInt(99_900), 2);
      tx.add(Datom.of(e, PRODUCT_SKU, String.format("SKU-%06d", i), g.tx));
      tx.add(Datom.of(e, PRODUCT_NAME, ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " "
          + NOUNS[random.nextInt(NOUNS.length)] + " " + (1 + random.nextInt(9)) + "00", g.tx));
      tx.add(Datom.of(e, PRODUCT_PRICE, prices[i], g.tx));
      tx.add(Datom.of(e, PRODUCT_CATEGORY, CATEGORIES[random.nextInt(CATEGORIES.length)], g.tx));
      txs.add(tx);
    }
    long datoms = txs.stream().mapToLong(List::size).sum();
    List<long[]> shippable = new ArrayList<>();
    while (datoms < targetDatoms) {
      List<Datom> tx = g.begin();
      long order = g.entity();
      tx.add(Datom.of(order, ORDER_ID, new UUID(random.nextLong(), random.nextLong()), g.tx));
      tx.add(Datom.of(order, ORDER_CUSTOMER, personIds[random.nextInt(personIds.length)], g.tx));
      tx.add(Datom.of(order, ORDER_PLACED, g.now(), g.tx));
      tx.add(Datom.of(order, ORDER_STATUS, PLACED, g.tx));
      BigDecimal total = BigDecimal.ZERO.setScale(2);
      int lines = 1 + random.nextInt(5);
      for (int l = 0; l < lines; l++) {
        long line = g.entity();
        int p = random.nextInt(productIds.length);
        long quantity = 1 + random.nextInt(4);
        tx.add(Datom.of(order, ORDER_LINES, line, g.tx));
        tx.add(Datom.of(line, LINE_PRODUCT, productIds[p], g.tx));
        tx.add(Datom.of(line, LINE_QUANTITY, quantity, g.tx));
        tx.add(Datom.of(line, LINE_PRICE, prices[p], g.tx));
        total = total.add(prices[p].multiply(BigDecimal.valueOf(quantity)));
      }
      tx.add(Datom.of(order, ORDER_TOTAL, total, g.tx));
      if (random.nextInt(10) == 0) {
        shippable.add(new long[] {order, g.tx});
      }
      datoms += tx.size();
      txs.add(tx);
      if (!shippable.isEmpty() && random.nextInt(10) == 0) {
        long[] o = shippable.remove(0);
        List<Datom> update = g.begin();
        Datom placed = Datom.of(o[0], ORDER_STATUS, PLACED, o[1]);
        update.add(placed.retractedBy(g.tx));
        update.add(Datom.of(o[0], ORDER_STATUS, LATER[random.nextInt(LATER.length)], g.tx));
        datoms += update.size();
        txs.add(update);
      }
    }
    return txs;
  }

  /** Ids and clocks of the generated log. */
  private static final class Generator {
    private final SplittableRandom random;
    private long nextEntity = FIRST_ENTITY;
    private long t;
    private long tx;
    private long clock = 1_700_000_000_000L;

    Generator(SplittableRandom random) {
      this.random = random;
    }

    /** Starts a transaction: a new tx id and its {@code :db/txInstant}. */
    List<Datom> begin() {
      t++;
      tx = tx(t);
      clock += 1 + random.nextInt(2000);
      List<Datom> datoms = new ArrayList<>();
      datoms.add(Datom.of(tx, TX_INSTANT, Instant.ofEpochMilli(clock), tx));
      return datoms;
    }

    long entity() {
      return nextEntity++;
    }

    Instant now() {
      return Instant.ofEpochMilli(clock);
    }
  }
}
