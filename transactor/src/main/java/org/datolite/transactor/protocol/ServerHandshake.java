package org.datolite.transactor.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's half of the handshake, one instance per connection, on its event loop:
 *
 * <pre>
 * client                                   server
 * HELLO(magic, versions, maxFrame, cNonce, name) ──▶  picks the highest common version
 *        ◀── CHALLENGE(version, sNonce, serverId)     or ERROR(UNSUPPORTED_VERSION), close
 * AUTH(HMAC client proof)                  ──▶  checks the proof
 *        ◀── WELCOME(HMAC server proof, session id, maxFrame, server info)
 *                                               or ERROR(AUTHENTICATION_FAILED), close
 * </pre>
 *
 * Anything else, or no WELCOME within {@code handshakeTimeout} of connecting, ends the
 * connection through the {@link ConnectionGuard} (logged, ERROR sent, closed). On success this
 * handler replaces itself with a {@link ServerSessionHandler}, raises the frame limit to
 * {@code maxFrameSize} and installs the {@link Keepalive}. Proofs: {@link HandshakeProof}.
 */
final class ServerHandshake extends SimpleChannelInboundHandler<Message> {
  private static final Logger log = LoggerFactory.getLogger(ServerHandshake.class);

  private final ProtocolServer server;
  private Message.Hello hello;
  private int version;
  private byte[] serverNonce;
  private ScheduledFuture<?> deadline;

  ServerHandshake(ProtocolServer server) {
    this.server = server;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    long millis = server.config().handshakeTimeout().toMillis();
    deadline = ctx.executor().schedule(() -> {
      ctx.fireExceptionCaught(new ProtocolException(ProtocolErrorCode.TIMEOUT, "no complete handshake within "
          + millis + " ms (handshakeTimeout)" + (hello == null ? "; no HELLO received" : "; no AUTH received")));
    }, millis, TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (deadline != null) {
      deadline.cancel(false);
    }
    if (ctx.channel().attr(ConnectionGuard.CLOSE_REASON).get() == null) {
      log.debug("{} {} closed the connection during the handshake", server.context(), ctx.channel().remoteAddress());
    }
    ctx.fireChannelInactive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
    if (hello == null && msg instanceof Message.Hello h) {
      onHello(ctx, h);
    } else if (hello != null && msg instanceof Message.Auth auth) {
      onAuth(ctx, auth);
    } else if (msg instanceof Message.Error error) {
      ConnectionGuard.peerError(ctx.channel(),
          new ProtocolException(error.code(), "client said: " + error.message()));
    } else {
      throw new ProtocolException(ProtocolErrorCode.PROTOCOL_VIOLATION,
          "expected " + (hello == null ? "HELLO" : "AUTH") + " in the handshake, got " + msg.kind());
    }
  }

  private void onHello(ChannelHandlerContext ctx, Message.Hello h) {
    int chosen = ProtocolVersion.choose(h.versions());
    if (chosen < 0) {
      throw new ProtocolException(ProtocolErrorCode.UNSUPPORTED_VERSION, "client '" + h.clientName()
          + "' offers protocol versions " + Arrays.toString(h.versions()) + "; this server speaks "
          + ProtocolVersion.describeSupported());
    }
    ServerConfig config = server.config();
    if (chosen < config.minimumVersion()) {
      throw new ProtocolException(ProtocolErrorCode.UNSUPPORTED_VERSION, "client '" + h.clientName()
          + "' offers protocol versions " + Arrays.toString(h.versions()) + "; this server needs version "
          + config.minimumVersion() + " or later (" + config.minimumVersionReason() + "): upgrade the client");
    }
    if (h.maxFrameSize() < FrameDecoder.HANDSHAKE_LIMIT) {
      throw new ProtocolException(ProtocolErrorCode.MALFORMED_FRAME, "client '" + h.clientName()
          + "' accepts frames of at most " + h.maxFrameSize() + " bytes; the protocol needs at least "
          + FrameDecoder.HANDSHAKE_LIMIT);
    }
    hello = h;
    version = chosen;
    serverNonce = HandshakeProof.nonce();
    ctx.writeAndFlush(new Message.Challenge(version, serverNonce, server.config().serverId()));
  }

  private void onAuth(ChannelHandlerContext ctx, Message.Auth auth) {
    ServerConfig config = server.config();
    byte[] expected = HandshakeProof.client(config.secret(), version, hello.nonce(), serverNonce);
    if (!HandshakeProof.matches(expected, auth.proof())) {
      throw new ProtocolException(ProtocolErrorCode.AUTHENTICATION_FAILED,
          "authentication failed: client '" + hello.clientName() + "' did not prove it knows the shared secret");
    }
    byte[] info = config.serverInfo().get();
    if (info == null || info.length > ProtocolServer.MAX_SERVER_INFO) {
      throw new ProtocolException(ProtocolErrorCode.FRAME_TOO_LARGE, "server info of "
          + (info == null ? "null" : info.length + " bytes") + " is not 0.." + ProtocolServer.MAX_SERVER_INFO
          + " bytes (a bug in the server's serverInfo supplier)");
    }
    deadline.cancel(false);
    Session session = server.newSession(ctx.channel(), hello.clientName(), version, hello.maxFrameSize());
    byte[] proof = HandshakeProof.server(config.secret(), version, hello.nonce(), serverNonce);
    ctx.writeAndFlush(new Message.Welcome(proof, session.id(), config.maxFrameSize(), info));
    ctx.pipeline().get(FrameDecoder.class).limit(config.maxFrameSize());
    ctx.pipeline().replace(this, "session", new ServerSessionHandler(server, session));
    Keepalive.install(ctx.pipeline(), "session", config.pingInterval(), config.idleTimeout());
    server.sessionOpened(session);
  }
}
