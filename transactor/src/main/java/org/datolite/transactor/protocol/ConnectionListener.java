package org.datolite.transactor.protocol;

import java.net.InetSocketAddress;

/**
 * Learns of a {@link ProtocolClient}'s state changes, on the client's event thread, in order
 * with its pushes. After a {@link ConnectionState#CONNECTED} event following a
 * {@link ConnectionState#DISCONNECTED} one, pushes sent while disconnected are lost: the
 * application must catch up by other means (a peer reads the log from storage).
 */
@FunctionalInterface
public interface ConnectionListener {
  void stateChanged(Event event);

  /**
   * One state change.
   *
   * @param state the new state
   * @param endpoint the server address involved, or {@code null} if none is known yet
   * @param welcome for {@link ConnectionState#CONNECTED}, what the server said; otherwise {@code null}
   * @param cause for {@link ConnectionState#DISCONNECTED}, why; otherwise {@code null}
   */
  record Event(ConnectionState state, InetSocketAddress endpoint, ServerWelcome welcome, ProtocolException cause) {
  }
}
