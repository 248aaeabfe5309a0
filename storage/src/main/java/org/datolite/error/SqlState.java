package org.datolite.error;

import java.util.HashMap;
import java.util.Map;

/**
 * Every SQLState Datolite reports, one constant each, named as PostgreSQL names its condition
 * (appendix A of its manual), in the manner of pgjdbc's {@code PSQLState}. Each layer's error
 * codes ({@code StorageErrorCode}, {@code TxErrorCode}, {@code TransactorException.Code},
 * {@code ProtocolErrorCode}) and every {@code DatoliteException} name one of these instead of a
 * string literal, so that a state is spelled once and the set Datolite uses can be read here.
 *
 * <p>The class (the first two characters) is what pools and frameworks react to: {@code 08}
 * evicts a connection, {@code 22} and {@code 23} are data and constraint errors, {@code 40001}
 * a lost race worth retrying, {@code 57014} a cancelled or timed-out statement (DESIGN.md §5).
 */
public enum SqlState {
  // Class 08: connection exceptions.
  CONNECTION_UNABLE_TO_CONNECT("08001"),
  CONNECTION_DOES_NOT_EXIST("08003"),
  CONNECTION_REJECTED("08004"),
  CONNECTION_FAILURE("08006"),
  TRANSACTION_RESOLUTION_UNKNOWN("08007"),
  PROTOCOL_VIOLATION("08P01"),
  // Class 0A: feature not supported.
  FEATURE_NOT_SUPPORTED("0A000"),
  // Class 21: cardinality violation.
  CARDINALITY_VIOLATION("21000"),
  // Class 22: data exceptions.
  DATA_EXCEPTION("22000"),
  STRING_DATA_RIGHT_TRUNCATION("22001"),
  NUMERIC_VALUE_OUT_OF_RANGE("22003"),
  INVALID_DATETIME_FORMAT("22007"),
  DATETIME_FIELD_OVERFLOW("22008"),
  SUBSTRING_ERROR("22011"),
  DIVISION_BY_ZERO("22012"),
  INVALID_REGULAR_EXPRESSION("2201B"),
  INVALID_PARAMETER_VALUE("22023"),
  INVALID_TEXT_REPRESENTATION("22P02"),
  // Class 23: integrity constraint violations.
  INTEGRITY_CONSTRAINT_VIOLATION("23000"),
  NOT_NULL_VIOLATION("23502"),
  FOREIGN_KEY_VIOLATION("23503"),
  UNIQUE_VIOLATION("23505"),
  CHECK_VIOLATION("23514"),
  // Class 25: invalid transaction state.
  ACTIVE_SQL_TRANSACTION("25001"),
  READ_ONLY_SQL_TRANSACTION("25006"),
  NO_ACTIVE_SQL_TRANSACTION("25P01"),
  // Class 2B: dependent privilege descriptors still exist (PostgreSQL: dependent objects).
  DEPENDENT_OBJECTS_STILL_EXIST("2BP01"),
  // Class 28: invalid authorization.
  INVALID_AUTHORIZATION_SPECIFICATION("28000"),
  // Class 3B: savepoint exception.
  INVALID_SAVEPOINT_SPECIFICATION("3B001"),
  // Class 3D: invalid catalog name (a PostgreSQL database that does not exist).
  INVALID_CATALOG_NAME("3D000"),
  // Class 40: transaction rollback.
  SERIALIZATION_FAILURE("40001"),
  // Class 42: syntax errors and unknown objects.
  INSUFFICIENT_PRIVILEGE("42501"),
  SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION("42000"),
  SYNTAX_ERROR("42601"),
  INVALID_NAME("42602"),
  DATATYPE_MISMATCH("42804"),
  INVALID_FOREIGN_KEY("42830"),
  UNDEFINED_COLUMN("42703"),
  DUPLICATE_COLUMN("42701"),
  UNDEFINED_TABLE("42P01"),
  UNDEFINED_OBJECT("42704"),
  DUPLICATE_TABLE("42P07"),
  DUPLICATE_OBJECT("42710"),
  WRONG_OBJECT_TYPE("42809"),
  UNDEFINED_FUNCTION("42883"),
  INVALID_COLUMN_REFERENCE("42P10"),
  INVALID_TABLE_DEFINITION("42P16"),
  INVALID_OBJECT_DEFINITION("42P17"),
  // Class 53: insufficient resources.
  INSUFFICIENT_RESOURCES("53000"),
  OUT_OF_MEMORY("53200"),
  TOO_MANY_CONNECTIONS("53300"),
  // Class 54: program limits exceeded.
  PROGRAM_LIMIT_EXCEEDED("54000"),
  STATEMENT_TOO_COMPLEX("54001"),
  // Class 55: object not in prerequisite state.
  LOCK_NOT_AVAILABLE("55P03"),
  // Class 57: operator intervention.
  QUERY_CANCELED("57014"),
  ADMIN_SHUTDOWN("57P01"),
  CRASH_SHUTDOWN("57P02"),
  CANNOT_CONNECT_NOW("57P03"),
  // Class 58: system errors outside the database.
  IO_ERROR("58030"),
  // Class HY (ODBC/CLI, as JDBC drivers use it): a timeout expired.
  TIMEOUT_EXPIRED("HYT00"),
  // Class XX: internal errors.
  INTERNAL_ERROR("XX000"),
  DATA_CORRUPTED("XX001");

  private static final Map<String, SqlState> BY_CODE = new HashMap<>();

  static {
    for (SqlState s : values()) {
      if (BY_CODE.put(s.code, s) != null) {
        throw new ExceptionInInitializerError("SQLState " + s.code + " is listed twice");
      }
    }
  }

  private final String code;

  SqlState(String code) {
    this.code = code;
  }

  /** The five characters, as {@link java.sql.SQLException#getSQLState()} reports them. */
  public String code() {
    return code;
  }

  /** The class: the first two characters. */
  public String sqlClass() {
    return code.substring(0, 2);
  }

  /** The constant of a five-character code, or null if Datolite does not use it. */
  public static SqlState of(String code) {
    return BY_CODE.get(code);
  }

  @Override
  public String toString() {
    return code;
  }
}
