package dev.enshu.template;

/**
 * An IPv4 network in CIDR form. Addresses are unsigned 32-bit values held in a {@code long}.
 *
 * @param network the network address (host bits zero)
 * @param prefix the prefix length, 0-32
 */
public record Cidr(long network, int prefix) {

  public Cidr {
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("prefix length must be 0-32, found " + prefix);
    }
    if ((network & ~mask(prefix) & 0xFFFFFFFFL) != 0) {
      throw new IllegalArgumentException(
          Ipv4.format(network)
              + "/"
              + prefix
              + " has host bits set; the network is "
              + Ipv4.format(network & mask(prefix))
              + "/"
              + prefix);
    }
  }

  /** Parses {@code 10.0.1.0/24}; throws {@link IllegalArgumentException} saying what is wrong. */
  public static Cidr parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("expected a network such as 10.0.1.0/24, found nothing");
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(
          "expected a network such as 10.0.1.0/24, found '" + text + "' (no prefix length)");
    }
    long address = Ipv4.parse(text.substring(0, slash));
    int prefix;
    try {
      prefix = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has no numeric prefix length");
    }
    return new Cidr(address, prefix);
  }

  static long mask(int prefix) {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  public long size() {
    return 1L << (32 - prefix);
  }

  public long first() {
    return network;
  }

  public long last() {
    return network + size() - 1;
  }

  public boolean contains(long address) {
    return address >= first() && address <= last();
  }

  public boolean contains(Cidr other) {
    return contains(other.first()) && contains(other.last());
  }

  public boolean overlaps(Cidr other) {
    return first() <= other.last() && other.first() <= last();
  }

  /**
   * Moves an address of this network to the same offset in {@code target}, which must be the same
   * size.
   */
  public long relocate(long address, Cidr target) {
    if (target.prefix != prefix) {
      throw new IllegalArgumentException(
          "cannot move " + this + " onto " + target + ": sizes differ");
    }
    return target.network + (address - network);
  }

  public Cidr relocate(Cidr inner, Cidr target) {
    return new Cidr(relocate(inner.network, target), inner.prefix);
  }

  @Override
  public String toString() {
    return Ipv4.format(network) + "/" + prefix;
  }
}
