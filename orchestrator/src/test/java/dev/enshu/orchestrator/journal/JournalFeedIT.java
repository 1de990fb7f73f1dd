package dev.enshu.orchestrator.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enshu.orchestrator.ServerTest;
import dev.enshu.orchestrator.TestApi;
import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.access.TestAccounts;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The live feed streams an exercise's journal events, as they are stored, and only that exercise's.
 */
@ServerTest
class JournalFeedIT {
  // the server is shared with other tests: exercise ids of this run only
  static final String RUN = Long.toHexString(System.nanoTime() & 0xFFFFF);
  static final String FEED1 = "feed1-" + RUN;
  static final String FEED2 = "feed2-" + RUN;
  static final String FEED3 = "feed3-" + RUN;
  static final String FEED4 = "feed4-" + RUN;

  @LocalServerPort int port;
  @Autowired Journal journal;
  @Autowired Accounts accounts;

  /** Opens the feed at {@code query} as an instructor; messages go to {@code received}. */
  private WebSocket open(String query, BlockingQueue<String> received) throws Exception {
    return feeder()
        .webSocket("/api/feed?" + query, new WholeMessages(received))
        .get(10, TimeUnit.SECONDS);
  }

  private TestApi feeder() {
    return TestApi.at(port).as(new TestAccounts(accounts).instructor("feeder"));
  }

  private JournalEvent append(String exercise, Integer team, String item) {
    return journal.append(
        JournalEvent.of(
            exercise, team, Instant.now(), "message.sent", "timeline", Map.of("item", item)));
  }

  private static String next(BlockingQueue<String> received) throws InterruptedException {
    String text = received.poll(10, TimeUnit.SECONDS);
    assertThat(text).as("a feed message").isNotNull();
    return text;
  }

  @Test
  void streamsTheExercisesEventsAsTheyAreStored() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    // no wait after the handshake: what is stored from then on is sent
    WebSocket socket = open("exercise=" + FEED1 + "&team=2", received);
    journal.append(
        JournalEvent.of(
            "other", 2, Instant.now(), "inject.fired", "timeline", Map.of("item", "elsewhere")));
    journal.append(
        JournalEvent.of(
            FEED1, 1, Instant.now(), "inject.fired", "timeline", Map.of("item", "team-one")));
    append(FEED1, 2, "soc-alert");
    journal.append(
        JournalEvent.of(
            FEED1, null, Instant.now(), "exercise.state", "instructor", Map.of("to", "paused")));
    append(FEED1, 2, "last");
    String first = next(received);
    assertThat(first).contains("\"exerciseId\":\"" + FEED1 + "\"").contains("soc-alert");
    assertThat(next(received)).contains("exercise.state");
    assertThat(next(received))
        .as("the next is the last one: nothing of other exercises or teams came between")
        .contains("\"last\"");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
  }

  @Test
  void eventsStoredWhileTheFeedOpensAreSentOnceInOrder() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    long before = journal.lastSeq(FEED2);
    // another thread stores events while the handshake and the subscription happen
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; i < 200; i++) {
                append(FEED2, 1, "e" + i);
              }
            });
    writer.start();
    WebSocket socket = open("exercise=" + FEED2 + "&since=" + before, received);
    writer.join();
    for (int i = 0; i < 200; i++) {
      assertThat(next(received)).contains("\"e" + i + "\"");
    }
    append(FEED2, 1, "end");
    assertThat(next(received)).as("nothing twice").contains("\"end\"");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
  }

  @Test
  void aReconnectingClientResumesAfterItsLastEventWithoutGapsOrRepeats() throws Exception {
    BlockingQueue<String> first = new LinkedBlockingQueue<>();
    WebSocket socket = open("exercise=" + FEED3, first);
    JournalEvent seen = append(FEED3, 1, "seen");
    assertThat(next(first)).contains("\"seen\"");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "gone").get(5, TimeUnit.SECONDS);
    // while it is away
    append(FEED3, 1, "missed-1");
    append(FEED3, null, "missed-2");
    BlockingQueue<String> again = new LinkedBlockingQueue<>();
    WebSocket resumed = open("exercise=" + FEED3 + "&since=" + seen.seq(), again);
    append(FEED3, 1, "live");
    assertThat(next(again)).contains("\"missed-1\"");
    assertThat(next(again)).contains("\"missed-2\"");
    assertThat(next(again)).contains("\"live\"");
    append(FEED3, 1, "end");
    assertThat(next(again)).as("nothing twice").contains("\"end\"");
    resumed.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
  }

  @Test
  void aBadSinceIsRefusedWithTheReason() {
    assertThatThrownBy(() -> open("exercise=" + FEED4 + "&since=soon", new LinkedBlockingQueue<>()))
        .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class)
        .satisfies(
            e ->
                assertThat(
                        ((java.net.http.WebSocketHandshakeException) e.getCause())
                            .getResponse()
                            .statusCode())
                    .isEqualTo(400));
  }

  @Test
  void aPageOfAnotherSiteCannotOpenTheFeed() {
    var handshake =
        feeder()
            .webSocket(
                "/api/feed?exercise=" + FEED1,
                new WebSocket.Listener() {},
                "Origin",
                "http://elsewhere.invalid");
    assertThat(handshake)
        .failsWithin(10, TimeUnit.SECONDS)
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(java.net.http.WebSocketHandshakeException.class)
        .satisfies(
            e ->
                assertThat(
                        ((java.net.http.WebSocketHandshakeException) e).getResponse().statusCode())
                    .isEqualTo(403));
  }
}
