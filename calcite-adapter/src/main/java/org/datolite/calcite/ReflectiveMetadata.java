package org.datolite.calcite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.CyclicMetadataException;
import org.apache.calcite.rel.metadata.DelegatingMetadataRel;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.NullSentinel;
import org.apache.calcite.rel.metadata.MetadataHandlerProvider;
import org.apache.calcite.rel.metadata.ProxyingMetadataHandlerProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Metadata answered by Calcite's reflective handlers rather than by handlers Janino generates and
 * compiles. The same {@code RelMd*} methods answer, and answers are cached within a query as the
 * generated handlers cache them ({@link #caching}), so plans are the same; what goes is the
 * compilation: one class per kind of metadata and provider, 50–250 ms each in a cold JVM (Janino
 * and the generated code run interpreted), of which a first statement paid two (collations
 * while trimming, predicates while reducing expressions) and the first statement through Volcano
 * five or six more (costs, row counts, selectivities, predicates, visibility for the plan text).
 * Measured warm, planning takes as long either way (a new 8-table join text: 24–32 ms both).
 *
 * <p>One set of handlers per underlying provider (the cluster's: Calcite's default one while
 * trimming, Hep's chain afterwards), built once and shared.
 */
final class ReflectiveMetadata implements MetadataHandlerProvider {
  private static final Map<RelMetadataProvider, ReflectiveMetadata> BY_PROVIDER = new ConcurrentHashMap<>();

  private final ProxyingMetadataHandlerProvider proxies;
  private final Map<Class<?>, MetadataHandler<?>> handlers = new ConcurrentHashMap<>();

  private ReflectiveMetadata(RelMetadataProvider provider) {
    this.proxies = new ProxyingMetadataHandlerProvider(provider);
  }

  /** Metadata queries over whatever provider the cluster has when one is made. */
  static Supplier<RelMetadataQuery> queries(RelOptCluster cluster) {
    return () -> new RelMetadataQuery(BY_PROVIDER.computeIfAbsent(cluster.getMetadataProvider(), ReflectiveMetadata::new));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <MH extends MetadataHandler<?>> MH handler(Class<MH> handlerClass) {
    return (MH) handlers.computeIfAbsent(handlerClass, c -> caching(handlerClass, proxies.handler(handlerClass)));
  }

  /**
   * A handler that caches its answers within a query as Janino's generated handlers do: by
   * relational expression (past delegating ones such as Hep's vertices) and method and arguments,
   * in {@code mq.map}, with a cycle (a question asked again while being answered) failing with
   * {@link CyclicMetadataException}, which the planners expect.
   */
  private static MetadataHandler<?> caching(Class<?> handlerClass, Object handler) {
    InvocationHandler cache = (proxy, method, args) -> {
      if (args == null || args.length < 2 || !(args[0] instanceof RelNode) || !(args[1] instanceof RelMetadataQuery)) {
        return invoke(method, handler, args);
      }
      RelNode r = (RelNode) args[0];
      while (r instanceof DelegatingMetadataRel d) {
        r = d.getMetadataDelegateRel();
      }
      args[0] = r;
      RelMetadataQuery mq = (RelMetadataQuery) args[1];
      Object key;
      if (args.length == 2) {
        key = method;
      } else {
        List<Object> k = new ArrayList<>(args.length - 1);
        k.add(method);
        for (int i = 2; i < args.length; i++) {
          k.add(NullSentinel.mask(args[i]));
        }
        key = k;
      }
      Object v = mq.map.get(r, key);
      if (v != null) {
        if (v == NullSentinel.ACTIVE) {
          throw new CyclicMetadataException();
        }
        return v == NullSentinel.INSTANCE ? null : v;
      }
      mq.map.put(r, key, NullSentinel.ACTIVE);
      try {
        Object x = invoke(method, handler, args);
        mq.map.put(r, key, NullSentinel.mask(x));
        return x;
      } catch (RuntimeException | Error e) {
        mq.map.row(r).clear();
        throw e;
      }
    };
    return (MetadataHandler<?>) Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, cache);
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
