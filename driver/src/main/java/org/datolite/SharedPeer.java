package org.datolite;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The bookkeeping every peer shares: the connections it serves and the reports it delivers to them. */
abstract class SharedPeer implements Peer {
  private final List<PeerConnection> connections = new CopyOnWriteArrayList<>();
  private int refs;

  @Override
  public void attach(PeerConnection c) {
    connections.add(c);
  }

  @Override
  public void detach(PeerConnection c) {
    connections.remove(c);
  }

  @Override
  public void retain() {
    refs++;
  }

  @Override
  public boolean release() {
    return --refs == 0;
  }

  /** Whether any connection is attached (to skip building reports nobody reads). */
  boolean hasConnections() {
    return !connections.isEmpty();
  }

  /** Hands commit reports, in order, to every attached connection. */
  void deliver(List<TxReport> reports) {
    for (PeerConnection c : connections) {
      c.committed(reports);
    }
  }
}
