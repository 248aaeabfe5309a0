/**
 * The peer protocol, both halves: length-prefixed frames over TCP (optionally TLS), a mutual
 * HMAC challenge-response handshake with version negotiation, then requests answered by
 * responses or failures, pushes from the server, and keepalive. {@link
 * org.datolite.transactor.protocol.ProtocolServer} is the transactor's end, {@link
 * org.datolite.transactor.protocol.ProtocolClient} a peer's; bodies are opaque bytes whose meaning
 * belongs to the layers above. The wire format is in {@code docs/protocol.md}.
 */
package org.datolite.transactor.protocol;
