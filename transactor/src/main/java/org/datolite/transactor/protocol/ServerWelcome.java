package org.datolite.transactor.protocol;

import java.net.InetSocketAddress;

/**
 * What a client learned from the server in the handshake of its current connection.
 *
 * @param endpoint the server's address, as the endpoint supplier gave it
 * @param serverId the name the server gave
 * @param protocolVersion the protocol version the two sides speak
 * @param sessionId the server's number for this session
 * @param maxFrameSize the longest frame the server accepts
 * @param serverInfo the application's opaque bytes from the server (e.g. its basis t)
 */
public record ServerWelcome(InetSocketAddress endpoint, String serverId, int protocolVersion, long sessionId,
    long maxFrameSize, byte[] serverInfo) {
}
