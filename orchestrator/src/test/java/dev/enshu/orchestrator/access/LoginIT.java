package dev.enshu.orchestrator.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ServerTest;
import dev.enshu.orchestrator.TestApi;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Logging in from a browser (session cookie and CSRF token) and from a script (HTTP Basic). */
@ServerTest
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:login;DB_CLOSE_DELAY=-1",
      "enshu.data-dir=target/login-it",
      "server.forward-headers-strategy=native"
    })
class LoginIT {
  @LocalServerPort int port;
  @Autowired Accounts accounts;
  @Autowired Journal journal;
  @Autowired JdbcClient jdbc;

  /** A browser: keeps cookies, sends the CSRF header on unsafe requests. */
  TestApi browser() {
    return TestApi.at(port);
  }

  /** A browser at {@code address}, as the server sees it through X-Forwarded-For. */
  TestApi browser(String address) {
    return browser().from(address);
  }

  @Test
  void browserLogsInWithItsSessionCookieAndCsrfToken() throws Exception {
    String password = create("hana", "instructor");
    TestApi browser = browser();
    TestApi.Response csrf = browser.sendWithoutCsrf("GET", "/api/csrf", null);
    assertThat(csrf.body()).contains("\"headerName\":\"X-XSRF-TOKEN\"");

    TestApi.Response me = browser.login("hana", password);
    assertThat(me.status()).isEqualTo(200);
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
    assertThat(browser.sendWithoutCsrf("GET", "/api/me", null).body())
        .contains("\"name\":\"hana\"");

    // an unsafe request riding on the session cookie needs the CSRF header
    String body = "{\"name\":\"watcher\",\"role\":\"observer\"}";
    TestApi.Response forged = browser.sendWithoutCsrf("POST", "/api/users", body);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.body()).contains("CSRF");
    TestApi.Response made = browser.send("POST", "/api/users", body);
    assertThat(made.status()).isEqualTo(201);
    assertThat(made.body()).contains("\"password\":\"");

    assertThat(browser.send("POST", "/api/logout", null).status()).isEqualTo(204);
    assertThat(browser.sendWithoutCsrf("GET", "/api/me", null).status()).isEqualTo(401);
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
    TestApi.Response wrong = browser().login("kenji", "guessed-Secret-1");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).contains("wrong user name or password");
    assertThat(journal.read(Accounts.NO_EXERCISE, null, 0))
        .filteredOn(e -> e.type().equals("access.login.failed"))
        .anySatisfy(e -> assertThat(e.data()).containsEntry("name", "kenji"))
        .allSatisfy(e -> assertThat(e.data().toString()).doesNotContain("guessed-Secret-1"));
  }

  @Test
  void loginsPastFiveFailuresAMinuteAreRefusedWith429EvenWithTheRightPassword() throws Exception {
    String password = create("yui", "observer");
    TestApi browser = browser();
    for (int i = 0; i < 5; i++) {
      assertThat(browser.login("yui", "wrong-" + i).status()).isEqualTo(401);
    }
    TestApi.Response blocked = browser.login("yui", password);
    assertThat(blocked.status()).isEqualTo(429);
    assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
    assertThat(blocked.body()).contains("too many failed logins");
    // scripts are throttled alike
    TestApi.Response basic = browser().as(TestAccounts.header("yui", password)).get("/api/me");
    assertThat(basic.status()).isEqualTo(429);
    assertThat(basic.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void aClassroomBehindOneAddressFailingOftenDoesNotLockOutTheOthers() throws Exception {
    String classroom = "203.0.113.7";
    List<String> passwords = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      passwords.add(create("class" + i, "observer"));
      for (int j = 0; j < 3; j++) {
        assertThat(browser(classroom).login("class" + i, "typo-" + j).status()).isEqualTo(401);
      }
    }
    // 30 failures from the classroom: one who has not failed still logs in, with the right password
    String password = create("class-late", "observer");
    assertThat(browser(classroom).login("class-late", "wrong").status()).isEqualTo(401);
    assertThat(browser(classroom).login("class-late", password).status()).isEqualTo(200);
    // one who failed three times waits for the window, even with the right password
    TestApi.Response blocked = browser(classroom).login("class1", passwords.get(1));
    assertThat(blocked.status()).isEqualTo(429);
  }

  @Test
  void anAttackerFailingAsTheInstructorDoesNotLockTheInstructorOut() throws Exception {
    String password = create("sensei2", "instructor");
    String office = "192.0.2.10";
    assertThat(browser(office).login("sensei2", password).status()).isEqualTo(200);
    String attacker = "198.51.100.9";
    for (int i = 0; i < 5; i++) {
      assertThat(browser(attacker).login("sensei2", "guess-" + i).status()).isEqualTo(401);
    }
    assertThat(browser(attacker).login("sensei2", password).status()).isEqualTo(429);
    assertThat(browser("198.51.100.10").login("sensei2", "guess").status())
        .as("the name's limit holds at every address it has not logged in from")
        .isEqualTo(429);
    assertThat(browser("192.0.2.99").login("sensei2", password).status())
        .as("an address the instructor never logged in from")
        .isEqualTo(429);
    assertThat(browser(office).login("sensei2", password).status()).isEqualTo(200);
    assertThat(browser().login("sensei2", password).status())
        .as("from the server's own machine")
        .isEqualTo(200);
  }

  @Test
  void anOverlongUserNameIsRefusedUnjournalled() throws Exception {
    TestApi.Response refused = browser().login("n".repeat(129), "x");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("username: 129 characters sent, at most 128");
    assertThat(journal.read(Accounts.NO_EXERCISE, null, 0))
        .noneMatch(e -> e.data().toString().contains("n".repeat(129)));
  }

  @Test
  void scriptsUseHttpBasicWithoutCsrfToken() throws Exception {
    String password = create("script", "instructor");
    TestApi.Response made =
        browser()
            .as(TestAccounts.header("script", password))
            .post(
                "/api/users",
                "{\"name\":\"t1\",\"role\":\"trainee\",\"exercise\":\"ex\",\"team\":1}");
    assertThat(made.status()).isEqualTo(201);
    assertThat(made.body())
        .contains("\"name\":\"t1\"")
        .contains("\"role\":\"trainee\"")
        .contains("\"team\":1");
    TestApi.Response wrong = browser().as(TestAccounts.header("script", "not-it")).get("/api/me");
    assertThat(wrong.status()).isEqualTo(401);
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
    TestApi.Response options = browser().get("/api/login/options");
    assertThat(options.status()).isEqualTo(200);
    assertThat(options.body()).isEqualTo("{\"password\":true,\"oidc\":[]}");
    // the login page itself is public
    TestApi.Response page = browser().get("/");
    assertThat(page.status()).isNotIn(401, 403);
  }

  private String create(String name, String role) {
    return accounts.create(new Accounts.Request(name, role, null, null, null), "test").password();
  }
}
