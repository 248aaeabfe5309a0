package org.datolite.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The demo's sample shop, generated: customers, products with cardinality-many tags, orders that
 * refer to a customer, and order lines that refer to an order and a product. The schema is EDN
 * (Datomic's way), so the tables SQL shows come from it: {@code CUSTOMER}, {@code PRODUCT} (with
 * the child table {@code PRODUCT_TAGS}), {@code ORDERS} and {@code LINE}, each ref named after
 * the namespace it points at so that it is reported as a foreign key. The same seed and scale
 * always give the same data.
 */
public final class StoreData {
  /** The schema: identities, refs, an enum of statuses and a cardinality-many attribute. */
  public static final String SCHEMA = """
      [{:db/ident :customer/email :db/valueType :db.type/string :db/cardinality :db.cardinality/one
        :db/unique :db.unique/identity :db/doc "A customer's email, their identity"}
       {:db/ident :customer/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :customer/city :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :product/sku :db/valueType :db.type/string :db/cardinality :db.cardinality/one
        :db/unique :db.unique/identity}
       {:db/ident :product/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :product/price :db/valueType :db.type/bigdec :db/cardinality :db.cardinality/one}
       {:db/ident :product/tags :db/valueType :db.type/string :db/cardinality :db.cardinality/many}
       {:db/ident :orders/number :db/valueType :db.type/long :db/cardinality :db.cardinality/one
        :db/unique :db.unique/identity}
       {:db/ident :orders/customer :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}
       {:db/ident :orders/placed :db/valueType :db.type/instant :db/cardinality :db.cardinality/one}
       {:db/ident :orders/status :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}
       {:db/ident :orders.status/placed}
       {:db/ident :orders.status/shipped}
       {:db/ident :orders.status/delivered}
       {:db/ident :line/orders :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}
       {:db/ident :line/product :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}
       {:db/ident :line/quantity :db/valueType :db.type/long :db/cardinality :db.cardinality/one}
       {:db/ident :line/price :db/valueType :db.type/bigdec :db/cardinality :db.cardinality/one}]""";

  /** The tables SQL shows of the schema. */
  public static final List<String> TABLES = List.of("CUSTOMER", "LINE", "ORDERS", "PRODUCT", "PRODUCT_TAGS");

  private static final String[] FIRST = {"Ada", "Boris", "Chen", "Dana", "Emil", "Farah", "Greta", "Hugo", "Ines",
      "Jonas", "Kira", "Luis", "Mira", "Nils", "Olga", "Pavel"};
  private static final String[] LAST = {"Alves", "Berg", "Costa", "Dahl", "Eriksen", "Fischer", "Horvat", "Ivanova",
      "Jensen", "Kowalski", "Lindqvist", "Moreau"};
  private static final String[] CITIES = {"Berlin", "Lisbon", "Oslo", "Riga", "Tallinn", "Vienna", "Zurich", "Porto"};
  private static final String[] ADJECTIVES = {"Compact", "Deluxe", "Eco", "Heavy", "Light", "Smart", "Classic"};
  private static final String[] NOUNS = {"Kettle", "Lamp", "Chair", "Desk", "Router", "Backpack", "Monitor", "Drill"};
  private static final String[] TAGS = {"eco", "bestseller", "new", "outdoor", "office", "gift", "sale"};
  private static final String[] STATUSES = {":orders.status/placed", ":orders.status/shipped",
      ":orders.status/delivered"};
  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  private final int customers;
  private final int products;
  private final int orders;
  private final SplittableRandom random;

  /** The shop at {@code scale}: 100 customers, 20 products and 500 orders per unit of scale. */
  public StoreData(int scale, long seed) {
    if (scale < 1) {
      throw new IllegalArgumentException("scale " + scale + "; expected at least 1");
    }
    this.customers = 100 * scale;
    this.products = 20 * scale;
    this.orders = 500 * scale;
    this.random = new SplittableRandom(seed);
  }

  public int customers() {
    return customers;
  }

  public int products() {
    return products;
  }

  public int orders() {
    return orders;
  }

  /** The email of customer {@code i} (its identity). */
  public static String email(int i) {
    return String.format(Locale.ROOT, "customer%05d@example.com", i);
  }

  /** The SKU of product {@code i} (its identity). */
  public static String sku(int i) {
    return String.format(Locale.ROOT, "SKU-%04d", i);
  }

  /**
   * The data as transactions of EDN text, customers and products first, then orders with their
   * lines, about {@code perTx} entities each; orders and lines name their customer and products
   * by lookup refs, so every transaction stands alone.
   */
  public List<String> transactions(int perTx) {
    List<String> txs = new ArrayList<>();
    StringBuilder tx = new StringBuilder("[");
    int inTx = 0;
    for (int i = 0; i < customers; i++) {
      tx.append(String.format(Locale.ROOT, "{:customer/email \"%s\" :customer/name \"%s %s\" :customer/city \"%s\"}%n",
          email(i), pick(FIRST), pick(LAST), pick(CITIES)));
      inTx = cut(txs, tx, inTx + 1, perTx);
    }
    for (int i = 0; i < products; i++) {
      StringBuilder tags = new StringBuilder();
      int n = 1 + random.nextInt(3);
      for (int k = 0; k < n; k++) {
        tags.append(k == 0 ? "" : " ").append('"').append(TAGS[(i + k * 3) % TAGS.length]).append('"');
      }
      BigDecimal price = BigDecimal.valueOf(499 + random.nextInt(40_000), 2);
      tx.append(String.format(Locale.ROOT, "{:product/sku \"%s\" :product/name \"%s %s\" :product/price %sM"
          + " :product/tags [%s]}%n", sku(i), pick(ADJECTIVES), pick(NOUNS), price.toPlainString(), tags));
      inTx = cut(txs, tx, inTx + 1, perTx);
    }
    inTx = flush(txs, tx, inTx); // orders refer to customers and products by lookup refs: they come after
    for (int i = 0; i < orders; i++) {
      Instant placed = START.plus(i * 7L, ChronoUnit.MINUTES);
      String ref = "\"o" + i + "\"";
      tx.append(String.format(Locale.ROOT, "{:db/id %s :orders/number %d :orders/customer [:customer/email \"%s\"]"
          + " :orders/placed #inst \"%s\" :orders/status %s}%n", ref, 100_000 + i, email(random.nextInt(customers)),
          placed, STATUSES[i < orders - orders / 10 ? 1 + random.nextInt(2) : 0]));
      int lines = 1 + random.nextInt(4);
      for (int l = 0; l < lines; l++) {
        tx.append(String.format(Locale.ROOT, "{:line/orders %s :line/product [:product/sku \"%s\"] :line/quantity %d"
            + " :line/price %sM}%n", ref, sku(random.nextInt(products)), 1 + random.nextInt(5),
            BigDecimal.valueOf(499 + random.nextInt(40_000), 2).toPlainString()));
      }
      inTx = cut(txs, tx, inTx + 1 + lines, perTx);
    }
    flush(txs, tx, inTx);
    return txs;
  }

  private static int cut(List<String> txs, StringBuilder tx, int inTx, int perTx) {
    return inTx < perTx ? inTx : flush(txs, tx, inTx);
  }

  /** Ends the transaction being written, if it holds anything, and starts the next. */
  private static int flush(List<String> txs, StringBuilder tx, int inTx) {
    if (inTx > 0) {
      txs.add(tx.append(']').toString());
      tx.setLength(0);
      tx.append('[');
    }
    return 0;
  }

  private String pick(String[] words) {
    return words[random.nextInt(words.length)];
  }
}
