package org.datolite.transactor.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * PING/PONG for an established session, on both sides. An {@link IdleStateHandler} placed
 * next to the socket watches raw bytes, so a long frame arriving slowly counts as activity: when
 * this side has written nothing for {@code pingInterval} it sends a PING; when it has read
 * nothing for {@code idleTimeout} it ends the connection with
 * {@link ProtocolErrorCode#IDLE_TIMEOUT}. A PING is answered with a PONG carrying its token;
 * PINGs and PONGs go no further up the pipeline. During the handshake the handshake deadline
 * plays this part, so these handlers are installed only once it has succeeded.
 */
final class Keepalive extends ChannelInboundHandlerAdapter {
  private final long idleMillis;

  private Keepalive(long idleMillis) {
    this.idleMillis = idleMillis;
  }

  /** Adds the idle watch and this handler to a channel whose handshake just succeeded. */
  static void install(ChannelPipeline pipeline, String before, Duration pingInterval, Duration idleTimeout) {
    pipeline.addFirst("idle", new IdleStateHandler(true, idleTimeout.toMillis(), pingInterval.toMillis(), 0,
        TimeUnit.MILLISECONDS));
    pipeline.addBefore(before, "keepalive", new Keepalive(idleTimeout.toMillis()));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Message.Ping ping) {
      ctx.writeAndFlush(new Message.Pong(ping.token()), ctx.voidPromise());
    } else if (!(msg instanceof Message.Pong)) {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.WRITER_IDLE) {
        ctx.writeAndFlush(new Message.Ping(System.nanoTime()), ctx.voidPromise());
      } else if (idle.state() == IdleState.READER_IDLE) {
        ctx.fireExceptionCaught(new ProtocolException(ProtocolErrorCode.IDLE_TIMEOUT,
            "nothing received for " + idleMillis + " ms (idleTimeout); the peer is gone or stuck"));
      }
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }
}
