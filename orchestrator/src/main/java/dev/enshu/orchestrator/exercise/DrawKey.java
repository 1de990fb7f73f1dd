package dev.enshu.orchestrator.exercise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The installation's secret draw key and the exercise seeds it makes. A team's variables are drawn
 * from HMAC-SHA256(key, exercise id and seed), so knowing the scenario, the seed and the compiler
 * (all public) is not enough to recompute a plan: the key lives only in this installation's
 * database (and its backups) and is never shown. Seeds nobody chose come from a secure random
 * source.
 */
@Component
public class DrawKey {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final Clock clock;
  private volatile byte[] key;

  public DrawKey(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * A key given directly, for tests and benchmarks without a database. It never stores a key, so it
   * needs neither a database nor a clock.
   */
  public static DrawKey of(byte[] key) {
    DrawKey fixed = new DrawKey(null, null);
    fixed.key = key.clone();
    return fixed;
  }

  /**
   * A fresh seed from a secure random source: 53 bits, so that it survives JSON numbers in a
   * browser unchanged.
   */
  public static long randomSeed() {
    return RANDOM.nextLong() >>> 11;
  }

  /** The seed the compiler draws a keyed exercise's variables from. */
  public long draws(String exerciseId, long seed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      byte[] out = mac.doFinal((exerciseId + "/" + seed).getBytes(StandardCharsets.UTF_8));
      long mixed = 0;
      for (int i = 0; i < 8; i++) {
        mixed = (mixed << 8) | (out[i] & 0xff);
      }
      return mixed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private byte[] key() {
    byte[] known = key;
    if (known == null) {
      synchronized (this) {
        if (key == null) {
          key = stored().orElseGet(this::create);
        }
        known = key;
      }
    }
    return known;
  }

  private Optional<byte[]> stored() {
    return jdbc.sql("SELECT secret FROM installation_key WHERE id = 1")
        .query(String.class)
        .optional()
        .map(HexFormat.of()::parseHex);
  }

  private byte[] create() {
    byte[] fresh = new byte[32];
    RANDOM.nextBytes(fresh);
    try {
      jdbc.sql("INSERT INTO installation_key (id, secret, created_at) VALUES (1, :s, :at)")
          .param("s", HexFormat.of().formatHex(fresh))
          .param("at", Timestamp.from(clock.instant()))
          .update();
      return fresh;
    } catch (DuplicateKeyException e) {
      // another server process on the same database made it first: use theirs
      return stored().orElseThrow();
    }
  }
}
