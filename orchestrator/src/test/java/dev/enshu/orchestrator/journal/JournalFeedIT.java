package dev.enshu.orchestrator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.access.TestAccounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The live feed streams an exercise's journal events, as they are stored, and only that exercise's.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:feed;DB_CLOSE_DELAY=-1"})
class JournalFeedIT {
  @LocalServerPort int port;
  @Autowired Journal journal;
  @Autowired Accounts accounts;

  @Test
  void streamsTheExercisesEventsAsTheyAreStored() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", new TestAccounts(accounts).instructor("feeder"))
            .buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/api/feed?exercise=feed1&team=2"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    received.add(data.toString());
                    ws.request(1);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
    Thread.sleep(300);
    journal.append(
        JournalEvent.of(
            "other", 2, Instant.now(), "inject.fired", "timeline", Map.of("item", "elsewhere")));
    journal.append(
        JournalEvent.of(
            "feed1", 1, Instant.now(), "inject.fired", "timeline", Map.of("item", "team-one")));
    journal.append(
        JournalEvent.of(
            "feed1", 2, Instant.now(), "message.sent", "timeline", Map.of("item", "soc-alert")));
    journal.append(
        JournalEvent.of(
            "feed1", null, Instant.now(), "exercise.state", "instructor", Map.of("to", "paused")));
    String first = received.poll(10, TimeUnit.SECONDS);
    String second = received.poll(10, TimeUnit.SECONDS);
    assertThat(first).contains("\"exerciseId\":\"feed1\"").contains("soc-alert");
    assertThat(second).contains("exercise.state");
    assertThat(received.poll(500, TimeUnit.MILLISECONDS))
        .as("nothing of other exercises or teams")
        .isNull();
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
  }

  @Test
  void aPageOfAnotherSiteCannotOpenTheFeed() {
    var handshake =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", new TestAccounts(accounts).instructor("feeder"))
            .header("Origin", "http://elsewhere.invalid")
            .buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/api/feed?exercise=feed1"),
                new WebSocket.Listener() {});
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
