package dev.enshu.orchestrator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * What a running server on a database that cannot store anything must do, seen through its API:
 * while the fault holds, a journal append (and a new exercise, unless it fits) is answered 503 with
 * the reason, the reads still answer with everything journalled before, and nothing is answered
 * 500; once the fault is gone, writes are taken again without a restart and the journal is whole:
 * what was exported before the fault, then what was acknowledged after, in one unbroken chain.
 */
final class StorageFaults {
  static final String EXERCISE = "faults";
  private static final Duration BOUND = Duration.ofSeconds(90);
  private static final String PATH = "/api/exercises/" + EXERCISE;
  private static final List<String> READS =
      List.of(PATH, "/api/exercises", PATH + "/journal", PATH + "/scoreboard", PATH + "/review");

  private final ServerProcess server;
  private final AtomicInteger sent = new AtomicInteger();
  private final List<String> acknowledged = new ArrayList<>();
  private String before;

  StorageFaults(ServerProcess server) {
    this.server = server;
  }

  /** Creates the exercise, journals a few messages to its team and keeps the export. */
  StorageFaults journalled() throws Exception {
    assertThat(create(EXERCISE).status()).isEqualTo(201);
    for (int i = 0; i < 3; i++) {
      assertThat(message().status()).isEqualTo(201);
    }
    before = export();
    assertThat(before.lines()).hasSizeGreaterThan(3);
    return this;
  }

  /**
   * Journals messages until one is refused, at most {@code tries}; those taken on the way (a disk
   * that fills a page at a time) are kept too. The refusal must be a 503 naming {@code reason}.
   */
  void awaitRefused(String reason, int tries) throws Exception {
    for (int i = 0; i < tries; i++) {
      ServerProcess.Answer answer = message();
      if (answer.status() != 201) {
        assertUnavailable(answer, reason);
        return;
      }
    }
    throw new AssertionError("no write refused in " + tries + " tries; " + server.errors());
  }

  /**
   * While the fault holds: a message (and a new exercise, unless it fits) is refused with {@code
   * reason}; the exercise, the exercise list, the journal, its export, the scoreboard and the
   * review answer 200 (awaited: the pool renews its connections first), and the export holds all it
   * held.
   */
  void assertRefusedWhileReadsAnswer(String reason) throws Exception {
    assertWritesRefused(reason);
    for (String read : READS) {
      awaitAnswer(read);
    }
    assertJournalWhole(awaitAnswer(PATH + "/journal/export"));
    assertUnavailable(message(), reason);
  }

  /**
   * While the fault holds and the database cannot even be opened for reading: the writes and the
   * reads are all refused with {@code reason}, none with 500 or as a wrong password.
   */
  void assertRefusedReadsToo(String reason) throws Exception {
    assertWritesRefused(reason);
    for (String read : READS) {
      assertUnavailable(server.get(read), reason);
    }
    assertUnavailable(server.get(PATH + "/journal/export"), reason);
  }

  private void assertWritesRefused(String reason) throws Exception {
    assertUnavailable(message(), reason);
    ServerProcess.Answer created = create("refused" + sent.get());
    if (created.status() != 201) {
      // on a full disk PostgreSQL still takes a row that fits a page its table already has
      assertUnavailable(created, reason);
    }
  }

  /** Once the fault is gone: a write is taken again, bounded, and the journal is whole. */
  void assertRecovered() throws Exception {
    Awaitility.await("a write taken again once the database can write")
        .atMost(BOUND)
        .until(
            () -> {
              ServerProcess.Answer answer = message();
              if (answer.status() == 201) {
                return true;
              }
              assertUnavailable(answer, null);
              return false;
            });
    assertThat(create("after").status()).isEqualTo(201);
    assertJournalWhole(export());
  }

  private void assertJournalWhole(String export) throws IOException {
    assertThat(export).as("the journal exported before the fault, then more").startsWith(before);
    for (String text : acknowledged) {
      assertThat(export).as("acknowledged message").contains(text);
    }
    JournalChain.Verdict verdict =
        JournalChain.verify(new BufferedReader(new StringReader(export)));
    assertThat(verdict.ok()).as(verdict.describe()).isTrue();
  }

  private String awaitAnswer(String path) {
    return Awaitility.await("GET " + path + " answers while the database cannot write")
        .atMost(BOUND)
        .until(
            () -> {
              ServerProcess.Answer answer = server.get(path);
              if (answer.status() == 200) {
                return answer.body();
              }
              assertUnavailable(answer, null);
              return null;
            },
            Objects::nonNull);
  }

  private void assertUnavailable(ServerProcess.Answer answer, String reason) throws IOException {
    assertThat(answer.status())
        .as("%s; the server said %s", answer.body(), server.errors())
        .isEqualTo(503);
    assertThat(answer.body()).contains("the database cannot store anything now");
    if (reason != null) {
      assertThat(answer.body()).contains("\"reason\":\"" + reason + "\"");
    }
  }

  private ServerProcess.Answer message() throws Exception {
    String text = "message " + sent.incrementAndGet() + " " + "x".repeat(200);
    ServerProcess.Answer answer =
        server.post(
            "/api/exercises/" + EXERCISE + "/teams/1/messages",
            Map.of("text", text, "severity", "info"));
    if (answer.status() == 201) {
      acknowledged.add(text);
    }
    return answer;
  }

  private ServerProcess.Answer create(String id) throws Exception {
    return create(server, id, "一班");
  }

  /** Asks {@code server} for a new exercise with one team, on the bundled scenario. */
  static ServerProcess.Answer create(ServerProcess server, String id, String team)
      throws Exception {
    return server.post(
        "/api/exercises",
        Map.of(
            "id",
            id,
            "scenario",
            "phishing-ransomware",
            "provider",
            "docker",
            "teams",
            List.of(Map.of("name", team))));
  }

  private String export() throws Exception {
    return server.read("/api/exercises/" + EXERCISE + "/journal/export");
  }
}
