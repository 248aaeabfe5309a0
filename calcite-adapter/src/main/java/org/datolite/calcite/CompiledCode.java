package org.datolite.calcite;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.ClassDeclaration;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.FieldDeclaration;
import org.apache.calcite.linq4j.tree.VisitorImpl;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.runtime.ArrayBindable;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.runtime.Typed;
import org.apache.calcite.sql.SqlKind;
import org.codehaus.commons.compiler.CompilerFactoryFactory;
import org.codehaus.commons.compiler.ISimpleCompiler;

/**
 * A physical plan's generated code, compiled once per text of code. Before the code is
 * generated, the literals the plan's calcs compare, compute or project are lifted into parameters
 * past the statement's own ({@code ?n}, read from the {@code DataContext} like any parameter), so
 * that statements that differ only in such literals generate the same code and share one
 * compiled class: Janino's compilation is about 40% of planning a new statement text of that
 * kind (an aggregate or a join), and the code cache is keyed by the generated source, which
 * holds no literal value then. (Calcite's own cache, {@code calcite.bindable.cache.maxSize}, is a
 * global system property and finds nothing to share while literals stay in the code.)
 *
 * <p>Only literals of plain types (numbers, text, booleans, dates, times, timestamps) whose
 * every use is an operand of a comparison, arithmetic, a logical operator, CASE or COALESCE, or a
 * projected value are lifted: elsewhere code generation may need the literal itself (a CAST's
 * FORMAT, a symbol). Code with static fields is not shared, as Calcite does not share it either;
 * a plan whose lifted code fails to generate or compile is compiled as it was.
 */
final class CompiledCode {
  /** Classes kept, by generated source. */
  private static final int CACHE_SIZE = 1000;
  private static final Cache<String, Bindable<Object>> BY_SOURCE = Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();
  private static final AtomicLong COMPILED = new AtomicLong();
  private static final Set<SqlKind> LIFTABLE_IN = Set.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.LESS_THAN,
      SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.IS_DISTINCT_FROM,
      SqlKind.IS_NOT_DISTINCT_FROM, SqlKind.PLUS, SqlKind.MINUS, SqlKind.TIMES, SqlKind.DIVIDE, SqlKind.AND,
      SqlKind.OR, SqlKind.NOT, SqlKind.CASE, SqlKind.COALESCE);

  private CompiledCode() {}

  /** The compiled plan: its code, its stashed objects, and the values of its lifted literals. */
  record Compiled(Bindable<Object> bindable, Map<String, Object> internal, Object[] constants) {}

  /** Classes compiled in this JVM (a new statement text sharing code compiles none). */
  static long compiled() {
    return COMPILED.get();
  }

  /** Compiles a physical plan whose statement has {@code parameters} parameters of its own. */
  static Compiled compile(EnumerableRel physical, int parameters) {
    List<Object> constants = new ArrayList<>();
    RelNode lifted = lift(physical, parameters, constants);
    if (!constants.isEmpty()) {
      try {
        return compile((EnumerableRel) lifted, constants.toArray());
      } catch (RuntimeException | AssertionError e) {
        // a use of a literal this class did not foresee: the plan compiles with its literals
      }
    }
    return compile(physical, new Object[0]);
  }

  private static Compiled compile(EnumerableRel rel, Object[] constants) {
    Map<String, Object> internal = new HashMap<>();
    EnumerableRelImplementor implementor = new EnumerableRelImplementor(rel.getCluster().getRexBuilder(), internal);
    ClassDeclaration expr = implementor.implementRoot(rel, EnumerableRel.Prefer.ARRAY);
    String body = Expressions.toString(expr.memberDeclarations, "\n", false);
    int fields = rel.getRowType().getFieldCount();
    String source = "public final class " + expr.name + " implements "
        + (fields == 1 ? Bindable.class.getCanonicalName() + ", " + Typed.class.getCanonicalName()
            : ArrayBindable.class.getCanonicalName())
        + " {\n" + body + "\n}";
    Bindable<Object> bindable = hasStaticFields(expr) ? janino(expr.name, source)
        : BY_SOURCE.get(source, s -> janino(expr.name, s));
    return new Compiled(bindable, internal, constants);
  }

  @SuppressWarnings("unchecked")
  private static Bindable<Object> janino(String className, String source) {
    try {
      ClassLoader loader = CompiledCode.class.getClassLoader();
      ISimpleCompiler compiler = CompilerFactoryFactory.getDefaultCompilerFactory(loader).newSimpleCompiler();
      compiler.setParentClassLoader(loader);
      compiler.cook(source);
      Bindable<Object> b = (Bindable<Object>) compiler.getClassLoader().loadClass(className)
          .getDeclaredConstructors()[0].newInstance();
      COMPILED.incrementAndGet();
      return b;
    } catch (Exception e) {
      throw new IllegalStateException("Error while compiling generated Java code:\n" + source, e);
    }
  }

  private static boolean hasStaticFields(ClassDeclaration expr) {
    boolean[] found = {false};
    expr.accept(new VisitorImpl<Void>() {
      @Override
      public Void visit(FieldDeclaration field) {
        found[0] |= (field.modifier & Modifier.STATIC) != 0;
        return found[0] ? null : super.visit(field);
      }
    });
    return found[0];
  }

  /** The plan with its calcs' liftable literals replaced by parameters from index {@code first} on. */
  private static RelNode lift(RelNode rel, int first, List<Object> constants) {
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode lifted = lift(input, first, constants);
      changed |= lifted != input;
      inputs.add(lifted);
    }
    RelNode r = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
    if (r instanceof EnumerableCalc calc) {
      RexProgram program = liftProgram(calc.getProgram(), calc.getCluster().getRexBuilder(), first, constants);
      if (program != calc.getProgram()) {
        r = calc.copy(calc.getTraitSet(), calc.getInput(), program);
      }
    }
    return r;
  }

  private static RexProgram liftProgram(RexProgram program, RexBuilder rex, int first, List<Object> constants) {
    List<RexNode> exprs = new ArrayList<>(program.getExprList());
    Set<Integer> unsafe = new HashSet<>();
    for (RexNode e : exprs) {
      if (e instanceof RexCall call && !LIFTABLE_IN.contains(call.getKind())) {
        for (RexNode o : call.getOperands()) {
          if (o instanceof RexLocalRef ref) {
            unsafe.add(ref.getIndex());
          }
        }
      }
    }
    if (program.getCondition() != null) {
      // a condition that is a literal itself stays one
      unsafe.add(program.getCondition().getIndex());
    }
    boolean changed = false;
    for (int i = 0; i < exprs.size(); i++) {
      if (exprs.get(i) instanceof RexLiteral lit && !unsafe.contains(i)) {
        Object v = RowExpression.literalValue(lit);
        if (v != null) {
          exprs.set(i, rex.makeDynamicParam(lit.getType(), first + constants.size()));
          constants.add(v);
          changed = true;
        }
      }
    }
    return changed ? new RexProgram(program.getInputRowType(), exprs, program.getProjectList(), program.getCondition(),
        program.getOutputRowType()) : program;
  }
}
