package org.datolite.transactor.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * The server's handler of an established session: hands each REQUEST to the server's
 * {@link RequestHandler}, treats an ERROR from the client as its goodbye, and ends the session
 * on any other message (the {@link Keepalive} in front of it has taken PINGs and PONGs).
 */
final class ServerSessionHandler extends SimpleChannelInboundHandler<Message> {
  private final ProtocolServer server;
  private final Session session;

  ServerSessionHandler(ProtocolServer server, Session session) {
    this.server = server;
    this.session = session;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
    if (msg instanceof Message.Request request) {
      server.dispatch(session, request);
    } else if (msg instanceof Message.Error error) {
      ConnectionGuard.peerError(ctx.channel(), new ProtocolException(error.code(),
          "client '" + session.clientName() + "' said: " + error.message()));
    } else {
      throw new ProtocolException(ProtocolErrorCode.PROTOCOL_VIOLATION,
          "a client may not send " + msg.kind() + " after the handshake");
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    server.sessionClosed(session);
    ctx.fireChannelInactive();
  }
}
