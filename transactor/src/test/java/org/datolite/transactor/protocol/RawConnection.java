package org.datolite.transactor.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;

/**
 * A plain blocking socket that speaks frames by hand, for tests that must misbehave (say nothing,
 * send garbage, offer a strange version) or watch exactly what the server sends.
 */
final class RawConnection implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static RawConnection open(InetSocketAddress address) throws IOException {
    Socket socket = new Socket();
    socket.connect(address, 5_000);
    socket.setSoTimeout(5_000);
    socket.setTcpNoDelay(true);
    return new RawConnection(socket);
  }

  /** The bytes of {@code m} as one frame. */
  static byte[] frame(Message m) {
    ByteBuf b = Unpooled.buffer();
    b.writeInt((int) Message.frameLength(m)).writeByte(m.kind().code());
    m.writeFixed(b);
    b.writeBytes(m.payload());
    byte[] bytes = new byte[b.readableBytes()];
    b.readBytes(bytes);
    return bytes;
  }

  /** This end's address: the remote address the server sees. */
  SocketAddress localAddress() {
    return socket.getLocalSocketAddress();
  }

  void send(Message m) throws IOException {
    sendRaw(frame(m));
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next message, or {@code null} at the end of the stream. */
  Message read() throws IOException {
    int length;
    try {
      length = in.readInt();
    } catch (EOFException e) {
      return null;
    }
    int kind = in.readUnsignedByte();
    byte[] body = new byte[length - 1];
    in.readFully(body);
    return MessageReader.read(MessageKind.of(kind), Unpooled.wrappedBuffer(body));
  }

  /** Reads and discards until the server closes; false if it is still open after the socket timeout. */
  boolean awaitClosed() {
    byte[] sink = new byte[4096];
    try {
      InputStream input = socket.getInputStream();
      while (input.read(sink) >= 0) {
        // discard
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server: closed too
    }
  }

  /** Runs the client's half of the handshake by hand. */
  Message.Welcome handshake(byte[] secret, String name) throws IOException {
    byte[] nonce = HandshakeProof.nonce();
    send(new Message.Hello(new int[] {ProtocolVersion.V1}, 1 << 20, nonce, name));
    Message.Challenge c = (Message.Challenge) read();
    send(new Message.Auth(HandshakeProof.client(secret, c.version(), nonce, c.nonce())));
    Message answer = read();
    if (answer instanceof Message.Welcome w) {
      return w;
    }
    throw new AssertionError("expected WELCOME, got " + answer);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
