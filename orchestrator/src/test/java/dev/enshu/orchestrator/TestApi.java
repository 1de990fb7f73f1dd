package dev.enshu.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of one server's API for tests, as a browser or a script calls it: as a script it sends
 * an HTTP Basic header ({@link #as}); as a browser it keeps the session cookie and sends the CSRF
 * token from the {@code XSRF-TOKEN} cookie on every unsafe request ({@link #login}). Bodies are
 * written and read with Jackson. Each instance has its own cookies; {@link #as} and {@link #from}
 * make new instances.
 */
public final class TestApi {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;
  private final String authorization;
  private final String forwardedFor;

  private TestApi(URI base, String authorization, String forwardedFor) {
    this.base = base;
    this.authorization = authorization;
    this.forwardedFor = forwardedFor;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Anonymous, no cookies yet, for the server on loopback at {@code port}. */
  public static TestApi at(int port) {
    return at(URI.create("http://127.0.0.1:" + port));
  }

  public static TestApi at(URI base) {
    return new TestApi(base, null, null);
  }

  /** A client that sends {@code authorization} (an HTTP Basic header) with every request. */
  public TestApi as(String authorization) {
    return new TestApi(base, authorization, forwardedFor);
  }

  /** A client whose requests come from {@code address}, as a proxy says in X-Forwarded-For. */
  public TestApi from(String address) {
    return new TestApi(base, authorization, address);
  }

  public String authorization() {
    return authorization;
  }

  public URI uri(String path) {
    return base.resolve(path);
  }

  /** The URI of {@code path} on the server's WebSocket scheme. */
  public URI webSocketUri(String path) {
    return URI.create(base.toString().replaceFirst("^http", "ws")).resolve(path);
  }

  /**
   * Logs in as the console does: the token that {@code /api/csrf} answers goes in the header of
   * {@code POST /api/login}; the session cookie is kept from then on.
   */
  public Response login(String name, String password) {
    String token = get("/api/csrf").expect(200).json().get("token").asString();
    return send("POST", "/api/login", json(new Credentials(name, password)), token);
  }

  private record Credentials(String username, String password) {}

  /** The value of a cookie the server set, if it set one. */
  public Optional<HttpCookie> cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst();
  }

  public Response get(String path) {
    return send("GET", path, null);
  }

  public Response post(String path, Object body) {
    return send("POST", path, body);
  }

  public Response put(String path, Object body) {
    return send("PUT", path, body);
  }

  public Response delete(String path) {
    return send("DELETE", path, null);
  }

  /** The JSON body of a GET that must answer 200. */
  public JsonNode read(String path) {
    return get(path).expect(200).json();
  }

  /**
   * Sends {@code body} (written as JSON; a {@link String} is sent as it is, as JSON text) with the
   * CSRF token of this client's session, when it has one.
   */
  public Response send(String method, String path, Object body) {
    return send(method, path, body, cookie("XSRF-TOKEN").map(HttpCookie::getValue).orElse(null));
  }

  /** Like {@link #send(String, String, Object)} without a CSRF header, as a forged request is. */
  public Response sendWithoutCsrf(String method, String path, Object body) {
    return send(method, path, body, null);
  }

  private Response send(String method, String path, Object body, String csrfToken) {
    String text = body == null ? null : body instanceof String s ? s : json(body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofMinutes(2))
            .method(
                method,
                text == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(text));
    if (text != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (csrfToken != null) {
      request.header("X-XSRF-TOKEN", csrfToken);
    }
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(method, path, response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + path + " was interrupted", e);
    }
  }

  /**
   * Opens a WebSocket at {@code path} with this client's authorization and cookies, and further
   * {@code headers} given as name, value, name, value...
   */
  public CompletableFuture<WebSocket> webSocket(
      String path, WebSocket.Listener listener, String... headers) {
    WebSocket.Builder builder = http.newWebSocketBuilder();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder.buildAsync(webSocketUri(path), listener);
  }

  private static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  /** What the server answered to one request. */
  public record Response(String method, String path, int status, String body, HttpHeaders headers) {
    /** This response, after asserting its status; the message names the request and the body. */
    public Response expect(int wanted) {
      assertThat(status)
          .as("%s %s answered %d, not %d: %s", method, path, status, wanted, body)
          .isEqualTo(wanted);
      return this;
    }

    /** This response, after asserting a 2xx status. */
    public Response expectSuccess() {
      assertThat(status)
          .as("%s %s answered %d, not a success: %s", method, path, status, body)
          .isBetween(200, 299);
      return this;
    }

    /** The body as JSON; fails naming the request when it is not JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (RuntimeException e) {
        throw new AssertionError(
            method + " " + path + " answered " + status + " with no JSON body: " + body, e);
      }
    }
  }
}
