package dev.enshu.orchestrator.console;

import java.io.IOException;
import java.util.Map;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One browser connection to a console session. Sends go through Spring's {@link
 * ConcurrentWebSocketSessionDecorator}: at most {@code bufferBytes} wait for a slow browser and one
 * send blocks at most {@code sendTimeLimitMs}; past either the browser is disconnected (the
 * decorator's TERMINATE policy, close status 1011), so a slow browser costs a bounded amount of
 * memory.
 */
final class Viewer {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final WebSocketSession socket;
  private final ConsoleUser user;
  private final ConsoleAccess access;

  Viewer(
      WebSocketSession raw,
      ConsoleUser user,
      ConsoleAccess access,
      int sendTimeLimitMs,
      int bufferBytes) {
    this.socket =
        new ConcurrentWebSocketSessionDecorator(
            raw,
            sendTimeLimitMs,
            bufferBytes,
            ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
    this.user = user;
    this.access = access;
  }

  ConsoleUser user() {
    return user;
  }

  ConsoleAccess access() {
    return access;
  }

  String id() {
    return socket.getId();
  }

  boolean isOpen() {
    return socket.isOpen();
  }

  /** Sends output; false when the browser was disconnected for being too slow or gone. */
  boolean output(byte[] bytes) {
    return send(new BinaryMessage(bytes));
  }

  /** Sends text as it is (Guacamole instructions). */
  boolean text(String text) {
    return send(new TextMessage(text));
  }

  boolean status(Map<String, ?> message) {
    return send(new TextMessage(JSON.writeValueAsString(message)));
  }

  private boolean send(org.springframework.web.socket.WebSocketMessage<?> message) {
    if (!socket.isOpen()) {
      return false;
    }
    try {
      socket.sendMessage(message);
      return true;
    } catch (SessionLimitExceededException e) {
      return false;
    } catch (IOException | RuntimeException e) {
      close(CloseStatus.SERVER_ERROR.withReason("send failed"));
      return false;
    }
  }

  void close(CloseStatus status) {
    try {
      socket.close(status);
    } catch (IOException | RuntimeException e) {
      // already gone
    }
  }
}
