package org.datolite.calcite.ddl;

import java.util.List;
import org.datolite.schema.DeclaredType;

/** A parsed DDL statement ({@link DdlParser}). Names are SQL names: upper-cased, quotes removed. */
sealed interface DdlStatement {

  /**
   * A column's type as declared.
   *
   * @param type what it means
   * @param precision the length or precision written, or null
   * @param scale the scale written, or null
   * @param text the type as written, for messages
   */
  record TypeSpec(DeclaredType type, Long precision, Long scale, String text) {}

  /**
   * A {@code REFERENCES} clause.
   *
   * @param table the referenced table
   * @param columns the referenced columns, empty for the table's primary key
   * @param name the foreign key's name ({@code CONSTRAINT name}), or null
   * @param onDelete {@code CASCADE} or {@code SET NULL}, or null for {@code NO ACTION}/{@code RESTRICT}
   */
  record References(String table, List<String> columns, String name, String onDelete) {}

  /**
   * A column definition.
   *
   * @param defaultText the {@code DEFAULT} expression as written, or null
   * @param references its {@code REFERENCES}, or null
   * @param comment a MySQL {@code COMMENT 'text'}, or null
   * @param identity an identity column ({@code GENERATED … AS IDENTITY}, {@code BIGSERIAL},
   *     {@code AUTO_INCREMENT}): the table's entity-id column, under this name
   * @param checks the expressions of its {@code CHECK (…)} constraints, as written
   */
  record ColumnDef(String name, TypeSpec type, boolean notNull, boolean primaryKey, boolean unique,
      String defaultText, References references, String comment, boolean identity, List<String> checks) {

    /** A column without CHECK constraints. */
    ColumnDef(String name, TypeSpec type, boolean notNull, boolean primaryKey, boolean unique, String defaultText,
        References references, String comment, boolean identity) {
      this(name, type, notNull, primaryKey, unique, defaultText, references, comment, identity, List.of());
    }
  }

  /**
   * A table constraint: {@code PRIMARY KEY (…)}, {@code UNIQUE (…)}, {@code FOREIGN KEY (…)
   * REFERENCES …} or {@code CHECK (…)} ({@code check}: its expression as written).
   */
  record Constraint(Kind kind, List<String> columns, References references, String check) {
    enum Kind { PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK }

    Constraint(Kind kind, List<String> columns, References references) {
      this(kind, columns, references, null);
    }
  }

  record CreateTable(String name, boolean ifNotExists, List<ColumnDef> columns, List<Constraint> constraints)
      implements DdlStatement {}

  /** {@code ALTER TABLE}: one or more actions on one table. */
  record AlterTable(String name, boolean ifExists, List<Action> actions) implements DdlStatement {}

  /** An action of {@code ALTER TABLE}. */
  sealed interface Action {}

  record AddColumn(ColumnDef column, boolean ifNotExists) implements Action {}

  record DropColumn(String name, boolean ifExists) implements Action {}

  /** {@code DROP CONSTRAINT name}: a foreign key, by its name. */
  record DropConstraint(String name, boolean ifExists) implements Action {}

  record AddConstraint(Constraint constraint) implements Action {}

  /** {@code ALTER COLUMN c SET DEFAULT …} ({@code defaultText} non-null) or {@code DROP DEFAULT}. */
  record SetDefault(String column, String defaultText) implements Action {}

  /** {@code ALTER COLUMN c SET NOT NULL} or {@code DROP NOT NULL}. */
  record SetNotNull(String column, boolean notNull) implements Action {}

  record CreateIndex(boolean unique, String name, boolean ifNotExists, String table, List<String> columns)
      implements DdlStatement {}

  record DropIndex(String name, boolean ifExists) implements DdlStatement {}

  /**
   * {@code CREATE [OR REPLACE] VIEW}.
   *
   * @param columns the column names given after the view's name, or empty
   * @param query the query as written
   */
  record CreateView(String name, boolean orReplace, List<String> columns, String query) implements DdlStatement {}

  record DropTables(List<String> names, boolean ifExists, boolean cascade) implements DdlStatement {}

  record DropViews(List<String> names, boolean ifExists) implements DdlStatement {}

  record Truncate(List<String> names) implements DdlStatement {}
}
