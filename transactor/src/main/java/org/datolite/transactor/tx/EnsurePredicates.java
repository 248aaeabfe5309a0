package org.datolite.transactor.tx;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import org.datolite.storage.db.Db;

/**
 * The predicates an entity spec ({@code :db.entity/preds}) may run: static methods
 * {@code boolean name(Db db, long entity)} of classes the configuration allows. Calling code
 * named by data is off unless a class is listed, as calling arbitrary Java from queries is.
 */
public final class EnsurePredicates {
  /** No predicate may run. */
  public static final EnsurePredicates NONE = new EnsurePredicates(Set.of());

  private final Set<String> allowedClasses;

  public EnsurePredicates(Set<String> allowedClasses) {
    this.allowedClasses = Set.copyOf(allowedClasses);
  }

  /**
   * Runs {@code qualified} ("com.example.Checks/validOrder") on an entity of the db after.
   *
   * @throws TxException ENSURE_FAILED if it is not allowed, not found, throws, or says false
   */
  boolean test(String qualified, Db dbAfter, long entity, String context) {
    int slash = qualified.lastIndexOf('/');
    if (slash <= 0 || slash == qualified.length() - 1) {
      throw new TxException(TxErrorCode.ENSURE_FAILED, "entity predicate '" + qualified + "'" + context
          + " is not of the form fully.qualified.Class/method");
    }
    String className = qualified.substring(0, slash);
    if (!allowedClasses.contains(className)) {
      throw new TxException(TxErrorCode.ENSURE_FAILED, "entity predicate '" + qualified + "'" + context
          + " is not allowed; list " + className + " in the transactor's allowed predicate classes");
    }
    try {
      Method m = Class.forName(className).getMethod(qualified.substring(slash + 1), Db.class, long.class);
      if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != boolean.class) {
        throw new TxException(TxErrorCode.ENSURE_FAILED, "entity predicate '" + qualified + "'" + context
            + " must be a public static boolean method (Db, long)");
      }
      return (Boolean) m.invoke(null, dbAfter, entity);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new TxException(TxErrorCode.ENSURE_FAILED, "entity predicate '" + qualified + "'" + context
          + " could not run: " + cause);
    }
  }
}
