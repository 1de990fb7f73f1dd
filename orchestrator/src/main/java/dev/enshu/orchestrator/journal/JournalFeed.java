package dev.enshu.orchestrator.journal;

import dev.enshu.orchestrator.EnshuException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live feed: {@code /api/feed?exercise=ID[&team=N][&since=SEQ]} streams the journal events of
 * the exercise (or of one team and the exercise-wide ones) that the user may see, as JSON text
 * messages, in the order they are stored. Without {@code since} it sends every event stored after
 * the handshake; with it, first the stored events after {@code SEQ} (what a reconnecting page
 * missed), then live ones, none twice and none left out: the feed subscribes before it reads the
 * journal, holds live events back while it replays, and then sends only those the replay did not
 * (an exercise's events are stored one at a time, in the order of their numbers). The handshake is
 * authorised like the journal API (session cookie or HTTP Basic): 401 without a user, 403 with the
 * reason when the user may not see the exercise or team. A slow client gets at most 1 MiB buffered,
 * then it is disconnected; it reconnects with {@code since} its last event.
 */
@Configuration
@EnableWebSocket
class JournalFeed extends TextWebSocketHandler
    implements WebSocketConfigurer, HandshakeInterceptor {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String FILTER = "enshu.feed.filter";
  private static final String EXERCISE = "enshu.feed.exercise";
  private static final String TEAM = "enshu.feed.team";
  private static final String SINCE = "enshu.feed.since";
  private final Journal journal;
  private final JournalReaders readers;
  private final Map<String, Runnable> subscriptions = new ConcurrentHashMap<>();

  JournalFeed(Journal journal, JournalReaders readers) {
    this.journal = journal;
    this.readers = readers;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    // same origin only, like the console sockets: a page of another site cannot open the feed
    // with the user's session (clients that send no Origin, such as scripts, are not browsers)
    registry.addHandler(this, "/api/feed").addInterceptors(this);
  }

  @Override
  public boolean beforeHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      Map<String, Object> attributes)
      throws IOException {
    var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
    String exercise = query.getFirst("exercise");
    String teamText = query.getFirst("team");
    Optional<JournalReaders.Reader> reader = readers.of(request.getPrincipal());
    if (reader.isEmpty()) {
      return refuse(response, HttpStatus.UNAUTHORIZED, "log in first");
    }
    if (exercise == null) {
      return refuse(response, HttpStatus.BAD_REQUEST, "name the exercise: /api/feed?exercise=ID");
    }
    Integer team;
    try {
      team = teamText == null ? null : Integer.valueOf(teamText);
    } catch (NumberFormatException e) {
      return refuse(response, HttpStatus.BAD_REQUEST, "team must be a number, got " + teamText);
    }
    String sinceText = query.getFirst("since");
    long since;
    try {
      since = sinceText == null ? -1 : Long.parseLong(sinceText);
    } catch (NumberFormatException e) {
      return refuse(
          response, HttpStatus.BAD_REQUEST, "since must be an event number, got " + sinceText);
    }
    if (sinceText != null && since < 0) {
      return refuse(response, HttpStatus.BAD_REQUEST, "since must be 0 or more, got " + since);
    }
    Predicate<JournalEvent> visible;
    try {
      visible = reader.get().visible(exercise, team);
    } catch (EnshuException e) {
      if (e.status() != EnshuException.Status.FORBIDDEN) {
        throw e;
      }
      return refuse(response, HttpStatus.FORBIDDEN, e.getMessage());
    }
    Predicate<JournalEvent> filter =
        e ->
            e.exerciseId().equals(exercise)
                && (team == null || e.team() == null || e.team().equals(team))
                && visible.test(e);
    attributes.put(FILTER, filter);
    attributes.put(EXERCISE, exercise);
    if (team != null) {
      attributes.put(TEAM, team);
    }
    // without since: from the last event stored at the handshake, so nothing stored between the
    // handshake and the subscription is lost
    attributes.put(SINCE, since >= 0 ? since : journal.lastSeq(exercise));
    return true;
  }

  private static boolean refuse(ServerHttpResponse response, HttpStatus status, String reason)
      throws IOException {
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
    response.getBody().write(reason.getBytes(StandardCharsets.UTF_8));
    return false;
  }

  @Override
  public void afterHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      Exception exception) {}

  @Override
  @SuppressWarnings("unchecked")
  public void afterConnectionEstablished(WebSocketSession raw) throws IOException {
    Predicate<JournalEvent> filter = (Predicate<JournalEvent>) raw.getAttributes().get(FILTER);
    if (filter == null) {
      raw.close(CloseStatus.POLICY_VIOLATION.withReason("not authorised"));
      return;
    }
    WebSocketSession session =
        new ConcurrentWebSocketSessionDecorator(
            raw, 10_000, 1 << 20, ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
    Replay replay = new Replay(event -> send(raw, session, event));
    Runnable stop =
        journal.subscribe(
            event -> {
              if (filter.test(event)) {
                replay.live(event);
              }
            });
    subscriptions.put(raw.getId(), stop);
    // subscribed first, then read: an event is in the replay, held back, or both (then sent once)
    List<JournalEvent> missed =
        journal.read(
            (String) raw.getAttributes().get(EXERCISE),
            (Integer) raw.getAttributes().get(TEAM),
            (Long) raw.getAttributes().get(SINCE));
    long last = (Long) raw.getAttributes().get(SINCE);
    for (JournalEvent event : missed) {
      if (filter.test(event)) {
        send(raw, session, event);
      }
      last = Math.max(last, event.seq());
    }
    replay.finish(last);
  }

  private void send(WebSocketSession raw, WebSocketSession session, JournalEvent event) {
    try {
      session.sendMessage(new TextMessage(JSON.writeValueAsString(event)));
    } catch (IOException | RuntimeException e) {
      Runnable unsubscribe = subscriptions.remove(raw.getId());
      if (unsubscribe != null) {
        unsubscribe.run();
      }
    }
  }

  /**
   * Live events held back while the journal is replayed, then sent in order before any later one; a
   * live event the replay already sent (its notice came after the replay read it) is not sent
   * again.
   */
  private static final class Replay {
    private final java.util.function.Consumer<JournalEvent> out;
    private List<JournalEvent> held = new ArrayList<>();
    private long replayed = Long.MAX_VALUE;

    Replay(java.util.function.Consumer<JournalEvent> out) {
      this.out = out;
    }

    /** Sends a live event, or holds it while the replay runs. */
    synchronized void live(JournalEvent event) {
      if (held != null) {
        held.add(event);
      } else if (event.seq() > replayed) {
        out.accept(event);
      }
    }

    /** Ends the replay, which sent up to {@code last}: sends the held events it did not send. */
    synchronized void finish(long last) {
      held.stream()
          .filter(e -> e.seq() > last)
          .sorted(java.util.Comparator.comparingLong(JournalEvent::seq))
          .forEach(out);
      held = null;
      replayed = last;
    }
  }
}
