package org.datolite.transactor.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inbound handler of every connection, on both sides: every failure ends here, and here
 * alone a connection is ended for a reason. Handlers that find something wrong (the decoder, the
 * handshakes, the keepalive, a session dropped as too slow) fire a {@link ProtocolException};
 * this handler then, once per connection:
 *
 * <ol>
 *   <li>records the reason on the channel ({@link #CLOSE_REASON}), where the handshake and the
 *       client's in-flight requests find it to explain their failure;
 *   <li>logs it as a warning with the remote address, and tells the owner (a server's
 *       {@link SessionListener#connectionRejected});
 *   <li>stops reading, sends the other side an ERROR frame with the code and reason, and closes
 *       once that is written (or after a second, if the other side does not read).
 * </ol>
 *
 * <p>I/O errors (a reset, a broken pipe) mean the other side is already gone: they are logged at
 * debug and the channel is closed without an ERROR. A failed TLS handshake is logged as a warning
 * without an ERROR (there is no channel to send it on). Anything else is a bug here or in a
 * callback and is logged with its stack trace. Nothing escapes to Netty's "unhandled exception"
 * log, and the server keeps serving every other connection.
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {
  /** Why the connection was ended, set once by the first failure or ERROR received. */
  static final AttributeKey<ProtocolException> CLOSE_REASON = AttributeKey.valueOf("datolite.closeReason");

  private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

  private final String context;
  private final BiConsumer<Channel, ProtocolException> onReject;

  /**
   * @param context the log prefix naming the server or client
   * @param onReject told of each connection this side ends for a reason (not of I/O errors)
   */
  ConnectionGuard(String context, BiConsumer<Channel, ProtocolException> onReject) {
    this.context = context;
    this.onReject = onReject;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Channel ch = ctx.channel();
    Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (root instanceof ProtocolException reason) {
      end(ch, reason, true, null);
    } else if (root instanceof SSLException) {
      end(ch, new ProtocolException(ProtocolErrorCode.CONNECT_FAILED, "TLS failed: " + root.getMessage(), root),
          false, null);
    } else if (root instanceof IOException) {
      if (recordReason(ch, new ProtocolException(ProtocolErrorCode.CONNECTION_LOST_OUTCOME_UNKNOWN,
          "I/O error: " + root.getMessage(), root))) {
        log.debug("{} connection with {} failed: {}", context, ch.remoteAddress(), root.toString());
      }
      ch.close();
    } else {
      end(ch, new ProtocolException(ProtocolErrorCode.PROTOCOL_VIOLATION, "internal error: " + root, root), true,
          root);
    }
  }

  /**
   * Ends the connection on an ERROR the other side sent: records and logs it (a warning, or info
   * for a server shutting down), tells the owner like any other rejection, and closes without
   * answering.
   */
  static void peerError(Channel ch, ProtocolException reason) {
    ConnectionGuard guard = ch.pipeline().get(ConnectionGuard.class);
    if (recordReason(ch, reason)) {
      if (reason.code() == ProtocolErrorCode.SERVER_SHUTTING_DOWN) {
        log.info("{} {} is closing the connection: {}", guard.context, ch.remoteAddress(), reason.getMessage());
      } else {
        log.warn("{} {} ended the connection: {}", guard.context, ch.remoteAddress(), reason.getMessage());
      }
      guard.tellOwner(ch, reason);
    }
    ch.close();
  }

  private void end(Channel ch, ProtocolException reason, boolean tell, Throwable bug) {
    if (!recordReason(ch, reason)) {
      return;
    }
    if (bug == null) {
      log.warn("{} closing connection with {}: {}", context, ch.remoteAddress(), reason.getMessage());
    } else {
      log.warn("{} closing connection with {} after an unexpected error", context, ch.remoteAddress(), bug);
    }
    tellOwner(ch, reason);
    ch.config().setAutoRead(false);
    if (tell && ch.isActive()) {
      ch.writeAndFlush(new Message.Error(reason.code(), reason.reason())).addListener(ChannelFutureListener.CLOSE);
      try {
        ch.eventLoop().schedule(() -> ch.close(), 1, TimeUnit.SECONDS);
      } catch (RejectedExecutionException e) {
        ch.close(); // the event loop is shutting down
      }
    } else {
      ch.close();
    }
  }

  private void tellOwner(Channel ch, ProtocolException reason) {
    try {
      onReject.accept(ch, reason);
    } catch (RuntimeException e) {
      log.warn("{} listener failed on a rejected connection", context, e);
    }
  }

  /** Sets the close reason unless one is set; true if this call set it. */
  private static boolean recordReason(Channel ch, ProtocolException reason) {
    return ch.attr(CLOSE_REASON).setIfAbsent(reason) == null;
  }
}
