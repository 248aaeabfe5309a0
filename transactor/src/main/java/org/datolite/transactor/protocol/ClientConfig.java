package org.datolite.transactor.protocol;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Where a {@link ProtocolClient} finds its server and how it talks to it; validated when built,
 * immutable after. Names, defaults and ranges come from {@link ProtocolSetting}; a bad value fails
 * at once with {@link ProtocolErrorCode#INVALID_CONFIGURATION} and a message naming the setting.
 * {@link #toString()} never shows the secret.
 */
public final class ClientConfig {
  private final Supplier<InetSocketAddress> endpoints;
  private final byte[] secret;
  private final String clientName;
  private final long maxFrameSize;
  private final Duration connectTimeout;
  private final Duration handshakeTimeout;
  private final Duration requestTimeout;
  private final Duration pingInterval;
  private final Duration idleTimeout;
  private final Duration reconnectMinDelay;
  private final Duration reconnectMaxDelay;
  private final SslContext sslContext;
  private final PushListener pushListener;
  private final ConnectionListener connectionListener;
  private final Executor callbackExecutor;

  private ClientConfig(Builder b) {
    this.endpoints = Objects.requireNonNull(b.endpoints, "endpoints");
    this.secret = ProtocolSetting.checkSecret(b.secret);
    this.clientName = ProtocolSetting.CLIENT_NAME.checkText(b.clientName);
    this.maxFrameSize = ProtocolSetting.MAX_FRAME_SIZE.checkRange(b.maxFrameSize);
    this.connectTimeout = ProtocolSetting.CONNECT_TIMEOUT.checkDuration(b.connectTimeout);
    this.handshakeTimeout = ProtocolSetting.HANDSHAKE_TIMEOUT.checkDuration(b.handshakeTimeout);
    this.requestTimeout = ProtocolSetting.REQUEST_TIMEOUT.checkDuration(b.requestTimeout);
    this.pingInterval = ProtocolSetting.PING_INTERVAL.checkDuration(b.pingInterval);
    this.idleTimeout = ProtocolSetting.IDLE_TIMEOUT.checkDuration(b.idleTimeout);
    ProtocolSetting.checkKeepalive(pingInterval, idleTimeout);
    this.reconnectMinDelay = ProtocolSetting.RECONNECT_MIN_DELAY.checkDuration(b.reconnectMinDelay);
    this.reconnectMaxDelay = ProtocolSetting.RECONNECT_MAX_DELAY.checkDuration(b.reconnectMaxDelay);
    if (reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
      throw ProtocolSetting.RECONNECT_MAX_DELAY.invalid(reconnectMaxDelay.toMillis() + " ms is less than "
          + ProtocolSetting.RECONNECT_MIN_DELAY.key() + " (" + reconnectMinDelay.toMillis() + " ms)");
    }
    if (b.sslContext != null && !b.sslContext.isClient()) {
      throw new ProtocolException(ProtocolErrorCode.INVALID_CONFIGURATION,
          "protocol setting sslContext: a server SslContext was given to a client; build it with SslContextBuilder.forClient");
    }
    this.sslContext = b.sslContext;
    this.pushListener = b.pushListener == null ? (type, body) -> { } : b.pushListener;
    this.connectionListener = b.connectionListener == null ? event -> { } : b.connectionListener;
    this.callbackExecutor = b.callbackExecutor;
  }

  /**
   * A builder with every setting at its default.
   *
   * @param endpoints asked for the server's address before every connection attempt (a peer looks
   *     the transactor up in storage); it runs on the client's event thread, may block, and may
   *     throw to make the attempt count as failed
   * @param secret the shared secret, at least 16 bytes
   */
  public static Builder builder(Supplier<InetSocketAddress> endpoints, byte[] secret) {
    return new Builder(endpoints, secret);
  }

  Supplier<InetSocketAddress> endpoints() {
    return endpoints;
  }

  byte[] secret() {
    return secret;
  }

  public String clientName() {
    return clientName;
  }

  public long maxFrameSize() {
    return maxFrameSize;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  public Duration pingInterval() {
    return pingInterval;
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  public Duration reconnectMinDelay() {
    return reconnectMinDelay;
  }

  public Duration reconnectMaxDelay() {
    return reconnectMaxDelay;
  }

  SslContext sslContext() {
    return sslContext;
  }

  PushListener pushListener() {
    return pushListener;
  }

  ConnectionListener connectionListener() {
    return connectionListener;
  }

  Executor callbackExecutor() {
    return callbackExecutor;
  }

  /** The settings as text for a debug log, the secret masked. */
  @Override
  public String toString() {
    return "ClientConfig{clientName=" + clientName + ", secret=<" + secret.length + " bytes, masked>, maxFrameSize="
        + maxFrameSize + ", connectTimeout=" + connectTimeout.toMillis() + "ms, handshakeTimeout="
        + handshakeTimeout.toMillis() + "ms, requestTimeout=" + requestTimeout.toMillis() + "ms, pingInterval="
        + pingInterval.toMillis() + "ms, idleTimeout=" + idleTimeout.toMillis() + "ms, reconnectDelay="
        + reconnectMinDelay.toMillis() + ".." + reconnectMaxDelay.toMillis() + "ms, tls=" + (sslContext != null) + "}";
  }

  /** Collects settings; {@link #build()} validates them. */
  public static final class Builder {
    private final Supplier<InetSocketAddress> endpoints;
    private final byte[] secret;
    private String clientName = "datolite-peer";
    private long maxFrameSize = ProtocolSetting.MAX_FRAME_SIZE.defaultValue();
    private Duration connectTimeout = ProtocolSetting.CONNECT_TIMEOUT.defaultDuration();
    private Duration handshakeTimeout = ProtocolSetting.HANDSHAKE_TIMEOUT.defaultDuration();
    private Duration requestTimeout = ProtocolSetting.REQUEST_TIMEOUT.defaultDuration();
    private Duration pingInterval = ProtocolSetting.PING_INTERVAL.defaultDuration();
    private Duration idleTimeout = ProtocolSetting.IDLE_TIMEOUT.defaultDuration();
    private Duration reconnectMinDelay = ProtocolSetting.RECONNECT_MIN_DELAY.defaultDuration();
    private Duration reconnectMaxDelay = ProtocolSetting.RECONNECT_MAX_DELAY.defaultDuration();
    private SslContext sslContext;
    private PushListener pushListener;
    private ConnectionListener connectionListener;
    private Executor callbackExecutor;

    private Builder(Supplier<InetSocketAddress> endpoints, byte[] secret) {
      this.endpoints = endpoints;
      this.secret = secret;
    }

    public Builder clientName(String name) {
      this.clientName = name;
      return this;
    }

    public Builder maxFrameSize(long bytes) {
      this.maxFrameSize = bytes;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = timeout;
      return this;
    }

    /** Default wait for an answer, for {@link ProtocolClient#request(int, byte[])}. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
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

    public Builder reconnectDelay(Duration min, Duration max) {
      this.reconnectMinDelay = min;
      this.reconnectMaxDelay = max;
      return this;
    }

    /**
     * TLS: a client context ({@code SslContextBuilder.forClient().trustManager(...)}); {@code null}
     * for plain TCP. Netty 4.2 client contexts verify the host name by default (endpoint
     * identification "HTTPS"), so the server's certificate must name the host or IP the endpoint
     * supplier returns.
     */
    public Builder sslContext(SslContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    public Builder pushListener(PushListener listener) {
      this.pushListener = listener;
      return this;
    }

    public Builder connectionListener(ConnectionListener listener) {
      this.connectionListener = listener;
      return this;
    }

    /**
     * Where request futures are completed (and so where their dependent stages run); default a
     * small pool of daemon threads owned by the client. Never a Netty event loop.
     */
    public Builder callbackExecutor(Executor executor) {
      this.callbackExecutor = executor;
      return this;
    }

    public ClientConfig build() {
      return new ClientConfig(this);
    }
  }
}
