package org.datolite.transactor.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the byte stream into frames (layout in {@link FrameEncoder}) and decodes each into a
 * {@link Message}. It rejects a frame as early as its first five bytes allow: a zero length or
 * an unknown kind is {@link ProtocolErrorCode#MALFORMED_FRAME}, a length above the limit is
 * {@link ProtocolErrorCode#FRAME_TOO_LARGE}, so a hostile peer cannot make it buffer more than
 * one frame's worth. After the first error it discards everything; the connection's guard logs
 * the reason and closes it.
 *
 * <p>The limit starts at {@link #HANDSHAKE_LIMIT}, so an unauthenticated peer can make the
 * server hold at most 64 KiB, and is raised to {@code maxFrameSize} once the handshake succeeds.
 * Used on the channel's event loop only.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  /** The frame limit until the handshake has finished. */
  static final int HANDSHAKE_LIMIT = 64 << 10;

  private long limit = HANDSHAKE_LIMIT;
  private boolean failed;
  private boolean first = true;

  /** Raises (or lowers) the longest frame accepted from now on. */
  void limit(long maxFrameSize) {
    this.limit = maxFrameSize;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int available = in.readableBytes();
    if (available < 4) {
      return;
    }
    int start = in.readerIndex();
    long length = in.getUnsignedInt(start);
    if (length == 0) {
      throw fail(in, ProtocolErrorCode.MALFORMED_FRAME, "frame of length 0" + hint(in, start));
    }
    if (length > limit) {
      throw fail(in, ProtocolErrorCode.FRAME_TOO_LARGE, "frame of " + length + " bytes announced; the limit is "
          + limit + (limit == HANDSHAKE_LIMIT ? " during the handshake" : "") + hint(in, start));
    }
    if (available < 5) {
      return;
    }
    MessageKind kind = MessageKind.of(in.getUnsignedByte(start + 4));
    if (kind == null) {
      throw fail(in, ProtocolErrorCode.MALFORMED_FRAME,
          String.format("unknown message kind 0x%02x", in.getUnsignedByte(start + 4)) + hint(in, start));
    }
    if (available - 4 < length) {
      return;
    }
    in.skipBytes(5);
    ByteBuf body = in.readSlice((int) length - 1);
    first = false;
    try {
      out.add(MessageReader.read(kind, body));
    } catch (ProtocolException e) {
      throw fail(in, e.code(), e.reason());
    }
  }

  private ProtocolException fail(ByteBuf in, ProtocolErrorCode code, String message) {
    failed = true;
    in.skipBytes(in.readableBytes());
    return new ProtocolException(code, message);
  }

  /** For the first frame, the bytes it starts with: they tell an HTTP or TLS client at a glance. */
  private String hint(ByteBuf in, int start) {
    if (!first) {
      return "";
    }
    int n = Math.min(8, in.writerIndex() - start);
    return " (stream starts with 0x" + ByteBufUtil.hexDump(in, start, n) + ")";
  }
}
