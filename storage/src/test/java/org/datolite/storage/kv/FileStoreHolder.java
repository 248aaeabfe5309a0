package org.datolite.storage.kv;

import java.io.InputStream;

/**
 * A child process for {@link StoresTest}: opens {@code file:DIR} through {@link Stores}, prints
 * {@code ready} and holds the store until its standard input closes.
 */
public final class FileStoreHolder {
  private FileStoreHolder() {}

  public static void main(String[] args) throws Exception {
    try (KeyValueStore store = Stores.open("file:" + args[0])) {
      store.putIfAbsent("held", new byte[] {1});
      System.out.println("ready");
      System.out.flush();
      InputStream in = System.in;
      while (in.read() >= 0) {
        // wait for the parent to close our input
      }
    }
  }
}
