package dev.enshu.orchestrator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The journal's hash chain: stored on append, exported, and verified from the export alone. */
class JournalChainTest {
  private static final Instant T = Instant.parse("2026-11-30T01:00:00.123456789Z");

  private static JournalEvent event(int n) {
    return JournalEvent.of(
        "ex1",
        n % 3 == 0 ? null : n % 2 + 1,
        T.plusSeconds(n),
        "finding.submitted",
        "trainee" + n,
        Map.of("objective", "c2", "answer", "answer-" + n, "nested", Map.of("b", 2, "a", 1.5)));
  }

  private static List<String> export(Journal journal) {
    StringWriter out = new StringWriter();
    journal.export("ex1", out);
    return new ArrayList<>(out.toString().lines().toList());
  }

  private static JournalChain.Verdict verify(List<String> lines) throws Exception {
    return JournalChain.verify(new BufferedReader(new StringReader(String.join("\n", lines))));
  }

  private static Journal journalWith(String name, int events) {
    Journal journal = Journal.inMemory(name);
    for (int i = 1; i <= events; i++) {
      journal.append(event(i));
    }
    return journal;
  }

  @Test
  void anExportVerifiesWithItsEventCountAndHead() throws Exception {
    Journal journal = journalWith("chain-ok", 5);
    journal.append(JournalEvent.of("other", 1, T, "hint.taken", "t", Map.of("hint", "h1")));
    List<String> lines = export(journal);
    assertThat(lines).hasSize(5).allSatisfy(l -> assertThat(l).contains("\"hash\":\""));
    JournalChain.Verdict verdict = verify(lines);
    assertThat(verdict.ok()).as(verdict.describe()).isTrue();
    assertThat(verdict.events()).isEqualTo(5);
    assertThat(verdict.head()).hasSize(64);
    assertThat(verdict.describe()).startsWith("OK: 5 events, head ");
  }

  @Test
  void changingOnePayloadValueIsFoundAtItsLine() throws Exception {
    List<String> lines = export(journalWith("chain-payload", 5));
    lines.set(3, lines.get(3).replace("answer-4", "answer-X"));
    JournalChain.Verdict verdict = verify(lines);
    assertThat(verdict.ok()).isFalse();
    assertThat(verdict.line()).isEqualTo(4);
    assertThat(verdict.seq()).isEqualTo(4);
    assertThat(verdict.describe()).startsWith("line 4 (seq 4): hash does not match");
  }

  @Test
  void changingTheActorOrTimeIsFoundToo() throws Exception {
    List<String> lines = export(journalWith("chain-actor", 3));
    lines.set(1, lines.get(1).replace("\"trainee2\"", "\"instructor\""));
    assertThat(verify(lines).line()).isEqualTo(2);
    lines = export(journalWith("chain-time", 3));
    lines.set(2, lines.get(2).replace("01:00:03.123456Z", "01:00:03.123457Z"));
    assertThat(verify(lines).line()).isEqualTo(3);
  }

  @Test
  void deletingALineIsFoundAtTheLineThatFollowedIt() throws Exception {
    List<String> lines = export(journalWith("chain-delete", 5));
    lines.remove(2);
    JournalChain.Verdict verdict = verify(lines);
    assertThat(verdict.ok()).isFalse();
    assertThat(verdict.line()).isEqualTo(3);
    assertThat(verdict.seq()).isEqualTo(4);
  }

  @Test
  void deletingTheFirstLineIsFound() throws Exception {
    List<String> lines = export(journalWith("chain-delete-first", 3));
    lines.remove(0);
    assertThat(verify(lines).line()).isEqualTo(1);
  }

  @Test
  void reorderingLinesIsFoundAtTheFirstMovedLine() throws Exception {
    List<String> lines = export(journalWith("chain-reorder", 5));
    String third = lines.remove(2);
    lines.add(1, third);
    JournalChain.Verdict verdict = verify(lines);
    assertThat(verdict.ok()).isFalse();
    assertThat(verdict.line()).isEqualTo(2);
    assertThat(verdict.seq()).isEqualTo(3);
  }

  @Test
  void aRefusedOnceKeyDuplicateLeavesTheChainWhole() throws Exception {
    Journal journal = journalWith("chain-once", 2);
    JournalEvent once = event(3).once("inject:1:phish");
    assertThat(journal.appendOnce(once)).isPresent();
    assertThat(journal.appendOnce(once)).isEmpty();
    journal.append(event(4));
    JournalChain.Verdict verdict = verify(export(journal));
    assertThat(verdict.ok()).as(verdict.describe()).isTrue();
    assertThat(verdict.events()).isEqualTo(4);
  }

  @Test
  void concurrentAppendsMakeOneLinearChain() throws Exception {
    Journal journal = Journal.inMemory("chain-threads");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> appends = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      int n = i;
      appends.add(pool.submit(() -> journal.append(event(n))));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    for (Future<?> append : appends) {
      append.get();
    }
    JournalChain.Verdict verdict = verify(export(journal));
    assertThat(verdict.ok()).as(verdict.describe()).isTrue();
    assertThat(verdict.events()).isEqualTo(200);
  }

  @Test
  void theChainStartsAtTheFirstHashedEventAfterUnhashedOnes() throws Exception {
    org.h2.jdbcx.JdbcDataSource data = new org.h2.jdbcx.JdbcDataSource();
    data.setURL("jdbc:h2:mem:chain-legacy;DB_CLOSE_DELAY=-1");
    Journal journal = Journal.inMemory("chain-legacy");
    JdbcClient.create(data)
        .sql(
            "INSERT INTO journal (exercise_id, team, at_time, type, actor, payload)"
                + " VALUES ('ex1', 1, CURRENT_TIMESTAMP, 'exercise.state', 'old', '{}')")
        .update();
    journal.append(event(1));
    journal.append(event(2));
    List<String> lines = export(journal);
    assertThat(lines.get(0)).doesNotContain("\"hash\"");
    JournalChain.Verdict verdict = verify(lines);
    assertThat(verdict.ok()).as(verdict.describe()).isTrue();
    assertThat(verdict.unhashed()).isEqualTo(1);
    assertThat(verdict.describe()).contains("3 events (1 stored before the chain started)");
    // a hash removed after the chain started is a break, not a legacy event
    lines.set(2, lines.get(2).replaceAll(",\"hash\":\"[0-9a-f]+\"", ""));
    assertThat(verify(lines).line()).isEqualTo(3);
  }

  @Test
  void anExportFilteredForAnAudienceCarriesNoHashesAndDoesNotPassAsVerified() throws Exception {
    Journal journal = journalWith("chain-filtered", 4);
    StringWriter out = new StringWriter();
    journal.export("ex1", e -> e.team() == null || e.team() == 2, out);
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).isNotEmpty().noneMatch(l -> l.contains("\"hash\""));
    JournalChain.Verdict verdict = verify(lines);
    assertThat(verdict.ok()).isFalse();
    assertThat(verdict.describe()).contains("carries a hash: nothing to verify");
  }
}
