package org.datolite.transactor.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes each {@link Message} as one frame:
 *
 * <pre>
 * offset  size  field
 * 0       4     n, the length of the rest of the frame: u32 big-endian, 1 &lt;= n &lt;= the receiver's limit
 * 4       1     kind ({@link MessageKind})
 * 5       n-1   body: the message's fixed fields, then its payload (layouts in {@link Message})
 * </pre>
 *
 * <p>The receiver's limit is 64 KiB during the handshake and its {@code maxFrameSize} after it;
 * each side tells the other its limit (HELLO, WELCOME), and senders check a message against it
 * before writing ({@link #checkFits}) so that a too-large message fails on its own without costing
 * the connection. The payload is not copied: the header goes in a small buffer and the payload
 * array is wrapped behind it, so a broadcast shares one array among all sessions.
 */
@Sharable
final class FrameEncoder extends MessageToMessageEncoder<Message> {
  static final FrameEncoder INSTANCE = new FrameEncoder();

  private FrameEncoder() {
    super(Message.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Message msg, List<Object> out) {
    byte[] payload = msg.payload();
    int fixed = msg.fixedLength();
    ByteBuf header = ctx.alloc().buffer(5 + fixed);
    header.writeInt(1 + fixed + payload.length).writeByte(msg.kind().code());
    msg.writeFixed(header);
    if (payload.length == 0) {
      out.add(header);
    } else {
      CompositeByteBuf frame = ctx.alloc().compositeBuffer(2);
      frame.addComponents(true, header, Unpooled.wrappedBuffer(payload));
      out.add(frame);
    }
  }

  /** Fails with {@link ProtocolErrorCode#FRAME_TOO_LARGE} if {@code msg} exceeds {@code limit}. */
  static void checkFits(Message msg, long limit, String what) {
    long length = Message.frameLength(msg);
    if (length > limit) {
      throw new ProtocolException(ProtocolErrorCode.FRAME_TOO_LARGE, what + " needs a frame of " + length
          + " bytes; the receiver accepts at most " + limit + " (its maxFrameSize)");
    }
  }
}
