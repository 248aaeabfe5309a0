package org.datolite.transactor.remote;

import java.net.InetSocketAddress;
import java.util.UUID;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.codec.ByteReader;
import org.datolite.storage.codec.ByteWriter;
import org.datolite.storage.codec.MalformedInputException;
import org.datolite.storage.kv.KeyValueStore;

/**
 * The transactor lease: a mutable key naming the active transactor, its endpoint and how often
 * it renews the lease. Peers find the transactor here; a standby watches it and takes over when
 * it stops moving.
 *
 * <h2>Rules</h2>
 * The active transactor renews the lease by compare-and-set every quarter {@code heartbeat}
 * ({@code heartbeat / 4}, at least every 5 ms), so the revision grows by about four per
 * heartbeat. A standby notes the revision and, on its own monotonic clock, takes over by
 * compare-and-set when the revision has not moved for two heartbeats: no two clocks are ever
 * compared. A holder whose renewal fails has lost the lease and stops. A holder that stops
 * serving releases the lease (port 0, heartbeat 0), and a standby takes a released lease at
 * once. Each holder has a new epoch, one more than the last.
 *
 * <h2>Layout</h2>
 * <pre>
 * byte    version (1)
 * 16      holder id (uuid)
 * zigzag  epoch
 * string  host; varint port       the endpoint peers connect to (port 0: not serving yet)
 * varint  heartbeat in milliseconds
 * zigzag  renewed at (epoch milliseconds of the holder's clock, informational)
 * </pre>
 */
public record Lease(UUID holder, long epoch, String host, int port, long heartbeatMillis, long renewedAt) {

  /** The key of a database's lease. */
  public static String key(String keyPrefix) {
    return keyPrefix + "lease";
  }

  /** The endpoint peers connect to. */
  public InetSocketAddress endpoint() {
    return InetSocketAddress.createUnresolved(host, port);
  }

  public Lease renewed(long now) {
    return new Lease(holder, epoch, host, port, heartbeatMillis, now);
  }

  public Lease serving(String newHost, int newPort) {
    return new Lease(holder, epoch, newHost, newPort, heartbeatMillis, renewedAt);
  }

  public byte[] encode() {
    ByteWriter out = new ByteWriter(64);
    out.writeByte(1);
    out.writeLong(holder.getMostSignificantBits()).writeLong(holder.getLeastSignificantBits());
    out.writeZigZag(epoch);
    out.writeString(host);
    out.writeVarInt(port);
    out.writeVarLong(heartbeatMillis);
    out.writeZigZag(renewedAt);
    return out.toByteArray();
  }

  public static Lease decode(byte[] bytes, String key) {
    try {
      ByteReader in = new ByteReader(bytes);
      int version = in.readByte();
      if (version != 1) {
        throw new StorageException(StorageErrorCode.UNSUPPORTED_FORMAT,
            "lease '" + key + "' has format version " + version + "; this build reads version 1");
      }
      Lease lease = new Lease(new UUID(in.readLong(), in.readLong()), in.readZigZag(), in.readString(),
          in.readVarInt(), in.readVarLong(), in.readZigZag());
      if (in.hasRemaining()) {
        throw new MalformedInputException(in.remaining() + " bytes after the lease");
      }
      return lease;
    } catch (MalformedInputException e) {
      throw new StorageException(StorageErrorCode.SEGMENT_CORRUPT, "lease '" + key + "' does not decode: " + e.getMessage());
    }
  }

  /** The current lease and its revision, or null if no transactor ever held it. */
  public static KeyValueStore.Versioned read(KeyValueStore kv, String keyPrefix) {
    return kv.getVersioned(key(keyPrefix));
  }
}
