package dev.enshu.orchestrator.journal;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live feed: {@code /api/feed?exercise=ID[&team=N]} streams every journal event of the exercise
 * (or of one team and the exercise-wide ones) as JSON text messages, as they are stored. A slow
 * client gets at most 1 MiB buffered, then it is disconnected: the journal is the record, the feed
 * only a view, so a client that reconnects reads what it missed from the journal API.
 */
@Configuration
@EnableWebSocket
class JournalFeed extends TextWebSocketHandler implements WebSocketConfigurer {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Journal journal;
  private final Map<String, Runnable> subscriptions = new ConcurrentHashMap<>();

  JournalFeed(Journal journal) {
    this.journal = journal;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry.addHandler(this, "/api/feed").setAllowedOriginPatterns("*");
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession raw) throws IOException {
    URI uri = raw.getUri();
    var query =
        UriComponentsBuilder.fromUri(uri == null ? URI.create("/") : uri).build().getQueryParams();
    String exercise = query.getFirst("exercise");
    String teamText = query.getFirst("team");
    if (exercise == null) {
      raw.close(CloseStatus.BAD_DATA.withReason("name the exercise: /api/feed?exercise=ID"));
      return;
    }
    Integer team = teamText == null ? null : Integer.valueOf(teamText);
    WebSocketSession session =
        new ConcurrentWebSocketSessionDecorator(
            raw, 10_000, 1 << 20, ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
    Runnable stop =
        journal.subscribe(
            event -> {
              if (!event.exerciseId().equals(exercise)
                  || (team != null && event.team() != null && !event.team().equals(team))) {
                return;
              }
              try {
                session.sendMessage(new TextMessage(JSON.writeValueAsString(event)));
              } catch (IOException | RuntimeException e) {
                Runnable unsubscribe = subscriptions.remove(raw.getId());
                if (unsubscribe != null) {
                  unsubscribe.run();
                }
              }
            });
    subscriptions.put(raw.getId(), stop);
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    Runnable stop = subscriptions.remove(session.getId());
    if (stop != null) {
      stop.run();
    }
  }
}
