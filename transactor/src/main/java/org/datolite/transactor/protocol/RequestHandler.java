package org.datolite.transactor.protocol;

import java.util.concurrent.CompletableFuture;

/**
 * What a {@link ProtocolServer} does with a client's REQUEST. The answer is a future so that the
 * handler can hand the work to another thread (the transactor's writer) and return at once.
 *
 * <p>Threads: {@code handle} runs on the session's Netty event loop unless
 * {@link ServerConfig.Builder#handlerExecutor} names an executor; on the event loop it must not
 * block (no storage access, no waiting on futures), or every session on that loop stalls. The
 * future may be completed on any thread.
 *
 * <p>Failures: a thrown exception or an exceptionally completed future becomes a FAILURE frame
 * for this request alone; the connection stays open. To choose the code number and SQLState the
 * client sees, fail with {@link ProtocolException#requestFailed}. A body that does not decode is
 * the client's protocol violation: fail with {@link ProtocolException#malformedRequest} (08P01,
 * logged as a warning with the client's address), never with the decoder's own exception. Any
 * other exception is an internal error: reported with SQLState XX000 and logged at ERROR with its
 * stack trace.
 */
@FunctionalInterface
public interface RequestHandler {
  /**
   * Answers one request.
   *
   * @param session the session the request came on; it may push to it, or remember it
   * @param type the request type, 0..65535, meaningful to the application only
   * @param body the request body, owned by the handler
   * @return the response body, or a future failed with the reason
   */
  CompletableFuture<byte[]> handle(Session session, int type, byte[] body);
}
