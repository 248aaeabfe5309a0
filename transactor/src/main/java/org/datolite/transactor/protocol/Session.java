package org.datolite.transactor.protocol;

import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated client connection on a {@link ProtocolServer}: what the server knows of the
 * client, and the way to push to it. Thread-safe; pushing from any thread is fine (Netty queues
 * the write on the session's event loop, in call order).
 *
 * <p>A session either receives every push in order or is closed: a push that exceeds the
 * client's frame limit, or that finds more than {@code maxPendingWriteBytes} of this session's
 * output still unsent, drops the session with {@link ProtocolErrorCode#SESSION_DROPPED}, so that
 * its client reconnects and catches up by other means rather than silently missing data.
 */
public final class Session {
  private static final Logger log = LoggerFactory.getLogger(Session.class);

  private final long id;
  private final String clientName;
  private final int protocolVersion;
  private final long clientMaxFrameSize;
  private final Channel channel;
  private final String context;
  private volatile Object attachment;

  Session(long id, String clientName, int protocolVersion, long clientMaxFrameSize, Channel channel, String context) {
    this.id = id;
    this.clientName = clientName;
    this.protocolVersion = protocolVersion;
    this.clientMaxFrameSize = clientMaxFrameSize;
    this.channel = channel;
    this.context = context;
  }

  /** The server's number for this session, also told to the client. */
  public long id() {
    return id;
  }

  /** The name the client gave in its HELLO; not authenticated beyond the shared secret. */
  public String clientName() {
    return clientName;
  }

  public int protocolVersion() {
    return protocolVersion;
  }

  public SocketAddress remoteAddress() {
    return channel.remoteAddress();
  }

  /** Whether the connection is still open. */
  public boolean isOpen() {
    return channel.isActive();
  }

  /** Application state to keep with the session (e.g. what the peer subscribed to). */
  public Object attachment() {
    return attachment;
  }

  public void attach(Object value) {
    this.attachment = value;
  }

  /**
   * Sends a PUSH to this session; returns at once. A closed session ignores it.
   *
   * @return false if the session was closed or has just been dropped (see the class comment)
   */
  public boolean push(int type, byte[] body) {
    Message.Push push = new Message.Push(checkType(type), Objects.requireNonNull(body, "body"));
    if (!channel.isActive()) {
      return false;
    }
    if (Message.frameLength(push) > clientMaxFrameSize) {
      drop("a push of " + Message.frameLength(push) + " bytes exceeds the client's frame limit of "
          + clientMaxFrameSize);
      return false;
    }
    if (!channel.isWritable()) {
      drop("more than " + channel.config().getWriteBufferHighWaterMark()
          + " bytes of output are unsent (maxPendingWriteBytes); the client reads too slowly");
      return false;
    }
    channel.writeAndFlush(push, channel.voidPromise());
    return true;
  }

  /** Closes the connection; the client sees it drop. */
  public void close() {
    channel.close();
  }

  private void drop(String why) {
    channel.pipeline().fireExceptionCaught(new ProtocolException(ProtocolErrorCode.SESSION_DROPPED,
        "session " + id + " of client '" + clientName + "' dropped: " + why));
  }

  /** Writes the answer to request {@code requestId}: its response body, or a FAILURE for {@code error}. */
  void answer(long requestId, int type, byte[] body, Throwable error) {
    if (!channel.isActive()) {
      log.debug("{} answer to request {} of session {} dropped: the connection is closed", context, requestId, id);
      return;
    }
    Message answer;
    if (error == null) {
      answer = new Message.Response(requestId, body == null ? Message.EMPTY : body);
      if (Message.frameLength(answer) > clientMaxFrameSize) {
        answer = failure(requestId, type, new ProtocolException(ProtocolErrorCode.FRAME_TOO_LARGE, "the response of "
            + body.length + " bytes exceeds the client's frame limit of " + clientMaxFrameSize));
      }
    } else {
      answer = failure(requestId, type, error);
    }
    channel.writeAndFlush(answer, channel.voidPromise());
  }

  /**
   * The FAILURE for a failed request, logged by what it says about whom: a malformed request is
   * the client's fault (a warning with its address); an internal error (SQLState XX000, or an
   * exception that is not a {@link ProtocolException}) is a fault here (an error with the stack
   * trace); any other failure is the application's answer to the request (debug).
   */
  private Message.Failure failure(long requestId, int type, Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (!(cause instanceof ProtocolException pe)) {
      log.error("{} request {} (type {}) of session {} (client '{}' at {}) failed with an internal error", context,
          requestId, type, id, clientName, remoteAddress(), cause);
      return new Message.Failure(requestId, ProtocolErrorCode.REQUEST_FAILED, 0,
          ProtocolErrorCode.REQUEST_FAILED.sqlState(), cause.toString());
    }
    if (pe.code() == ProtocolErrorCode.MALFORMED_REQUEST) {
      log.warn("{} malformed request {} (type {}) from client '{}' at {} (session {}), answered {} and the session"
          + " kept: {}", context, requestId, type, clientName, remoteAddress(), id, pe.sqlState(), pe.reason());
    } else if (ProtocolErrorCode.REQUEST_FAILED.sqlState().equals(pe.sqlState())) {
      log.error("{} request {} (type {}) of session {} (client '{}' at {}) failed with an internal error: {}", context,
          requestId, type, id, clientName, remoteAddress(), pe.reason(), pe.getCause() != null ? pe.getCause() : pe);
    } else {
      log.debug("{} request {} (type {}) of session {} failed: {}", context, requestId, type, id, pe.getMessage());
    }
    return new Message.Failure(requestId, pe.code(), pe.applicationCode(), pe.sqlState(), pe.reason());
  }

  static int checkType(int type) {
    if (type < 0 || type > 0xFFFF) {
      throw new IllegalArgumentException("message type " + type + " is not in 0..65535");
    }
    return type;
  }

  @Override
  public String toString() {
    return "Session{id=" + id + ", client=" + clientName + ", remote=" + channel.remoteAddress() + "}";
  }
}
