package org.datolite.transactor;

/**
 * How a transactor that serves under a lease knows it may write. The log's slot keys fence
 * writes in any case (a block goes only where no other block is); the lease adds that a
 * replaced transactor stops at once rather than at its next collision.
 */
public interface Fence {
  /**
   * Whether this transactor may write now: it holds the lease and renewed it recently enough
   * that no standby can have taken over yet. Checked before every log write.
   */
  boolean mayWrite();

  /**
   * Whether storage confirms that this transactor holds the lease. Checked when a log slot is
   * found taken: then the block there is its predecessor's and is adopted; otherwise this
   * transactor has been replaced.
   */
  boolean confirmed();
}
