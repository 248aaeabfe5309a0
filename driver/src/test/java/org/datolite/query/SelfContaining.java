package org.datolite.query;

import java.util.ArrayList;
import java.util.List;

/** For tests: a Java method a query may be allowed to call whose result contains itself. */
public final class SelfContaining {
  private SelfContaining() {}

  /** A list whose only element is the list itself. */
  public static List<Object> list() {
    List<Object> list = new ArrayList<>();
    list.add(list);
    return list;
  }
}
