package org.datolite.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.List;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.identity.IdentityColumnSupport;
import org.hibernate.dialect.identity.IdentityColumnSupportImpl;
import org.hibernate.sql.ast.SqlAstTranslatorFactory;
import org.hibernate.sql.ast.spi.StandardSqlAstTranslatorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hibernate ORM against the driver: a small entity model with a relation (a person working for a
 * company), its schema validated against the driver's metadata, then inserts (identity keys
 * through {@code getGeneratedKeys}), an HQL query with a join, an update, a delete, and
 * optimistic locking by a version column (a stale update matches no row: the exact update count
 * makes it an {@link OptimisticLockException}).
 */
class HibernateClientTest {
  private DatoliteConnection store;
  private SessionFactory sessions;

  /** The dialect a Hibernate user writes for a database it does not know: identity columns, nothing else. */
  public static class DatoliteDialect extends Dialect {
    public DatoliteDialect() {
      super(DatabaseVersion.make(0, 1));
    }

    /** What follows an identity column's type in DDL. */
    protected String identityColumnString() {
      return "";
    }

    @Override
    public IdentityColumnSupport getIdentityColumnSupport() {
      return new IdentityColumnSupportImpl() {
        @Override
        public boolean supportsIdentityColumns() {
          return true;
        }

        @Override
        public String getIdentityColumnString(int type) {
          return identityColumnString();
        }
      };
    }

    /** Hibernate's standard SQL: the base dialect leaves it null, which its collection persisters do not expect. */
    @Override
    public SqlAstTranslatorFactory getSqlAstTranslatorFactory() {
      return new StandardSqlAstTranslatorFactory();
    }
  }

  /** A company. */
  @Entity(name = "Company")
  @Table(name = "COMPANY")
  public static class Company {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "DB_ID")
    public Long id;

    @Column(name = "NAME")
    public String name;
  }

  /** A person, versioned, working for a company. */
  @Entity(name = "Person")
  @Table(name = "PERSON")
  public static class Person {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "DB_ID")
    public Long id;

    @Column(name = "NAME")
    public String name;

    @Version
    @Column(name = "VERSION")
    public Long version;

    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "EMPLOYER")
    public Company employer;
  }

  @BeforeEach
  void open() {
    String name = DatoliteJdbc.memName("hibernate");
    store = Datolite.connect(DatoliteJdbc.nativeUrl(name), null);
    store.transact("[{:db/ident :company/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/version :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/employer :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}]");
    sessions = new Configuration()
        .addAnnotatedClass(Company.class)
        .addAnnotatedClass(Person.class)
        .setProperty("hibernate.connection.url", DatoliteJdbc.jdbcUrl(name))
        .setProperty("hibernate.dialect", DatoliteDialect.class.getName())
        .setProperty("hibernate.default_schema", "PUBLIC")
        .setProperty("hibernate.hbm2ddl.auto", "validate")
        .buildSessionFactory();
  }

  @AfterEach
  void close() {
    if (sessions != null) {
      sessions.close();
    }
    store.close();
  }

  @Test
  void entities_insertQueryUpdateDelete_andOptimisticLocking() {
    Long annId = sessions.fromTransaction(s -> {
      Company acme = new Company();
      acme.name = "Acme";
      s.persist(acme);
      Person ann = new Person();
      ann.name = "Ann";
      ann.employer = acme;
      s.persist(ann);
      assertNotNull(ann.id, "an identity key, from getGeneratedKeys");
      return ann.id;
    });
    List<Person> found = sessions.fromTransaction(s -> s.createSelectionQuery(
        "from Person p join fetch p.employer e where e.name = :n", Person.class).setParameter("n", "Acme").getResultList());
    assertEquals(1, found.size());
    assertEquals("Ann", found.get(0).name);
    assertEquals("Acme", found.get(0).employer.name);
    assertEquals(0L, found.get(0).version);

    sessions.inTransaction(s -> s.find(Person.class, annId).name = "Anna");
    Person stale = found.get(0); // read before the update: its version is behind
    assertEquals("Anna", sessions.fromTransaction(s -> s.find(Person.class, annId)).name);
    assertEquals(1L, sessions.fromTransaction(s -> s.find(Person.class, annId)).version);
    stale.name = "Annie";
    Exception e = assertThrows(Exception.class, () -> sessions.inTransaction(s -> s.merge(stale)));
    assertTrue(e instanceof OptimisticLockException || e.getCause() instanceof OptimisticLockException
        || e.getClass().getSimpleName().contains("StaleObjectState"), e.toString());
    assertEquals("Anna", sessions.fromTransaction(s -> s.find(Person.class, annId)).name);

    sessions.inTransaction(s -> s.remove(s.find(Person.class, annId)));
    long people = sessions.fromTransaction(s -> s.createSelectionQuery("select count(p) from Person p", Long.class)
        .getSingleResult());
    long companies = sessions.fromTransaction(s -> s.createSelectionQuery("select count(c) from Company c", Long.class)
        .getSingleResult());
    assertEquals(0, people);
    assertEquals(1, companies);
  }
}
