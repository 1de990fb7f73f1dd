package dev.enshu.orchestrator.range.libvirt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Names of the libvirt objects of a range. */
final class LibvirtNames {
  static final String PREFIX = "enshu-";

  private LibvirtNames() {}

  static String domain(String rangeId, String hostId) {
    return PREFIX + rangeId + "-" + hostId;
  }

  static String network(String rangeId, String segment) {
    return PREFIX + rangeId + "-net-" + segment;
  }

  /** Linux limits interface names to 15 characters: a hash of range and segment, unique enough. */
  static String bridge(String rangeId, String segment) {
    return "ensh" + hash(rangeId + "/" + segment).substring(0, 10);
  }

  static String hash(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
