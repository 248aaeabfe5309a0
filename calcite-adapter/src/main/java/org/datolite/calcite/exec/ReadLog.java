package org.datolite.calcite.exec;

import java.util.List;
import org.datolite.schema.Attribute;

/**
 * What a statement of a JDBC transaction reads, told by the scans as they read, so that the
 * transaction can ask the transactor at commit whether any of it changed since (its read set).
 * A scan tells the most precise of: the entities it looked up or found by key, with the
 * attributes it reads of them; the values it looked up; the attributes it scanned whole.
 */
public interface ReadLog {
  /** The scan read these attributes of entity {@code e} (a row it found by id or by a value). */
  void entity(long e, List<Attribute> attributes);

  /** The scan read these attributes over every entity (a full or range scan, a count). */
  void attributes(List<Attribute> attributes);

  /** The scan looked up the entities that hold value {@code v} of {@code a}. */
  void value(Attribute a, Object v);

  /** The statement read something that cannot be told more precisely (raw datoms, Datalog). */
  void everything();
}
