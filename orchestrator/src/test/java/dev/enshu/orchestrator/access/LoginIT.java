package dev.enshu.orchestrator.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Logging in from a browser (session cookie and CSRF token) and from a script (HTTP Basic). */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:login;DB_CLOSE_DELAY=-1",
      "enshu.data-dir=target/login-it",
      "enshu.security.first-instructor=",
      // the client address from X-Forwarded-For, as behind a proxy: lets one test be a classroom
      "server.forward-headers-strategy=native"
    })
class LoginIT {
  @LocalServerPort int port;
  @Autowired Accounts accounts;
  @Autowired Journal journal;
  @Autowired JdbcClient jdbc;

  /** A browser: keeps cookies, sends the CSRF header when asked to. */
  final class Browser {
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    /** The client address the server sees (through X-Forwarded-For), or null for loopback. */
    final String address;

    Browser() {
      this(null);
    }

    Browser(String address) {
      this.address = address;
    }

    HttpResponse<String> send(String method, String path, String json, boolean csrf)
        throws Exception {
      return send(method, path, json, csrf ? cookie("XSRF-TOKEN").getValue() : null);
    }

    HttpResponse<String> send(String method, String path, String json, String csrfToken)
        throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri(path))
              .method(
                  method,
                  json == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(json))
              .header("Content-Type", "application/json");
      if (csrfToken != null) {
        request.header("X-XSRF-TOKEN", csrfToken);
      }
      if (address != null) {
        request.header("X-Forwarded-For", address);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpCookie cookie(String name) {
      return cookies.getCookieStore().getCookies().stream()
          .filter(c -> c.getName().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    /** Logs in as the console does: the token /api/csrf answers, in the header. */
    HttpResponse<String> login(String name, String password) throws Exception {
      String csrf = send("GET", "/api/csrf", null, false).body();
      String token = csrf.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
      return send(
          "POST",
          "/api/login",
          "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}",
          token);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Test
  void browserLogsInWithItsSessionCookieAndCsrfToken() throws Exception {
    String password = create("hana", "instructor");
    Browser browser = new Browser();
    HttpResponse<String> csrf = browser.send("GET", "/api/csrf", null, false);
    assertThat(csrf.body()).contains("\"headerName\":\"X-XSRF-TOKEN\"");

    HttpResponse<String> me = browser.login("hana", password);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"name\":\"hana\"").contains("\"role\":\"instructor\"");
    List<String> setCookies = me.headers().allValues("Set-Cookie");
    assertThat(setCookies)
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("ENSHU_SESSION=")
                    .contains("HttpOnly")
                    .containsIgnoringCase("SameSite=Lax")
                    .doesNotContain("Secure"));
    assertThat(browser.send("GET", "/api/me", null, false).body()).contains("\"name\":\"hana\"");

    // an unsafe request riding on the session cookie needs the CSRF header
    String body = "{\"name\":\"watcher\",\"role\":\"observer\"}";
    HttpResponse<String> forged = browser.send("POST", "/api/users", body, false);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("CSRF");
    HttpResponse<String> made = browser.send("POST", "/api/users", body, true);
    assertThat(made.statusCode()).isEqualTo(201);
    assertThat(made.body()).contains("\"password\":\"");

    assertThat(browser.send("POST", "/api/logout", null, true).statusCode()).isEqualTo(204);
    assertThat(browser.send("GET", "/api/me", null, false).statusCode()).isEqualTo(401);
    assertThat(journal.read(Accounts.NO_EXERCISE, null, 0))
        .extracting(JournalEvent::type, JournalEvent::actor)
        .contains(
            org.assertj.core.groups.Tuple.tuple("access.login", "hana"),
            org.assertj.core.groups.Tuple.tuple("access.user.created", "hana"),
            org.assertj.core.groups.Tuple.tuple("access.logout", "hana"));
  }

  @Test
  void wrongPasswordIs401AndTheFailureIsJournalledWithoutThePassword() throws Exception {
    create("kenji", "observer");
    HttpResponse<String> wrong = new Browser().login("kenji", "guessed-Secret-1");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("wrong user name or password");
    assertThat(journal.read(Accounts.NO_EXERCISE, null, 0))
        .filteredOn(e -> e.type().equals("access.login.failed"))
        .anySatisfy(e -> assertThat(e.data()).containsEntry("name", "kenji"))
        .allSatisfy(e -> assertThat(e.data().toString()).doesNotContain("guessed-Secret-1"));
  }

  @Test
  void loginsPastFiveFailuresAMinuteAreRefusedWith429EvenWithTheRightPassword() throws Exception {
    String password = create("yui", "observer");
    Browser browser = new Browser();
    for (int i = 0; i < 5; i++) {
      assertThat(browser.login("yui", "wrong-" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> blocked = browser.login("yui", password);
    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
    assertThat(blocked.body()).contains("too many failed logins");
    // scripts are throttled alike
    HttpResponse<String> basic =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri("/api/me"))
                    .header("Authorization", TestAccounts.header("yui", password))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(basic.statusCode()).isEqualTo(429);
    assertThat(basic.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void aClassroomBehindOneAddressFailingOftenDoesNotLockOutTheOthers() throws Exception {
    String classroom = "203.0.113.7";
    List<String> passwords = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      passwords.add(create("class" + i, "observer"));
      for (int j = 0; j < 3; j++) {
        assertThat(new Browser(classroom).login("class" + i, "typo-" + j).statusCode())
            .isEqualTo(401);
      }
    }
    // 30 failures from the classroom: one who has not failed still logs in, with the right password
    String password = create("class-late", "observer");
    assertThat(new Browser(classroom).login("class-late", "wrong").statusCode()).isEqualTo(401);
    assertThat(new Browser(classroom).login("class-late", password).statusCode()).isEqualTo(200);
    // one who failed three times waits for the window, even with the right password
    HttpResponse<String> blocked = new Browser(classroom).login("class1", passwords.get(1));
    assertThat(blocked.statusCode()).isEqualTo(429);
  }

  @Test
  void anAttackerFailingAsTheInstructorDoesNotLockTheInstructorOut() throws Exception {
    String password = create("sensei2", "instructor");
    String office = "192.0.2.10";
    assertThat(new Browser(office).login("sensei2", password).statusCode()).isEqualTo(200);
    String attacker = "198.51.100.9";
    for (int i = 0; i < 5; i++) {
      assertThat(new Browser(attacker).login("sensei2", "guess-" + i).statusCode()).isEqualTo(401);
    }
    assertThat(new Browser(attacker).login("sensei2", password).statusCode()).isEqualTo(429);
    assertThat(new Browser("198.51.100.10").login("sensei2", "guess").statusCode())
        .as("the name's limit holds at every address it has not logged in from")
        .isEqualTo(429);
    assertThat(new Browser("192.0.2.99").login("sensei2", password).statusCode())
        .as("an address the instructor never logged in from")
        .isEqualTo(429);
    assertThat(new Browser(office).login("sensei2", password).statusCode()).isEqualTo(200);
    assertThat(new Browser().login("sensei2", password).statusCode())
        .as("from the server's own machine")
        .isEqualTo(200);
  }

  @Test
  void anOverlongUserNameIsRefusedUnjournalled() throws Exception {
    HttpResponse<String> refused = new Browser().login("n".repeat(129), "x");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("username: 129 characters sent, at most 128");
    assertThat(journal.read(Accounts.NO_EXERCISE, null, 0))
        .noneMatch(e -> e.data().toString().contains("n".repeat(129)));
  }

  @Test
  void scriptsUseHttpBasicWithoutCsrfToken() throws Exception {
    String password = create("script", "instructor");
    HttpResponse<String> made =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri("/api/users"))
                    .header("Authorization", TestAccounts.header("script", password))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"t1\",\"role\":\"trainee\",\"exercise\":\"ex\",\"team\":1}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(made.statusCode()).isEqualTo(201);
    assertThat(made.body())
        .contains("\"name\":\"t1\"")
        .contains("\"role\":\"trainee\"")
        .contains("\"team\":1");
    HttpResponse<String> wrong =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri("/api/me"))
                    .header("Authorization", TestAccounts.header("script", "not-it"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate"))
        .as("no challenge: a browser must not pop up its own login dialog")
        .isEmpty();
  }

  @Test
  void passwordsAreStoredOnlyAsHashes() {
    String password = create("aiko", "observer");
    String stored =
        jdbc.sql("SELECT password_hash FROM app_user WHERE name = 'aiko'")
            .query(String.class)
            .single();
    assertThat(stored).startsWith("{bcrypt}$2").doesNotContain(password);
  }

  @Test
  void loginOptionsNeedNoLoginAndListNoOidcUnlessConfigured() throws Exception {
    HttpResponse<String> options =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri("/api/login/options")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(options.statusCode()).isEqualTo(200);
    assertThat(options.body()).isEqualTo("{\"password\":true,\"oidc\":[]}");
    // the login page itself is public
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isNotIn(401, 403);
  }

  private String create(String name, String role) {
    return accounts.create(new Accounts.Request(name, role, null, null, null), "test").password();
  }
}
