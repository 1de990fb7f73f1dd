package dev.enshu.orchestrator.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One user of {@code bench api} as the web console is one: logged in with {@code POST /api/login},
 * holding the session cookie and sending the CSRF token with unsafe requests. Every request is
 * timed into the figures it is given, under its method and path template.
 */
final class ApiClient {
  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI base;
  private final Map<String, String> cookies = new ConcurrentSkipListMap<>();
  private volatile String csrf;
  private volatile ApiFigures figures;

  /** An HTTP status and the body parsed as JSON (null when there was none). */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  ApiClient(HttpClient http, URI base) {
    this.http = http;
    this.base = base;
  }

  /** Where the timings go from now on; none are kept while it is null. */
  ApiClient recordingInto(ApiFigures into) {
    this.figures = into;
    return this;
  }

  /** Logs in and fetches the CSRF token; fails with the server's answer when refused. */
  ApiClient login(String name, String password) {
    // the login is a POST too: it needs the token of the anonymous session
    csrf = token(name);
    Answer in =
        post("POST /api/login", "/api/login", Map.of("username", name, "password", password));
    if (!in.ok()) {
      throw new IllegalStateException("login of " + name + " refused: " + in);
    }
    csrf = token(name);
    return this;
  }

  private String token(String name) {
    Answer token = get("GET /api/csrf", "/api/csrf");
    if (!token.ok()) {
      throw new IllegalStateException("no CSRF token for " + name + ": " + token);
    }
    return token.body().get("token").asString();
  }

  Answer get(String endpoint, String path) {
    return send(endpoint, request(path).GET());
  }

  Answer post(String endpoint, String path, Object body) {
    return send(
        endpoint,
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  /** The session's cookies as a {@code Cookie} header, for WebSockets. */
  String cookieHeader() {
    return cookies.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; "));
  }

  URI uri(String pathAndQuery) {
    return base.resolve(pathAndQuery);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
    if (!cookies.isEmpty()) {
      b.header("Cookie", cookieHeader());
    }
    if (csrf != null) {
      b.header("X-XSRF-TOKEN", csrf);
    }
    return b;
  }

  private Answer send(String endpoint, HttpRequest.Builder request) {
    long start = System.nanoTime();
    int status = ApiFigures.NO_ANSWER;
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      for (String set : response.headers().allValues("Set-Cookie")) {
        String pair = set.split(";", 2)[0];
        int eq = pair.indexOf('=');
        if (eq > 0) {
          cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
      }
      String body = response.body();
      return new Answer(status, body == null || body.isBlank() ? null : parse(body));
    } catch (IOException e) {
      return new Answer(ApiFigures.NO_ANSWER, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(ApiFigures.NO_ANSWER, null);
    } finally {
      ApiFigures into = figures;
      if (into != null) {
        into.record(endpoint, System.nanoTime() - start, status);
      }
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (RuntimeException e) {
      return JSON.getNodeFactory().stringNode(body);
    }
  }
}
