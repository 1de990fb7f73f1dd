package dev.enshu.orchestrator.range;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the boundary tests of both providers share: the escape and reach attempts of {@code
 * boundary/attempts.sh}, the reading of their results, a listener for datagrams with a forged
 * source, and the link-local address a host machine would have on a bridge.
 */
public final class BoundaryAttempts {
  /**
   * A shell command for a range host: a UDP listener on port 9999 that writes the first datagram it
   * receives, with its source, to {@code /tmp/spoof-got}; exits 0 once the listener is bound.
   */
  public static final String SPOOF_LISTENER =
      "rm -f /tmp/spoof-got; setsid python3 -c \"import socket;"
          + " s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('0.0.0.0', 9999));"
          + " d, a = s.recvfrom(100); open('/tmp/spoof-got', 'w').write(repr((d, a)))\""
          + " </dev/null >/dev/null 2>&1 & for i in $(seq 1 100); do ss -Hlun 'sport = :9999'"
          + " | grep -q . && exit 0; sleep 0.1; done; exit 1";

  /** Reads what {@link #SPOOF_LISTENER} received: "nothing" when no datagram arrived. */
  public static final String SPOOF_RECEIVED = "cat /tmp/spoof-got 2>/dev/null || echo nothing";

  private BoundaryAttempts() {}

  /** The attempts script. */
  public static String script() {
    try (InputStream in = BoundaryAttempts.class.getResourceAsStream("/boundary/attempts.sh")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds the {@code RESULT} lines of one host's run to {@code results}: attempt name, then host id,
   * then "blocked ..." or "SUCCEEDED ...".
   */
  public static void collect(String host, String stdout, Map<String, Map<String, String>> results) {
    for (String line : stdout.lines().toList()) {
      String[] parts = line.split(" ", 4);
      if (parts.length >= 3 && parts[0].equals("RESULT")) {
        results
            .computeIfAbsent(parts[1], k -> new ConcurrentHashMap<>())
            .put(host, parts[2] + " " + (parts.length > 3 ? parts[3] : ""));
      }
    }
  }

  /** The EUI-64 link-local address the host machine has, or would have, on a bridge. */
  public static String linkLocalOf(String bridge) throws IOException {
    String[] mac =
        Files.readString(Path.of("/sys/class/net", bridge, "address")).strip().split(":");
    int first = Integer.parseInt(mac[0], 16) ^ 0x02;
    return String.format(
        "fe80::%02x%s:%sff:fe%s:%s%s", first, mac[1], mac[2], mac[3], mac[4], mac[5]);
  }
}
