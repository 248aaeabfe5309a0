package org.datolite.transactor.protocol;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * How a {@link ProtocolServer} listens and whom it lets in; validated when built, immutable after.
 * Names, defaults and ranges come from {@link ProtocolSetting}; a bad value fails at once with
 * {@link ProtocolErrorCode#INVALID_CONFIGURATION} and a message naming the setting.
 * {@link #toString()} never shows the secret.
 */
public final class ServerConfig {
  private final String host;
  private final int port;
  private final byte[] secret;
  private final String serverId;
  private final Supplier<byte[]> serverInfo;
  private final long maxFrameSize;
  private final long maxPendingWriteBytes;
  private final Duration handshakeTimeout;
  private final Duration pingInterval;
  private final Duration idleTimeout;
  private final Duration shutdownGrace;
  private final SslContext sslContext;
  private final Executor handlerExecutor;
  private final SessionListener sessionListener;
  private final int ioThreads;
  private final int minimumVersion;
  private final String minimumVersionReason;

  private ServerConfig(Builder b) {
    this.host = ProtocolSetting.HOST.checkText(b.host);
    this.port = (int) ProtocolSetting.PORT.checkRange(b.port);
    this.secret = ProtocolSetting.checkSecret(b.secret);
    this.serverId = ProtocolSetting.SERVER_ID.checkText(b.serverId);
    this.serverInfo = Objects.requireNonNull(b.serverInfo, "serverInfo");
    this.maxFrameSize = ProtocolSetting.MAX_FRAME_SIZE.checkRange(b.maxFrameSize);
    this.maxPendingWriteBytes = ProtocolSetting.MAX_PENDING_WRITE_BYTES.checkRange(b.maxPendingWriteBytes);
    if (maxPendingWriteBytes < maxFrameSize) {
      throw ProtocolSetting.MAX_PENDING_WRITE_BYTES.invalid(maxPendingWriteBytes + " bytes is less than "
          + ProtocolSetting.MAX_FRAME_SIZE.key() + " (" + maxFrameSize + " bytes)");
    }
    this.handshakeTimeout = ProtocolSetting.HANDSHAKE_TIMEOUT.checkDuration(b.handshakeTimeout);
    this.pingInterval = ProtocolSetting.PING_INTERVAL.checkDuration(b.pingInterval);
    this.idleTimeout = ProtocolSetting.IDLE_TIMEOUT.checkDuration(b.idleTimeout);
    ProtocolSetting.checkKeepalive(pingInterval, idleTimeout);
    this.shutdownGrace = ProtocolSetting.SHUTDOWN_GRACE.checkDuration(b.shutdownGrace);
    if (b.sslContext != null && !b.sslContext.isServer()) {
      throw new ProtocolException(ProtocolErrorCode.INVALID_CONFIGURATION,
          "protocol setting sslContext: a client SslContext was given to a server; build it with SslContextBuilder.forServer");
    }
    this.sslContext = b.sslContext;
    this.handlerExecutor = b.handlerExecutor;
    this.sessionListener = b.sessionListener == null ? new SessionListener() { } : b.sessionListener;
    if (b.ioThreads < 0) {
      throw new IllegalArgumentException("ioThreads " + b.ioThreads + " is negative; 0 means Netty's default");
    }
    this.ioThreads = b.ioThreads;
    if (!ProtocolVersion.isSupported(b.minimumVersion)) {
      throw new ProtocolException(ProtocolErrorCode.INVALID_CONFIGURATION, "protocol setting minimumVersion: "
          + b.minimumVersion + " is not a version this build speaks; expected one of " + ProtocolVersion.describeSupported());
    }
    this.minimumVersion = b.minimumVersion;
    this.minimumVersionReason = b.minimumVersionReason;
  }

  /** A builder with every setting at its default; the secret has no default. */
  public static Builder builder(byte[] secret) {
    return new Builder(secret);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  byte[] secret() {
    return secret;
  }

  public String serverId() {
    return serverId;
  }

  Supplier<byte[]> serverInfo() {
    return serverInfo;
  }

  public long maxFrameSize() {
    return maxFrameSize;
  }

  public long maxPendingWriteBytes() {
    return maxPendingWriteBytes;
  }

  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  public Duration pingInterval() {
    return pingInterval;
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  public Duration shutdownGrace() {
    return shutdownGrace;
  }

  SslContext sslContext() {
    return sslContext;
  }

  Executor handlerExecutor() {
    return handlerExecutor;
  }

  SessionListener sessionListener() {
    return sessionListener;
  }

  int ioThreads() {
    return ioThreads;
  }

  /** The oldest protocol version a client may speak here ({@link Builder#minimumVersion}). */
  public int minimumVersion() {
    return minimumVersion;
  }

  String minimumVersionReason() {
    return minimumVersionReason;
  }

  /** The settings as text for a debug log, the secret masked. */
  @Override
  public String toString() {
    return "ServerConfig{host=" + host + ", port=" + port + ", secret=<" + secret.length + " bytes, masked>"
        + ", serverId=" + serverId + ", maxFrameSize=" + maxFrameSize + ", maxPendingWriteBytes="
        + maxPendingWriteBytes + ", handshakeTimeout=" + handshakeTimeout.toMillis() + "ms, pingInterval="
        + pingInterval.toMillis() + "ms, idleTimeout=" + idleTimeout.toMillis() + "ms, shutdownGrace="
        + shutdownGrace.toMillis() + "ms, tls=" + (sslContext != null) + ", ioThreads=" + ioThreads + ", minimumVersion=" + minimumVersion + "}";
  }

  /** Collects settings; {@link #build()} validates them. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private long port = ProtocolSetting.PORT.defaultValue();
    private final byte[] secret;
    private String serverId = "datolite-transactor";
    private Supplier<byte[]> serverInfo = () -> Message.EMPTY;
    private long maxFrameSize = ProtocolSetting.MAX_FRAME_SIZE.defaultValue();
    private long maxPendingWriteBytes = ProtocolSetting.MAX_PENDING_WRITE_BYTES.defaultValue();
    private Duration handshakeTimeout = ProtocolSetting.HANDSHAKE_TIMEOUT.defaultDuration();
    private Duration pingInterval = ProtocolSetting.PING_INTERVAL.defaultDuration();
    private Duration idleTimeout = ProtocolSetting.IDLE_TIMEOUT.defaultDuration();
    private Duration shutdownGrace = ProtocolSetting.SHUTDOWN_GRACE.defaultDuration();
    private SslContext sslContext;
    private Executor handlerExecutor;
    private SessionListener sessionListener;
    private int ioThreads;
    private int minimumVersion = ProtocolVersion.V1;
    private String minimumVersionReason = "";

    private Builder(byte[] secret) {
      this.secret = secret;
    }

    /** Address to bind; default {@code 127.0.0.1}, so a server is reachable from elsewhere only when asked. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Port to bind; 0 picks a free one ({@link ProtocolServer#localAddress()} tells which). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder serverId(String serverId) {
      this.serverId = serverId;
      return this;
    }

    /**
     * Bytes for the WELCOME of each new session, e.g. the current basis t; called on the event loop
     * during each handshake, so it must be quick. At most {@link ProtocolServer#MAX_SERVER_INFO} bytes.
     */
    public Builder serverInfo(Supplier<byte[]> serverInfo) {
      this.serverInfo = serverInfo;
      return this;
    }

    public Builder maxFrameSize(long bytes) {
      this.maxFrameSize = bytes;
      return this;
    }

    public Builder maxPendingWriteBytes(long bytes) {
      this.maxPendingWriteBytes = bytes;
      return this;
    }

    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = timeout;
      return this;
    }

    public Builder pingInterval(Duration interval) {
      this.pingInterval = interval;
      return this;
    }

    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = timeout;
      return this;
    }

    public Builder shutdownGrace(Duration grace) {
      this.shutdownGrace = grace;
      return this;
    }

    /** TLS: a server context ({@code SslContextBuilder.forServer(key, certificate)}); {@code null} for plain TCP. */
    public Builder sslContext(SslContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    /** Where {@link RequestHandler#handle} and the session listener run; default the event loop. */
    public Builder handlerExecutor(Executor executor) {
      this.handlerExecutor = executor;
      return this;
    }

    public Builder sessionListener(SessionListener listener) {
      this.sessionListener = listener;
      return this;
    }

    /** Event loop threads for the sessions; 0 (default) lets Netty choose (twice the processors). */
    public Builder ioThreads(int threads) {
      this.ioThreads = threads;
      return this;
    }

    /**
     * Refuses, at the handshake, clients whose highest protocol version in common with this
     * build is below {@code version}, with ERROR {@link ProtocolErrorCode#UNSUPPORTED_VERSION}
     * saying {@code reason} (what the older versions lack): an application whose data an older
     * client cannot read says so at once instead of failing on that data later. Default: version 1.
     */
    public Builder minimumVersion(int version, String reason) {
      this.minimumVersion = version;
      this.minimumVersionReason = Objects.requireNonNull(reason, "reason");
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(this);
    }
  }
}
