package org.datolite.transactor.protocol;

import java.net.SocketAddress;

/**
 * Learns of sessions opening and closing on a {@link ProtocolServer}, and of connections it
 * rejected. Called on the session's event loop (or the handler executor, if one is configured);
 * it must return quickly and not block.
 */
public interface SessionListener {
  /** A client finished the handshake; {@code session} can be pushed to from now on. */
  default void sessionOpened(Session session) {
  }

  /** A session's connection closed, for whatever reason. */
  default void sessionClosed(Session session) {
  }

  /**
   * The server closed a connection for a reason (bad frame, failed authentication, unsupported
   * version, handshake or idle timeout, a session dropped), or closed it because the client sent
   * an ERROR; the same reason was logged as a warning.
   */
  default void connectionRejected(SocketAddress remote, ProtocolException reason) {
  }
}
