package dev.enshu.orchestrator.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The journal's hash chain, the one place that says how an event is hashed and how an export is
 * verified. An event's hash is the SHA-256 (hex) of the previous hashed event's hash in the same
 * exercise ({@link #START} for the first) followed by the event's canonical form: a JSON array of
 * exercise, team, time (ISO-8601, microseconds), type, actor, once-key and the payload with its
 * object keys sorted. The sequence number is not hashed (the database draws it on insert); the
 * verifier checks that it increases instead.
 *
 * <p>What it shows: an event changed, removed or moved anywhere before the last one breaks the
 * chain at that line. What it cannot show alone: events cut off at the end. Compare the head (the
 * last hash) with the server's, or keep the head of an earlier export.
 */
public final class JournalChain {
  /** The "previous hash" of an exercise's first hashed event. */
  public static final String START = "";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JournalChain() {}

  /** The hash of an event whose payload is stored as {@code payloadJson}. */
  static String hash(String previous, JournalEvent event, String payloadJson) {
    return hash(
        previous,
        event.exerciseId(),
        event.team(),
        event.at(),
        event.type(),
        event.actor(),
        event.onceKey(),
        JSON.readTree(payloadJson));
  }

  static String hash(
      String previous,
      String exerciseId,
      Integer team,
      Instant at,
      String type,
      String actor,
      String onceKey,
      JsonNode payload) {
    ArrayNode canonical = JSON.createArrayNode();
    canonical.add(exerciseId);
    if (team == null) {
      canonical.addNull();
    } else {
      canonical.add(team.intValue());
    }
    canonical.add(at.toString());
    canonical.add(type);
    canonical.add(actor);
    canonical.add(onceKey);
    canonical.add(sorted(payload));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(previous.getBytes(StandardCharsets.UTF_8));
      sha.update(JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node == null) {
      return JSON.getNodeFactory().nullNode();
    }
    if (node.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      node.propertyNames().stream().sorted().forEach(k -> out.set(k, sorted(node.get(k))));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JSON.createArrayNode();
      node.values().forEach(v -> out.add(sorted(v)));
      return out;
    }
    return node;
  }

  /**
   * One line of a JSON Lines export: the event's fields and, where the export carries it, its hash.
   */
  record Line(
      @JsonUnwrapped JournalEvent event, @JsonInclude(JsonInclude.Include.NON_NULL) String hash) {}

  /** The line of an export for {@code event}, without its newline. */
  static String line(JournalEvent event, String hash) {
    return JSON.writeValueAsString(new Line(event, hash));
  }

  /**
   * What verifying an export found. When {@code ok}: {@code events} lines read, of which {@code
   * unhashed} came before the chain started, and {@code head} the last hash. When not: the first
   * bad {@code line} (1-based; 0 when no line carries a hash), its {@code seq} (-1 if unreadable)
   * and the problem.
   */
  public record Verdict(
      boolean ok, int events, int unhashed, String head, int line, long seq, String problem) {
    public String describe() {
      if (ok) {
        return "OK: "
            + events
            + " events"
            + (unhashed > 0 ? " (" + unhashed + " stored before the chain started)" : "")
            + (head.isEmpty() ? "" : ", head " + head);
      }
      if (line == 0) {
        return problem;
      }
      return "line " + line + (seq < 0 ? "" : " (seq " + seq + ")") + ": " + problem;
    }
  }

  /** Verifies an export, line by line, and stops at the first line that breaks the chain. */
  public static Verdict verify(BufferedReader in) throws IOException {
    String previous = null;
    long lastSeq = Long.MIN_VALUE;
    int events = 0;
    int unhashed = 0;
    int number = 0;
    for (String text = in.readLine(); text != null; text = in.readLine()) {
      number++;
      if (text.isBlank()) {
        continue;
      }
      JsonNode line;
      try {
        line = JSON.readTree(text);
      } catch (JacksonException e) {
        return bad(number, -1, "not a JSON journal event: " + e.getOriginalMessage());
      }
      List<String> missing = new ArrayList<>();
      for (String field : List.of("seq", "exerciseId", "at", "type", "actor")) {
        if (line.get(field) == null || line.get(field).isNull()) {
          missing.add(field);
        }
      }
      long seq = line.get("seq") == null ? -1 : line.get("seq").asLong();
      if (!missing.isEmpty()) {
        return bad(number, seq, "not a journal event: no " + String.join(", ", missing));
      }
      if (seq <= lastSeq) {
        return bad(number, seq, "seq " + seq + " does not follow seq " + lastSeq);
      }
      lastSeq = seq;
      String hash = text(line.get("hash"));
      if (hash == null) {
        if (previous != null) {
          return bad(number, seq, "no hash, after hashed events: the chain is broken here");
        }
        unhashed++;
        events++;
        continue;
      }
      String expected;
      try {
        expected =
            hash(
                previous == null ? START : previous,
                line.get("exerciseId").asString(),
                text(line.get("team")) == null ? null : line.get("team").asInt(),
                instant(line.get("at")),
                line.get("type").asString(),
                line.get("actor").asString(),
                text(line.get("onceKey")),
                line.get("data"));
      } catch (RuntimeException e) {
        return bad(number, seq, "unreadable event: " + e.getMessage());
      }
      if (!expected.equals(hash)) {
        return bad(
            number,
            seq,
            "hash does not match: expected "
                + expected
                + ", found "
                + hash
                + " (this event was changed, or an event before it was removed or moved)");
      }
      previous = hash;
      events++;
    }
    if (previous == null) {
      return bad(
          0,
          -1,
          "no event of the "
              + events
              + " carries a hash: nothing to verify (an export for a user who does not see every"
              + " event has no hashes; export as an instructor)");
    }
    return new Verdict(true, events, unhashed, previous, 0, -1, null);
  }

  private static Verdict bad(int line, long seq, String problem) {
    return new Verdict(false, 0, 0, "", line, seq, problem);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asString();
  }

  private static Instant instant(JsonNode at) {
    if (at.isNumber()) {
      // seconds with a fraction, as Jackson writes an Instant as a timestamp
      BigDecimal seconds = at.decimalValue();
      return Instant.ofEpochSecond(
          seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }
    return Instant.parse(at.asString());
  }
}
