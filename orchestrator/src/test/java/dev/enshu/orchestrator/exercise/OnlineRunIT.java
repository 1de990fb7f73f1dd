package dev.enshu.orchestrator.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ServerTest;
import dev.enshu.orchestrator.TestApi;
import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.access.TestAccounts;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.WholeMessages;
import dev.enshu.orchestrator.range.RangeLabels;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An online run on real containers, through the HTTP API: a trainee starts a cyder-mini run, it is
 * provisioned on Docker and started, the workspace lists its hosts running, the course endpoints
 * answer on it (topology, a message seen on the live feed, an inject fired early once, the review
 * as JSON and as a page), and once nobody uses it for the idle timeout the sweeper tears it down
 * and nothing of it is left in Docker.
 */
@ServerTest
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:online-it;DB_CLOSE_DELAY=-1",
      "enshu.online.idle-timeout=20s",
      "enshu.online.sweep-interval=1s"
    })
class OnlineRunIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String USER = "sato";

  @LocalServerPort int port;
  @Autowired DockerRangeProvider docker;
  @Autowired Journal journal;
  @Autowired Accounts accounts;
  private String trainee;
  private String instructor;

  @Test
  void anOnlineRunIsProvisionedUsedAndTornDownWhenIdle() throws Exception {
    docker.images().buildAll();
    TestAccounts users = new TestAccounts(accounts);
    // a trainee of no exercise: the run makes them its team's member
    trainee = users.trainee(USER, null, null);
    users.allowOnline(USER);
    instructor = users.instructor("sensei");
    TestApi.Response created = send("POST", "/api/online/runs", "{\"scenario\":\"e2e-mini\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = JSON.readTree(created.body()).get("exercise").asString();
    try {
      JsonNode run = awaitRun(id, "RUNNING");
      assertThat(run.get("scenario").asString()).isEqualTo("e2e-mini");
      assertThat(run.get("idleDeadline").isNull()).isFalse();
      assertThat(send("POST", "/api/online/runs", "{\"scenario\":\"e2e-mini\"}").status())
          .as("one run per user")
          .isEqualTo(409);

      JsonNode workspace = json(send("GET", "/api/exercises/" + id + "/teams/1/workspace", null));
      assertThat(workspace.get("exercise").get("mode").asString()).isEqualTo("ONLINE");
      assertThat(workspace.get("hosts").valueStream().map(h -> h.get("id").asString()).toList())
          .as("the simulated internet is one host to the trainee, without the attacker and C2")
          .containsExactlyInAnyOrder("internet", "fw", "web", "proxy", "pc", "soc");
      assertThat(workspace.get("hosts").valueStream().map(h -> h.get("state").asString()))
          .containsOnly("running");
      assertThat(workspace.get("objectives").get(0).get("attemptsLeft").asInt()).isEqualTo(3);
      assertThat(workspace.toString()).doesNotContain("sync-check.example.net");

      JsonNode topology = json(send("GET", "/api/exercises/" + id + "/teams/1/topology", null));
      assertThat(topology.get("segments")).hasSize(4);

      BlockingQueue<String> feed = feed(id);
      TestApi.Response message =
          sendAs(
              instructor,
              "POST",
              "/api/exercises/" + id + "/teams/1/messages",
              "{\"text\":\"<b>プロキシのログ</b>を確認してください\",\"severity\":\"alert\"}");
      assertThat(message.status()).as(message.body()).isEqualTo(201);
      String seen = awaitOnFeed(feed, "message.sent");
      assertThat(JSON.readTree(seen).get("data").get("text").asString())
          .isEqualTo("<b>プロキシのログ</b>を確認してください");

      assertThat(
              send("POST", "/api/exercises/" + id + "/teams/1/timeline/deface/fire", "").status())
          .as("a trainee does not fire injects")
          .isEqualTo(403);
      TestApi.Response fired =
          sendAs(instructor, "POST", "/api/exercises/" + id + "/teams/1/timeline/deface/fire", "");
      assertThat(fired.status()).as(fired.body()).isEqualTo(202);
      assertThat(
              sendAs(
                      instructor,
                      "POST",
                      "/api/exercises/" + id + "/teams/1/timeline/deface/fire",
                      "")
                  .status())
          .isEqualTo(409);

      assertThat(send("GET", "/api/exercises/" + id + "/review?team=1", null).status())
          .as("the trainee's review waits for the end of the run")
          .isEqualTo(403);
      JsonNode review =
          json(sendAs(instructor, "GET", "/api/exercises/" + id + "/review?team=1", null));
      List<String> types =
          review
              .get("teams")
              .get(0)
              .get("events")
              .valueStream()
              .map(e -> e.get("type").asString())
              .toList();
      assertThat(types).contains("message.sent", "inject.fired", "team.started");
      TestApi.Response page =
          sendAs(instructor, "GET", "/api/exercises/" + id + "/review.html", null);
      assertThat(page.headers().firstValue("Content-Type").orElse("")).contains("text/html");
      assertThat(page.body())
          .contains("事後検討レポート")
          .contains("&lt;b&gt;プロキシのログ&lt;/b&gt;")
          .doesNotContain("<b>プロキシのログ</b>");

      // nobody uses the run now: the sweeper tears it down
      awaitRun(id, null);
      assertThat(docker.list())
          .as("nothing of the run is left in Docker")
          .noneMatch(r -> id.equals(r.labels().get(RangeLabels.EXERCISE)));
      assertThat(journal.read(id, null, 0))
          .anyMatch(
              e ->
                  e.type().equals("exercise.state")
                      && "torn-down".equals(e.data().get("to"))
                      && "idle".equals(e.data().get("reason")));
    } finally {
      // a failed assertion must not leave the range behind
      send("DELETE", "/api/online/runs/" + id, null);
      docker.destroy(id + "-t1");
    }
  }

  /**
   * Polls the run list (which does not count as use) until the run is in {@code state}, or gone.
   */
  private JsonNode awaitRun(String id, String state) throws Exception {
    JsonNode found = null;
    for (int i = 0; i < 600; i++) {
      found = null;
      for (JsonNode run : json(send("GET", "/api/online/runs", null))) {
        if (run.get("exercise").asString().equals(id)) {
          found = run;
        }
      }
      if (state == null
          ? found == null
          : found != null && state.equals(found.get("state").asString())) {
        return found;
      }
      if (found != null && "FAILED".equals(found.get("state").asString())) {
        throw new AssertionError("run " + id + " failed: " + journal.read(id, null, 0));
      }
      Thread.sleep(500);
    }
    throw new AssertionError("run " + id + " did not reach " + state + "; last seen " + found);
  }

  private BlockingQueue<String> feed(String id) throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    TestApi.at(port)
        .as(trainee)
        .webSocket("/api/feed?exercise=" + id + "&team=1", new WholeMessages(received))
        .get(10, TimeUnit.SECONDS);
    // no wait: the feed sends every event stored after the handshake
    return received;
  }

  private static String awaitOnFeed(BlockingQueue<String> feed, String type) throws Exception {
    for (int i = 0; i < 100; i++) {
      String event = feed.poll(10, TimeUnit.SECONDS);
      if (event == null) {
        break;
      }
      if (type.equals(JSON.readTree(event).get("type").asString())) {
        return event;
      }
    }
    throw new AssertionError("no " + type + " on the feed");
  }

  /** As the trainee whose run it is. */
  private TestApi.Response send(String method, String path, String body) {
    return sendAs(trainee, method, path, body);
  }

  private TestApi.Response sendAs(String authorization, String method, String path, String body) {
    return TestApi.at(port).as(authorization).send(method, path, body);
  }

  private static JsonNode json(TestApi.Response response) {
    return response.expect(200).json();
  }
}
