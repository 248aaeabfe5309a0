package org.datolite.calcite;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.MetadataHandlerProvider;
import org.apache.calcite.rel.metadata.ProxyingMetadataHandlerProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Metadata for the logical phases (field trimming, the Hep rewrites) answered by Calcite's
 * reflective handlers rather than by handlers Janino compiles. The answers are the same (the same
 * {@code RelMd*} methods answer); they cost a few microseconds more a call and are not cached
 * within a query, which the few calls of those phases do not notice, while compiling a handler
 * costs a cold JVM 50–250 ms each (Janino and the generated code run interpreted), of which the
 * first statement would pay two (collations while trimming, predicates while reducing
 * expressions). Volcano, which asks for metadata thousands of times, keeps Janino's handlers.
 *
 * <p>One set of handlers per underlying provider (the cluster's: Calcite's default one while
 * trimming, Hep's chain during the rewrites), built once and shared.
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
    return (MH) handlers.computeIfAbsent(handlerClass, c -> proxies.handler(handlerClass));
  }
}
