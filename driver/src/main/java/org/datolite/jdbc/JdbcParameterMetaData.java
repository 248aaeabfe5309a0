package org.datolite.jdbc;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.util.List;
import org.datolite.calcite.ParameterInfo;
import org.datolite.error.SqlState;

/** The {@code ?} of a prepared statement, typed as validation inferred them. */
final class JdbcParameterMetaData implements ParameterMetaData {
  private final List<ParameterInfo> parameters;

  JdbcParameterMetaData(List<ParameterInfo> parameters) {
    this.parameters = parameters;
  }

  private ParameterInfo p(int i) throws SQLException {
    if (i < 1 || i > parameters.size()) {
      throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "parameter " + i + " does not exist; expected 1.."
          + parameters.size());
    }
    return parameters.get(i - 1);
  }

  @Override
  public int getParameterCount() {
    return parameters.size();
  }

  @Override
  public int isNullable(int param) throws SQLException {
    p(param);
    return parameterNullable;
  }

  @Override
  public boolean isSigned(int param) throws SQLException {
    return JdbcTypes.isSigned(p(param).type());
  }

  @Override
  public int getPrecision(int param) throws SQLException {
    return JdbcTypes.precision(p(param).type(), p(param).precision());
  }

  @Override
  public int getScale(int param) throws SQLException {
    return Math.max(0, p(param).scale());
  }

  @Override
  public int getParameterType(int param) throws SQLException {
    return JdbcTypes.jdbcType(p(param).type());
  }

  @Override
  public String getParameterTypeName(int param) throws SQLException {
    return JdbcTypes.typeName(p(param).type());
  }

  @Override
  public String getParameterClassName(int param) throws SQLException {
    return JdbcTypes.javaClass(p(param).type()).getName();
  }

  @Override
  public int getParameterMode(int param) throws SQLException {
    p(param);
    return parameterModeIn;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw JdbcErrors.of(SqlState.INVALID_PARAMETER_VALUE, "parameter metadata is not a " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
