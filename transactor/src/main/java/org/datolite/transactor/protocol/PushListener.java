package org.datolite.transactor.protocol;

/**
 * Receives the PUSH messages a server sends to a {@link ProtocolClient}. Pushes arrive one at a
 * time in the order the server sent them, on the client's event thread (never a Netty event
 * loop), which also delivers {@link ConnectionListener} events in order with them. A slow
 * listener delays later pushes but no I/O; it may wait for the client's request futures.
 */
@FunctionalInterface
public interface PushListener {
  void pushed(int type, byte[] body);
}
