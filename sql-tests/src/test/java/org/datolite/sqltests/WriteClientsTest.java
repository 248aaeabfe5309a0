package org.datolite.sqltests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.apache.ibatis.datasource.unpooled.UnpooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Frameworks that write through JDBC, against the driver: Spring's {@code JdbcTemplate} (batch
 * updates, {@code KeyHolder}, exception translation, {@code TransactionTemplate}) and MyBatis
 * (generated keys, java.time columns, NULL parameters).
 */
class WriteClientsTest {
  private String url;
  private DatoliteConnection store;

  @BeforeEach
  void open() {
    String name = DatoliteJdbc.memName("write-clients");
    store = Datolite.connect(DatoliteJdbc.nativeUrl(name), null);
    store.transact("[{:db/ident :person/email :db/valueType :db.type/string :db/cardinality :db.cardinality/one"
        + " :db/unique :db.unique/identity}"
        + " {:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/born :db/valueType :db.type/instant :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/employer :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}]");
    url = DatoliteJdbc.jdbcUrl(name);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void springJdbcTemplate_batchUpdates_keys_andExceptionTranslation() {
    JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
    int[] counts = jdbc.batchUpdate("INSERT INTO PERSON (EMAIL, NAME, AGE) VALUES (?, ?, ?)",
        List.of(new Object[] {"a@x", "Ann", 30}, new Object[] {"b@x", "Bob", null}, new Object[] {"c@x", null, 7}));
    assertArrayEquals(new int[] {1, 1, 1}, counts);
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(c -> {
      PreparedStatement ps = c.prepareStatement("INSERT INTO PERSON (EMAIL, NAME) VALUES (?, ?)",
          Statement.RETURN_GENERATED_KEYS);
      ps.setString(1, "d@x");
      ps.setString(2, "Dee");
      return ps;
    }, keys);
    long id = keys.getKey().longValue();
    assertEquals("Dee", jdbc.queryForObject("SELECT NAME FROM PERSON WHERE DB_ID = ?", String.class, id));
    KeyHolder named = new GeneratedKeyHolder();
    jdbc.update(c -> c.prepareStatement("INSERT INTO PERSON (EMAIL) VALUES ('e@x')", new String[] {"DB_ID", "EMAIL"}),
        named);
    assertEquals("e@x", named.getKeys().get("EMAIL"));
    assertEquals(2, jdbc.update("UPDATE PERSON SET AGE = AGE + 1 WHERE AGE IS NOT NULL"));
    assertEquals(0, jdbc.update("DELETE FROM PERSON WHERE EMAIL = ?", "nobody@x"));

    assertThrows(DuplicateKeyException.class, () -> jdbc.update("INSERT INTO PERSON (EMAIL) VALUES ('a@x')"));
    assertThrows(DataIntegrityViolationException.class, () -> jdbc.update("INSERT INTO PERSON (NAME) VALUES (NULL)"));
    assertThrows(DataIntegrityViolationException.class,
        () -> jdbc.update("INSERT INTO PERSON (EMAIL, EMPLOYER) VALUES ('f@x', 123456789)"));
    assertThrows(DataIntegrityViolationException.class, () -> jdbc.update("UPDATE PERSON SET AGE = 'old'"));
    assertThrows(BadSqlGrammarException.class, () -> jdbc.update("INSERT INTO NOWHERE (A) VALUES (1)"));
    assertEquals(5, jdbc.queryForObject("SELECT COUNT(*) FROM PERSON", Integer.class));
  }

  @Test
  void springTransactions_commitRollBack_andAConflictIsAConcurrencyFailure() {
    DriverManagerDataSource ds = new DriverManagerDataSource(url);
    JdbcTemplate jdbc = new JdbcTemplate(ds);
    TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(ds));
    tx.executeWithoutResult(s -> {
      jdbc.update("INSERT INTO PERSON (EMAIL, AGE) VALUES ('t@x', 1)");
      jdbc.update("UPDATE PERSON SET AGE = 2 WHERE EMAIL = 't@x'");
    });
    assertEquals(2, jdbc.queryForObject("SELECT AGE FROM PERSON WHERE EMAIL = 't@x'", Integer.class));
    tx.executeWithoutResult(s -> {
      jdbc.update("UPDATE PERSON SET AGE = 3 WHERE EMAIL = 't@x'");
      s.setRollbackOnly();
    });
    assertEquals(2, jdbc.queryForObject("SELECT AGE FROM PERSON WHERE EMAIL = 't@x'", Integer.class));
    // a transaction whose read changed meanwhile fails at commit, as a ConcurrencyFailureException
    assertThrows(ConcurrencyFailureException.class, () -> tx.executeWithoutResult(s -> {
      Integer age = jdbc.queryForObject("SELECT AGE FROM PERSON WHERE EMAIL = 't@x'", Integer.class);
      new JdbcTemplate(new DriverManagerDataSource(url)).update("UPDATE PERSON SET AGE = 10 WHERE EMAIL = 't@x'");
      jdbc.update("UPDATE PERSON SET AGE = ? WHERE EMAIL = 't@x'", age + 1);
    }));
    assertEquals(10, jdbc.queryForObject("SELECT AGE FROM PERSON WHERE EMAIL = 't@x'", Integer.class));
  }

  /** A person as MyBatis maps it. */
  public static final class Person {
    public Long id;
    public String email;
    public String name;
    public LocalDateTime born;
  }

  /** MyBatis's mapper of PERSON. */
  public interface PersonMapper {
    @Insert("INSERT INTO PERSON (EMAIL, NAME, BORN) VALUES (#{email}, #{name}, #{born})")
    @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "DB_ID")
    int insert(Person p);

    @Select("SELECT DB_ID AS id, EMAIL AS email, NAME AS name, BORN AS born FROM PERSON WHERE EMAIL = #{email}")
    Person find(String email);

    @Select("SELECT DB_ID AS id, EMAIL AS email FROM PERSON WHERE BORN < #{before} ORDER BY EMAIL")
    List<Map<String, Object>> bornBefore(@Param("before") LocalDate before);

    @Update("UPDATE PERSON SET NAME = #{name} WHERE DB_ID = #{id}")
    int rename(@Param("id") long id, @Param("name") String name);
  }

  @Test
  void myBatis_generatedKeys_javaTime_andNullParameters() {
    UnpooledDataSource ds = new UnpooledDataSource("org.datolite.jdbc.Driver", url, null, null);
    Configuration config = new Configuration(new Environment("test", new JdbcTransactionFactory(), ds));
    config.addMapper(PersonMapper.class);
    SqlSessionFactory factory = new SqlSessionFactoryBuilder().build(config);
    long id;
    try (SqlSession session = factory.openSession()) {
      PersonMapper m = session.getMapper(PersonMapper.class);
      Person ann = new Person();
      ann.email = "ann@x";
      ann.name = "Ann";
      ann.born = LocalDateTime.of(1990, 5, 1, 10, 20, 30);
      assertEquals(1, m.insert(ann));
      assertNotNull(ann.id, "the generated key is set on the object");
      id = ann.id;
      Person nameless = new Person();
      nameless.email = "nn@x"; // NAME and BORN are NULL parameters (MyBatis binds them as Types.OTHER)
      assertEquals(1, m.insert(nameless));
      session.commit();
    }
    try (SqlSession session = factory.openSession()) {
      PersonMapper m = session.getMapper(PersonMapper.class);
      Person read = m.find("ann@x");
      assertEquals(id, read.id);
      assertEquals(LocalDateTime.of(1990, 5, 1, 10, 20, 30), read.born);
      assertNull(m.find("nn@x").name);
      assertEquals(1, m.bornBefore(LocalDate.of(2000, 1, 1)).size());
      assertEquals(1, m.rename(id, "Anna"));
      session.rollback();
      assertEquals("Ann", m.find("ann@x").name, "rolled back");
      m.rename(id, null);
      session.commit();
      assertNull(m.find("ann@x").name);
      assertTrue(m.bornBefore(LocalDate.of(1980, 1, 1)).isEmpty());
    }
  }
}
