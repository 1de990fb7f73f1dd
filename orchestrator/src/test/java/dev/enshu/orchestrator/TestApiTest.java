package dev.enshu.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test client against a loopback server that echoes what it was sent. */
class TestApiTest {
  private HttpServer server;
  private final Map<String, String> seen = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/csrf",
        exchange -> {
          exchange.getResponseHeaders().add("Set-Cookie", "XSRF-TOKEN=t-1; Path=/");
          answer(exchange, 200, "{\"token\":\"t-1\",\"headerName\":\"X-XSRF-TOKEN\"}");
        });
    server.createContext(
        "/api/login",
        exchange -> {
          remember(exchange);
          exchange.getResponseHeaders().add("Set-Cookie", "ENSHU_SESSION=s-1; Path=/");
          answer(exchange, 200, "{\"name\":\"hana\"}");
        });
    server.createContext(
        "/api/things",
        exchange -> {
          remember(exchange);
          answer(exchange, 403, "{\"detail\":\"refused: not yours\"}");
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void remember(HttpExchange exchange) throws IOException {
    seen.clear();
    exchange.getRequestHeaders().forEach((name, values) -> seen.put(name, values.get(0)));
    seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private TestApi api() {
    return TestApi.at(server.getAddress().getPort());
  }

  @Test
  void aLoggedInClientSendsItsSessionCookieAndTheCsrfTokenOnWrites() {
    TestApi browser = api();
    assertThat(browser.login("hana", "pw").expect(200).json().get("name").asString())
        .isEqualTo("hana");
    assertThat(seen).containsEntry("X-xsrf-token", "t-1");
    assertThat(seen.get("body")).isEqualTo("{\"username\":\"hana\",\"password\":\"pw\"}");

    browser.post("/api/things", Map.of("n", 1));
    assertThat(seen).containsEntry("X-xsrf-token", "t-1");
    assertThat(seen.get("Cookie")).contains("ENSHU_SESSION=s-1");
    assertThat(seen.get("body")).isEqualTo("{\"n\":1}");

    browser.sendWithoutCsrf("POST", "/api/things", "{}");
    assertThat(seen).doesNotContainKey("X-xsrf-token");
  }

  @Test
  void aScriptSendsItsBasicHeaderAndNoCookieOfAnotherClient() {
    api().login("hana", "pw");
    api().as("Basic aGFuYTpwdw==").get("/api/things");
    assertThat(seen).containsEntry("Authorization", "Basic aGFuYTpwdw==");
    assertThat(seen).doesNotContainKey("Cookie").doesNotContainKey("X-xsrf-token");
  }

  @Test
  void anUnexpectedStatusNamesTheRequestAndShowsTheBody() {
    assertThatThrownBy(() -> api().delete("/api/things").expect(204))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("DELETE /api/things answered 403, not 204")
        .hasMessageContaining("refused: not yours");
  }
}
