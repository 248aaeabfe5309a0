package org.datolite.calcite.exec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.collect.Iterables;
import com.google.common.collect.Iterators;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.calcite.DataContext;
import org.datolite.calcite.model.Column;
import org.datolite.calcite.model.ColumnKind;
import org.datolite.calcite.model.EntityTableModel;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Attribute;
import org.datolite.schema.Schema;
import org.datolite.storage.db.AttributeLookup;
import org.datolite.storage.db.Db;
import org.datolite.value.ValueType;

/**
 * The rows of an entity table, each assembled from its entity's datoms in one operator.
 *
 * <p>A full scan merges the AEVT runs of the table's member attributes by entity: an entity is a
 * row when any member run holds it, and the projected columns take the values the runs hold for
 * it (NULL where none does). A projected attribute of the table's namespace that is no member
 * (beside membership attributes) joins the merge without making rows; an included one (another
 * namespace's, whose run may hold many entities that are no rows) is read from each row's EAVT.
 * A lookup (by ids, or by value in AVET) sorts the entities it finds and reads them as a batch, a
 * forward-seeking AEVT cursor per projected attribute; the column looked up takes the value AVET
 * found. Only the projected columns are read and converted; an enum column reads its target's
 * ident from the schema.
 */
final class EntityRows {
  private final Db db;
  private final Schema schema;
  private final EntityTableModel table;
  private final int[] columns;
  /** For each attribute id read, the output positions it fills (shared: never changed). */
  private final Map<Long, int[]> positions;
  /** The output position of DB_ID, or -1. */
  private final int idPosition;
  private final long[] members;
  /** The runs a full scan merges: the members first, then the projected non-members of the table's namespace. */
  private final long[] merged;
  /** The projected attributes of other namespaces (included), read per row from EAVT by a full scan. */
  private final long[] probed;
  /** Every attribute a projected column reads, ascending. */
  private final long[] projected;
  /** The column at each output position. */
  private final Column[] outputs;
  /** The condition the rows must meet (null: none). */
  private final ScanFilter filter;

  /** Where the rows read are told (a JDBC transaction's read set), or null. */
  private final ReadLog log;

  EntityRows(Db db, Schema schema, EntityTableModel table, int[] columns, ScanFilter filter) {
    this(db, schema, table, columns, filter, null);
  }

  EntityRows(Db db, Schema schema, EntityTableModel table, int[] columns, ScanFilter filter, ReadLog log) {
    this.log = log;
    this.db = db;
    this.schema = schema;
    this.table = table;
    this.columns = columns;
    this.filter = filter;
    Shape shape = Shape.of(table, columns);
    this.positions = shape.positions;
    this.idPosition = shape.idPosition;
    this.members = shape.members;
    this.merged = shape.merged;
    this.probed = shape.probed;
    this.projected = shape.projected;
    this.outputs = shape.outputs;
  }

  /**
   * What a scan of some columns of a table reads, worked out once per planned scan (the plan's
   * columns array is the key, weakly) rather than at each execution.
   */
  private record Shape(EntityTableModel table, Map<Long, int[]> positions, int idPosition, long[] members,
      long[] merged, long[] probed, long[] projected, Column[] outputs) {
    private static final Cache<int[], Shape> SHAPES = Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();

    static Shape of(EntityTableModel table, int[] columns) {
      Shape s = SHAPES.getIfPresent(columns);
      if (s == null || s.table != table) {
        s = compute(table, columns);
        SHAPES.put(columns, s);
      }
      return s;
    }

    private static Shape compute(EntityTableModel table, int[] columns) {
      Map<Long, int[]> positions = new HashMap<>();
      int id = -1;
      for (int i = 0; i < columns.length; i++) {
        Column c = table.columns().get(columns[i]);
        if (c.kind() == ColumnKind.ENTITY_ID) {
          id = i;
        } else {
          int[] at = positions.get(c.attribute().id());
          int[] more = at == null ? new int[] {i} : Arrays.copyOf(at, at.length + 1);
          more[more.length - 1] = i;
          positions.put(c.attribute().id(), more);
        }
      }
      long[] members = table.members().stream().mapToLong(Attribute::id).sorted().toArray();
      long[] others = positions.keySet().stream().mapToLong(Long::longValue)
          .filter(a -> Arrays.binarySearch(members, a) < 0).sorted().toArray();
      Set<Long> own = new HashSet<>();
      for (Column c : table.columns()) {
        if (c.attribute() != null && table.namespace().equals(c.attribute().ident().namespace())) {
          own.add(c.attribute().id());
        }
      }
      long[] merged = LongStream.concat(Arrays.stream(members), Arrays.stream(others).filter(own::contains)).toArray();
      long[] probed = Arrays.stream(others).filter(a -> !own.contains(a)).toArray();
      long[] projected = positions.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
      Column[] outputs = new Column[columns.length];
      for (int i = 0; i < columns.length; i++) {
        outputs[i] = table.columns().get(columns[i]);
      }
      return new Shape(table, positions, id, members, merged, probed, projected, outputs);
    }
  }

  /** Whether the filter reads a column of attribute {@code a}. */
  private boolean isFilterAttribute(long a) {
    if (filter == null) {
      return false;
    }
    for (int p : positions.get(a)) {
      if (filter.reads(p)) {
        return true;
      }
    }
    return false;
  }

  private boolean isMemberAttribute(long a) {
    return Arrays.binarySearch(members, a) >= 0;
  }

  /** The rows the access finds that meet the filter. */
  Iterator<Object[]> rows(Access access, DataContext root) {
    Iterator<Object[]> rows = found(access, root);
    if (filter == null || rows instanceof Batch) {
      return rows; // a batch applies the filter as it reads
    }
    return Iterators.filter(rows, r -> filter.test().accepts(r, root));
  }

  private Iterator<Object[]> found(Access access, DataContext root) {
    if (access instanceof Access.Full) {
      logWhole();
      return new Merge();
    }
    if (access instanceof Access.Ordered o) {
      logWhole();
      return ordered(o);
    }
    if (access instanceof Access.Ids ids) {
      List<Object> keys = SqlValues.keys(ValueType.REF, ids.ids(), root);
      long[] es = new long[keys.size()];
      int n = 0;
      for (Object k : keys) {
        if (k instanceof Long e) {
          es[n++] = e;
          if (log != null) {
            log.entity(e, table.attributes());
          }
        }
      }
      return new Batch(Arrays.copyOf(es, n), null, 0, false, root); // keys come sorted and distinct
    }
    Column column = table.columns().get(access instanceof Access.Equal eq ? eq.column() : ((Access.Range) access).column());
    if (column.kind() == ColumnKind.ENTITY_ID) {
      logWhole();
      return idRange((Access.Range) access, root);
    }
    if (log != null) {
      if (access instanceof Access.Equal eq) {
        for (Object v : column.showsTarget() ? SqlValues.targetKeys(column, schema, db, eq.values(), root)
            : SqlValues.keys(column.type(), eq.values(), root)) {
          log.value(column.attribute(), v);
        }
      } else {
        log.attributes(List.of(column.attribute()));
      }
    }
    return found(Lookups.avet(db, column, schema, access, root), column.attribute().id(), root);
  }

  /** Tells the read log that the scan reads the whole table (every row it has, and every row it gains). */
  private void logWhole() {
    if (log != null) {
      log.attributes(table.attributes());
    }
  }

  /**
   * The rows of the entities an AVET lookup of attribute {@code a} found: sorted by entity, then
   * read as one batch; the looked-up column takes the value the lookup found.
   */
  private Iterator<Object[]> found(Iterator<Datom> datoms, long a, DataContext root) {
    long[] es = new long[16];
    Object[] vs = new Object[16];
    int n = 0;
    boolean sorted = true;
    while (datoms.hasNext()) {
      Datom d = datoms.next();
      if (n == es.length) {
        es = Arrays.copyOf(es, n * 2);
        vs = Arrays.copyOf(vs, n * 2);
      }
      sorted &= n == 0 || es[n - 1] < d.e();
      if (log != null) {
        log.entity(d.e(), table.attributes());
      }
      es[n] = d.e();
      vs[n++] = d.v();
    }
    if (!sorted) {
      sortByEntity(es, vs, 0, n - 1);
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (m == 0 || es[m - 1] != es[i]) { // a cardinality-one attribute: one value an entity
          es[m] = es[i];
          vs[m++] = vs[i];
        }
      }
      n = m;
    }
    return new Batch(Arrays.copyOf(es, n), Arrays.copyOf(vs, n), a, isMemberAttribute(a), root);
  }

  /**
   * Sorts entity ids and their values (the same positions of two arrays) by id, in place: a
   * quicksort of the ids and their original positions (primitive swaps: moving references in an
   * array costs a GC write barrier each), then the values moved once into their places.
   */
  static void sortByEntity(long[] es, Object[] vs, int from, int to) {
    int n = to - from + 1;
    if (n < 2) {
      return;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = from; i <= to; i++) {
      min = Math.min(min, es[i]);
      max = Math.max(max, es[i]);
    }
    if (max - min >= 0 && max - min < 4L * n + 1024 && max - min < 1 << 24) { // (negative: overflowed)
      countingSort(es, vs, from, to, min, (int) (max - min + 1));
      return;
    }
    int[] at = new int[n];
    for (int i = 0; i < n; i++) {
      at[i] = from + i;
    }
    sort(es, at, from, from, to);
    Object[] moved = new Object[n];
    for (int i = 0; i < n; i++) {
      moved[i] = vs[at[i]];
    }
    System.arraycopy(moved, 0, vs, from, n);
  }

  /**
   * A counting sort, for ids that lie close together (as the entities a lookup finds usually
   * do: ids are handed out in order): no comparisons, two passes over the ids and one over the
   * {@code span} counters. Stable.
   */
  private static void countingSort(long[] es, Object[] vs, int from, int to, long min, int span) {
    int[] next = new int[span + 1];
    for (int i = from; i <= to; i++) {
      next[(int) (es[i] - min) + 1]++;
    }
    for (int k = 0; k < span; k++) {
      next[k + 1] += next[k];
    }
    int n = to - from + 1;
    long[] sortedEs = new long[n];
    Object[] sortedVs = new Object[n];
    for (int i = from; i <= to; i++) {
      int p = next[(int) (es[i] - min)]++;
      sortedEs[p] = es[i];
      sortedVs[p] = vs[i];
    }
    System.arraycopy(sortedEs, 0, es, from, n);
    System.arraycopy(sortedVs, 0, vs, from, n);
  }

  /** Sorts {@code es[from..to]}, moving {@code at[i - base]} with {@code es[i]}. */
  private static void sort(long[] es, int[] at, int base, int from, int to) {
    int lo = from;
    int hi = to;
    while (hi - lo > 16) {
      long pivot = median(es[lo], es[(lo + hi) >>> 1], es[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (es[i] < pivot) {
          i++;
        }
        while (es[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(es, at, base, i++, j--);
        }
      }
      if (j - lo < hi - i) {
        sort(es, at, base, lo, j);
        lo = i;
      } else {
        sort(es, at, base, i, hi);
        hi = j;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      for (int k = i; k > lo && es[k - 1] > es[k]; k--) {
        swap(es, at, base, k - 1, k);
      }
    }
  }

  private static long median(long a, long b, long c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  private static void swap(long[] es, int[] at, int base, int i, int j) {
    long e = es[i];
    es[i] = es[j];
    es[j] = e;
    int p = at[i - base];
    at[i - base] = at[j - base];
    at[j - base] = p;
  }

  /** Rows of the entities in a range of ids: the merge, from the first id in range. */
  private Iterator<Object[]> idRange(Access.Range r, DataContext root) {
    Long low = r.low() == null ? null : Lookups.longBound(r.low().value(root), true, r.lowInclusive());
    Long high = r.high() == null ? null : Lookups.longBound(r.high().value(root), false, r.highInclusive());
    if (r.low() != null && r.low().value(root) == null || r.high() != null && r.high().value(root) == null) {
      return Collections.emptyIterator();
    }
    long from = low == null ? Long.MIN_VALUE : low;
    long to = high == null ? Long.MAX_VALUE : high;
    return from > to ? Collections.emptyIterator() : new Merge(from, to);
  }

  /**
   * The rows of some entities, given in ascending order: each projected attribute is read by one
   * forward-seeking AEVT cursor over the span of the ids ({@link AttributeLookup}), so a row costs
   * a short gallop per column rather than an index search per entity. An entity none of whose
   * projected member attributes is present is a row only if it has some member attribute (looked
   * up in EAVT), unless every entity is known to be a member. With a filter, the attributes it
   * reads are read first, and a row it rejects reads no others.
   */
  private final class Batch implements Iterator<Object[]> {
    private static final int MAX_CHUNK = 1024;
    private final long[] es;
    /** The values of attribute {@code known} the lookup found, by position in {@code es}, or null. */
    private final Object[] values;
    private final long known;
    /** The output positions of attribute {@code known}, or null. */
    private final int[] knownAt;
    private final boolean allMembers;
    private final long[] read;
    /** Whether each attribute read is a member: its presence makes the entity a row. */
    private final boolean[] readIsMember;
    /**
     * Whether each attribute read has one value an entity: its lookup stops at the first datom
     * rather than reading the next entity's to see that there is no other (a view of current facts).
     */
    private final boolean[] readIsOne;
    private final AttributeLookup[] lookups;
    /** The output positions of each attribute read. */
    private final int[][] at;
    /** How many of the attributes read (the first) the filter needs. */
    private final int filterReads;
    private final DataContext root;
    /** The next entity to read (a position in {@code es}). */
    private int i;
    /** How many entities the next chunk reads. */
    private int chunk = 64;
    /** The kept rows of the chunk read last, the first {@code chunkRows}; {@code ready} is the next to give. */
    private Object[][] rows = new Object[0][];
    private int chunkRows;
    private int ready;

    Batch(long[] es, Object[] values, long known, boolean allMembers, DataContext root) {
      this.es = es;
      this.values = values;
      this.known = known;
      this.knownAt = values == null ? null : positions.get(known);
      this.allMembers = allMembers;
      this.root = root;
      long[] all = projected;
      int drop = values != null && Arrays.binarySearch(all, known) >= 0 ? 1 : 0;
      this.read = new long[all.length - drop];
      int j = 0;
      for (long a : all) { // the attributes the filter reads first, then the others
        if ((drop == 0 || a != known) && isFilterAttribute(a)) {
          read[j++] = a;
        }
      }
      this.filterReads = j;
      for (long a : all) {
        if ((drop == 0 || a != known) && !isFilterAttribute(a)) {
          read[j++] = a;
        }
      }
      this.lookups = new AttributeLookup[read.length];
      this.at = new int[read.length][];
      this.readIsMember = new boolean[read.length];
      this.readIsOne = new boolean[read.length];
      for (int k = 0; k < read.length; k++) {
        at[k] = positions.get(read[k]);
        readIsMember[k] = isMemberAttribute(read[k]);
        Attribute attribute = schema.attribute(read[k]);
        readIsOne[k] = attribute != null && !attribute.isMany();
      }
    }

    @Override
    public boolean hasNext() {
      while (ready == chunkRows && i < es.length) {
        readChunk();
      }
      return ready < chunkRows;
    }

    /**
     * Reads the rows of the next chunk of entities column by column: each attribute's lookups run
     * one after another over the chunk's ascending entities, so one cursor's arrays stay in cache
     * and the loads of different entities' datoms overlap; after the filter's attributes the
     * rejected rows drop out and read nothing more. Chunks grow from 64 to 1,024 entities, so a
     * LIMIT above reads little more than it keeps.
     */
    private void readChunk() {
      int from = i;
      int n = Math.min(es.length - from, chunk);
      chunk = Math.min(MAX_CHUNK, chunk * 4);
      i = from + n;
      Object[][] rows = new Object[n][];
      boolean[] any = new boolean[n];
      int[] alive = new int[n];
      long[] keys = new long[n];
      Datom[] found = new Datom[n];
      // the id is boxed after the filter unless the filter reads it: a rejected row needs none
      boolean idNow = idPosition >= 0 && filter != null && filter.reads(idPosition);
      for (int j = 0; j < n; j++) {
        rows[j] = idNow ? newRow(es[from + j]) : new Object[columns.length];
        if (values != null) {
          fill(rows[j], knownAt, values[from + j]);
        }
        alive[j] = j;
      }
      int live = n;
      for (int k = 0; k <= read.length && live > 0; k++) {
        if (k == filterReads && filter != null) {
          int m = 0;
          for (int x = 0; x < live; x++) {
            if (accepts(rows[alive[x]])) {
              alive[m++] = alive[x];
            }
          }
          live = m;
        }
        if (k == read.length) {
          break;
        }
        if (lookups[k] == null) {
          lookups[k] = new AttributeLookup(db, Index.AEVT, read[k], es[from], es[es.length - 1]);
        }
        AttributeLookup lookup = lookups[k];
        boolean member = readIsMember[k];
        int[] positions = at[k];
        if (readIsOne[k]) { // first where each datom is, then their values: the loads overlap
          for (int x = 0; x < live; x++) {
            keys[x] = es[from + alive[x]];
          }
          lookup.firsts(keys, live, found);
          for (int x = 0; x < live; x++) {
            Datom d = found[x];
            if (d != null) {
              int j = alive[x];
              any[j] |= fill(rows[j], positions, d.v()) && member;
            }
          }
          continue;
        }
        for (int x = 0; x < live; x++) {
          int j = alive[x];
          long e = es[from + j];
          for (Datom d = lookup.first(e); d != null; d = lookup.next(e)) {
            any[j] |= fill(rows[j], positions, d.v()) && member;
          }
        }
      }
      int m = 0;
      for (int x = 0; x < live; x++) {
        int j = alive[x];
        if (any[j] || allMembers || isMember(es[from + j])) {
          if (idPosition >= 0 && !idNow) {
            rows[j][idPosition] = es[from + j];
          }
          rows[m++] = rows[j];
        }
      }
      chunkRows = m;
      ready = 0;
      this.rows = rows;
    }

    private boolean accepts(Object[] row) {
      return filter == null || filter.test().accepts(row, root);
    }

    @Override
    public Object[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Object[] r = rows[ready];
      rows[ready++] = null;
      return r;
    }
  }

  /**
   * The rows in the order of one attribute's values, read lazily: each value's entity from AVET
   * (its row read from EAVT), and the rows where the attribute is missing from the merge, before
   * or after them. A LIMIT above reads only what it keeps.
   */
  private Iterator<Object[]> ordered(Access.Ordered o) {
    Attribute attr = table.columns().get(o.column()).attribute();
    int[] at = positions.get(attr.id());
    boolean member = isMemberAttribute(attr.id());
    Iterable<Object[]> values = () -> Iterators.filter(Iterators.transform(o.descending()
        ? db.rangeReverse(Index.AVET, Index.AVET.lowerBound(attr.id()), true, Index.AVET.upperBound(attr.id()), true)
        : db.datoms(Index.AVET, attr.id()), d -> row(d.e(), member)), Objects::nonNull);
    Iterable<Object[]> nulls = () -> Iterators.filter(new Merge(), r -> r[at[0]] == null);
    // each part starts when reached: a limit the values satisfy never opens the merge
    return Iterables.concat(o.nullsFirst() ? List.of(nulls, values) : List.of(values, nulls)).iterator();
  }

  /** The row of one entity read from EAVT; null if it is not a row ({@code member}: known to be one). */
  private Object[] row(long e, boolean member) {
    Object[] row = newRow(e);
    boolean isRow = member;
    for (Iterator<Datom> it = db.datoms(Index.EAVT, e); it.hasNext(); ) {
      Datom d = it.next();
      fill(row, positions.get(d.a()), d.v());
      isRow = isRow || isMemberAttribute(d.a());
    }
    return isRow ? row : null;
  }

  /**
   * The number of rows of a whole entity table: its one member attribute's datom count, or the
   * distinct entities of the member attributes' AEVT runs, merged by id without building rows.
   */
  static long count(Db db, EntityTableModel table, SqlExecution x) {
    long[] members = table.members().stream().mapToLong(Attribute::id).distinct().toArray();
    if (members.length == 1) {
      return Scans.count(db, members[0]);
    }
    @SuppressWarnings("unchecked")
    Iterator<Datom>[] runs = new Iterator[members.length];
    long[] heads = new long[members.length];
    for (int i = 0; i < members.length; i++) {
      runs[i] = db.datoms(Index.AEVT, members[i]);
      heads[i] = runs[i].hasNext() ? runs[i].next().e() : Long.MAX_VALUE;
    }
    long n = 0;
    while (true) {
      long e = Long.MAX_VALUE;
      for (long h : heads) {
        e = Math.min(e, h);
      }
      if (e == Long.MAX_VALUE) {
        return n;
      }
      if (++n % 4096 == 0) {
        x.checkCancelled();
      }
      for (int i = 0; i < heads.length; i++) {
        while (heads[i] == e) {
          heads[i] = runs[i].hasNext() ? runs[i].next().e() : Long.MAX_VALUE;
        }
      }
    }
  }

  /** Whether an entity has a member attribute of the table. */
  private boolean isMember(long e) {
    for (Iterator<Datom> it = db.datoms(Index.EAVT, e); it.hasNext(); ) {
      if (isMemberAttribute(it.next().a())) {
        return true;
      }
    }
    return false;
  }

  private Object[] newRow(long e) {
    Object[] row = new Object[columns.length];
    if (idPosition >= 0) {
      row[idPosition] = e;
    }
    return row;
  }

  /** Sets the columns at output positions {@code at} (null: none) to stored value {@code v}; whether any. */
  private boolean fill(Object[] row, int[] at, Object v) {
    if (at == null) {
      return false;
    }
    Object sql = SqlValues.toSql(outputs[at[0]], schema, db, v);
    for (int p : at) {
      row[p] = sql;
    }
    return true;
  }

  /** Fills the columns of included attributes from the entity's EAVT. */
  private void fillProbed(Object[] row, long e) {
    for (long a : probed) {
      Datom d = db.first(Index.EAVT, e, a);
      if (d != null) {
        fill(row, positions.get(a), d.v());
      }
    }
  }

  /**
   * The merge of the member attributes' AEVT runs by entity (and of the runs of the projected
   * non-members of the namespace, which make no rows), optionally within an id range.
   */
  private final class Merge implements Iterator<Object[]> {
    private final Iterator<Datom>[] runs;
    private final Datom[] heads;
    /** The output positions of each merged attribute (null: not read). */
    private final int[][] runPositions;
    private Object[] next;

    Merge() {
      this(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @SuppressWarnings("unchecked")
    Merge(long fromId, long toId) {
      runs = new Iterator[merged.length];
      heads = new Datom[merged.length];
      runPositions = new int[merged.length][];
      for (int i = 0; i < merged.length; i++) {
        runs[i] = fromId == Long.MIN_VALUE && toId == Long.MAX_VALUE ? db.datoms(Index.AEVT, merged[i])
            : db.range(Index.AEVT, Index.AEVT.lowerBound(merged[i], fromId), true,
                Index.AEVT.upperBound(merged[i], toId), true);
        heads[i] = runs[i].hasNext() ? runs[i].next() : null;
        runPositions[i] = positions.get(merged[i]);
      }
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        long e = Long.MAX_VALUE;
        boolean any = false;
        for (Datom h : heads) {
          if (h != null && h.e() <= e) {
            e = h.e();
            any = true;
          }
        }
        if (!any) {
          return false;
        }
        Object[] row = newRow(e);
        boolean member = false;
        for (int i = 0; i < heads.length; i++) {
          while (heads[i] != null && heads[i].e() == e) {
            member |= i < members.length; // the first runs are the members'
            fill(row, runPositions[i], heads[i].v());
            heads[i] = runs[i].hasNext() ? runs[i].next() : null;
          }
        }
        if (member) {
          fillProbed(row, e);
          next = row;
        }
      }
      return true;
    }

    @Override
    public Object[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Object[] r = next;
      next = null;
      return r;
    }
  }
}
