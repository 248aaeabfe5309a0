package org.datolite.query;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.datolite.DatoliteException;
import org.datolite.error.SqlState;

/**
 * Calls of Java methods from queries, for the classes a connection allows (property
 * {@code query-java-classes}; none by default, since a query could otherwise call anything on the
 * class path): {@code [(java.lang.Math/abs ?x) ?y]} calls a public static method, {@code
 * [(.toUpperCase ?s) ?u]} a public instance method of the first argument, whose class (or one of
 * its supertypes) must be allowed. Among the methods of that name and arity the first whose
 * parameters accept the arguments is called; query longs and doubles convert to {@code int},
 * {@code long}, {@code double} and {@code float} parameters, and an {@code int} result comes back
 * as a {@link Long}.
 */
final class JavaCalls {
  private JavaCalls() {}

  /** Whether a function name is a Java call ({@code Class/method} or {@code .method}). */
  static boolean isJavaCall(String name) {
    return name.indexOf('/') > 0 || name.startsWith(".") && name.length() > 1;
  }

  static Object invoke(String name, Object[] args, Set<String> allowed) {
    if (name.startsWith(".")) {
      String method = name.substring(1);
      if (args.length == 0 || args[0] == null) {
        throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "(" + name + " …) needs an object to call " + method + " on; got "
            + (args.length == 0 ? "no arguments" : "nil"));
      }
      Class<?> type = args[0].getClass();
      if (!allowed(type, allowed)) {
        throw new DatoliteException(SqlState.INSUFFICIENT_PRIVILEGE, "calling " + name + " on a " + type.getName() + " from a query needs "
            + type.getName() + " (or a supertype) in the connection property query-java-classes");
      }
      Object[] rest = Arrays.copyOfRange(args, 1, args.length);
      return call(type, method, args[0], rest, name);
    }
    int slash = name.lastIndexOf('/');
    String className = name.substring(0, slash);
    String method = name.substring(slash + 1);
    if (!allowed.contains(className)) {
      throw new DatoliteException(SqlState.INSUFFICIENT_PRIVILEGE, "calling " + name + " from a query needs " + className
          + " in the connection property query-java-classes");
    }
    Class<?> type;
    try {
      type = Class.forName(className, false, JavaCalls.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new DatoliteException(SqlState.UNDEFINED_FUNCTION, "unknown class " + className + " in (" + name + " …)");
    }
    return call(type, method, null, args, name);
  }

  /** Whether a class, or one of its supertypes, is among the allowed ones. */
  static boolean allowed(Class<?> type, Set<String> allowed) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (allowed.contains(c.getName())) {
        return true;
      }
      for (Class<?> i : c.getInterfaces()) {
        if (allowed.contains(i.getName())) {
          return true;
        }
      }
    }
    return false;
  }

  private static Object call(Class<?> type, String method, Object target, Object[] args, String name) {
    boolean wantStatic = target == null;
    List<Method> candidates = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (m.getName().equals(method) && Modifier.isStatic(m.getModifiers()) == wantStatic
          && m.getParameterCount() == args.length) {
        candidates.add(m);
      }
    }
    if (candidates.isEmpty()) {
      throw new DatoliteException(SqlState.UNDEFINED_FUNCTION, "no public " + (wantStatic ? "static " : "") + "method " + method + " of "
          + type.getName() + " takes " + args.length + " argument" + (args.length == 1 ? "" : "s"));
    }
    for (Method m : candidates) {
      Object[] converted = convert(m.getParameterTypes(), args);
      if (converted != null) {
        try {
          Object result = m.invoke(target, converted);
          return result instanceof Integer i ? (Object) (long) i : result instanceof Short s ? (Object) (long) s
              : result instanceof Byte b ? (Object) (long) b : result;
        } catch (IllegalAccessException e) {
          continue; // a public method of a class that is not exported; try the next
        } catch (InvocationTargetException e) {
          throw new DatoliteException(SqlState.INVALID_PARAMETER_VALUE, "(" + name + " …) failed: " + e.getCause(), e.getCause());
        }
      }
    }
    throw new DatoliteException(SqlState.UNDEFINED_FUNCTION, "no method " + method + " of " + type.getName() + " accepts ("
        + describe(args) + ")");
  }

  private static String describe(Object[] args) {
    List<String> out = new ArrayList<>();
    for (Object a : args) {
      out.add(Functions.describe(a));
    }
    return String.join(", ", out);
  }

  /** The arguments as the parameter types take them, or null if one does not fit. */
  private static Object[] convert(Class<?>[] types, Object[] args) {
    Object[] out = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      Class<?> t = types[i];
      Object a = args[i];
      if (a == null) {
        if (t.isPrimitive()) {
          return null;
        }
        out[i] = null;
      } else if (!t.isPrimitive() && t.isInstance(a)) {
        out[i] = a;
      } else if (a instanceof Long l && (t == long.class || t == Long.class)) {
        out[i] = l;
      } else if (a instanceof Long l && (t == int.class || t == Integer.class) && l == (int) (long) l) {
        out[i] = (int) (long) l;
      } else if (a instanceof Number n && (t == double.class || t == Double.class)) {
        out[i] = n.doubleValue();
      } else if (a instanceof Number n && (t == float.class || t == Float.class)) {
        out[i] = n.floatValue();
      } else if (a instanceof Boolean b && t == boolean.class) {
        out[i] = b;
      } else {
        return null;
      }
    }
    return out;
  }
}
