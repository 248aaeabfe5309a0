package org.datolite.transactor.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client's half of the handshake (the exchange is drawn in {@link ServerHandshake}): sends
 * HELLO on connecting, answers the CHALLENGE with its proof, and accepts the WELCOME only if the
 * server's proof is right, so a client never talks to a server that does not know the secret.
 * On success it replaces itself with a {@link ClientConnection} and completes {@code result}
 * with it; on an ERROR from the server, a failure, a close or no WELCOME within
 * {@code handshakeTimeout} of connecting (TLS included), it fails {@code result} with the reason.
 */
final class ClientHandshake extends SimpleChannelInboundHandler<Message> {
  private final ProtocolClient client;
  private final InetSocketAddress endpoint;
  private final CompletableFuture<ClientConnection> result;
  private final byte[] clientNonce = HandshakeProof.nonce();
  private Message.Challenge challenge;
  private ScheduledFuture<?> deadline;

  ClientHandshake(ProtocolClient client, InetSocketAddress endpoint, CompletableFuture<ClientConnection> result) {
    this.client = client;
    this.endpoint = endpoint;
    this.result = result;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ClientConfig config = client.config();
    long millis = config.handshakeTimeout().toMillis();
    deadline = ctx.executor().schedule(() -> {
      ctx.fireExceptionCaught(new ProtocolException(ProtocolErrorCode.TIMEOUT, "no complete handshake with "
          + endpoint + " within " + millis + " ms (handshakeTimeout)"));
    }, millis, TimeUnit.MILLISECONDS);
    ctx.writeAndFlush(new Message.Hello(ProtocolVersion.supported(), config.maxFrameSize(), clientNonce,
        config.clientName()));
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (deadline != null) {
      deadline.cancel(false);
    }
    ProtocolException reason = ctx.channel().attr(ConnectionGuard.CLOSE_REASON).get();
    result.completeExceptionally(reason != null ? reason : new ProtocolException(ProtocolErrorCode.CONNECT_FAILED,
        "the server at " + endpoint + " closed the connection during the handshake"));
    ctx.fireChannelInactive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
    if (msg instanceof Message.Error error) {
      ConnectionGuard.peerError(ctx.channel(), new ProtocolException(error.code(),
          "the server at " + endpoint + " refused the connection: " + error.message()));
    } else if (challenge == null && msg instanceof Message.Challenge c) {
      if (!ProtocolVersion.isSupported(c.version())) {
        throw new ProtocolException(ProtocolErrorCode.UNSUPPORTED_VERSION, "the server at " + endpoint
            + " chose protocol version " + c.version() + ", which this client did not offer");
      }
      challenge = c;
      byte[] proof = HandshakeProof.client(client.config().secret(), c.version(), clientNonce, c.nonce());
      ctx.writeAndFlush(new Message.Auth(proof));
    } else if (challenge != null && msg instanceof Message.Welcome w) {
      onWelcome(ctx, w);
    } else {
      throw new ProtocolException(ProtocolErrorCode.PROTOCOL_VIOLATION, "expected "
          + (challenge == null ? "CHALLENGE" : "WELCOME") + " from the server at " + endpoint + ", got " + msg.kind());
    }
  }

  private void onWelcome(ChannelHandlerContext ctx, Message.Welcome w) {
    ClientConfig config = client.config();
    byte[] expected = HandshakeProof.server(config.secret(), challenge.version(), clientNonce, challenge.nonce());
    if (!HandshakeProof.matches(expected, w.proof())) {
      throw new ProtocolException(ProtocolErrorCode.AUTHENTICATION_FAILED, "authentication failed: the server at "
          + endpoint + " did not prove it knows the shared secret");
    }
    if (w.maxFrameSize() < FrameDecoder.HANDSHAKE_LIMIT) {
      throw new ProtocolException(ProtocolErrorCode.MALFORMED_FRAME, "the server at " + endpoint
          + " accepts frames of at most " + w.maxFrameSize() + " bytes; the protocol needs at least "
          + FrameDecoder.HANDSHAKE_LIMIT);
    }
    deadline.cancel(false);
    ServerWelcome welcome = new ServerWelcome(endpoint, challenge.serverId(), challenge.version(), w.sessionId(),
        w.maxFrameSize(), w.serverInfo());
    ClientConnection connection = new ClientConnection(client, ctx.channel(), welcome);
    ctx.pipeline().get(FrameDecoder.class).limit(config.maxFrameSize());
    ctx.pipeline().replace(this, "session", connection);
    Keepalive.install(ctx.pipeline(), "session", config.pingInterval(), config.idleTimeout());
    result.complete(connection);
  }
}
