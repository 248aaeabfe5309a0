package org.datolite.transactor.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One established connection of a {@link ProtocolClient}, and the handler of its channel: sends
 * requests, matches RESPONSE and FAILURE frames to them by id, and passes pushes on.
 *
 * <p>Each request waits in {@code pending} from before its write until its answer, its timeout
 * or the connection's end. The outcome of a request is settled exactly once, by whichever comes
 * first (the map removal decides):
 * <ul>
 *   <li>its answer: the response body, or the server's failure;
 *   <li>its write failing: {@link ProtocolErrorCode#NOT_CONNECTED}, since no complete frame left;
 *   <li>its timeout: {@link ProtocolErrorCode#TIMEOUT}, outcome unknown;
 *   <li>the connection closing: {@link ProtocolErrorCode#CONNECTION_LOST_OUTCOME_UNKNOWN}.
 * </ul>
 * Futures are completed on the client's callback executor, never on the event loop.
 */
final class ClientConnection extends SimpleChannelInboundHandler<Message> {
  private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

  private final ProtocolClient client;
  private final Channel channel;
  private final ServerWelcome welcome;
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  private static final class Pending {
    final long id;
    final int type;
    final CompletableFuture<byte[]> future = new CompletableFuture<>();
    final boolean direct;
    volatile ScheduledFuture<?> timeout;

    Pending(long id, int type, boolean direct) {
      this.id = id;
      this.type = type;
      this.direct = direct;
    }
  }

  ClientConnection(ProtocolClient client, Channel channel, ServerWelcome welcome) {
    this.client = client;
    this.channel = channel;
    this.welcome = welcome;
  }

  ServerWelcome welcome() {
    return welcome;
  }

  Channel channel() {
    return channel;
  }

  int pendingCount() {
    return pending.size();
  }

  /**
   * Sends a request. A {@code direct} one is completed on the event loop itself: only for a
   * future that nothing but one blocked caller waits on (no callbacks that could stall the loop).
   */
  CompletableFuture<byte[]> send(int type, byte[] body, Duration timeout, boolean direct) {
    Message.Request request = new Message.Request(ids.incrementAndGet(), type, body);
    FrameEncoder.checkFits(request, welcome.maxFrameSize(), "a request of type " + type);
    Pending p = new Pending(request.id(), type, direct);
    pending.put(p.id, p);
    try {
      p.timeout = channel.eventLoop().schedule(() -> settle(p, null, new ProtocolException(ProtocolErrorCode.TIMEOUT,
          "no answer to request " + p.id + " (type " + type + ") from " + welcome.endpoint() + " within "
              + timeout.toMillis() + " ms; its outcome is unknown")), timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      settle(p, null, notSent(p, e));
      return p.future;
    }
    channel.writeAndFlush(request).addListener(w -> {
      if (!w.isSuccess()) {
        settle(p, null, notSent(p, w.cause()));
      }
    });
    return p.future;
  }

  private ProtocolException notSent(Pending p, Throwable cause) {
    return new ProtocolException(ProtocolErrorCode.NOT_CONNECTED, "request " + p.id + " (type " + p.type
        + ") could not be sent to " + welcome.endpoint() + ": " + cause, cause);
  }

  /** Completes {@code p} with a body or an error, unless something else did first. */
  private void settle(Pending p, byte[] body, ProtocolException error) {
    if (!pending.remove(p.id, p)) {
      return;
    }
    ScheduledFuture<?> timeout = p.timeout;
    if (timeout != null) {
      timeout.cancel(false);
    }
    if (p.direct) {
      if (error == null) {
        p.future.complete(body);
      } else {
        p.future.completeExceptionally(error);
      }
    } else {
      client.complete(p.future, body, error);
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
    if (msg instanceof Message.Response r) {
      Pending p = pending.get(r.id());
      if (p != null) {
        settle(p, r.body(), null);
      } else {
        log.debug("{} response to request {} arrived after it was settled", client.context(), r.id());
      }
    } else if (msg instanceof Message.Failure f) {
      Pending p = pending.get(f.id());
      if (p != null) {
        settle(p, null, ProtocolException.remote(f.code(), f.applicationCode(), f.sqlState(), f.message()));
      }
    } else if (msg instanceof Message.Push push) {
      client.deliverPush(push.type(), push.body());
    } else if (msg instanceof Message.Error error) {
      ConnectionGuard.peerError(ctx.channel(), new ProtocolException(error.code(),
          "the server at " + welcome.endpoint() + " said: " + error.message()));
    } else {
      throw new ProtocolException(ProtocolErrorCode.PROTOCOL_VIOLATION,
          "a server may not send " + msg.kind() + " after the handshake");
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ProtocolException reason = ctx.channel().attr(ConnectionGuard.CLOSE_REASON).get();
    String why = client.isClosed() ? " (the client was closed)" : reason != null ? " (" + reason.getMessage() + ")" : "";
    for (Pending p : pending.values()) {
      settle(p, null, new ProtocolException(ProtocolErrorCode.CONNECTION_LOST_OUTCOME_UNKNOWN,
          "the connection to " + welcome.endpoint() + " dropped after request " + p.id + " (type " + p.type
              + ") was sent; its outcome is unknown" + why, reason));
    }
    ctx.fireChannelInactive();
  }
}
