package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/console/terminal}. Open a session: {@code ?exercise=E&team=N&host=H[&cols=&rows=]};
 * join one: {@code ?session=ID&mode=observe|control}; the user is the one logged in (session cookie
 * or HTTP Basic on the handshake).
 *
 * <p>Browser to server: binary messages are keystrokes (UTF-8); text messages are JSON, {@code
 * {"type":"input","data":"..."}} or {@code {"type":"resize","cols":C,"rows":R}}. Server to browser:
 * binary messages are terminal output; text messages are JSON status ({@code session}, {@code
 * closed}, {@code refused}).
 */
final class TerminalSocketHandler extends AbstractWebSocketHandler {
  private static final String VIEWER = "enshu.viewer";
  private static final String SESSION = "enshu.session";

  private final ConsoleAuthorizer authorizer;
  private final ConsoleEndpoints endpoints;
  private final ConsoleSessions sessions;
  private final ConsoleProperties properties;

  TerminalSocketHandler(
      ConsoleAuthorizer authorizer,
      ConsoleEndpoints endpoints,
      ConsoleSessions sessions,
      ConsoleProperties properties) {
    this.authorizer = authorizer;
    this.endpoints = endpoints;
    this.sessions = sessions;
    this.properties = properties;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession socket) {
    Map<String, String> params = ConsoleSocketSupport.query(socket);
    Optional<ConsoleUser> user = ConsoleSocketSupport.user(socket, params, authorizer);
    if (user.isEmpty()) {
      ConsoleSocketSupport.refuse(socket, 4401, ConsoleSocketSupport.NO_USER);
      return;
    }
    try {
      if (params.containsKey("session")) {
        join(socket, user.get(), params);
      } else {
        open(socket, user.get(), params);
      }
    } catch (EnshuException e) {
      ConsoleSocketSupport.refuse(socket, ConsoleSocketSupport.code(e), e.getMessage());
    }
  }

  private void open(WebSocketSession socket, ConsoleUser user, Map<String, String> params) {
    ConsoleTarget target = ConsoleSocketSupport.target(params);
    authorizer.require(user, target, ConsoleAccess.OPEN);
    int cols = number(params, "cols", 80);
    int rows = number(params, "rows", 24);
    TerminalSession session = sessions.open(target, user, endpoints.endpoint(target), cols, rows);
    attach(socket, session, viewer(socket, user, ConsoleAccess.OPEN));
  }

  private void join(WebSocketSession socket, ConsoleUser user, Map<String, String> params) {
    String id = params.get("session");
    TerminalSession session =
        sessions
            .find(id)
            .orElseThrow(
                () -> new EnshuException(Status.NOT_FOUND, "no live terminal session " + id));
    ConsoleAccess access = session.requireJoin(authorizer, user, params);
    attach(socket, session, viewer(socket, user, access));
  }

  private Viewer viewer(WebSocketSession socket, ConsoleUser user, ConsoleAccess access) {
    return new Viewer(
        socket,
        user,
        access,
        (int) properties.sendTimeLimit().toMillis(),
        properties.sendBufferBytes());
  }

  private static void attach(WebSocketSession socket, TerminalSession session, Viewer viewer) {
    socket.getAttributes().put(VIEWER, viewer);
    socket.getAttributes().put(SESSION, session);
    session.join(viewer);
  }

  @Override
  protected void handleBinaryMessage(WebSocketSession socket, BinaryMessage message) {
    ByteBuffer payload = message.getPayload();
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    input(socket, bytes);
  }

  @Override
  protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
    JsonNode json;
    try {
      json = Viewer.JSON.readTree(message.getPayload());
    } catch (RuntimeException e) {
      return; // not a control message: ignored
    }
    String type = json.path("type").asString("");
    if ("input".equals(type)) {
      input(socket, json.path("data").asString("").getBytes(StandardCharsets.UTF_8));
    } else if ("resize".equals(type)) {
      TerminalSession session = (TerminalSession) socket.getAttributes().get(SESSION);
      Viewer viewer = (Viewer) socket.getAttributes().get(VIEWER);
      if (session != null && viewer != null) {
        session.resize(viewer, json.path("cols").asInt(), json.path("rows").asInt());
      }
    }
  }

  private static void input(WebSocketSession socket, byte[] bytes) {
    TerminalSession session = (TerminalSession) socket.getAttributes().get(SESSION);
    Viewer viewer = (Viewer) socket.getAttributes().get(VIEWER);
    if (session == null || viewer == null) {
      return;
    }
    try {
      session.input(viewer, bytes);
    } catch (EnshuException e) {
      viewer.status(Map.of("type", "error", "reason", e.getMessage()));
    }
  }

  @Override
  public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
    TerminalSession session = (TerminalSession) socket.getAttributes().get(SESSION);
    Viewer viewer = (Viewer) socket.getAttributes().get(VIEWER);
    if (session != null && viewer != null) {
      session.leave(viewer, "browser closed the connection (" + status.getCode() + ")");
    }
  }

  @Override
  public void handleTransportError(WebSocketSession socket, Throwable exception) {
    afterConnectionClosed(socket, CloseStatus.SERVER_ERROR);
  }

  private static int number(Map<String, String> params, String name, int fallback) {
    String v = params.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Math.max(1, Math.min(1000, Integer.parseInt(v)));
    } catch (NumberFormatException e) {
      throw new EnshuException(Status.BAD_REQUEST, name + " must be a number, got '" + v + "'");
    }
  }
}
