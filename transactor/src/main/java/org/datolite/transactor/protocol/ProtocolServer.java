package org.datolite.transactor.protocol;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactor's end of the peer protocol: accepts TCP (optionally TLS) connections, runs the
 * handshake, answers requests through a {@link RequestHandler} and pushes to sessions.
 *
 * <h2>Design</h2>
 * <p>Netty, one acceptor thread and a pool of event loops ({@code ioThreads}). Each connection's
 * pipeline, from the socket up:
 * <pre>
 * [TLS] → FrameDecoder → FrameEncoder → ServerHandshake → ConnectionGuard
 * after the handshake:
 * IdleState → [TLS] → FrameDecoder → FrameEncoder → Keepalive → ServerSessionHandler → ConnectionGuard
 * </pre>
 * Frames are length-prefixed ({@link FrameEncoder}); messages and their layouts are in
 * {@link Message}; the handshake is in {@link ServerHandshake}; every failure of a connection
 * ends in its {@link ConnectionGuard}, which logs the reason, tells the other side and closes
 * that one connection; the server keeps serving the others. Until a client has authenticated it
 * can make the server buffer at most 64 KiB and keep its connection at most
 * {@code handshakeTimeout}.
 *
 * <p>Requests: the handler runs on the session's event loop (or {@code handlerExecutor}) and
 * returns a future; whatever thread completes it writes the answer (Netty hands the write to the
 * event loop). A handler failure becomes a FAILURE frame for that request only. Requests are
 * answered in completion order, not arrival order; the client matches answers by id.
 *
 * <p>Pushes: {@link #broadcast} writes one PUSH per session, sharing the body array. A session
 * receives every push or is dropped ({@link Session}).
 *
 * <p>Stopping ({@link #stop}): stop accepting, refuse new requests with
 * {@link ProtocolErrorCode#SERVER_SHUTTING_DOWN}, wait up to {@code shutdownGrace} for requests
 * in flight, then send each session an ERROR and close it, and shut the event loops down. A
 * client whose request was still in flight sees it fail as
 * {@link ProtocolErrorCode#CONNECTION_LOST_OUTCOME_UNKNOWN}. The design follows the usual Netty
 * server shape (e.g. the Netty examples' {@code ServerBootstrap} plus channel group for shutdown).
 */
public final class ProtocolServer implements AutoCloseable {
  /** Most bytes of server info a WELCOME may carry, so that it fits the handshake frame limit. */
  public static final int MAX_SERVER_INFO = 60 << 10;

  private static final Logger log = LoggerFactory.getLogger(ProtocolServer.class);

  private final ServerConfig config;
  private final RequestHandler handler;
  private final String context;
  private final EventLoopGroup acceptor;
  private final EventLoopGroup workers;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicLong sessionIds = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile boolean stopping;
  private Channel serverChannel;

  private ProtocolServer(ServerConfig config, RequestHandler handler) {
    this.config = config;
    this.handler = handler;
    this.context = "[server " + config.serverId() + "]";
    this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("datolite-server-accept", true),
        Transport.ioHandlerFactory());
    this.workers = new MultiThreadIoEventLoopGroup(config.ioThreads(),
        new DefaultThreadFactory("datolite-server-io", true), Transport.ioHandlerFactory());
  }

  /**
   * Binds and starts serving; returns once the port is bound.
   *
   * @throws ProtocolException {@link ProtocolErrorCode#CONNECT_FAILED} if the address cannot be bound
   */
  public static ProtocolServer start(ServerConfig config, RequestHandler handler) {
    ProtocolServer server = new ProtocolServer(config, Objects.requireNonNull(handler, "handler"));
    server.bind();
    return server;
  }

  private void bind() {
    log.debug("{} starting with {}", context, config);
    WriteBufferWaterMark mark = new WriteBufferWaterMark((int) (config.maxPendingWriteBytes() / 2),
        (int) config.maxPendingWriteBytes());
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(acceptor, workers)
        .channel(Transport.serverChannel())
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, mark)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            channels.add(ch);
            ChannelPipeline p = ch.pipeline();
            // Flushes issued together (the replies and the push of one log block, the requests of
            // several submitters) leave in one write system call: a flush outside a read becomes a
            // task on the event loop, which takes every flush queued before it.
            p.addLast("flush", new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES,
                true));
            if (config.sslContext() != null) {
              p.addLast("tls", config.sslContext().newHandler(ch.alloc()));
            }
            p.addLast("decoder", new FrameDecoder());
            p.addLast("encoder", FrameEncoder.INSTANCE);
            p.addLast("handshake", new ServerHandshake(ProtocolServer.this));
            p.addLast("guard", new ConnectionGuard(context, (c, reason) -> callback(() ->
                config.sessionListener().connectionRejected(c.remoteAddress(), reason))));
          }
        });
    try {
      serverChannel = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
    } catch (Exception e) { // Netty rethrows the checked BindException unchecked
      shutdownGroups();
      throw new ProtocolException(ProtocolErrorCode.CONNECT_FAILED, context + " cannot listen on " + config.host()
          + ":" + config.port() + ": " + e.getMessage(), e);
    }
    log.info("{} listening on {}{} ({})", context, serverChannel.localAddress(), config.sslContext() != null ? " (TLS)" : "",
        Transport.name());
  }

  /** The bound address; with port 0 configured, the port the system picked. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** Sessions that have finished the handshake and are open. */
  public int sessionCount() {
    return sessions.size();
  }

  /** A snapshot of the open sessions. */
  public List<Session> sessions() {
    return List.copyOf(sessions.values());
  }

  /**
   * Pushes to every open session; returns at once. Sessions that cannot take it are dropped
   * ({@link Session}).
   *
   * @return the number of sessions the push was queued for
   */
  public int broadcast(int type, byte[] body) {
    Session.checkType(type);
    int sent = 0;
    for (Session s : sessions.values()) {
      if (s.push(type, body)) {
        sent++;
      }
    }
    return sent;
  }

  /**
   * Stops gracefully (class comment): waits up to {@code shutdownGrace} for requests in flight,
   * closes every connection and the event loops. Idempotent; blocks until done, so it must not be
   * called from a request handler or listener running on an event loop.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    stopping = true;
    serverChannel.close().syncUninterruptibly();
    long graceEnd = System.nanoTime() + config.shutdownGrace().toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < graceEnd) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (inFlight.get() > 0) {
      log.warn("{} stopping with {} requests still in flight after {} ms (shutdownGrace); their clients will see"
          + " the outcome as unknown", context, inFlight.get(), config.shutdownGrace().toMillis());
    }
    for (Channel ch : channels) {
      ch.writeAndFlush(new Message.Error(ProtocolErrorCode.SERVER_SHUTTING_DOWN, "server " + config.serverId()
          + " is stopping"));
    }
    channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    shutdownGroups();
    log.info("{} stopped", context);
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private void shutdownGroups() {
    acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    if (!workers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS)) {
      log.warn("{} event loops did not terminate within 5 s", context);
    }
  }

  ServerConfig config() {
    return config;
  }

  String context() {
    return context;
  }

  Session newSession(Channel channel, String clientName, int version, long clientMaxFrameSize) {
    return new Session(sessionIds.incrementAndGet(), clientName, version, clientMaxFrameSize, channel, context);
  }

  void sessionOpened(Session session) {
    sessions.put(session.id(), session);
    log.debug("{} session {} opened for client '{}' at {}", context, session.id(), session.clientName(),
        session.remoteAddress());
    callback(() -> config.sessionListener().sessionOpened(session));
  }

  void sessionClosed(Session session) {
    if (sessions.remove(session.id()) != null) {
      log.debug("{} session {} of client '{}' closed", context, session.id(), session.clientName());
      callback(() -> config.sessionListener().sessionClosed(session));
    }
  }

  /** Hands a request to the handler (see {@link RequestHandler} for threads and failures). */
  void dispatch(Session session, Message.Request request) {
    if (stopping) {
      session.answer(request.id(), request.type(), null, new ProtocolException(ProtocolErrorCode.SERVER_SHUTTING_DOWN,
          "server " + config.serverId() + " is stopping; the request was not carried out"));
      return;
    }
    inFlight.incrementAndGet();
    Runnable task = () -> {
      CompletableFuture<byte[]> answer;
      try {
        answer = handler.handle(session, request.type(), request.body());
        if (answer == null) {
          throw new NullPointerException("the request handler returned null for type " + request.type());
        }
      } catch (VirtualMachineError e) {
        inFlight.decrementAndGet();
        throw e;
      } catch (Throwable e) {
        answer = CompletableFuture.failedFuture(e);
      }
      answer.whenComplete((body, error) -> {
        try {
          session.answer(request.id(), request.type(), body, error);
        } finally {
          inFlight.decrementAndGet();
        }
      });
    };
    try {
      execute(task);
    } catch (RejectedExecutionException e) {
      inFlight.decrementAndGet();
      session.answer(request.id(), request.type(), null, new ProtocolException(ProtocolErrorCode.SERVER_SHUTTING_DOWN,
          "the request handler's executor refused the request: " + e.getMessage()));
    }
  }

  private void callback(Runnable listenerCall) {
    Runnable guarded = () -> {
      try {
        listenerCall.run();
      } catch (RuntimeException e) {
        log.warn("{} session listener failed", context, e);
      }
    };
    try {
      execute(guarded);
    } catch (RejectedExecutionException e) {
      guarded.run();
    }
  }

  private void execute(Runnable task) {
    if (config.handlerExecutor() == null) {
      task.run();
    } else {
      config.handlerExecutor().execute(task);
    }
  }
}
