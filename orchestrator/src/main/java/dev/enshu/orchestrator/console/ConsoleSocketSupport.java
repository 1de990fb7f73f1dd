package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * What every console transport does when a connection opens: read its parameters, identify the
 * logged-in user of the handshake, and refuse with a reason. A refusal is a text message {@code
 * {"type":"refused", "reason":...}} followed by a close with code 4401 (no user) or 4403 (not
 * allowed), 4404 (no such host or session), 4409 (busy: a VM's serial line held by another session)
 * or 4400 (bad request), the reason shortened to what a close frame holds.
 */
final class ConsoleSocketSupport {
  static final String NO_USER =
      "log in first: a console needs the session (or HTTP Basic credentials) of a user";

  private ConsoleSocketSupport() {}

  static Map<String, String> query(WebSocketSession session) {
    Map<String, String> params = new HashMap<>();
    URI uri = session.getUri();
    String raw = uri == null ? null : uri.getRawQuery();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  static Optional<ConsoleUser> user(
      WebSocketSession session, Map<String, String> params, ConsoleAuthorizer authorizer) {
    return authorizer.identify(session.getPrincipal());
  }

  static ConsoleTarget target(Map<String, String> params) {
    String team = params.get("team");
    try {
      return new ConsoleTarget(
          params.get("exercise"), team == null ? 0 : Integer.parseInt(team), params.get("host"));
    } catch (NumberFormatException e) {
      throw new EnshuException(Status.BAD_REQUEST, "team must be a number, got '" + team + "'");
    }
  }

  static void refuse(WebSocketSession session, int code, String reason) {
    try {
      if (session.isOpen()) {
        session.sendMessage(
            new TextMessage(
                Viewer.JSON.writeValueAsString(Map.of("type", "refused", "reason", reason))));
        session.close(new CloseStatus(code, shorten(reason)));
      }
    } catch (IOException | RuntimeException e) {
      // the browser is gone; nothing to tell it
    }
  }

  static int code(EnshuException e) {
    return switch (e.status()) {
      case FORBIDDEN -> 4403;
      case NOT_FOUND -> 4404;
      case BAD_REQUEST -> 4400;
      case CONFLICT -> 4409;
      default -> 4500;
    };
  }

  /** A close reason fits in 123 bytes of UTF-8. */
  static String shorten(String reason) {
    String r = reason == null ? "" : reason;
    while (r.getBytes(StandardCharsets.UTF_8).length > 123) {
      r = r.substring(0, r.length() - 2) + "…";
      if (r.getBytes(StandardCharsets.UTF_8).length > 123) {
        r = r.substring(0, r.length() - 1);
      }
    }
    return r;
  }
}
