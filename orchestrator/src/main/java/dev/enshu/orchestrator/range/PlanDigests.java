package dev.enshu.orchestrator.range;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Values a plan derives from its range alone, by hashing: MAC addresses and drawn passwords. */
final class PlanDigests {
  private PlanDigests() {}

  /** A locally administered MAC that depends only on the range, host and segment. */
  static String mac(String rangeId, String hostId, String segment) {
    byte[] digest = sha256(rangeId + "/" + hostId + "/" + segment);
    return String.format(
        "02:%02x:%02x:%02x:%02x:%02x", digest[0], digest[1], digest[2], digest[3], digest[4]);
  }

  /** A password that only this range's seed gives: letters, digits and a symbol. */
  static String password(long seed, String rangeId, String name) {
    return "Pw-" + HexFormat.of().formatHex(sha256(seed + "/" + rangeId + "/" + name), 0, 5) + "x!";
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
