package dev.enshu.template;

/** Parsing and formatting of IPv4 addresses held as unsigned values in a {@code long}. */
public final class Ipv4 {
  private Ipv4() {}

  /** Parses a dotted quad; throws {@link IllegalArgumentException} saying what is wrong. */
  public static long parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("expected an IPv4 address, found nothing");
    }
    String[] parts = text.trim().split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "expected an IPv4 address such as 10.0.1.10, found '" + text + "'");
    }
    long value = 0;
    for (String part : parts) {
      int octet;
      try {
        octet = Integer.parseInt(part);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "expected an IPv4 address such as 10.0.1.10, found '" + text + "'");
      }
      if (octet < 0
          || octet > 255
          || part.isEmpty()
          || (part.length() > 1 && part.startsWith("0"))) {
        throw new IllegalArgumentException("'" + text + "' is not a valid IPv4 address");
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  public static String format(long address) {
    return ((address >> 24) & 0xFF)
        + "."
        + ((address >> 16) & 0xFF)
        + "."
        + ((address >> 8) & 0xFF)
        + "."
        + (address & 0xFF);
  }

  /** Whether {@code text} is a valid dotted quad. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
