package dev.enshu.orchestrator.range;

import dev.enshu.template.Cidr;

/**
 * Hands out the address blocks of team ranges from one pool, so that no two ranges on the same
 * engine share an address. Block {@code n} is the n-th block of the requested size in the pool.
 */
public record AddressPool(Cidr pool) {
  /** The default pool: 10.64.0.0/10, room for 64 team ranges of /16. */
  public static final AddressPool DEFAULT = new AddressPool(Cidr.parse("10.64.0.0/10"));

  /** The {@code index}-th (0-based) block of prefix length {@code prefix}. */
  public Cidr block(int index, int prefix) {
    if (prefix < pool.prefix()) {
      throw new IllegalArgumentException(
          "a /" + prefix + " block does not fit in the pool " + pool);
    }
    long size = 1L << (32 - prefix);
    long blocks = pool.size() / size;
    if (index < 0 || index >= blocks) {
      throw new IllegalArgumentException(
          "the address pool "
              + pool
              + " has room for "
              + blocks
              + " ranges of /"
              + prefix
              + "; range number "
              + (index + 1)
              + " does not fit");
    }
    return new Cidr(pool.network() + index * size, prefix);
  }
}
