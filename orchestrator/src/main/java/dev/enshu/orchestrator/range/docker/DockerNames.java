package dev.enshu.orchestrator.range.docker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How Docker resources of a range are named; labels, not names, are what finds them again. */
final class DockerNames {
  private DockerNames() {}

  static String container(String rangeId, String hostId) {
    return "enshu-" + rangeId + "-" + hostId;
  }

  static String network(String rangeId, String segmentId) {
    return "enshu-" + rangeId + "-" + segmentId;
  }

  /**
   * The bridge of a range network: {@code enshd} and 10 hex digits of a hash of range and segment
   * (Linux allows 15 characters). The host guard finds every range bridge by this prefix.
   */
  static String bridge(String rangeId, String segmentId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((rangeId + "/" + segmentId).getBytes(StandardCharsets.UTF_8));
      return "enshd" + HexFormat.of().formatHex(digest).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String snapshotRepository(String rangeId, String hostId) {
    return "enshu-snapshot/" + rangeId + "-" + hostId;
  }
}
