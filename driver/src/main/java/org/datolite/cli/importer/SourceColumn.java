package org.datolite.cli.importer;

/**
 * A column of a source table as {@code DatabaseMetaData.getColumns} reports it.
 *
 * @param name the column's name as the source spells it
 * @param jdbcType its {@code java.sql.Types} code
 * @param typeName the source's own name of its type
 * @param size the column size (length or precision), 0 when not reported
 * @param scale the decimal digits, 0 when not reported
 * @param nullable whether it takes NULL
 */
public record SourceColumn(String name, int jdbcType, String typeName, int size, int scale, boolean nullable) {}
