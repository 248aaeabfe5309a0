package org.datolite.schema;

/** An attribute's {@code :db/unique}: none, {@code :db.unique/value} or {@code :db.unique/identity}. */
public enum Uniqueness {
  NONE,
  /** One entity per value; asserting it for another entity is an error. */
  VALUE,
  /** One entity per value, and a tempid with the value resolves to that entity (upsert). */
  IDENTITY
}
