package org.datolite.transactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.schema.Attribute;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.transactor.tx.TxErrorCode;
import org.datolite.transactor.tx.TxException;
import org.datolite.value.Keyword;
import org.datolite.value.ValueType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Proves docs/transactions.md: every example of the document is run here, in the order of its
 * section, and must have exactly the outcome the document shows (the datoms it adds and
 * retracts, or the error code and message). Each EDN string below is copied from the document;
 * {@link Example#ok} and {@link Example#fails} check that the document holds it followed by that
 * outcome, and
 * {@link #everyExampleOfTheDocumentIsRun} that no example of the document is left untested.
 *
 * <p>Set the environment variable {@code DOCS_DISCOVER=true} to print the actual outcomes
 * instead of asserting them, when writing new examples.
 */
class TransactionsDocTest {
  static final boolean DISCOVER = "true".equals(System.getenv("DOCS_DISCOVER"));
  static final String DOC = readDoc();
  static final Set<String> EXERCISED = ConcurrentHashMap.newKeySet();
  static final Set<String> SECTIONS_RUN = ConcurrentHashMap.newKeySet();
  static final int SECTIONS = 8;

  static final Instant SETUP_TIME = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant LATER = Instant.parse("2025-01-01T12:00:00Z");

  // ---- the example database of the document ------------------------------------------------

  static final String SCHEMA = """
      [{:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :person/email :db/valueType :db.type/string :db/cardinality :db.cardinality/one
        :db/unique :db.unique/identity}
       {:db/ident :person/ssn :db/valueType :db.type/string :db/cardinality :db.cardinality/one
        :db/unique :db.unique/value}
       {:db/ident :person/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}
       {:db/ident :person/nick :db/valueType :db.type/string :db/cardinality :db.cardinality/many}
       {:db/ident :person/friend :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}
       {:db/ident :person/status :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}
       {:db/ident :person/address :db/valueType :db.type/ref :db/cardinality :db.cardinality/one
        :db/isComponent true}
       {:db/ident :address/city :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :account/id :db/valueType :db.type/string :db/cardinality :db.cardinality/one
        :db/unique :db.unique/identity}
       {:db/ident :account/balance :db/valueType :db.type/long :db/cardinality :db.cardinality/one}
       {:db/ident :point/xy :db/valueType :db.type/tuple :db/tupleType :db.type/long
        :db/cardinality :db.cardinality/one}
       {:db/ident :event/kind+when :db/valueType :db.type/tuple
        :db/tupleTypes [:db.type/keyword :db.type/instant] :db/cardinality :db.cardinality/one}
       {:db/ident :reg/course :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :reg/student :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :audit/user :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
       {:db/ident :status/active}
       {:db/ident :status/inactive}]""";

  static final String COMPOSITE = """
      [{:db/ident :reg/course+student :db/valueType :db.type/tuple
        :db/tupleAttrs [:reg/course :reg/student] :db/cardinality :db.cardinality/one
        :db/unique :db.unique/value}]""";

  static final String DATA = """
      [{:db/id "ivan" :person/name "Ivan" :person/email "ivan@example.com" :person/age 30
        :person/ssn "123-45-6789" :person/nick ["Vanya" "Vanechka"]}
       {:db/id "ann" :person/name "Ann" :person/email "ann@example.com"}
       {:db/id "acc1" :account/id "acc-1" :account/balance 10}
       {:db/id "acc2" :account/id "acc-2"}]""";

  // ---- sections ------------------------------------------------------------------------------

  @Test
  void section1_transactionData() {
    try (Example x = Example.standard()) {
      // List forms
      assertEquals(17592186044439L, x.ok("[[:db/add \"bob\" :person/email \"bob@example.com\"]]").tempids().get("bob"));
      x.ok("[[:db/retract [:person/email \"ivan@example.com\"] :person/age 30]]");
      x.ok("[[:db/retract [:person/email \"ivan@example.com\"] :person/age 99]]");
      x.ok("[[:db/retract [:person/email \"ivan@example.com\"] :person/nick]]");
      x.ok("[[:db/cas [:account/id \"acc-1\"] :account/balance 10 15]]");
      x.fails(TxErrorCode.CAS_FAILED, "[[:db/cas [:account/id \"acc-1\"] :account/balance 10 20]]", "expected 10 but found 15");
      x.ok("[[:db/cas [:account/id \"acc-2\"] :account/balance nil 0]]");
      x.fails(TxErrorCode.CAS_FAILED, "[[:db/cas [:account/id \"acc-2\"] :account/balance nil 5]]", "expected nil but found 0");
      x.fails(TxErrorCode.MALFORMED_TX_DATA,
          "[[:db/cas [:person/email \"ivan@example.com\"] :person/nick \"Vanya\" \"Vanka\"]]", "cardinality many");
      x.fails(TxErrorCode.UNIQUE_CONFLICT, "[{:db/id \"r\" :person/email \"ivan@example.com\" :person/name \"Ivan II\"}"
          + " [:db.sql/new \"r\"]]", "already belongs to entity 17592186044435");
      x.fails(TxErrorCode.MALFORMED_TX_DATA, "[[:db/add \"x\" :person/name]]", "expected [:db/add e a v]");
      x.fails(TxErrorCode.UNKNOWN_OPERATION, "[[:my/fn 1 2]]", "unknown operation :my/fn");
      x.fails(TxErrorCode.MALFORMED_TX_DATA, "{:person/name \"x\"}", "must be a vector of operations");

      // Map forms
      x.ok("[{:person/name \"Dora\" :person/nick #{\"Dee\" \"Dot\"}}]");
      x.ok("[{:db/id [:person/email \"bob@example.com\"] :person/address {:address/city \"Oslo\"}}]");
      x.ok("[{:db/id [:person/email \"bob@example.com\"]"
          + " :person/friend [{:person/email \"ivan@example.com\" :person/age 31}]}]");
      x.fails(TxErrorCode.MALFORMED_TX_DATA,
          "[{:db/id [:person/email \"bob@example.com\"] :person/friend [{:person/name \"Nobody\"}]}]",
          "needs :db/id or a unique attribute, or :person/friend must be a component");
      x.fails(TxErrorCode.MALFORMED_TX_DATA,
          "[{:db/id [:person/email \"bob@example.com\"] :person/friend [:person/email \"ann@example.com\"]}]",
          "tempid \"ann@example.com\" is only used as a value");
      x.ok("[{:db/id [:person/email \"bob@example.com\"] :person/friend [[:person/email \"ann@example.com\"]]}]");
      x.ok("[{:db/id [:person/email \"bob@example.com\"] :person/_friend [[:person/email \"ann@example.com\"]]}]");

      // Entity references
      long ivan = x.f.lookup(":person/email", "ivan@example.com");
      assertEquals(Ids.entity(Ids.PARTITION_USER, 19), ivan, "the document names ivan by this id");
      assertEquals(17592186044435L, ivan);
      x.ok("[[:db/add 17592186044435 :person/age 32]]");
      x.fails(TxErrorCode.UNKNOWN_ENTITY, "[[:db/add 12345 :person/name \"X\"]]", "entity id 12345 names no entity");
      x.fails(TxErrorCode.UNKNOWN_ENTITY, "[[:db/add -1 :person/name \"X\"]]", "is negative; use a tempid string");
      x.fails(TxErrorCode.MALFORMED_TX_DATA, "[[:db/add [:person/email \"ann@example.com\"] :person/friend \"ghost\"]]", "tempid \"ghost\" is only used as a value");
      x.fails(TxErrorCode.MALFORMED_TX_DATA, "[[:db/retract \"ghost\" :person/age 31]]", "never asserted");
      x.ok("[[:db/add :status/active :db/doc \"In good standing\"]]");
      x.ok("[[:db/add [:person/email \"ivan@example.com\"] :person/status :status/active]]");
      x.fails(TxErrorCode.UNKNOWN_ENTITY, "[[:db/add [:person/email \"ivan@example.com\"] :person/status :status/retired]]", "ident :status/retired names no entity");
      x.fails(TxErrorCode.UNKNOWN_ENTITY, "[[:db/add [:person/email \"nobody@example.com\"] :person/age 1]]", "lookup ref [:person/email \"nobody@example.com\"] names no entity");
      x.fails(TxErrorCode.UNKNOWN_ENTITY, "[[:db/add [:person/name \"Ivan\"] :person/age 1]]", "which is not unique");

      // Tuples
      x.ok("[{:db/id \"e1\" :point/xy [1 2] :event/kind+when [:kind/signup #inst \"2024-01-01T00:00:00Z\"]}]");
      x.fails(TxErrorCode.WRONG_TYPE, "[{:point/xy [1]}]", "has 1 elements; expected 2 to 8");
      x.fails(TxErrorCode.WRONG_TYPE, "[{:point/xy [1 \"2\"]}]", "is not a long");
      x.fails(TxErrorCode.WRONG_TYPE, "[{:event/kind+when [:kind/signup]}]", "has 1 elements; expected 2");

      // Composite tuples
      x.ok("[{:db/id \"reg\" :reg/course \"Math\" :reg/student \"Ann\"}]");
      x.ok("[[:db/add [:reg/course+student [\"Math\" \"Ann\"]] :reg/student \"Bob\"]]");
      x.fails(TxErrorCode.UNIQUE_CONFLICT, "[{:reg/course \"Math\" :reg/student \"Bob\"}]", "unique :reg/course+student [\"Math\" \"Bob\"]");
      x.fails(TxErrorCode.WRONG_TYPE, "[{:reg/course+student [\"Art\" \"Cy\"]}]", "cannot be asserted");
      x.fails(TxErrorCode.WRONG_TYPE, "[[:db/retract [:reg/course+student [\"Math\" \"Bob\"]] :reg/course+student]]", "cannot be retracted");
      x.ok("[[:db/retract [:reg/course+student [\"Math\" \"Bob\"]] :reg/course \"Math\"]]");

      // retractEntity
      x.ok("[[:db/retractEntity [:person/email \"bob@example.com\"]]]");
      assertNull(x.f.db().first(Index.EAVT, 17592186044439L), "bob is gone");
      x.fails(TxErrorCode.UNKNOWN_ENTITY, "[[:db/add 17592186044439 :person/name \"Bob\"]]",
          "entity id 17592186044439 names no entity");
      x.ok("[[:db/retractEntity 99999]]");
    }
    SECTIONS_RUN.add("1");
  }

  @Test
  void section2_schema() {
    try (Example x = Example.standard()) {
      x.ok("""
          [{:db/ident :item/sku :db/valueType :db.type/string :db/cardinality :db.cardinality/one
            :db/unique :db.unique/identity :db/doc "Stock keeping unit"}
           {:db/ident :item/tags :db/valueType :db.type/keyword :db/cardinality :db.cardinality/many}
           {:db/ident :item/weight :db/valueType :db.type/float :db/cardinality :db.cardinality/one
            :db/noHistory true}
           {:db/ident :item/count :db/valueType :db.type/bigint :db/cardinality :db.cardinality/one
            :db/index true}]""");
      x.ok("[{:db/id \"a1\" :item/sku \"A-1\" :item/count 42 :item/weight 0.5 :item/tags [:tag/new :tag/sale]}]");
      x.fails(TxErrorCode.WRONG_TYPE, "[{:db/id [:item/sku \"A-1\"] :item/weight 0.1}]", "is not a float");
      x.fails(TxErrorCode.WRONG_TYPE, "[{:db/id [:item/sku \"A-1\"] :item/count \"42\"}]", "is not a bigint");
      x.fails(TxErrorCode.WRONG_TYPE, "[{:db/id [:item/sku \"A-1\"] :item/count nil}]", "is nil");
      x.fails(TxErrorCode.WRONG_TYPE, "[{:db/id [:item/sku \"A-1\"] :item/count [1 2]}]", "is not a bigint");
      x.fails(TxErrorCode.UNKNOWN_ATTRIBUTE, "[{:item/colour \"red\"}]", "attribute :item/colour (keyword) in operation 1 is not installed");
      x.fails(TxErrorCode.UNKNOWN_ATTRIBUTE,
          "[{:db/ident :item/colour :db/valueType :db.type/string :db/cardinality :db.cardinality/one} {:item/colour \"red\"}]", "in operation 2 is not installed");
      x.fails(TxErrorCode.INVALID_SCHEMA, "[{:db/ident :item/colour :db/valueType :db.type/string}]", "it has no :db/cardinality");
      x.fails(TxErrorCode.UNKNOWN_ATTRIBUTE, "[{:db/ident :item/colour :db/valueType :db.type/string"
          + " :db/cardinality :db.cardinality/one :db.install/_attribute :db.part/db}]",
          "needs :db.install/attribute to be an installed ref attribute");
      x.fails(TxErrorCode.UNKNOWN_ENTITY,
          "[{:db/ident :item/colour :db/valueType :db.type/text :db/cardinality :db.cardinality/one}]", "ident :db.type/text names no entity");
      x.fails(TxErrorCode.INVALID_SCHEMA,
          "[{:db/ident :db/colour :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]", "reserved namespace");
      x.fails(TxErrorCode.INVALID_SCHEMA,
          "[{:db/ident :item/maker :db/valueType :db.type/string :db/cardinality :db.cardinality/one :db/isComponent true}]", ":db/isComponent of :item/maker needs :db/valueType :db.type/ref");
      x.fails(TxErrorCode.INVALID_SCHEMA,
          "[{:db/ident :item/size :db/valueType :db.type/tuple :db/cardinality :db.cardinality/one}]", "needs exactly one of :db/tupleAttrs, :db/tupleType and :db/tupleTypes");

      // Allowed alterations
      x.ok("[{:db/id :item/weight :db/ident :item/mass}]");
      assertEquals(x.f.transactor.schema().entid(Keyword.of(":item/mass")),
          x.f.transactor.schema().entid(Keyword.of(":item/weight")), "the old name still names the attribute");
      x.ok("[{:db/id [:item/sku \"A-1\"] :item/weight 1.5}]");
      x.ok("[{:db/id :item/mass :db/noHistory false :db/doc \"Mass in kg\"}]");
      x.ok("[{:db/id :item/count :db/cardinality :db.cardinality/many}]");
      x.ok("[{:db/id :person/name :db/unique :db.unique/value}]");
      x.ok("[[:db/retract :person/name :db/unique :db.unique/value]]");

      // Forbidden alterations
      x.fails(TxErrorCode.SCHEMA_ALTERATION_FORBIDDEN, "[{:db/id :item/sku :db/valueType :db.type/long}]", "cannot alter :db/valueType of :item/sku");
      x.fails(TxErrorCode.SCHEMA_ALTERATION_FORBIDDEN, "[{:db/id :item/tags :db/cardinality :db.cardinality/one}]", "cannot make :item/tags cardinality one");
      x.ok("[{:db/id \"a2\" :item/sku \"A-2\" :item/count 42}]");
      x.fails(TxErrorCode.SCHEMA_ALTERATION_FORBIDDEN, "[{:db/id :item/count :db/unique :db.unique/value}]", "cannot make :item/count unique");
      x.fails(TxErrorCode.SCHEMA_ALTERATION_FORBIDDEN, "[[:db/retract :item/count :db/valueType :db.type/bigint]]", "cannot be removed");
      x.fails(TxErrorCode.SCHEMA_ALTERATION_FORBIDDEN, "[{:db/id :point/xy :db/tupleType :db.type/double}]", "cannot alter the tuple definition of :point/xy");
      x.fails(TxErrorCode.SCHEMA_ALTERATION_FORBIDDEN, "[{:db/id :db/doc :db/doc \"mine\"}]", "the built-in schema entity :db/doc cannot change");
      x.fails(TxErrorCode.INVALID_SCHEMA, "[{:db/id :person/name :db/isComponent true}]", ":db/isComponent of :person/name needs :db/valueType :db.type/ref");

      // The SQL mapping's overrides
      x.fails(TxErrorCode.INVALID_SCHEMA, "[{:db/id :item/sku :db.sql/table \"stock items\"}]",
          ":db.sql/table of :item/sku is \"stock items\"; a table name is an unquoted SQL identifier");
      x.fails(TxErrorCode.INVALID_SCHEMA, "[{:db/id :item/sku :db.sql/enum true}]",
          ":db.sql/enum of :item/sku: only a ref attribute reads as an ident");
    }
    SECTIONS_RUN.add("2");
  }

  @Test
  void section3_theDatabaseBefore() {
    try (Example x = Example.standard()) {
      x.fails(TxErrorCode.DATOMS_CONFLICT, "[[:db/cas [:account/id \"acc-1\"] :account/balance 10 11]"
          + " [:db/cas [:account/id \"acc-1\"] :account/balance 10 12]]", "two values for :account/balance");
      x.fails(TxErrorCode.CAS_FAILED, "[[:db/cas [:account/id \"acc-1\"] :account/balance 10 11]"
          + " [:db/cas [:account/id \"acc-1\"] :account/balance 11 12]]", "expected 11 but found 10");
      x.fails(TxErrorCode.UNKNOWN_ENTITY,
          "[{:person/email \"dan@example.com\"} [:db/add [:person/email \"dan@example.com\"] :person/age 40]]", "lookup ref [:person/email \"dan@example.com\"] names no entity");
      x.ok("[{:db/id \"dan\" :person/email \"dan@example.com\"} [:db/add \"dan\" :person/age 40]]");
      x.ok("[[:db/retract [:person/email \"ivan@example.com\"] :person/age 30]"
          + " [:db/add [:person/email \"ivan@example.com\"] :person/age 31]]");
      x.fails(TxErrorCode.DATOMS_CONFLICT, "[[:db/add [:person/email \"ivan@example.com\"] :person/age 32]"
          + " [:db/retract [:person/email \"ivan@example.com\"] :person/age 32]]", "both asserts and retracts :person/age 32");

      // Entity specs
      x.ok("[{:db/ident :person/guard :db.entity/attrs [:person/name :person/email]}]");
      long eve = x.ok("[{:db/id \"eve\" :person/name \"Eve\" :person/email \"eve@example.com\" :db/ensure :person/guard}]")
          .tempids().get("eve");
      assertNull(x.f.db().first(Index.EAVT, eve, Bootstrap.ENSURE), ":db/ensure is not stored");
      x.fails(TxErrorCode.ENSURE_FAILED, "[{:person/name \"Fay\" :db/ensure :person/guard}]", "lacks :person/email, which entity spec :person/guard requires");
      x.ok("[{:db/id \"gus\" :person/name \"Gus\"} {:db/id \"gus\" :person/email \"gus@example.com\"}"
          + " [:db/add \"gus\" :db/ensure :person/guard]]");
      x.fails(TxErrorCode.ENSURE_FAILED, "[[:db/retract [:person/email \"ivan@example.com\"] :person/name \"Ivan\"]"
          + " [:db/add [:person/email \"ivan@example.com\"] :db/ensure :person/guard]]", "lacks :person/name, which entity spec :person/guard requires");
      x.ok("[{:db/ident :person/adult :db.entity/preds [\"org.datolite.transactor.DocPredicates/adult\"]}]");
      x.ok("[{:db/id \"hal\" :person/name \"Hal\" :person/age 20 :db/ensure :person/adult}]");
      x.fails(TxErrorCode.ENSURE_FAILED, "[{:person/name \"Ida\" :person/age 12 :db/ensure :person/adult}]", "entity predicate org.datolite.transactor.DocPredicates/adult rejected entity");
      x.ok("[{:db/ident :person/vip :db.entity/preds [\"com.example.Rules/vip\"]}]");
      x.fails(TxErrorCode.ENSURE_FAILED, "[[:db/add [:person/email \"ivan@example.com\"] :db/ensure :person/vip]]", "is not allowed; list com.example.Rules");
      x.fails(TxErrorCode.ENSURE_FAILED, "[[:db/add [:person/email \"ivan@example.com\"] :db/ensure :status/active]]", ":status/active is not an entity spec");
    }
    SECTIONS_RUN.add("3");
  }

  @Test
  void section4_identity() {
    try (Example x = Example.standard()) {
      x.ok("[{:db/id \"again\" :person/email \"ivan@example.com\" :person/age 31}]");
      x.ok("[{:db/id \"a\" :person/email \"zoe@example.com\"} {:db/id \"b\" :person/email \"zoe@example.com\" :person/name \"Zoe\"}]");
      x.fails(TxErrorCode.TEMPID_CONFLICT, "[{:db/id \"t\" :person/email \"ivan@example.com\" :account/id \"acc-1\"}]", "through :account/id \"acc-1\"");
      x.fails(TxErrorCode.UNIQUE_CONFLICT, "[{:person/name \"Eve\" :person/ssn \"123-45-6789\"}]", "unique :person/ssn \"123-45-6789\"");
      x.fails(TxErrorCode.UNIQUE_CONFLICT, "[[:db/add [:person/email \"ann@example.com\"] :person/email \"ivan@example.com\"]]", "use a tempid to upsert instead of an entity id");
      x.fails(TxErrorCode.UNIQUE_CONFLICT, "[{:db/id \"p\" :person/ssn \"999\"} {:db/id \"q\" :person/ssn \"999\"}]", "unique :person/ssn \"999\"");
      x.ok("[[:db/retract [:person/email \"ivan@example.com\"] :person/ssn \"123-45-6789\"]"
          + " [:db/add [:person/email \"ann@example.com\"] :person/ssn \"123-45-6789\"]]");
    }
    SECTIONS_RUN.add("4");
  }

  @Test
  void section5_cardinalityAndRedundancy() {
    try (Example x = Example.standard()) {
      x.ok("[[:db/add [:person/email \"ivan@example.com\"] :person/age 31]]");
      x.ok("[[:db/add [:person/email \"ivan@example.com\"] :person/nick \"Vanka\"]]");
      x.ok("[[:db/add [:person/email \"ivan@example.com\"] :person/name \"Ivan\"]]");
      x.ok("[{:db/id [:person/email \"ivan@example.com\"] :person/age 40} [:db/add [:person/email \"ivan@example.com\"] :person/age 40]]");
      x.fails(TxErrorCode.DATOMS_CONFLICT, "[[:db/add [:person/email \"ivan@example.com\"] :person/age 41]"
          + " [:db/add [:person/email \"ivan@example.com\"] :person/age 42]]", "two values for :person/age");
    }
    SECTIONS_RUN.add("5");
  }

  @Test
  void section6_theTransactionEntity() {
    try (Example x = Example.standard()) {
      x.clock.set(LATER);
      x.okWithInstant("[{:db/id \"datomic.tx\" :db/txInstant #inst \"2025-01-01T06:00:00Z\"} {:db/id \"yan\" :person/name \"Yan\"}]");
      x.fails(TxErrorCode.INVALID_TX_INSTANT, "[{:db/id \"datomic.tx\" :db/txInstant #inst \"2025-01-01T05:00:00Z\"}]", "may only move forward");
      x.fails(TxErrorCode.INVALID_TX_INSTANT, "[{:db/id \"datomic.tx\" :db/txInstant #inst \"2025-01-02T00:00:00Z\"}]", "may not be in the future");
      x.fails(TxErrorCode.DATOMS_CONFLICT, "[[:db/add \"datomic.tx\" :db/txInstant #inst \"2025-01-01T07:00:00Z\"]"
          + " [:db/add \"datomic.tx\" :db/txInstant #inst \"2025-01-01T08:00:00Z\"]]", "two values for :db/txInstant");
      x.okWithInstant("[{:db/id \"datomic.tx\" :audit/user \"ops\"} {:db/id \"zed\" :person/name \"Zed\"}]");
      x.fails(TxErrorCode.MALFORMED_TX_DATA,
          "[{:db/id \"datomic.tx\" :db/txUuid #uuid \"6f1e3c6a-0000-4000-8000-000000000001\"}]", ":db/txUuid in operation 1 is set by the transactor");

      // The client's transaction id (the Java example of the document)
      UUID id = UUID.fromString("6f1e3c6a-0000-4000-8000-000000000001");
      Transactor transactor = x.f.transactor;
      TxReport report = transactor.await(transactor.transactAsync(Edn.read("[{:person/ssn \"555-55-5555\"}]"), id));
      assertEquals(report.t(), transactor.committedT(id));
      TxException repeat = assertThrows(TxException.class,
          () -> transactor.await(transactor.transactAsync(Edn.read("[{:person/ssn \"555-55-5555\"}]"), id)));
      assertEquals(TxErrorCode.ALREADY_COMMITTED, repeat.code());
      assertTrue(repeat.getMessage().contains("already committed"), repeat.getMessage());
      x.quotes(repeat.getMessage());
    }
    SECTIONS_RUN.add("6");
  }

  @Test
  void section7_errorCodes() {
    // Every code is in the table of the document, with its number on the wire and its SQLState.
    for (TxErrorCode code : TxErrorCode.values()) {
      String row = "| " + code.ordinal() + " | `" + code + "` | " + code.sqlState() + " |";
      assertTrue(DISCOVER || DOC.contains(row), "the document's table has the row " + row);
    }
    SECTIONS_RUN.add("7");
  }

  @Test
  void section8_limits() {
    MemoryStore kv = new MemoryStore("limits");
    try (Example setup = new Example(kv, config())) {
      setup.setupStandard();
    }
    TransactorConfig d = config();
    TransactorConfig small = new TransactorConfig(d.database(), d.indexThresholdBytes(), d.maxNoveltyBytes(),
        d.maxBatch(), d.queueCapacity(), 5, d.transactTimeout(), d.allowedPredicateClasses(), d.tree(), d.clock());
    try (Example x = new Example(kv, small)) {
      x.fails(TxErrorCode.TOO_LARGE,
          "[{:db/id \"kim\" :person/name \"Kim\" :person/email \"kim@example.com\" :person/age 7 :person/nick [\"K\"]}]", "transaction of 6 datoms exceeds the limit of 5");
      x.ok("[{:db/id \"kim\" :person/name \"Kim\" :person/email \"kim@example.com\" :person/age 7}]");
    }
    assertEquals(1_000_000, TransactorConfig.defaults("x").maxTxDatoms());
    SECTIONS_RUN.add("8");
  }

  /** Every EDN example in a {@code clojure} block of the document was run by a section above. */
  @AfterAll
  static void everyExampleOfTheDocumentIsRun() {
    if (DISCOVER || SECTIONS_RUN.size() < SECTIONS) {
      return; // only some sections ran (or failed): nothing to compare
    }
    List<String> missing = new ArrayList<>();
    for (String example : examples(DOC)) {
      if (!EXERCISED.contains(example)) {
        missing.add(example);
      }
    }
    assertEquals(List.of(), missing, "examples of docs/transactions.md that no test runs");
  }

  // ---- helpers -------------------------------------------------------------------------------

  static TransactorConfig config() {
    return TransactorConfig.defaults("docs").withAllowedPredicateClasses(Set.of(DocPredicates.class.getName()));
  }

  /** The EDN examples of the document: runs of lines in {@code clojure} blocks that are not comments. */
  static List<String> examples(String doc) {
    List<String> out = new ArrayList<>();
    boolean inBlock = false;
    StringBuilder current = new StringBuilder();
    for (String line : doc.split("\n", -1)) {
      if (line.startsWith("```")) {
        if (current.length() > 0) {
          out.add(current.toString());
          current.setLength(0);
        }
        inBlock = line.equals("```clojure");
        continue;
      }
      if (!inBlock) {
        continue;
      }
      if (line.isBlank() || line.startsWith(";;")) {
        if (current.length() > 0) {
          out.add(current.toString());
          current.setLength(0);
        }
      } else {
        if (current.length() > 0) {
          current.append('\n');
        }
        current.append(line);
      }
    }
    return out;
  }

  static String readDoc() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path doc = dir.resolve("docs").resolve("transactions.md");
      if (Files.exists(doc)) {
        try {
          return Files.readString(doc);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    if (DISCOVER) {
      return "";
    }
    throw new IllegalStateException("docs/transactions.md not found above " + Path.of("").toAbsolutePath());
  }

  /** A clock the test sets. */
  static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /**
   * One section's database: a transactor on a memory store, names for the entities its
   * examples create (their tempids), and the checks of examples against the document.
   */
  static final class Example implements AutoCloseable {
    final SettableClock clock;
    final TransactorFixture f;
    final Map<Long, String> names = new HashMap<>();

    Example(MemoryStore kv, TransactorConfig config) {
      this.clock = new SettableClock(SETUP_TIME);
      this.f = new TransactorFixture(kv, config.withClock(clock));
    }

    /** A new database with the document's schema and data. */
    static Example standard() {
      Example x = new Example(new MemoryStore("docs"), config());
      x.setupStandard();
      return x;
    }

    void setupStandard() {
      setup(SCHEMA);
      setup(COMPOSITE);
      setup(DATA);
    }

    /** Runs an example whose outcome the document does not show. */
    void setup(String edn) {
      EXERCISED.add(edn);
      name(f.tx(edn));
      assertTrue(DISCOVER || DOC.contains(edn + "\n"), "the document shows\n" + edn);
    }

    /**
     * Runs an example that commits and checks that the document shows it followed by exactly
     * the datoms it added and retracted.
     */
    TxReport ok(String edn) {
      return ok(edn, false);
    }

    /** As {@link #ok}, with the transaction's {@code :db/txInstant} among the datoms shown. */
    TxReport okWithInstant(String edn) {
      return ok(edn, true);
    }

    private TxReport ok(String edn, boolean withInstant) {
      EXERCISED.add(edn);
      Schema before = f.transactor.schema();
      TxReport r = f.tx(edn);
      shows(edn, render(r, before, f.transactor.schema(), withInstant));
      return r;
    }

    /**
     * Runs an example that is rejected: checks the code, that nothing changed, that the message
     * says {@code keyPart}, and that the document shows the example followed by the message.
     */
    String fails(TxErrorCode code, String edn, String keyPart) {
      EXERCISED.add(edn);
      String message = f.rejects(code, edn);
      assertTrue(message.startsWith(code + ": ") && message.contains(keyPart), message);
      shows(edn, ";; => " + message);
      return message;
    }

    /** A message the document quotes outside an EDN example. */
    void quotes(String message) {
      if (DISCOVER) {
        System.out.println("MESSAGE: " + message);
        return;
      }
      assertTrue(DOC.contains(message), "the document quotes the message\n" + message);
    }

    private void shows(String edn, String outcome) {
      if (DISCOVER) {
        System.out.println("----\n" + edn + "\n" + outcome);
        return;
      }
      assertTrue(DOC.contains(edn + "\n" + outcome + "\n"),
          "docs/transactions.md must show the example followed by its outcome:\n" + edn + "\n" + outcome);
    }

    private void name(TxReport r) {
      Schema after = f.transactor.schema();
      for (Map.Entry<String, Long> e : new TreeMap<>(r.tempids()).entrySet()) {
        if (after.ident(e.getValue()) == null) {
          names.putIfAbsent(e.getValue(), e.getKey());
        }
      }
    }

    /** The datoms of a report as the document shows them, one per line. */
    private String render(TxReport r, Schema before, Schema after, boolean withInstant) {
      name(r);
      List<String> lines = new ArrayList<>();
      for (Datom d : r.txData()) {
        if (d.e() == r.tx() && (d.a() == Bootstrap.TX_UUID || d.a() == Bootstrap.TX_INSTANT && !withInstant)) {
          continue;
        }
        Attribute a = after.attribute(d.a()) != null ? after.attribute(d.a()) : before.attribute(d.a());
        lines.add(";; " + (d.added() ? "+ " : "- ") + "[" + entity(d.e(), r, before, after) + " "
            + entity(d.a(), r, before, after) + " " + value(a, d.v(), r, before, after) + "]");
      }
      for (Map.Entry<String, Long> e : new TreeMap<>(r.tempids()).entrySet()) {
        String shown = entity(e.getValue(), r, before, after);
        if (!shown.equals(e.getKey())) {
          lines.add(";; tempid \"" + e.getKey() + "\" = " + shown);
        }
      }
      if (lines.isEmpty()) {
        lines.add(";; (no datoms)");
      }
      return String.join("\n", lines);
    }

    private String value(Attribute a, Object v, TxReport r, Schema before, Schema after) {
      if (a.isRef()) {
        return entity((Long) v, r, before, after);
      }
      if (a.valueType() == ValueType.TUPLE && a.tupleType() == ValueType.REF) {
        List<String> elements = new ArrayList<>();
        for (Object element : (List<?>) v) {
          elements.add(element == null ? "nil" : entity((Long) element, r, before, after));
        }
        return "[" + String.join(" ", elements) + "]";
      }
      return Edn.describe(v);
    }

    private String entity(long id, TxReport r, Schema before, Schema after) {
      if (id == r.tx()) {
        return "tx";
      }
      Keyword ident = before.ident(id) != null ? before.ident(id) : after.ident(id);
      if (ident != null) {
        return ident.toString();
      }
      return names.getOrDefault(id, Long.toString(id));
    }

    @Override
    public void close() {
      f.close();
    }
  }

}
