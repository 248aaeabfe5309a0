package org.datolite.cli.importer;

import org.datolite.cli.Progress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One import from a source connection to a Datolite connection: read the source schema, plan,
 * check and create the target tables, copy each table's rows (referenced tables first), then
 * write the references that had to wait.
 */
public final class Importer {
  private static final Logger LOG = LoggerFactory.getLogger(Importer.class);

  private final SourceSchema source;
  private final Connection target;
  private final int batch;
  private final Progress progress;

  public Importer(SourceSchema source, Connection target, int batch, Progress progress) {
    this.source = source;
    this.target = target;
    this.batch = batch;
    this.progress = progress;
  }

  /** What an import did: a result per table, in copy order, and the notes of fallbacks taken. */
  public record Outcome(List<TableResult> tables, List<String> notes, int created) {}

  /** Runs the import; {@code tables} names the tables to copy (all of the schema when empty). */
  public Outcome run(List<String> tables) throws SQLException {
    List<SourceTable> read = source.read(tables);
    TargetSchema schema = new TargetSchema(target);
    List<TablePlan> plans = ImportPlan.plan(read, schema.tables());
    schema.checkExisting(plans);
    List<String> notes = new ArrayList<>();
    for (TablePlan p : plans) {
      p.notes().forEach(n -> notes.add(p.source().name() + ": " + n));
    }
    int created = schema.create(plans);
    LOG.debug("created {} tables", created);
    target.setAutoCommit(false);
    TableCopy copy = new TableCopy(source, target, batch, progress);
    List<TableResult> results = new ArrayList<>();
    List<TableCopy.Links> links = new ArrayList<>();
    for (TablePlan p : plans) {
      TableResult r = copy.copy(p, links);
      if (r.note() != null) {
        notes.add(p.source().name() + ": " + r.note());
      }
      results.add(r);
    }
    for (TableCopy.Links l : links) {
      long start = System.nanoTime();
      copy.link(l);
      int i = plans.indexOf(l.table());
      results.set(i, results.get(i).plus(System.nanoTime() - start));
    }
    return new Outcome(results, notes, created);
  }
}
