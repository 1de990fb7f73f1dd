package dev.enshu.orchestrator.cli;

import java.net.http.HttpClient;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * A trainee's terminal in {@code bench api}, as the web console's terminal page uses it: opened on
 * a host of the team, then typed into one key at a time. Times the opening (handshake to the
 * server's {@code session} message) and each key until the host's output answers it (its echo).
 */
final class ApiTerminal {
  static final String OPEN = "WS /api/console/terminal?exercise&team&host (session)";
  static final String KEY = "WS /api/console/terminal keystroke (echo)";
  private static final Duration ANSWER = Duration.ofSeconds(15);

  private final ApiSocket socket;
  private final ApiFigures figures;

  private ApiTerminal(ApiSocket socket, ApiFigures figures) {
    this.socket = socket;
    this.figures = figures;
  }

  /**
   * Opens a terminal on {@code host} with the client's session; null when no session came (the
   * handshake failed, the server refused, or nothing within the bound: recorded in the figures).
   */
  static ApiTerminal open(
      HttpClient http, ApiClient client, String exercise, int team, String host, ApiFigures figures)
      throws InterruptedException {
    long start = System.nanoTime();
    ApiSocket socket =
        ApiSocket.open(
            http,
            client,
            OPEN,
            "/api/console/terminal?exercise=" + exercise + "&team=" + team + "&host=" + host,
            null);
    int status = socket == null ? ApiFigures.NO_ANSWER : sessionStatus(socket.firstEvent(ANSWER));
    figures.record(OPEN, System.nanoTime() - start, status);
    if (status != 101) {
      if (socket != null) {
        socket.close();
      }
      return null;
    }
    return new ApiTerminal(socket, figures);
  }

  /** What the server's first status message means: 101 a session, 403 a refusal, else none. */
  private static int sessionStatus(String message) {
    JsonNode json;
    try {
      json = message == null ? null : ApiClient.JSON.readTree(message);
    } catch (RuntimeException e) {
      json = null;
    }
    if (json == null) {
      return ApiFigures.NO_ANSWER;
    }
    return switch (json.path("type").asString()) {
      case "session" -> 101;
      case "refused" -> 403;
      default -> ApiFigures.NO_ANSWER;
    };
  }

  /** Types one key and waits for its echo; false when none came within the bound or it closed. */
  boolean type(char key) throws InterruptedException {
    return socket.type(key, ANSWER, KEY, figures);
  }

  /** How the server closed it, or null while it is open. */
  String closedByServer() {
    return socket.closedByServer();
  }

  void close() {
    socket.close();
  }
}
