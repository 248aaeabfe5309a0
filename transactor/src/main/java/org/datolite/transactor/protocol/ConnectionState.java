package org.datolite.transactor.protocol;

/** Where a {@link ProtocolClient} stands with its server. */
public enum ConnectionState {
  /** Asking for the endpoint, opening the connection or in the handshake. */
  CONNECTING,
  /** Handshake done: requests can be sent and pushes arrive. */
  CONNECTED,
  /** Not connected, waiting to try again. */
  DISCONNECTED,
  /** Closed by its owner; final. */
  CLOSED
}
