package org.datolite.transactor.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.datolite.edn.Edn;
import org.datolite.edn.EdnException;
import org.datolite.error.SqlState;
import org.datolite.storage.codec.ByteWriter;
import org.datolite.transactor.Transactor;
import org.datolite.transactor.TransactorException;
import org.datolite.transactor.protocol.ProtocolException;
import org.datolite.transactor.protocol.Session;
import org.datolite.transactor.remote.PeerProtocol;
import org.datolite.transactor.tx.TxErrorCode;
import org.datolite.transactor.tx.TxException;

/**
 * The peers' requests to the active transactor: {@link PeerProtocol#TRANSACT},
 * {@link PeerProtocol#SYNC}, {@link PeerProtocol#TX_STATUS} and {@link PeerProtocol#STATUS}
 * (bodies read by {@link PeerRequests}), and the SYNC requests waiting for a basis.
 *
 * <p>A SYNC for a {@code t} not yet committed waits until the {@link NoveltyBroadcaster} has
 * pushed it ({@link #committedUpTo}), so a peer's stream carries a commit before its sync
 * returns; when the server steps down, the waiting ones fail ({@link #failSyncWaiters}).
 */
final class PeerRequestHandler {
  private final String name;
  private final Supplier<Transactor> active;
  private final Executor lookups;
  private final ConcurrentSkipListMap<Long, List<CompletableFuture<byte[]>>> syncWaiters = new ConcurrentSkipListMap<>();

  /**
   * @param name the server's name, for messages
   * @param active the transactor while the server is active, else null
   * @param lookups where transaction-status lookups run (off the event loop)
   */
  PeerRequestHandler(String name, Supplier<Transactor> active, Executor lookups) {
    this.name = name;
    this.active = active;
    this.lookups = lookups;
  }

  /**
   * Answers a request on the session's event loop: nothing here blocks (a transaction is parsed
   * and queued for the writer, whose completion answers it), which saves a thread hop per
   * request; only a transaction-status lookup, which may read index segments, runs elsewhere.
   * Bodies are read by {@link PeerRequests}: one that does not decode fails that request alone
   * with {@code MALFORMED_REQUEST} (08P01), and the session stays open.
   */
  CompletableFuture<byte[]> handle(Session session, int type, byte[] body) {
    Transactor t = active.get();
    if (t == null) {
      return CompletableFuture.failedFuture(ProtocolException.requestFailed(1000
          + TransactorException.Code.DEPOSED.number(), SqlState.CONNECTION_FAILURE, name + " is not active"));
    }
    try {
      switch (type) {
        case PeerProtocol.TRANSACT -> {
          return transact(t, PeerRequests.transact(body, session.protocolVersion()), session.protocolVersion());
        }
        case PeerProtocol.SYNC -> {
          return sync(t, PeerRequests.sync(body));
        }
        case PeerProtocol.TX_STATUS -> {
          return txStatus(t, PeerRequests.txStatus(body));
        }
        case PeerProtocol.STATUS -> {
          PeerRequests.status(body);
          return status(t);
        }
        default -> throw ProtocolException.requestFailed(999, SqlState.FEATURE_NOT_SUPPORTED, "unknown request type " + type
            + "; this transactor knows " + PeerProtocol.TRANSACT + " to " + PeerProtocol.STATUS);
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(PeerProtocol.failure(e));
    }
  }

  private static CompletableFuture<byte[]> transact(Transactor t, PeerRequests.Transact request, int version) {
    Object data = request.forms();
    if (request.edn() != null) {
      try {
        data = Edn.read(request.edn());
      } catch (EdnException e) {
        throw new TxException(TxErrorCode.MALFORMED_TX_DATA, e.getMessage());
      }
    }
    return t.transactAsync(data, request.txUuid()).handle((report, error) -> {
      if (error != null) {
        throw PeerProtocol.failure(error);
      }
      return PeerProtocol.transactResponse(version, report);
    });
  }

  private CompletableFuture<byte[]> txStatus(Transactor t, UUID uuid) {
    // May read index segments from storage: off the event loop.
    return CompletableFuture.supplyAsync(() -> {
      Long committed = t.committedT(uuid);
      return PeerProtocol.longBody(committed == null ? -1 : committed);
    }, lookups).handle((answer, error) -> {
      if (error != null) {
        throw PeerProtocol.failure(error); // a transactor error keeps its code, not 0 (a tx error)
      }
      return answer;
    });
  }

  private static CompletableFuture<byte[]> status(Transactor t) {
    ByteWriter out = new ByteWriter(20);
    out.writeZigZag(t.basisT());
    out.writeZigZag(t.db().persisted().basisT());
    return CompletableFuture.completedFuture(out.toByteArray());
  }

  private CompletableFuture<byte[]> sync(Transactor t, long wanted) {
    if (t.basisT() >= wanted) {
      return CompletableFuture.completedFuture(PeerProtocol.longBody(t.basisT()));
    }
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    syncWaiters.computeIfAbsent(wanted, k -> new CopyOnWriteArrayList<>()).add(f);
    long basis = t.basisT();
    if (basis >= wanted) {
      // The writer may have released this list just before f joined it: answer f directly.
      committedUpTo(basis);
      f.complete(PeerProtocol.longBody(basis));
    }
    return f;
  }

  /** Everything up to {@code basis} is committed and pushed: answers the SYNCs waiting for it. */
  void committedUpTo(long basis) {
    for (Map.Entry<Long, List<CompletableFuture<byte[]>>> e : new ArrayList<>(syncWaiters.headMap(basis, true).entrySet())) {
      syncWaiters.remove(e.getKey());
      for (CompletableFuture<byte[]> f : e.getValue()) {
        f.complete(PeerProtocol.longBody(basis));
      }
    }
  }

  /** The server stepped down: every waiting SYNC fails. */
  void failSyncWaiters() {
    for (List<CompletableFuture<byte[]>> waiters : syncWaiters.values()) {
      for (CompletableFuture<byte[]> f : waiters) {
        f.completeExceptionally(ProtocolException.requestFailed(1000
            + TransactorException.Code.DEPOSED.number(), SqlState.CONNECTION_FAILURE, name + " stepped down"));
      }
    }
    syncWaiters.clear();
  }
}
