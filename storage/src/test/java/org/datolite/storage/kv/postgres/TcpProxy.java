package org.datolite.storage.kv.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on a loopback port, standing between a store and its server so that a test can
 * make the server unreachable ({@link #stop()}: every connection reset, new ones refused) or
 * silent ({@link #silence()}: connections stay open, nothing comes back) without touching the
 * shared server. Two daemon threads per connection copy the bytes.
 */
final class TcpProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean silent;

  TcpProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon("tcp-proxy accept", this::accept).start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** From now on nothing is forwarded; connections, old and new, stay open and silent. */
  void silence() {
    silent = true;
  }

  /** Stops listening and closes every connection: the server is unreachable. */
  void stop() {
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        sockets.add(client);
        sockets.add(server);
        server.connect(target, 5000);
        daemon("tcp-proxy up", () -> pump(client, server)).start();
        daemon("tcp-proxy down", () -> pump(server, client)).start();
      } catch (IOException e) {
        // the listener was closed, or the target refused: the client sees its connection fail
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buf = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (!silent) {
          out.write(buf, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // a side closed
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }
}
